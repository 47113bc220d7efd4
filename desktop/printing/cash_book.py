"""SỔ QUỸ TIỀN MẶT: every receipt and payment voucher of the period in date order with
the cash on hand after each.

A4 portrait. The first page opens with "Số dư đầu kỳ"; each page but the last ends
with "Cộng chuyển sang trang sau" (income and spending so far, and the balance) and
the next begins with "Số trang trước chuyển sang", as in a hand-kept book; the last
ends with "Cộng phát sinh" and "Số dư cuối kỳ". A voided document keeps its line,
italic, its text struck through and marked "(đã hủy)", its amounts 0.
"""

from __future__ import annotations

from itertools import accumulate

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import CashBook, UnitHeader
from desktop.printing.layout import (
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
    short_date,
    signatures_height,
)
from desktop.printing.table import BOLD, ITALIC, Column, ListParts, Table, list_head, render_list, widen

TITLE = "SỔ QUỸ TIỀN MẶT"
VOID_MARK = "(đã hủy)"
DESC = 3  # the Diễn giải column
SIZE = 10.5
NUMBER_ON_ONE_LINE = 64  # points: a longer document number goes on two lines


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    return [
        # Narrow to begin with: the numbers and figures columns grow to what the book
        # holds (render_cash_book), and the rest of the page's width goes to Diễn giải.
        Column("Ngày", 57, "C"),
        Column("Số phiếu thu", 45, "C", wrap=True),
        Column("Số phiếu chi", 45, "C", wrap=True),
        Column("Diễn giải", width - 57 - 45 - 45 - 50 - 50 - 50, "L", wrap=True),
        Column("Thu", 50, "R"),
        Column("Chi", 50, "R"),
        Column("Tồn", 50, "R"),
    ]


def number_parts(ref: str | None) -> list[str]:
    """"T2026-3080/0001" → ["T2026-3080/", "0001"]: the book, then the number (the bank
    book splits a transfer's cash document the same way)."""
    if not ref:
        return []
    head, slash, tail = ref.rpartition("/")
    return [head + slash, tail] if slash else [ref]


def render_cash_book(header: UnitHeader, book: CashBook, out) -> int:
    """The cash book to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    period = nfc(book.period)
    c = new_canvas(out, A4, f"Sổ quỹ tiền mặt {period}", fc)
    pen = Pen(c, fc)
    lines = book.lines
    # Room for the widest figures: the totals, the largest balance (bold in the end rows).
    widest_balance = max([abs(book.opening), abs(book.closing)] + [abs(ln.balance) for ln in lines])
    needs = {col: stringWidth(money(amount), fc.bold, SIZE) + 7
             for col, amount in ((4, book.total_in), (5, book.total_out), (6, -widest_balance))}
    # A document's number as on screen (BOOK/NUMBER), in the body's font: where it is
    # wider than its column it goes on two lines after the slash, never squeezed.
    def wide(text: str) -> float:  # upright or italic (a voided line), whichever is wider, and padding
        return max(stringWidth(text, fc.regular, SIZE), stringWidth(text, fc.italic, SIZE)) + 7

    for col, attr in ((1, "number_in"), (2, "number_out")):
        refs = [getattr(ln, attr) for ln in lines if getattr(ln, attr)]
        whole = max((wide(r) for r in refs), default=0)
        longest_part = max((wide(p) for r in refs for p in number_parts(r)), default=0)
        needs[col] = whole if whole <= NUMBER_ON_ONE_LINE else longest_part
    # Diễn giải gives up to 105 points: room for the widest book codes whole (C2026-DE32/),
    # while a usual reason still takes one or two lines.
    table = Table(fc, widen(_columns(), needs, give=[(DESC, 105)]), MARGIN_LEFT, size=SIZE,
                  head_size=10)
    prepare = table.prepare

    def number(col: int, ref: str | None) -> str:
        if not ref or wide(ref) <= table.columns[col].width:
            return ref or ""
        return "\n".join(number_parts(ref))

    ins = [0 if ln.voided else ln.amount_in for ln in lines]
    outs = [0 if ln.voided else ln.amount_out for ln in lines]
    cum_in = [0, *accumulate(ins)]     # income of the rows before index i
    cum_out = [0, *accumulate(outs)]

    rows = []
    for ln, a_in, a_out in zip(lines, ins, outs):
        if ln.voided:
            zero_in = "0" if ln.number_in or not ln.number_out else ""
            zero_out = "0" if ln.number_out else ""
            rows.append(prepare((short_date(ln.doc_date), number(1, ln.number_in), number(2, ln.number_out),
                                 f"{nfc(ln.reason)} {VOID_MARK}", zero_in, zero_out,
                                 money(ln.balance)), ITALIC, strike={DESC: VOID_MARK}))
        else:
            rows.append(prepare((short_date(ln.doc_date), number(1, ln.number_in), number(2, ln.number_out),
                                 ln.reason, money(a_in) if a_in else "",
                                 money(a_out) if a_out else "", money(ln.balance))))

    def balance_before(i: int) -> int:
        return lines[i - 1].balance if i > 0 else book.opening

    def label_row(label: str, a_in: str, a_out: str, balance: int) -> object:
        return prepare(("", "", "", label, a_in, a_out, money(balance)), BOLD)

    def top_rows(page: int, start: int) -> list:
        if page == 0:
            return [label_row("Số dư đầu kỳ", "", "", book.opening)]
        return [label_row("Số trang trước chuyển sang", money(cum_in[start]), money(cum_out[start]),
                          balance_before(start))]

    def bottom_rows(page: int, start: int, stop: int, last: bool) -> list:
        if not last:
            return [label_row("Cộng chuyển sang trang sau", money(cum_in[stop]), money(cum_out[stop]),
                              balance_before(stop))]
        return [prepare(("", "", "", "Cộng phát sinh", money(book.total_in), money(book.total_out), ""),
                        BOLD),
                label_row("Số dư cuối kỳ", "", "", book.closing)]

    def first_head(p: Pen, top: float) -> float:
        return list_head(p, header, TITLE, [capitalize_first(period)], top)

    signers = [Signer("THỦ QUỸ", header.treasurer_name),
               Signer("KẾ TOÁN", header.accountant_name),
               Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]
    date_line = place_date(header.place, None)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT

    def closing(p: Pen, y: float) -> float:
        return draw_signatures(p, signers, x0, x1, y, date_line=date_line)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), f"Sổ quỹ tiền mặt {period}"),
                      top_rows=top_rows, bottom_rows=bottom_rows, closing=closing,
                      closing_height=signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages
