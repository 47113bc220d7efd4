"""DANH SÁCH ĐIỂM DANH: who was expected at a meeting or an event, whether each came
(có mặt, vắng with the reason, vắng có phép) and a column to sign, A4 portrait with the
union header; long lists go over pages with the headings repeated."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from desktop.printing.data import AttendanceSheet, UnitHeader
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    draw_signatures,
    faces,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
    wrap,
)
from desktop.printing.table import Column, ListParts, Table, list_head, render_list

TITLE = "DANH SÁCH ĐOÀN VIÊN THAM DỰ"
SIZE = 11


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    fixed = 26 + 132 + 76 + 82 + 72
    return [
        Column("STT", 26, "C"),
        Column("Họ và tên", 132, "L", wrap=True),
        Column("Tổ công đoàn", 76, "L", wrap=True),
        Column("Chức vụ", 82, "L", wrap=True),
        Column("Có mặt / vắng\n(lý do)", 72, "C", wrap=True),
        Column("Ký tên", width - fixed, "C"),
    ]


def render_attendance(header: UnitHeader, sheet: AttendanceSheet, out) -> int:
    """The attendance sheet to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    title = nfc(sheet.title)
    c = new_canvas(out, A4, f"Danh sách điểm danh — {title}", fc)
    pen = Pen(c, fc)
    table = Table(fc, _columns(), MARGIN_LEFT, size=SIZE, head_size=10.5, min_row_h=26)
    rows = [table.prepare((str(ln.no), ln.full_name, ln.group or "", ln.role or "",
                           ln.mark + (f"\n({nfc(ln.reason)})" if ln.reason else ""), ""))
            for ln in sheet.lines]
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, [title, nfc(sheet.when)], top, motto=True, unit_note=False)

    signers = [Signer("NGƯỜI LẬP DANH SÁCH"),
               Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]
    date_line = place_date(header.place, None)
    totals = [s for s in wrap(sheet.totals, fc.italic, SIZE, x1 - x0)] if sheet.totals else []

    def closing(p: Pen, y: float) -> float:
        for s in totals:
            p.left(x0, y - SIZE, s, fc.italic, SIZE)
            y -= SIZE * 1.4
        return draw_signatures(p, signers, x0, x1, y - 6, date_line=date_line)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), f"Danh sách điểm danh — {title}"),
                      closing=closing,
                      closing_height=len(totals) * SIZE * 1.4 + 6
                      + signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages
