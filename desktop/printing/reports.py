"""Reports for the upper level (member statistics, dues, cash book, settlement…): the
union document header, the title and period, the main figures, ruled tables and bar
charts drawn with ReportLab's own graphics in the project's fonts.

A report is data (Report, Table, Chart below); the services build it, and the same
object is shown on screen, printed here and written to Excel, so the three agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.renderPDF import draw as draw_drawing
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import UnitHeader
from desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    capitalize_first,
    draw_doc_header,
    draw_signatures,
    draw_title,
    faces,
    money,
    new_canvas,
    nfc,
    place_date,
    short_date,
    short_money,
    signatures_height,
    wrap,
)
from desktop.printing.table import BOLD, Column, running_head
from desktop.printing.table import Table as Ruled

BAR = colors.HexColor("#1f5fa8")
BAR2 = colors.HexColor("#b0bec5")


@dataclass(frozen=True)
class Table:
    """kinds: per column "text", "int", "money" or "date"; total: the row that ends it;
    widths: the share of the page's width each column takes (None: worked out here)."""

    title: str
    headers: Sequence[str]
    kinds: Sequence[str]
    rows: Sequence[Sequence]
    total: Sequence | None = None
    widths: Sequence[float] | None = None


@dataclass(frozen=True)
class Chart:
    """Bars of `values` by `labels`; with `second`, a pair of bars per label (legend)."""

    title: str
    labels: Sequence[str]
    values: Sequence[int]
    money: bool = False
    second: Sequence[int] | None = None
    legend: tuple[str, str] | None = None


@dataclass(frozen=True)
class Report:
    """summary: (label, value) or (label, value, "money") lines under the title."""

    kind: str
    title: str
    period: str
    summary: Sequence[tuple]
    tables: Sequence[Table]
    charts: Sequence[Chart] = field(default_factory=list)
    dates: tuple[date, date] | None = None  # the period's first and last day, where a form needs them


def cell_text(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "money" and isinstance(value, int):
        return money(value)
    if kind == "int" and isinstance(value, int):
        return money(value)  # thousands with dots as well
    if isinstance(value, date):
        return short_date(value)
    return nfc(value)


def summary_text(item: tuple) -> tuple[str, str]:
    label, value = item[0], item[1]
    kind = item[2] if len(item) > 2 else "int"
    return nfc(label), (money(value, unit=True) if kind == "money" else cell_text(value, "int"))


def chart_drawing(ch: Chart, width: float, height: float, font: str, bold: str) -> Drawing:
    """The chart as on screen (views.bar_chart): the title, the legend, the bars and, over
    the taller bar of each category, the first series' value in the screen's format."""
    d = Drawing(width, height)
    d.initialFontName = font  # else renderPDF starts with Helvetica: a standard-14 font in the file
    d.add(String(width / 2, height - 12, nfc(ch.title), fontName=bold, fontSize=11, textAnchor="middle"))
    bc = VerticalBarChart()
    rotate = max((len(s) for s in ch.labels), default=0) * len(ch.labels) > 90
    below = 78 if rotate else 42  # room for the category labels, slanted when they are long
    bc.x, bc.y = 58, below
    bc.width, bc.height = width - 70, height - below - 30 - (14 if ch.legend else 0)
    data = [list(ch.values)] + ([list(ch.second)] if ch.second is not None else [])
    bc.data = data
    bc.bars[0].fillColor = BAR
    bc.bars[0].strokeColor = None
    if ch.second is not None:
        bc.bars[1].fillColor = BAR2
        bc.bars[1].strokeColor = None
    top = max([max(s) for s in data if s] + [1])
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = top * 1.15
    if top < 10:  # nothing yet (or tiny counts): whole steps, not 0, 0, 0, 1
        bc.valueAxis.valueMax, bc.valueAxis.valueStep = max(1, top + 1), 1
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 8
    bc.valueAxis.labels.dx = -8  # clear of the tick marks (ReportLab's -5 ends the text on them)
    bc.valueAxis.labelTextFormat = short_money if ch.money else (lambda v: money(int(v)))
    bc.categoryAxis.categoryNames = [nfc(s) for s in ch.labels]
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 8 if len(ch.labels) <= 8 else 7
    if rotate:
        bc.categoryAxis.labels.angle = 30
        bc.categoryAxis.labels.boxAnchor = "ne"
    bc.barLabelFormat = None  # the values are written below, one per category
    d.add(bc)
    if ch.labels:
        axis = bc.valueAxis  # placed as the chart will place it, to find the tops of the bars
        axis.setPosition(bc.x, bc.y, bc.height)
        axis.configure(bc.data)
        slot = bc.width / len(ch.labels)
        text = short_money if ch.money else (lambda v: money(int(v)))
        # With two series the figure is the first one's: written in its colour, so that it is
        # not read as the height of the (taller) second bar it stands on.
        ink = BAR if ch.second is not None else colors.black
        for i, v in enumerate(ch.values):
            peak = max(s[i] for s in data)
            d.add(String(bc.x + (i + 0.5) * slot, axis.scale(peak) + 3, text(v), fontName=font, fontSize=7.5,
                         textAnchor="middle", fillColor=ink))
    if ch.legend:
        x = width / 2 - 90
        for i, (label, colour) in enumerate(zip(ch.legend, (BAR, BAR2))):
            d.add(Rect(x + i * 110, height - 32, 10, 8, fillColor=colour, strokeColor=None))
            d.add(String(x + i * 110 + 14, height - 31, nfc(label), fontName=font, fontSize=9))
    return d


CHART_H = 230


def render_report(header: UnitHeader, report: Report, out) -> int:
    """The report to a PDF (A4 portrait, official header). Returns the pages."""
    fc = faces()
    c = new_canvas(out, A4, f"{capitalize_first(report.title.lower())} {report.period}", fc)
    pen = Pen(c, fc)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    bottom = MARGIN_BOTTOM
    top = PAGE_H - MARGIN_TOP
    pages = [1]

    def new_page() -> float:
        c.showPage()
        pen.new_page()
        pages[0] += 1
        # NĐ 30/2020: the page number at the top centre, from page 2 on.
        pen.centre(PAGE_W / 2, PAGE_H - MARGIN_TOP / 2, str(pages[0]), fc.regular, 11)
        return running_head(pen, top, nfc(header.unit_name), f"{capitalize_first(report.title.lower())} "
                                                             f"{nfc(report.period)}")

    y = draw_doc_header(pen, header, x0, x1, top, motto=True, date_line=place_date(header.place, date.today()))
    y = draw_title(pen, x0, x1, y - 14, report.title, [capitalize_first(report.period)], size=14, sub_size=12.5,
                   sub_font=fc.bold)
    y -= 6
    size = 12
    for item in report.summary:
        label, value = summary_text(item)
        lines = wrap(f"- {label}:", fc.regular, size, x1 - x0 - 12 - stringWidth(value, fc.bold, size) - 12)
        for i, line in enumerate(lines):
            pen.left(x0 + 6 if i == 0 else x0 + 14, y - size, line, fc.regular, size)
            y -= size * 1.45
        pen.right(x1 - 6, y + size * 0.45, value, fc.bold, size)
    y -= 6
    for t in report.tables:
        y = _table(pen, t, x0, x1, y, bottom, new_page)
    # The figures first, as the upper level reads them; the charts illustrate them after.
    for ch in report.charts:
        if not ch.labels:  # nothing to draw (no activity of any kind in the period): no empty axes
            continue
        if y - CHART_H < bottom:
            y = new_page()
        d = chart_drawing(ch, x1 - x0, CHART_H, fc.regular, fc.bold)
        draw_drawing(d, c, x0, y - CHART_H)
        pen.new_page()
        y -= CHART_H + 8
    signers = [Signer("NGƯỜI LẬP BIỂU"), Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]
    need = signatures_height(pen, signers, x0, x1) + 16
    if y - need < bottom:
        y = new_page()
    draw_signatures(pen, signers, x0, x1, y - 16)
    c.showPage()
    c.save()
    return pages[0]


def _columns(t: Table, width: float) -> list[Column]:
    n = len(t.headers)
    if t.widths is not None:
        widths = [width * w / sum(t.widths) for w in t.widths]
    elif n == 2:
        widths = [width * 0.65, width * 0.35]
    else:
        first = width * (0.34 if n <= 5 else 0.4)
        if t.kinds and t.kinds[0] == "date":
            first = 62
        rest = (width - first) / (n - 1)
        widths = [first] + [rest] * (n - 1)
        if "text" in t.kinds[1:] and n >= 7:  # the cash book: a wide description
            widths = [58, 52, 52, width - 58 - 52 - 52 - 4 * 62, 62, 62, 62]
    aligns = ["L" if k == "text" else ("C" if k == "date" else "R") for k in t.kinds]
    aligns = [("R" if t.kinds[i] == "text" and i and any(
        isinstance(r[i], str) and r[i].endswith("%") for r in t.rows[:3]) else a) for i, a in enumerate(aligns)]
    return [Column(h, w, a, wrap=(k == "text")) for h, w, a, k in zip(t.headers, widths, aligns, t.kinds)]


def _table(pen: Pen, t: Table, x0: float, x1: float, y: float, bottom: float, new_page) -> float:
    fc = pen.faces
    ruled = Ruled(fc, _columns(t, x1 - x0), x0, size=11, head_size=11)
    rows = [ruled.prepare([cell_text(v, k) for v, k in zip(r, t.kinds)]) for r in t.rows]
    if t.total is not None:
        rows.append(ruled.prepare([cell_text(v, k) for v, k in zip(t.total, t.kinds)], BOLD))
    title_h = 22
    # The title stays with its heading and the first rows (up to three) on one page.
    if y - title_h - ruled.head_height - sum(r.height for r in rows[:3]) < bottom:
        y = new_page()
    pen.left(x0, y - 14, t.title, fc.bold, 12)
    y -= title_h
    y = ruled.draw_header(pen, y)
    i = 0
    while i < len(rows):
        chunk = []
        room = y - bottom
        while i < len(rows) and rows[i].height <= room:
            chunk.append(rows[i])
            room -= rows[i].height
            i += 1
        if t.total is not None and i == len(rows) - 1 and len(chunk) > 1:
            chunk.pop()  # the total never alone on a page: the last data row goes over with it
            i -= 1
        if chunk:
            y = ruled.draw_rows(pen, chunk, y)
        if i < len(rows):
            y = new_page()
            y = ruled.draw_header(pen, y)
    return y - 10
