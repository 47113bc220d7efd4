"""Backup and restore from the File menu: a copy now (to a USB stick, say), and putting
a chosen copy back (the current data is copied first; the app then reopens the file)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.services.backup.service import backup_folder, backup_if_due, backup_name, check_copy, make_backup, restore
from desktop.services.core.permissions import require
from desktop.views.app_state import AppState
from desktop.views.dialogs import Button, Icon, inform, message
from desktop.views.errors import show_error
from desktop.views.sync_runner import SyncRunner

log = logging.getLogger(__name__)
HOURLY_MS = 3_600_000


def keep_daily_backups(state: AppState, parent: QObject, interval_ms: int = HOURLY_MS) -> QTimer:
    """The daily copy: looked for at start, then every hour, since an office PC is often
    left on for days. Made on the worker when the newest copy is a day old; the window
    stays usable meanwhile, and a failure is logged (the copy at exit still comes)."""
    ctx = state.ctx

    def check(queue: bool = False) -> None:
        # At start it waits its turn; later, never behind long work: the next hour will do.
        if queue or not state.runner.busy:
            state.runner.submit("daily-backup", lambda _c: backup_if_due(ctx),
                                on_error=lambda e: log.warning("Sao lưu hằng ngày không được: %s", e))

    timer = QTimer(parent)
    timer.timeout.connect(check)
    timer.start(interval_ms)
    check(queue=True)
    return timer


class BackupActions(QObject):
    def __init__(self, state: AppState, window: QWidget, reopen) -> None:
        super().__init__(window)
        self.state, self.window, self.reopen = state, window, reopen

    def backup_now(self) -> None:
        name = backup_name(self.state.ctx.db.path, "thu-cong")
        start = str(backup_folder(self.state.ctx) / name)
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Sao lưu dữ liệu vào…"), start,
                                              self.tr("Bản sao lưu (*.sqlite3)"))
        if path:
            self.backup_to(path)

    def backup_to(self, path: str):
        ctx = self.state.ctx
        return self.state.runner.submit(
            "backup", lambda _c: make_backup(ctx, path),
            on_done=lambda p: inform(self.window, self.tr("Sao lưu"),
                                     self.tr("Đã sao lưu và kiểm tra: {0}").format(p)),
            on_error=lambda e: show_error(self.window, e, self.tr("Chưa sao lưu được")))

    def restore_chosen(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Chọn bản sao lưu để khôi phục"),
                                              str(backup_folder(self.state.ctx)),
                                              self.tr("Bản sao lưu (*.sqlite3)"))
        if path:
            self.restore_from(path)

    def restore_from(self, path: str):
        try:
            require(self.state.ctx, "restore")  # the chair (the service checks again)
            check_copy(Path(path))
        except Exception as e:  # noqa: BLE001  the copy is checked before anything is touched; show_error logs the unexpected
            show_error(self.window, e, self.tr("Không khôi phục được"))
            return None
        return message(
            self.window, Icon.Question, self.tr("Khôi phục dữ liệu"),
            self.tr("Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu {0}?\n"
                           "Dữ liệu hiện tại được sao lưu trước, không mất.").format(Path(path).name),
            buttons=Button.Yes | Button.No, default=Button.No,
            on_result=lambda b: self._restore(path) if b == Button.Yes else None)

    def _restore(self, path: str) -> None:
        """Close the database, put the copy in place, and open it again."""
        db_path, user = self.state.ctx.db.path, self.state.ctx.user
        # A sync writing into the file while it is replaced would mix the two.
        sync = SyncRunner.of(self.state)
        sync.stop()
        sync.wait(30)
        self.state.runner.shutdown()
        self.state.ctx.close()
        try:
            safety = restore(db_path, path, user=user)
        except Exception as e:  # noqa: BLE001  said, logged when unexpected (show_error), and the file opened again
            show_error(self.window, e, self.tr("Không khôi phục được"))
            self.reopen(None)
            return
        self.reopen(self.tr("Đã khôi phục từ {0}. Dữ liệu trước đó được giữ ở {1}.").format(
            Path(path).name, safety))
