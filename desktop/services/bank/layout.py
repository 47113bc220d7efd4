"""Which column of a bank statement holds what, read from its headers, never from the
bank's name (DOMAIN.md's header sets and their variations).

A header is folded (no diacritics, lower case, single spaces), its parenthesised notes
dropped ("Số tiền (VND)") and cut at "/" or a line break into its languages ("Nợ / Debit",
"Ngày hạch toán / Posting date"); the first part that is a known name gives its role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.services.core.text import fold

DATE, CREDIT, DEBIT, AMOUNT, DESCRIPTION, REFERENCE, BALANCE = (
    "date", "credit", "debit", "amount", "description", "reference", "balance")

# In order of preference where a statement has two (VietinBank: "Ngày hạch toán" and
# "Ngày phát sinh"; the first is the day the money moved on the account).
NAMES: dict[str, tuple[str, ...]] = {
    DATE: ("ngay giao dich", "ngay hach toan", "ngay hieu luc", "posting date", "transaction date",
           "ngay gd", "thoi gian giao dich", "ngay thuc hien", "effective date", "value date", "ngay phat sinh",
           "thoi gian", "ngay", "date"),
    CREDIT: ("so tien ghi co", "ghi co", "phat sinh co", "ps co", "so tien co", "co", "credit", "credit amount",
             "tien vao", "so tien vao"),
    DEBIT: ("so tien ghi no", "ghi no", "phat sinh no", "ps no", "so tien no", "no", "debit", "debit amount",
            "tien ra", "so tien ra"),
    AMOUNT: ("so tien", "so tien giao dich", "so tien gd", "amount", "transaction amount", "so tien phat sinh"),
    DESCRIPTION: ("mo ta", "mo ta giao dich", "dien giai", "dien giai giao dich", "noi dung", "noi dung giao dich",
                  "noi dung chi tiet", "noi dung chuyen khoan", "noi dung ck", "chi tiet giao dich", "description",
                  "transaction description", "details", "remark", "remarks"),
    REFERENCE: ("so tham chieu", "ma tham chieu", "so but toan", "so giao dich", "ma giao dich", "so ct", "so chung tu",
                "ma gd", "so gd", "reference", "reference number", "ref no", "transaction no", "transaction number",
                "transaction id"),
    BALANCE: ("so du", "so du tk", "so du tai khoan", "balance", "running balance"),
}
_ROLE_OF = {name: role for role, names in NAMES.items() for name in names}
_PREFERENCE = {name: i for names in NAMES.values() for i, name in enumerate(names)}


def header_parts(cell: object) -> list[str]:
    if not isinstance(cell, str):
        return []
    text = re.sub(r"\([^)]*\)", " ", cell)
    return [p for p in (" ".join(re.sub(r"[^0-9a-z ]", " ", fold(part)).split())
                        for part in re.split(r"[/\n]", text)) if p]


def role_of(cell: object) -> tuple[str, int] | None:
    """(role, preference: lower is better) of a header cell, or None when unknown."""
    for part in header_parts(cell):
        if part in _ROLE_OF:
            return _ROLE_OF[part], _PREFERENCE[part]
    return None


@dataclass(frozen=True)
class Layout:
    header_row: int  # index in the sheet's rows (0-based) of the last header row
    columns: dict[str, int]  # role → column index
    names: dict[str, str]  # role → the header as the file writes it

    @property
    def signed(self) -> bool:
        """One signed amount (money in positive) instead of credit and debit columns."""
        return CREDIT not in self.columns and DEBIT not in self.columns


def layout_of(cells: Sequence[object]) -> tuple[dict[str, int], dict[str, str]]:
    best: dict[str, tuple[int, int]] = {}
    for i, cell in enumerate(cells):
        found = role_of(cell)
        if found is None:
            continue
        role, rank = found
        if role not in best or rank < best[role][1]:
            best[role] = (i, rank)
    columns = {role: i for role, (i, _) in best.items()}
    return columns, {role: " ".join(str(cells[i]).split()) for role, i in columns.items()}


def usable(columns: dict[str, int]) -> bool:
    has_money = (CREDIT in columns or DEBIT in columns) or AMOUNT in columns
    return DATE in columns and has_money and len(columns) >= 3


def find_layout(rows: Sequence[Sequence[object]], scan: int = 40) -> Layout | None:
    """The header row among the first `scan` rows: the first whose known names give a date,
    money and one more column. A header over two rows ("Số tiền" above "Ghi nợ | Ghi có")
    is read as one: the lower row's names win where it has them."""
    for r in range(min(scan, len(rows))):
        columns, names = layout_of(rows[r])
        if usable(columns):
            if r + 1 < len(rows) and (CREDIT in layout_of(rows[r + 1])[0] or DEBIT in layout_of(rows[r + 1])[0]):
                below, below_names = layout_of(rows[r + 1])
                return Layout(r + 1, columns | below, names | below_names)
            return Layout(r, columns, names)
        if r + 1 < len(rows) and DATE in columns:
            below, below_names = layout_of(rows[r + 1])
            merged = columns | below
            if usable(merged):
                return Layout(r + 1, merged, names | below_names)
    return None
