"""Issue 16, item 1: every page and every dialog fits the screens union offices have —
a 1366×768 laptop and a 1920×1080 monitor at 150 % (1280×720 of room), each less a 48 px
taskbar — with all its buttons on the screen. The fake screens come from
tests/offscreen_screens.json (the offscreen platform's own configuration); the windows
are real, on a real demo file of a unit used for a year (what `congdoan demo` makes: full
tables and charts), and the screenshots at 1366×768 go to screenshots/ (the user guide's
pictures are taken from them)."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QTabBar, QWidget

from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberQuery
from desktop.services.units.accounts import AccountService
from desktop.views import window_fit
from desktop.views.main_window import MainWindow
from tests.desktop.views.conftest import SCREENSHOTS, wait_idle

SCREENS = {"1366x768": "laptop", "1280x720": "hd150"}


def screen_named(name):
    for screen in QApplication.screens():
        if screen.name() == name:
            return screen
    pytest.skip("the fake screens of tests/offscreen_screens.json are not in use (QT_QPA_PLATFORM set otherwise)")


@pytest.fixture
def used_state(qtbot, tmp_path):
    """A unit used for a year: moves, dues, receipts, kinh phí, activities."""
    from desktop.services.core.context import open_context
    from desktop.services.demo.service import make_demo
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "demo.sqlite3")
    make_demo(ctx, 600, year_of_use=True)
    st = AppState(ctx)
    yield st
    wait_idle(qtbot, st)
    st.runner.shutdown()
    ctx.close()


@pytest.fixture
def fitter(qapp):
    fitter = window_fit.WindowFitter()
    qapp.installEventFilter(fitter)
    yield fitter
    qapp.removeEventFilter(fitter)


def inside(outer: QRect, inner: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def global_rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def scrolled(w: QWidget) -> bool:
    """Inside a scrolling area: reached by scrolling within the window, not the screen."""
    p = w.parentWidget()
    while p is not None and not p.isWindow():
        if isinstance(p, (QAbstractScrollArea, QTabBar)):
            return True
        p = p.parentWidget()
    return False


def problems_of(window: QWidget, room: QRect) -> list[str]:
    found = []
    if not inside(room, window.frameGeometry()):
        found.append(f"window {window.frameGeometry().getRect()} outside the room {room.getRect()}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or scrolled(button) or button.window() is not window:
            continue
        rect = global_rect(button)
        if not inside(room, rect) or not inside(global_rect(window), rect):
            found.append(f"button {button.text() or button.objectName()!r} at {rect.getRect()}")
    return found


class Check:
    def __init__(self, qtbot, screen_key):
        self.qtbot = qtbot
        self.key = screen_key
        self.screen = screen_named(SCREENS[screen_key])
        self.room = self.screen.availableGeometry()
        self.failures: list[str] = []

    def place(self, window: QWidget) -> None:
        """As if opened on this screen (a dialog centres itself on its parent there)."""
        window.setScreen(self.screen)
        window.move(self.room.topLeft() + QPoint(40, 30))

    def __call__(self, window: QWidget, name: str) -> None:
        if not window.isVisible():
            self.place(window)
            window.show()
        self.qtbot.waitExposed(window)
        QApplication.processEvents()
        if window.layout() is not None:  # a button just shown (a tab's Đóng) gets its place before the picture
            window.layout().activate()
            QApplication.processEvents()
        self.failures += [f"{name}: {p}" for p in problems_of(window, self.room)]
        if self.key == "1366x768":
            SCREENSHOTS.mkdir(exist_ok=True)
            window.grab().save(str(SCREENSHOTS / f"fit-{name}.png"))


def member_list(path):
    """A list with a good row, a row in error and a row twice: the preview has something to say."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"])
    ws.append([1, "Lý Thị Hồng Nhung", "02/05/1994", "Nữ", "001194012345"])
    ws.append([2, "Đinh Công Mạnh", "31/02/1990", "Nam", None])  # no such date
    ws.append([3, "Lý Thị Hồng Nhung", "02/05/1994", "Nữ", "001194012345"])  # the first row again
    wb.save(path)
    return path


def two_page_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(path), pagesize=A4)
    for n in (1, 2):
        c.drawString(72, 720, f"Trang {n}")
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("screen_key", list(SCREENS))
def test_every_page_and_dialog_fits_the_screen(qtbot, used_state, fitter, tmp_path, screen_key, vietnamese):
    state = used_state
    check = Check(qtbot, screen_key)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)  # what a first start asks for; the fitter gives it the room there is
    check.place(window)
    window.show()
    wait_idle(qtbot, state)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        wait_idle(qtbot, state)
        check(window, f"page-{row}-{window.pages.currentWidget().objectName() or row}")
    assert window.minimumSizeHint().width() <= check.room.width()
    # a report on the screen: its chart and tables
    reports = window.reports_page
    window.show_page(reports)
    reports.kind.setCurrentIndex(reports.kind.findData("dues"))
    with qtbot.waitSignal(reports.loaded, timeout=60000):
        reports.show_button.click()
    wait_idle(qtbot, state)
    check(window, "page-reports-shown")

    def dialog(opened, name):
        assert opened is not None, name
        wait_idle(qtbot, state)
        check(opened, name)
        opened.close()

    # the menus
    dialog(window.open_settings(), "settings")
    settings = window.open_settings()
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
        check(settings, f"settings-tab-{i}")
    settings.close()
    dialog(window.open_audit(), "audit")
    dialog(window.open_help(), "help")
    window.about()
    from desktop.views.about_dialog import AboutDialog
    dialog(window.findChild(AboutDialog), "about")

    # members
    members = state.members.page(MemberQuery(), 0, 3)
    from desktop.views.member_editor import MemberEditor
    editor = MemberEditor(state, None, window)
    check(editor, "member-new")
    # read from a citizen card's QR code: the result above the form, the form filled
    editor.qr_input.setText("001190012345|012345678|NGUYỄN THỊ MAI|15031990|Nữ|Số 5 ngõ 10 Phố Huế, Hai Bà Trưng, "
                            "Hà Nội|20042021")
    editor.read_qr()
    assert editor.qr_result.isVisible()
    check(editor, "member-qr")
    editor.close()
    dialog(MemberEditor(state, members[0].id, window), "member-edit")
    from desktop.views.member_personal import EraseDialog
    dialog(EraseDialog(members[0].full_name, 5, date(2019, 3, 31), window), "member-erase")
    from desktop.views.login_dialog import LoginDialog
    dialog(LoginDialog(AccountService(state.ctx), window), "login")

    # dues
    from desktop.views import dues_dialogs
    dialog(dues_dialogs.PayMonthsDialog(state, members[0].id, window), "dues-pay-months")
    dialog(dues_dialogs.LedgerDialog(state, members[0].id, window), "dues-ledger")
    dialog(window.dues_page.open_payroll(), "dues-payroll")
    dialog(window.dues_page.open_remit(), "dues-remit")
    lines = [ln for ln in DuesService(state.ctx).period(date.today()) if ln.total_owed][:20]
    dialog(dues_dialogs.PayGroupDialog(lines, "Tổ Hoàn thiện 1", window), "dues-pay-group")
    from desktop.views.import_dialog import ImportDialog
    importing = window.members_page.open_import(str(member_list(tmp_path / "ds.xlsx")))
    assert isinstance(importing, ImportDialog)
    qtbot.waitUntil(lambda: importing.rows is not None, timeout=20000)
    check(importing, "member-import")
    importing.make_preview()
    qtbot.waitUntil(lambda: importing.preview is not None, timeout=20000)
    importing.filter.setCurrentIndex(importing.filter.findData("problem"))
    check(importing, "member-import-preview")
    importing.close()

    # cash
    dialog(window.cash_page.new_doc("thu"), "cash-income")
    dialog(window.cash_page.new_doc("chi"), "cash-expense")
    cash = CashService(state.ctx)
    cash.record(kind="thu", category="kinh_phi", doc_date=date.today(), person_name="Công ty TNHH May mặc Sao Việt",
                reason="Nhận kinh phí công đoàn 2% tháng trước", amount=4_800_000)
    doc = cash.record(kind="chi", category="hoat_dong", doc_date=date.today(),
                                        person_name="Phạm Thị Hòa", reason="Tổ chức Ngày Quốc tế Phụ nữ 8/3",
                                        amount=2_350_000)
    from desktop.views.cash_dialogs import VoidDialog
    dialog(VoidDialog(state, doc, window), "cash-void")
    from desktop.views.voucher_picker import VoucherPicker
    dialog(VoucherPicker([doc], window), "voucher-picker")

    # the year: the budget estimate (issue 14, item 9)
    dialog(window.reports_page.open_budget(), "budget")

    # bank: the empty page was seen with the pages above; now with an account and its book
    bank = window.bank_page
    dialog(bank.add_account(), "bank-account-new")
    account = BankAccountService(state.ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567",
        account_name="CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY MẶC SAO VIỆT", opening_date=date.today(),
        opening_balance=25_000_000))
    entry = BankBookService(state.ctx).record(
        account_id=account.id, kind="credit", entry_date=date.today(), amount=4_800_000, category="kinh_phi",
        content="Công ty TNHH May mặc Sao Việt chuyển kinh phí công đoàn 2% tháng trước", reference="FT26341")
    window.show_page(bank)
    wait_idle(qtbot, state)
    check(window, "page-bank-with-account")
    dialog(bank.edit_account(), "bank-account-edit")
    dialog(bank.record("credit"), "bank-entry")
    dialog(bank.transfer("withdrawal"), "bank-withdrawal")
    dialog(bank.transfer("deposit"), "bank-deposit")
    from desktop.views.bank_dialogs import EntryVoidDialog
    dialog(EntryVoidDialog(state, entry, window), "bank-void")
    dialog(window.reports_page.open_year_close(), "year-close")

    # activities
    acts = ActivityService(state.ctx)
    aid = acts.add(ActivityInput(kind="hop", subkind="bch", title="Họp Ban Chấp hành định kỳ",
                                 start_date=date.today(), place="Phòng họp tầng 2"),
                   member_ids=[m.id for m in state.members.page(MemberQuery(), 0, 9)]).id
    board = state.members.page(MemberQuery(), 0, 9)
    marks = {m.id: ("present", None) for m in board[:7]}
    marks[board[7].id] = ("absent", "ốm")
    marks[board[8].id] = ("excused", "đi công tác")
    acts.set_attendance(aid, marks)
    window.show_page(window.activities_page)
    dialog(window.activities_page.new_activity(), "activity-new")
    editor = window.activities_page.open_activity(aid)
    wait_idle(qtbot, state)
    for i in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(i)
        check(editor, f"activity-tab-{i}")
    attendance = editor.members_tab.open_attendance()
    dialog(attendance, "activity-attendance")
    from desktop.views.activity_members import MemberPicker
    dialog(MemberPicker(state, editor), "activity-member-picker")
    from desktop.views.minutes_editor import MinutesEditor
    minutes = MinutesEditor(state, aid, None, window)
    check(minutes, "minutes-editor")
    minutes.people.attendance_button.click()  # the people of the activity, as the guide shows them
    qtbot.waitUntil(lambda: len(minutes.people.people()) == 9, timeout=10000)
    people = minutes.people.people()
    minutes.chair.setEditText(people[0].name)
    minutes.secretary.setEditText(people[1].name)
    for i in range(minutes.tabs.count()):
        minutes.tabs.setCurrentIndex(i)
        check(minutes, f"minutes-tab-{i}")
    minutes.close()
    from desktop.views.letter_editor import LetterEditor
    dialog(LetterEditor(state, aid, "qd", None, window), "letter-editor")
    editor.close()

    # printing
    from desktop.views.print_preview import PrintPreviewDialog
    preview = PrintPreviewDialog(two_page_pdf(tmp_path / "hai-trang.pdf"), "Sổ quỹ tiền mặt", window)
    check.place(preview)
    preview.show()
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10000)  # the screenshot shows the page
    dialog(preview, "print-preview")

    # the first start
    from desktop.views.setup_wizard import SetupWizard
    wizard = SetupWizard(state)
    qtbot.addWidget(wizard)
    check(wizard, "setup-wizard")
    wizard.unit_form.name.setText("Công đoàn cơ sở Công ty TNHH May mặc Sao Việt")
    wizard.unit_form.upper_name.setText("Công đoàn các Khu công nghiệp tỉnh Bình Dương")
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    # The money page at its fullest: a bank account half typed, the problems it has said.
    wizard.opening.amount.setText("18.450.000")
    wizard.opening.bank.setEditText("vietin")
    wizard.opening.number.setText("1140-0000-abc")
    wizard.next()
    assert wizard.opening_page.error.text()
    check(wizard, "setup-wizard-money")
    wizard.back()
    wizard.back()
    wizard.close()

    assert not check.failures, "\n".join(check.failures)


def test_a_dialog_reopens_at_the_size_the_user_left_it(qtbot, state, fitter):
    from desktop.views.help_dialog import HelpDialog
    screen = screen_named("laptop")
    first = HelpDialog()
    qtbot.addWidget(first)
    first.setScreen(screen)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 500)
    first.close()
    again = HelpDialog()
    qtbot.addWidget(again)
    again.setScreen(screen)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == QSize(700, 500)
    QSettings().remove("windowSize")


def test_a_dialog_larger_than_the_screen_is_capped_and_kept_on_it(qtbot, fitter):
    from PySide6.QtWidgets import QDialog
    screen = screen_named("hd150")
    big = QDialog()
    qtbot.addWidget(big)
    big.resize(1500, 1000)
    big.setScreen(screen)
    big.move(screen.availableGeometry().topLeft() + QPoint(600, 400))
    big.show()
    qtbot.waitExposed(big)
    assert inside(screen.availableGeometry(), big.frameGeometry())


def test_settings_shows_every_tab_and_one_save_where_it_applies(qtbot, state, fitter, vietnamese):
    """Issue 16, item 8: no tab hidden behind scroll arrows on a 1280×720 screen; the
    dialog's Lưu only on the tabs it saves, Đóng on those that act at once."""
    from desktop.views.settings_dialog import SettingsDialog
    screen = screen_named("hd150")
    dialog = SettingsDialog(state)
    qtbot.addWidget(dialog)
    dialog.setScreen(screen)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.tabs.tabBar()
    assert bar.count() == 10
    for i in range(bar.count()):
        assert inside(bar.rect(), bar.tabRect(i)), bar.tabText(i)

    def saves_shown():
        return [b.text() for b in dialog.findChildren(QAbstractButton)
                if b.isVisibleTo(dialog) and b.text() == "Lưu"]

    dialog.tabs.setCurrentWidget(dialog.unit_form)
    assert saves_shown() == ["Lưu"] and not dialog.close_button.isVisibleTo(dialog)
    pairs = next(dialog.tabs.widget(i) for i in range(bar.count()) if bar.tabText(i) == "Tài khoản kế toán")
    for acting in (dialog.law, dialog.sync_form, pairs):
        dialog.tabs.setCurrentWidget(acting)
        assert saves_shown() == [] and dialog.close_button.isVisibleTo(dialog)
    # the receiving account for dues: its own Lưu, saved at once (issue 14, item 4)
    dialog.tabs.setCurrentWidget(dialog.dues_account)
    assert saves_shown() == ["Lưu"] and dialog.close_button.isVisibleTo(dialog)
    # the accounts tab: one Lưu for its two settings
    form = dialog.accounts_form
    dialog.tabs.setCurrentWidget(form)
    assert saves_shown() == ["Lưu"] and dialog.close_button.isVisibleTo(dialog)
    form.idle.setValue(20)
    form.retention.setValue(form.retention.minimum() + 1)
    form.save_button.click()
    wait_idle(qtbot, state)
    from desktop.services.personal_data.service import PersonalDataService
    assert AccountService(state.ctx).idle_minutes() == 20
    assert PersonalDataService(state.ctx).retention_years() == form.retention.minimum() + 1
