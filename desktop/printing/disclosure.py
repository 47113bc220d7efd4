"""CÔNG KHAI TÀI CHÍNH CÔNG ĐOÀN NĂM …: the yearly summary a union posts on the notice
board or announces (Luật Công đoàn 2024, art. 34). A4 portrait in the union document
format, one page at a letter's body size (14 pt; the tables 13, not the 11 of the dense forms),
income and spending side by side: the balance
brought forward, income by source, spending by item, the remittance upward, the balance at
the year's end in cash and in the bank, members and dues; place and date; TM. BAN CHẤP
HÀNH / CHỦ TỊCH."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.printing.data import UnitHeader
from desktop.printing.flow import Block, Col, DocHeader, Rule, Sign, Signatures, TableBlock, para, render_blocks
from desktop.printing.layout import money, nfc, place_date

SIZE = 14  # body: the size of a letter, tables hardly smaller (read standing at the notice board)
TABLE_SIZE = 13


@dataclass(frozen=True)
class DisclosureSheet:
    year: int
    law: str
    opening_cash: int
    opening_bank: int
    income: tuple[tuple[str, int], ...]
    spending: tuple[tuple[str, int], ...]
    remitted: int
    closing_cash: int
    closing_bank: int
    members: int
    women: int
    dues_collected: int
    as_of: date
    made_on: date


def _both(d: DisclosureSheet, total_in: int, total_out: int) -> TableBlock:
    """Income and spending side by side: the sheet stays on one page for the board."""
    income = [(nfc(k), money(a)) for k, a in d.income]
    spending = [(nfc(k), money(a)) for k, a in d.spending] + [("Nộp đoàn phí cấp trên", money(d.remitted))]
    n = max(len(income), len(spending))
    income += [("", "")] * (n - len(income))
    spending += [("", "")] * (n - len(spending))
    return TableBlock((Col("Thu theo nguồn", 0.32), Col("Số tiền", 0.18, "R"), Col("Chi theo nội dung", 0.32),
                       Col("Số tiền", 0.18, "R")),
                      tuple((a, b, c, e) for (a, b), (c, e) in zip(income, spending)),
                      total=("Cộng thu", money(total_in), "Cộng chi", money(total_out)), size=TABLE_SIZE,
                      space_before=2)


def build_disclosure(header: UnitHeader, d: DisclosureSheet) -> list[Block]:
    total_in = sum(a for _, a in d.income)
    total_out = sum(a for _, a in d.spending) + d.remitted
    opening, closing = d.opening_cash + d.opening_bank, d.closing_cash + d.closing_bank
    upto = "31/12" if d.as_of == date(d.year, 12, 31) else f"{d.as_of:%d/%m}"

    def head(text: str) -> Block:
        return para(text, bold=True, size=SIZE, space_before=6, space_after=2, keep_with_next=True)

    return [
        DocHeader(header, "", place_date(header.place, d.made_on)),
        para("THÔNG BÁO", bold=True, align="C", size=16, space_before=10, space_after=0, keep_with_next=True),
        para(f"CÔNG KHAI TÀI CHÍNH CÔNG ĐOÀN NĂM {d.year}", bold=True, align="C", size=16, space_after=2,
             keep_with_next=True),
        Rule(),
        para(f"Thực hiện {nfc(d.law)}, Ban Chấp hành {nfc(header.unit_name)} công khai tình hình thu, chi tài "
             f"chính công đoàn năm {d.year} (số liệu đến ngày {upto}/{d.year}) như sau:", size=SIZE),
        para(f"1. Tài chính công đoàn tích lũy đầu năm: {money(opening, unit=True)} (tiền mặt "
             f"{money(d.opening_cash, unit=True)}; tiền gửi ngân hàng, kho bạc {money(d.opening_bank, unit=True)}).",
             size=SIZE, space_before=4, space_after=2),
        head("2. Thu, chi trong năm (đồng)"),
        _both(d, total_in, total_out),
        para(f"3. Tài chính công đoàn tích lũy cuối năm: {money(closing, unit=True)} (tiền mặt tại quỹ "
             f"{money(d.closing_cash, unit=True)}; tiền gửi ngân hàng, kho bạc {money(d.closing_bank, unit=True)}).",
             bold=True, size=SIZE, space_before=4, space_after=2),
        para(f"4. Đoàn viên đến ngày {upto}/{d.year}: {d.members:,} người (nữ: {d.women:,} người). ".replace(",", ".")
             + f"Đoàn phí đã thu trong năm: {money(d.dues_collected, unit=True)}; đã nộp công đoàn cấp trên: "
             f"{money(d.remitted, unit=True)}.", size=SIZE, space_after=0),
        Signatures((Sign("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name),)),
    ]


def render_disclosure(header: UnitHeader, d: DisclosureSheet, out) -> int:
    """The disclosure to a PDF (`out`: a path or a binary file). Returns the pages."""
    return render_blocks(build_disclosure(header, d), out, f"Công khai tài chính công đoàn năm {d.year}")
