"""Money is integer đồng. Display as "1.234.567 đ"; read what offices type or paste."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"[^\d]")


class MoneyFormatError(ValueError):
    pass


def format_money(amount: int | None, *, unit: bool = True) -> str:
    if amount is None:
        return ""
    s = f"{abs(amount):,}".replace(",", ".")
    if amount < 0:
        s = "-" + s
    return f"{s} đ" if unit else s


def parse_money(value: object) -> int | None:
    """5500000, 5500000.0, "5.500.000", "5,500,000 đ", "5 500 000 VNĐ" → 5500000."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise MoneyFormatError(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            # Đồng has no fractions; a salary of 5500000.4 is a typing slip, round it.
            return round(value)
        return int(value)
    s = str(value).strip().lower()
    for suffix in ("vnđ", "vnd", "đồng", "đ", "d"):
        if s.endswith(suffix):
            s = s[: -len(suffix)].strip()
            break
    if not s:
        return None
    if s.startswith("-"):
        raise MoneyFormatError(str(value))
    if not re.fullmatch(r"[\d., ]+", s):
        raise MoneyFormatError(str(value))
    # Both "." and "," are thousands separators in what offices type; a trailing
    # ",00"/".00" group of two digits is decimals.
    s = re.sub(r"[.,]\d{2}$", "", s) if re.search(r"[.,]\d{3}", s) or len(s) > 6 else s
    digits = _NON_DIGITS.sub("", s)
    if not digits:
        raise MoneyFormatError(str(value))
    return int(digits)
