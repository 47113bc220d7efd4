"""What a page shows in place of an empty list (issue 16, item 4): why it is empty and
the next step, with one highlighted button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

PRIMARY_STYLE = ("QPushButton { font-weight: bold; padding: 6px 16px; border-radius: 4px; border: 1px solid #0d47a1;"
                 " background: #1565c0; color: white; } QPushButton:hover { background: #0d47a1; }"
                 " QPushButton:disabled { background: #b0bec5; border-color: #b0bec5; }")


def make_primary(button: QPushButton, on: bool = True) -> None:
    """The one button of a page or dialog that takes the next step: coloured, and the one
    Enter presses in a dialog."""
    button.setDefault(on)
    button.setAutoDefault(on)
    button.setProperty("primary", on)
    button.setStyleSheet(PRIMARY_STYLE if on else "")


class EmptyState(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=name)
        self.setStyleSheet(f"QFrame#{name} {{ background: white; border: 1px solid #cfd8dc; }}")
        self.title = QLabel(objectName="emptyTitle")
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold; border: none;")
        self.text = QLabel(objectName="emptyText", wordWrap=True)
        self.text.setStyleSheet("color: #37474f; border: none;")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.title, self.text):
            label.setWordWrap(True)
        self.button = QPushButton(objectName="emptyAction")
        make_primary(self.button)
        self.action: Callable[[], object] | None = None
        self.button.clicked.connect(self._act)
        inner = QVBoxLayout()
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        inner.addLayout(row)
        # At most 640 pixels wide, centred; not placed by alignment, which would give the
        # box its size hint and cut the wrapped lines.
        box = QWidget()
        box.setMaximumWidth(640)
        box.setLayout(inner)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 100)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addSpacing(24)
        outer.addLayout(centred)
        outer.addStretch(1)

    def set_message(self, title: str, text: str, button_text: str = "",
                    action: Callable[[], object] | None = None) -> None:
        """No button_text: the next step is a button of the page itself (made primary there)."""
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button_text)
        self.button.setVisible(bool(button_text))
        self.action = action

    def showEvent(self, event) -> None:
        # Made the default again once inside its window: a dialog knows its default
        # button only if it was its window when that was set (and setDefault(True) on a
        # button that is already "default" does nothing).
        self.button.setDefault(False)
        make_primary(self.button)
        super().showEvent(event)

    def _act(self) -> None:
        if self.action is not None:
            self.action()


def show_empty(empty: EmptyState, content: QWidget, is_empty: bool) -> None:
    """The empty state in the content's place, or the content."""
    empty.setVisible(is_empty)
    content.setVisible(not is_empty)
