"""Citizen ID (CCCD) rules and the QR code printed on chip cards (DOMAIN.md, law)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.services.core.dates import DateFormatError, parse_date
from desktop.services.core.text import clean, clean_name
from protocol.fields import FIELDS, value_problem

# Province codes of birth registration (Thông tư 07/2016/TT-BCA). Cards issued before the
# 2025 merger of provinces keep these codes, so they stay valid.
PROVINCES = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "TP. Hồ Chí Minh", "080": "Long An",
    "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
    "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}


_ID_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_id_number(value: object) -> str | None:
    """Digits of an ID as typed or read from Excel: spaces, dots and lost zeros mended.

    Excel keeps a CCCD typed as a number without its leading zero(s); every CCCD
    starts with 0, so a numeric 10- or 11-digit value is padded back to 12.
    """
    if value is None:
        return None
    if type(value) is str and value.isdigit() and value.isascii():  # "001090012345": the usual
        return value.zfill(12) if len(value) in (10, 11) else value
    if isinstance(value, float) and value == int(value):
        value = int(value)
    numeric = isinstance(value, int) and not isinstance(value, bool)
    s = clean(_ID_SEPARATORS.sub("", str(value)) if not numeric else str(value))
    if not s:
        return None
    if s.isdigit() and len(s) in (10, 11):
        s = s.zfill(12)
    elif numeric and len(s) == 8:  # a CMND of 9 digits that lost its leading zero
        s = s.zfill(9)
    return s.upper()


@dataclass(frozen=True)
class IdCheck:
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


_ID_OK = IdCheck()


def check_cccd(number: str, *, gender: str | None, birth: date | None,
               birth_year_only: bool = False, today: date | None = None) -> IdCheck:
    """Structure of a 12-digit CCCD and its cross-check with sex and birth year."""
    if not (len(number) == 12 and number.isdecimal()):  # \d{12}: isdecimal is the same \d
        digits = sum(ch.isdecimal() for ch in number)
        return IdCheck(errors=(f"Số CCCD phải có đúng 12 chữ số (số “{number}” có {digits}).",))
    province = number[:3]
    if province not in PROVINCES:
        return IdCheck(errors=(f"Số CCCD bắt đầu bằng {province}: không phải mã tỉnh nơi đăng ký khai sinh.",))
    code = int(number[3])
    year = 1900 + 100 * (code // 2) + int(number[4:6])
    today = today or date.today()
    if year > today.year:
        return IdCheck(errors=(f"Số CCCD cho năm sinh {year}, là năm trong tương lai: kiểm tra chữ số thứ 4–6.",))
    warnings = []
    sex = "Nam" if code % 2 == 0 else "Nữ"
    if gender and gender != sex:
        warnings.append(f"Số CCCD ghi giới tính {sex}, hồ sơ ghi {gender}.")
    if birth and birth.year != year:
        warnings.append(f"Số CCCD ghi năm sinh {year}, hồ sơ ghi {birth.year}.")
    return IdCheck(warnings=tuple(warnings)) if warnings else _ID_OK


def check_id(id_type: str | None, number: str | None, *, gender: str | None,
             birth: date | None, today: date | None = None) -> IdCheck:
    if not number:
        return IdCheck()
    kind = id_type or guess_id_type(number)
    if kind == "CCCD":
        return check_cccd(number, gender=gender, birth=birth, today=today)
    if kind == "CMND":
        if not re.fullmatch(r"\d{9}|\d{12}", number):
            return IdCheck(errors=("Số CMND phải có 9 chữ số (hoặc 12 với CMND mẫu mới).",))
        return IdCheck()
    if not re.fullmatch(r"[A-Z0-9]{6,12}", number):
        return IdCheck(errors=("Số hộ chiếu chỉ gồm 6–12 chữ cái in hoa và chữ số.",))
    return IdCheck()


def guess_id_type(number: str) -> str:
    if number.isdecimal():  # what \d matches
        if len(number) == 12:
            return "CCCD"
        if len(number) == 9:
            return "CMND"
        if 10 <= len(number) <= 14:
            return "CCCD"  # a CCCD with a digit too many or too few, not a passport
    return "HC"


@dataclass(frozen=True)
class QrData:
    """What the QR code on a chip CCCD says, parsed; shown to the user before saving."""

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date | None
    gender: str | None
    address: str | None
    issue_date: date | None


class QrFormatError(ValueError):
    pass


def _qr_date(field: str) -> date | None:
    field = field.strip()
    if not re.fullmatch(r"[0-9]{8}", field):  # ASCII digits: re's \d takes "０" and "٠" too
        return None
    try:
        parsed = parse_date(field)
    except DateFormatError:
        return None
    return parsed.value if parsed else None


def parse_cccd_qr(raw: str) -> QrData:
    """Parse `CCCD|CMND|Họ tên|ddmmyyyy|Nam|Nơi thường trú|ddmmyyyy[|…]`.

    Newer cards add fields, scanners add line ends: fields are found by their
    pattern after the name, tolerating 6 to 10+ fields.
    """
    text = (clean(raw.replace("\r", " ").replace("\n", " ")) or "")
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 6 or not re.fullmatch(r"[0-9]{12}", parts[0]):
        raise QrFormatError(
            "Không đọc được mã QR CCCD: cần dạng 'số CCCD|số CMND|Họ tên|ngày sinh|giới tính|địa chỉ|ngày cấp'."
        )
    old = parts[1] if re.fullmatch(r"[0-9]{9}", parts[1] or "") else None
    name = clean_name(parts[2])
    if not name or any(ch.isdigit() for ch in name):
        raise QrFormatError("Mã QR CCCD không có họ tên ở trường thứ ba.")
    rest = parts[3:]
    birth = _qr_date(rest[0]) if rest else None
    gender = None
    address = None
    issue = None
    for i, field in enumerate(rest[1:], start=1):
        folded = field.casefold()
        if gender is None and folded in ("nam", "nữ", "nu"):
            gender = "Nam" if folded == "nam" else "Nữ"
            if i + 1 < len(rest):
                address = clean(rest[i + 1])
            for later in rest[i + 2:]:
                if (d := _qr_date(later)) is not None:
                    issue = d
                    break
            break
    for key, value in (("full_name", name), ("permanent_address", address)):
        spec = FIELDS["member"][key]
        if value and (problem := value_problem(spec, value)):
            raise QrFormatError(f"Mã QR CCCD: “{spec.label}” {problem}")
    return QrData(id_number=parts[0], old_id_number=old, full_name=name, birth_date=birth,
                  gender=gender, address=address, issue_date=issue)
