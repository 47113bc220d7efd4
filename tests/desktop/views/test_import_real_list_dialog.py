"""Issue 12 in the import dialog: an office's own list into a unit just set up, with no
groups. The groups the file names are listed for creation and can be renamed or merged
before anything is written; the rows under the list are shown as skipped; the refused
rows' problems can be read in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services.core.context import open_context
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService
from tests.desktop.services.real_lists import (
    FOOTER_SKIPPED,
    GROUPS_MADE,
    IMPORTED,
    REFUSED,
    SHEET_GROUPS,
    office_list,
    sheet_per_group,
)
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def fresh_state(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty TNHH May An Phú", upper_name="LĐLĐ quận Hoàng Mai"))
    UnitService(ctx).save_groups([GroupInfo(None, "Tổ Kho vận")])  # the one group made by hand
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()


def open_dialog(qtbot, state, path):
    from desktop.views.import_dialog import ImportDialog
    dialog = ImportDialog(state, str(path))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20000)
    wait_idle(qtbot, state)
    return dialog


def preview(qtbot, state, dialog):
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    wait_idle(qtbot, state)


def shown_rows(dialog) -> list[list[str]]:
    m = dialog.preview_model
    return [[m.data(m.index(r, c)) for c in range(4)] for r in range(m.rowCount())]


def test_office_list_through_the_dialog(qtbot, fresh_state, tmp_path):
    state = fresh_state
    dialog = open_dialog(qtbot, state, office_list(tmp_path / "ds.xlsx"))
    assert not dialog.sheet_choice.isVisible()
    assert "dòng tiêu đề là dòng 7" in dialog.info.text()
    preview(qtbot, state, dialog)
    # the groups to make, listed before anything is written
    table = dialog.groups_table
    assert [table.item(i, 0).text() for i in range(table.rowCount())] == GROUPS_MADE
    assert dialog.groups_label.isVisible() and "6 tổ mới" in dialog.groups_label.text()
    dialog.rename_group("to kho", "tổ  kho vận")  # merged into the group the unit has
    dialog.rename_group("to van phong", "Tổ Hành chính")  # renamed
    assert "5 tổ mới" in dialog.groups_label.text() and "Tổ Hành chính" in dialog.groups_label.text()
    assert "gộp" in dialog.groups_label.text()
    # rows under the list: skipped, each with why
    dialog.filter.setCurrentIndex(dialog.filter.findData("skipped"))
    skipped = shown_rows(dialog)
    assert len(skipped) == FOOTER_SKIPPED and all(r[1] == "Bỏ qua" for r in skipped)
    assert any("CHỦ TỊCH" in r[2] for r in skipped)
    # refused rows: the problem in full as a tooltip, no ".;"
    dialog.filter.setCurrentIndex(dialog.filter.findData("problem"))
    refused = shown_rows(dialog)
    assert len(refused) == len(REFUSED) and all(".;" not in r[3] for r in refused)
    m = dialog.preview_model
    assert m.data(m.index(0, 3), Qt.ItemDataRole.ToolTipRole).endswith("mỗi đoàn viên ghi một dòng riêng.")
    shoot(dialog, "12a-import-office-list-groups")
    assert MemberService(state.ctx).count(MemberQuery(status=None)) == 0  # nothing written yet

    assert dialog.import_button.text() == f"Nhập {len(IMPORTED)} đoàn viên"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    wait_idle(qtbot, state)
    assert dialog.outcome.imported == len(IMPORTED)
    assert "Đã tạo 5 tổ" in dialog.info.text() and Path(dialog.outcome.report).exists()
    groups = {g.name: g.member_count for g in UnitService(state.ctx).groups()}
    assert groups == {"Tổ Kho vận": 2, "Tổ 1": 3, "Tổ 2": 2, "Tổ 3": 3, "Tổ Hành chính": 1, "Tổ Cắt": 3}
    shoot(dialog, "12b-import-office-list-done")


def test_one_sheet_per_group_through_the_dialog(qtbot, fresh_state, tmp_path):
    state = fresh_state
    dialog = open_dialog(qtbot, state, sheet_per_group(tmp_path / "to.xlsx"))
    assert dialog.all_sheets and dialog.sheet_choice.count() == 1 + len(SHEET_GROUPS)
    preview(qtbot, state, dialog)
    assert len(dialog.preview.importable) == 6
    table = dialog.groups_table
    assert [table.item(i, 0).text() for i in range(table.rowCount())] == list(SHEET_GROUPS)
    assert shown_rows(dialog)[0][0] == "Tổ May 1: 4"
    # one sheet alone
    dialog.sheet_choice.setCurrentIndex(dialog.sheet_choice.findData(1))
    assert not dialog.all_sheets and dialog.sheet == "Tổ May 2"
    preview(qtbot, state, dialog)
    assert len(dialog.preview.importable) == 2 and dialog.groups_table.rowCount() == 0


def test_sheets_named_by_year_default_to_the_first(qtbot, fresh_state, tmp_path):
    from tests.desktop.services.real_lists import write_book
    header = ["STT", "Họ và tên", "Năm sinh", "Giới tính"]
    path = write_book(tmp_path / "nam.xlsx", [("DS 2026", [header, [1, "Lê Văn Một", 1980, "Nam"]]),
                                               ("DS 2025", [header, [1, "Lê Văn Cũ", 1970, "Nam"]])])
    dialog = open_dialog(qtbot, fresh_state, path)
    assert not dialog.all_sheets and dialog.sheet == "DS 2026"
    assert dialog.sheet_choice.currentData() == 0 and dialog.sheet_choice.findData(-1) == 0
    preview(qtbot, fresh_state, dialog)
    assert [r.value.full_name for r in dialog.preview.rows] == ["Lê Văn Một"]
