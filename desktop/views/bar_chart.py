"""A small bar chart drawn with QPainter (no QtCharts: it is in PySide6-Addons): a title,
one or two series of bars, the value over each bar, the labels under them. Clicking it
emits `clicked` (the figure opens the list behind it).

Nothing drawn collides or is cut (issue 16, item 5): a label wraps onto two lines and is
shortened with "…" beyond them, a value wider than its bar's slot is left out, and the
bar under the mouse tells its full label and value in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.printing.layout import short_money
from desktop.views.formatting import format_money

COLOURS = (QColor("#1f5fa8"), QColor("#b0bec5"))
MARGIN = 10
LABEL_LINES = 2


def fit_label(fm: QFontMetrics, text: str, width: float, lines: int = LABEL_LINES) -> list[str]:
    """`text` in at most `lines` lines of `width` pixels: broken between words, the last
    line shortened with "…" when the rest does not fit."""
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and fm.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        if len(out) == lines - 1 and words:
            line = " ".join([line, *words])
            words = []
        out.append(fm.elidedText(line, Qt.TextElideMode.ElideRight, int(width)))
    return out


class BarChart(QWidget):
    clicked = Signal()

    def __init__(self, object_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMinimumSize(160, 200)  # three beside each other on a narrow window (issue 16, item 3)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.labels: list[str] = []
        self.tips: list[str] = []
        self.series: list[list[int]] = []
        self.legend: tuple[str, ...] = ()
        self.money = False

    def set_data(self, title: str, labels, values, *, money: bool = False, second=None, legend=(),
                 tips=None) -> None:
        """tips: what a bar's tooltip names it (its label when not given)."""
        self.title = title
        self.labels = list(labels)
        self.tips = list(tips) if tips is not None else self.labels
        self.series = [list(values)] + ([list(second)] if second is not None else [])
        self.legend = tuple(legend)
        self.money = money
        self.setToolTip("\n".join(f"{lab}: {self._text(v)}" for lab, v in zip(self.tips, self.series[0])))
        self.update()

    def _text(self, v: int) -> str:
        return short_money(v) if self.money else format_money(v, unit=False)

    def _small(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        return small

    def slot_width(self) -> float:
        return (self.width() - 2 * MARGIN) / max(1, len(self.labels))

    def bar_at(self, x: float) -> int | None:
        i = int((x - MARGIN) // self.slot_width()) if x >= MARGIN else -1
        return i if 0 <= i < len(self.labels) else None

    def title_lines(self) -> list[str]:
        bold = QFont(self.font())
        bold.setBold(True)
        return fit_label(QFontMetrics(bold), self.title, self.width() - 2 * MARGIN)

    def label_lines(self, i: int) -> list[str]:
        return fit_label(QFontMetrics(self._small()), self.labels[i], self.slot_width() - 2)

    def value_shown(self, i: int) -> bool:
        """The value over bar i, when it fits its slot (else the tooltip tells it)."""
        return QFontMetrics(self._small()).horizontalAdvance(self._text(self.series[0][i])) <= self.slot_width()

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip and self.labels:
            i = self.bar_at(e.pos().x())
            if i is not None:
                values = " / ".join(self._text(s[i]) for s in self.series)
                QToolTip.showText(e.globalPos(), f"{self.tips[i]}: {values}", self)
                return True
        return super().event(e)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        bold = QFont(self.font())
        bold.setBold(True)
        small = self._small()
        fm = QFontMetrics(small)
        w, h = self.width(), self.height()
        p.setFont(bold)
        p.setPen(QColor("#222"))
        line_h = QFontMetrics(bold).height()
        title = self.title_lines()
        for row, text in enumerate(title):
            p.drawText(QRectF(MARGIN, 4 + row * line_h, w - 2 * MARGIN, line_h), Qt.AlignmentFlag.AlignHCenter, text)
        top = 8 + line_h * len(title)
        if self.legend:
            p.setFont(small)
            x = MARGIN
            for name, colour in zip(self.legend, COLOURS):
                p.fillRect(QRectF(x, top + 2, 10, 10), colour)
                p.drawText(x + 14, top + 11, name)
                x += 24 + fm.horizontalAdvance(name)
            top += 16
        n = len(self.labels)
        if not n or not self.series:
            return
        lines = [self.label_lines(i) for i in range(n)]
        label_h = fm.height() * max(len(ls) for ls in lines) + 6
        peak = max(max(s) for s in self.series) or 1
        base = h - label_h - 4
        room = base - top - fm.height() - 4
        slot = self.slot_width()
        k = len(self.series)
        bar_w = max(2.0, slot * 0.7 / k)
        p.setFont(small)
        for i in range(n):
            x0 = MARGIN + i * slot + (slot - bar_w * k) / 2
            for j, s in enumerate(self.series):
                bh = room * s[i] / peak
                p.fillRect(QRectF(x0 + j * bar_w, base - bh, bar_w - 1, bh), COLOURS[j % 2])
            # The first series' value, over the taller bar of the slot (never under a bar); with
            # two series in the first one's colour, not to be read as the other bar's height.
            if self.value_shown(i):
                top_h = room * max(s[i] for s in self.series) / peak
                p.setPen(COLOURS[0] if k > 1 else QColor("#222"))
                p.drawText(QRectF(MARGIN + i * slot, base - top_h - fm.height() - 1, slot, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, self._text(self.series[0][i]))
            p.setPen(QColor("#333"))
            for row, text in enumerate(lines[i]):
                p.drawText(QRectF(MARGIN + i * slot, base + 3 + row * fm.height(), slot, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, text)
        p.setPen(QColor("#888"))
        p.drawLine(MARGIN, int(base), w - MARGIN, int(base))
        p.end()
