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
from desktop.services.dates import DateFormatError, age_on, format_date, parse_date
from desktop.services.money import MoneyFormatError, parse_money
from desktop.services.text import clean, clean_name, fold

MIN_AGE = 15  # Labour Code: workers from 15; union membership follows work
MAX_AGE = 100
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


def parse_phone(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)
    s = re.sub(r"[\s.\-()]", "", str(value))
    if not s:
        return None
    if s.startswith("+84"):
        s = "0" + s[3:]
    elif s.startswith("84") and len(s) == 11:
        s = "0" + s[2:]
    if s.isdigit() and len(s) == 9 and s[0] in "35789":  # Excel dropped the leading 0
        s = "0" + s
    if re.fullmatch(r"0[35789]\d{8}", s) or re.fullmatch(r"02\d{9}", s):
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


def parse_member(raw: Mapping[str, object], *, groups: Mapping[str, str] | None = None,
                 today: date | None = None) -> Parsed:
    """Raw values by field key → MemberInput, with every problem named by its field.

    groups maps folded group names to ids; raw may carry "group" (a name) or
    "group_id" (an id, from the editor).
    """
    today = today or date.today()
    errors: dict[str, str] = {}
    warnings: list[str] = []

    def text(key):
        return clean(raw.get(key))

    def a_date(key, *, year_only=False):
        try:
            parsed = parse_date(raw.get(key), allow_year_only=year_only)
        except DateFormatError:
            errors[key] = f"không đọc được ngày “{clean(raw.get(key))}” (cần dạng ngày/tháng/năm, ví dụ 07/03/1990)."
            return None
        if parsed and parsed.value > today:
            when = f"năm {parsed.value.year}" if parsed.year_only else f"ngày {format_date(parsed.value)}"
            errors[key] = f"{when} ở trong tương lai."
        return parsed

    name = clean_name(raw.get("full_name"))
    if not name:
        errors["full_name"] = "không được để trống."
    elif any(ch.isdigit() for ch in name) or len(name) > 150:
        errors["full_name"] = f"“{name}” không giống họ tên (có chữ số hoặc quá dài)."

    try:
        gender = parse_gender(raw.get("gender"))
        if gender is None:
            errors["gender"] = "chọn Nam hoặc Nữ."
    except ValueError:
        gender = None
        errors["gender"] = f"“{clean(raw.get('gender'))}” không phải Nam hoặc Nữ."

    birth = a_date("birth_date", year_only=True)
    if birth is None and "birth_date" not in errors:
        errors["birth_date"] = "không được để trống (ít nhất là năm sinh)."
    if birth and "birth_date" not in errors:
        age = age_on(birth.value, today)
        if age < MIN_AGE:
            errors["birth_date"] = f"đoàn viên phải từ đủ {MIN_AGE} tuổi (ngày sinh cho {age} tuổi)."
        elif age > MAX_AGE:
            errors["birth_date"] = f"ngày sinh cho {age} tuổi: kiểm tra lại năm sinh."

    id_number = normalize_id_number(raw.get("id_number"))
    id_type = clean(raw.get("id_type"))
    if id_type:
        folded = fold(id_type)
        id_type = ("CCCD" if "cccd" in folded or "can cuoc" in folded else
                   "CMND" if "cmnd" in folded or "chung minh" in folded else
                   "HC" if "chieu" in folded or folded == "hc" or "passport" in folded else None)
        if id_type is None:
            errors["id_type"] = "chọn CCCD, CMND hoặc Hộ chiếu."
    if id_number and not id_type:
        id_type = guess_id_type(id_number)
    if id_number:
        check = check_id(id_type, id_number, gender=gender, birth=birth.value if birth else None)
        if check.errors:
            errors["id_number"] = check.errors[0]
        warnings.extend(check.warnings)

    issue = a_date("id_issue_date")
    if issue and birth and issue.value < birth.value and "id_issue_date" not in errors:
        errors["id_issue_date"] = "ngày cấp trước ngày sinh."

    joined = a_date("joined_date")
    if joined and birth and "joined_date" not in errors:
        if joined.value < birth.value:
            errors["joined_date"] = "ngày vào công đoàn trước ngày sinh."
        elif age_on(birth.value, joined.value) < MIN_AGE and not birth.year_only:
            warnings.append(f"Ngày vào công đoàn khi chưa đủ {MIN_AGE} tuổi: kiểm tra lại.")

    try:
        phone = parse_phone(raw.get("phone"))
    except ValueError:
        phone = None
        errors["phone"] = f"“{clean(raw.get('phone'))}” không phải số điện thoại Việt Nam (10 số, bắt đầu bằng 0)."

    email = text("email")
    if email and not _EMAIL.match(email):
        errors["email"] = f"“{email}” không phải địa chỉ email."

    try:
        salary = parse_money(raw.get("salary"))
        if salary is not None and salary < 0:
            raise MoneyFormatError(str(salary))
    except MoneyFormatError:
        salary = None
        errors["salary"] = f"“{clean(raw.get('salary'))}” không phải số tiền (ví dụ 5.500.000)."

    try:
        dues_basis = parse_dues_basis(raw.get("dues_basis"))
    except ValueError:
        dues_basis = None
        errors["dues_basis"] = "chọn lương đóng BHXH, tiền lương thực lĩnh hoặc mức cố định."

    group_id = clean(raw.get("group_id"))
    group_name = text("group")
    if group_name and not group_id:
        group_id = (groups or {}).get(fold(group_name))
        if group_id is None:
            errors["group"] = f"không có tổ công đoàn “{group_name}” (thêm tổ trong Cài đặt đơn vị)."

    first_event = clean(raw.get("first_event")) or "admitted"
    if errors:
        return Parsed(None, errors, warnings)
    card = clean(raw.get("card_number"))
    value = MemberInput(
        full_name=name, gender=gender, birth_date=birth.value, birth_year_only=birth.year_only,
        ethnicity=text("ethnicity"), religion=text("religion"), nationality=text("nationality"),
        id_type=id_type if id_number else None, id_number=id_number,
        id_issue_date=issue.value if issue else None, id_issue_place=text("id_issue_place"),
        hometown=text("hometown"), permanent_address=text("permanent_address"),
        phone=phone, email=email, education=text("education"),
        qualification=text("qualification"), job_title=text("job_title"),
        department=text("department"), group_id=group_id,
        union_position=text("union_position"), joined_date=joined.value if joined else None,
        card_number=card.upper() if card else None, party_member=parse_bool(raw.get("party_member")),
        dues_basis=dues_basis, salary=salary, notes=text("notes"), first_event=first_event,
    )
    return Parsed(value, errors, warnings)


def with_group(value: MemberInput, group_id: str | None) -> MemberInput:
    return replace(value, group_id=group_id)


def dup_key(full_name: str, birth: date | None) -> str:
    """Name and birth year: the same person typed twice shares this key."""
    return f"{fold(full_name)}|{birth.year if birth else ''}"


def search_key(v) -> str:
    parts = [fold(v.full_name), v.id_number or "", v.phone or "", fold(v.card_number)]
    return " ".join(p for p in parts if p)
