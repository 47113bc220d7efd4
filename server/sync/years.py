"""Closed years on the server (issue 14, item 11).

A unit's PC closes a year and syncs the close (a year_close row, append-only): from then
on the server refuses rows of the ledger pushed into that year, whichever PC wrote them
(a PC that wrote them before the close but synced after it sees the refusal and keeps the
row, as for every refusal; the chair reopens the year if the row belongs there). The
year's state is the one stored before the push: a push that closes or reopens a year is
not held to it, since the rows before the close in that PC's outbox are the ones the
close counted.

When a close arrives, the server computes the year's fingerprint and totals again from
the rows the unit synced (protocol/ledger.py, the same code the PC ran) and keeps the
result in year_check: the unit's page shows "khớp" or "KHÔNG KHỚP". `congdoan-server
check-years` computes them again (after a restore, or to look for rows altered since)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol.ledger import LEDGER_TABLES, OPENING_TABLES, YearFigures, latest_events, year_figures
from server.base import utcnow
from server.sync.models import Record, YearCheck
from server.sync.refusal import Refusal

# The date a row of the ledger stands at: its own field, and those of the documents it
# names (table, field naming it, that table's date field).
LOCKS: dict[str, tuple[str | None, tuple[tuple[str, str, str], ...]]] = {
    "cash_doc": ("doc_date", ()),
    "bank_entry": ("entry_date", ()),
    "cash_doc_void": ("void_date", (("doc_id", "cash_doc", "doc_date"),)),
    "bank_entry_void": ("void_date", (("entry_id", "bank_entry", "entry_date"),)),
    "dues_payment": (None, (("doc_id", "cash_doc", "doc_date"), ("bank_entry_id", "bank_entry", "entry_date"))),
    "remittance": (None, (("voucher_id", "cash_doc", "doc_date"),)),
    "activity_payment": (None, (("doc_id", "cash_doc", "doc_date"),)),
}
FIGURE_NAMES = {"fingerprint": "dấu vân tay", "rows": "số dòng", "cash_opening": "tồn quỹ đầu năm",
                "cash_closing": "tồn quỹ cuối năm", "bank_opening": "tiền gửi đầu năm",
                "bank_closing": "tiền gửi cuối năm", "income": "tổng thu", "spending": "tổng chi"}


def local_day(at: Any) -> str:
    """dd/mm/yyyy of a stored UTC moment as the office saw it (UTC+7), or the text as is."""
    try:
        moment = datetime.fromisoformat(str(at)[:26])
    except ValueError:
        return str(at)[:10]
    return f"{moment + timedelta(hours=7):%d/%m/%Y}"


def _year_of(day: Any) -> int | None:
    if isinstance(day, str) and len(day) >= 4 and day[:4].isdigit():
        return int(day[:4])
    return None


class YearLocks:
    """The years of a unit closed before this push, and the refusal of rows dated in them."""

    def __init__(self, s: Session, unit_id: int, closed: dict[int, Mapping[str, Any]]) -> None:
        self.s, self.unit_id, self.closed = s, unit_id, closed
        # Rows refused in this push, and why: what names them (a receipt's allocations) goes with them.
        self.refused: dict[str, Refusal] = {}

    @classmethod
    def load(cls, s: Session, unit_id: int, changing: Iterable[Any] = ()) -> YearLocks:
        rows = list(s.scalars(select(Record.data).where(Record.unit_id == unit_id, Record.tbl == "year_close")))
        skip = set(changing)
        closed = {y: ev for y, ev in latest_events(rows).items() if ev.get("event") == "close" and y not in skip}
        return cls(s, unit_id, closed)

    def refusals(self, tbl: str, rows: Sequence[Mapping[str, Any]], touched: Mapping[tuple[str, str], Any],
                 ids: Sequence[str] | None = None) -> dict[int, Refusal]:
        """{index: refusal} of the rows dated in a closed year (rows: the pushed fields; ids:
        their row ids, remembered so that the rows naming them are refused with them)."""
        if not self.closed or tbl not in LOCKS:
            return {}
        own, refs = LOCKS[tbl]
        wanted: dict[str, set[str]] = {}
        for row in rows:
            for field, ref_tbl, _ in refs:
                if isinstance(row.get(field), str):
                    wanted.setdefault(ref_tbl, set()).add(row[field])
        dates: Mapping[tuple[str, Any], Any] = self._dates(wanted, touched)
        out: dict[int, Refusal] = {}
        for i, row in enumerate(rows):
            named = next((self.refused[v] for field, _, _ in refs
                          if isinstance(v := row.get(field), str) and v in self.refused), None)
            if named is not None:
                out[i] = named
                continue
            days = [row.get(own)] if own else []
            days += [dates.get((ref_tbl, row.get(field))) for field, ref_tbl, _ in refs]
            for day in days:
                year = _year_of(day)
                if year is not None and year in self.closed:
                    ev = self.closed[year]
                    out[i] = Refusal("year_closed", (
                        f"Năm {year} đã khoá sổ ngày {local_day(ev.get('at'))} ({ev.get('by_name') or 'chủ tịch'}): "
                        f"chứng từ ngày {str(day)[8:10]}/{str(day)[5:7]}/{year} không được nhận; lập chứng từ điều "
                        "chỉnh trong năm đang mở, hoặc nhờ chủ tịch mở lại sổ năm đó."))
                    break
        if ids is not None:
            self.refused.update((ids[i], r) for i, r in out.items())
        return out

    def _dates(self, wanted: dict[str, set[str]], touched: Mapping[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
        date_field = {"cash_doc": "doc_date", "bank_entry": "entry_date"}
        out: dict[tuple[str, str], Any] = {}
        for tbl, ids in wanted.items():
            missing = []
            for row_id in ids:
                rec = touched.get((tbl, row_id))
                if rec is not None:
                    out[(tbl, row_id)] = rec.data.get(date_field[tbl])
                else:
                    missing.append(row_id)
            for i in range(0, len(missing), 2000):
                for row_id, data in self.s.execute(select(Record.row_id, Record.data).where(
                        Record.unit_id == self.unit_id, Record.tbl == tbl, Record.row_id.in_(missing[i:i + 2000]))):
                    out[(tbl, row_id)] = data.get(date_field[tbl])
        return out


def _differences(close: Mapping[str, Any], ours: YearFigures) -> str:
    found = ours.as_dict()
    return "; ".join(f"{name}: máy {close.get(key)}, máy chủ {found[key]}" for key, name in FIGURE_NAMES.items()
                     if close.get(key) != found[key])


def check(s: Session, unit_id: int, years: Iterable[int] | None = None) -> list[YearCheck]:
    """Compute again the figures of the unit's closed years (those given, else all) from
    its stored rows and keep, per close, whether they are the ones it recorded."""
    wanted = set(years) if years is not None else None
    # Every row of the books (their balances run from the opening dates); the dues
    # allocations only of each year's documents, picked by the database (a large unit has
    # a million of them a year).
    tables: dict[str, list[Mapping[str, Any]]] = {
        t: [] for t in (*LEDGER_TABLES, *OPENING_TABLES, "year_close") if t != "dues_payment"}
    for tbl, data in s.execute(select(Record.tbl, Record.data).where(Record.unit_id == unit_id,
                                                                     Record.tbl.in_(list(tables)))):
        tables[tbl].append(data)
    out = []
    for year, ev in sorted(latest_events(tables["year_close"]).items()):
        if ev.get("event") != "close" or (wanted is not None and year not in wanted):
            continue
        ours = year_figures(year, {**tables, "dues_payment": _payments(s, unit_id, year, tables)})
        differences = _differences(ev, ours)
        row = s.get(YearCheck, (unit_id, ev["id"]))
        if row is None:
            row = YearCheck(unit_id=unit_id, close_id=ev["id"], year=year)
            s.add(row)
        row.matches, row.differences, row.figures, row.checked_at = (
            not differences, differences[:2000], ours.as_dict(), utcnow())
        out.append(row)
    s.flush()
    return out


def _payments(s: Session, unit_id: int, year: int, tables: Mapping[str, list[Mapping[str, Any]]]
              ) -> list[Mapping[str, Any]]:
    """The dues allocations on the year's receipts and bank credits."""
    prefix = f"{year:04d}-"
    wanted = {"doc_id": [str(d.get("id")) for d in tables["cash_doc"] if str(d.get("doc_date") or "").startswith(prefix)],
              "bank_entry_id": [str(e.get("id")) for e in tables["bank_entry"]
                                if str(e.get("entry_date") or "").startswith(prefix)]}
    found: dict[str, Mapping[str, Any]] = {}
    for field, ids in wanted.items():
        for i in range(0, len(ids), 2000):
            for row_id, data in s.execute(select(Record.row_id, Record.data).where(
                    Record.unit_id == unit_id, Record.tbl == "dues_payment",
                    Record.data[field].as_string().in_(ids[i:i + 2000]))):
                found[row_id] = data
    return list(found.values())


def year_lines(s: Session, unit_id: int) -> list[tuple[int, str, bool | None]]:
    """(year, line, matches) of each year the unit ever closed, for its page: the last
    event, and for a close whether the server found the same figures."""
    rows = list(s.scalars(select(Record.data).where(Record.unit_id == unit_id, Record.tbl == "year_close")))
    out: list[tuple[int, str, bool | None]] = []
    for year, ev in sorted(latest_events(rows).items(), reverse=True):
        who = ev.get("by_name") or ""
        if ev.get("event") != "close":
            out.append((year, (f"Năm {year}: đã mở lại sổ ngày {local_day(ev.get('at'))} ({who}), lý do: "
                              f"{ev.get('reason') or ''}"), None))
            continue
        found = s.get(YearCheck, (unit_id, ev["id"]))
        if found is None:
            out.append((year, f"Khoá sổ năm {year}: chưa kiểm tra", None))
        elif found.matches:
            out.append((year, f"Khoá sổ năm {year}: khớp (ngày {local_day(ev.get('at'))}, {who})", True))
        else:
            out.append((year, (f"Khoá sổ năm {year}: KHÔNG KHỚP (ngày {local_day(ev.get('at'))}, {who}) — "
                              f"{found.differences}"), False))
    return out
