"""Reading and checking a member's fields, wherever they come from (form, Excel, QR).

parse_member() turns raw values into a MemberInput plus per-field errors and warnings;
it is the one place where a member's data is judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Mapping

from desktop.services.cccd import check_id, guess_id_type, normalize_id_number
from desktop.services.dates import DateFormatError, ParsedDate, age_on, format_date, parse_date
from desktop.services.money import MoneyFormatError, parse_money
from desktop.services.text import clean, clean_name, fold

MIN_AGE = 15  # Labour Code: workers from 15; union membership follows work
MAX_AGE = 100
MIN_SALARY = 1_000  # below this a "salary" is a coefficient or a slip, not đồng a month
LOW_SALARY = 500_000  # below this, probably written in thousands of đồng: warn
GENDERS = ("Nam", "Nữ")
ID_TYPES = {"CCCD": "Căn cước công dân", "CMND": "Chứng minh nhân dân", "HC": "Hộ chiếu"}
DUES_BASES = {"bhxh": "Lương đóng BHXH", "take_home": "Tiền lương thực lĩnh", "fixed": "Mức cố định"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


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
    if isinstance(value, float) and value == int(value):
        value = int(value)
    s = _PHONE_SEPARATORS.sub("", str(value))
    if not s:
        return None
    if s.startswith("+84"):
        s = "0" + s[3:]
    elif s.startswith("84") and len(s) == 11:
        s = "0" + s[2:]
    if s.isdigit() and len(s) == 9 and s[0] in "35789":  # Excel dropped the leading 0
        s = "0" + s
    elif s.isdigit() and len(s) == 10 and s[0] == "2":  # a landline (02x) that lost it
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


# Fields whose values repeat down a list (an ethnicity, a department, a group): their
# cleaning is remembered. Names, ID numbers, addresses are not: each is new.
_REPEATING_TEXT = ("ethnicity", "religion", "nationality", "id_issue_place", "hometown", "education",
                   "qualification", "job_title", "department", "union_position")
_UNIQUE_TEXT = ("permanent_address", "notes")
_MISSING = object()


class _Memo(dict):
    """fn(text) remembered per text (str only: 1, 1.0 and True must not share an entry);
    a ValueError is remembered too and raised again. Emptied when it grows large."""

    def __init__(self, fn, size: int = 20000) -> None:
        super().__init__()
        self.fn = fn
        self.size = size

    def __call__(self, value):
        if type(value) is not str:
            return self.fn(value)
        hit = self.get(value, _MISSING)
        if hit is _MISSING:
            if len(self) >= self.size:
                self.clear()
            try:
                hit = self[value] = (self.fn(value), None)
            except ValueError as exc:
                hit = self[value] = (None, exc.args)
        if hit[1] is not None:
            raise ValueError(*hit[1])
        return hit[0]


_clean_repeating = _Memo(clean)
_gender = _Memo(parse_gender)
_bool = _Memo(parse_bool)
_dues_basis = _Memo(parse_dues_basis)
_YEAR = re.compile(r"(19|20)\d\d")
_PARSED_DATES: dict[date, ParsedDate] = {}  # ParsedDate is frozen: one per date serves every row


def _a_date(value, key: str, year_only: bool, today: date, errors: dict) -> ParsedDate | None:
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
    "group_id" (an id, from the editor). An import passes today once for all its rows.
    """
    today = today or date.today()
    errors: dict[str, str] = {}
    warnings: list[str] = []
    get = raw.get

    name = clean_name(get("full_name"))
    if not name:
        errors["full_name"] = "không được để trống."
    elif len(name) > 150 or (not name.replace(" ", "").isalpha() and any(ch.isdigit() for ch in name)):
        errors["full_name"] = f"“{name}” không giống họ tên (có chữ số hoặc quá dài)."

    try:
        gender = _gender(get("gender"))
        if gender is None:
            errors["gender"] = "chọn Nam hoặc Nữ."
    except ValueError:
        gender = None
        errors["gender"] = f"“{shown(get('gender'))}” không phải Nam hoặc Nữ."

    birth = _a_date(get("birth_date"), "birth_date", True, today, errors)
    if birth is None:
        if "birth_date" not in errors:
            errors["birth_date"] = "không được để trống (ít nhất là năm sinh)."
    elif "birth_date" not in errors:
        age = age_on(birth.value, today)
        if age < MIN_AGE:
            errors["birth_date"] = f"đoàn viên phải từ đủ {MIN_AGE} tuổi (ngày sinh cho {age} tuổi)."
        elif age > MAX_AGE:
            errors["birth_date"] = f"ngày sinh cho {age} tuổi: kiểm tra lại năm sinh."

    id_number = normalize_id_number(get("id_number"))
    id_type = get("id_type")
    if id_type is not None:
        id_type = _clean_repeating(id_type)
    if id_type:
        folded = fold(id_type)
        id_type = ("CCCD" if "cccd" in folded or "can cuoc" in folded else
                   "CMND" if "cmnd" in folded or "chung minh" in folded else
                   "HC" if "chieu" in folded or folded == "hc" or "passport" in folded else None)
        if id_type is None:
            errors["id_type"] = "chọn CCCD, CMND hoặc Hộ chiếu."
    if id_number:
        if not id_type:
            id_type = guess_id_type(id_number)
        check = check_id(id_type, id_number, gender=gender, birth=birth.value if birth else None, today=today)
        if check.errors:
            errors["id_number"] = check.errors[0]
        if check.warnings:
            warnings.extend(check.warnings)

    issue = get("id_issue_date")
    if issue is not None:
        issue = _a_date(issue, "id_issue_date", False, today, errors)
        if issue and birth and issue.value < birth.value and "id_issue_date" not in errors:
            errors["id_issue_date"] = "ngày cấp trước ngày sinh."

    joined = get("joined_date")
    if joined is not None:
        joined = _a_date(joined, "joined_date", False, today, errors)
        if joined and birth and "joined_date" not in errors:
            if joined.value < birth.value:
                errors["joined_date"] = "ngày vào công đoàn trước ngày sinh."
            elif age_on(birth.value, joined.value) < MIN_AGE and not birth.year_only:
                warnings.append(f"Ngày vào công đoàn khi chưa đủ {MIN_AGE} tuổi: kiểm tra lại.")

    try:
        phone = parse_phone(get("phone"))
    except ValueError:
        phone = None
        errors["phone"] = f"“{shown(get('phone'))}” không phải số điện thoại Việt Nam (10 số, bắt đầu bằng 0)."

    email = get("email")
    if email is not None:
        email = clean(email)
        if email and not _EMAIL.match(email):
            errors["email"] = f"“{email}” không phải địa chỉ email."

    value = get("salary")
    if value is None or value == "":
        salary = None
    elif type(value) is float and value.is_integer() and value >= LOW_SALARY:
        salary = int(value)  # a salary cell of Excel, the common case, as parse_money reads it
    else:
        try:
            salary = parse_money(value)
            if salary is not None and salary < 0:
                raise MoneyFormatError(str(salary))
        except MoneyFormatError:
            salary = None
            errors["salary"] = f"“{shown(value)}” không phải số tiền (ví dụ 5.500.000)."
        else:
            if salary and salary < MIN_SALARY:
                # 2,34 or 4.68 in a salary column is a pay coefficient (hệ số lương), not đồng.
                errors["salary"] = (f"“{shown(value)}” không phải tiền lương tháng tính bằng đồng "
                                    "(có thể là hệ số lương): nhập số tiền, ví dụ 5.500.000.")
                salary = None
            elif salary and salary < LOW_SALARY:
                warnings.append(f"Tiền lương {salary:,} đồng một tháng là rất thấp: kiểm tra lại (tệp có ghi "
                                "đơn vị nghìn đồng không?).".replace(",", "."))

    dues_basis = get("dues_basis")
    if dues_basis is not None:
        try:
            dues_basis = _dues_basis(dues_basis)
        except ValueError:
            dues_basis = None
            errors["dues_basis"] = "chọn lương đóng BHXH, tiền lương thực lĩnh hoặc mức cố định."

    group_id = get("group_id")
    if group_id is not None:
        group_id = clean(group_id)
    group_name = get("group")
    if group_name is not None:
        group_name = _clean_repeating(group_name)
        if group_name and not group_id:
            group_id = (groups or {}).get(fold(group_name))
            if group_id is None:
                errors["group"] = f"không có tổ công đoàn “{group_name}” (thêm tổ trong Cài đặt đơn vị)."

    first_event = get("first_event")
    first_event = (None if first_event is None else clean(first_event)) or "admitted"
    if errors:
        return Parsed(None, errors, warnings)
    card = get("card_number")
    if card is not None:
        card = clean(card)
    party = get("party_member")
    fields_ = {
        "full_name": name, "gender": gender, "birth_date": birth.value, "birth_year_only": birth.year_only,
        "id_type": id_type if id_number else None, "id_number": id_number,
        "id_issue_date": issue.value if issue else None,
        "phone": phone, "email": email, "group_id": group_id, "joined_date": joined.value if joined else None,
        "card_number": card.upper() if card else None,
        "party_member": False if party is None else _bool(party),
        "dues_basis": dues_basis, "salary": salary, "first_event": first_event,
    }
    memo = _clean_repeating
    for key in _REPEATING_TEXT:
        v = get(key)
        if v is None:
            fields_[key] = None
        elif type(v) is str and (hit := memo.get(v)) is not None and hit[1] is None:
            fields_[key] = hit[0]  # _clean_repeating(v), without the call
        else:
            fields_[key] = memo(v)
    for key in _UNIQUE_TEXT:
        v = get(key)
        fields_[key] = None if v is None else clean(v)
    return Parsed(_new_input(fields_), errors, warnings)


_N_FIELDS = len(MemberInput.__dataclass_fields__)


def _new_input(values: dict) -> MemberInput:
    """MemberInput(**values) with every field given, without the frozen dataclass's
    __init__, which sets its 28 fields one by one through object.__setattr__: 3 µs a
    member, a good part of reading a 100,000-row list. The object is the same."""
    assert len(values) == _N_FIELDS  # a field added to MemberInput must be added above too
    value = object.__new__(MemberInput)
    object.__setattr__(value, "__dict__", values)
    return value


def with_group(value: MemberInput, group_id: str | None) -> MemberInput:
    return replace(value, group_id=group_id)


def dup_key(full_name: str, birth: date | None, folded: str | None = None) -> str:
    """Name and birth year: the same person typed twice shares this key.

    folded, when the caller has it already, is fold(full_name)."""
    return f"{fold(full_name) if folded is None else folded}|{birth.year if birth else ''}"


def search_key(v, folded: str | None = None) -> str:
    parts = [fold(v.full_name) if folded is None else folded, v.id_number or "", v.phone or "",
             fold(v.card_number)]
    return " ".join(p for p in parts if p)


def member_keys(v, folded: str | None = None) -> tuple[str, str, str]:
    """(search_key(v), sort_key(v.full_name), dup_key(v.full_name, v.birth_date)), folding
    the name only once: what a bulk insert of members computes for every row."""
    if folded is None:
        folded = fold(v.full_name)
    card = v.card_number
    search = " ".join(p for p in (folded, v.id_number or "", v.phone or "", fold(card) if card else "") if p)
    birth = v.birth_date
    return (search, f"{folded.rsplit(' ', 1)[-1]} {folded}", f"{folded}|{birth.year if birth else ''}")
