"""DANH SÁCH THU ĐOÀN PHÍ CÔNG ĐOÀN: the list a group leader or the treasurer takes
round to collect the dues of a month (or quarter), one row per member with a column
for the member's signature.

A4 portrait. Every page repeats the column headings under a running head and ends
with "Cộng trang" (the page's totals); the last page adds "Tổng cộng" and the
signatures. 100,000 rows take well under a minute (see bench/bench_printing.py).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import CollectionSheet, UnitHeader
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    Pen,
    Signer,
    capitalize_first,
    draw_signatures,
    faces,
    money,
    money_or_dash,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
)
from desktop.printing.table import BOLD, Column, ListParts, Table, list_head, render_list, widen

TITLE = "DANH SÁCH THU ĐOÀN PHÍ CÔNG ĐOÀN"
ROW_SIZE = 10.5
MIN_ROW_H = 20  # 7 mm: room for a signature


def _columns(period_word: str, birth_title: str) -> list[Column]:
    # 165 mm between the margins (30 mm left, 15 mm right); widen() adjusts them to the data.
    # What was already paid has its own column, so that "Ký nhận" stays for the signature
    # and "Tổng phải nộp" is what is left to collect.
    return [
        Column("STT", 22, "C"),
        Column("Họ và tên", 114, "L", wrap=True),
        Column(birth_title, 34, "C"),
        Column("Tiền lương/ căn cứ đóng", 54, "R"),
        Column(f"Đoàn phí {period_word}", 44, "R"),
        Column("Còn nợ kỳ trước", 44, "R"),
        Column("Đã nộp", 40, "R"),
        Column("Tổng phải nộp", 50, "R"),
        Column("Ký nhận", PAGE_W - MARGIN_LEFT - MARGIN_RIGHT - 402, "C", wrap=True),
    ]


def _period_word(title_month: str) -> str:
    """"tháng 03/2026" → "tháng", "quý I/2026" → "quý", anything else → "kỳ này"."""
    first = nfc(title_month).strip().split(" ", 1)[0].lower()
    return first if first in ("tháng", "quý", "năm") else "kỳ này"


def _name(row) -> str:
    """The name, and under it the status of a member who is not an active one (tạm dừng
    sinh hoạt, đã chuyển đi…): still on the list for what they owe, and said so."""
    return f"{nfc(row.full_name)}\n({row.status.lower()})" if row.status else row.full_name


def _count(data) -> str:
    """"250 người", or "250 người; 3 tạm dừng sinh hoạt, 1 đã chuyển đi"."""
    by_status: dict[str, int] = {}
    for r in data:
        if r.status:
            by_status[r.status.lower()] = by_status.get(r.status.lower(), 0) + 1
    text = f"{money(len(data))} người"
    if by_status:
        text += "; " + ", ".join(f"{money(n)} {label}" for label, n in by_status.items())
    return text


def render_collection_sheet(header: UnitHeader, sheet: CollectionSheet, out) -> int:
    """The collection sheet to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    period = capitalize_first(sheet.title_month)
    group = nfc(sheet.group_name) if sheet.group_name else None
    c = new_canvas(out, A4, f"Danh sách thu đoàn phí công đoàn {nfc(sheet.title_month)}", fc)
    pen = Pen(c, fc)
    data = sheet.rows
    totals = (sum(r.due for r in data), sum(r.arrears for r in data), sum(r.paid for r in data),
              sum(r.total for r in data))
    # Room for what the data holds: the longest row number and birth date, the largest
    # salary, the grand totals (bold); the name column gives it down to 100 pt (a usual
    # full name on one line), then the signature column down to 44 pt (15 mm); the very
    # large totals of a big union take both a little further.
    pad = 7
    longest_birth = max((nfc(r.birth) for r in data), key=len, default="")
    birth_title = "Năm sinh" if len(longest_birth) <= 4 else "Ngày sinh"
    needs = {0: stringWidth(str(max((r.no for r in data), default=0)), fc.regular, ROW_SIZE),
             2: stringWidth(longest_birth, fc.regular, ROW_SIZE),
             3: stringWidth(money(max((r.basis_amount or 0 for r in data), default=0)),
                            fc.regular, ROW_SIZE)}
    for col, amount in zip((4, 5, 6, 7), totals):
        needs[col] = stringWidth(money(amount), fc.bold, ROW_SIZE)
    needs = {col: w + pad for col, w in needs.items()}
    columns = widen(_columns(_period_word(sheet.title_month), birth_title), needs,
                    # first the slack of the columns wider than their figures, then the name's
                    # and the signature's room
                    give=[(6, needs[6]), (3, needs[3]), (0, needs[0]), (1, 100), (8, 44), (1, 86), (8, 40)])
    table = Table(fc, columns, MARGIN_LEFT, size=ROW_SIZE, head_size=10, min_row_h=MIN_ROW_H)
    prepare = table.prepare
    rows = [prepare((str(r.no), _name(r), r.birth, money_or_dash(r.basis_amount),
                     money_or_dash(r.due), money_or_dash(r.arrears), money_or_dash(r.paid),
                     money_or_dash(r.total), ""), data=r)
            for r in sheet.rows]
    label_span = {0: 4}

    def totals_row(label: str, start: int, stop: int) -> object:
        due = arrears = paid = total = 0
        for r in data[start:stop]:
            due += r.due
            arrears += r.arrears
            paid += r.paid
            total += r.total
        return prepare((label, "", "", "", money(due), money(arrears), money(paid), money(total), ""), BOLD,
                       span=label_span)

    def bottom_rows(page: int, start: int, stop: int, last: bool) -> list:
        out_rows = [totals_row("Cộng trang", start, stop)]
        if last:
            out_rows.append(totals_row(f"Tổng cộng ({_count(data)})", 0, len(data)))
        return out_rows

    subtitles = [period] + ([f"Tổ công đoàn: {group}"] if group else [])

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, subtitles, top)

    signers = [Signer("NGƯỜI LẬP BIỂU")]
    if group:
        signers.append(Signer("TỔ TRƯỞNG"))
    signers.append(Signer("THỦ QUỸ", header.treasurer_name))
    date_line = place_date(header.place, None)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT

    def closing(p: Pen, y: float) -> float:
        return draw_signatures(p, signers, x0, x1, y, date_line=date_line)

    running = (nfc(header.unit_name),
               f"Danh sách thu đoàn phí công đoàn {nfc(sheet.title_month)}"
               + (f" – {group}" if group else ""))
    parts = ListParts(table=table, rows=rows, first_head=first_head, running=running,
                      bottom_rows=bottom_rows, closing=closing,
                      closing_height=signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages

