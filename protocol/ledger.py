"""A closed year's ledger, fingerprinted and totalled the same way on every PC and on the
server (issue 14, item 11): the desktop records the figures in its year_close row, the
server computes them again from the rows the unit synced and flags a difference.

Defined once, here, on plain rows as they travel (dicts of the protocol's fields, dates
as "YYYY-MM-DD", money as integer đồng), so that the two sides cannot drift apart.

**The fingerprint** of year Y is the SHA-256 (hex) of these lines, joined with "\\n",
each a compact JSON array (UTF-8, keys never used, no spaces: ``json.dumps(line,
ensure_ascii=False, separators=(",", ":"))``):

1. every cash document (cash_doc) dated in Y: ``["cash_doc", id, kind, book_code, number,
   doc_date, category, amount, corrects_id]``, ordered by id;
2. every void (cash_doc_void) of those: ``["cash_doc_void", id, doc_id, void_date]``, by id;
3. every bank entry (bank_entry) dated in Y: ``["bank_entry", id, account_id, kind,
   entry_date, category, amount, corrects_id]``, by id;
4. every void (bank_entry_void) of those: ``["bank_entry_void", id, entry_id, void_date]``, by id;
5. every dues payment (dues_payment) on one of those documents or entries:
   ``["dues_payment", doc_id, bank_entry_id, member_id, month, amount]``, ordered by
   those values with null as "" (its id is left out: it follows from them).

Rows with a tombstone (deleted_at) are left out; a missing value is JSON null. An empty
year has the fingerprint of the empty string.

**The totals**, in the books' own terms (the cash book S11-H and the bank book S12-H):
opening and closing cash (the unit's opening balance plus every live document from the
unit's opening date up to 31/12 of Y-1, resp. of Y), opening and closing bank (each
account's opening balance plus its live entries from its own opening date on, summed over
the unit's live accounts), income (live receipts and bank credits and interest of Y,
transfers between cash and bank left out) and spending (live vouchers and bank debits and
fees of Y, transfers left out). So closing cash + bank = opening cash + bank + income −
spending, always."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from protocol.fields import YEAR_EVENTS as YEAR_EVENTS

Row = Mapping[str, Any]

# The tables whose rows make a year's ledger, in the fingerprint's order.
LEDGER_TABLES = ("cash_doc", "cash_doc_void", "bank_entry", "bank_entry_void", "dues_payment")
# What a year's figures also read: the opening balances.
OPENING_TABLES = ("unit", "bank_account")
# Cash documents that move money between the cash box and the bank: neither income nor spending.
CASH_TRANSFER_CATEGORIES = frozenset({"rut_ngan_hang", "nop_ngan_hang"})
BANK_IN = frozenset({"credit", "interest", "deposit"})
BANK_TRANSFERS = frozenset({"deposit", "withdrawal"})


@dataclass(frozen=True)
class YearFigures:
    fingerprint: str
    rows: int  # lines fingerprinted
    cash_opening: int
    cash_closing: int
    bank_opening: int
    bank_closing: int
    income: int
    spending: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _live(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if not r.get("deleted_at")]


def _line(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _in_year(day: Any, year: int) -> bool:
    return isinstance(day, str) and day[:4] == f"{year:04d}"


def year_figures(year: int, tables: Mapping[str, Iterable[Row]]) -> YearFigures:
    """The fingerprint and totals of the year from the unit's rows: `tables` maps each of
    LEDGER_TABLES and OPENING_TABLES to its rows (every row of the unit; rows of other
    years are left out here)."""
    docs = _live(tables.get("cash_doc", ()))
    cash_voids = _live(tables.get("cash_doc_void", ()))
    entries = _live(tables.get("bank_entry", ()))
    bank_voids = _live(tables.get("bank_entry_void", ()))
    payments = _live(tables.get("dues_payment", ()))
    units = _live(tables.get("unit", ()))
    accounts = _live(tables.get("bank_account", ()))

    year_docs = sorted((d for d in docs if _in_year(d.get("doc_date"), year)), key=lambda d: str(d["id"]))
    doc_ids = {d["id"] for d in year_docs}
    year_cash_voids = sorted((v for v in cash_voids if v.get("doc_id") in doc_ids), key=lambda v: str(v["id"]))
    year_entries = sorted((e for e in entries if _in_year(e.get("entry_date"), year)), key=lambda e: str(e["id"]))
    entry_ids = {e["id"] for e in year_entries}
    year_bank_voids = sorted((v for v in bank_voids if v.get("entry_id") in entry_ids), key=lambda v: str(v["id"]))
    year_payments = sorted(
        (p for p in payments if p.get("doc_id") in doc_ids or p.get("bank_entry_id") in entry_ids),
        key=lambda p: tuple("" if p.get(k) is None else str(p.get(k))
                            for k in ("doc_id", "bank_entry_id", "member_id", "month", "amount")))
    lines = (
        [_line(["cash_doc", d["id"], d.get("kind"), d.get("book_code"), d.get("number"), d.get("doc_date"),
                d.get("category"), d.get("amount"), d.get("corrects_id")]) for d in year_docs]
        + [_line(["cash_doc_void", v["id"], v.get("doc_id"), v.get("void_date")]) for v in year_cash_voids]
        + [_line(["bank_entry", e["id"], e.get("account_id"), e.get("kind"), e.get("entry_date"), e.get("category"),
                  e.get("amount"), e.get("corrects_id")]) for e in year_entries]
        + [_line(["bank_entry_void", v["id"], v.get("entry_id"), v.get("void_date")]) for v in year_bank_voids]
        + [_line(["dues_payment", p.get("doc_id"), p.get("bank_entry_id"), p.get("member_id"), p.get("month"),
                  p.get("amount")]) for p in year_payments])
    fingerprint = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

    first, last_before, last = f"{year:04d}-01-01", f"{year - 1:04d}-12-31", f"{year:04d}-12-31"
    voided_docs = {v.get("doc_id") for v in cash_voids}
    voided_entries = {v.get("entry_id") for v in bank_voids}
    unit = units[0] if units else {}
    start = unit.get("opening_date") or "0000-00-00"
    cash_opening = cash_closing = int(unit.get("opening_balance") or 0)
    income = spending = 0
    for d in docs:
        day = d.get("doc_date")
        if d["id"] in voided_docs or not isinstance(day, str) or day < start or day > last:
            continue
        amount = int(d.get("amount") or 0)
        signed = amount if d.get("kind") == "thu" else -amount
        cash_closing += signed
        if day <= last_before:
            cash_opening += signed
        elif day >= first and d.get("category") not in CASH_TRANSFER_CATEGORIES:
            if d.get("kind") == "thu":
                income += amount
            else:
                spending += amount
    bank_opening = bank_closing = 0
    opened = {a["id"]: a.get("opening_date") or "0000-00-00" for a in accounts}
    for a in accounts:
        bank_opening += int(a.get("opening_balance") or 0)
        bank_closing += int(a.get("opening_balance") or 0)
    for e in entries:
        day, account = e.get("entry_date"), e.get("account_id")
        if (e["id"] in voided_entries or account not in opened or not isinstance(day, str)
                or day < opened[account] or day > last):
            continue
        amount = int(e.get("amount") or 0)
        kind = e.get("kind")
        signed = amount if kind in BANK_IN else -amount
        bank_closing += signed
        if day <= last_before:
            bank_opening += signed
        elif day >= first and kind not in BANK_TRANSFERS:
            if kind in BANK_IN:
                income += amount
            else:
                spending += amount
    return YearFigures(fingerprint, len(lines), cash_opening, cash_closing, bank_opening, bank_closing, income,
                       spending)


def latest_events(rows: Iterable[Row]) -> dict[int, Row]:
    """The last live close or reopen event of each year among year_close rows: what says
    whether the year is closed now (its event "close"). Events are ordered by their moment
    (at), then id: two PCs that close or reopen the same year agree on which came last."""
    last: dict[int, Row] = {}
    for r in _live(rows):
        year = r.get("year")
        if not isinstance(year, int):
            continue
        key = (str(r.get("at") or ""), str(r.get("id") or ""))
        old = last.get(year)
        if old is None or key > (str(old.get("at") or ""), str(old.get("id") or "")):
            last[year] = r
    return last

