"""Message boxes opened without blocking (open(), not exec()), so that the app and its
tests keep running; the answer arrives through a callback."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

_open: list[QMessageBox] = []  # keep boxes alive until they close

Icon = QMessageBox.Icon
Button = QMessageBox.StandardButton


def message(parent: QWidget | None, icon: Icon, title: str, text: str, *,
            buttons: Button = Button.Ok, default: Button | None = None, details: str | None = None,
            on_result: Callable[[Button], None] | None = None) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName("messageBox")
    if default is not None:
        box.setDefaultButton(default)
    if details:
        box.setDetailedText(details)

    def done(code: int) -> None:
        if box in _open:
            _open.remove(box)
        if on_result:
            on_result(box.standardButton(box.clickedButton()) if box.clickedButton() else Button.Cancel)

    box.finished.connect(done)
    _open.append(box)
    box.open()
    return box


def warn(parent, title: str, text: str) -> QMessageBox:
    return message(parent, Icon.Warning, title, text)


def inform(parent, title: str, text: str) -> QMessageBox:
    return message(parent, Icon.Information, title, text)


def ask(parent, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    return message(parent, Icon.Question, title, text, buttons=Button.Yes | Button.No, default=Button.No,
                   on_result=lambda b: on_yes() if b == Button.Yes else None)
