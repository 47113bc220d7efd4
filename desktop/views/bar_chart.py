"""A small bar chart drawn with QPainter (no QtCharts: it is in PySide6-Addons): a title,
one or two series of bars, the value over each bar, the labels under them. Clicking it
emits `clicked` (the figure opens the list behind it)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.printing.layout import short_money
from desktop.views.formatting import format_money

COLOURS = (QColor("#1f5fa8"), QColor("#b0bec5"))


class BarChart(QWidget):
    clicked = Signal()

    def __init__(self, object_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.labels: list[str] = []
        self.series: list[list[int]] = []
        self.legend: tuple[str, ...] = ()
        self.money = False

    def set_data(self, title: str, labels, values, *, money: bool = False, second=None, legend=()) -> None:
        self.title = title
        self.labels = list(labels)
        self.series = [list(values)] + ([list(second)] if second is not None else [])
        self.legend = tuple(legend)
        self.money = money
        self.setToolTip("\n".join(f"{lab}: {self._text(v)}" for lab, v in zip(self.labels, self.series[0])))
        self.update()

    def _text(self, v: int) -> str:
        return short_money(v) if self.money else format_money(v, unit=False)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        fm = QFontMetrics(small)
        w, h = self.width(), self.height()
        p.setFont(bold)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 4, w, 20), Qt.AlignmentFlag.AlignHCenter, self.title)
        top = 28
        if self.legend:
            p.setFont(small)
            x = 10
            for name, colour in zip(self.legend, COLOURS):
                p.fillRect(QRectF(x, top + 2, 10, 10), colour)
                p.drawText(x + 14, top + 11, name)
                x += 24 + fm.horizontalAdvance(name)
            top += 16
        n = len(self.labels)
        if not n or not self.series:
            return
        peak = max(max(s) for s in self.series) or 1
        label_h = fm.height() * (2 if any(fm.horizontalAdvance(s) > (w - 20) / n for s in self.labels) else 1) + 6
        base = h - label_h - 4
        room = base - top - fm.height() - 4
        slot = (w - 20) / n
        k = len(self.series)
        bar_w = max(2.0, slot * 0.7 / k)
        p.setFont(small)
        for i, label in enumerate(self.labels):
            x0 = 10 + i * slot + (slot - bar_w * k) / 2
            for j, s in enumerate(self.series):
                bh = room * s[i] / peak
                p.fillRect(QRectF(x0 + j * bar_w, base - bh, bar_w - 1, bh), COLOURS[j % 2])
            # The first series' value, over the taller bar of the slot (never under a bar); with
            # two series in the first one's colour, not to be read as the other bar's height.
            top_h = room * max(s[i] for s in self.series) / peak
            p.setPen(COLOURS[0] if k > 1 else QColor("#222"))
            p.drawText(QRectF(10 + i * slot, base - top_h - fm.height() - 1, slot, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, self._text(self.series[0][i]))
            p.setPen(QColor("#333"))
            p.drawText(QRectF(10 + i * slot, base + 3, slot, label_h),
                       Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, label)
        p.setPen(QColor("#888"))
        p.drawLine(10, int(base), w - 10, int(base))
        p.end()
