"""Issue 14, item 4 in the windows: the receiving account in Settings, and the dues
page's "In thông báo đoàn phí (mã QR)" for the selected members or a group, through the
print preview; refused with the reason when no account is chosen."""

from datetime import date

import pypdfium2 as pdfium

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.receiving import DuesAccountService
from tests.desktop.views.conftest import last_box, shoot, wait_idle
from tests.desktop.views.test_dues_page import open_page, select_rows


def add_account(state):
    return BankAccountService(state.ctx).add(AccountInput(
        kind="bank", bank_bin="970415", account_number="105001234567", account_name="CONG DOAN CO SO DI AN",
        opening_date=date(2026, 1, 1))).id


def pdf_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_receiving_account_tab(qtbot, state):
    from desktop.views.settings_dialog import SettingsDialog
    dialog = SettingsDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.dues_account
    dialog.tabs.setCurrentWidget(form)
    assert form.empty.isVisibleTo(dialog) and not form.save_button.isEnabled()
    assert dialog.close_button.isVisibleTo(dialog)  # acts at once: no dialog-wide Lưu here
    account = add_account(state)
    form.load()
    assert not form.empty.isVisibleTo(dialog) and form.account.count() == 2
    form.account.setCurrentIndex(form.account.findData(account))
    shoot(dialog, "settings-dues-account")
    form.save_button.click()
    wait_idle(qtbot, state)
    chosen = DuesAccountService(state.ctx).get()
    assert chosen is not None and chosen.account.id == account
    assert "VietinBank — 105001234567" in form.status.text()
    again = SettingsDialog(state)  # opened again: the choice is shown
    qtbot.addWidget(again)
    assert again.dues_account.account.currentData() == account


def test_notice_button_prints_the_selected_members(qtbot, state):
    w, page = open_page(qtbot, state)
    page.print_notices()  # nothing selected, no group
    assert "Chọn những đoàn viên" in last_box().text()
    last_box().close()
    owing = [i for i, r in enumerate(page.model.rows) if r.owed][:2]
    names = [page.model.rows[i].full_name for i in owing]
    select_rows(page, owing)
    page.print_notices()
    wait_idle(qtbot, state)
    assert "Chưa chọn tài khoản nhận đoàn phí" in last_box().text()
    last_box().close()
    DuesAccountService(state.ctx).set(add_account(state))
    page.print_notices()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: getattr(page, "last_preview", None) is not None, timeout=30000)
    preview = page.last_preview
    text = pdf_text(preview.pdf_path)
    assert text.count("THÔNG BÁO ĐOÀN PHÍ") == 2 and all(n in text for n in names)
    assert "105001234567" in text
    shoot(w, "dues-page-notice-button")
    preview.close()


def test_notice_button_prints_a_group(qtbot, state):
    _w, page = open_page(qtbot, state)
    page.group.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    owing = [r for r in page.model.rows if r.owed]
    assert owing
    DuesAccountService(state.ctx).set(add_account(state))
    page.table.clearSelection()
    page.print_notices()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: getattr(page, "last_preview", None) is not None, timeout=30000)
    assert pdf_text(page.last_preview.pdf_path).count("THÔNG BÁO ĐOÀN PHÍ") == len(owing)
    page.last_preview.close()
