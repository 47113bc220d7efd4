"""Chuyển sinh hoạt on screen (issue 15, item 8): the member's page records a transfer to
another unit through its dialog (problems shown in it, personal data only with consent),
and the members page lists what other units sent, to accept or decline with a reason.
The server's part is tests/e2e/test_sync_member_transfer.py; here a proposal is put in the
database as a pull would."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.models import MemberTransfer
from desktop.services.core.context import open_context
from desktop.services.members.service import MemberService
from desktop.services.members.transfer import TransferService
from desktop.services.units.service import UnitInfo, UnitService
from protocol.transfers import member_id_for
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def unit(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty Dệt may Hòa Thọ", upper_name="LĐLĐ TP Đà Nẵng", code="U0001"))
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()


def _member(state, name: str, consent: bool) -> str:
    raw = {"full_name": name, "birth_date": "12/05/1990", "gender": "Nữ", "id_number": "046190000111",
           "joined_date": "01/06/2015"}
    return MemberService(state.ctx).add({**raw, "consent_date": "05/01/2026"} if consent else raw).id


def _proposal(state, name: str) -> str:
    """A proposal of another unit as the pull brings it."""
    with state.ctx.write() as s:
        t = MemberTransfer(direction="in", to_unit_code="U0001", from_unit_code="U0002",
                           from_unit_name="CĐCS Công ty Cổ phần Cao su Đà Nẵng", transfer_date=date(2026, 3, 2),
                           with_personal_data=False, status="proposed",
                           member_data=json.dumps({"full_name": name, "gender": "Nam", "birth_date": "1988-02-03"}))
        s.add(t)
        s.flush()
        return t.id


def test_the_member_page_records_a_transfer_out(qtbot, unit):
    from desktop.views.member_editor import MemberEditor
    mid = _member(unit, "Trần Thị Hoa", consent=False)
    editor = MemberEditor(unit, mid)
    qtbot.addWidget(editor)
    assert editor.transfer_button.isEnabled()
    qtbot.mouseClick(editor.transfer_button, Qt.MouseButton.LeftButton)
    d = editor.transfer_dialog
    # No consent recorded: only who they are may go.
    assert not d.personal.isEnabled()
    d.unit_code.setText("U0001")
    d.buttons.accepted.emit()
    wait_idle(qtbot, unit)
    assert "chính đơn vị này" in d.problem.text() and d.isVisible()
    d.unit_code.setText("")
    d.buttons.accepted.emit()
    wait_idle(qtbot, unit)
    assert "“Mã đơn vị chuyển đến” không được để trống" in d.problem.text()
    d.unit_code.setText("U0002")
    d.reason.setText("Chuyển công tác")
    d.buttons.accepted.emit()
    wait_idle(qtbot, unit)
    qtbot.waitUntil(lambda: not d.isVisible())
    assert MemberService(unit.ctx).get(mid).status == "transferred_out"
    assert "Đã chuyển đi" in editor.status_label.text() and not editor.transfer_button.isEnabled()
    [t] = TransferService(unit.ctx).transfers("out")
    assert (t.to_unit_code, t.reason, t.with_personal_data) == ("U0002", "Chuyển công tác", False)


def test_with_consent_the_personal_data_may_go(qtbot, unit):
    from desktop.views.member_editor import MemberEditor
    mid = _member(unit, "Lê Thị Lan", consent=True)
    editor = MemberEditor(unit, mid)
    qtbot.addWidget(editor)
    editor.transfer_out()
    d = editor.transfer_dialog
    assert d.personal.isEnabled()
    d.unit_code.setText("U0002")
    d.personal.setChecked(True)
    d.buttons.accepted.emit()
    wait_idle(qtbot, unit)
    [t] = TransferService(unit.ctx).transfers("out")
    assert t.with_personal_data and t.member_data["id_number"] == "046190000111"


def test_the_members_page_accepts_and_declines_proposals(qtbot, unit):
    from desktop.views.members_page import MembersPage
    first = _proposal(unit, "Nguyễn Văn Đức")
    second = _proposal(unit, "Phạm Văn Bình")
    page = MembersPage(unit)
    qtbot.addWidget(page)
    page.resize(1366 - 200, 768 - 120)  # the page's room in the window at 1366×768, beside the menu
    page.show()
    panel = page.transfers
    assert panel.isVisible() and panel.table.rowCount() == 2
    # The sending unit's long name is read whole, not cut.
    where = panel.table.item(0, panel.UNIT_COLUMN).text()
    assert "Cao su Đà Nẵng" in where
    assert panel.table.columnWidth(panel.UNIT_COLUMN) > panel.table.fontMetrics().horizontalAdvance(where)
    shoot(page, "transfers-panel")
    assert not panel.accept_button.isEnabled()  # nothing selected yet
    row = next(i for i, t in enumerate(panel.rows) if t.id == first)
    panel.table.selectRow(row)
    assert panel.accept_button.isEnabled()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, unit)
    d = MemberService(unit.ctx).get(member_id_for(first))
    assert d.data.full_name == "Nguyễn Văn Đức" and [e.kind for e in d.events] == ["transferred_in"]
    qtbot.waitUntil(lambda: page.model.total == 1)  # the list of members heard of it

    row = next(i for i, t in enumerate(panel.rows) if t.id == second)
    panel.table.selectRow(row)
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, unit)
    assert "“Lý do từ chối” không được để trống" in panel.problem.text()
    panel.decline_reason.setText("Không có người này ở công ty")
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, unit)
    assert TransferService(unit.ctx).get(second).status == "declined"
    assert panel.problem.text() == ""
    # Answered proposals leave the list: nothing is left to show.
    qtbot.waitUntil(lambda: not panel.isVisible())


def test_a_transfer_not_taken_by_the_server_gets_another_unit(qtbot, unit):
    from desktop.views.members_page import MembersPage
    mid = _member(unit, "Võ Thị Sáu", consent=False)
    TransferService(unit.ctx).transfer_out(mid, "KHONG-CO", date(2026, 3, 2))
    page = MembersPage(unit)
    qtbot.addWidget(page)
    page.show()
    panel = page.transfers
    assert panel.isVisible() and panel.table.item(0, 5).text() == "Chưa gửi đến máy chủ"
    assert not panel.redirect_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.redirect_button.isEnabled() and not panel.accept_button.isEnabled()
    panel.redirect_code.setText("U0001")
    qtbot.mouseClick(panel.redirect_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, unit)
    assert "chính đơn vị này" in panel.problem.text()
    panel.redirect_code.setText("U0002")
    qtbot.mouseClick(panel.redirect_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, unit)
    assert panel.problem.text() == "" and TransferService(unit.ctx).transfers("out")[0].to_unit_code == "U0002"
    assert "đến U0002" in panel.table.item(0, 3).text()
