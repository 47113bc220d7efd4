"""Official documents of the union (QĐ 933/QĐ-TLĐ, built on NĐ 30/2020/NĐ-CP) as a list
of blocks, and their layout on A4 pages.

The same blocks are written to PDF here and to Word by desktop.printing.word, so that
the two look alike: the two-column header with the number and the dated place line,
paragraphs (justified, indented, runs of bold and italic) that flow over as many pages
as they need, line by line, never cut; ruled tables whose heading repeats on each page;
signature blocks with the recipients (Nơi nhận); the page number at the top centre from
page 2. A4 portrait, margins of layout.py (left 30, right 15, top and bottom 20 mm),
body 14 pt.

Layout keeps at least two lines of a paragraph together at the foot and at the head of
a page, headings with what follows them, and the signatures with the last lines before
them: a page of signatures alone could be put under another text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import UnitHeader
from desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    Pen,
    draw_doc_header,
    faces,
    new_canvas,
    nfc,
    wrap,
)
from desktop.printing.table import BOLD, NORMAL, Column, Row, Table

SIZE = 14          # body text
HEAD_SIZE = 13     # the document header, the number and the dated line
LEAD = 1.2         # line height, times the size (NĐ 30: single to 1.5 lines)
INDENT = 10 * mm   # first line of a body paragraph
SIGN_SPACE = 72    # room to sign and stamp, points
HEADER_SPLIT = 0.46  # the left column of the header, share of the text width (as layout.draw_doc_header)
PAGE_NUMBER_Y = PAGE_H - 12 * mm


# ------------------------------------------------------------------------------ blocks


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """align: "J" (justified), "L", "C" or "R"; indents and spaces in points."""

    runs: tuple[Run, ...]
    align: str = "J"
    first_indent: float = 0.0
    left_indent: float = 0.0
    size: float = SIZE
    space_before: float = 0.0
    space_after: float = 6.0
    keep_with_next: bool = False


def para(text: str, *, bold: bool = False, italic: bool = False, **kw) -> Para:
    return Para((Run(text, bold, italic),), **kw)


@dataclass(frozen=True)
class DocHeader:
    """The head of page 1: unit names and the national motto, then "Số: …" under the
    unit and the dated place line (italic) under the motto."""

    header: UnitHeader
    number: str
    date_line: str


@dataclass(frozen=True)
class Rule:
    """A short centred line (under the trích yếu)."""

    width: float = 60.0
    space_after: float = 8.0


@dataclass(frozen=True)
class Sign:
    title: str  # upper case, lines split by "\n"
    name: str | None = None


@dataclass(frozen=True)
class Signatures:
    """One signer: the recipients at the left beside it (NĐ 30). Two or more signers:
    side by side, the recipients under them."""

    signers: tuple[Sign, ...]
    recipients: tuple[str, ...] = ()
    space_before: float = 10.0


@dataclass(frozen=True)
class Col:
    title: str
    share: float  # of the text width
    align: str = "L"


@dataclass(frozen=True)
class TableBlock:
    columns: tuple[Col, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None  # a bold last row
    size: float = 12.0
    space_before: float = 6.0
    space_after: float = 6.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | DocHeader | Rule | Signatures | TableBlock | PageBreak


def text_width() -> float:
    return PAGE_W - MARGIN_LEFT - MARGIN_RIGHT


def motto_size(column_width: float, bold_font: str, size: float = HEAD_SIZE) -> float:
    """The size at which "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" fits its column (as
    layout.draw_doc_header shrinks it)."""
    s = size
    while stringWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold_font, s) > column_width and s > 8:
        s -= 0.5
    return s


# ------------------------------------------------------------------- lines of a paragraph

# A word: its pieces (text, font, width) written without a space between them.
Word = list[tuple[str, str, float]]


def _font(run: Run, f) -> str:
    if run.bold and run.italic:
        return f.bold_italic
    if run.bold:
        return f.bold
    return f.italic if run.italic else f.regular


def words_of(runs: Sequence[Run], f, size: float) -> list[list[Word]]:
    """The words of each hard line ("\\n" breaks a line) of a paragraph."""
    lines: list[list[Word]] = [[]]
    joined = False  # the next piece continues the last word (no space between runs)
    for run in runs:
        font = _font(run, f)
        for k, part in enumerate(nfc(run.text).split("\n")):
            if k:
                lines.append([])
                joined = False
            pieces = part.split(" ")
            for j, piece in enumerate(pieces):
                if j:
                    joined = False
                if not piece:
                    continue
                w = stringWidth(piece, font, size)
                if joined and lines[-1]:
                    lines[-1][-1].append((piece, font, w))
                else:
                    lines[-1].append([(piece, font, w)])
                joined = True
    return lines


@dataclass
class Line:
    words: list[Word]
    width: float      # natural width, one space between words
    spaces: float     # total width of those spaces
    first: bool       # the paragraph's first line (first_indent)
    justify: bool


def break_lines(p: Para, f, avail: float) -> list[Line]:
    out: list[Line] = []
    first = True
    for hard in words_of(p.runs, f, p.size):
        if not hard:
            out.append(Line([], 0.0, 0.0, first, False))
            first = False
            continue
        cur: list[Word] = []
        width = spaces = 0.0
        for word in hard:
            ww = sum(w for _, _, w in word)
            room = avail - p.left_indent - (p.first_indent if first else 0.0)
            sp = stringWidth(" ", word[0][1], p.size)
            if cur and width + sp + ww > room:
                out.append(Line(cur, width, spaces, first, p.align == "J"))
                first = False
                cur, width, spaces = [word], ww, 0.0
            elif cur:
                cur.append(word)
                width += sp + ww
                spaces += sp
            else:
                cur, width = [word], ww
        out.append(Line(cur, width, spaces, first, False))
        first = False
    return out


def draw_line(pen: Pen, p: Para, line: Line, x0: float, avail: float, baseline: float) -> None:
    if not line.words:
        return
    c = pen.c
    left = x0 + p.left_indent + (p.first_indent if line.first else 0.0)
    room = x0 + avail - left
    scale = 100.0
    natural = line.width
    if natural > room:  # one word wider than the line: squeezed, never cut
        scale = 100.0 * room / natural
        natural = room
    if p.align == "C":
        x = left + (room - natural) / 2
    elif p.align == "R":
        x = left + room - natural
    else:
        x = left
    gaps = len(line.words) - 1
    word_space = (room - natural) / gaps if line.justify and gaps > 0 and scale == 100.0 else 0.0
    t = c.beginText(x, baseline)
    if scale != 100.0:
        t.setHorizScale(scale)
    if word_space:
        t.setWordSpace(word_space)
    font = None
    for i, word in enumerate(line.words):
        for j, (text, f, _) in enumerate(word):
            if f != font:
                t.setFont(f, p.size)
                font = f
            t.textOut((" " if i and not j else "") + text)
    if word_space:
        t.setWordSpace(0)
    if scale != 100.0:
        t.setHorizScale(100)
    c.drawText(t)
    pen.new_page()  # the text object's font is not the pen's


# ------------------------------------------------------------------------------ items


class Item:
    """One unbreakable piece of the page: a line, a table row, the signatures."""

    __slots__ = ("draw", "height", "keep_with_next", "repeat", "space_before")

    def __init__(self, height: float, draw: Callable[[Pen, float], object], *, space_before: float = 0.0,
                 keep_with_next: bool = False, repeat: Item | None = None) -> None:
        self.height = height
        self.draw = draw          # draw(pen, y_top); what it returns is not used
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.repeat = repeat      # drawn first when this item opens a page (a table's heading)


def _para_items(pen: Pen, p: Para, x0: float, avail: float) -> list[Item]:
    lines = break_lines(p, pen.faces, avail)
    lead = p.size * LEAD
    n = len(lines)
    items = []
    for i, line in enumerate(lines):
        last = i == n - 1
        h = lead + (p.space_after if last else 0.0)
        keep = p.keep_with_next or (i == 0 and n > 1) or (i == n - 2 and n > 2)

        def draw(pen: Pen, y: float, line=line) -> None:
            draw_line(pen, p, line, x0, avail, y - p.size * 0.95)

        items.append(Item(h, draw, space_before=p.space_before if i == 0 else 0.0, keep_with_next=keep))
    return items


def _sign_column(pen: Pen, sign: Sign, cx: float, width: float, y: float, draw: bool) -> float:
    """A signer's title, the room to sign, the name; returns the height."""
    f = pen.faces
    lead = SIZE * LEAD
    yy = y - SIZE
    for part in nfc(sign.title).split("\n"):
        for s in wrap(part, f.bold, SIZE, width):
            if draw:
                pen.centre(cx, yy, s, f.bold, SIZE)
            yy -= lead
    yy -= SIGN_SPACE
    if sign.name:
        for s in wrap(sign.name, f.bold, SIZE, width):
            if draw:
                pen.centre(cx, yy, s, f.bold, SIZE)
            yy -= lead
    return y - yy - lead + SIZE * 0.3


def _recipients(pen: Pen, recipients: Sequence[str], x: float, width: float, y: float, draw: bool) -> float:
    """"Nơi nhận:" (bold italic 12) and one line per recipient (11 pt); returns the height."""
    f = pen.faces
    yy = y - 12
    if draw:
        pen.left(x, yy, "Nơi nhận:", f.bold_italic, 12)
    yy -= 14
    for r in recipients:
        first = True
        for s in wrap(f"- {nfc(r)}", f.regular, 11, width - 6):
            if draw:
                pen.left(x + (0 if first else 6), yy, s, f.regular, 11)
            first = False
            yy -= 13
    return y - yy - 13 + 3


def _signature_item(pen: Pen, b: Signatures, x0: float, avail: float) -> Item:
    n = len(b.signers)
    if n == 1:
        split = HEADER_SPLIT
        left_w, right_w = avail * split, avail * (1 - split)

        def layout(pen: Pen, y: float, draw: bool) -> float:
            h1 = _recipients(pen, b.recipients, x0, left_w - 8, y - 2, draw) + 2 if b.recipients else 0.0
            h2 = _sign_column(pen, b.signers[0], x0 + left_w + right_w / 2, right_w - 6, y, draw)
            return max(h1, h2)
    else:
        col = avail / n

        def layout(pen: Pen, y: float, draw: bool) -> float:
            h = max(_sign_column(pen, s, x0 + col * i + col / 2, col - 6, y, draw) for i, s in enumerate(b.signers))
            if b.recipients:
                h += 10 + _recipients(pen, b.recipients, x0, avail * HEADER_SPLIT, y - h - 10, draw)
            return h

    height = layout(pen, 0.0, False)
    return Item(height, lambda pen, y: layout(pen, y, True), space_before=b.space_before)


def _draw_row(table: Table, row: Row, pen: Pen, y: float) -> float:
    return table.draw_rows(pen, [row], y)


def _table_items(pen: Pen, b: TableBlock, x0: float, avail: float) -> list[Item]:
    cols = [Column(c.title, avail * c.share, c.align, wrap=True) for c in b.columns]
    table = Table(pen.faces, cols, x0, size=b.size, head_size=b.size, pad_x=4, pad_y=3)
    head = Item(table.head_height, lambda pen, y: table.draw_header(pen, y), space_before=b.space_before,
                keep_with_next=True)
    items = [head]
    rows = [table.prepare(r, NORMAL) for r in b.rows]
    if b.total:
        rows.append(table.prepare(b.total, BOLD))
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        items.append(Item(row.height + (b.space_after if last else 0.0),
                          partial(_draw_row, table, row), repeat=head,
                          keep_with_next=i == 0 or i == len(rows) - 2))
    return items


def _rule_item(b: Rule, x0: float, avail: float) -> Item:
    cx = x0 + avail / 2

    def draw(pen: Pen, y: float) -> None:
        pen.c.line(cx - b.width / 2, y - 2, cx + b.width / 2, y - 2)
    return Item(2 + b.space_after, draw)


# ------------------------------------------------------------------------------ pages


def draw_header(pen: Pen, b: DocHeader, x0: float, x1: float, top: float) -> float:
    """The header of page 1; returns the y under it."""
    f = pen.faces
    y = draw_doc_header(pen, b.header, x0, x1, top, motto=True, size=HEAD_SIZE)
    width = x1 - x0
    left_w = width * HEADER_SPLIT
    right_x0 = x0 + left_w
    right_w = x1 - right_x0
    base = y - HEAD_SIZE - 2
    number_lines = wrap(b.number, f.regular, HEAD_SIZE, left_w - 6)
    date_lines = wrap(b.date_line, f.italic, HEAD_SIZE, right_w - 2)
    lead = HEAD_SIZE * LEAD
    for i, s in enumerate(number_lines):
        pen.centre(x0 + left_w / 2, base - i * lead, s, f.regular, HEAD_SIZE)
    for i, s in enumerate(date_lines):
        pen.centre(right_x0 + right_w / 2, base - i * lead, s, f.italic, HEAD_SIZE)
    return base - (max(len(number_lines), len(date_lines)) - 1) * lead - HEAD_SIZE * 0.6


def items_of(pen: Pen, blocks: Sequence[Block], x0: float, avail: float) -> list[Item | DocHeader | PageBreak]:
    out: list = []
    for b in blocks:
        if isinstance(b, Para):
            out.extend(_para_items(pen, b, x0, avail))
        elif isinstance(b, TableBlock):
            out.extend(_table_items(pen, b, x0, avail))
        elif isinstance(b, Signatures):
            # the last two lines before the signatures go over with them
            for it in [o for o in out[-2:] if isinstance(o, Item)]:
                it.keep_with_next = True
            out.append(_signature_item(pen, b, x0, avail))
        elif isinstance(b, Rule):
            out.append(_rule_item(b, x0, avail))
        elif isinstance(b, (DocHeader, PageBreak)):
            out.append(b)
        else:  # pragma: no cover - a programming error
            raise TypeError(f"not a block: {b!r}")
    return out


def render_blocks(blocks: Sequence[Block], out, title: str) -> int:
    """Lay the blocks out on A4 pages into a PDF (`out`: a path or a binary file).
    Returns the number of pages."""
    fc = faces()
    c = new_canvas(out, A4, title, fc)
    pen = Pen(c, fc)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    avail = x1 - x0
    top, bottom = PAGE_H - MARGIN_TOP, MARGIN_BOTTOM
    items = items_of(pen, blocks, x0, avail)
    page = 1
    y = top

    def new_page() -> None:
        nonlocal page, y
        c.showPage()
        pen.new_page()
        page += 1
        pen.centre(PAGE_W / 2, PAGE_NUMBER_Y, str(page), fc.regular, HEAD_SIZE)
        y = top

    n = len(items)
    for i, it in enumerate(items):
        if isinstance(it, DocHeader):
            y = draw_header(pen, it, x0, x1, y)
            continue
        if isinstance(it, PageBreak):
            new_page()
            continue
        at_top = y == top
        gap = 0.0 if at_top else it.space_before
        # The run of items kept together from here, as far as it fits on a page.
        need = gap + it.height
        j, last = i, it
        while last.keep_with_next and j + 1 < n and isinstance(nxt := items[j + 1], Item):
            j, last = j + 1, nxt
            need += last.space_before + last.height
            if need > top - bottom:
                need = gap + it.height  # longer than a page: take it piece by piece
                break
        if y - need < bottom and not at_top:
            new_page()
            gap = 0.0
            if it.repeat is not None and it.repeat is not it:
                it.repeat.draw(pen, y)
                y -= it.repeat.height
        y -= gap
        it.draw(pen, y)
        y -= it.height
    c.showPage()
    c.save()
    return page
