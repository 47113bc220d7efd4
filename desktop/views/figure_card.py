"""The home page's figure cards (issue 16, items 3 and 5): the label small above, the
figure large, a short note under it; a warning colour for what needs attention; and
the grid of cards that reflows into fewer columns on a narrow window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

CARD_STYLE = ("QPushButton {{ text-align: left; border: 1px solid {border}; border-radius: 6px; background: {bg}; }}"
              " QPushButton:hover {{ background: #e8f0fa; }}")
NORMAL = {"border": "#c9d3de", "bg": "#f7f9fc", "figure": "#1a2b3c"}
WARNING = {"border": "#e0a96d", "bg": "#fff6ec", "figure": "#c2410c"}  # arrears: seen before anything else
FIGURE_PT = 17
CARD_MIN_WIDTH = 180  # six cards beside the navigation on a 1366-pixel screen


class FigureCard(QPushButton):
    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent, objectName=f"card_{name}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumWidth(CARD_MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.caption = QLabel(objectName="caption")
        self.figure = QLabel(objectName="figure")
        self.note = QLabel(objectName="note")
        self.caption.setStyleSheet("color: #4a5a6a; font-size: 9pt;")
        self.note.setStyleSheet("color: #4a5a6a; font-size: 9pt;")
        self.box = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        for label in (self.caption, self.figure, self.note):
            # The card is the button: the labels let the click through.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        layout.addStretch(1)  # the figures of a row of cards on one line, whatever their labels
        for label in (self.caption, self.note):
            label.setWordWrap(True)  # a long label takes two lines on a narrow card, never cut
        self.figure_colour = NORMAL["figure"]
        self.set_warning(False)

    def set_figure(self, caption: str, figure: str, note: str = "") -> None:
        self.caption.setText(caption)
        self.figure.setText(figure)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleName(" ".join(t for t in (caption, figure, note.replace("\n", " ")) if t))
        self._fit_figure()

    def summary(self) -> str:
        """What the card says, as one line (what a screen reader reads)."""
        return self.accessibleName()

    def set_warning(self, on: bool) -> None:
        colours = WARNING if on else NORMAL
        self.setProperty("warning", on)
        self.setStyleSheet(CARD_STYLE.format(**colours))
        self.figure_colour = colours["figure"]
        self._fit_figure()

    def _fit_figure(self) -> None:
        """The figure as large as FIGURE_PT, smaller down to 11 pt when a sum of money would
        not fit the card's width otherwise."""
        room = self.width() - 24
        size = FIGURE_PT
        while size > 11:
            font = QFont(self.font())
            font.setPointSizeF(size)
            font.setBold(True)
            if QFontMetrics(font).horizontalAdvance(self.figure.text()) <= room:
                break
            size -= 1
        self.figure.setStyleSheet(f"font-size: {size}pt; font-weight: bold; color: {self.figure_colour};")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_figure()

    def sizeHint(self):
        return self.box.sizeHint()

    def minimumSizeHint(self):
        hint = self.box.minimumSize()
        hint.setWidth(CARD_MIN_WIDTH)
        return hint


class CardGrid(QWidget):
    """Cards in as many columns as the width holds (at most `columns`), reflowed on resize."""

    def __init__(self, cards: list[FigureCard], columns: int, parent=None) -> None:
        super().__init__(parent, objectName="homeCards")
        self.cards = cards
        self.max_columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self._place(columns)

    def columns_for(self, width: int) -> int:
        spacing = self.grid.horizontalSpacing()
        return max(1, min(self.max_columns, (width + spacing) // (CARD_MIN_WIDTH + spacing)))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(CARD_MIN_WIDTH)
        return hint

    def resizeEvent(self, event) -> None:
        self._place(self.columns_for(event.size().width()))
        super().resizeEvent(event)
