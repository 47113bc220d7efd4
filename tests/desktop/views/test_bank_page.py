"""The Tiền gửi page driven as an accountant would: an empty page that says why and
offers one thing to do, an account added from the bank list, advices recorded, a refusal
shown in the service's words, cash withdrawn (the Thu chi page hears it), an entry voided,
the book printed (issue 14, item 1)."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.bank.totals import money_totals
from desktop.services.core.permissions import CurrentUser
from desktop.views.bank_dialogs import AccountDialog
from desktop.views.bank_page import BankPage
from desktop.views.cash_page import CashPage
from desktop.views.print_preview import PrintPreviewDialog
from tests.desktop.views.conftest import last_box, shoot, wait_idle

OPENED = date.today() - timedelta(days=40)


@pytest.fixture
def page(qtbot, state, vietnamese):
    p = BankPage(state)
    qtbot.addWidget(p)
    p.resize(1180, 640)
    p.show()
    qtbot.waitExposed(p)
    wait_idle(qtbot, state)
    return p


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def saved(qtbot, state, dialog):
    dialog.save()
    wait_idle(qtbot, state)
    assert not dialog.isVisible(), dialog.problems.text()
    return dialog.result_value


def add_vcb(state):
    return BankAccountService(state.ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ",
        opening_date=OPENED, opening_balance=10_000_000))


def test_an_empty_page_says_why_and_offers_to_add_an_account(qtbot, state, page):
    assert page.stack.currentIndex() == 0
    assert "chưa khai báo tài khoản ngân hàng hay kho bạc" in page.empty_text.text()
    assert page.start_button.isVisible() and page.start_button.text() == "Thêm tài khoản"
    assert page.start_button.isDefault()
    # The one highlighted button is the only one on the empty page.
    from PySide6.QtWidgets import QPushButton
    shown = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    assert shown == [page.start_button]
    shoot(page, "40-bank-empty")

    page.start_button.click()
    dialog = page.findChild(AccountDialog)
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Thêm tài khoản tiền gửi"
    dialog.reject()


def test_add_record_refuse_transfer_void_print(qtbot, state, page, tmp_path):
    dialog = page.add_account()
    assert dialog.windowTitle() == "Thêm tài khoản tiền gửi"
    # The bank found by its BIN or a part of its name, without diacritics, or chosen from the list.
    for typed, found in (("970415", "970415"), ("công thương việt", "970415"), ("lienviet", "970449"),
                         ("ngan hang", None)):
        dialog.bank.setEditText(typed)
        assert dialog.chosen_bin() == found, typed
    dialog.bank.setCurrentIndex(dialog.bank.findData("970415"))
    assert dialog.chosen_bin() == "970415"
    dialog.number.setText("101870123456")
    dialog.name.setText("CONG DOAN CO SO PHU LAM")
    dialog.opening_balance.setText("20.000.000")
    dialog.opening_date.setDate(qdate(OPENED))
    shoot(dialog, "41-bank-account-dialog")
    account = saved(qtbot, state, dialog)
    assert account.institution == "VietinBank" and account.opening_balance == 20_000_000
    wait_idle(qtbot, state)
    assert page.stack.currentIndex() == 1
    assert page.accounts.rowCount() == 1 and page.accounts.item(0, 0).text() == "VietinBank — 101870123456"
    assert page.accounts.item(0, 2).text() == "20.000.000 đ"
    cash_before = money_totals(state.ctx).cash
    assert page.money["total"].text().replace(".", "").startswith(str(20_000_000 + cash_before))

    page.set_dates(OPENED, date.today())
    wait_idle(qtbot, state)
    entry = page.record("credit")
    assert entry.category.findData("doan_phi") == -1  # dues come in per member
    entry.category.setCurrentIndex(entry.category.findData("kinh_phi"))
    entry.entry_date.setDate(qdate(OPENED + timedelta(days=1)))
    entry.amount.setText("4.800.000")
    entry.content.setText("Công ty chuyển kinh phí công đoàn tháng trước")
    entry.reference.setText("GBC0015")
    shoot(entry, "42-bank-entry-dialog")
    credit = saved(qtbot, state, entry)
    wait_idle(qtbot, state)
    assert page.model.rowCount() == 1 and page.values["closing"].text() == "24.800.000 đ"
    assert [page.model.index(0, c).data() for c in (1, 2, 5, 7)] == ["GBC0015", "Giấy báo Có", "4.800.000",
                                                                     "24.800.000"]

    # A debit larger than the balance: refused in the service's words, nothing written.
    debit = page.record("debit")
    debit.category.setCurrentIndex(debit.category.findData("tham_hoi"))
    debit.amount.setText("30.000.000")
    debit.content.setText("Chi thăm hỏi")
    debit.save()
    wait_idle(qtbot, state)
    assert debit.isVisible()
    assert "lớn hơn số dư tài khoản VietinBank 101870123456" in debit.problems.text()
    assert "không đủ chi" in debit.problems.text()
    shoot(debit, "43-bank-entry-refused")
    debit.reject()

    # Cash withdrawn: the bank side and a phiếu thu together; the Thu chi page hears it.
    cash_page = CashPage(state)
    qtbot.addWidget(cash_page)
    wait_idle(qtbot, state)
    receipts_before = cash_page.model.rowCount()
    withdrawal = page.transfer("withdrawal")
    assert withdrawal.windowTitle() == "Rút tiền gửi về quỹ tiền mặt"
    withdrawal.amount.setText("3.000.000")
    withdrawal.person.setText("Trương Thị Thu Hường")
    shoot(withdrawal, "44-bank-transfer-dialog")
    moved = saved(qtbot, state, withdrawal)
    wait_idle(qtbot, state)
    assert moved.cash_doc.kind == "thu"
    assert cash_page.model.rowCount() == receipts_before + 1
    assert page.model.rowCount() == 2 and page.values["closing"].text() == "21.800.000 đ"
    assert page.accounts.item(0, 2).text() == "21.800.000 đ"
    assert page.selected_entry().id == moved.entry.id

    # The credit voided: kept, struck out, no longer counted.
    page.table.selectRow(0)
    assert page.selected_entry().id == credit.id
    void = page.void_selected()
    void.save()
    wait_idle(qtbot, state)
    assert void.isVisible() and "Lý do hủy" in void.problems.text()
    void.reason.setText("Ghi trùng giấy báo")
    shoot(void, "45-bank-void-dialog")
    saved(qtbot, state, void)
    wait_idle(qtbot, state)
    assert page.model.rows[0].entry.voided and "(đã hủy)" in page.model.index(0, 3).data()
    assert page.values["closing"].text() == "17.000.000 đ"
    shoot(page, "46-bank-page")

    page.print_book()
    wait_idle(qtbot, state)
    preview = page.preview
    assert isinstance(preview, PrintPreviewDialog) and preview.isVisible()
    assert preview.windowTitle().startswith("Xem trước khi in: Sổ tiền gửi VietinBank — 101870123456")
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10000)
    shoot(preview, "47-bank-book-preview")
    preview.reject()

    # The selected entry printed as its giấy báo, with its account pair.
    page.table.selectRow(1)
    page.print_advice()
    wait_idle(qtbot, state)
    advice = page.preview
    assert advice is not preview and advice.isVisible()
    assert advice.windowTitle().startswith("Xem trước khi in: Giấy báo Nợ ngày")
    qtbot.waitUntil(lambda: 0 in advice.rendered_pages(), timeout=10000)
    advice.reject()


def test_an_account_corrected_and_a_wrong_one_refused_by_field(qtbot, state, page):
    add_vcb(state)
    wait_idle(qtbot, state)  # the page hears the write and shows the account
    assert page.stack.currentIndex() == 1
    dialog = page.edit_account()
    assert dialog.windowTitle() == "Sửa tài khoản tiền gửi"
    assert dialog.chosen_bin() == "970436" and dialog.number.text() == "0071001234567"
    assert dialog.opening_balance.text() == "10.000.000"
    dialog.name.setText("CÔNG ĐOÀN CƠ SỞ PHÚ LÂM")
    assert saved(qtbot, state, dialog).account_name == "CÔNG ĐOÀN CƠ SỞ PHÚ LÂM"
    wait_idle(qtbot, state)
    assert page.accounts.item(0, 1).text() == "CÔNG ĐOÀN CƠ SỞ PHÚ LÂM"

    other = page.add_account()
    other.bank.setEditText("không có ngân hàng này")
    other.number.setText("12ab")
    other.save()
    wait_idle(qtbot, state)
    text = other.problems.text()
    assert "cần chọn ngân hàng trong danh sách" in text and "chỉ gồm chữ số" in text and "Tên tài khoản" in text
    assert other.fields["bank_bin"].styleSheet() and other.fields["account_number"].styleSheet()
    other.kind.setCurrentIndex(other.kind.findData("treasury"))
    assert not other.bank.isVisible() and other.institution.isVisible()
    other.reject()


def test_a_role_without_money_is_told_why(qtbot, state, page):
    add_vcb(state)
    wait_idle(qtbot, state)
    state.ctx.user = CurrentUser("u", "Người xem", "viewer")
    dialog = page.record("interest")
    assert not dialog.category.isVisible()
    dialog.amount.setText("12.345")
    dialog.content.setText("Lãi tiền gửi")
    dialog.save()
    wait_idle(qtbot, state)
    assert "phiếu thu" in last_box().text()
    last_box().close()
    dialog.reject()


def test_the_statement_import_opens_for_the_selected_account(qtbot, state, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.views.bank_import_dialog import BankImportDialog
    account = add_vcb(state)
    wait_idle(qtbot, state)
    path = str(tmp_path / "saoke.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (path, "")))
    assert page.import_button.isVisible()
    page.import_button.click()
    dialog = page.findChild(BankImportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.account_id == account.id and dialog.path == path
    dialog.reject()
    wait_idle(qtbot, state)


def test_an_entry_of_a_closed_year_is_corrected_not_voided(qtbot, tmp_path, vietnamese):
    """Issue 14, item 11: "Hủy bút toán" on a closed year's entry says why it cannot, and
    offers the adjusting entry in the open year, which names the entry it corrects."""
    from PySide6.QtWidgets import QLabel as QLabelType
    from PySide6.QtWidgets import QMessageBox

    from desktop.services.core.context import open_context
    from desktop.services.year import YearService
    from desktop.views.app_state import AppState
    from desktop.views.bank_dialogs import EntryDialog as EntryDialogType
    from tests.desktop.services.year_helpers import money_year
    from tests.desktop.views.conftest import last_box

    ctx = open_context(tmp_path / "unit.sqlite3")
    ids = money_year(ctx, 2025)
    years = YearService(ctx)
    years.close(2024)
    years.close(2025)
    st = AppState(ctx)
    try:
        p = BankPage(st)
        qtbot.addWidget(p)
        p.resize(1180, 640)
        p.show()
        p.set_dates(date(2025, 1, 1), date(2025, 12, 31))
        wait_idle(qtbot, st)
        row = next(i for i, line in enumerate(p.model.rows) if line.entry.id == ids["credit"])
        p.table.selectRow(row)
        assert p.void_selected() is None
        box = last_box()
        assert "đã khoá sổ" in box.text() and "điều chỉnh" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: isinstance(p.findChild(EntryDialogType, "bankEntryDialog"), EntryDialogType))
        dialog = p.findChild(EntryDialogType, "bankEntryDialog")
        assert dialog.kind.currentData() == "debit" and "Điều chỉnh cho" in dialog.findChild(
            QLabelType, "bankEntryCorrects").text()
        dialog.amount.setText("200.000")
        dialog.content.setText("Điều chỉnh giấy báo Có ngày 15/03/2025 ghi thừa")
        dialog.category.setCurrentIndex(dialog.category.findData("chi_khac"))
        adjusted = saved(qtbot, st, dialog)
        assert adjusted.corrects_id == ids["credit"] and adjusted.entry_date.year == date.today().year
        assert not BankBookService(ctx).entry(ids["credit"]).voided
    finally:
        st.runner.shutdown()
        ctx.close()
