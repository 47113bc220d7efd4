"""DANH SÁCH NGƯỜI LAO ĐỘNG CHƯA GIA NHẬP CÔNG ĐOÀN: the workers of the employer's
social-insurance list who are not members, for the Executive Committee to go and talk to
(the union's recruitment list). A4 portrait with the union header; a column for the
outcome of the talk; long lists go over pages with the headings repeated."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4

from desktop.printing.data import UnitHeader
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    Pen,
    Signer,
    draw_signatures,
    faces,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
)
from desktop.printing.table import Column, ListParts, Table, list_head, render_list

TITLE = "DANH SÁCH NGƯỜI LAO ĐỘNG CHƯA GIA NHẬP CÔNG ĐOÀN"
SIZE = 10.5


@dataclass(frozen=True, slots=True)
class RecruitLine:
    no: int
    full_name: str
    birth_text: str
    gender: str
    si_number: str
    position: str
    note: str


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    fixed = 24 + 116 + 56 + 30 + 64 + 88
    return [
        Column("STT", 24, "C"),
        Column("Họ và tên", 116, "L", wrap=True),
        Column("Ngày sinh", 56, "C"),
        Column("Giới\ntính", 30, "C"),
        Column("Mã số BHXH", 64, "C"),
        Column("Chức vụ,\nnơi làm việc", 88, "L", wrap=True),
        Column("Kết quả vận động,\nghi chú", width - fixed, "L", wrap=True),
    ]


def render_recruitment(header: UnitHeader, lines: list[RecruitLine], subtitle: str, out) -> int:
    """The list to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    c = new_canvas(out, A4, "Danh sách người lao động chưa gia nhập công đoàn", fc)
    pen = Pen(c, fc)
    table = Table(fc, _columns(), MARGIN_LEFT, size=SIZE, head_size=10, min_row_h=24)
    rows = [table.prepare((str(ln.no), nfc(ln.full_name), ln.birth_text, ln.gender, ln.si_number,
                           nfc(ln.position), nfc(ln.note))) for ln in lines]
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    total = f"Tổng số: {len(lines)} người lao động."

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, [nfc(subtitle)], top, motto=True, unit_note=False)

    signers = [Signer("NGƯỜI LẬP DANH SÁCH"), Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name)]
    date_line = place_date(header.place, None)

    def closing(p: Pen, y: float) -> float:
        p.left(x0, y - SIZE, total, fc.italic, SIZE)
        return draw_signatures(p, signers, x0, x1, y - SIZE * 1.4 - 6, date_line=date_line)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), "Danh sách người lao động chưa gia nhập công đoàn"),
                      closing=closing,
                      closing_height=SIZE * 1.4 + 6 + signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages
