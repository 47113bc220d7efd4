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
