from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services.cash import CashService
from desktop.services.dues import DuesService
from desktop.services.units import DuesSettings
from tests.desktop.views.conftest import last_box, shoot, wait_idle


def open_page(qtbot, state, month=(2026, 10)):
    from desktop.views.main_window import MainWindow
    state.units.save_dues_settings(DuesSettings(dues_group=3, dues_from=date(2026, 7, 1), place="Dĩ An",
                                                qhns_code="1234567"))
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.show()
    w.nav.setCurrentRow(1)
    page = w.dues_page
    page.month.setDate(QDate(*month, 1))
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=30000)
    return w, page


def select_rows(page, rows):
    sel = page.table.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_collection_page_collects_selected_members(qtbot, state):
    w, page = open_page(qtbot, state)
    lines = DuesService(state.ctx).period("2026-10")
    assert page.model.rowCount() == len(lines)
    assert page.model.rows[0].due > 0 and page.model.rows[0].arrears > 0  # July–September unpaid
    shoot(w, "13-dues-page")
    owing = [i for i, r in enumerate(page.model.rows) if r.owed][:3]
    expected = sum(page.model.rows[i].owed for i in owing)
    select_rows(page, owing)
    page.pay_selected()
    box = last_box()
    assert "3 đoàn viên" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    docs = CashService(state.ctx).docs()
    assert len(docs) == 3 and sum(d.amount for d in docs) == expected
    assert sum(1 for r in page.model.rows if r.owed == 0 and r.due) >= 3


def test_collect_a_whole_group_in_one_receipt(qtbot, state):
    w, page = open_page(qtbot, state)
    page.group.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    rows = [r for r in page.model.rows if r.owed]
    dialog = page.pay_group()
    dialog.payer.setText("Nguyễn Thị Tổ Trưởng")
    dialog._ok()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    docs = CashService(state.ctx).docs()
    assert len(docs) == 1 and docs[0].amount == sum(r.owed for r in rows)
    assert docs[0].person_name == "Nguyễn Thị Tổ Trưởng"
    assert len(CashService(state.ctx).allocations(docs[0].id)) == len(rows)


def test_pay_many_months_and_ledger(qtbot, state):
    w, page = open_page(qtbot, state)
    i = next(i for i, r in enumerate(page.model.rows) if r.arrears and r.status == "active")
    line = page.model.rows[i]
    select_rows(page, [i])
    dialog = page.pay_months()
    months = dialog.chosen()
    assert months and dialog.amount == line.arrears + line.owed + sum(
        m.due.total for m in dialog.months if m.month in months and m.month > 2026 * 12 + 9)
    shoot(dialog, "14-pay-months")
    dialog.pay()
    wait_idle(qtbot, state)
    assert dialog.doc is not None and dialog.doc.amount == dialog.amount
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    select_rows(page, [next(i for i, r in enumerate(page.model.rows) if r.member_id == line.member_id)])
    assert page.model.rows[page.table.selectionModel().selectedRows()[0].row()].owed == 0
    ledger = page.open_ledger()
    assert ledger.table.rowCount() > 0
    # change the salary from next month, and exempt a month
    ledger.basis_month.setDate(QDate(2026, 12, 1))
    ledger.basis_amount.setText("12.000.000")
    ledger.save_basis()
    wait_idle(qtbot, state)
    assert DuesService(state.ctx).due(line.member_id, "2026-12").total == 60_000
    ledger.exempt_from.setDate(QDate(2027, 1, 1))
    ledger.exempt_to.setDate(QDate(2027, 3, 1))
    ledger.exempt_reason.setCurrentIndex(ledger.exempt_reason.findData("maternity"))
    ledger.save_exemption()
    wait_idle(qtbot, state)
    assert DuesService(state.ctx).due(line.member_id, "2027-02").total == 0
    assert "thai sản" in ledger.exemptions.text()
    shoot(ledger, "15-ledger")
