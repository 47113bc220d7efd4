"""Every window fits the screen it opens on, and a dialog reopens at the size it was left.

Installed once on the application (an event filter), so that no dialog has to remember
to do it: union offices work on 1366×768 laptops and on 1920×1080 monitors at 150 %
scaling (1280×720 of room), less the taskbar. A dialog asks for a comfortable size; when
the screen is smaller it gets the screen's available room, and its long content scrolls
inside it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

# Boxes that size themselves to their text: capped, never given a remembered size.
_SELF_SIZED = (QMessageBox, QInputDialog, QProgressDialog, QFileDialog)


def available_room(widget: QWidget) -> QRect:
    """The room on the screen the window is about to appear on: its parent's, for a
    dialog Qt centres on its parent; else where its centre lies."""
    parent = widget.parentWidget()
    if parent is not None and not widget.testAttribute(Qt.WidgetAttribute.WA_Moved):
        screen = parent.window().screen()
    else:
        screen = QApplication.screenAt(widget.geometry().center()) or widget.screen()
    screen = screen or QApplication.primaryScreen()
    return screen.availableGeometry()


# A frame not known yet (before the first show): a title bar and borders as on Windows.
_FRAME_GUESS = QSize(16, 40)


def fit_into(widget: QWidget, room: QRect) -> None:
    """At most the room's size, frame included, and wholly inside it. A window placed by
    the window manager, or a dialog that Qt is about to centre on its parent (which keeps
    it on the screen), is not moved: moving it would stop the centring."""
    frame = widget.frameGeometry().size() - widget.geometry().size()
    if frame.isNull():
        frame = _FRAME_GUESS
    limit = QSize(max(100, room.width() - frame.width()), max(100, room.height() - frame.height()))
    size = widget.size().boundedTo(limit)
    if size != widget.size():
        widget.resize(size)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return
    x = min(max(widget.x(), room.left()), room.right() + 1 - widget.width() - frame.width())
    y = min(max(widget.y(), room.top()), room.bottom() + 1 - widget.height() - frame.height())
    if (x, y) != (widget.x(), widget.y()):
        widget.move(max(x, room.left()), max(y, room.top()))


def _key(widget: QWidget) -> str:
    return f"windowSize/{widget.objectName() or type(widget).__name__}"


class WindowFitter(QObject):
    """Caps every window shown to its screen's available geometry; restores a dialog's
    size as the user last left it (only a size the user chose, not the one the dialog
    asked for)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Hide) or not isinstance(obj, (QDialog, QMainWindow)):
            return False
        if not obj.isWindow():
            return False
        remembers = isinstance(obj, QDialog) and not isinstance(obj, _SELF_SIZED)
        if kind == QEvent.Type.Show:
            if remembers:
                saved = QSettings().value(_key(obj))
                if isinstance(saved, QSize) and saved.isValid():
                    obj.resize(saved.expandedTo(obj.minimumSizeHint()))
            fit_into(obj, available_room(obj))
            obj.setProperty("_fittedSize", obj.size())
        elif remembers and obj.property("_fittedSize") not in (None, obj.size()):
            QSettings().setValue(_key(obj), obj.size())
        return False


_fitter: WindowFitter | None = None


def install(app: QApplication) -> WindowFitter:
    global _fitter
    if _fitter is None:
        _fitter = WindowFitter(app)
        app.installEventFilter(_fitter)
    return _fitter


class CurrentPageStack(QStackedWidget):
    """A stack that asks only for the room of the page shown: inside a scroll area, a wide
    page (the home cards) scrolls sideways on a small screen instead of setting the whole
    window's minimum width, and narrow pages take the window's width.

    Done by its size hints rather than by a slot on currentChanged: the stack emits that
    signal while it is being destroyed, and a Python slot touching its pages then crashes."""

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


def scrolling_stack(stack: CurrentPageStack) -> QScrollArea:
    """The stack inside a scroll area that resizes it to the window. Showing another
    page invalidates the stack's layout, so the area asks the new page's hints."""
    area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    area.setWidget(stack)
    return area
