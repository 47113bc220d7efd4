"""The main window: navigation between the areas, menus, shortcuts and the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QWidget,
)

from desktop import APP_NAME
from desktop.sync.engine import SyncReport
from desktop.views.activities_page import ActivitiesPage
from desktop.views.app_state import AppState
from desktop.views.backup_actions import BackupActions
from desktop.views.bank_page import BankPage
from desktop.views.cash_page import CashPage
from desktop.views.dialogs import inform
from desktop.views.dues_page import DuesPage
from desktop.views.home_page import HomePage
from desktop.views.members_page import MembersPage
from desktop.views.nav_icons import NAV_STYLE, set_nav_icons
from desktop.views.review_page import ReviewPage
from desktop.views.sync_runner import SyncRunner
from desktop.views.sync_status import SyncStatusBar
from desktop.views.window_fit import CurrentPageStack, scrolling_stack

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.login_dialog import IdleLock


class MainWindow(QMainWindow):
    reopen_requested = Signal(str)  # the database was replaced: open it again (message to show)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.idle_lock: IdleLock | None = None  # the lock after idle time, when the file has accounts (app.py)
        self.backups = BackupActions(state, self, self._reopen)
        self.setObjectName("mainWindow")
        self.resize(1200, 760)
        self.members_page = MembersPage(state)

        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(NAV_STYLE)
        self.pages = CurrentPageStack()
        # The dashboard comes first and is shown at start; its figures load on the worker.
        self.home_page = HomePage(state)
        self.add_page(self.tr("Tổng quan"), self.home_page)
        self.home_page.navigate.connect(self.go_to)
        self.add_page(self.tr("Đoàn viên"), self.members_page)
        self.dues_page = DuesPage(state)
        self.add_page(self.tr("Đoàn phí"), self.dues_page)
        self.cash_page = CashPage(state)
        self.add_page(self.tr("Thu chi"), self.cash_page)
        self.bank_page = BankPage(state)
        self.add_page(self.tr("Tiền gửi"), self.bank_page)
        self.activities_page = ActivitiesPage(state)
        self.add_page(self.tr("Hoạt động"), self.activities_page)
        from desktop.views.reports_page import ReportsPage
        self.reports_page = ReportsPage(state)
        self.add_page(self.tr("Báo cáo"), self.reports_page)
        self.sync = SyncRunner.of(state)  # background sync: its own thread, not the database worker
        self.review_page = ReviewPage(state, self.sync)
        self.add_page(self.tr("Cần xem xét"), self.review_page)
        self.review_page.attach_nav_item(self.nav.item(self.nav.count() - 1))
        set_nav_icons(self.nav, self.pages)
        # As wide as the longest name of an area, in whichever language is shown.
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 28))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(scrolling_stack(self.pages), 1)  # no minimum width beyond the navigation's
        self.setCentralWidget(central)

        self.unit_label = QLabel(objectName="unitLabel")
        self.count_label = QLabel(objectName="statusCount")
        self.busy = QProgressBar(objectName="busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        bar = self.statusBar()
        bar.addWidget(self.unit_label)
        self.sync_status = SyncStatusBar(self.sync)
        bar.addPermanentWidget(self.sync_status)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(QLabel(str(state.ctx.db.path), objectName="dbPath"))

        self._menus()
        state.data_changed.connect(self._on_data_changed)
        state.runner.busy_changed.connect(self.busy.setVisible)
        self.members_page.count_changed.connect(
            lambda n: self.count_label.setText(self.tr("{0} đoàn viên đang hiển thị").format(f"{n:,}".replace(",", "."))))
        for page in (self.members_page, self.dues_page):
            page.status_message.connect(lambda text: bar.showMessage(text, 8000))
        # What a sync has to tell beyond its counts (the server restored from a backup…).
        self.sync.finished.connect(self._sync_problems)
        self.members_page._update_count()
        self._show_unit()

    def add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        self.action_import = QAction(self.tr("Nhập đoàn viên từ Excel…"), self, triggered=self.members_page.import_members)
        self.action_import.setShortcut(QKeySequence("Ctrl+I"))
        self.action_export = QAction(self.tr("Xuất danh sách ra Excel…"), self, triggered=self.members_page.export_members)
        self.action_export.setShortcut(QKeySequence("Ctrl+E"))
        self.action_settings = QAction(self.tr("Cài đặt đơn vị…"), self, triggered=self.open_settings)
        self.action_quit = QAction(self.tr("Thoát"), self, triggered=self.close)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_backup = QAction(self.tr("Sao lưu dữ liệu…"), self, triggered=self.backups.backup_now)
        self.action_restore = QAction(self.tr("Khôi phục từ bản sao lưu…"), self, triggered=self.backups.restore_chosen)
        self.action_sync = QAction(self.tr("Đồng bộ ngay"), self, triggered=self.sync_now)
        self.action_sync.setShortcut(QKeySequence(Qt.Key.Key_F9))
        for a in (self.action_import, self.action_export, None, self.action_backup, self.action_restore, None,
                  self.action_sync, self.action_settings, None, self.action_quit):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        # Issue 7: the audit log for the chair; what a role may not do is hidden (the services refuse it anyway).
        self.action_audit = QAction(self.tr("Nhật ký thay đổi…"), self, triggered=self.open_audit)
        file_menu.insertAction(self.action_settings, self.action_audit)
        from desktop.services.core.permissions import can
        self.action_audit.setVisible(can(self.state.ctx, "audit"))
        self.action_import.setVisible(can(self.state.ctx, "members"))
        self.action_restore.setVisible(can(self.state.ctx, "restore"))

        members_menu = self.menuBar().addMenu(self.tr("Đoàn &viên"))
        self.action_new = QAction(self.tr("Thêm đoàn viên"), self, triggered=self.new_member)
        self.action_new.setShortcut(QKeySequence.StandardKey.New)
        self.action_find = QAction(self.tr("Tìm kiếm"), self, triggered=self.find_member)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_edit = QAction(self.tr("Sửa hồ sơ đã chọn"), self, triggered=self.members_page.edit_selected)
        # Issue 12: the employer's social-insurance list updates the dues bases, names the non-members.
        self.action_bhxh = QAction(self.tr("Cập nhật lương từ danh sách BHXH (D02-LT)…"), self,
                                   triggered=self.choose_bhxh)
        for a in (self.action_new, self.action_import, self.action_bhxh, self.action_find, self.action_edit):
            members_menu.addAction(a)
        self.action_bhxh.setVisible(can(self.state.ctx, "members") and can(self.state.ctx, "money"))

        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        lang_menu = help_menu.addMenu(self.tr("Ngôn ngữ / Language"))
        group = QActionGroup(self)
        current = QSettings().value("language", "vi")
        for code, text in (("vi", "Tiếng Việt"), ("en", "English")):
            a = QAction(text, self, checkable=True, checked=current == code)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            lang_menu.addAction(a)
        self.action_help = QAction(self.tr("Hướng dẫn sử dụng"), self, triggered=self.open_help)
        self.action_help.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(self.action_help)
        self.action_about = QAction(self.tr("Giới thiệu"), self, triggered=self.about)
        help_menu.addAction(self.action_about)
        members_ok = can(self.state.ctx, "members")
        for w in (self.action_new, self.members_page.add_button, self.members_page.import_button,
                  self.home_page.import_button, self.home_page.add_button):
            w.setVisible(members_ok)

    # ---- actions -------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def go_to(self, where: str, arg=None) -> None:
        """A figure of the home page opens the list behind it."""
        if where == "import":  # the empty home page's first steps
            self.show_page(self.members_page)
            self.members_page.import_members()
        elif where == "new_member":
            self.new_member()
        elif where == "members":
            label, status, extra = arg
            self.show_page(self.members_page)
            self.members_page.show_filtered(label, status, **extra)
        else:
            self.show_page({"dues": self.dues_page, "cash": self.cash_page, "bank": self.bank_page,
                            "activities": self.activities_page}[where])

    def new_member(self) -> None:
        self.show_page(self.members_page)
        self.members_page.add_member()

    def choose_bhxh(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn danh sách lao động tham gia BHXH (D02-LT)"), "",
                                              self.tr("Tệp Excel (*.xlsx *.xls)"))
        if path:
            self.open_bhxh(path)

    def open_bhxh(self, path: str):
        from desktop.views.bhxh_dialog import BhxhDialog
        dialog = BhxhDialog(self.state, path, self)
        dialog.open()
        dialog.start()
        return dialog

    def _sync_problems(self, report: SyncReport | None, _exc: BaseException | None) -> None:
        if report is not None and report.problems:
            self.statusBar().showMessage(" ".join(report.problems), 60000)

    def find_member(self) -> None:  # not find(): that is QWidget's
        self.show_page(self.members_page)
        self.members_page.focus_search()

    def open_settings(self, tab: str | None = None):
        from desktop.views.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.state, self)
        if tab == "sync":
            dialog.tabs.setCurrentWidget(dialog.sync_form)
        dialog.open()
        return dialog

    def open_audit(self):
        from desktop.views.audit_dialog import AuditDialog
        dialog = AuditDialog(self.state, self)
        dialog.open()
        return dialog

    def sync_now(self):
        """F9: sync now; a PC not enrolled yet is shown where to enrol."""
        if not self.sync.status.enrolled:
            return self.open_settings("sync")
        if not self.sync.sync_now():
            self.statusBar().showMessage(self.tr("Đang đồng bộ: chờ lần này xong."), 5000)
        return None

    def start_background_sync(self) -> None:
        self.sync.start_timer()

    def set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        inform(self, self.tr("Ngôn ngữ"), self.tr("Ngôn ngữ mới được dùng từ lần mở ứng dụng sau.")
               + "\n" + "The new language is used from the next start.")

    def open_help(self):
        from desktop.views.help_dialog import HelpDialog
        dialog = HelpDialog(self)
        dialog.open()
        return dialog

    def about(self):
        from desktop.services.backup.about import about_info
        from desktop.views.about_dialog import AboutDialog
        dialog = AboutDialog(about_info(self.state.ctx), self)
        dialog.open()
        return dialog

    def _show_unit(self) -> None:
        info = self.state.units.get()
        name = info.name if info else ""
        self.unit_label.setText(name)
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    def _on_data_changed(self, what: set) -> None:
        if "unit" in what:
            self._show_unit()

    def _reopen(self, note: str | None) -> None:
        self.reopening = True
        self.reopen_requested.emit(note or "")
        self.close()

    def closeEvent(self, event) -> None:
        if getattr(self, "reopening", False):
            self.sync.stop()
            super().closeEvent(event)
            return
        if self.state.runner.writing:  # a read (the home page's figures, a report) need not hold it
            self.statusBar().showMessage(self.tr("Đang xử lý dữ liệu: chờ vài giây cho xong rồi đóng."), 5000)
            event.ignore()
            return
        if self.sync.running and not getattr(self, "closing_after_sync", False):
            # Stop the sync first (it resumes next time); close when it has, or after 15 s.
            self.closing_after_sync = True
            self.sync.cancel()
            self.sync.finished.connect(self.close)
            QTimer.singleShot(15000, self, self.close)
            self.statusBar().showMessage(self.tr("Đang dừng đồng bộ, cửa sổ sẽ đóng ngay sau đó…"))
            event.ignore()
            return
        self.sync.stop()
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)
