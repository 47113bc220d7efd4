"""SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC (S12-H): one account's entries of the period in date
order with the balance after each, beside the cash book (S11-H) and laid out like it.

A4 portrait. Under the title, the account: where it is kept, its number and its name.
The first page opens with "Số dư đầu kỳ"; each page but the last ends with "Cộng chuyển
sang trang sau" and the next begins with "Số trang trước chuyển sang"; the last ends with
"Cộng phát sinh" and "Số dư cuối kỳ", then the signatures. A voided entry keeps its line,
italic, struck through and marked "(đã hủy)", its amounts 0.
"""

from __future__ import annotations

from itertools import accumulate

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.cash_book import number_parts
from desktop.printing.data import BankBook, UnitHeader
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_W,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    capitalize_first,
    draw_doc_header,
    draw_signatures,
    draw_title,
    faces,
    money,
    new_canvas,
    nfc,
    place_date,
    short_date,
    signatures_height,
    wrap,
)
from desktop.printing.table import BOLD, ITALIC, Column, ListParts, Table, render_list, widen

TITLE = "SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC"
FORM_CODE = "S12-H"
VOID_MARK = "(đã hủy)"
DESC = 2  # the Diễn giải column
SIZE = 10.5
NUMBER_ON_ONE_LINE = 90  # points: a longer number goes on two lines, after its last slash


def _columns() -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    return [
        # The figures' columns grow to what the book holds (render_bank_book); the rest
        # of the page's width goes to Diễn giải.
        Column("Ngày", 57, "C"),
        Column("Số hiệu chứng từ", 62, "C", wrap=True),
        Column("Diễn giải", width - 57 - 62 - 55 - 55 - 60, "L", wrap=True),
        Column("Gửi vào", 55, "R"),
        Column("Rút ra", 55, "R"),
        Column("Còn lại", 60, "R"),
    ]


def render_bank_book(header: UnitHeader, book: BankBook, out) -> int:
    """The bank book of one account to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    period = nfc(book.period)
    c = new_canvas(out, A4, f"Sổ tiền gửi {book.account_number} {period}", fc)
    pen = Pen(c, fc)
    lines = book.lines
    widest_balance = max([abs(book.opening), abs(book.closing)] + [abs(ln.balance) for ln in lines])
    needs = {col: stringWidth(money(amount), fc.bold, SIZE) + 7
             for col, amount in ((3, book.total_in), (4, book.total_out), (5, -widest_balance))}

    def wide(text: str) -> float:  # upright or italic (a voided line), whichever is wider, and padding
        return max(stringWidth(text, fc.regular, SIZE), stringWidth(text, fc.italic, SIZE)) + 7

    refs = [nfc(ln.reference) for ln in lines if ln.reference]
    whole = max((wide(r) for r in refs), default=0)
    needs[1] = whole if whole <= NUMBER_ON_ONE_LINE else max(wide(part) for r in refs for part in number_parts(r))
    table = Table(fc, widen(_columns(), needs, give=[(DESC, 120)]), MARGIN_LEFT, size=SIZE, head_size=10)
    prepare = table.prepare

    def number(ref: str | None) -> str:
        text = nfc(ref or "")
        return text if wide(text) <= table.columns[1].width else "\n".join(number_parts(text))

    ins = [0 if ln.voided else ln.amount_in for ln in lines]
    outs = [0 if ln.voided else ln.amount_out for ln in lines]
    cum_in = [0, *accumulate(ins)]  # money in over the rows before index i
    cum_out = [0, *accumulate(outs)]

    rows = []
    for ln, a_in, a_out in zip(lines, ins, outs):
        reference = number(ln.reference)
        if ln.voided:
            rows.append(prepare((short_date(ln.entry_date), reference, f"{nfc(ln.content)} {VOID_MARK}",
                                 "0" if ln.incoming else "", "" if ln.incoming else "0",
                                 money(ln.balance)), ITALIC, strike={DESC: VOID_MARK}))
        else:
            rows.append(prepare((short_date(ln.entry_date), reference, nfc(ln.content),
                                 money(a_in) if a_in else "", money(a_out) if a_out else "", money(ln.balance))))

    def balance_before(i: int) -> int:
        return lines[i - 1].balance if i > 0 else book.opening

    def label_row(label: str, a_in: str, a_out: str, balance: int) -> object:
        return prepare(("", "", label, a_in, a_out, money(balance)), BOLD)

    def top_rows(page: int, start: int) -> list:
        if page == 0:
            return [label_row("Số dư đầu kỳ", "", "", book.opening)]
        return [label_row("Số trang trước chuyển sang", money(cum_in[start]), money(cum_out[start]),
                          balance_before(start))]

    def bottom_rows(page: int, start: int, stop: int, last: bool) -> list:
        if not last:
            return [label_row("Cộng chuyển sang trang sau", money(cum_in[stop]), money(cum_out[stop]),
                              balance_before(stop))]
        return [prepare(("", "", "Cộng phát sinh", money(book.total_in), money(book.total_out), ""), BOLD),
                label_row("Số dư cuối kỳ", "", "", book.closing)]

    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    account = [f"Nơi mở tài khoản giao dịch: {nfc(book.institution)}",
               f"Số hiệu tài khoản tại nơi gửi: {nfc(book.account_number)}",
               f"Tên tài khoản: {nfc(book.account_name)}"]

    def first_head(p: Pen, top: float) -> float:
        # The form code and the circular line of the accounting regime in force, as the
        # unit's receipts print it (the books and the receipts follow the same circular).
        y = draw_doc_header(p, header, x0, x1, top, form_code=FORM_CODE, circular=header.circular_c40)
        y = draw_title(p, x0, x1, y - 14, TITLE, [capitalize_first(period)], size=14, sub_size=12.5,
                       sub_font=fc.bold) - 4
        for line in account:
            for s in wrap(line, fc.regular, 12, x1 - x0):
                p.left(x0, y - 12, s, fc.regular, 12)
                y -= 15
        p.right(x1, y - 10, "Đơn vị tính: đồng", fc.italic, 10)
        return y - 16

    # Who writes the book is not a setting of the unit: the line is left for the hand.
    signers = [Signer("NGƯỜI GHI SỔ", None),
               Signer("KẾ TOÁN", header.accountant_name),
               Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]
    date_line = place_date(header.place, None)

    def closing(p: Pen, y: float) -> float:
        return draw_signatures(p, signers, x0, x1, y, date_line=date_line)

    parts = ListParts(table=table, rows=rows, first_head=first_head,
                      running=(nfc(header.unit_name), f"Sổ tiền gửi {nfc(book.account_number)} {period}"),
                      top_rows=top_rows, bottom_rows=bottom_rows, closing=closing,
                      closing_height=signatures_height(pen, signers, x0, x1, date_line=date_line))
    pages = render_list(pen, parts)
    c.save()
    return pages
