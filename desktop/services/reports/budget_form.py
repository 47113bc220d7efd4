"""The budget form's lines (B14-TLĐ) and the kinh phí rates, as data shipped beside the
code (forms/b14_tld.json, forms/kinh_phi_rates.json): a federation's correction of a line,
its code or its source, or a new rate, is a change of the data file, not of the code.

Each line says where its figures come from in a closed vocabulary, checked when the file
is read: `sources` (kinds of the ledger, ledger_year.SOURCES) for last year's actual,
`proposal` (PROPOSALS) for this year's estimate, `terms` for a total of other lines
("-CODE" subtracts). `confirmed` says whether the line (its wording and Mã số) was checked
against an official text: the printed form leaves an unconfirmed Mã số blank."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from desktop.services.reports.ledger_year import SOURCES

FORMS = Path(__file__).with_name("forms")
PROPOSALS = {
    "members": "số đoàn viên đang sinh hoạt",
    "payroll_kinh_phi": "tiền lương đóng BHXH của đoàn viên × 12 tháng",
    "payroll_dues": "tiền lương làm căn cứ đóng đoàn phí của đoàn viên × 12 tháng",
    "closing_of_previous": "tích lũy cuối năm trước (tiền mặt và tiền gửi)",
    "dues_expected": "đoàn phí phải thu các tháng trong năm (đoàn viên, tiền lương, quy định đoàn phí từng tháng)",
    "kinh_phi_expected": "quỹ lương đóng kinh phí (dòng A2) × tỷ lệ kinh phí × phần công đoàn cơ sở được sử dụng",
    "remittance_expected": "đoàn phí dự toán (dòng thu đoàn phí) × tỷ lệ nộp cấp trên",
    "same_as_actual": "bằng ước thực hiện năm trước",
}


class FormDataError(Exception):
    """The shipped data file is wrong: a build error, caught by the tests."""


@dataclass(frozen=True)
class FormLine:
    code: str
    part: str  # A: basic figures; B: income and spending
    label: str
    form_code: str | None  # the Mã số printed, when the form has one
    unit: str  # "đồng" or "người"
    heading: bool  # a heading row (PHẦN THU …): no figures
    total: bool  # computed from terms, not editable
    terms: tuple[str, ...]
    sources: tuple[str, ...]
    proposal: str | None
    source: str
    confirmed: bool

    @property
    def editable(self) -> bool:
        return not (self.heading or self.total)

    @property
    def money(self) -> bool:
        return self.unit == "đồng"


@dataclass(frozen=True)
class BudgetForm:
    name: str
    title: str
    source: str
    confirmed: bool
    columns: tuple[str, str, str]
    columns_source: str
    lines: tuple[FormLine, ...]

    def line(self, code: str) -> FormLine | None:
        return next((ln for ln in self.lines if ln.code == code), None)


@dataclass(frozen=True)
class KinhPhiRate:
    effective_from: date
    rate_bp: int  # of the payroll (200 = 2 %)
    kept_bp: int  # the grassroots' share of it (7500 = 75 %)
    source: str
    confirmed: bool


def _line(raw: dict[str, Any], known: set[str]) -> FormLine:
    code = str(raw["code"])
    terms = tuple(str(t) for t in raw.get("terms", ()))
    sources = tuple(str(t) for t in raw.get("sources", ()))
    proposal = raw.get("proposal")
    for t in terms:
        if t.lstrip("-") not in known:
            raise FormDataError(f"dòng {code}: “{t}” không phải dòng đứng trước nó")
    for src in sources:
        if src not in SOURCES:
            raise FormDataError(f"dòng {code}: nguồn “{src}” không có trong sổ sách")
    heading, total = bool(raw.get("heading")), bool(raw.get("total"))
    if not (heading or total) and proposal not in PROPOSALS:
        raise FormDataError(f"dòng {code}: cách đề xuất “{proposal}” không có")
    if code in known:
        raise FormDataError(f"dòng {code} trùng mã")
    return FormLine(code, str(raw["part"]), str(raw["label"]), raw.get("form_code"), str(raw.get("unit", "đồng")),
                    heading, total, terms, sources, proposal, str(raw.get("source", "")), bool(raw["confirmed"]))


@cache
def budget_form(name: str = "b14_tld") -> BudgetForm:
    raw = json.loads((FORMS / f"{name}.json").read_text(encoding="utf-8"))
    lines: list[FormLine] = []
    for item in raw["lines"]:
        lines.append(_line(item, {ln.code for ln in lines}))
    cols = tuple(raw["columns"])
    if len(cols) != 3:
        raise FormDataError("biểu mẫu cần đúng ba cột số liệu")
    return BudgetForm(str(raw["form"]), str(raw["title"]), str(raw["source"]), bool(raw["confirmed"]),
                      (cols[0], cols[1], cols[2]), str(raw["columns_source"]), tuple(lines))


@cache
def kinh_phi_rates() -> tuple[KinhPhiRate, ...]:
    raw = json.loads((FORMS / "kinh_phi_rates.json").read_text(encoding="utf-8"))
    return tuple(sorted((KinhPhiRate(date.fromisoformat(r["from"]), int(r["rate_bp"]), int(r["kept_bp"]),
                                     str(r["source"]), bool(r["confirmed"])) for r in raw["rates"]),
                        key=lambda r: r.effective_from))


def kinh_phi_rate(on: date) -> KinhPhiRate | None:
    """The rate in force on that day."""
    found = None
    for r in kinh_phi_rates():
        if r.effective_from <= on:
            found = r
    return found
