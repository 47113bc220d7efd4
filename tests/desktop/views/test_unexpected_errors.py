"""Issue 2, item 13: unexpected errors go to a rotating log file and one dialog.

The hook and the handler are the app's own (desktop/app.py setup_logging and
install_excepthook), installed here with the log folder in tmp_path."""

import logging
import sys
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import app as desktop_app
from desktop.views import dialogs
from desktop.views import errors as error_views
from tests.desktop.views.conftest import shoot


class BrokenTotals(Exception):
    """A bug nobody expected: not a DomainError, not an OSError."""


@pytest.fixture
def app_logging(tmp_path, monkeypatch):
    """The app's logging and excepthook, with its log folder in tmp_path; undone after."""
    folder = tmp_path / "logs"
    monkeypatch.setattr(desktop_app, "user_log_dir", lambda *a, **k: str(folder))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(error_views, "LOG_PATH", list(error_views.LOG_PATH))
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    path = desktop_app.setup_logging()
    handler = next(h for h in root.handlers if h not in handlers)
    desktop_app.install_excepthook()
    yield path, handler
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


def new_boxes(before: int) -> list[QMessageBox]:
    return [b for b in dialogs._open[before:] if b.isVisible()]


def close_all(boxes) -> None:
    for b in boxes:
        b.done(0)


@pytest.mark.qt_no_exception_capture  # the app's hook, not pytest-qt's, must see the error
def test_error_in_a_slot_is_logged_and_shown_in_one_dialog(qtbot, app_logging, tmp_path, vietnamese):
    path, handler = app_logging
    assert path == tmp_path / "logs" / "congdoan.log" and path.parent.is_dir()
    assert [str(path)] == error_views.LOG_PATH

    window = QWidget()
    window.setWindowTitle("Sổ Công đoàn")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()

    def on_click():  # a slot with a bug in it, called by Qt's event loop
        raise BrokenTotals("tổng thu âm: -1")

    before = len(dialogs._open)
    QTimer.singleShot(0, on_click)
    qtbot.waitUntil(lambda: len(new_boxes(before)) == 1, timeout=5000)
    boxes = new_boxes(before)
    try:
        qtbot.wait(50)
        assert len(new_boxes(before)) == 1  # one dialog, not one per handler or a crash
        box = boxes[0]
        assert box.icon() == QMessageBox.Icon.Critical
        assert box.windowTitle() == "Lỗi không mong muốn"
        assert "Đã xảy ra lỗi không mong muốn" in box.text()
        assert "Dữ liệu đã lưu không bị ảnh hưởng" in box.text()
        assert str(path) in box.text()  # it says where the details are
        assert "BrokenTotals" in box.detailedText() and "on_click" in box.detailedText()
        shoot(box, "13-unexpected-error")

        handler.flush()
        logged = path.read_text(encoding="utf-8")
        assert "ERROR congdoan: Lỗi không mong muốn" in logged
        assert "Traceback (most recent call last)" in logged
        assert "in on_click" in logged and "BrokenTotals: tổng thu âm: -1" in logged
    finally:
        close_all(boxes)
    assert not new_boxes(before)


@pytest.mark.qt_no_exception_capture
def test_the_hook_as_python_calls_it(qtbot, app_logging, capsys):
    path, handler = app_logging
    before = len(dialogs._open)
    try:
        raise ValueError("cột không tồn tại")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    boxes = new_boxes(before)
    try:
        assert len(boxes) == 1
        assert "cột không tồn tại" in boxes[0].detailedText()
        # The same error again (a timer that fails each tick) while the box is open: logged
        # again, but one box, not a pile of them.
        try:
            raise ValueError("cột không tồn tại (lần 2)")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        assert new_boxes(before) == boxes
        handler.flush()
        logged = path.read_text(encoding="utf-8")
        assert "ValueError: cột không tồn tại" in logged and "(lần 2)" in logged
    finally:
        close_all(boxes)
    try:  # once it is closed, the next error has a box of its own
        raise ValueError("lần 3")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    third = new_boxes(before)
    assert len(third) == 1 and "lần 3" in third[0].detailedText()
    close_all(third)

    # Ctrl+C in a terminal is not a bug: the default hook, no dialog, nothing logged.
    size = path.stat().st_size
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
    assert not new_boxes(before)
    assert "KeyboardInterrupt" in capsys.readouterr().err
    handler.flush()
    assert path.stat().st_size == size


def test_the_log_file_rotates(app_logging):
    path, handler = app_logging
    # As configured: about 1 MB a file, five old files kept, UTF-8 for Vietnamese text.
    assert isinstance(handler, RotatingFileHandler)
    assert handler.baseFilename == str(path)
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    assert handler.encoding == "utf-8"
    assert logging.getLogger("congdoan").isEnabledFor(logging.INFO)

    # And it does rotate (with a small limit instead of writing megabytes).
    handler.maxBytes = 2_000
    log = logging.getLogger("congdoan")
    for i in range(200):
        log.error("Lỗi thứ %d: %s", i, "x" * 100)
    handler.flush()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["congdoan.log", *(f"congdoan.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())
    assert "Lỗi thứ 199" in path.read_text(encoding="utf-8")
