"""Runs slow work off the UI thread. One worker owns every database write; results,
errors and progress come back to the UI thread as Qt signals. Workers never touch
widgets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.views.ui_thread import UiHandle

log = logging.getLogger(__name__)

# What the UI thread is handed back; whatever a callback returns is not looked at, so a
# lambda may end in a call that returns something (a message box, a tuple).
Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]
Progressed = Callable[[int, int], object]


class TaskControl:
    """Handed to the work function: report progress, ask whether to stop."""

    def __init__(self, handle: UiHandle[TaskRunner], task: Task) -> None:
        self._handle = handle
        self._task = task

    def progress(self, done: int, total: int) -> None:
        task = self._task
        self._handle.post(lambda runner: runner._on_progress(task, done, total))

    def cancelled(self) -> bool:
        return self._task.cancel_event.is_set()


class Task:
    def __init__(self, name: str, on_done: Done | None, on_error: Failed | None, on_progress: Progressed | None,
                 read_only: bool = False, fn: Callable[[TaskControl], Any] | None = None) -> None:
        self.name = name
        self.read_only = read_only
        self.cancel_event = threading.Event()
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.finished = False
        # The work and its callbacks are dropped on the UI thread (release()), never on the
        # worker's: they may hold the last reference to a widget or a dialog.
        self.fn = fn

    def cancel(self) -> None:
        self.cancel_event.set()

    def release(self) -> None:
        self.fn = self.on_done = self.on_error = self.on_progress = None


def _owners(callback) -> list[QObject]:
    """The Qt objects a callback works on: the widget of a bound method, or the widgets a
    lambda closes over. A result that arrives after they are destroyed is dropped, because
    touching a deleted widget crashes the process."""
    if callback is None:
        return []
    bound = getattr(callback, "__self__", None)
    if isinstance(bound, QObject):
        return [bound]
    owners = []
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, QObject):
            owners.append(value)
    return owners


def _alive(callback) -> bool:
    return all(shiboken6.isValid(o) for o in _owners(callback))


def _work(handle: UiHandle[TaskRunner], task: Task) -> None:
    """One task, on the worker thread. It holds no QObject (desktop.views.ui_thread): the
    runner is reached through the handle, on the UI thread."""
    fn = task.fn
    assert fn is not None
    failure: BaseException | None = None
    result: object = None
    try:
        result = fn(TaskControl(handle, task))
    except BaseException as exc:  # noqa: BLE001  handed to the UI thread, never lost
        failure = exc
    del fn

    def on_ui_thread() -> None:
        runner = handle.receiver()
        if runner is not None and failure is not None:
            runner._on_failed(task, failure)
        elif runner is not None:
            runner._on_succeeded(task, result)
        elif failure is not None:
            log.warning("task %s failed after its window closed: %r", task.name, failure)
        # The task's work and callbacks are let go here, on the UI thread, even when the
        # runner was deleted meanwhile; so is a failure's traceback, whose frames hold the
        # work's closure (widgets among it) in a cycle with this frame, which the garbage
        # collector could otherwise free on the worker thread.
        task.release()
        if failure is not None:
            failure.__traceback__ = None
    handle.run(on_ui_thread)


class TaskRunner(QObject):
    """submit(fn) runs fn(control) on the database worker thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._handle = UiHandle(self)
        self._running = 0
        self._writing = 0
        self._closed = False

    def submit(self, name: str, fn: Callable[[TaskControl], Any], *,
               on_done: Done | None = None, on_error: Failed | None = None,
               on_progress: Progressed | None = None, read_only: bool = False) -> Task:
        """read_only: the work only reads (the home page's figures, a report): closing the
        window need not wait for it."""
        task = Task(name, on_done, on_error, on_progress, read_only, fn=fn)
        if self._closed:  # the window is closing: a late reload has nothing left to show
            log.debug("task %s not run: the runner is shut down", name)
            task.finished = True
            task.release()
            return task
        self._running += 1
        self._writing += not read_only
        if self._running == 1:
            self.busy_changed.emit(True)
        self._db.submit(_work, self._handle, task)
        return task

    def _finish(self, task: Task) -> None:
        task.finished = True
        self._running -= 1
        self._writing -= not task.read_only
        if self._running == 0:
            self.busy_changed.emit(False)

    def _on_succeeded(self, task: Task, result) -> None:
        self._finish(task)
        if task.on_done and not self._closed and _alive(task.on_done):
            task.on_done(result)

    def _on_failed(self, task: Task, exc: BaseException) -> None:
        self._finish(task)
        if self._closed or not _alive(task.on_error):
            log.warning("task %s failed after its window closed: %r", task.name, exc)
        elif task.on_error:
            task.on_error(exc)
        else:
            from desktop.views.errors import show_error
            show_error(None, exc)

    def _on_progress(self, task: Task, done: int, total: int) -> None:
        if task.on_progress and not task.finished and not self._closed and _alive(task.on_progress):
            task.on_progress(done, total)

    @property
    def busy(self) -> bool:
        return self._running > 0

    @property
    def writing(self) -> bool:
        """Work that may write is queued or running (reads only do not count)."""
        return self._writing > 0

    def shutdown(self) -> None:
        self._closed = True
        self._db.shutdown(wait=True)
