"""Composition root of the desktop app: logging, translations, the database, one
instance per database, the first-start wizard and the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from filelock import FileLock, Timeout
from platformdirs import user_log_dir
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_DIR_NAME, APP_NAME
from desktop.models.db import DatabaseError
from desktop.services.context import default_db_path, open_context
from desktop.views import errors as error_views
from desktop.views.app_state import AppState
from desktop.views.i18n import install_translators
from desktop.views.main_window import MainWindow
from desktop.views.setup_wizard import SetupWizard

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


def instance_lock(db_path: Path) -> FileLock | None:
    """A lock file beside the database: a second copy of the app on it is refused. The
    operating system drops the lock if the app is killed, so it never goes stale."""
    lock = FileLock(str(db_path) + ".lock")
    try:
        lock.acquire(timeout=0.2)
    except Timeout:
        return None
    return lock


def run_app(argv: list[str], *, exit_after_start: bool = False) -> int:
    parser = argparse.ArgumentParser(prog="congdoan")
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(argv)
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_DIR_NAME)
    app.setApplicationName(APP_DIR_NAME)
    app.setApplicationDisplayName(APP_NAME)
    language = str(QSettings().value("language", "vi"))
    install_translators(app, language)

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
    except DatabaseError as e:
        QMessageBox.critical(None, APP_NAME, str(e))
        return 1
    install_excepthook()
    state = AppState(ctx)
    log.info("Mở %s", path)
    if not state.units.is_set_up():
        wizard = SetupWizard(state)
        if wizard.exec() != SetupWizard.DialogCode.Accepted:
            return 0
    window = MainWindow(state)
    geometry = QSettings().value("mainWindow/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    if exit_after_start:
        # Show the window once and return. (A zero timer calling quit() before exec() can
        # fire outside the event loop under load, where quit() does nothing: measured hang.)
        app.processEvents()
        code = 0
    else:
        code = app.exec()
    state.runner.shutdown()
    ctx.close()
    lock.release()
    return code
