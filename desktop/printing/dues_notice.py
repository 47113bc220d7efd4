"""THÔNG BÁO ĐOÀN PHÍ: the note a member gets of the dues they owe, month by month, with
a VietQR code that opens the transfer in any Vietnamese bank app with the amount and the
payment reference filled in (DOMAIN.md "Dues by bank transfer: VietQR").

    CÔNG ĐOÀN CẤP TRÊN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    CÔNG ĐOÀN CƠ SỞ …               Độc lập - Tự do - Hạnh phúc
                                     Dĩ An, ngày 07 tháng 03 năm 2026
                         THÔNG BÁO ĐOÀN PHÍ
                           Tháng 03/2026
    Kính gửi đoàn viên: …           Ngày sinh: …   Tổ công đoàn: …
    ┌ Tháng │ Phải nộp │ Đã nộp │ Còn phải nộp │ Ghi chú ┐     ▇▇▇▇▇▇
    │ …                                                │     ▇ QR ▇
    └ Cộng                                             ┘     ▇▇▇▇▇▇
    Số tiền cần nộp: …                                   Ngân hàng, số tài khoản,
    (Bằng chữ: …)                                        chủ tài khoản
    Nội dung chuyển khoản: CD…                           Quét mã bằng ứng dụng…

Two notices to an A4 portrait sheet (a cut line between) when every notice has at most
HALF_PAGE_MONTHS months, else one per A4 page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from desktop.printing.data import DuesNotice, UnitHeader
from desktop.printing.layout import (
    Pen,
    capitalize_first,
    draw_doc_header,
    draw_title,
    faces,
    money,
    new_canvas,
    nfc,
    place_date,
    wrap,
)
from desktop.printing.table import BOLD, Column, Table

TITLE = "THÔNG BÁO ĐOÀN PHÍ"
INSTRUCTION = ("Quét mã bằng ứng dụng ngân hàng: số tiền và nội dung chuyển khoản đã điền sẵn; "
               "xin giữ nguyên nội dung.")
HALF_PAGE_MONTHS = 6  # a quarter or half a year: the table and the code fit half a sheet
QR_SIZE = 112  # points (≈ 40 mm): far above the 2 cm a phone camera needs
QR_COLUMN = 150
GAP = 14
BODY = 10.5
ROW = 10


def _columns(width: float) -> list[Column]:
    fixed = 52 + 62 + 58 + 68
    return [Column("Tháng", 52, "C"), Column("Phải nộp", 62, "R"), Column("Đã nộp", 58, "R"),
            Column("Còn phải nộp", 68, "R"), Column("Ghi chú", width - fixed, "L", wrap=True)]


class NoticePainter:
    """Draws one notice inside a box of the page: x0..x1 across, from y_top down."""

    def __init__(self, pen: Pen, header: UnitHeader, x0: float, x1: float) -> None:
        self.pen = pen
        self.header = header
        self.x0, self.x1 = x0, x1
        self.table_w = x1 - x0 - QR_COLUMN - GAP
        self.table = Table(pen.faces, _columns(self.table_w), x0, size=ROW, head_size=ROW, pad_y=2)

    def draw(self, n: DuesNotice, y_top: float) -> float:
        pen, f = self.pen, self.pen.faces
        x0, x1 = self.x0, self.x1
        y = draw_doc_header(pen, self.header, x0, x1, y_top, motto=True,
                            date_line=place_date(self.header.place, n.made_on), size=10)
        y = draw_title(pen, x0, x1, y - 4, TITLE, [capitalize_first(n.period)], size=14, sub_size=11)
        y -= 4
        pen.left(x0, y - BODY, f"Kính gửi đoàn viên: {nfc(n.member_name)}", f.bold, BODY + 0.5)
        y -= BODY * 1.45
        about = []
        birth = nfc(n.birth).strip()
        if birth:
            about.append(f"{'Năm sinh' if len(birth) == 4 else 'Ngày sinh'}: {birth}")
        if n.group_name:
            about.append(f"Tổ công đoàn: {nfc(n.group_name)}")
        if about:
            for line in wrap("; ".join(about), f.regular, BODY, x1 - x0):
                pen.left(x0, y - BODY, line, f.regular, BODY)
                y -= BODY * 1.3
        pen.left(x0, y - BODY, "Công đoàn xin thông báo số đoàn phí đồng chí cần nộp như sau:", f.italic, BODY)
        y -= BODY * 1.3 + 3
        left_bottom = self._table_and_amount(n, y)
        right_bottom = self._code(n, y)
        return min(left_bottom, right_bottom)

    def _table_and_amount(self, n: DuesNotice, y: float) -> float:
        pen, f, table = self.pen, self.pen.faces, self.table
        prepare = table.prepare
        rows = [prepare((m.month, money(m.due), money(m.paid) if m.paid else "-", money(m.owed), m.note))
                for m in n.months]
        rows.append(prepare(("Cộng", money(sum(m.due for m in n.months)), money(sum(m.paid for m in n.months)),
                             money(n.total), ""), BOLD))
        y = table.draw_header(pen, y)
        y = table.draw_rows(pen, rows, y) - 4
        x0, w = self.x0, self.table_w
        pen.left(x0, y - BODY - 1, f"Số tiền cần nộp: {money(n.total, unit=True)}", f.bold, BODY + 1)
        y -= (BODY + 1) * 1.35
        for line in wrap(f"(Bằng chữ: {nfc(n.total_words)})", f.italic, BODY, w):
            pen.left(x0, y - BODY, line, f.italic, BODY)
            y -= BODY * 1.3
        label = "Nội dung chuyển khoản (mã thanh toán): "
        pen.left(x0, y - BODY - 1, label, f.regular, BODY)
        pen.left(x0 + pen.width(label, f.regular, BODY), y - BODY - 1, n.reference, f.bold, BODY + 1.5)
        return y - (BODY + 1.5) * 1.35

    def _code(self, n: DuesNotice, y: float) -> float:
        pen, f = self.pen, self.pen.faces
        left = self.x1 - QR_COLUMN
        cx = left + QR_COLUMN / 2
        pen.c.drawImage(ImageReader(io.BytesIO(n.qr_png)), cx - QR_SIZE / 2, y - QR_SIZE, QR_SIZE, QR_SIZE)
        y -= QR_SIZE + 2
        small = BODY - 1.5
        lines = [(nfc(n.bank_name), f.regular), (f"Số tài khoản: {nfc(n.account_number)}", f.bold),
                 (f"Chủ tài khoản: {nfc(n.account_name)}", f.regular)]
        for text, font in lines:
            for line in wrap(text, font, small, QR_COLUMN):
                pen.centre(cx, y - small, line, font, small)
                y -= small * 1.25
        y -= 2
        for line in wrap(INSTRUCTION, f.italic, small - 0.5, QR_COLUMN):
            pen.centre(cx, y - small, line, f.italic, small - 0.5)
            y -= (small - 0.5) * 1.2
        return y


def render_dues_notices(header: UnitHeader, notices: Sequence[DuesNotice], out) -> int:
    """The notices to a PDF (`out`: a path or a binary file). Returns the pages."""
    if not notices:
        raise ValueError("no dues notices to print")
    fc = faces()
    title = (f"Thông báo đoàn phí: {nfc(notices[0].member_name)}" if len(notices) == 1
             else f"Thông báo đoàn phí ({len(notices)} đoàn viên)")
    c = new_canvas(out, A4, title, fc)
    pen = Pen(c, fc)
    w, h = A4
    half = all(len(n.months) <= HALF_PAGE_MONTHS for n in notices)
    painter = NoticePainter(pen, header, 20 * mm, w - 15 * mm) if half else NoticePainter(pen, header, 30 * mm,
                                                                                         w - 15 * mm)
    pages = 0
    per_page = 2 if half else 1
    for i in range(0, len(notices), per_page):
        painter.draw(notices[i], h - (12 * mm if half else 20 * mm))
        if half:
            c.setDash(4, 3)
            c.line(5 * mm, h / 2, w - 5 * mm, h / 2)
            c.setDash()
            if i + 1 < len(notices):
                painter.draw(notices[i + 1], h / 2 - 12 * mm)
        c.showPage()
        pen.new_page()
        pages += 1
    c.save()
    return pages
