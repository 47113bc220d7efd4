"""Sync in the background: on a timer, on demand (F9, the settings tab, "Gửi lại"), and
the enrolment of this PC. The network work runs on its own thread, never on the
database worker of the task runner (a long first sync must not stop the other pages);
the sync service opens its own short SQLite transactions. The thread never touches a
widget: everything comes back to the UI thread as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.core.changes import kinds_of
from desktop.services.core.errors import DomainError
from desktop.services.sync.service import SyncFailed, SyncService, SyncStatus
from desktop.sync.engine import SyncReport
from desktop.views.app_state import AppState
from desktop.views.ui_thread import UiHandle

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60 * 1000  # a sync every 5 minutes while the app runs
FIRST_DELAY_MS = 10 * 1000  # the first one shortly after start, once the window is up
STATUS_DELAY_MS = 300  # pending counts are re-read after a burst of local changes


class SyncRunner(QObject):
    """One per AppState (SyncRunner.of(state)): the status, the timer and the sync thread."""

    changed = Signal()  # the status, the running state or the progress changed: redraw
    finished = Signal(object, object)  # a sync ended: (SyncReport | None, error | None)
    enrolled = Signal(object)  # SyncStatus
    enroll_failed = Signal(object)  # the error (SyncFailed carries the server's words)
    pulled = Signal(object)  # the data_changed keys a sync brought from the server

    @classmethod
    def of(cls, state: AppState) -> SyncRunner:
        found = state.findChild(cls)
        return found if found is not None else cls(state)

    def __init__(self, state: AppState) -> None:
        super().__init__(state)
        self.state = state
        self.service = SyncService(state.ctx)
        self.status: SyncStatus = self.service.status()
        self.job: str | None = None  # "sync" or "enroll" while the thread works
        self.phase: str | None = None  # "push" | "pull" during a sync
        self.done = self.total = 0
        self.detail = ""  # a first sync's download: rows and MB done and to go, time left
        self.error: BaseException | None = None  # how the last sync of this session failed
        self._user = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self._status_timer = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self.refresh)
        state.data_changed.connect(lambda _what: self._status_timer.start())

    # ---- state -----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None

    @property
    def percent(self) -> int | None:
        return min(100, self.done * 100 // self.total) if self.phase and self.total > 0 else None

    def refresh(self) -> None:
        """Re-read the status (one quick read: counts and the sync_state row)."""
        self._status_timer.stop()
        self.status = self.service.status()
        self.changed.emit()

    # ---- timer -----------------------------------------------------------------------
    def start_timer(self, first_delay_ms: int = FIRST_DELAY_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_delay_ms, self, self.tick)

    def stop(self) -> None:
        """The window closes: no more ticks; a running sync is asked to stop."""
        self.timer.stop()
        self.cancel()

    def tick(self) -> None:
        if self.timer.isActive() and self.status.enrolled and not self.running:
            self.sync_now(user=False)

    # ---- jobs ------------------------------------------------------------------------
    def sync_now(self, user: bool = True) -> bool:
        """Start a sync on the sync thread; False when one is already running."""
        if self.running:
            return False
        service, cancel, handle = self.service, threading.Event(), UiHandle(self)

        def report(phase: str, done: int, total: int, transfer=None) -> None:  # on the sync thread
            handle.post(lambda runner: runner._on_progress(
                phase, done, total, runner._describe(transfer) if transfer is not None else ""))

        self._start("sync", lambda: service.sync_now(progress=report, cancel=cancel), cancel, user)
        return True

    def enroll(self, server_url: str, code: str, device_name: str) -> bool:
        if self.running:
            return False
        service = self.service
        self._start("enroll", lambda: service.enroll(server_url, code, device_name), threading.Event(), True)
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread ends (tests, shutdown); True when it has."""
        t = self._thread
        if t is not None:
            t.join(timeout)
            return not t.is_alive()
        return True

    def _start(self, job: str, fn: Callable[[], object], cancel: threading.Event, user: bool) -> None:
        self.job, self._user, self._cancel = job, user, cancel
        self.phase, self.done, self.total = None, 0, 0

        handle = UiHandle(self)

        def work() -> None:  # holds no QObject: the runner is reached on the UI thread (ui_thread.py)
            result: object = None
            failure: BaseException | None = None
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001  handed to the UI thread, never lost
                failure = exc
            handle.post(lambda runner: runner._on_done(job, result, failure))

        # A daemon thread: a request stuck on a dead network must not keep the app alive
        # after its window closed. Every write of the sync is its own short transaction.
        self._thread = threading.Thread(target=work, name=f"sync-{job}", daemon=True)
        self._thread.start()
        self.changed.emit()

    def _describe(self, transfer) -> str:
        """A download or a large upload in words (done of total rows and MB, time left), in
        the app's language; an upload's total MB is worked out as it goes: "khoảng"."""
        mib = 1024 * 1024
        about = getattr(transfer, "estimated", False) and transfer.bytes_done < transfer.bytes_total
        text = (self.tr("{0} / {1} dòng, {2:.1f} / khoảng {3:.1f} MB") if about else
                self.tr("{0} / {1} dòng, {2:.1f} / {3:.1f} MB")).format(
            f"{transfer.rows_done:,}".replace(",", "."), f"{transfer.rows_total:,}".replace(",", "."),
            transfer.bytes_done / mib, transfer.bytes_total / mib)
        left = transfer.seconds_left() if transfer.bytes_done < transfer.bytes_total else None
        if left is not None:
            minutes, seconds = divmod(max(1, round(left)), 60)
            text += self.tr(", còn khoảng {0} phút {1:02d} giây").format(minutes, seconds) if minutes else \
                self.tr(", còn khoảng {0} giây").format(seconds)
        return text

    def _on_progress(self, phase: str, done: int, total: int, detail: str = "") -> None:
        if self.job == "sync":
            self.phase, self.done, self.total, self.detail = phase, done, total, detail
            self.changed.emit()

    def _on_done(self, job: str, result, exc: BaseException | None) -> None:
        self.job, self.phase, self._thread, self.detail = None, None, None, ""
        if job == "enroll":
            self._enroll_done(result, exc)
        else:
            self._sync_done(result, exc)

    def _enroll_done(self, status: SyncStatus | None, exc: BaseException | None) -> None:
        if exc is not None:
            if not isinstance(exc, DomainError):
                log.error("Đăng ký đồng bộ không được", exc_info=exc)
            self.refresh()
            self.enroll_failed.emit(exc)
            return
        self.error = None
        if status is not None:  # always, when the enrolment did not fail
            self.status = status
        self.enrolled.emit(status)
        self.sync_now(user=True)  # the first sync right away

    def _sync_done(self, report: SyncReport | None, exc: BaseException | None) -> None:
        self.error = exc
        if exc is not None and not isinstance(exc, DomainError):
            log.error("Đồng bộ không được", exc_info=exc)
            if self._user:
                from desktop.views.errors import show_unexpected
                show_unexpected(None, exc)
        if isinstance(exc, SyncFailed) and exc.code == "busy" and not self._user:
            self.error = None  # another sync of this file (the command line) is at work
        if report is not None:
            # What the pull wrote reaches every page through data_changed (the Context's
            # change feed); this says it to the settings dialog, which must show it.
            keys = kinds_of(report.touched)
            if keys:
                self.pulled.emit(keys)
        self.refresh()
        self.finished.emit(report, exc)
