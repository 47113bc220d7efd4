"""Reading and checking a member's fields, wherever they come from (form, Excel, QR).

parse_member() turns raw values into a MemberInput plus per-field errors and warnings;
MemberParser, behind it, is the one place where a member's data is judged: one row at a
time for a form, or a whole list column by column for an import, by the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import repeat
from typing import Generic, Protocol, TypeVar

from desktop.services.core.dates import DateFormatError, ParsedDate, age_on, format_date, parse_date
from desktop.services.core.fields import label
from desktop.services.core.money import MoneyFormatError, format_money, money_bound_problem, parse_money
from desktop.services.core.text import clean, clean_name, fold
from desktop.services.members.cccd import IdCheck, check_cccd, check_id, guess_id_type, normalize_id_number

MIN_AGE = 15  # Labour Code: workers from 15; union membership follows work
MAX_AGE = 100
MIN_SALARY = 1_000  # below this a "salary" is a coefficient or a slip, not đồng a month
LOW_SALARY = 500_000  # below this, probably written in thousands of đồng: warn
GENDERS = ("Nam", "Nữ")
ID_TYPES = {"CCCD": "Căn cước công dân", "CMND": "Chứng minh nhân dân", "HC": "Hộ chiếu"}
DUES_BASES = {"bhxh": "Lương đóng BHXH", "take_home": "Tiền lương thực lĩnh", "fixed": "Mức cố định"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# What a member cannot exist without: a problem with one of these refuses the row; with
# any other field an import keeps the member and leaves that field empty (soft_optional).
REQUIRED_KEYS = frozenset(("full_name", "gender", "birth_date"))
# The group id a MemberParser gives a group the unit does not have yet, when it may make
# it (new_groups): the prefix, then the folded name. commit() swaps in the real id.
NEW_GROUP = "new-group:"
MAX_SALARY_FLOAT = float(10**12)  # the quick path below takes only floats well inside MAX_MONEY's range
MAX_COEFFICIENT = 20  # a pay coefficient (hệ số lương) is below this; a salary is not
# "5tr2", "5,2 triệu", "5 tr", "5.5tr": millions written as offices write them.
_MILLIONS = re.compile(r"^(\d{1,4})(?:[.,](\d{1,3}))?\s*(?:tr|triệu|trieu)(\d{0,3})\.?$")
_COEFFICIENT = re.compile(r"^\d{1,2}(?:[.,]\d{1,3})?$")
# Two people in one name cell: "A, B", "A và B", "A - B", "A; B", "A / B", "A + B".
_NAME_SEPARATORS = re.compile(r"\s*[,;/+\n]\s*|\s+(?:và|-|–|&)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    gender: str
    birth_date: date
    birth_year_only: bool = False
    ethnicity: str | None = None
    religion: str | None = None
    nationality: str | None = None
    id_type: str | None = None
    id_number: str | None = None
    id_issue_date: date | None = None
    id_issue_place: str | None = None
    hometown: str | None = None
    permanent_address: str | None = None
    phone: str | None = None
    email: str | None = None
    education: str | None = None
    qualification: str | None = None
    job_title: str | None = None
    department: str | None = None
    group_id: str | None = None
    union_position: str | None = None
    joined_date: date | None = None
    card_number: str | None = None
    party_member: bool = False
    dues_basis: str | None = None
    salary: int | None = None
    notes: str | None = None
    # The day the member agreed that the union keeps and uses their data (DOMAIN.md).
    consent_date: date | None = None
    # Dues paid on paper up to and including this month (its first day), before the app.
    dues_paid_through: date | None = None
    first_event: str = "admitted"


@dataclass
class Parsed:
    value: MemberInput | None
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def shown(value: object) -> str:
    """A raw value as the user typed it, for messages: 2010.0 read from Excel is "2010"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value) or ""


def parse_gender(value: object) -> str | None:
    s = fold(clean(value) or "")
    if not s:
        return None
    if s in ("nam", "m", "male", "trai", "1"):
        return "Nam"
    if s in ("nu", "f", "female", "gai", "0"):
        return "Nữ"
    raise ValueError(s)


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    s = fold(clean(value) or "")
    return s in ("x", "co", "yes", "y", "true", "1", "dang vien", "dv", "v", "✓")


_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")


def parse_phone(value: object) -> str | None:
    if value is None or value == "":
        return None
    if (type(value) is str and len(value) == 10 and value[0] == "0" and value[1] in "35789" and value.isdigit()
            and value.isascii()):
        return value  # "0912345678": the usual, as the rules below read it
    if type(value) is float and 300_000_000 <= value < 1_000_000_000 and value.is_integer():
        s = str(int(value))
        if s[0] in "35789":
            return "0" + s  # 912345678 (a number cell): the leading 0 back, as below
    if isinstance(value, float) and value == int(value):
        value = int(value)
    s = _PHONE_SEPARATORS.sub("", str(value))
    if not s:
        return None
    if s.startswith("+84"):
        s = "0" + s[3:]
    elif s.startswith("84") and len(s) == 11:
        s = "0" + s[2:]
    if (s.isdigit() and len(s) == 9 and s[0] in "35789") or (s.isdigit() and len(s) == 10 and s[0] == "2"):  # Excel dropped the leading 0
        s = "0" + s
    if _MOBILE.fullmatch(s) or _LANDLINE.fullmatch(s):
        return s
    raise ValueError(s)


def parse_dues_basis(value: object) -> str | None:
    s = fold(clean(value) or "")
    if not s:
        return None
    if s in DUES_BASES:
        return s
    if "bhxh" in s or "bao hiem" in s:
        return "bhxh"
    if "thuc linh" in s or "thu nhap" in s:
        return "take_home"
    if "co dinh" in s or "khoan" in s:
        return "fixed"
    raise ValueError(s)


MONTHS_AHEAD = 12  # dues may be paid ahead up to a year (services/dues.py MAX_MONTHS_AHEAD)
_MONTH_TEXT = re.compile(r"^(?:tháng|th|t)?\s*\.?\s*(\d{1,2})\s*(?:năm|/|-|\.)\s*(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[/.\-]\s*(\d{1,2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_month_value(value: object) -> date | None:
    """A month as offices write it → its first day: "6/2026", "T6/2026", "tháng 6/2026",
    "06-2026", "2026-06", a date ("30/06/2026") or a date cell of Excel (or its serial
    number). None for empty; ValueError when it is no month."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.replace(day=1)
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            value = f"{value:.4f}"  # 6.2026 typed into a number cell: month 6 of 2026
        elif 20_000 <= value < 80_000:  # an Excel serial day (years 1954 to 2119)
            return (_EXCEL_EPOCH + timedelta(days=int(value))).replace(day=1)
        else:
            raise ValueError(value)
    text = (clean(value) or "").lower()
    if not text:
        return None
    if m := _MONTH_TEXT.fullmatch(text):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := _YEAR_MONTH.fullmatch(text):
        year, month = int(m.group(1)), int(m.group(2))
    else:
        try:
            parsed = parse_date(_date_text(value))
        except DateFormatError:
            raise ValueError(value) from None
        if parsed is None:
            raise ValueError(value)
        return parsed.value.replace(day=1)
    if not 1 <= month <= 12:
        raise ValueError(value)
    return date(year, month, 1)


FEWEST_DONG = 1_000  # below this, a number under "Nợ đoàn phí" counts months, not đồng
_OWED_MONTHS = re.compile(r"^(\d{1,3})\s*(?:tháng|thang|th|t)\.?$")


def parse_owed(value: object) -> tuple[str, int] | None:
    """"Nợ đoàn phí": ("months", n) for "3 tháng", ("count", n) for a bare small number,
    ("amount", đồng) for an amount.
    None for empty; ValueError when it is neither."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = (clean(value) or "").lower()
        if not text:
            return None
        if m := _OWED_MONTHS.fullmatch(text):
            return "months", int(m.group(1))
    try:
        amount = parse_money(value)
    except (MoneyFormatError, ValueError, OverflowError):
        raise ValueError(value) from None
    if amount is None:
        return None
    if amount < 0 or money_bound_problem(amount, "Nợ đoàn phí"):
        raise ValueError(value)
    if amount < FEWEST_DONG:
        return "count", amount  # "3": no month's dues is 3 đồng; a count of months
    return "amount", amount


# Texts whose values repeat down a list (an ethnicity, a department): their cleaning is
# remembered across lists (_cleaned). ID numbers, phones, addresses are not: each is new.
_REPEATING_TEXT = ("ethnicity", "religion", "nationality", "id_issue_place", "hometown", "education",
                   "qualification", "job_title", "department", "union_position")
T = TypeVar("T")


class _Memo(dict[str, tuple[T, None] | tuple[None, tuple[object, ...]]], Generic[T]):
    """fn(text) remembered per text (str only: 1, 1.0 and True must not share an entry);
    a ValueError is remembered too (its args) and raised again. Emptied when it grows large."""

    def __init__(self, fn: Callable[[object], T], size: int = 20000) -> None:
        super().__init__()
        self.fn = fn
        self.size = size

    def __call__(self, value: object) -> T:
        if type(value) is not str:
            return self.fn(value)
        hit = self.get(value)  # an entry is a tuple, never None
        if hit is None:
            if len(self) >= self.size:
                self.clear()
            try:
                hit = self[value] = (self.fn(value), None)
            except ValueError as exc:
                hit = self[value] = (None, exc.args)
        if hit[1] is not None:
            raise ValueError(*hit[1])
        return hit[0]


class _Cleaned(dict[object, str | None]):
    """cleaned[value] is clean(value), for any value: looked up without a Python call when
    the text was seen before. Only texts are kept (1, 1.0 and True must not share an
    entry); None is always there. Emptied when it grows large."""

    def __init__(self, size: int = 20000) -> None:
        super().__init__({None: None})
        self.size = size

    def __missing__(self, value: object) -> str | None:
        out = clean(value)
        if type(value) is str:
            if len(self) >= self.size:
                self.clear()
                self[None] = None
            self[value] = out
        return out


_clean_repeating = _Memo(clean)
_cleaned = _Cleaned()
_gender = _Memo(parse_gender)
_bool = _Memo(parse_bool)
_dues_basis = _Memo(parse_dues_basis)
_YEAR = re.compile(r"(19|20)\d\d")
_PARSED_DATES: dict[date, ParsedDate] = {}  # ParsedDate is frozen: one per date serves every row


def _a_date(value: object, key: str, year_only: bool, today: date, errors: dict[str, str]) -> ParsedDate | None:
    if value is None or value == "":
        return None
    if type(value) is date:  # what Excel gives for a date cell: the common case, quickly
        parsed = _PARSED_DATES.get(value)
        if parsed is None:
            if len(_PARSED_DATES) > 50_000:
                _PARSED_DATES.clear()
            parsed = _PARSED_DATES[value] = ParsedDate(value)
    else:
        try:
            parsed = parse_date(value, allow_year_only=year_only)
        except DateFormatError:
            typed = shown(value)
            if not year_only and _YEAR.fullmatch(typed):
                errors[key] = f"chỉ có năm “{typed}”: cần đủ ngày/tháng/năm (ví dụ 01/06/{typed})."
            else:
                errors[key] = f"không đọc được ngày “{typed}” (cần dạng ngày/tháng/năm, ví dụ 07/03/1990)."
            return None
    if parsed and parsed.value > today:
        when = f"năm {parsed.value.year}" if parsed.year_only else f"ngày {format_date(parsed.value)}"
        errors[key] = f"{when} ở trong tương lai."
    return parsed


def parse_member(raw: Mapping[str, object], *, groups: Mapping[str, str] | None = None,
                 today: date | None = None) -> Parsed:
    """Raw values by field key → MemberInput, with every problem named by its field.

    groups maps folded group names to ids; raw may carry "group" (a name) or
    "group_id" (an id, from the editor). An import makes one MemberParser for all its
    rows instead (the same rules, quicker over many rows).
    """
    value, errors, warnings = MemberParser(groups=groups, today=today).parse(raw)
    return Parsed(value, errors, warnings)


# The types of raw values whose outcome a MemberParser remembers. Only these: 1, 1.0 and
# True are equal as dict keys but are not read alike, and no str, date or float equals
# a value of another of these types.
_KEYED = frozenset((str, date, float))
MEMO_SIZE = 100_000  # entries per remembered field before it is emptied


class _ByValue(dict[object, T], Generic[T]):
    """memo[value] is fn(value), an empty text read as no value (None), as a cell with
    nothing in it. Kept only for values of the _KEYED types; a value seen before costs
    one dict lookup, no Python call. Emptied when it grows large."""

    def __init__(self, fn: Callable[[object], T]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, value: object) -> T:
        out = self.fn(None if type(value) is str and value == "" else value)
        # 0.0 and -0.0 are one key but not one text ("-0.0"): neither is kept.
        if type(value) in _KEYED and (value or type(value) is not float):
            if len(self) >= MEMO_SIZE:
                self.clear()
            self[value] = out
        return out

    def of(self, value: object) -> T:
        """self[value] for any value, one that cannot be a dict key too."""
        try:
            return self[value]
        except TypeError:
            return self.fn(value)

    def column(self, values: Sequence[object] | None, n: int) -> Iterable[T]:
        """fn of each value of a column (None: no value in any of the n rows)."""
        if values is None:
            return repeat(self.of(None), n)
        try:
            return list(map(self.__getitem__, values))
        except TypeError:  # a value that cannot be a dict key
            return [self.of(v) for v in values]


def _each(fn: Callable[[object], T], values: Sequence[object] | None, n: int) -> Iterable[T]:
    """fn of each value of a column of n rows (None: no value in any row)."""
    return repeat(fn(None), n) if values is None else map(fn, values)


def _cleaned_column(values: Sequence[object] | None, n: int) -> Iterable[str | None]:
    """clean() of each value of a column, through _cleaned."""
    if values is None:
        return repeat(None, n)
    try:
        return list(map(_cleaned.__getitem__, values))
    except TypeError:  # a value that cannot be a dict key
        return [clean(v) for v in values]


class MemberParser:
    """The rules of a member's fields: parse_member() for one row, parse_columns() for the
    rows of a list, with the same checks in the same order and the same messages.

    What depends on one value alone (a name, a gender, a birth date with the age it
    gives today, a group, a salary, the repeating texts) is worked out once per distinct
    value, and for a list a whole column at a time; what involves several fields (the
    CCCD against sex and birth year, dates against the birth date) is checked row by
    row. today and groups are fixed for the parser's life."""

    def __init__(self, *, groups: Mapping[str, str] | None = None, today: date | None = None,
                 soft_optional: bool = False, new_groups: dict[str, str] | None = None,
                 base_salary: int | None = None, where: Callable[[str], str] | None = None,
                 monthly_due: Callable[[str | None, int | None], int] | None = None) -> None:
        """soft_optional (an import): a problem with a field other than REQUIRED_KEYS leaves
        that field empty with a warning instead of refusing the row. new_groups, when given,
        collects the groups named but not in groups (folded name → name as first written)
        and gives their members the id NEW_GROUP + folded name. base_salary: the lương cơ
        sở in force, to read a pay coefficient written in the salary column. where(key)
        names the column of a field in soft warnings (default: its label). monthly_due(basis,
        salary): a member's dues this month, to turn "Nợ đoàn phí" written as an amount into
        months (an import gives it; without it only a count of months is read)."""
        self.groups = groups or {}
        self.today = today or date.today()
        self.soft_optional = soft_optional
        self.new_groups = new_groups
        self.base_salary = base_salary
        self.where = where or label
        self.monthly_due = monthly_due
        self._paid_throughs = _ByValue(self._paid_through)
        self._oweds = _ByValue(self._owed)
        self._names = _ByValue(self._name)
        self._genders = _ByValue(self._gender_of)
        self._births = _ByValue(self._birth)
        self._id_types = _ByValue(self._id_type)
        self._issues = _ByValue(self._issue)
        self._joins = _ByValue(self._joined)
        self._consents = _ByValue(self._consent)
        self._emails = _ByValue(self._email)
        self._salaries = _ByValue(self._salary)
        self._dues = _ByValue(self._dues_basis_of)
        self._group_ids = _ByValue(self._group_id)
        self._first_events = _ByValue(self._first_event)
        self._parties = _ByValue(self._party)

    def __call__(self, raw: Mapping[str, object]) -> Parsed:
        value, errors, warnings = self.parse(raw)
        return Parsed(value, errors, warnings)

    def parse(self, raw: Mapping[str, object]) -> tuple[MemberInput | None, dict[str, str], list[str]]:
        """(value, errors, warnings) of one row: what parse_member() gives as a Parsed."""
        return next(self.parse_columns({k: (v,) for k, v in raw.items()}, 1))

    # ---- one value → (result, error message or None) ----------------------------------
    @staticmethod
    def _name(value: object) -> tuple[str | None, str | None]:
        people = _two_people(value)
        if people:
            return clean_name(value), (
                "ô có " + str(len(people)) + " người (" + ", ".join(f"“{p}”" for p in people)
                + "): mỗi đoàn viên ghi một dòng riêng.")
        name = clean_name(value)
        if not name:
            return name, "không được để trống."
        if len(name) > 150 or (not name.replace(" ", "").isalpha() and any(ch.isdigit() for ch in name)):
            return name, f"“{name}” không giống họ tên (có chữ số hoặc quá dài)."
        return name, None

    @staticmethod
    def _gender_of(value: object) -> tuple[str | None, str | None]:
        try:
            gender = _gender(value)
        except ValueError:
            return None, f"“{shown(value)}” không phải Nam hoặc Nữ."
        return gender, (None if gender is not None else "chọn Nam hoặc Nữ.")

    def _birth(self, value: object) -> tuple[ParsedDate | None, str | None]:
        errors: dict[str, str] = {}
        birth = _a_date(_date_text(value), "birth_date", True, self.today, errors)
        error = errors.get("birth_date")
        if birth is None:
            if error is None:
                error = "không được để trống (ít nhất là năm sinh)."
        elif error is None:
            age = age_on(birth.value, self.today)
            if age < MIN_AGE:
                error = f"đoàn viên phải từ đủ {MIN_AGE} tuổi (ngày sinh cho {age} tuổi)."
            elif age > MAX_AGE:
                error = f"ngày sinh cho {age} tuổi: kiểm tra lại năm sinh."
        return birth, error  # birth may be set along with an error (a date in the future)

    def _issue(self, value: object) -> tuple[ParsedDate | None, str | None]:
        errors: dict[str, str] = {}
        return _a_date(_date_text(value), "id_issue_date", False, self.today, errors), errors.get("id_issue_date")

    def _joined(self, value: object) -> tuple[ParsedDate | None, str | None, str | None]:
        """(date, error, warning): a year ("2013") or a month ("03/2018") is the first day
        of it, with a warning; the member is not refused for a date written short."""
        errors: dict[str, str] = {}
        parsed = _a_date(_date_text(value), "joined_date", True, self.today, errors)
        warning = None
        if parsed is not None and parsed.year_only and "joined_date" not in errors:
            typed = shown(value)
            warning = (f"Ngày vào công đoàn chỉ ghi “{typed}”: lấy ngày {format_date(parsed.value)} "
                       "(sửa lại nếu biết ngày đúng).")
            parsed = ParsedDate(parsed.value)
        return parsed, errors.get("joined_date"), warning

    def _consent(self, value: object) -> tuple[ParsedDate | None, str | None]:
        errors: dict[str, str] = {}
        return _a_date(_date_text(value), "consent_date", False, self.today, errors), errors.get("consent_date")

    def _paid_through(self, value: object) -> tuple[date | None, str | None]:
        """(first day of the month, error)."""
        try:
            month = parse_month_value(value)
        except ValueError:
            return None, (f"không đọc được tháng “{shown(value)}” (cần tháng/năm, ví dụ 6/2026).")
        if month is None:
            return None, None
        this = self.today.year * 12 + self.today.month - 1
        if month.year * 12 + month.month - 1 > this + MONTHS_AHEAD:
            return None, f"tháng {month:%m/%Y} ở quá xa trong tương lai (đóng trước tối đa {MONTHS_AHEAD} tháng)."
        if month.year < 1950:
            return None, f"tháng {month:%m/%Y} ở quá xa trong quá khứ."
        return month, None

    @staticmethod
    def _owed(value: object) -> tuple[tuple[str, int] | None, str | None]:
        """(("months" | "count" | "amount", number), error)."""
        try:
            return parse_owed(value), None
        except ValueError:
            return None, (f"không đọc được “{shown(value)}” (cần số tiền còn nợ, ví dụ 150.000, "
                          "hoặc số tháng, ví dụ 3 tháng).")

    def _owed_to_month(self, owed: tuple[str, int], typed: str, basis: str | None, salary: int | None
                       ) -> tuple[date | None, str | None, str | None]:
        """"Nợ đoàn phí" → (the month paid through, error, warning). Owing n months at
        import: the n months before this one (this month is being collected, not owed)."""
        kind, n = owed
        warning = None
        if kind == "amount":
            due = self.monthly_due(basis, salary) if self.monthly_due else None
            if not due:
                return None, (f"“{typed}”: không đổi được số tiền ra số tháng: đoàn viên chưa có tiền lương "
                              "làm căn cứ đóng đoàn phí."), None
            months = n // due
            warning = (f"{format_money(n, unit=False)} đ ÷ {format_money(due, unit=False)} đ một tháng = "
                       f"{months} tháng (làm tròn xuống)")
            n = months
        elif kind == "count":
            warning = f"đọc là {n} tháng"
        this = self.today.year * 12 + self.today.month - 1
        m = this - 1 - n
        month = date(m // 12, m % 12 + 1, 1)
        if warning:
            warning = f"{self.where('dues_owed')}: “{typed}”: {warning}: đã đóng đến tháng {month:%m/%Y}"
        return month, None, warning

    @staticmethod
    def _id_type(value: object) -> tuple[str | None, str | None]:
        id_type = None if value is None else _clean_repeating(value)
        if not id_type:
            return id_type, None
        folded = fold(id_type)
        id_type = ("CCCD" if "cccd" in folded or "can cuoc" in folded else
                   "CMND" if "cmnd" in folded or "chung minh" in folded else
                   "HC" if "chieu" in folded or folded == "hc" or "passport" in folded else None)
        return id_type, (None if id_type is not None else "chọn CCCD, CMND hoặc Hộ chiếu.")

    @staticmethod
    def _phone(value: object) -> tuple[str | None, str | None]:
        try:
            return parse_phone(value), None
        except ValueError:
            return None, f"“{shown(value)}” không phải số điện thoại Việt Nam (10 số, bắt đầu bằng 0)."

    @staticmethod
    def _email(value: object) -> tuple[str | None, str | None]:
        email = None if value is None else clean(value)
        if email and not _EMAIL.match(email):
            return email, f"“{email}” không phải địa chỉ email."
        return email, None

    def _salary(self, value: object) -> tuple[int | None, str | None, str | None]:
        """(salary, error, warning)."""
        if value is None or value == "":
            return None, None, None
        if type(value) is float and value.is_integer() and LOW_SALARY <= value <= MAX_SALARY_FLOAT:
            return int(value), None, None  # a salary cell of Excel, the common case, as parse_money reads it
        typed = shown(value)
        text = (clean(value) or "").lower() if isinstance(value, str) else ""
        coefficient = None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < MAX_COEFFICIENT:
            coefficient = float(value)
        elif _COEFFICIENT.fullmatch(text) and 0 < float(text.replace(",", ".")) < MAX_COEFFICIENT:
            coefficient = float(text.replace(",", "."))
        if coefficient is not None:
            # 2,34 in a salary column is a pay coefficient (hệ số lương), not đồng: offered
            # as coefficient × the base salary in force, for the user to confirm.
            if not self.base_salary:
                return None, (f"“{typed}” không phải tiền lương tháng tính bằng đồng (có thể là hệ số lương): "
                              "nhập số tiền, ví dụ 5.500.000."), None
            from_coefficient = round(coefficient * self.base_salary)
            return from_coefficient, None, (f"Tiền lương “{typed}” là hệ số lương: lấy {typed} × lương cơ sở "
                                  f"{format_money(self.base_salary, unit=False)} = {format_money(from_coefficient)}; "
                                  "kiểm tra lại")
        salary: int | None
        try:
            if m := _MILLIONS.fullmatch(text):
                # "5tr2" is 5.200.000: the digits after "tr" or the comma are the next ones.
                whole, frac, tail = m.group(1), m.group(2) or "", m.group(3) or ""
                decimals = (frac or tail).ljust(6, "0")[:6]
                if frac and tail:
                    raise MoneyFormatError(text)
                salary = int(whole) * 1_000_000 + int(decimals)
            else:
                salary = parse_money(value)
        except (MoneyFormatError, ValueError, OverflowError):
            return None, f"“{typed}” không phải số tiền (ví dụ 5.500.000 hoặc 5tr5).", None
        if salary is not None:
            problem = money_bound_problem(salary, f"“{typed}”")
            if problem:
                return None, problem, None
        if salary and salary < MIN_SALARY:
            return None, (f"“{typed}” không phải tiền lương tháng tính bằng đồng: nhập số tiền, "
                          "ví dụ 5.500.000."), None
        if salary and salary < LOW_SALARY:
            return salary, None, (f"Tiền lương {salary:,} đồng một tháng là rất thấp: kiểm tra lại (tệp có ghi "
                                  "đơn vị nghìn đồng không?)").replace(",", ".")
        return salary, None, None

    @staticmethod
    def _dues_basis_of(value: object) -> tuple[str | None, str | None]:
        if value is None:
            return None, None
        try:
            return _dues_basis(value), None
        except ValueError:
            return None, "chọn lương đóng BHXH, tiền lương thực lĩnh hoặc mức cố định."

    def _group_id(self, value: object) -> tuple[str | None, str | None]:
        """The group named value, when no group id is given."""
        name = None if value is None else _clean_repeating(value)
        if not name:
            return None, None
        key = fold(name)
        group_id = self.groups.get(key)
        if group_id is None and self.new_groups is not None:
            self.new_groups.setdefault(key, name)
            return NEW_GROUP + key, None
        if group_id is None:
            return None, f"không có tổ công đoàn “{name}” (thêm tổ trong Cài đặt đơn vị)."
        return group_id, None

    @staticmethod
    def _first_event(value: object) -> str:
        return (None if value is None else clean(value)) or "admitted"

    @staticmethod
    def _party(value: object) -> bool:
        return False if value is None else _bool(value)

    @staticmethod
    def _card(value: object) -> str | None:
        card = None if value is None else clean(value)
        return card.upper() if card else None

    # ---- the rows of a list -------------------------------------------------------------
    def parse_columns(self, columns: Mapping[str, Sequence[object]], n: int
                      ) -> Iterator[tuple[MemberInput | None, dict[str, str], list[str]]]:
        """parse() of n rows given column by column: columns[key][i] is the raw value of
        key in row i ("" or None: none); a key not in columns has no value in any row.
        Yields (value, errors, warnings) for each row, in order."""
        today = self.today
        cccd_checks: dict[tuple[str, str | None, int | None], IdCheck] = {}
        col = columns.get
        repeating = zip(*(_cleaned_column(col(k), n) for k in _REPEATING_TEXT))
        rows = zip(
            self._names.column(col("full_name"), n), self._genders.column(col("gender"), n),
            self._births.column(col("birth_date"), n), _each(normalize_id_number, col("id_number"), n),
            self._id_types.column(col("id_type"), n), self._issues.column(col("id_issue_date"), n),
            self._joins.column(col("joined_date"), n), _each(self._phone, col("phone"), n),
            self._emails.column(col("email"), n), self._salaries.column(col("salary"), n),
            self._dues.column(col("dues_basis"), n), _each(clean, col("group_id"), n),
            self._group_ids.column(col("group"), n), self._first_events.column(col("first_event"), n),
            _each(self._card, col("card_number"), n), self._parties.column(col("party_member"), n),
            repeating, _each(clean, col("permanent_address"), n), _each(clean, col("notes"), n),
            self._consents.column(col("consent_date"), n), self._paid_throughs.column(col("dues_paid_through"), n),
            self._oweds.column(col("dues_owed"), n), _each(shown, col("dues_owed"), n))
        for ((name, name_error), (gender, gender_error), (birth, birth_error), id_number, (id_type, id_type_error),
             (issue, issue_error), joined, (phone, phone_error), (email, email_error),
             (salary, salary_error, salary_warning), (dues_basis, dues_error), group_id, group, first_event,
             card, party, texts, address, notes, (consent, consent_error), (paid_through, paid_error),
             (owed, owed_error), owed_typed) in rows:
            errors: dict[str, str] = {}
            warnings: list[str] = []
            if name_error:
                errors["full_name"] = name_error
            if gender_error:
                errors["gender"] = gender_error
            if birth_error:
                errors["birth_date"] = birth_error
            if id_type_error:
                errors["id_type"] = id_type_error
            if id_number:
                born = birth.value if birth else None
                if (id_type == "CCCD" or not id_type) and len(id_number) == 12 and id_number.isdecimal():
                    # A CCCD of 12 digits (nearly every row of a list; what guess_id_type
                    # calls one): its check depends only on its first six digits, the sex
                    # and the birth year, so it is worked out once for each of those.
                    id_type = "CCCD"
                    seen = (id_number[:6], gender, born.year if born else None)
                    check = cccd_checks.get(seen)
                    if check is None:
                        check = cccd_checks[seen] = check_cccd(id_number, gender=gender, birth=born, today=today)
                else:
                    if not id_type:
                        id_type = guess_id_type(id_number)
                    check = check_id(id_type, id_number, gender=gender, birth=born, today=today)
                if check.errors:
                    errors["id_number"] = check.errors[0]
                if check.warnings:
                    warnings.extend(check.warnings)
            if issue_error:
                errors["id_issue_date"] = issue_error
            elif issue and birth and issue.value < birth.value:
                errors["id_issue_date"] = "ngày cấp trước ngày sinh."
            joined, joined_error, joined_warning = joined
            if joined_warning:
                warnings.append(joined_warning)
            if joined_error:
                errors["joined_date"] = joined_error
            elif joined and birth:
                if joined.value < birth.value:
                    errors["joined_date"] = "ngày vào công đoàn trước ngày sinh."
                # Years apart by more than MIN_AGE: old enough whatever the days (no call a row).
                elif (joined.value.year - birth.value.year <= MIN_AGE and not birth.year_only
                      and age_on(birth.value, joined.value) < MIN_AGE):
                    warnings.append(f"Ngày vào công đoàn khi chưa đủ {MIN_AGE} tuổi: kiểm tra lại.")
            if consent_error:
                errors["consent_date"] = consent_error
            elif consent and birth and consent.value < birth.value:
                errors["consent_date"] = "trước ngày sinh."
            if phone_error:
                errors["phone"] = phone_error
            if email_error:
                errors["email"] = email_error
            if salary_error:
                errors["salary"] = salary_error
            elif salary_warning:
                warnings.append(salary_warning)
            if dues_error:
                errors["dues_basis"] = dues_error
            if paid_error:
                errors["dues_paid_through"] = paid_error
            elif paid_through is None and owed_error:
                errors["dues_owed"] = owed_error
            elif paid_through is None and owed is not None:
                paid_through, owed_error, owed_warning = self._owed_to_month(
                    owed, owed_typed, dues_basis, None if salary_error else salary)
                if owed_error:
                    errors["dues_owed"] = owed_error
                elif owed_warning:
                    warnings.append(owed_warning)
            if not group_id:  # a group id given wins over a name
                group_id, group_error = group
                if group_error:
                    errors["group"] = group_error
            soft: Sequence[str] = ()
            if errors and self.soft_optional:
                soft = [k for k in errors if k not in REQUIRED_KEYS]
                for k in soft:
                    warnings.append(f"{self.where(k)}: {errors.pop(k).rstrip('.')}: để trống")
            if errors:
                yield None, errors, warnings
                continue
            (ethnicity, religion, nationality, id_issue_place, hometown, education, qualification, job_title,
             department, union_position) = texts
            values = {
                "full_name": name, "gender": gender, "birth_date": birth.value, "birth_year_only": birth.year_only,
                "ethnicity": ethnicity, "religion": religion, "nationality": nationality,
                "id_type": id_type if id_number else None, "id_number": id_number,
                "id_issue_date": issue.value if issue else None, "id_issue_place": id_issue_place,
                "hometown": hometown, "permanent_address": address, "phone": phone, "email": email,
                "education": education, "qualification": qualification, "job_title": job_title,
                "department": department, "group_id": group_id, "union_position": union_position,
                "joined_date": joined.value if joined else None, "card_number": card, "party_member": party,
                "dues_basis": dues_basis, "salary": salary, "notes": notes,
                "consent_date": consent.value if consent else None, "dues_paid_through": paid_through,
                "first_event": first_event,
            }
            if soft:
                _without(soft, values)
            yield _new_input(values), errors, warnings


_N_FIELDS = len(MemberInput.__dataclass_fields__)
# The fields a soft problem of a key empties (a bad ID number takes its type along).
_SOFT_FIELDS = {"id_number": ("id_number", "id_type"), "id_type": ("id_type",), "group": ("group_id",)}


def _without(keys: Iterable[str], values: dict[str, object]) -> dict[str, object]:
    """values with the fields of each soft problem's key emptied (None, or False)."""
    for k in keys:
        for f in _SOFT_FIELDS.get(k, (k,)):
            if f in values:
                values[f] = False if f == "party_member" else None
    if values["id_number"] is None:
        values["id_type"] = None
    return values


_DMY_WORDS = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*(?:tháng|/|-|\.)\s*(\d{1,2})\s*(?:năm|/|-|\.)\s*(\d{4})$")
_MONTH_WORDS = re.compile(r"^(?:tháng|th|t)\s*\.?\s*(\d{1,2})\s*(?:năm|/|-|\.)\s*(\d{4})$")
_YM = re.compile(r"^(\d{4})[/.\-](\d{1,2})$")


def _date_text(value: object) -> object:
    """A date written in words or with spaces, as typed into text cells, in the form
    parse_date() reads: "ngày 5 tháng 3 năm 2018", "05 / 03 / 2018" → "5/3/2018";
    "tháng 3/2018", "T3/2018" → "3/2018"; "2018-03" → "3/2018". Other values unchanged."""
    if type(value) is not str or value.isdigit() or len(value) < 6:
        return value
    s = (clean(value) or "").lower()
    if m := _DMY_WORDS.fullmatch(s):
        return "/".join(m.groups())
    if m := _MONTH_WORDS.fullmatch(s):
        return f"{m.group(1)}/{m.group(2)}"
    if m := _YM.fullmatch(s):
        return f"{m.group(2)}/{m.group(1)}"
    return value


def _two_people(value: object) -> list[str] | None:
    """The names in a name cell that holds two people or more ("A, B", "A và B", "A - B"),
    each a full name of two words or more; None for one person."""
    if type(value) is not str or not _NAME_SEPARATORS.search(value):
        return None
    parts = [name for p in _NAME_SEPARATORS.split(value) if (name := clean_name(p))]
    if len(parts) >= 2 and all(len(p.split()) >= 2 and p.replace(" ", "").isalpha() for p in parts):
        return parts
    return None


def _new_input(values: dict[str, object]) -> MemberInput:
    """MemberInput(**values) with every field given, without the frozen dataclass's
    __init__, which sets its 28 fields one by one through object.__setattr__: 3 µs a
    member, a good part of reading a 100,000-row list. The object is the same."""
    assert len(values) == _N_FIELDS  # a field added to MemberInput must be added above too
    value = object.__new__(MemberInput)
    object.__setattr__(value, "__dict__", values)
    return value


class KeyedMember(Protocol):
    """What the search, sort and duplicate keys are made of: a MemberInput, or a member
    row read back (the sync's pull)."""

    @property
    def full_name(self) -> str: ...
    @property
    def id_number(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def card_number(self) -> str | None: ...
    @property
    def birth_date(self) -> date | None: ...


def dup_key(full_name: str, birth: date | None, folded: str | None = None) -> str:
    """Name and birth year: the same person typed twice shares this key.

    folded, when the caller has it already, is fold(full_name)."""
    return f"{fold(full_name) if folded is None else folded}|{birth.year if birth else ''}"


def search_key(v: KeyedMember, folded: str | None = None) -> str:
    parts = [fold(v.full_name) if folded is None else folded, v.id_number or "", v.phone or "",
             fold(v.card_number)]
    return " ".join(p for p in parts if p)


def member_keys(v: KeyedMember, folded: str | None = None) -> tuple[str, str, str]:
    """(search_key(v), sort_key(v.full_name), dup_key(v.full_name, v.birth_date)), folding
    the name only once: what a bulk insert of members computes for every row."""
    if folded is None:
        folded = fold(v.full_name)
    card = v.card_number
    search = " ".join(p for p in (folded, v.id_number or "", v.phone or "", fold(card) if card else "") if p)
    birth = v.birth_date
    return (search, f"{folded.rsplit(' ', 1)[-1]} {folded}", f"{folded}|{birth.year if birth else ''}")


def member_keys_many(values: Iterable[KeyedMember], folded: Iterable[str | None],
                     sort_keys: dict[str, str] | None = None
                     ) -> tuple[list[str], list[str], list[str]]:
    """member_keys() of many members: (search keys, sort keys, dup keys), each a list in
    the members' order. folded[i], when not None, is fold(values[i].full_name);
    sort_keys, when given, remembers the sort key of each folded name (names repeat)."""
    search: list[str] = []
    sort: list[str] = []
    dup: list[str] = []
    add_search, add_sort, add_dup = search.append, sort.append, dup.append
    known = {} if sort_keys is None else sort_keys
    for v, f in zip(values, folded):
        if f is None:
            f = fold(v.full_name)
        card = v.card_number
        if card:
            # A card number as the import writes it ("CĐ0123…", upper case): folded here
            # without the call; anything else (spaces, other letters) through fold().
            bare = card.replace("Đ", "D")
            card = bare.lower() if bare.isascii() and bare.isalnum() else fold(card)
        add_search(" ".join(filter(None, (f, v.id_number, v.phone, card))))
        key = known.get(f)
        if key is None:
            key = known[f] = f"{f.rsplit(' ', 1)[-1]} {f}"
        add_sort(key)
        birth = v.birth_date
        add_dup(f"{f}|{birth.year if birth else ''}")
    return search, sort, dup
