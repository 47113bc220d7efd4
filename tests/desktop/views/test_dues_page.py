from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from desktop.services.cash.service import CashService
from desktop.services.dues.service import DuesService
from desktop.services.units.service import DuesSettings
from tests.desktop.views.conftest import last_box, shoot, wait_idle


def open_page(qtbot, state, month=(2026, 10)):
    from desktop.views.main_window import MainWindow
    state.units.save_dues_settings(DuesSettings(dues_group=3, dues_from=date(2026, 7, 1), place="Dĩ An",
                                                qhns_code="1234567"))
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.show()
    w.nav.setCurrentRow(w.pages.indexOf(w.dues_page))
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
    _w, page = open_page(qtbot, state)
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
    _w, page = open_page(qtbot, state)
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


def test_print_sheet_payroll_and_remit(qtbot, state, tmp_path):
    import pypdfium2 as pdfium
    from openpyxl import Workbook
    _w, page = open_page(qtbot, state)
    page.group.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    page.print_sheet()
    wait_idle(qtbot, state)
    pdf = pdfium.PdfDocument(page.last_preview.pdf_path)
    text = pdf[0].get_textpage().get_text_range()
    assert "DANH SÁCH THU ĐOÀN PHÍ" in text and page.group.currentText() in text
    page.last_preview.reject()

    # the employer's payroll list for October: the first three members of the group
    rows = [r for r in page.model.rows if r.owed][:3]
    members = {m.id: m for m in (state.members.get(r.member_id) for r in rows)}
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Số CCCD", "Số tiền"])
    for i, r in enumerate(rows, start=1):
        ws.append([i, r.full_name, members[r.member_id].data.id_number, r.owed])
    path = tmp_path / "bang-ke.xlsx"
    wb.save(path)
    dialog = page.open_payroll()
    dialog.load_file(str(path))
    wait_idle(qtbot, state)
    assert dialog.table.rowCount() == 3 and dialog.commit_button.isEnabled()
    dialog.employer.setText("Công ty TNHH May mặc Sao Việt")
    dialog.total.setText(f"{sum(r.owed for r in rows):,}".replace(",", "."))
    shoot(dialog, "18-payroll")
    dialog.commit()
    wait_idle(qtbot, state)
    assert dialog.doc is not None and dialog.doc.amount == sum(r.owed for r in rows)

    remit = page.open_remit()
    wait_idle(qtbot, state)
    remit.first.setDate(QDate(*date.today().timetuple()[:2], 1))
    remit.last.setDate(QDate(*date.today().timetuple()[:2], 1))
    remit.compute()
    wait_idle(qtbot, state)
    assert remit.plan.collected == dialog.doc.amount and remit.plan.amount == round(remit.plan.standard * 0.3)
    remit.record()
    wait_idle(qtbot, state)
    assert remit.voucher is not None and remit.voucher.amount == remit.plan.amount
    shoot(remit, "19-remit")
    remit.print_statement()
    wait_idle(qtbot, state)
    text = pdfium.PdfDocument(remit.last_preview.pdf_path)[0].get_textpage().get_text_range()
    assert "BẢNG KÊ TRÍCH NỘP ĐOÀN PHÍ" in text


def test_the_summary_says_what_its_count_counts(qtbot, state):
    """Issue 16, item 6: the dues list's count is not the union's member count: it says
    how many are on the list and how many must pay this period, with the thousands dot."""
    from desktop.views.formatting import count
    _w, page = open_page(qtbot, state)
    lines = DuesService(state.ctx).period("2026-10")
    text = page.summary.text()
    assert text.startswith(f"{count(len(lines))} đoàn viên trong danh sách, "
                           f"{count(sum(1 for ln in lines if ln.due > 0))} phải đóng đoàn phí kỳ này")
    assert count(2902) == "2.902" and count(1_234_567) == "1.234.567" and count(12) == "12"
