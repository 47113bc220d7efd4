"""BẢNG KÊ TRÍCH NỘP ĐOÀN PHÍ CÔNG ĐOÀN CẤP TRÊN: the dues a grassroots union sends
to its direct upper level for a period (DOMAIN.md "Dues": the share of the dues at the
regulation rate; dues above it by the union's own resolution stay in full).

A4 portrait, a document addressed upward: the national motto at the right of the
header (NĐ 30/2020), "Kính gửi" the upper level, one row per month, then the figures
of the period and the signatures.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from desktop.printing.data import RemittanceStatement, UnitHeader
from desktop.printing.layout import (
    DOTS,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    capitalize_first,
    draw_signatures,
    faces,
    money,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
    wrap,
)
from desktop.printing.table import BOLD, Column, ListParts, Table, list_head, render_list

TITLE = "BẢNG KÊ TRÍCH NỘP ĐOÀN PHÍ CÔNG ĐOÀN CẤP TRÊN"
SIZE = 12.5


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    return [
        Column("STT", 36, "C"),
        Column("Tháng", 130, "C"),
        Column("Đoàn phí đã thu", 140, "R"),
        Column("Số trích nộp cấp trên", width - 36 - 130 - 140, "R"),
    ]


def summary_lines(st: RemittanceStatement) -> list[tuple[str, bool]]:
    """The figures under the table, (text, bold)."""
    share = nfc(st.share_percent)
    return [
        (f"1. Tổng số đoàn phí đã thu trong kỳ: {money(st.collected, unit=True)}", False),
        (f"    - Đoàn phí theo mức quy định: {money(st.standard_part, unit=True)}", False),
        (("    - Đoàn phí thu cao hơn mức quy định (công đoàn cơ sở giữ lại 100%): "
          f"{money(st.excess_part, unit=True)}"), False),
        ((f"2. Số trích nộp công đoàn cấp trên ({share} đoàn phí theo mức quy định): "
          f"{money(st.remit_amount, unit=True)}"), True),
        (f"    (Viết bằng chữ: {nfc(st.amount_words)})", False),
        (f"3. Số công đoàn cơ sở được giữ lại: {money(st.kept_amount, unit=True)}", False),
        (f"4. Chứng từ nộp tiền: {nfc(st.voucher_ref) if st.voucher_ref else DOTS}", False),
    ]


def render_remittance(header: UnitHeader, statement: RemittanceStatement, out) -> int:
    """The remittance statement to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    period = nfc(statement.period)
    c = new_canvas(out, A4, f"Bảng kê trích nộp đoàn phí {period}", fc)
    pen = Pen(c, fc)
    table = Table(fc, _columns(), MARGIN_LEFT, size=SIZE, head_size=11.5, min_row_h=20)
    prepare = table.prepare
    rows = [prepare((str(i), label, money(collected), money(remit)))
            for i, (label, collected, remit) in enumerate(statement.rows, 1)]
    sum_collected = sum(r[1] for r in statement.rows)
    sum_remit = sum(r[2] for r in statement.rows)

    def bottom_rows(page: int, start: int, stop: int, last: bool) -> list:
        if not last:
            return []
        return [prepare(("Cộng", "", money(sum_collected), money(sum_remit)), BOLD, span={0: 2})]

    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    info = [f"Kính gửi: {nfc(header.upper_name)}"]

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, [capitalize_first(period)], top, motto=True,
                         date_line=place_date(header.place, statement.made_on), info=info,
                         number=nfc(statement.number))

    summary = []
    for text, bold in summary_lines(statement):
        font = fc.bold if bold else fc.regular
        indent = len(text) - len(text.lstrip(" "))
        first = True
        for s in wrap(text.strip(), font, SIZE, x1 - x0 - (indent * 4)):
            summary.append((s, font, indent * 4 if first else indent * 4 + 12))
            first = False
    lead = SIZE * 1.35

    signers = [Signer("NGƯỜI LẬP BIỂU"), Signer("KẾ TOÁN", header.accountant_name),
               Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]

    def closing(p: Pen, y: float) -> float:
        for s, font, dx in summary:
            p.fitted(x0 + dx, y - SIZE, s, font, SIZE, x1 - x0 - dx)
            y -= lead
        return draw_signatures(p, signers, x0, x1, y - 12)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), f"Bảng kê trích nộp đoàn phí {period}"),
                      bottom_rows=bottom_rows, closing=closing,
                      closing_height=len(summary) * lead + 12
                      + signatures_height(pen, signers, x0, x1))
    pages = render_list(pen, parts)
    c.save()
    return pages
