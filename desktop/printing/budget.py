"""BÁO CÁO DỰ TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN CƠ SỞ (form B14-TLĐ): the union header,
"Mẫu số B14-TLĐ" at the top right, part A (the basic figures) and part B (income and
spending by line) with the three columns of the form, the notes on the rates used, and the
signatures of the accountant and the chair. A4 portrait, the union document format
(flow.py). A Mã số not confirmed from an official text is left blank, and a note says so:
the sheet never passes a guessed code off as the federation's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.printing.data import UnitHeader
from desktop.printing.flow import Block, Col, DocHeader, Rule, Sign, Signatures, TableBlock, para, render_blocks
from desktop.printing.layout import money_or_dash, nfc, place_date


@dataclass(frozen=True)
class BudgetSheetLine:
    part: str  # A | B
    form_code: str | None  # printed only when confirmed
    label: str
    unit: str  # đồng | người
    values: tuple[int | None, int | None, int | None]  # last year's actual, estimate, approved
    heading: bool = False
    total: bool = False


@dataclass(frozen=True)
class BudgetSheet:
    form: str  # "B14-TLĐ"
    title: str
    year: int
    columns: tuple[str, str, str]
    lines: tuple[BudgetSheetLine, ...]
    notes: tuple[str, ...]
    made_on: date


def _figure(v: int | None, unit: str) -> str:
    if v is None:
        return ""
    return money_or_dash(v) if unit == "đồng" else f"{v:,}".replace(",", ".")


def build_budget(header: UnitHeader, sheet: BudgetSheet) -> list[Block]:
    cols = sheet.columns
    blocks: list[Block] = [
        para(f"Mẫu số {nfc(sheet.form)}", italic=True, align="R", size=11, space_after=0),
        DocHeader(header, "", place_date(header.place, sheet.made_on)),
        para(nfc(sheet.title), bold=True, align="C", space_before=14, space_after=0, keep_with_next=True),
        para(f"Năm {sheet.year}", bold=True, align="C", space_after=2, keep_with_next=True),
        Rule(),
        para("A. CÁC CHỈ TIÊU CƠ BẢN", bold=True, space_after=2, keep_with_next=True),
    ]
    part_a = [ln for ln in sheet.lines if ln.part == "A"]
    blocks.append(TableBlock(
        (Col("Chỉ tiêu", 0.40), Col("Đơn vị", 0.09, "C"), Col(nfc(cols[0]), 0.17, "R"), Col(nfc(cols[1]), 0.17, "R"),
         Col(nfc(cols[2]), 0.17, "R")),
        tuple((nfc(ln.label), ln.unit, *(_figure(v, ln.unit) for v in ln.values)) for ln in part_a), size=11))
    blocks.append(para("B. CÁC CHỈ TIÊU THU, CHI TÀI CHÍNH CÔNG ĐOÀN (đồng)", bold=True, space_before=6,
                       space_after=2, keep_with_next=True))
    rows = []
    for ln in (ln for ln in sheet.lines if ln.part == "B"):
        label = nfc(ln.label).upper() if ln.heading or ln.total else nfc(ln.label)
        figures = ("", "", "") if ln.heading else tuple(_figure(v, ln.unit) for v in ln.values)
        rows.append((label, ln.form_code or "", *figures))
    blocks.append(TableBlock(
        (Col("Nội dung", 0.40), Col("Mã số", 0.09, "C"), Col(nfc(cols[0]), 0.17, "R"), Col(nfc(cols[1]), 0.17, "R"),
         Col(nfc(cols[2]), 0.17, "R")), tuple(rows), size=11))
    for note in sheet.notes:
        blocks.append(para(nfc(note), italic=True, size=11, space_after=2))
    blocks.append(Signatures((Sign("KẾ TOÁN", header.accountant_name),
                              Sign("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name))))
    return blocks


def render_budget(header: UnitHeader, sheet: BudgetSheet, out) -> int:
    """The budget estimate to a PDF (`out`: a path or a binary file). Returns the pages."""
    return render_blocks(build_budget(header, sheet), out, f"Dự toán thu, chi tài chính công đoàn năm {sheet.year}")
