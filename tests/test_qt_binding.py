"""The Qt binding must not corrupt Python's reference counts: PySide6 6.12.0 dropped a
reference to None on every void call under Python 3.11 and the app died after a few
thousand clicks ("Fatal Python error: none_dealloc")."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Đoàn viên")
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
