"""Bounds every way in shares: the desktop's forms, imports and CLI, and the server.

MAX_MONEY is one upper bound for every amount and salary in đồng: under 1.000 tỷ đồng, far
above any one document or monthly salary a union handles (a 100.000-member unit's whole
year of kinh phí is about 150 tỷ), well inside what the amount in words reads
(999.999.999.999.999) and what SQLite and PostgreSQL integers hold.

Text: no C0 or C1 control character is accepted anywhere (PostgreSQL's jsonb refuses
NUL; the others are invisible in a form and break printing), except tab and newline in
the fields that hold several lines."""

from __future__ import annotations

import re

MAX_MONEY = 999_999_999_999

# C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control(text: str, *, multiline: bool = False) -> bool:
    """True when text holds a control character (tab and newline allowed if multiline)."""
    return bool((_CONTROL_BUT_LINES if multiline else _CONTROL).search(text))


def strip_control(text: str, *, multiline: bool = False) -> str:
    """text without its control characters; in one-line text a tab, a newline or a
    carriage return becomes a space (they separate words), the others are dropped."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL_BUT_LINES.sub("", text)
    text = re.sub(r"[\t\n\r\x0b\x0c]", " ", text)
    return _CONTROL.sub("", text)


def money_in_bounds(amount: int) -> bool:
    return 0 <= amount <= MAX_MONEY
