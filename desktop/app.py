"""Composition root of the desktop app: logging, translations, the database, one
instance per database, the first-start wizard and the main window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir
from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_DIR_NAME, APP_NAME
from desktop.models.db import DatabaseDamagedError, DatabaseError, default_backup_dir
from desktop.resources import resources_dir
from desktop.services.backup.service import make_backup, newest_good_backup, replace_damaged, tidy_backup_folders
from desktop.services.core.context import default_db_path, open_context
from desktop.services.core.instance import instance_lock
from desktop.services.sync.service import SyncService
from desktop.services.units.accounts import AccountService
from desktop.views import errors as error_views
from desktop.views import window_fit
from desktop.views.app_state import AppState
from desktop.views.backup_actions import keep_daily_backups
from desktop.views.first_sync_dialog import FirstSyncDialog
from desktop.views.i18n import install_translators
from desktop.views.login_dialog import IdleLock, LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.setup_wizard import SetupWizard
from desktop.views.ui_thread import UiThreadCollector

log = logging.getLogger("congdoan")


def setup_logging() -> Path:
    folder = Path(user_log_dir(APP_DIR_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "congdoan.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    error_views.LOG_PATH[:] = [str(path)]
    return path


def install_excepthook() -> None:
    """Unexpected errors go to the log file and one dialog, never a silent crash."""
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        error_views.show_unexpected(QApplication.activeWindow(), exc.with_traceback(tb))
    sys.excepthook = hook


def offer_backup(app: QApplication, path: Path, error: DatabaseError):
    """A damaged database at start: offer the newest good backup, keeping the damaged
    file aside. Returns the opened context, or None when the user declines or none exists."""
    good = newest_good_backup(default_backup_dir(path), path)  # this database's own copies only
    if good is None:
        QMessageBox.critical(None, APP_NAME, str(error) + "\n\n" + app.translate(
            "App", "Không có bản sao lưu nào dùng được trong thư mục sao lưu."))
        return None
    answer = QMessageBox.question(None, APP_NAME, str(error) + "\n\n" + app.translate(
        "App", "Khôi phục bản sao lưu mới nhất ({0}, lúc {1})? Tệp bị hỏng được giữ lại bên cạnh.").format(
        good.path.name, good.made.strftime("%d/%m/%Y %H:%M")))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    kept = replace_damaged(path, good.path)
    log.warning("Đã khôi phục %s từ %s; tệp hỏng giữ ở %s", path, good.path, kept)
    return open_context(path)


def sign_in(accounts: AccountService) -> bool:
    """The login dialog, when this PC has accounts; False if the user gave up."""
    dialog = LoginDialog(accounts)
    return dialog.exec() == LoginDialog.DialogCode.Accepted


# With exit_after_start (benchmarks, the smoke test of a build): perf_counter() when the
# window was shown and usable, and when the home page's figures had all come in.
START_TIMES: dict[str, float] = {}


def run_app(argv: list[str], *, exit_after_start: bool = False) -> int:
    parser = argparse.ArgumentParser(prog="congdoan")
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(argv)
    setup_logging()
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    UiThreadCollector(app)  # cycles freed on the UI thread only: a widget freed on the worker crashes the app
    app.setOrganizationName(APP_DIR_NAME)
    app.setApplicationName(APP_DIR_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "congdoan.png")))
    language = str(QSettings().value("language", "vi"))
    install_translators(app, language)
    window_fit.install(app)  # every window within the screen's room; dialogs remember their size

    path = Path(args.db) if args.db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = instance_lock(path)
    if lock is None:
        QMessageBox.warning(None, APP_NAME, app.translate(
            "App", "Sổ Công đoàn đang mở tệp dữ liệu này ở một cửa sổ khác:\n{0}\n\n"
                   "Hãy dùng cửa sổ đó (xem thanh tác vụ).").format(path))
        return 1
    try:
        ctx = open_context(path)
    except DatabaseDamagedError as e:
        ctx = offer_backup(app, path, e)
        if ctx is None:
            return 1
    except DatabaseError as e:
        QMessageBox.critical(None, APP_NAME, str(e))
        return 1
    install_excepthook()
    log.info("Mở %s", path)
    for orphan in tidy_backup_folders(ctx):  # what killed backups left behind
        log.info("Đã xóa bản sao lưu dở dang %s", orphan)
    note = ""
    while True:
        accounts = AccountService(ctx)
        if accounts.any() and not sign_in(accounts):
            ctx.close()
            return 0
        state = AppState(ctx)
        # Enrolled, the unit's data not all here: resume the pull; never the wizard, which
        # would make a second unit.
        if (SyncService(ctx).first_sync_unfinished()
                and FirstSyncDialog(state).exec() != FirstSyncDialog.DialogCode.Accepted):
                state.runner.shutdown()
                ctx.close()
                return 0
        if not state.units.is_set_up():
            wizard = SetupWizard(state)
            if wizard.exec() != SetupWizard.DialogCode.Accepted:
                ctx.close()
                return 0
        window = MainWindow(state)
        geometry = QSettings().value("mainWindow/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        if accounts.any():  # the lock after idle time (Settings › Tài khoản)
            window.idle_lock = IdleLock(accounts, accounts.idle_minutes(), window)
        window.show()
        if note:
            window.statusBar().showMessage(note, 15000)
        if exit_after_start:
            # Show the window once and return. (A zero timer calling quit() before exec()
            # can fire outside the event loop under load, where quit() does nothing.)
            app.processEvents()
            START_TIMES["usable"] = time.perf_counter()
            while state.runner.busy:  # the home page's figures, read in the background
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            START_TIMES["figures"] = time.perf_counter()
            code = 0
        else:
            keep_daily_backups(state, window)
            window.start_background_sync()  # every 5 minutes, the first shortly after start (if enrolled)
            reopen: list[str] = []
            window.reopen_requested.connect(reopen.append)
            code = app.exec()
            if reopen:  # a backup was restored: the same file, opened again
                note = reopen[0]
                window.deleteLater()
                ctx = open_context(path)
                continue
        state.runner.shutdown()
        if not exit_after_start:
            try:
                make_backup(ctx, reason="khi-thoat")
            except Exception:  # a failed copy must not lose the session: it is logged
                log.exception("Sao lưu khi thoát không được")
        ctx.close()
        lock.release()
        return code
