"""Issue 2, item 9: the user corrects the guessed column mapping in the import dialog,
the preview follows the correction, and the import writes what the corrected mapping says."""

import sqlite3

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop.services.members.service import MemberQuery
from tests.desktop.views.conftest import shoot, wait_idle

# Name, birth date, sex, CCCD, "Điện thoại" (the office's extension, not a phone number),
# "ĐT liên lạc" (the member's own mobile, in the ways offices write it).
PEOPLE = [
    ("Hoàng Thị Mỹ Duyên", "02/05/1994", "Nữ", "001194077301", "máy lẻ 12", "0912 345 678"),
    ("Quách Văn Thưởng", "12/11/1988", "Nam", "001088077302", "máy lẻ 15", "0987.654.321"),
    ("Lục Thị Xuân Hòa", "21/03/1990", "Nữ", "001190077303", "máy lẻ 20", 983111222),  # number cell: 0 lost
]
EXPECTED_PHONES = {"Hoàng Thị Mỹ Duyên": "0912345678", "Quách Văn Thưởng": "0987654321",
                   "Lục Thị Xuân Hòa": "0983111222"}


def make_file(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐOÀN VIÊN"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Điện thoại", "ĐT liên lạc"])
    for i, p in enumerate(PEOPLE, start=1):
        ws.append([i, *p])
    wb.save(path)
    return path


def combo(dialog, column: int) -> QComboBox:
    """The drop-down the table shows in the column's row ("Nhập vào trường")."""
    box = dialog.mapping_table.cellWidget(column, 3)
    assert isinstance(box, QComboBox) and box.objectName() == f"map_{column}"
    return box


def choose(box: QComboBox, key: str) -> None:
    """What a user's pick in the drop-down does: the current item changes."""
    index = box.findData(key)
    assert index >= 0, key
    box.setCurrentIndex(index)


def problems(dialog) -> list[str]:
    m = dialog.preview_model
    return [m.data(m.index(r, 3)) for r in range(m.rowCount())]


def test_user_corrects_the_phone_column_before_import(qtbot, state, tmp_path):
    from desktop.views.main_window import MainWindow
    w = MainWindow(state)
    qtbot.addWidget(w)
    path = make_file(tmp_path / "ds-dien-thoai.xlsx")
    before = state.members.count(MemberQuery(status=None))

    dialog = w.members_page.open_import(str(path))
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20000)
    wait_idle(qtbot, state)
    # The guess: "Điện thoại" (the extensions) → phone; "ĐT liên lạc" left out.
    assert combo(dialog, 5).currentData() == "phone"
    assert combo(dialog, 6).currentData() == ""
    assert dialog.mapping_table.item(6, 1).text() == "ĐT liên lạc"

    # Preview with the guess: every row has a warning about its "phone", which would be
    # left empty (an optional field never costs a member, issue 12).
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    wait_idle(qtbot, state)
    assert dialog.preview_model.rowCount() == 3
    assert all("Cột F “Điện thoại”: “máy lẻ" in p for p in problems(dialog)), problems(dialog)
    assert all(r.status == "warning" and r.value.phone is None for r in dialog.preview.rows)
    assert state.members.count(MemberQuery(status=None)) == before

    # Back to the mapping (it keeps the mapping last previewed), and correct it there.
    first_preview = dialog.preview
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 0
    assert not dialog.import_button.isEnabled() and dialog.import_button.text() == "Nhập"  # no stale "0"
    assert combo(dialog, 5).currentData() == "phone"
    choose(combo(dialog, 5), "")        # "Điện thoại": (không nhập)
    choose(combo(dialog, 6), "phone")   # "ĐT liên lạc": Điện thoại
    assert dialog.mapping().get(6) == "phone" and 5 not in dialog.mapping()
    shoot(dialog, "09b-import-mapping-corrected")

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not first_preview and dialog.preview is not None, timeout=20000)
    wait_idle(qtbot, state)
    assert dialog.stack.currentIndex() == 1
    assert dialog.preview_model.rowCount() == 3
    assert problems(dialog) == ["", "", ""]
    assert {r.value.full_name: r.value.phone for r in dialog.preview.rows} == EXPECTED_PHONES
    assert dialog.import_button.isEnabled() and "3" in dialog.import_button.text()
    assert state.members.count(MemberQuery(status=None)) == before  # still nothing written
    shoot(dialog, "09c-import-preview-corrected")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    wait_idle(qtbot, state)
    assert dialog.outcome.imported == 3
    assert state.members.count(MemberQuery(status=None)) == before + 3

    db = sqlite3.connect(tmp_path / "unit.sqlite3")
    try:
        names = tuple(EXPECTED_PHONES)
        got = dict(db.execute(
            f"SELECT full_name, phone FROM member WHERE deleted_at IS NULL AND full_name IN ({','.join('?' * 3)})",
            names).fetchall())
    finally:
        db.close()
    assert got == EXPECTED_PHONES
    shoot(dialog, "09d-import-corrected-done")
