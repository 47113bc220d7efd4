"""What a receipt or voucher book is called on paper.

Inside, a book's code is unique in the unit and tells receipts from vouchers: T2026-02 is
the receipt book the sync server gave the unit's PC number 2 for 2026 (C… for vouchers,
T2026-02-2 for that PC's second receipt book of the year), and a PC not yet enrolled names
its book from its own id (T2026-9F3A) until it is. On the form, "Quyển số" is what a
person reads: the book's name in the year, 02/2026, and the form's title already says
receipt or voucher. The name is the code without its letter and year, so two books of
one kind never share a printed name, and it follows from the code alone: every PC prints
a synced document's book the same way."""

from __future__ import annotations

import re

_CODE = re.compile(r"[TC](\d{4})-(.+)")


def book_label(code: str) -> str:
    """"T2026-02" → "02/2026"; "C2026-02-2" → "02-2/2026"; a code of another shape as it is."""
    found = _CODE.fullmatch(code)
    if found is None:
        return code
    year, name = found.groups()
    return f"{name}/{year}"


def book_codes(label: str) -> tuple[str, str] | None:
    """The codes a printed name can stand for: "02/2026" → the receipt book T2026-02 and
    the voucher book C2026-02; None when it is not a printed name."""
    name, _, year = label.rpartition("/")
    if not name or len(year) != 4 or not year.isdigit():
        return None
    return f"T{year}-{name}", f"C{year}-{name}"


def number_text(number: int) -> str:
    """A document's number as the screen and the form show it: 0001."""
    return f"{number:04d}"
