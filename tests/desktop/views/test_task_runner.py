"""The task runner hands results back to the UI thread; a result for a widget that was
destroyed in the meantime (its window closed) must be dropped, not delivered: touching a
deleted widget crashes the whole program."""

import threading

from PySide6.QtWidgets import QLabel

from desktop.views.task_runner import TaskRunner


def test_results_reach_live_widgets_and_skip_destroyed_ones(qtbot):
    runner = TaskRunner()
    live, doomed = QLabel(), QLabel()
    gate = threading.Event()
    seen = []

    def slow(_c):
        gate.wait(10)
        return "xong"

    done = runner.submit("a", slow, on_done=live.setText)
    runner.submit("b", slow, on_done=lambda text: (seen.append(text), doomed.setText(text)))
    doomed.deleteLater()
    qtbot.waitUntil(lambda: not _valid(doomed), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert done.finished and live.text() == "xong"
    assert seen == []  # the lambda closes over the deleted label: not called
    runner.shutdown()


def test_after_shutdown_nothing_new_runs(qtbot):
    runner = TaskRunner()
    runner.shutdown()
    ran = []
    task = runner.submit("late", lambda _c: ran.append(1))
    assert task.finished and not runner.busy and ran == []


def _valid(obj) -> bool:
    import shiboken6
    return shiboken6.isValid(obj)


class _Sentinel:
    """Notes the thread its last reference is dropped on."""

    def __init__(self, dropped_on: list[bool]) -> None:
        self.dropped_on = dropped_on

    def __del__(self) -> None:
        self.dropped_on.append(threading.current_thread() is threading.main_thread())


def test_the_work_and_its_callbacks_are_let_go_on_the_ui_thread(qtbot):
    # What a task's function and callbacks hold (a page, a dialog) may be a QObject whose
    # last reference they are: freed on the worker thread, it would crash the process.
    runner = TaskRunner()
    dropped_on: list[bool] = []
    held, called = _Sentinel(dropped_on), _Sentinel(dropped_on)
    runner.submit("a", lambda _c, held=held: "xong", on_done=lambda _r, called=called: None)
    del held, called
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    qtbot.waitUntil(lambda: len(dropped_on) == 2, timeout=5000)
    assert dropped_on == [True, True]
    runner.shutdown()


def test_a_runner_deleted_while_its_task_runs_neither_crashes_nor_calls_back(qtbot):
    import shiboken6
    runner = TaskRunner()
    gate, seen = threading.Event(), []
    label = QLabel()
    runner.submit("slow", lambda _c: gate.wait(10) and "xong", on_done=lambda text: seen.append(label.text()))
    pool = runner._db
    shiboken6.delete(runner)  # its window closed: Qt deletes it, the worker still runs
    del runner
    gate.set()
    pool.shutdown(wait=True)
    qtbot.wait(50)  # the queued result is handled by the relay, which finds no runner
    assert seen == []
