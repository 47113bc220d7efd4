"""Cycles are collected on the UI thread only (desktop/views/ui_thread.py): a worker that
allocates never frees a widget caught in a cycle."""

import gc
import threading

from PySide6.QtWidgets import QLabel

from desktop.views.ui_thread import UiThreadCollector


class _Cycle:
    """A widget's owner in a reference cycle, noting the thread that frees it."""

    def __init__(self, freed_on: list[bool]) -> None:
        self.widget = QLabel()
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread() is threading.main_thread())


def test_a_cycle_is_freed_on_the_ui_thread_though_a_worker_allocates(qtbot, qapp):
    collector = UiThreadCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        freed_on: list[bool] = []
        _Cycle(freed_on)
        # A worker allocating far past every threshold: without the collector, the
        # collection would run on it and free the cycle there.
        kept: list[object] = []  # alive after the worker ends: the counts stay past the thresholds
        worker = threading.Thread(target=lambda: kept.append([[i] for i in range(200_000)]))
        worker.start()
        worker.join()
        assert freed_on == []
        qtbot.waitUntil(lambda: freed_on != [], timeout=5000)
        assert freed_on == [True]
    finally:
        collector.timer.stop()
        collector.deleteLater()
