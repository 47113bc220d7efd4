"""GIẤY BÁO CÓ / GIẤY BÁO NỢ: one entry of the bank book (S12-H) printed as the unit's
accounting voucher of it, with its account pair, the way accounting software prints a
bank receipt or payment beside the phiếu thu / phiếu chi (DOMAIN.md: the bank book is
kept "from bank credit and debit advices"). The bank's own advice or statement is the
source document; this page is what the accountant signs and files with it.

    CÔNG ĐOÀN CẤP TRÊN                                  Tài khoản: 12010000123456
    CĐCS …                                              Tại: Ngân hàng …
                              GIẤY BÁO CÓ               Số: FT24…
                        Ngày 07 tháng 03 năm 2026       Nợ: 112
                                                        Có: 3371
    Đơn vị, người nộp: …
    Nội dung: …
    Số tiền: 1.200.000 đ
    (Viết bằng chữ): …
    Khoản: Kinh phí công đoàn (2%)
                                                    Ngày 07 tháng 03 năm 2026
          NGƯỜI LẬP            KẾ TOÁN TRƯỞNG          THỦ TRƯỞNG ĐƠN VỊ

A5 landscape, one entry a page. A voided entry carries the reason and a large stamp.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import BankAdvice, UnitHeader
from desktop.printing.layout import (
    DOTS,
    SIGN_NOTE,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    draw_doc_header,
    draw_signatures,
    faces,
    long_date,
    money,
    new_canvas,
    nfc,
    signatures_height,
    wrap,
)

PAGE = landscape(A5)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 12 * mm, 10 * mm, 9 * mm
HEAD_SIZE = 10.5
TITLE_SIZE = 17
BODY_SIZE = 12
BODY_MIN = 9
BOX_W = 130  # the Số / Nợ / Có column at the right of the title
SIGN_SPACE = 60


def title_of(advice: BankAdvice) -> str:
    return "GIẤY BÁO CÓ" if advice.incoming else "GIẤY BÁO NỢ"


def _draw(pen: Pen, header: UnitHeader, a: BankAdvice) -> None:
    f = pen.faces
    w, h = PAGE
    x0, x1 = MARGIN_LEFT, w - MARGIN_RIGHT
    top = h - MARGIN_TOP
    # Head: the unions at the left (as on every form); the account at the right.
    y_left = draw_doc_header(pen, header, x0, x1, top, size=HEAD_SIZE)
    right_x = x0 + (x1 - x0) * 0.52
    right_w = x1 - right_x
    y = top - HEAD_SIZE
    for label, value in (("Tài khoản: ", a.account_number), ("Tên tài khoản: ", a.account_name),
                         ("Tại: ", a.institution)):
        for i, s in enumerate(wrap(label + nfc(value), f.regular, HEAD_SIZE, right_w)):
            pen.fitted(right_x, y, s, f.bold if i == 0 and label == "Tài khoản: " else f.regular, HEAD_SIZE,
                       right_w)
            y -= HEAD_SIZE * 1.25
    t_top = min(y_left, y) - 6

    # The title and date in the middle; the number and the accounts at the right.
    cx = (x0 + x1 - BOX_W) / 2
    pen.centre(cx, t_top - TITLE_SIZE, title_of(a), f.bold, TITLE_SIZE)
    pen.centre(cx, t_top - TITLE_SIZE - HEAD_SIZE - 8, long_date(a.entry_date, capital=True), f.italic, HEAD_SIZE)
    bx, yb = x1 - BOX_W, t_top - HEAD_SIZE
    for box_label, box_value in (("Số: ", a.reference), ("Nợ: ", a.debit_account), ("Có: ", a.credit_account)):
        pen.left(bx, yb, box_label, f.regular, HEAD_SIZE)
        lw = stringWidth(box_label, f.regular, HEAD_SIZE)
        pen.fitted(bx + lw, yb, nfc(box_value) if box_value else DOTS, f.bold if box_value else f.regular,
                   HEAD_SIZE, BOX_W - lw)
        yb -= HEAD_SIZE * 1.3
    body_top = min(t_top - TITLE_SIZE - HEAD_SIZE - 18, yb) - 4

    signers = [Signer("NGƯỜI LẬP", None, SIGN_NOTE), Signer("KẾ TOÁN TRƯỞNG", header.accountant_name, SIGN_NOTE),
               Signer("THỦ TRƯỞNG ĐƠN VỊ", header.chair_name, SIGN_NOTE_STAMP)]
    date_line = long_date(a.entry_date, capital=True)
    below = signatures_height(pen, signers, x0, x1, size=HEAD_SIZE, space=SIGN_SPACE, date_line=date_line)
    void_lines: list[str] = []
    if a.voided:  # the reason in red over the signatures
        void_lines = wrap("Lý do hủy: " + (nfc(a.void_reason) if a.void_reason else DOTS), f.bold_italic,
                          HEAD_SIZE, x1 - x0)
        below += len(void_lines) * HEAD_SIZE * 1.25
    items: tuple[tuple[str, str | None, str], ...] = (
             ("Đơn vị, người nộp:" if a.incoming else "Đơn vị, người nhận:", a.counterpart, f.bold),
             ("Nội dung:", a.content, f.regular),
             ("Số tiền:", money(a.amount, unit=True), f.bold),
             ("(Viết bằng chữ):", a.amount_words, f.italic),
             ("Khoản:", a.kind_label, f.regular))
    room = body_top - (MARGIN_BOTTOM + below + 8)
    size = float(BODY_SIZE)
    while True:  # the body as large as the room allows; a long content shrinks it
        body = [(label, stringWidth(label + " ", f.regular, size),
                 wrap(nfc(value), font, size, x1 - x0, x1 - x0 - stringWidth(label + " ", f.regular, size))
                 if value else [DOTS], font if value else f.regular) for label, value, font in items]
        need = sum(len(lines) for _, _, lines, _ in body) * size * 1.35
        if need <= room or size <= BODY_MIN:
            break
        size -= 0.5
    y = body_top
    for label, lw, lines, font in body:
        pen.left(x0, y - size, label + " ", f.regular, size)
        for i, s in enumerate(lines):
            pen.fitted(x0 + (lw if i == 0 else 0), y - size, s, font, size, x1 - x0 - (lw if i == 0 else 0))
            y -= size * 1.35
    if void_lines:
        pen.c.setFillColorRGB(0.80, 0.05, 0.05)
        for s in void_lines:
            pen.fitted(x0, y - HEAD_SIZE, s, f.bold_italic, HEAD_SIZE, x1 - x0)
            y -= HEAD_SIZE * 1.25
        pen.c.setFillColorRGB(0, 0, 0)
    draw_signatures(pen, signers, x0, x1, y - 8, size=HEAD_SIZE, space=SIGN_SPACE, date_line=date_line)
    if a.voided:
        _void_mark(pen)


def _void_mark(pen: Pen) -> None:
    """"ĐÃ HỦY" across the page, as on a voided receipt."""
    c, f = pen.c, pen.faces
    w, h = PAGE
    c.saveState()
    c.translate(w / 2, h / 2)
    c.rotate(math.degrees(math.atan2(h, w)) * 0.75)
    c.setFillColorRGB(0.80, 0.05, 0.05)
    c.setFillAlpha(0.28)
    pen.new_page()
    pen.centre(0, -26, "ĐÃ HỦY", f.bold, 78)
    c.restoreState()
    pen.new_page()


def render_bank_advices(header: UnitHeader, advices: Sequence[BankAdvice], out) -> int:
    """Giấy báo Có / Nợ to a PDF (`out`: a path or a binary file), one A5 landscape page
    each; returns the number of pages."""
    if not advices:
        raise ValueError("no bank entries to print")
    fc = faces()
    first = advices[0]
    title = (f"{title_of(first).capitalize()} ngày {first.entry_date:%d/%m/%Y}" if len(advices) == 1
             else f"Giấy báo Có, giấy báo Nợ ({len(advices)})")
    c = new_canvas(out, PAGE, title, fc)
    pen = Pen(c, fc)
    for advice in advices:
        _draw(pen, header, advice)
        c.showPage()
        pen.new_page()
    c.save()
    return len(advices)
