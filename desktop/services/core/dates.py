"""Dates as people write them: dd/mm/yyyy, yyyy-mm-dd, Excel serials, or just a year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DMY_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # ddmmyyyy, as in the CCCD QR code
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")


@dataclass(frozen=True)
class ParsedDate:
    value: date
    year_only: bool = False


class DateFormatError(ValueError):
    pass


def _two_digit_year(y: int) -> int:
    # 2-digit years: people in the registers were born 1926-2025; pivot on today.
    this = date.today().year % 100
    return 2000 + y if y <= this else 1900 + y


def parse_date(value: object, *, allow_year_only: bool = False) -> ParsedDate | None:
    """Parse a date cell or field. None for empty; DateFormatError when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = int(value)
        if 1900 <= n <= 2100 and float(value) == n:
            if allow_year_only:
                return ParsedDate(date(n, 1, 1), year_only=True)
            # A year where a whole date is needed, not the serial number of a day in 1905.
            raise DateFormatError(str(n))
        if 1 <= n < 2958466:  # an Excel serial day number
            return ParsedDate(_EXCEL_EPOCH + timedelta(days=n))
        raise DateFormatError(str(value))
    s = str(value).strip()
    if not s:
        return None
    s = s.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", s) else s
    try:
        if m := _DMY.match(s):
            d, mth, y = (int(g) for g in m.groups())
            if len(m.group(3)) == 2:
                y = _two_digit_year(y)
            return ParsedDate(date(y, mth, d))
        if m := _YMD.match(s):
            y, mth, d = (int(g) for g in m.groups())
            return ParsedDate(date(y, mth, d))
        if m := _DMY_COMPACT.match(s):
            d, mth, y = (int(g) for g in m.groups())
            return ParsedDate(date(y, mth, d))
        if allow_year_only and (m := _YEAR.match(s)):
            return ParsedDate(date(int(m.group(1)), 1, 1), year_only=True)
        if allow_year_only and (m := _MY.match(s)):
            return ParsedDate(date(int(m.group(2)), int(m.group(1)), 1), year_only=True)
    except ValueError as exc:  # 31/02/2020 and the like
        raise DateFormatError(s) from exc
    raise DateFormatError(s)


def parse_cli_date(value: str) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise DateFormatError(value)
    return parsed.value


def format_date(value: date | None, *, year_only: bool = False) -> str:
    if value is None:
        return ""
    if year_only:
        return f"{value.year}"
    return value.strftime("%d/%m/%Y")


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
