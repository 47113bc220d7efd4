"""Work handed from another thread reaches the UI thread, and only a receiver Qt still has."""

import threading

import shiboken6
from PySide6.QtCore import QObject

from desktop.views.ui_thread import UiHandle


def _from_a_thread(fn) -> None:
    t = threading.Thread(target=fn)
    t.start()
    t.join()


def test_a_post_from_a_thread_runs_on_the_ui_thread(qtbot):
    receiver = QObject()
    handle, calls = UiHandle(receiver), []
    _from_a_thread(lambda: handle.post(lambda r: calls.append((r, threading.current_thread() is threading.main_thread()))))
    assert calls == []  # queued, not run on the thread that posted
    qtbot.waitUntil(lambda: calls == [(receiver, True)], timeout=5000)


def test_a_post_for_a_deleted_receiver_is_dropped_and_run_still_runs(qtbot):
    receiver = QObject()
    handle, calls = UiHandle(receiver), []
    shiboken6.delete(receiver)
    del receiver
    _from_a_thread(lambda: (handle.post(lambda r: calls.append("post")), handle.run(lambda: calls.append("run"))))
    qtbot.waitUntil(lambda: calls == ["run"], timeout=5000)
    qtbot.wait(20)
    assert calls == ["run"]
