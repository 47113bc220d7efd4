"""Issue 12, items 9 and 11: the first start as a new office lives it. The wizard asks the
opening cash balance and a bank or treasury account with its balance, each with its day,
writes them with the unit in one transaction, and keeps Enter for its fields (the group
box adds the group); the empty home page says what to do first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from desktop.services.bank.accounts import BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.services.core.errors import ValidationError
from desktop.views.setup_wizard import SetupWizard
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def fresh(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "new.sqlite3")
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()


def _to_groups_page(wizard):
    wizard.unit_form.name.setText("Công đoàn cơ sở Công ty TNHH Dệt Phong Phú")
    wizard.unit_form.upper_name.setText("Công đoàn Khu công nghệ cao TP. Hồ Chí Minh")
    wizard.next()
    wizard.next()


def test_wizard_enter_adds_the_group_and_the_opening_balance_is_saved(qtbot, fresh):
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    _to_groups_page(wizard)
    assert wizard.currentPage() is wizard.opening_page
    wizard.opening.amount.setText("12,5 triệu")  # not an amount: stays, says so
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    assert "Tồn quỹ tiền mặt" in wizard.opening_page.error.text()
    wizard.opening.amount.setText("1.000.000.000.000")  # over the bound of every amount
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    assert "quá lớn" in wizard.opening_page.error.text()
    wizard.opening.amount.setText("12.500.000")
    wizard.opening.on_date.setDate(QDate(2026, 7, 1))
    assert wizard.opening_page.error.text() == ""
    shoot(wizard, "12-01-wizard-opening-balance")
    wizard.next()
    assert wizard.currentPage() is wizard.groups_page

    # Enter in the group box adds the group; the wizard stays open on its page.
    for name in ("Tổ Dệt 1", "Tổ Nhuộm"):
        wizard.groups.new_name.setText(name)
        wizard.groups.new_name.setFocus()
        qtbot.keyClick(wizard.groups.new_name, Qt.Key.Key_Return)
    qtbot.keyClick(wizard.groups.new_name, Qt.Key.Key_Enter)  # empty: nothing added, nothing finished
    assert wizard.isVisible() and wizard.currentPage() is wizard.groups_page
    assert [wizard.groups.list.item(i).text() for i in range(wizard.groups.list.count())] == ["Tổ Dệt 1", "Tổ Nhuộm"]
    assert not fresh.units.is_set_up()  # nothing written yet
    shoot(wizard, "12-02-wizard-groups-enter")

    wizard.accept()
    info = fresh.units.get()
    assert info.name.endswith("Phong Phú")
    assert [g.name for g in fresh.units.groups()] == ["Tổ Dệt 1", "Tổ Nhuộm"]
    settings = fresh.units.dues_settings()
    assert (settings.opening_balance, settings.opening_date) == (12_500_000, date(2026, 7, 1))
    book = CashService(fresh.ctx).cash_book(date(2026, 7, 1), date(2026, 7, 31))
    assert book.opening == 12_500_000


def test_wizard_empty_opening_balance_is_zero(qtbot, fresh):
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_groups_page(wizard)
    wizard.next()
    wizard.accept()
    assert fresh.units.dues_settings().opening_balance == 0
    assert BankAccountService(fresh.ctx).accounts() == []  # the bank fields left empty: no account


def _problem(qtbot, wizard, **typed):
    """Type into the money page's fields, press Tiếp: the page stays and says what is wrong."""
    for name, text in typed.items():
        getattr(wizard.opening, name).setText(text)
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    return wizard.opening_page.error.text()


def test_wizard_asks_the_cash_and_a_bank_account_with_their_dates(qtbot, fresh, vietnamese):
    """Issue 12, item 9: the opening cash and bank balances, with the day they hold on,
    through to the bank book and the home page."""
    today = date.today()
    cash_day, bank_day = today.replace(day=1), today.replace(day=1) - timedelta(days=1)
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    _to_groups_page(wizard)
    page = wizard.opening
    assert wizard.currentPage() is wizard.opening_page
    assert "Tiền gửi" in wizard.findChild(QLabel, "wizardBankHint").text()  # where to add one later
    page.amount.setText("12.500.000")
    page.on_date.setDate(QDate(cash_day.year, cash_day.month, cash_day.day))
    assert page.balance_date.date() == page.on_date.date()  # the bank's day follows the cash's
    assert page.on_date.maximumDate() == QDate.currentDate() == page.balance_date.maximumDate()  # none ahead

    # The bank chosen from the list by what is typed; each wrong field named, in Vietnamese.
    page.bank.setEditText("vietin")
    assert page.bank.chosen_bin() == "970415"
    shown = _problem(qtbot, wizard, number="1140-abc")
    assert "Số tài khoản “1140-abc” chỉ gồm chữ số" in shown and "Tên tài khoản: cần ghi tên" in shown
    assert page.number.styleSheet() and page.name.styleSheet() and not page.balance.styleSheet()
    page.number.setText("114000001234")
    page.name.setText("CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH DỆT PHONG PHÚ")
    assert "Số dư đầu kỳ của tài khoản: “25 tr” không phải số tiền" in _problem(qtbot, wizard, balance="25 tr")
    assert "Số dư đầu kỳ của tài khoản quá lớn" in _problem(qtbot, wizard, balance="1.000.000.000.000")
    page.bank.setEditText("ngân hàng không có")
    assert "Ngân hàng: cần chọn ngân hàng trong danh sách" in _problem(qtbot, wizard, balance="250.000.000")
    assert page.bank.styleSheet()
    page.bank.setCurrentIndex(page.bank.findData("970415"))
    assert not page.bank.styleSheet()  # changed: no longer marked
    page.balance_date.setDate(QDate(bank_day.year, bank_day.month, bank_day.day))

    # Enter in a field goes to the next one; it never leaves the page nor finishes.
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert wizard.focusWidget() is page.balance
    qtbot.keyClick(page.balance, Qt.Key.Key_Enter)
    assert wizard.focusWidget() is page.balance_date
    qtbot.keyClick(page.balance_date, Qt.Key.Key_Return)  # the last field: stays
    page.number.setFocus()
    qtbot.keyClick(page.bank.search, Qt.Key.Key_Return)
    assert wizard.isVisible() and wizard.currentPage() is wizard.opening_page
    assert wizard.opening_page.error.text() == ""
    shoot(wizard, "12-04-wizard-money")
    wizard.next()
    assert wizard.currentPage() is wizard.groups_page
    assert not fresh.units.is_set_up() and BankAccountService(fresh.ctx).accounts() == []  # nothing yet
    wizard.groups.new_name.setText("Tổ Dệt 1")
    wizard.accept()

    [account] = BankAccountService(fresh.ctx).accounts()
    assert (account.kind, account.bank_bin, account.institution, account.account_number, account.opening_balance,
            account.opening_date) == ("bank", "970415", "VietinBank", "114000001234", 250_000_000, bank_day)
    assert account.account_name == "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH DỆT PHONG PHÚ"
    book = BankBookService(fresh.ctx).book(account.id, bank_day, today)
    assert (book.opening, book.lines, book.closing) == (250_000_000, [], 250_000_000)
    settings = fresh.units.dues_settings()
    assert (settings.opening_balance, settings.opening_date) == (12_500_000, cash_day)
    assert [g.name for g in fresh.units.groups()] == ["Tổ Dệt 1"]

    # The home page: the cash and the bank apart, and together.
    fresh.members.add({"full_name": "Lê Văn Tám", "birth_date": "05/06/1985", "gender": "Nam",
                       "joined_date": "01/01/2020"})
    w = _main(qtbot, fresh)
    money = w.home_page.data.money
    assert (money.cash, money.bank, money.total) == (12_500_000, 250_000_000, 262_500_000)
    card = w.home_page.cards["money"]
    assert card.figure.text() == "262.500.000 đ"
    assert card.note.text() == "Tiền mặt: 12.500.000\nTiền gửi: 250.000.000"
    assert "VietinBank — 114000001234: 250.000.000 đ" in card.toolTip()
    shoot(w, "12-05-home-cash-and-bank")
    # A bank advice recorded later: the home page reads its figures again.
    with qtbot.waitSignal(w.home_page.loaded, timeout=30000):
        BankBookService(fresh.ctx).record(account_id=account.id, kind="interest", entry_date=today, amount=52_000,
                                          content="Lãi tiền gửi tháng")
    assert w.home_page.data.money.bank == 250_052_000


def test_wizard_treasury_account_needs_its_office(qtbot, fresh):
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_groups_page(wizard)
    page = wizard.opening
    page.kind.setCurrentIndex(page.kind.findData("treasury"))
    assert page.institution.isVisible() and not page.bank.isVisible()
    assert "Kho bạc: cần ghi tên kho bạc" in _problem(qtbot, wizard, number="9527.1.1054321", name="CĐCS Trường A")
    page.institution.setText("KBNN Hà Đông")
    wizard.next()
    wizard.accept()
    [account] = BankAccountService(fresh.ctx).accounts()
    assert (account.kind, account.institution, account.bank_bin, account.opening_balance) == (
        "treasury", "KBNN Hà Đông", None, 0)


def test_a_refused_account_at_finish_leaves_nothing_written(qtbot, fresh, monkeypatch):
    """The unit and the account are one transaction: an account refused at Finish (a
    fault injected where another PC's copy would make the number a duplicate) leaves no
    unit, and the wizard open with the message."""
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_groups_page(wizard)
    page = wizard.opening
    page.bank.setCurrentIndex(page.bank.findData("970436"))
    page.number.setText("0071001234567")
    page.name.setText("CĐCS CÔNG TY TNHH DỆT PHONG PHÚ")
    page.balance.setText("5.000.000")
    wizard.next()
    assert wizard.currentPage() is wizard.groups_page

    def refused(self, s, data):
        raise ValidationError({"account_number": "Số tài khoản 0071001234567 của Vietcombank đã có trong sổ."})
    monkeypatch.setattr(BankAccountService, "add_in", refused)
    wizard.accept()
    assert wizard.isVisible() and "đã có trong sổ" in wizard.groups_page.error.text()
    assert not fresh.units.is_set_up()


def test_start_books_writes_the_unit_and_its_account_together_or_neither(tmp_path):
    from desktop.services.bank.accounts import AccountInput
    from desktop.services.bank.opening import start_books
    from desktop.services.units.service import DuesSettings, GroupInfo, UnitInfo, UnitService
    ctx = open_context(tmp_path / "u.sqlite3")
    try:
        unit = UnitInfo("Công đoàn cơ sở Công ty A", "Công đoàn Khu công nghiệp B")
        bad = AccountInput(kind="bank", account_number="0071001234567", account_name="CĐCS A",
                           opening_date=date.today(), opening_balance=1_000, bank_bin="999999")
        with pytest.raises(ValidationError, match="Ngân hàng: mã BIN “999999” không có trong danh sách"):
            start_books(ctx, unit, [GroupInfo(None, "Tổ 1")], DuesSettings(opening_balance=5_000), bad)
        assert not UnitService(ctx).is_set_up() and UnitService(ctx).groups() == []
        future = DuesSettings(opening_balance=5_000, opening_date=date.today() + timedelta(days=1))
        with pytest.raises(ValidationError, match=r"Ngày của tồn quỹ tiền mặt đầu kỳ: ngày .* ở trong tương lai"):
            start_books(ctx, unit, [], future)
        assert not UnitService(ctx).is_set_up()
        good = AccountInput(kind="bank", account_number="0071001234567", account_name="CĐCS A",
                            opening_date=date.today(), opening_balance=1_000, bank_bin="970436")
        saved, account = start_books(ctx, unit, [], DuesSettings(opening_balance=5_000), good)
        assert saved.name == unit.name and account is not None and account.institution == "Vietcombank"
        with pytest.raises(ValidationError, match="Ngày số dư đầu kỳ ở trong tương lai"):
            BankAccountService(ctx).check(AccountInput(
                kind="bank", account_number="0071009999999", account_name="CĐCS A", bank_bin="970436",
                opening_date=date.today() + timedelta(days=1)))
    finally:
        ctx.close()


def _set_up(fresh):
    from desktop.services.units.service import GroupInfo, UnitInfo
    fresh.units.save_settings(UnitInfo("Công đoàn cơ sở Trường Tiểu học Kim Đồng", "Công đoàn Giáo dục huyện"),
                              [GroupInfo(None, "Tổ Giáo viên")])


def _main(qtbot, fresh):
    from desktop.views.main_window import MainWindow
    w = MainWindow(fresh)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.home_page.loaded, timeout=30000):
        w.show()
    return w


def test_empty_home_page_says_what_to_do_first(qtbot, fresh, tmp_path, monkeypatch):
    _set_up(fresh)
    w = _main(qtbot, fresh)
    home = w.home_page
    assert home.start.isVisible() and not home.figures.isVisible()
    assert home.import_button.text() == "Nhập danh sách đoàn viên từ Excel"
    assert home.add_button.text() == "Thêm đoàn viên"
    shoot(w, "12-03-home-empty")

    # "Thêm đoàn viên" opens the member editor.
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    from desktop.views.member_editor import MemberEditor
    editors = [x for x in QApplication.topLevelWidgets() if isinstance(x, MemberEditor) and x.isVisible()]
    assert len(editors) == 1 and w.pages.currentWidget() is w.members_page
    editors[0].reject()

    # The import button asks for the file (the user picks one) and opens the import dialog on it.
    wb = Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh", "Giới tính", "Tổ công đoàn"])
    wb.active.append(["Nguyễn Thị Lan", "02/03/1990", "Nữ", "Tổ Giáo viên"])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    w.show_page(home)
    qtbot.mouseClick(home.import_button, Qt.MouseButton.LeftButton)
    from desktop.views.import_dialog import ImportDialog
    dialogs = [x for x in QApplication.topLevelWidgets() if isinstance(x, ImportDialog) and x.isVisible()]
    assert len(dialogs) == 1 and w.pages.currentWidget() is w.members_page
    wait_idle(qtbot, fresh)
    dialogs[0].reject()

    # The import is in the Đoàn viên menu too.
    members_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "Đoàn viên")
    assert w.action_import in members_menu.actions()


def test_home_page_shows_figures_once_there_are_members(qtbot, fresh):
    _set_up(fresh)
    fresh.members.add({"full_name": "Lê Văn Tám", "birth_date": "05/06/1985", "gender": "Nam",
                       "joined_date": "01/01/2020"})
    w = _main(qtbot, fresh)
    assert w.home_page.figures.isVisible() and not w.home_page.start.isVisible()
    assert w.home_page.cards["members"].figure.text() == "1"


def test_opening_balance_bounded_and_named_in_vietnamese_on_every_way_in(tmp_path, capsys):
    from desktop.cli import main
    db = str(tmp_path / "u.sqlite3")
    assert main(["init", "--db", db, "--unit-name", "CĐCS A", "--upper-name", "CĐ B"]) == 0
    assert main(["unit", "set", "--db", db, "--opening-balance", "1000000000000"]) == 1
    err = capsys.readouterr().err
    assert "Tồn quỹ tiền mặt đầu kỳ: số dư quá lớn" in err and "opening_balance" not in err
    assert main(["unit", "set", "--db", db, "--opening-balance", "-5"]) == 1
    assert "Tồn quỹ tiền mặt đầu kỳ: số dư không được âm." in capsys.readouterr().err
