"""The employer's social-insurance list (danh sách lao động tham gia BHXH, mẫu D02-LT) as
the declaration software exports it: a title block, a header over two or three rows
("Tiền lương" over "Hệ số/Mức lương" and "Phụ cấp", "Phụ cấp" over "Chức vụ", "Thâm niên
VK (%)"…), sections ("I. Tăng", "II. Giảm", "III. Điều chỉnh"), totals and signatures.

Read, each worker is matched with a member — by the mã số BHXH kept on the member, then the
CCCD, then the name and the birth date — and the member's dues basis becomes the salary
the employer declares, from the month the list says (or the one chosen). A preview shows
every change before anything is written; the write is one transaction. The workers who
are not members make the union's recruitment list (danh sách người lao động chưa vào
công đoàn), which can be printed and turned into admissions."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Member, MemberEvent
from desktop.services.core.context import Context
from desktop.services.core.dates import DateFormatError, format_date, parse_date
from desktop.services.core.errors import DomainError, ImportFileError, ValidationError
from desktop.services.core.excel_io import iter_sheets, read_rows
from desktop.services.core.fields import label
from desktop.services.core.money import MoneyFormatError, format_money, money_bound_problem, parse_money
from desktop.services.core.permissions import require
from desktop.services.core.statuses import CURRENT_STATUSES, STATUS_LABELS
from desktop.services.core.text import clean, clean_name, fold
from desktop.services.dues.calc import month_index, month_label
from desktop.services.dues.service import DuesService, parse_month, record_basis_change
from desktop.services.members.cccd import normalize_id_number
from desktop.services.members.rules import MemberInput, dup_key, parse_member
from desktop.services.members.service import MemberService

MAX_HEADER_SCAN = 40
MAX_COEFFICIENT = 20  # a "Hệ số/Mức lương" below this is a pay coefficient (× lương cơ sở), not đồng
SI_NUMBER = re.compile(r"\d{10}")  # the mã số BHXH: 10 digits (the first two: the province)

# What a column holds, by the words of its (folded, joined) header; first match wins, so
# the allowances are told before the plain "chức vụ" and "mức lương".
COLUMN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no", ("stt", "tt", "so tt")),
    ("full_name", ("ho va ten", "ho ten")),
    ("si_number", ("ma so bhxh", "ma so bao hiem", "so so bhxh", "ma bhxh", "so bhxh", "ma so")),
    ("id_number", ("cccd", "cmnd", "dinh danh", "can cuoc", "ho chieu")),
    ("birth", ("ngay sinh", "nam sinh", "ngay thang nam sinh")),
    ("gender", ("gioi tinh", "nam/nu", "gioi")),
    ("allow_position", ("phu cap chuc vu", "pc chuc vu", "pccv")),
    ("seniority_over", ("tham nien vk", "tham nien vuot khung", "vuot khung")),
    ("seniority_job", ("tham nien nghe",)),
    ("allow_salary", ("phu cap luong", "pc luong")),
    ("allow_extra", ("cac khoan bo sung", "khoan bo sung", "bo sung")),
    ("salary", ("he so/muc luong", "he so muc luong", "muc luong", "he so", "tien luong", "luong dong bhxh")),
    ("from_month", ("tu thang", "thoi diem don vi bat dau dong", "thoi diem bat dau dong", "bat dau dong")),
    ("to_month", ("den thang", "thoi diem don vi ket thuc dong", "ket thuc dong")),
    ("position", ("chuc vu", "chuc danh", "cap bac", "noi lam viec", "vi tri viec lam", "vi tri")),
    ("department", ("phong ban", "bo phan", "don vi cong tac")),
    ("note", ("ghi chu",)),
)
# Folded header cells that show a row belongs to the header block (a second or third header row).
_SUBHEADER_WORDS = ("he so", "muc luong", "phu cap", "chuc vu", "tham nien", "bo sung", "nam", "nu",
                    "ngay bat dau", "ngay ket thuc", "tu thang", "den thang", "hieu luc", "loai")
_SECTION = re.compile(r"^(?:[ivx]+|[a-d]|\d{1,2})[.)]?\s+\D")  # "I. Tăng", "II Giảm", "1. Lao động"
_MONTH = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_TITLE_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:nam|/)\s*(\d{4})")
_NUMBERING = re.compile(r"\(?(\d{1,2}|[a-z])\)?")

Rows = Sequence[Sequence[object]]  # a sheet's cells, row by row
BaseSalaryAt = Callable[[int], int | None]  # the lương cơ sở in force in a month


def _fold(value: object) -> str:
    s = fold(clean(value) or "")
    s = re.sub(r"\(.*?\)", " ", s)  # "Thâm niên VK (%)" → "tham nien vk"
    s = re.sub(r"[*:;#,\n]", " ", s)
    return " ".join(s.split())


def _column_kind(label: str) -> str | None:
    if not label:
        return None
    for kind, words in COLUMN_RULES:
        for w in words:
            if label == w or label.startswith(w + " ") or f" {w} " in f" {label} " or (
                    len(w) > 6 and w in label):
                return kind
    return None


# ------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Worker:
    """One worker of the list, as declared."""

    row: int  # as Excel shows it
    full_name: str
    si_number: str | None
    id_number: str | None
    birth_date: date | None
    birth_year_only: bool
    gender: str | None
    position: str | None
    department: str | None
    salary: int  # the salary used for social insurance, đồng a month, allowances included
    salary_text: str  # how it was computed, for the preview ("2,34 × 2.340.000 + …")
    from_month: int | None  # "Từ tháng, năm" of the row, when it has one

    @property
    def birth_text(self) -> str:
        return format_date(self.birth_date, year_only=self.birth_year_only)


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True)
class InsuranceList:
    sheet: str
    month: int | None  # the month named in the title block ("Tháng 01 năm 2026")
    columns: dict[int, str]  # column → kind
    workers: tuple[Worker, ...]
    problems: tuple[Skipped, ...]  # rows that name a worker but could not be read
    skipped: tuple[Skipped, ...]  # titles, sections, totals, signatures, blank rows
    leaving: tuple[Worker, ...]  # workers under a "Giảm" section: not updated


def _header_block(rows: Rows) -> tuple[int, int, dict[int, str]]:
    """(first header row, first data row, column → kind)."""
    best, best_score = None, 0
    for r, row in enumerate(rows[:MAX_HEADER_SCAN]):
        kinds = {_column_kind(_fold(c)) for c in row} - {None}
        score = len(kinds)
        if "full_name" in kinds and score > best_score and (kinds & {"si_number", "salary", "id_number"}):
            best, best_score = r, score
    if best is None:
        raise ImportFileError(
            "Không tìm thấy dòng tiêu đề của danh sách BHXH: trong 40 dòng đầu cần có cột “Họ và tên” và "
            "cột “Mã số BHXH” hoặc “Hệ số/Mức lương” (danh sách mẫu D02-LT xuất từ phần mềm kê khai BHXH).")
    levels = [best]
    r = best + 1
    while r < len(rows) and len(levels) < 3:
        cells = [_fold(c) for c in rows[r]]
        filled = [c for c in cells if c]
        # A header row holds words only: a worker's row has a date, a salary or a mã số BHXH.
        data_like = any(isinstance(x, date) or (isinstance(x, (int, float)) and not isinstance(x, bool) and x > 31)
                        for x in rows[r]) or any(sum(ch.isdigit() for ch in c) >= 6 for c in filled)
        if filled and not data_like and any(
                any(c == w or c.startswith(w + " ") or c.endswith(" " + w) for w in _SUBHEADER_WORDS) for c in filled):
            levels.append(r)
            r += 1
        else:
            break
    width = max(len(rows[lv]) for lv in levels)
    grid = [[clean(rows[lv][c]) if c < len(rows[lv]) else None for c in range(width)] for lv in levels]
    columns: dict[int, str] = {}
    for c in range(width):
        parts: list[str] = []
        for depth, line in enumerate(grid):
            below = any(grid[d][c] for d in range(depth + 1, len(grid)))
            if text := line[c]:
                parts.append(text)
            elif below:  # a merged parent: the nearest filled cell to the left on its row
                parent = next((line[p] for p in range(c - 1, -1, -1) if line[p]), None)
                if parent:
                    parts.append(parent)
        label = _fold(" ".join(parts))
        kind = _split_kind(_fold(parts[-1]) if parts else "", label)
        if kind and kind not in columns.values():
            columns[c] = kind
    data_start = levels[-1] + 1
    # A numbering row "(1) (2) (3)…" or "A B 1 2 3" under the header is not data.
    if data_start < len(rows):
        nums = [text.lower() for x in rows[data_start] if (text := clean(x))]
        if len(nums) >= 3 and all(_NUMBERING.fullmatch(str(n).removesuffix(".0")) for n in nums):
            data_start += 1
    return best, data_start, columns


def _split_kind(last: str, label: str) -> str | None:
    """The kind of a column whose lowest header is `last` under the whole `label`: "Nam"
    and "Nữ" under "Ngày sinh" are the birth dates of men and women."""
    if last in ("nam", "nu"):
        if "sinh" in label:
            return f"birth_{'male' if last == 'nam' else 'female'}"
        if "gioi" in label:
            return f"gender_{'male' if last == 'nam' else 'female'}"
    return _column_kind(label)


def _coefficient(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    return _decimal(str(value))


def _decimal(text: str) -> Decimal:
    """"2,34", "1.5", "5 %" → the number (InvalidOperation when it is none)."""
    s = text.strip().replace("%", "").replace(" ", "")
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    return Decimal(s)


def _amount_or_coefficient(value: object) -> tuple[int | None, Decimal | None]:
    """A salary cell: (đồng, None) or (None, coefficient); MoneyFormatError if neither."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < MAX_COEFFICIENT:
            return None, Decimal(str(value))
        return round(value), None
    s = str(value).strip()
    if re.fullmatch(r"\d{1,2}[.,]\d{1,3}", s) and _decimal(s) < MAX_COEFFICIENT:  # "2,34"
        return None, _decimal(s)
    amount = parse_money(s)
    if amount is not None and amount < MAX_COEFFICIENT:
        return None, Decimal(amount)
    return amount, None


def _month_of(value: object) -> int | None:
    """"01/2026", "1-2026", "T01/2026", an Excel date → month index; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return month_index(value)
    s = str(value)
    if isinstance(value, (int, float)):
        try:
            parsed = parse_date(value)
        except DateFormatError:
            parsed = None
        if parsed:
            return month_index(parsed.value)
        raise ValueError(s)
    m = _MONTH.search(s)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)) * 12 + int(m.group(1)) - 1
    try:
        parsed = parse_date(s.strip())
    except DateFormatError:
        raise ValueError(s) from None
    if parsed is None:
        return None
    return month_index(parsed.value)


def _gender(v: object) -> str | None:
    f = _fold(v)
    if f in ("nam", "m", "male", "1"):
        return "Nam"
    if f in ("nu", "f", "female", "0"):
        return "Nữ"
    return None


def _gender_from_cccd(number: str | None) -> str | None:
    """The CCCD's fourth digit tells the century and the sex: even for men, odd for women."""
    if number and len(number) == 12 and number.isdigit():
        return "Nữ" if int(number[3]) % 2 else "Nam"
    return None


def _is_leaving_section(text: str) -> bool | None:
    """True under "II. Giảm", False under "I. Tăng" / "III. Điều chỉnh", None if not a section title."""
    if "giam" in text.split():
        return True
    if any(w in text.split() for w in ("tang", "dieu", "thay", "dang", "lao")):
        return False
    return None


def _list_sheet(path: Path | str, sheet: str | None) -> tuple[str, Rows, tuple[int, int, dict[int, str]]]:
    """The sheet that holds the list: the named one, else the first whose header is found
    (an instructions sheet or a summary may come first)."""
    if sheet is not None:
        name, rows = read_rows(path, sheet)
        return name, rows, _header_block(rows)
    first_error: ImportFileError | None = None
    for name, rows in iter_sheets(path):
        try:
            return name, rows, _header_block(rows)
        except ImportFileError as e:
            first_error = first_error or e
    raise first_error or ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")


def read_insurance_list(path: Path | str, base_salary_at: BaseSalaryAt | None = None, sheet: str | None = None,
                        default_month: int | None = None) -> InsuranceList:
    """The workers of a D02-LT file. base_salary_at(month) gives the lương cơ sở in force,
    for salaries declared as a coefficient; the month is the row's "Từ tháng, năm", else
    default_month (chosen by the user), else the month named in the title block."""
    sheet_name, rows, (header, data_start, columns) = _list_sheet(path, sheet)
    title_month = None
    for row in rows[:header]:
        for value in row:
            m = _TITLE_MONTH.search(_fold(value))
            if m and 1 <= int(m.group(1)) <= 12:
                title_month = int(m.group(2)) * 12 + int(m.group(1)) - 1
                break
        if title_month is not None:
            break
    col = {kind: c for c, kind in columns.items()}
    workers: list[Worker] = []
    leaving: list[Worker] = []
    problems: list[Skipped] = []
    skipped: list[Skipped] = []
    in_leaving = False

    def cell(row: Sequence[object], kind: str) -> object:
        c = col.get(kind)
        return row[c] if c is not None and c < len(row) else None

    for r in range(data_start, len(rows)):
        row = rows[r]
        n = r + 1
        texts = [text for x in row if (text := clean(x))]
        if not texts:
            skipped.append(Skipped(n, "dòng trống"))
            continue
        name = clean_name(cell(row, "full_name"))
        first = _fold(texts[0])
        si_cell = cell(row, "si_number")
        if isinstance(si_cell, float) and si_cell == int(si_cell):
            si_cell = int(si_cell)  # a number in Excel: its leading zero is mended below
        si = clean(si_cell)
        si = si.replace(" ", "").replace(".", "") if si else None
        salary_cell = cell(row, "salary")
        if not si and (salary_cell in (None, "") or (isinstance(salary_cell, str) and not salary_cell.strip())):
            # Not a worker: a section title, a total, a signature block, a place-and-date line.
            line = _fold(" ".join(texts))
            section = _is_leaving_section(line) if _SECTION.match(line) or first in ("tang", "giam") else None
            if section is not None:
                in_leaving = section
                skipped.append(Skipped(n, f"tiêu đề mục “{' '.join(texts)}”"))
            else:
                skipped.append(Skipped(n, f"không phải dòng người lao động (“{' '.join(texts)[:80]}”)"))
            continue
        if not name:
            if first.startswith(("cong", "tong")):
                skipped.append(Skipped(n, f"dòng tổng cộng (“{texts[0][:60]}”)"))
            else:
                problems.append(Skipped(n, "thiếu họ và tên."))
            continue
        if _fold(name).startswith(("cong", "tong cong")):
            skipped.append(Skipped(n, f"dòng tổng cộng (“{name}”)"))
            continue
        errs = []
        if si and not SI_NUMBER.fullmatch(si):
            if si.isdigit() and len(si) < 10:
                si = si.zfill(10)  # Excel dropped the leading zero(s) of a number
            else:
                errs.append(f"mã số BHXH “{si}” phải gồm 10 chữ số")
                si = None
        try:
            id_number = normalize_id_number(cell(row, "id_number"))
        except (ValueError, OverflowError):  # a number cell of NaN or infinity: no ID number
            id_number = None
        birth, year_only = None, False
        raw_birth = cell(row, "birth")
        gender = _gender(cell(row, "gender")) if "gender" in col else None
        for side, g in (("male", "Nam"), ("female", "Nữ")):
            v = cell(row, f"birth_{side}")
            if v not in (None, ""):
                raw_birth, gender = v, gender or g
            mark = cell(row, f"gender_{side}")
            if clean(mark):
                gender = gender or g
        if raw_birth not in (None, ""):
            try:
                parsed = parse_date(raw_birth, allow_year_only=True)
                if parsed is not None:  # None: a cell of spaces, no birth date
                    birth, year_only = parsed.value, parsed.year_only
            except DateFormatError:
                errs.append(f"ngày sinh “{raw_birth}” không đọc được")
        gender = gender or _gender_from_cccd(id_number)
        try:
            from_month = _month_of(cell(row, "from_month"))
        except ValueError:
            errs.append(f"cột “Từ tháng, năm” ghi “{cell(row, 'from_month')}”, không phải tháng/năm")
            from_month = None
        month = next((x for x in (from_month, default_month, title_month) if x is not None), None)
        try:
            salary, text = _salary(row, cell, base_salary_at, month)
        except ValueError as e:
            problems.append(Skipped(n, f"{name}: {e}"))
            continue
        if errs:
            problems.append(Skipped(n, f"{name}: " + "; ".join(errs) + "."))
            continue
        w = Worker(n, name, si, id_number, birth, year_only, gender, clean(cell(row, "position")),
                   clean(cell(row, "department")), salary, text, from_month)
        (leaving if in_leaving else workers).append(w)
    if not workers and not leaving and not problems:
        raise ImportFileError(f"Tệp {Path(path).name} không có người lao động nào dưới dòng tiêu đề.")
    return InsuranceList(sheet_name, title_month, columns, tuple(workers), tuple(problems), tuple(skipped),
                         tuple(leaving))


_SALARY_LABELS = {"salary": "Hệ số/Mức lương", "allow_position": "Phụ cấp chức vụ",
                  "seniority_over": "Thâm niên VK (%)", "seniority_job": "Thâm niên nghề (%)",
                  "allow_salary": "Phụ cấp lương", "allow_extra": "Các khoản bổ sung"}


def _salary(row: Sequence[object], cell: Callable[[Sequence[object], str], object],
            base_salary_at: BaseSalaryAt | None, month: int | None) -> tuple[int, str]:
    """The salary used for social insurance: the salary (an amount, or a coefficient × the
    lương cơ sở) with the allowances (Luật BHXH 2024, art. 31): position allowance,
    seniority over the scale (% of the salary), seniority of the trade (% of salary,
    position allowance and the former), other allowances and additions (amounts)."""
    amounts: dict[str, int] = {}
    coefs: dict[str, Decimal] = {}
    for kind in ("salary", "allow_position", "allow_salary", "allow_extra"):
        v = cell(row, kind)
        try:
            a, k = _amount_or_coefficient(v)
        except (MoneyFormatError, InvalidOperation):
            raise ValueError(f"cột “{_SALARY_LABELS[kind]}” ghi “{v}”, không phải số tiền hay hệ số.") from None
        if a is not None:
            amounts[kind] = a
        if k is not None:
            coefs[kind] = k
    pct: dict[str, Decimal] = {}
    for kind in ("seniority_over", "seniority_job"):
        v = cell(row, kind)
        try:
            p = _coefficient(v)
        except InvalidOperation:
            raise ValueError(f"cột “{_SALARY_LABELS[kind]}” ghi “{v}”, không phải tỷ lệ phần trăm.") from None
        if p:
            pct[kind] = p / 100
    if "salary" not in amounts and "salary" not in coefs:
        raise ValueError("thiếu “Hệ số/Mức lương”.")
    total = Decimal(0)
    parts: list[str] = []
    if coefs:
        base = base_salary_at(month) if base_salary_at and month is not None else None
        if not base:
            raise ValueError("lương ghi bằng hệ số nhưng chưa biết tháng áp dụng để lấy lương cơ sở "
                             "(chọn tháng áp dụng).")
        k = coefs.get("salary", Decimal(0)) + coefs.get("allow_position", Decimal(0))
        over = coefs.get("salary", Decimal(0)) * pct.get("seniority_over", Decimal(0))
        job = (k + over) * pct.get("seniority_job", Decimal(0))
        k_all = k + over + job
        total += k_all * base
        parts.append(f"hệ số {str(k_all.normalize()).replace('.', ',')} × {format_money(base, unit=False)}")
    for kind in ("salary", "allow_position", "allow_salary", "allow_extra"):
        if kind in amounts:
            part = Decimal(amounts[kind])
            if kind == "salary":
                over = part * pct.get("seniority_over", Decimal(0))
                part += over + (part + over) * pct.get("seniority_job", Decimal(0))
            total += part
            parts.append(format_money(int(part), unit=False))
    amount = int(total.to_integral_value())
    problem = money_bound_problem(amount, "Tiền lương đóng BHXH")
    if problem or amount <= 0:
        raise ValueError(problem or "tiền lương đóng BHXH bằng 0.")
    return amount, " + ".join(parts)


# ------------------------------------------------------------------------- matching

MATCH_LABELS = {"si_number": "mã số BHXH", "id_number": "CCCD", "name_birth": "họ tên và ngày sinh"}


@dataclass(frozen=True)
class Change:
    """What the import does to one member."""

    worker: Worker
    member_id: str
    member_name: str
    matched_by: str  # a key of MATCH_LABELS
    month: int
    old_salary: int | None
    new_salary: int
    store_number: bool  # the mã số BHXH is kept on the member

    @property
    def salary_changes(self) -> bool:
        return self.old_salary != self.new_salary

    @property
    def what(self) -> str:
        out = []
        if self.salary_changes:
            out.append(f"lương đóng BHXH {format_money(self.old_salary) if self.old_salary else '(chưa có)'} → "
                       f"{format_money(self.new_salary)} từ tháng {month_label(self.month)}")
        if self.store_number:
            out.append(f"ghi mã số BHXH {self.worker.si_number}")
        return "; ".join(out)


@dataclass(frozen=True)
class Recruit:
    """A worker who is not a member: the recruitment list."""

    worker: Worker
    note: str | None = None  # e.g. a former member


@dataclass(frozen=True)
class InsurancePreview:
    path: str
    source: InsuranceList
    month: int | None  # the month chosen for the rows without their own
    changes: tuple[Change, ...]  # matched members whose basis or number changes
    unchanged: tuple[Change, ...]  # matched, nothing to write
    recruits: tuple[Recruit, ...]
    problems: tuple[Skipped, ...]  # rows not used, with the reason

    def as_dict(self) -> dict[str, int]:
        return {"changes": len(self.changes), "unchanged": len(self.unchanged), "recruits": len(self.recruits),
                "problems": len(self.problems), "skipped": len(self.source.skipped),
                "leaving": len(self.source.leaving)}


class _Known(NamedTuple):
    """A member the list's workers are matched with."""

    id: str
    full_name: str
    birth_date: date | None
    birth_year_only: bool
    id_number: str | None
    social_insurance_number: str | None
    dup_key: str | None
    salary: int | None
    dues_basis: str | None
    status: str


class _Plan(NamedTuple):
    changes: tuple[Change, ...]
    unchanged: tuple[Change, ...]
    recruits: tuple[Recruit, ...]
    problems: tuple[Skipped, ...]


class SocialInsuranceImport:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _base_salary_at(self) -> BaseSalaryAt:
        dues = DuesService(self.ctx)
        with self.ctx.read() as s:
            law = dues.law(s)
        return law.base_salary

    def preview(self, path: Path | str, *, month: str | date | int | None = None,
                sheet: str | None = None) -> InsurancePreview:
        """What the import would do; nothing is written."""
        require(self.ctx, "personal")  # it shows and compares salaries and ID numbers
        m = month if isinstance(month, int) or month is None else parse_month(month)
        source = read_insurance_list(path, self._base_salary_at(), sheet, m)
        with self.ctx.read() as s:
            plan = self._plan(s, source, m)
        return InsurancePreview(str(path), source, m if m is not None else source.month, plan.changes,
                                plan.unchanged, plan.recruits, plan.problems)

    def _plan(self, s: Session, source: InsuranceList, month: int | None) -> _Plan:
        month = month if month is not None else source.month
        members = [_Known._make(r) for r in s.execute(
            select(Member.id, Member.full_name, Member.birth_date, Member.birth_year_only, Member.id_number,
                   Member.social_insurance_number, Member.dup_key, Member.salary, Member.dues_basis, Member.status)
            .where(Member.deleted_at.is_(None), Member.erased_at.is_(None)))]
        by_si: dict[str, _Known] = {}
        by_id: dict[str, _Known] = {}
        by_key: dict[str | None, list[_Known]] = {}
        for r in members:
            if r.social_insurance_number:
                by_si[r.social_insurance_number] = r
            if r.id_number:
                by_id[r.id_number] = r
            by_key.setdefault(r.dup_key, []).append(r)
        changes: list[Change] = []
        unchanged: list[Change] = []
        recruits: list[Recruit] = []
        problems = list(source.problems)
        taken: dict[str, int] = {}
        for w in source.workers:
            found: _Known | None = None
            how = ""
            if w.si_number and w.si_number in by_si:
                found, how = by_si[w.si_number], "si_number"
            elif w.id_number and w.id_number in by_id:
                found, how = by_id[w.id_number], "id_number"
            elif w.birth_date:
                same = [r for r in by_key.get(dup_key(w.full_name, w.birth_date), ())
                        if r.birth_date == w.birth_date or r.birth_year_only or w.birth_year_only]
                if len(same) > 1:
                    problems.append(Skipped(w.row, f"{w.full_name}: trùng họ tên và ngày sinh với {len(same)} đoàn "
                                                   "viên, không tự chọn được (thêm CCCD hoặc mã số BHXH vào hồ sơ)."))
                    continue
                if same:
                    found, how = same[0], "name_birth"
            if found is None:
                recruits.append(Recruit(w))
                continue
            if found.status not in CURRENT_STATUSES:
                recruits.append(Recruit(w, f"từng là đoàn viên ({STATUS_LABELS[found.status]}): kết nạp lại "
                                           "từ hồ sơ cũ"))
                continue
            if how != "si_number" and w.si_number and found.social_insurance_number \
                    and found.social_insurance_number != w.si_number:
                problems.append(Skipped(w.row, f"{w.full_name}: khớp {MATCH_LABELS[how]} với đoàn viên "
                                               f"{found.full_name} nhưng mã số BHXH khác ({found.social_insurance_number} "
                                               f"trong hồ sơ, {w.si_number} trong danh sách): kiểm tra lại."))
                continue
            if found.id in taken:
                problems.append(Skipped(w.row, f"{w.full_name}: cùng một đoàn viên ({found.full_name}) với dòng "
                                               f"{taken[found.id]}."))
                continue
            taken[found.id] = w.row
            m = w.from_month if w.from_month is not None else month
            if m is None:
                problems.append(Skipped(w.row, f"{w.full_name}: không rõ tháng áp dụng (dòng không ghi “Từ tháng, "
                                               "năm”): chọn tháng áp dụng."))
                continue
            old = found.salary if found.dues_basis in (None, "bhxh") else None
            c = Change(w, found.id, found.full_name, how, m, old, w.salary,
                       bool(w.si_number) and found.social_insurance_number != w.si_number)
            (changes if c.salary_changes or c.store_number else unchanged).append(c)
        return _Plan(tuple(changes), tuple(unchanged), tuple(recruits), tuple(problems))

    def commit(self, preview: InsurancePreview) -> int:
        """Write the changes the preview showed, in one transaction; the plan is made again
        inside it, and if the members changed meanwhile nothing is written."""
        with self.ctx.write() as s:
            changes = self._plan(s, preview.source, preview.month).changes
            if [(c.member_id, c.new_salary, c.month, c.store_number) for c in changes] != \
                    [(c.member_id, c.new_salary, c.month, c.store_number) for c in preview.changes]:
                raise DomainError("Hồ sơ đoàn viên vừa thay đổi trên máy này sau khi xem trước: hãy xem trước lại "
                                  "rồi ghi.")
            for c in changes:
                m = s.get_one(Member, c.member_id)  # the plan has just found it
                if c.salary_changes:
                    record_basis_change(s, m, c.month, "bhxh", c.new_salary, self.ctx.device_id)
                if c.store_number:
                    m.social_insurance_number = c.worker.si_number
                m.device_id = self.ctx.device_id
        return len(changes)

    # ---- admissions from the recruitment list --------------------------------------------
    def admit(self, workers: Sequence[Worker], *, admitted_on: date, group_id: str | None = None,
              decision_number: str | None = None) -> list[str]:
        """The chosen workers become members (a kết nạp event on admitted_on), all in one
        transaction; a worker who cannot be admitted stops it, with every reason named."""
        if not workers:
            raise ValidationError({"members": "chưa chọn người nào."})
        if admitted_on > date.today():
            raise ValidationError({"event_date": f"ngày kết nạp {format_date(admitted_on)} ở trong tương lai."})
        members = MemberService(self.ctx)
        inputs: list[tuple[Worker, MemberInput]] = []
        errors: list[str] = []
        with self.ctx.read() as s:
            groups = members.group_lookup(s)
        for w in workers:
            raw = {"full_name": w.full_name, "gender": w.gender,
                   "birth_date": (str(w.birth_date.year) if w.birth_year_only and w.birth_date else w.birth_date),
                   "id_number": w.id_number, "job_title": w.position, "department": w.department,
                   "dues_basis": "bhxh", "salary": w.salary, "joined_date": admitted_on, "group_id": group_id}
            parsed = parse_member(raw, groups=groups)
            if parsed.errors or parsed.value is None:
                errors.append(f"{w.full_name} (dòng {w.row}): " + "; ".join(
                    f"{label(k)} {v}" for k, v in parsed.errors.items()))
            else:
                inputs.append((w, parsed.value))
        if errors:
            raise ValidationError({"members": "chưa kết nạp ai vì:\n" + "\n".join(errors)})
        ids = []
        with self.ctx.write() as s:
            for w, v in inputs:
                if w.si_number and s.scalar(select(Member.id).where(Member.social_insurance_number == w.si_number,
                                                                     Member.deleted_at.is_(None))):
                    errors.append(f"{w.full_name}: đã có đoàn viên mang mã số BHXH {w.si_number}.")
                    continue
                matches, blocking = members.find_duplicates(s, v)
                if blocking:
                    errors.append(f"{w.full_name}: {matches[0].reason} với {matches[0].full_name} "
                                  f"({matches[0].status_label}).")
                    continue
                m = Member()
                members.write_fields(m, v)
                m.social_insurance_number = w.si_number
                m.status = "active"
                s.add(m)
                s.flush()
                s.add(MemberEvent(member_id=m.id, kind="admitted", event_date=admitted_on, seq=1,
                                  decision_number=clean(decision_number), device_id=self.ctx.device_id))
                ids.append(m.id)
            if errors:
                raise DomainError("Chưa kết nạp ai vì:\n" + "\n".join(errors))
        return ids


# ------------------------------------------------------------------------- printing


def render_recruitment_list(ctx: Context, recruits: Sequence[Recruit], out: Path | str, *,
                            month: int | None = None) -> Path:
    """The recruitment list on A4 with the union's header and the chair's signature."""
    # Imported here to keep the command line's start-up fast: every `congdoan` command
    # builds its parser with cli_bhxh, which imports this module, and these two load the
    # printing package with ReportLab (0.1–0.2 s), needed only to print.
    from desktop.printing.recruitment import RecruitLine, render_recruitment
    from desktop.services.documents.service import Documents
    lines = [RecruitLine(i, r.worker.full_name, r.worker.birth_text, r.worker.gender or "",
                         r.worker.si_number or "", r.worker.position or r.worker.department or "", r.note or "")
             for i, r in enumerate(recruits, start=1)]
    subtitle = f"theo danh sách lao động tham gia BHXH tháng {month_label(month)}" if month is not None else \
        "theo danh sách lao động tham gia BHXH của đơn vị"
    out = Path(out)
    render_recruitment(Documents(ctx).header(), lines, subtitle, out)
    return out
