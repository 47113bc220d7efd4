"""Shared by every form: money and date formatting, text measured and wrapped by its
real width, a pen that draws NFC text with as few font changes as possible, the
document header, signature blocks and page numbers.

Coordinates are ReportLab's: points, origin at the bottom left, y grows upwards. A
function that draws a block takes the y of its top and returns the y under it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.data import UnitHeader
from desktop.printing.fonts import Faces, register_fonts

# A4 portrait margins of official documents (NĐ 30/2020, QĐ 933/QĐ-TLĐ).
PAGE_W, PAGE_H = A4
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm

DOTS = "…………"  # an empty field on a form, to be filled in by hand
SIGN_NOTE = "(Ký, họ tên)"
SIGN_NOTE_STAMP = "(Ký, họ tên, đóng dấu)"


# ---------------------------------------------------------------------------- text


def nfc(s: object) -> str:
    """Text as it must reach the canvas: NFC (ReportLab misplaces combining accents)."""
    s = s if type(s) is str else ("" if s is None else str(s))
    return s if s.isascii() else unicodedata.normalize("NFC", s)


def capitalize_first(s: str) -> str:
    """"tháng 03/2026" → "Tháng 03/2026"; the rest is left as it is."""
    s = nfc(s)
    return s[:1].upper() + s[1:]


def money(amount: int, unit: bool = False) -> str:
    """1234567 → "1.234.567" (or "1.234.567 đ" with unit); negative with a leading "-"."""
    s = f"{abs(int(amount)):,}".replace(",", ".")
    if amount < 0:
        s = "-" + s
    return s + " đ" if unit else s


def short_money(v: float) -> str:
    """Chart labels, on paper and on screen: 1.500.000.000 → "1,5 tỷ", 250.000.000 → "250 tr",
    1.500.000 → "1,5 tr"."""
    v = int(v)
    if abs(v) >= 1_000_000_000:
        return f"{v / 1e9:.1f} tỷ".replace(".0 ", " ").replace(".", ",")
    if abs(v) >= 10_000_000:
        return f"{v / 1e6:.0f} tr"
    if abs(v) >= 1_000_000:  # 1.500.000 is "1,5 tr", not "2 tr"
        return f"{v / 1e6:.1f} tr".replace(".0 ", " ").replace(".", ",")
    if abs(v) >= 1_000:
        return f"{v / 1e3:.0f} nghìn"
    return str(v)


def money_or_dash(amount: int | None) -> str:
    """In the rows of a dense table zero is a dash (the accountants' Excel habit) and
    an unknown amount is left empty."""
    if amount is None:
        return ""
    return money(amount) if amount else "-"


def short_date(d: date) -> str:
    """dd/mm/yyyy, always with a four-digit year."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def long_date(d: date | None, capital: bool = False) -> str:
    """"ngày 07 tháng 03 năm 2026" (day and month zero-padded, as in NĐ 30/2020); with no
    date, the dotted form to fill in by hand."""
    if d is None:
        s = "ngày ….. tháng ….. năm ………"
    else:
        s = f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year:04d}"
    return "N" + s[1:] if capital else s


def place_date(place: str | None, d: date | None) -> str:
    """"Hà Nội, ngày 07 tháng 03 năm 2026"."""
    place = nfc(place).strip()
    return f"{place}, {long_date(d)}" if place else long_date(d, capital=True)


def wrap(text: str, font: str, size: float, width: float,
         first_width: float | None = None) -> list[str]:
    """Lines of `text` no wider than `width` at font/size (the first line no wider than
    first_width when given, for a value that follows its label), broken only at spaces:
    a word is never cut, and a single word wider than the line is left whole on a line
    of its own (Pen.fitted squeezes it). Explicit newlines are kept. Blank text gives
    no lines."""
    text = nfc(text)
    if not text.strip():
        return []
    space = stringWidth(" ", font, size)
    out: list[str] = []
    limit = width if first_width is None else first_width
    for para in text.split("\n"):
        words = para.split()
        if not words:
            out.append("")
            limit = width
            continue
        line: list[str] = []
        used = 0.0
        for word in words:
            w = stringWidth(word, font, size)
            if not line:
                if w > limit and limit < width and not out:
                    out.append("")  # not even one word fits after the label
                    limit = width
                line, used = [word], w
            elif used + space + w <= limit:
                line.append(word)
                used += space + w
            else:
                out.append(" ".join(line))
                limit = width
                line, used = [word], w
        out.append(" ".join(line))
        limit = width
    return out


def fit_lines(text: str, font: str, size: float, width: float, max_lines: int,
              min_size: float) -> tuple[list[str], float]:
    """Wrap at `size`, shrinking by half points down to `min_size` until the text takes
    at most `max_lines` lines. Returns the lines and the size used (at min_size the
    lines may still be more than max_lines: the caller must make room)."""
    while True:
        lines = wrap(text, font, size, width)
        if len(lines) <= max_lines or size <= min_size:
            return lines, size
        size = max(min_size, size - 0.5)


# ----------------------------------------------------------------------------- pen


class Pen:
    """Draws NFC text on a canvas, changing the font only when it really changes.

    Call new_page() after canvas.showPage() and after restoreState(), which both
    forget the font."""

    __slots__ = ("_font", "_size", "c", "faces")

    def __init__(self, c: Canvas, faces: Faces):
        self.c = c
        self.faces = faces
        self._font: str | None = None
        self._size = 0.0

    def new_page(self) -> None:
        self._font = None

    def font(self, font: str, size: float) -> None:
        if font != self._font or size != self._size:
            self.c.setFont(font, size)
            self._font, self._size = font, size

    def left(self, x: float, y: float, s: str, font: str, size: float) -> None:
        self.font(font, size)
        self.c.drawString(x, y, nfc(s))

    def right(self, x: float, y: float, s: str, font: str, size: float) -> None:
        self.font(font, size)
        self.c.drawRightString(x, y, nfc(s))

    def centre(self, x: float, y: float, s: str, font: str, size: float) -> None:
        self.font(font, size)
        self.c.drawCentredString(x, y, nfc(s))

    def fitted(self, x: float, y: float, s: str, font: str, size: float, width: float,
               align: str = "L") -> None:
        """One line in a box `width` wide starting at x: drawn as it is when it fits,
        otherwise squeezed horizontally (never cut, never over the edge)."""
        s = nfc(s)
        w = stringWidth(s, font, size)
        if w <= width + 0.01:
            if align == "L":
                self.left(x, y, s, font, size)
            elif align == "R":
                self.right(x + width, y, s, font, size)
            else:
                self.centre(x + width / 2, y, s, font, size)
            return
        t = self.c.beginText(x, y)
        t.setFont(font, size)
        t.setHorizScale(100.0 * width / w)
        t.textOut(s)
        t.setHorizScale(100)  # Tz is text state: it would outlive ET and squeeze what follows
        self.c.drawText(t)
        self._font = None  # the text object changed the font inside BT/ET

    def width(self, s: str, font: str, size: float) -> float:
        return stringWidth(nfc(s), font, size)


def new_canvas(out, pagesize, title: str, faces: Faces) -> Canvas:
    """A canvas whose very first font is ours, so no Helvetica gets into the file.
    out: a path (str or os.PathLike) or a binary file object."""
    if isinstance(out, os.PathLike):
        out = os.fspath(out)
    c = Canvas(out, pagesize=pagesize, initialFontName=faces.regular, initialFontSize=12,
               pageCompression=1)
    c.setTitle(nfc(title))
    c.setAuthor("Sổ Công đoàn")
    c.setCreator("Sổ Công đoàn")
    c.setLineWidth(0.5)
    return c


def faces() -> Faces:
    return Faces.of(register_fonts())


# --------------------------------------------------------------- document parts


def draw_doc_header(pen: Pen, header: UnitHeader, x0: float, x1: float, y_top: float, *,
                    form_code: str | None = None, circular: str | None = None,
                    motto: bool = False, date_line: str | None = None,
                    number: str | None = None, size: float = 11) -> float:
    """The two-column head of a document.

    Left, centred in its column: the upper-level union (upper case) and under it this
    union (upper case, bold) with a short rule. Right: "Mẫu số <form_code>" (bold) and
    the circular (italic) when form_code is given; or, with motto=True, the national
    motto (NĐ 30/2020) and date_line (italic). number: "Số: …" centred under the rule
    of the left column, as on an administrative document. Returns the y under the
    taller column."""
    f = pen.faces
    lead = size * 1.25
    width = x1 - x0
    left_w = width * 0.46
    right_x0 = x0 + width * 0.46
    right_w = x1 - right_x0
    lc = x0 + left_w / 2
    rc = right_x0 + right_w / 2

    y = y_top - size
    for s in wrap(header.upper_name.upper(), f.regular, size, left_w):
        pen.centre(lc, y, s, f.regular, size)
        y -= lead
    unit_lines = wrap(header.unit_name.upper(), f.bold, size, left_w)
    for s in unit_lines:
        pen.centre(lc, y, s, f.bold, size)
        y -= lead
    rule = min(left_w * 0.4, max((stringWidth(s, f.bold, size) for s in unit_lines), default=0))
    pen.c.line(lc - rule / 2, y + lead - 5, lc + rule / 2, y + lead - 5)
    if number:
        y -= 4
        for s in wrap(f"Số: {number}", f.regular, size, left_w):
            pen.centre(lc, y, s, f.regular, size)
            y -= lead
    y_left = y - 3

    y = y_top - size
    if form_code:
        pen.centre(rc, y, f"Mẫu số {form_code}", f.bold, size)
        y -= lead
        small = size - 2
        for s in wrap(circular or "", f.italic, small, right_w):
            pen.centre(rc, y, s, f.italic, small)
            y -= small * 1.2
    elif motto:
        motto_size = size
        top = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        while stringWidth(top, f.bold, motto_size) > right_w and motto_size > 8:
            motto_size -= 0.5
        pen.centre(rc, y, top, f.bold, motto_size)
        y -= lead
        sub = "Độc lập - Tự do - Hạnh phúc"
        sub_size = motto_size + 1
        pen.centre(rc, y, sub, f.bold, sub_size)
        sw = stringWidth(sub, f.bold, sub_size)
        pen.c.line(rc - sw / 2, y - 2.5, rc + sw / 2, y - 2.5)
        y -= lead + 4
        if date_line:
            for s in wrap(date_line, f.italic, size, right_w):
                pen.centre(rc, y, s, f.italic, size)
                y -= lead
    return min(y_left, y)


def draw_title(pen: Pen, x0: float, x1: float, y_top: float, title: str,
               subtitles: Iterable[str] = (), *, size: float = 14, sub_size: float = 12,
               sub_font: str | None = None) -> float:
    """A centred bold title (wrapped) and centred sub-lines under it."""
    f = pen.faces
    cx = (x0 + x1) / 2
    y = y_top - size
    for s in wrap(title, f.bold, size, x1 - x0):
        pen.centre(cx, y, s, f.bold, size)
        y -= size * 1.25
    sub_font = sub_font or f.italic
    y += size * 1.25 - sub_size * 1.3 - 2  # the first sub-line's baseline
    for sub in subtitles:
        for s in wrap(sub, sub_font, sub_size, x1 - x0):
            pen.centre(cx, y, s, sub_font, sub_size)
            y -= sub_size * 1.3
    return y + sub_size * 1.3 - sub_size * 0.5


@dataclass(frozen=True)
class Signer:
    """One signature block: the title (bold, may hold "\\n"), the note under it
    (italic) and, when known, the name printed under the space left for signing."""

    title: str
    name: str | None = None
    note: str = SIGN_NOTE


def signatures_height(pen: Pen, signers: Sequence[Signer], x0: float, x1: float, *,
                      size: float = 11, space: float = 50,
                      date_line: str | None = None) -> float:
    return _signatures(pen, signers, x0, x1, 0.0, size, space, date_line, draw=False)


def draw_signatures(pen: Pen, signers: Sequence[Signer], x0: float, x1: float,
                    y_top: float, *, size: float = 11, space: float = 50,
                    date_line: str | None = None) -> float:
    """Signature blocks side by side in equal columns. date_line (italic) goes above
    the right-most block. Returns the y under the lowest name."""
    return y_top - _signatures(pen, signers, x0, x1, y_top, size, space, date_line, draw=True)


def _signatures(pen: Pen, signers: Sequence[Signer], x0: float, x1: float, y_top: float,
                size: float, space: float, date_line: str | None, draw: bool) -> float:
    f = pen.faces
    n = len(signers)
    col = (x1 - x0) / n
    lead = size * 1.2
    note_size = size - 1
    y = y_top
    if date_line:
        # Centred over the right-most block, moved left only as far as the margin needs.
        lines = wrap(date_line, f.italic, size, min(x1 - x0, max(col, (x1 - x0) * 0.6)))
        if draw:
            for i, s in enumerate(lines):
                half = stringWidth(s, f.italic, size) / 2
                pen.centre(min(x1 - col / 2, x1 - half), y - size - i * lead, s, f.italic, size)
        y -= lead * len(lines) + 2
    bottom = y
    for i, sg in enumerate(signers):
        cx = x0 + col * i + col / 2
        yy = y - size
        for s in (ln for part in sg.title.split("\n") for ln in wrap(part, f.bold, size, col - 4)):
            if draw:
                pen.centre(cx, yy, s, f.bold, size)
            yy -= lead
        if sg.note:
            for s in wrap(sg.note, f.italic, note_size, col - 4):
                if draw:
                    pen.centre(cx, yy, s, f.italic, note_size)
                yy -= note_size * 1.2
        bottom = min(bottom, yy)
    # The names all stand on one line under the space for the signatures.
    name_y = bottom - space
    low = name_y
    for i, sg in enumerate(signers):
        if not sg.name:
            continue
        cx = x0 + col * i + col / 2
        yy = name_y
        for s in wrap(sg.name, f.bold, size, col - 4):
            if draw:
                pen.centre(cx, yy, s, f.bold, size)
            yy -= lead
        low = min(low, yy + lead)
    return y_top - (low - size * 0.3)


def draw_page_number(pen: Pen, page: int, total: int, page_w: float = PAGE_W,
                     y: float = MARGIN_BOTTOM / 2, size: float = 10) -> None:
    """"Trang 2/15", centred at the foot of the page."""
    pen.centre(page_w / 2, y, f"Trang {page}/{total}", pen.faces.regular, size)
