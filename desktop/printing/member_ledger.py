"""SỔ THEO DÕI ĐOÀN PHÍ CỦA ĐOÀN VIÊN: one member's dues month by month (what was
due, what was paid and on which receipts, what is still owed), for the member who
asks, for a transfer, or before a discipline decision (DOMAIN.md "Members").

A4 portrait; the table continues over pages with its headings repeated.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from desktop.printing.data import MemberLedger, UnitHeader
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    Pen,
    Signer,
    draw_signatures,
    faces,
    money,
    money_or_dash,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
    wrap,
)
from desktop.printing.table import BOLD, Column, ListParts, Table, list_head, render_list

TITLE = "SỔ THEO DÕI ĐOÀN PHÍ CỦA ĐOÀN VIÊN"


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    return [
        Column("Tháng", 50, "C"),
        Column("Tiền lương/ căn cứ đóng", 70, "R"),
        Column("Phải nộp", 58, "R"),
        Column("Đã nộp", 58, "R"),
        Column("Phiếu thu (quyển/số)", 84, "L", wrap=True),
        Column("Còn nợ", 62, "R"),
        Column("Ghi chú", width - 50 - 70 - 58 - 58 - 84 - 62, "L", wrap=True),
    ]


def summary_line(ledger: MemberLedger) -> str:
    to = nfc(ledger.to_month).strip()
    until = f" đến tháng {to}" if to else ""
    if ledger.balance > 0:
        return f"Số đoàn phí còn nợ{until}: {money(ledger.balance, unit=True)}"
    if ledger.balance < 0:
        return (f"Số đoàn phí nộp thừa{until} (trừ vào kỳ sau): "
                f"{money(-ledger.balance, unit=True)}")
    return f"Đã nộp đủ đoàn phí{until}."


def render_member_ledger(header: UnitHeader, ledger: MemberLedger, out) -> int:
    """The member's dues ledger to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    name = nfc(ledger.member_name)
    c = new_canvas(out, A4, f"Sổ theo dõi đoàn phí: {name}", fc)
    pen = Pen(c, fc)
    table = Table(fc, _columns(), MARGIN_LEFT, size=10.5, head_size=10)
    prepare = table.prepare
    rows = [prepare((ln.month, money_or_dash(ln.basis_amount), money_or_dash(ln.due),
                     money_or_dash(ln.paid), ln.receipts, money(ln.balance), ln.note))
            for ln in ledger.lines]

    def bottom_rows(page: int, start: int, stop: int, last: bool) -> list:
        if not last:
            return []
        return [prepare(("Cộng", "", money(ledger.total_due), money(ledger.total_paid), "",
                         money(ledger.balance), ""), BOLD, span={0: 2})]

    birth = nfc(ledger.birth).strip()
    info = [f"Họ và tên: {name}",
            f"{'Năm sinh' if len(birth) == 4 else 'Ngày sinh'}: {birth}"]
    if ledger.id_number:
        info.append(f"Số định danh cá nhân (CCCD): {nfc(ledger.id_number)}")
    if ledger.group_name:
        info.append(f"Tổ công đoàn: {nfc(ledger.group_name)}")
    first, last = nfc(ledger.from_month).strip(), nfc(ledger.to_month).strip()
    period = [f"Từ tháng {first} đến tháng {last}"] if first and last else []

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, period, top, info=info)

    signers = [Signer("NGƯỜI LẬP BIỂU"), Signer("KẾ TOÁN", header.accountant_name)]
    date_line = place_date(header.place, None)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    summary = wrap(summary_line(ledger), fc.bold, 12, x1 - x0)

    def closing(p: Pen, y: float) -> float:
        for s in summary:
            p.left(x0, y - 12, s, fc.bold, 12)
            y -= 15
        return draw_signatures(p, signers, x0, x1, y - 10, date_line=date_line)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), f"Sổ theo dõi đoàn phí – {name}"),
                      bottom_rows=bottom_rows, closing=closing,
                      closing_height=len(summary) * 15 + 10
                      + signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages
