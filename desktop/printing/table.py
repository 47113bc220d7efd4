"""Long ruled tables drawn straight on the canvas, with manual pagination.

platypus Table measures and splits every cell many times over and takes minutes for
100,000 rows; here each row is measured once (prepare: wrapping, alignment, vertical
centring, all worked out into text positions), pages are cut with those heights
(paginate), and a page is drawn as one text object plus one set of rules.

render_list puts the pieces together for the list forms: the first page's head, a
running head on the next pages, the column headings on every page, per-page rows at
the top and the bottom of the table (carried forward, page totals), the rows that end
the table (grand totals), a closing block (signatures, kept on the page of the last
rows) and "Trang i/n".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.fonts import Faces
from desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    Pen,
    draw_doc_header,
    draw_page_number,
    draw_title,
    nfc,
    wrap,
)

# Row styles
NORMAL = 0
BOLD = 1
ITALIC = 2


@dataclass(frozen=True)
class Column:
    """title may hold "\\n" where the heading must break; width in points; align "L",
    "R" or "C"; wrap: the cell text wraps (and the row grows) instead of being squeezed."""

    title: str
    width: float
    align: str = "L"
    wrap: bool = False


def widen(columns: Sequence[Column], needs: dict[int, float],
          give: Sequence[tuple[int, float]]) -> list[Column]:
    """Columns `needs` {index: width} made at least that wide, the room taken from the
    columns of `give` [(index, narrowest)] in that order. What still does not fit is
    squeezed when drawn (Table.prepare), never cut."""
    widths = [c.width for c in columns]
    for i, need in needs.items():
        for j, narrowest in give:
            grow = min(max(0.0, need - widths[i]), max(0.0, widths[j] - narrowest))
            widths[i] += grow
            widths[j] -= grow
    return [Column(c.title, w, c.align, c.wrap) for c, w in zip(columns, widths)]


class Row:
    """A prepared row: its height and its text already placed, items of (x, dy from
    the row's top to the baseline, text, horizontal scale in %, width struck through)."""

    __slots__ = ("data", "height", "hidden", "items", "style")

    def __init__(self, height: float, style: int, items: list, data: object = None):
        self.height = height
        self.style = style
        self.items = items
        self.data = data
        self.hidden: tuple[int, ...] = ()  # inner column edges not ruled (merged cells)


class Table:
    """Columns laid out from x0; cells of `size` points, padded by pad_x / pad_y."""

    def __init__(self, faces: Faces, columns: Sequence[Column], x0: float, *, size: float = 10,
                 head_size: float | None = None, pad_x: float = 3, pad_y: float = 2.5,
                 min_row_h: float | None = None):
        self.faces = faces
        self.columns = list(columns)
        self.size = size
        self.lead = size * 1.2
        self.head_size = head_size or size
        self.pad_x = pad_x
        self.pad_y = pad_y
        self.min_row_h = max(min_row_h or 0.0, self.lead + 2 * pad_y)
        self.edges = [x0]
        for col in self.columns:
            self.edges.append(self.edges[-1] + col.width)
        self.x0, self.x1 = x0, self.edges[-1]
        self._fonts = {NORMAL: faces.regular, BOLD: faces.bold, ITALIC: faces.italic,
                       BOLD | ITALIC: faces.bold_italic}
        self._head = self.prepare([c.title for c in self.columns], BOLD, wrap_all=True,
                                  size=self.head_size, align_all="C")

    def font(self, style: int) -> str:
        return self._fonts[style & (BOLD | ITALIC)]

    @property
    def head_height(self) -> float:
        return self._head.height

    def prepare(self, cells: Sequence[object], style: int = NORMAL, *, wrap_all: bool = False,
                size: float | None = None, align_all: str | None = None, data: object = None,
                span: dict[int, int] | None = None, strike: dict[int, str] | None = None) -> Row:
        """Measure one row. span {first column: how many columns} merges cells (a label
        across several columns); the merged-over cells are ignored. strike {column:
        suffix} draws a line through that cell's text, all but the suffix (a voided
        document: "… (đã hủy)")."""
        size = size or self.size
        lead = size * 1.2
        font = self.font(style)
        pad = self.pad_x
        placed: list[tuple[float, str, float, int, int, float]] = []  # x, text, scale, line,
        # lines in the cell, width struck through
        hidden: tuple[int, ...] = ()
        nlines = 1
        cols = self.columns
        i = 0
        n = len(cols)
        while i < n:
            k = span.get(i, 1) if span else 1
            if k > 1:
                hidden += tuple(range(i + 1, i + k))
            raw = cells[i] if i < len(cells) else ""
            text = nfc(raw)
            col = cols[i]
            struck = strike.get(i) if strike else None
            left = self.edges[i] + pad
            avail = self.edges[i + k] - pad - left
            i += k
            if not text:
                continue
            align = align_all or col.align
            w = stringWidth(text, font, size)
            if w <= avail and "\n" not in text:
                lines = [text]
            elif col.wrap or wrap_all or "\n" in text:
                lines = wrap(text, font, size, avail)
            else:
                lines = [text]
            m = len(lines)
            if m > nlines:
                nlines = m
            for j, line in enumerate(lines):
                lw = w if m == 1 else stringWidth(line, font, size)
                scale = 100.0
                if lw > avail:  # one word wider than the cell: squeeze it, never overflow
                    scale = 100.0 * avail / lw
                    lw = avail
                if align == "R":
                    x = left + avail - lw
                elif align == "C":
                    x = left + (avail - lw) / 2
                else:
                    x = left
                sw = 0.0
                if struck is not None:
                    sw = lw
                    if struck and j == m - 1 and line.endswith(struck):
                        sw = max(0.0, lw - stringWidth(" " + struck, font, size) * scale / 100.0)
                placed.append((x, line, scale, j, m, sw))
        height = max(self.min_row_h, nlines * lead + 2 * self.pad_y)
        # Each cell's lines centred in the row; the middle of a line is a third of the
        # size above its baseline.
        items = [(x, (height - m * lead) / 2 + (j + 0.5) * lead + 0.33 * size, line, scale, sw)
                 for x, line, scale, j, m, sw in placed]
        row = Row(height, style, items, data)
        row.hidden = hidden
        return row

    def draw_header(self, pen: Pen, y_top: float) -> float:
        return self.draw_rows(pen, [self._head], y_top, size=self.head_size)

    def draw_rows(self, pen: Pen, rows: Sequence[Row], y_top: float,
                  size: float | None = None) -> float:
        """Rows from y_top down, with their rules; returns the y of the bottom rule."""
        c = pen.c
        t = c.beginText()
        font = None
        rules = []
        struck = []
        y = y_top
        size = size or self.size
        for row in rows:
            f = self.font(row.style)
            if f != font:
                t.setFont(f, size)
                font = f
            for x, dy, text, scale, sw in row.items:
                t.setTextOrigin(x, y - dy)
                if scale != 100.0:
                    t.setHorizScale(scale)
                    t.textOut(text)
                    t.setHorizScale(100)
                else:
                    t.textOut(text)
                if sw:
                    struck.append((x, y - dy + size * 0.3, x + sw, y - dy + size * 0.3))
            y -= row.height
            rules.append((self.x0, y, self.x1, y))
        c.drawText(t)
        pen.new_page()  # the text object's fonts are not the pen's
        rules.append((self.x0, y_top, self.x1, y_top))
        if any(row.hidden for row in rows):
            for k, x in enumerate(self.edges):
                seg_top = y_top
                yy = y_top
                for row in rows:
                    if k in row.hidden:
                        if seg_top > yy:
                            rules.append((x, seg_top, x, yy))
                        seg_top = yy - row.height
                    yy -= row.height
                if seg_top > yy:
                    rules.append((x, seg_top, x, yy))
        else:
            for x in self.edges:
                rules.append((x, y_top, x, y))
        c.lines(rules)
        if struck:
            c.lines(struck)
        return y


def paginate(heights: Sequence[float], first: float, other: float,
             tail: float = 0.0) -> list[tuple[int, int]]:
    """Cut rows of the given heights into pages: (start, stop) per page. first / other:
    the room for rows on the first / the next pages; tail: the room the rows that end
    the table need on the last page, which also keeps at least one data row with them.
    A row taller than a page gets a page of its own (it is never split)."""
    pages: list[tuple[int, int]] = []
    n = len(heights)
    i = 0
    while True:
        avail = first if not pages else other
        start, used = i, 0.0
        while i < n and used + heights[i] <= avail:
            used += heights[i]
            i += 1
        if i == start and i < n:  # taller than a whole page
            used += heights[i]
            i += 1
        if i < n:
            pages.append((start, i))
            continue
        if used + tail <= avail:
            pages.append((start, i))
            return pages
        if i - start >= 2:  # the end does not fit: the last row goes over with it
            pages.append((start, i - 1))
            i -= 1
            continue
        pages.append((start, i))
        pages.append((i, i))  # one huge row: the end alone on the last page
        return pages


@dataclass
class ListParts:
    """What a list form supplies to render_list. The row callbacks get the page index
    (0-based), the data rows of the page as (start, stop) and whether it is the last
    page; they are also called once beforehand to measure the room their rows take."""

    table: Table
    rows: Sequence[Row]
    first_head: Callable[[Pen, float], float]     # draws page 1's head, returns y under it
    running: tuple[str, str]                      # the running head of the next pages
    # rows over a page's data rows ("Số dư đầu kỳ", "Số trang trước chuyển sang")
    top_rows: Callable[[int, int], list[Row]] = lambda page, start: []
    # rows under them ("Cộng trang"; on the last page also "Tổng cộng")
    bottom_rows: Callable[[int, int, int, bool], list[Row]] = lambda page, start, stop, last: []
    closing: Callable[[Pen, float], float] | None = None   # signatures after the table
    closing_height: float = 0.0


def render_list(pen: Pen, parts: ListParts, *, top: float = PAGE_H - MARGIN_TOP,
                bottom: float = MARGIN_BOTTOM, gap: float = 14) -> int:
    """Draw a whole list document on pen.c (one page already begun). Returns the pages."""
    c = pen.c
    tb = parts.table

    def height(rows: Sequence[Row]) -> float:
        return sum(r.height for r in rows)

    top_h = max(height(parts.top_rows(0, 0)), height(parts.top_rows(1, 0)))
    bottom_h = height(parts.bottom_rows(0, 0, 0, False))
    tail = max(0.0, height(parts.bottom_rows(0, 0, 0, True)) - bottom_h)
    y_first = parts.first_head(pen, top)
    y_other = top - RUNNING_HEAD_H
    per_page = tb.head_height + top_h + bottom_h
    first_room = y_first - bottom - per_page
    other_room = y_other - bottom - per_page
    # The signatures stay on the page of the last rows: a page of signatures alone could
    # be put under another list.
    closing_h = parts.closing_height + gap if parts.closing is not None else 0.0
    pages = paginate([r.height for r in parts.rows], first_room, other_room, tail + closing_h)
    total = len(pages)

    y = y_first
    for p, (start, stop) in enumerate(pages):
        last = p == len(pages) - 1
        if p:
            c.showPage()
            pen.new_page()
            y = running_head(pen, top, *parts.running)
        y = tb.draw_header(pen, y)
        rows = parts.top_rows(p, start) + list(parts.rows[start:stop]) \
            + parts.bottom_rows(p, start, stop, last)
        y = tb.draw_rows(pen, rows, y)
        if total > 1:
            draw_page_number(pen, p + 1, total)
    if parts.closing is not None:
        parts.closing(pen, y - gap)
    c.showPage()
    pen.new_page()
    return total


RUNNING_HEAD_H = 9 + 14


def running_head(pen: Pen, top: float, left: str, right: str,
                 x0: float = MARGIN_LEFT, x1: float = PAGE_W - MARGIN_RIGHT) -> float:
    """One italic line over a thin rule on the pages after the first: who and what.
    Takes RUNNING_HEAD_H."""
    f = pen.faces
    room = x1 - x0 - 12
    lw, rw = pen.width(left, f.italic, 9), pen.width(right, f.italic, 9)
    if lw + rw > room:  # share the line in proportion, squeezing both
        lw, rw = room * lw / (lw + rw), room * rw / (lw + rw)
    y = top - 9
    pen.fitted(x0, y, left, f.italic, 9, lw)
    pen.fitted(x1 - rw, y, right, f.italic, 9, rw, align="R")
    pen.c.line(x0, y - 4, x1, y - 4)
    return top - RUNNING_HEAD_H


def list_head(pen: Pen, header, title: str, subtitles: Sequence[str], top: float, *,
              motto: bool = False, date_line: str | None = None, info: Sequence[str] = (),
              unit_note: bool = True, number: str | None = None, x0: float = MARGIN_LEFT,
              x1: float = PAGE_W - MARGIN_RIGHT) -> float:
    """Page 1 of a list: the document header, the title and its sub-lines, info lines
    (left-aligned, 12 pt) and "(Đơn vị tính: đồng)" at the right over the table."""
    f = pen.faces
    y = draw_doc_header(pen, header, x0, x1, top, motto=motto, date_line=date_line, number=number)
    y = draw_title(pen, x0, x1, y - 14, title, subtitles, size=14, sub_size=12.5,
                   sub_font=f.bold)
    y -= 4
    for line in info:
        for s in wrap(line, f.regular, 12, x1 - x0):
            pen.left(x0, y - 12, s, f.regular, 12)
            y -= 15
    if unit_note:
        pen.right(x1, y - 10, "Đơn vị tính: đồng", f.italic, 10)
        y -= 14
    return y - 2
