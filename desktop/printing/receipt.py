"""Phiếu thu (form C40-BB) and phiếu chi (form C41-BB), in the layout of the accounting
regime for administrative units (TT 107/2017/TT-BTC, TT 24/2024/TT-BTC; DOMAIN.md
"Money and receipts"):

    Đơn vị: …                                         Mẫu số C40-BB
    Mã QHNS: …                         (Ban hành kèm theo Thông tư số …)
                                                      Quyển số: …
                          PHIẾU THU                   Số: …
                  Ngày 07 tháng 03 năm 2026           Nợ: …
                                                      Có: …
    Họ và tên người nộp tiền: …
    Địa chỉ: …
    Lý do nộp: …
    Số tiền: 120.000 đ
    (Viết bằng chữ): Một trăm hai mươi nghìn đồng
    Kèm theo: … chứng từ gốc
                                                   Ngày 07 tháng 03 năm 2026
    THỦ TRƯỞNG ĐƠN VỊ  KẾ TOÁN TRƯỞNG  NGƯỜI LẬP  NGƯỜI NỘP TIỀN  THỦ QUỸ
    (Ký, họ tên, đóng dấu) (Ký, họ tên)  …
    <chair>            <accountant>               <payer>         <treasurer>
    Đã nhận đủ số tiền (viết bằng chữ): …

A5 landscape, one per page, or two to an A4 portrait sheet with a cut line between.
Drawn with plain canvas calls (no platypus): 1,000 receipts take about a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.data import CashDoc, UnitHeader
from desktop.printing.layout import (
    DOTS,
    SIGN_NOTE,
    SIGN_NOTE_STAMP,
    Pen,
    faces,
    fit_lines,
    long_date,
    money,
    new_canvas,
    nfc,
    wrap,
)

A5_LANDSCAPE = landscape(A5)
LAYOUTS = ("a5", "a4x2")

# Margins inside one receipt (an A5 landscape page or half an A4 sheet).
MARGIN_LEFT = 18 * mm
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 8 * mm

HEAD_SIZE = 11          # "Đơn vị", "Mẫu số", Quyển số / Số / Nợ / Có
CIRCULAR_SIZE = 9
TITLE_SIZE = 17
BODY_SIZE = 12          # shrinks (to BODY_MIN) only when long texts need the room
BODY_MIN = 9
SIGN_SIZE = 10          # the names under the signatures
SIGN_TITLE_SIZE = 9.5   # THỦ TRƯỞNG ĐƠN VỊ … THỦ QUỸ
NOTE_SIZE = 9
SIGN_SPACE = 38         # room for the signatures (13 mm): the body shrinks before it does
SIGN_SPACE_MIN = 24     # (8.5 mm) only when even the smallest body does not fit
SIGN_SPACE_MAX = 58     # (20 mm) when the body is short
NAME_MIN = 8.5          # a long name under a signature shrinks to this before it wraps
SIGN_NAME_W = 100       # the payer's column: wide enough for a usual full name
BOX_W = 120             # the Quyển số / Số / Nợ / Có column at the right of the title


@dataclass(frozen=True)
class _Kind:
    form: str
    title: str
    person: str
    reason: str
    signer: str


KINDS = {
    "thu": _Kind("C40-BB", "PHIẾU THU", "Họ và tên người nộp tiền:", "Lý do nộp:",
                 "NGƯỜI NỘP TIỀN"),
    "chi": _Kind("C41-BB", "PHIẾU CHI", "Họ và tên người nhận tiền:", "Lý do chi:",
                 "NGƯỜI NHẬN TIỀN"),
}


class _Static:
    """Everything of a receipt that depends only on the unit and the kind, measured once."""

    def __init__(self, pen: Pen, header: UnitHeader, kind: _Kind, w: float):
        f = pen.faces
        self.kind = kind
        left_w = w * 0.50
        self.right_x = w * 0.52           # offsets from the left margin
        self.right_w = w - self.right_x
        label = "Đơn vị: "
        self.unit_label_w = stringWidth(label, f.regular, HEAD_SIZE)
        self.unit_lines = wrap(header.unit_name, f.bold, HEAD_SIZE, left_w,
                               left_w - self.unit_label_w)
        self.qhns = nfc(header.qhns_code) if header.qhns_code else DOTS
        self.left_w = left_w
        circular = header.circular_c40 if kind.form == "C40-BB" else header.circular_c41
        self.circular = wrap(circular, f.italic, CIRCULAR_SIZE, self.right_w)
        self.form_line = f"Mẫu số {kind.form}"
        head_lines = len(self.unit_lines) + 1
        self.head_h = max(head_lines * HEAD_SIZE * 1.25,
                          HEAD_SIZE * 1.25 + len(self.circular) * CIRCULAR_SIZE * 1.2)

        # Signature columns: each as wide as its title, note or name needs, the rest shared.
        self.signers = [("THỦ TRƯỞNG ĐƠN VỊ", SIGN_NOTE_STAMP, header.chair_name),
                        ("KẾ TOÁN TRƯỞNG", SIGN_NOTE, header.accountant_name),
                        ("NGƯỜI LẬP", SIGN_NOTE, None),
                        (kind.signer, SIGN_NOTE, None),   # the payer / payee: per document
                        ("THỦ QUỸ", SIGN_NOTE, header.treasurer_name)]
        need = [max(stringWidth(t, f.bold, SIGN_TITLE_SIZE), stringWidth(n, f.italic, NOTE_SIZE),
                    stringWidth(nfc(nm), f.bold, SIGN_SIZE) if nm else 0,
                    SIGN_NAME_W if i == 3 else 0) + 8
                for i, (t, n, nm) in enumerate(self.signers)]
        extra = max(0.0, (w - sum(need)) / len(need))
        self.cols: list[tuple[float, float]] = []   # (centre offset, width)
        x = 0.0
        for n in need:
            cw = n + extra
            self.cols.append((x + cw / 2, cw))
            x += cw
        scale = min(1.0, w / x)  # a very narrow box: squeeze the columns
        self.cols = [(c * scale, cw * scale) for c, cw in self.cols]
        widths = [cw for _, cw in self.cols]
        self.title_lines = [wrap(t, f.bold, SIGN_TITLE_SIZE, cw - 2)
                            for (t, _, _), cw in zip(self.signers, widths)]
        self.note_lines = [wrap(n, f.italic, NOTE_SIZE, cw - 2)
                           for (_, n, _), cw in zip(self.signers, widths)]
        self.names = [_name_lines(nm, f.bold, cw) if nm else ([], SIGN_SIZE)
                      for (_, _, nm), cw in zip(self.signers, widths)]
        self.sign_head_h = (max(map(len, self.title_lines)) * SIGN_TITLE_SIZE * 1.25
                            + max(map(len, self.note_lines)) * NOTE_SIZE * 1.2)


class ReceiptPainter:
    """Draws one receipt into a box of w × h points whose top left corner is (ox, oy)."""

    def __init__(self, pen: Pen, header: UnitHeader, box_w: float, box_h: float):
        self.pen = pen
        self.header = header
        self.box_w = box_w
        self.box_h = box_h
        self.w = box_w - MARGIN_LEFT - MARGIN_RIGHT
        self._static: dict[str, _Static] = {}

    def static(self, kind: str) -> _Static:
        st = self._static.get(kind)
        if st is None:
            st = self._static[kind] = _Static(self.pen, self.header, KINDS[kind], self.w)
        return st

    def draw(self, doc: CashDoc, ox: float, oy: float) -> None:
        pen, f, st = self.pen, self.pen.faces, self.static(doc.kind)
        x0 = ox + MARGIN_LEFT
        x1 = x0 + self.w
        w = self.w
        top = oy - MARGIN_TOP
        bottom = oy - self.box_h + MARGIN_BOTTOM
        hl = HEAD_SIZE * 1.25

        # Head: unit and Mã QHNS at the left; form and circular at the right.
        y = top - HEAD_SIZE
        pen.left(x0, y, "Đơn vị: ", f.regular, HEAD_SIZE)
        for i, s in enumerate(st.unit_lines):
            if i == 0:
                pen.fitted(x0 + st.unit_label_w, y, s, f.bold, HEAD_SIZE,
                           st.left_w - st.unit_label_w)
            else:
                pen.fitted(x0, y, s, f.bold, HEAD_SIZE, st.left_w)
            y -= hl
        pen.left(x0, y, "Mã QHNS: ", f.regular, HEAD_SIZE)
        qw = stringWidth("Mã QHNS: ", f.regular, HEAD_SIZE)
        pen.fitted(x0 + qw, y, st.qhns, f.regular, HEAD_SIZE, st.left_w - qw)
        rc = x0 + st.right_x + st.right_w / 2
        y = top - HEAD_SIZE
        pen.centre(rc, y, st.form_line, f.bold, HEAD_SIZE)
        y -= hl
        for s in st.circular:
            pen.centre(rc, y, s, f.italic, CIRCULAR_SIZE)
            y -= CIRCULAR_SIZE * 1.2

        # Title and date in the middle; book, number and accounts at the right.
        t_top = top - st.head_h - 6
        cx = (x0 + x1) / 2
        y = t_top - TITLE_SIZE
        pen.centre(cx, y, st.kind.title, f.bold, TITLE_SIZE)
        y -= HEAD_SIZE + 6
        pen.centre(cx, y, long_date(doc.doc_date, capital=True), f.italic, HEAD_SIZE)
        bx = x1 - BOX_W
        yb = t_top - HEAD_SIZE + 2
        # The book as a person reads it (02/2026: the services name it, its code staying
        # inside); the number as the screen shows it in BOOK/0001, zero-padded to four digits.
        for label, value in (("Quyển số: ", doc.book), ("Số: ", f"{doc.number:04d}"),
                             ("Nợ: ", doc.debit_account), ("Có: ", doc.credit_account)):
            pen.left(bx, yb, label, f.regular, HEAD_SIZE)
            lw = stringWidth(label, f.regular, HEAD_SIZE)
            pen.fitted(bx + lw, yb, nfc(value) if value else DOTS, f.bold if value else f.regular,
                       HEAD_SIZE, BOX_W - lw)
            yb -= hl * 0.95
        body_top = min(y - 6, yb + hl * 0.95 - HEAD_SIZE * 0.3) - 4

        # Under the body, top down: the date, the signatures, "Đã nhận đủ…".
        recv_label = "Đã nhận đủ số tiền (viết bằng chữ): "
        recv_lw = stringWidth(recv_label, f.regular, HEAD_SIZE)
        recv = wrap(doc.amount_words, f.italic, HEAD_SIZE, w, w - recv_lw) or [DOTS]
        person = nfc(doc.person_name)
        names = list(st.names)
        names[3] = _name_lines(person, f.bold, st.cols[3][1])
        # All the names at one size: the smallest any of them needed.
        common = min(size for lines, size in names)
        names = [(wrap(" ".join(lines), f.bold, common, cw - 4) if size != common else lines,
                  common) for (lines, size), (_, cw) in zip(names, st.cols)]
        names_h = max(1, max(len(n) for n, _ in names)) * SIGN_SIZE * 1.2
        void_lines = []
        if doc.voided:
            reason = "Lý do hủy: " + (nfc(doc.void_reason) if doc.void_reason else DOTS)
            void_lines = wrap(reason, f.bold_italic, HEAD_SIZE, w)
        below = (len(void_lines) * hl + 8 + hl + st.sign_head_h + names_h + 6 + len(recv) * hl)

        # The body, as large as the room allows; the rest of the room is for signing.
        items: list[tuple[str, str | None, str]] = [
            (st.kind.person, person, f.bold),
            ("Địa chỉ:", doc.address, f.regular),
            (st.kind.reason, doc.reason, f.regular),
            ("Số tiền:", money(doc.amount, unit=True), f.bold),
            ("(Viết bằng chữ):", doc.amount_words, f.italic),
            ("Kèm theo:", _attachments(doc.attachments), f.regular),
        ]
        if doc.corrects:
            # An adjusting document names, on paper too, the closed year's document it corrects.
            items.append(("Điều chỉnh cho:", nfc(doc.corrects), f.italic))
        room = body_top - bottom - below
        size: float = BODY_SIZE
        while True:
            body = _body_lines(items, f.regular, size, w)
            need = sum(len(v) for _, _, v, _ in body) * size * 1.3
            if room - need >= SIGN_SPACE or size <= BODY_MIN:
                break
            size -= 0.5
        if room - need < SIGN_SPACE_MIN:
            body = _truncate(body, int((room - SIGN_SPACE_MIN) // (size * 1.3)))
            need = sum(len(v) for _, _, v, _ in body) * size * 1.3
        space = max(SIGN_SPACE_MIN, min(SIGN_SPACE_MAX, room - need))
        air = max(0.0, min(12.0, room - need - space))  # a little air over the signatures

        lead = size * 1.3
        y = body_top  # the top of the next line, all the way down
        for label, lw, lines, font in body:
            pen.left(x0, y - size, label, f.regular, size)
            for i, s in enumerate(lines):
                if i == 0:
                    pen.fitted(x0 + lw, y - size, s, font, size, w - lw)
                else:
                    pen.fitted(x0, y - size, s, font, size, w)
                y -= lead
        if void_lines:
            c = pen.c
            c.setFillColorRGB(0.80, 0.05, 0.05)
            for s in void_lines:
                pen.fitted(x0, y - HEAD_SIZE, s, f.bold_italic, HEAD_SIZE, w)
                y -= hl
            c.setFillColorRGB(0, 0, 0)
        y -= 8 + air
        # The date, centred over the last two columns.
        date_c = x0 + (st.cols[3][0] - st.cols[3][1] / 2 + w) / 2
        pen.centre(date_c, y - HEAD_SIZE, long_date(doc.doc_date, capital=True), f.italic,
                   HEAD_SIZE)
        y -= hl
        name_y = y - st.sign_head_h - space - SIGN_SIZE
        for (cx, _cw), titles, notes, nm in zip(st.cols, st.title_lines, st.note_lines, names):
            cx += x0
            yy = y - SIGN_TITLE_SIZE
            for s in titles:
                pen.centre(cx, yy, s, f.bold, SIGN_TITLE_SIZE)
                yy -= SIGN_TITLE_SIZE * 1.25
            for s in notes:
                pen.centre(cx, yy, s, f.italic, NOTE_SIZE)
                yy -= NOTE_SIZE * 1.2
            yy = name_y
            for s in nm[0]:
                pen.centre(cx, yy, s, f.bold, nm[1])
                yy -= SIGN_SIZE * 1.2
        y -= st.sign_head_h + space + names_h + 6
        pen.left(x0, y - HEAD_SIZE, recv_label, f.regular, HEAD_SIZE)
        for i, s in enumerate(recv):
            if i == 0:
                pen.fitted(x0 + recv_lw, y - HEAD_SIZE, s, f.italic, HEAD_SIZE, w - recv_lw)
            else:
                pen.fitted(x0, y - HEAD_SIZE, s, f.italic, HEAD_SIZE, w)
            y -= hl

        if doc.voided:
            self._void_mark(ox, oy)

    def _void_mark(self, ox: float, oy: float) -> None:
        """A large diagonal "ĐÃ HỦY" stamp over the whole receipt (the reason is in the
        body, in red, where it can be read)."""
        pen, f, c = self.pen, self.pen.faces, self.pen.c
        angle = math.degrees(math.atan2(self.box_h, self.box_w)) * 0.75
        c.saveState()
        c.translate(ox + self.box_w / 2, oy - self.box_h / 2 + 10)
        c.rotate(angle)
        c.setFillColorRGB(0.80, 0.05, 0.05)
        c.setStrokeColorRGB(0.80, 0.05, 0.05)
        c.setFillAlpha(0.28)
        c.setStrokeAlpha(0.5)
        pen.new_page()
        pen.centre(0, -26, "ĐÃ HỦY", f.bold, 78)
        tw = stringWidth("ĐÃ HỦY", f.bold, 78)
        c.setLineWidth(2.5)
        c.roundRect(-tw / 2 - 14, -44, tw + 28, 86, 8, stroke=1, fill=0)
        c.restoreState()
        pen.new_page()


def _name_lines(name: str, font: str, col_w: float) -> tuple[list[str], float]:
    """A name under a signature: on one line, a little smaller if it must; wrapped only
    when even that is too wide."""
    return fit_lines(name, font, SIGN_SIZE, col_w - 4, 1, NAME_MIN)


def _attachments(value: str | None) -> str:
    """"01" → "01 chứng từ gốc"; a description ("Bảng kê đoàn phí tháng 03") as it is."""
    if not value:
        return f"{DOTS} chứng từ gốc"
    value = nfc(value).strip()
    if value[:1].isdigit() and "chứng từ" not in value.lower():
        return f"{value} chứng từ gốc"
    return value


def _body_lines(items, label_font: str, size: float, w: float):
    out = []
    for label, value, font in items:
        label = label + " "
        lw = stringWidth(label, label_font, size)
        lines = wrap(value, font, size, w, w - lw) if value else []
        out.append((label, lw, lines or [DOTS], font if lines else label_font))
    return out


def _truncate(body, max_lines: int):
    """Last resort for absurdly long texts: cut the longest field, ending it with "…"."""
    body = [list(b) for b in body]
    while sum(len(b[2]) for b in body) > max(max_lines, len(body)):
        longest = max(body, key=lambda b: len(b[2]))
        longest[2] = longest[2][:-1]
        last = longest[2][-1]
        longest[2][-1] = (last[:-2] if len(last) > 2 else last) + " …"
    return [tuple(b) for b in body]


def draw_receipts(c: Canvas, pen: Pen, header: UnitHeader, docs: Sequence[CashDoc],
                  layout: str) -> int:
    """Draw on an existing canvas (its page size set for `layout`); returns the pages."""
    if layout == "a5":
        w, h = A5_LANDSCAPE
        painter = ReceiptPainter(pen, header, w, h)
        for doc in docs:
            painter.draw(doc, 0, h)
            c.showPage()
            pen.new_page()
        return len(docs)
    w, h = A4
    half = h / 2
    painter = ReceiptPainter(pen, header, w, half)
    pages = 0
    for i in range(0, len(docs), 2):
        painter.draw(docs[i], 0, h)
        c.setDash(4, 3)
        c.line(5 * mm, half, w - 5 * mm, half)
        c.setDash()
        if i + 1 < len(docs):
            painter.draw(docs[i + 1], 0, half)
        c.showPage()
        pen.new_page()
        pages += 1
    return pages


def render_receipts(header: UnitHeader, docs: Sequence[CashDoc], out, layout: str = "a5") -> int:
    """Phiếu thu / phiếu chi to a PDF: `out` is a path or a binary file object.

    layout "a5": A5 landscape, one per page; "a4x2": two per A4 portrait sheet, a cut
    line between. Returns the number of pages."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if not docs:
        raise ValueError("no receipts or vouchers to print")
    fc = faces()
    pagesize = A5_LANDSCAPE if layout == "a5" else A4
    if len(docs) == 1:
        d = docs[0]
        title = f"{KINDS[d.kind].title.capitalize()} quyển {d.book} số {d.number:04d}"
    else:
        title = f"Phiếu thu, phiếu chi ({len(docs)})"
    c = new_canvas(out, pagesize, title, fc)
    pen = Pen(c, fc)
    pages = draw_receipts(c, pen, header, docs, layout)
    c.save()
    return pages
