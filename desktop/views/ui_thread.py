"""Handing work from another thread (the task runner's worker, the sync thread, a write's
change feed) to the UI thread, safely when the receiver may be gone.

A thread other than the UI's must touch no QObject that can be deleted: emitting on one
while the UI thread deletes it, or holding the last Python reference to one and so
freeing it on the wrong thread with its queued signals still waiting, crashes the whole
process, at a place far from the cause (a timer, a list being filled). So a worker emits
only on the one relay below, which is made on the UI thread and lives as long as the
process, and it names its receiver by a weak reference made on the UI thread. The call
runs on the UI thread, and only when Qt still has the receiver. For the same reason the
cyclic garbage collector runs on the UI thread only (UiThreadCollector).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

T = TypeVar("T", bound=QObject)


class _Relay(QObject):
    call = Signal(object)  # what to run on the UI thread

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    def _run(self, fn: Callable[[], object]) -> None:
        # A method of the relay, so that Qt runs it on the relay's thread: the UI thread.
        fn()


_relay: _Relay | None = None


class UiHandle(Generic[T]):
    """Made on the UI thread for a receiver; post() and run() may be called from any thread."""

    def __init__(self, receiver: T) -> None:
        global _relay
        if _relay is None:  # made once, on the UI thread, and never deleted
            _relay = _Relay()
        self._relay = _relay
        self._ref = weakref.ref(receiver)

    def receiver(self) -> T | None:
        """The receiver if Qt still has it; to be asked on the UI thread only."""
        receiver = self._ref()
        return receiver if receiver is not None and shiboken6.isValid(receiver) else None

    def run(self, fn: Callable[[], object]) -> None:
        """fn() on the UI thread, later (at once when called there)."""
        self._relay.call.emit(fn)

    def post(self, fn: Callable[[T], object]) -> None:
        """fn(receiver) on the UI thread, if the receiver is still alive then. fn must not
        hold the receiver itself: it is handed it."""
        def call() -> None:
            receiver = self.receiver()
            if receiver is not None:
                fn(receiver)
        self.run(call)


class UiThreadCollector(QObject):
    """The cyclic garbage collector run on the UI thread only (as Anki does).

    Python collects cycles on whichever thread happens to allocate when a generation's
    count passes its threshold: often the database worker, which allocates most (an
    import's 100,000 rows). A cycle holding a page, a dialog or a lambda over a widget,
    freed there, deletes a QObject on the wrong thread, and the process crashes later,
    on the UI thread, at an unrelated place. So automatic collection is off, and a
    timer here collects the generations whose counts passed their thresholds, between
    two events, where nothing Qt is half-way through."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collects the oldest generation whose count passed its threshold; returns how
        many objects it found unreachable (0 when none was due)."""
        counts = gc.get_count()
        due = [g for g in range(3) if counts[g] > self.thresholds[g]]
        return gc.collect(max(due)) if due else 0
