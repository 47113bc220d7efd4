"""Money is integer đồng. Display as "1.234.567 đ"; read what offices type or paste."""

from __future__ import annotations

import re

from protocol.limits import MAX_MONEY

_NON_DIGITS = re.compile(r"[^\d]")


class MoneyFormatError(ValueError):
    pass


def money_bound_problem(amount: int, label: str) -> str | None:
    """The Vietnamese message when amount is outside what any field of money accepts
    (negative, or over MAX_MONEY), naming the field by its label; None when it is fine."""
    if amount < 0:
        return f"{label} không được âm."
    if amount > MAX_MONEY:
        return f"{label} quá lớn: tối đa {format_money(MAX_MONEY)}."
    return None


def format_money(amount: int | None, *, unit: bool = True) -> str:
    if amount is None:
        return ""
    s = f"{abs(amount):,}".replace(",", ".")
    if amount < 0:
        s = "-" + s
    return f"{s} đ" if unit else s


_GROUPED = re.compile(r"\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*")
_DECIMALS = re.compile(r"(?P<int>\d+|\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*)(?P<dec>[.,])(?P<frac>\d{1,2})")


def parse_money(value: object) -> int | None:
    """5500000, 5500000.0, "5.500.000", "5,500,000 đ", "5 500 000 VNĐ" → 5500000.

    In text, "." and "," group thousands (either one, used alike); one or two digits after
    the last separator, when it differs from the grouping one or there is no grouping, are
    decimals ("5.500.000,00", "5500000.0"), rounded to whole đồng. Anything else
    ("1.2345", "12.000.000.5") is not read as money. Whether an amount is plausible for
    its field (a salary of 5 đ is a coefficient, not money) is for the caller to judge.
    """
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
    s = " ".join(str(value).split()).lower()  # any white space, the non-breaking one too
    for suffix in ("vnđ", "vnd", "đồng", "đ", "d"):
        if s.endswith(suffix):
            s = s[: -len(suffix)].strip()
            break
    if not s:
        return None
    if s.startswith("-"):
        raise MoneyFormatError(str(value))
    s = s.replace(" ", "")  # "5 500 000": spaces group thousands
    if s.isdigit() and s.isascii():
        return int(s)
    if _GROUPED.fullmatch(s):
        return int(_NON_DIGITS.sub("", s))
    m = _DECIMALS.fullmatch(s)
    if m and (m.group("sep") != m.group("dec") or len(m.group("frac")) == 2):  # "5.500.000.00" too
        whole = int(_NON_DIGITS.sub("", m.group("int")))
        frac = m.group("frac")
        return whole + (1 if int(frac.ljust(2, "0")) >= 50 else 0)
    raise MoneyFormatError(str(value))
