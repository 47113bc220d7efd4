"""The rollups (rollups/models.py): what one stored row adds to them and the change a push
makes (the rebuild from the stored rows is rollups/rebuild.py's).

Both go through `facts()`: the push subtracts what a row added before and adds what
it adds now; the rebuild adds up what every stored row adds. A receipt, a payment or a
remittance whose document was voided adds nothing, so a void arriving subtracts what its
document's rows had added; dues paid by transfer stand on their bank credit, and a void
of that credit takes them out the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from protocol.tables import CURRENT_STATUSES
from server.base import table_of
from server.rollups.models import Rollup
from server.sync.idlist import one_of
from server.sync.models import Record
from server.units.history import paths_at
from server.units.models import Unit

Fact = tuple[str, str, str]  # (month, metric, key)
# value and row count of each fact
Delta = dict[Fact, list[int]]

# The rows whose document may be voided, and the fields that name it: a cash document,
# or for dues paid by transfer the bank book's credit that brought them (migration 0014).
# Cash documents and bank entries have ids of one kind (UUIDs), so one set holds both.
VOIDABLE = {"cash_doc": ("id",), "dues_payment": ("doc_id", "bank_entry_id"), "remittance": ("voucher_id",)}
# The voids, and the field that names the document each takes out.
VOIDS = {"cash_doc_void": "doc_id", "bank_entry_void": "entry_id"}
TABLES = frozenset({"member", "member_event", "dues_month", "activity", *VOIDABLE})
_MONTH = re.compile(r"^\d{4}-\d{2}")
KEY_LEN = 100


def _month(value) -> str:
    return value[:7] if isinstance(value, str) and _MONTH.match(value) else ""


def _key(value) -> str:
    return "" if value is None else str(value)[:KEY_LEN]


def _money(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def doc_of(tbl: str, data: Mapping) -> str | None:
    for field in VOIDABLE.get(tbl, ()):  # the first one set, as COALESCE in the set-wise rebuild
        doc = data.get(field)
        if doc is not None:
            return doc
    return None


def voided_doc(tbl: str, data: Mapping) -> str | None:
    """The document a void row takes out; None for any other row."""
    field = VOIDS.get(tbl)
    return data.get(field) if field else None


def facts(tbl: str, data: Mapping | None, voided: bool = False) -> list[tuple[Fact, int]]:
    """What one stored row adds: [((month, metric, key), value)], each with one row behind it."""
    if data is None or tbl not in TABLES or data.get("deleted_at") is not None or voided:
        return []
    if tbl == "member":
        status = data.get("status") or "active"  # a member without a status is active
        out = [(("", "status", _key(status)), 1)]
        if status in CURRENT_STATUSES:
            birth = data.get("birth_date")
            out += [(("", "gender", _key(data.get("gender") or "?")), 1),
                    (("", "group", _key(data.get("group_id"))), 1),
                    (("", "ethnicity", _key(data.get("ethnicity"))), 1),
                    (("", "birth_year", birth[:4] if isinstance(birth, str) and birth[:4].isdigit() else ""), 1)]
        return out
    if tbl == "member_event":  # admissions, transfers in and out, leavers… of the month
        return [((_month(data.get("event_date")), "event", _key(data.get("kind"))), 1)]
    if tbl == "dues_month":  # what the unit's dues came to, as its PCs computed it
        return [((_month(data.get("month")), "due", ""), _money(data.get("due")))]
    if tbl == "dues_payment":
        return [((_month(data.get("month")), "collected", ""), _money(data.get("amount")))]
    if tbl == "remittance":
        return [((_month(data.get("period_to")), "remitted", ""), _money(data.get("amount")))]
    if tbl == "cash_doc":  # money in and out by category, in the month of the document
        return [((_month(data.get("doc_date")), "cash_" + _key(data.get("kind"))[:10], _key(data.get("category"))),
                 _money(data.get("amount")))]
    return [((_month(data.get("start_date")), "activity", _key(data.get("kind"))), 1)]


def add(delta: Delta, found: Iterable[tuple[Fact, int]], sign: int) -> None:
    for fact, value in found:
        acc = delta.setdefault(fact, [0, 0])
        acc[0] += sign * value
        acc[1] += sign


def _voids(s: Session, unit_id: int, doc_ids: set) -> set[str]:
    """Which of these documents a stored void voids."""
    ids = [d for d in doc_ids if isinstance(d, str)]
    found: set[str] = set()
    for tbl, field in VOIDS.items():
        doc = Record.data[field].as_string()
        for match in one_of(s, doc, ids):
            found.update(s.scalars(select(doc).where(Record.unit_id == unit_id, Record.tbl == tbl,
                                                     Record.deleted.is_(False), match)))
    return found


def _rows_of_docs(s: Session, unit_id: int, doc_ids: list[str]) -> list[tuple[str, str, dict]]:
    """The live stored rows that a void of these documents takes out."""
    out = []
    for tbl, fields in VOIDABLE.items():
        for field in fields:
            column = Record.row_id if field == "id" else Record.data[field].as_string()
            for match in one_of(s, column, doc_ids):
                out += [(tbl, row_id, data) for row_id, data in s.execute(
                    select(Record.row_id, Record.data).where(Record.unit_id == unit_id, Record.tbl == tbl,
                                                             Record.deleted.is_(False), match))]
    return out


def push_delta(s: Session, unit_id: int, before: Mapping[tuple[str, str], dict | None],
               after: Mapping[tuple[str, str], dict]) -> Delta:
    """The change to a unit's rollups when a push turns the stored rows `before` (None: new)
    into `after`; read before the push writes its rows."""
    keys = [k for k in after if k[0] in TABLES or k[0] in VOIDS]
    new_voids = {voided_doc(k[0], after[k]) for k in keys
                 if k[0] in VOIDS and before.get(k) is None and after[k].get("deleted_at") is None}
    new_voids.discard(None)
    docs = {doc_of(k[0], d) for k in keys for d in (before.get(k), after[k]) if d is not None} | new_voids
    docs.discard(None)
    voided = _voids(s, unit_id, docs) if docs else set()
    delta: Delta = {}
    for k in keys:
        if k[0] not in TABLES:
            continue
        old, new = before.get(k), after[k]
        add(delta, facts(k[0], old, old is not None and doc_of(k[0], old) in voided), -1)
        add(delta, facts(k[0], new, doc_of(k[0], new) in voided or doc_of(k[0], new) in new_voids), +1)
    fresh = sorted(d for d in new_voids - voided if isinstance(d, str))
    if fresh:
        for tbl, row_id, data in _rows_of_docs(s, unit_id, fresh):
            if (tbl, row_id) not in after:
                add(delta, facts(tbl, data), -1)
    return {f: v for f, v in delta.items() if v != [0, 0]}


def apply(s: Session, unit: Unit | int, delta: Delta, own: bool = True) -> None:
    """Adds a unit's change to its own rollups and to the sub-tree rollups of the unit and
    every unit above it in the month of each fact (units/history.py: a unit moved by
    decision counts under its old parent for the months before the move). Rows are written
    in one global order (unit, scope, fact), so two pushes of units under one parent take
    the parent's rows in the same order (no deadlock)."""
    if not delta:
        return
    uid = unit if isinstance(unit, int) else unit.id
    paths = paths_at(s, uid, {fact[0] for fact in delta})
    rows = [(unit_id, "t", *fact, v, n) for fact, (v, n) in delta.items() for unit_id in paths[fact[0]]]
    if own:
        rows += [(uid, "o", *fact, v, n) for fact, (v, n) in delta.items()]
    rows.sort()
    upsert(s, rows)


def upsert(s: Session, rows: list[tuple]) -> None:
    if not rows:
        return
    table = table_of(Rollup)
    stmt: postgresql.Insert | sqlite.Insert = (
        postgresql.insert(table) if s.connection().dialect.name == "postgresql" else sqlite.insert(table))
    stmt = stmt.on_conflict_do_update(
        index_elements=["unit_id", "scope", "month", "metric", "key"],
        set_={"value": table.c.value + stmt.excluded.value, "n": table.c.n + stmt.excluded.n})
    names = ("unit_id", "scope", "month", "metric", "key", "value", "n")
    conn = s.connection()
    for i in range(0, len(rows), 5000):
        conn.execute(stmt, [dict(zip(names, r)) for r in rows[i:i + 5000]])
    # Facts whose last row went away (only those this change took something from).
    emptied = [r[:5] for r in rows if r[6] < 0]
    for i in range(0, len(emptied), 500):
        s.execute(delete(Rollup).where(Rollup.n == 0, Rollup.value == 0, tuple_(
            Rollup.unit_id, Rollup.scope, Rollup.month, Rollup.metric, Rollup.key).in_(emptied[i:i + 500])))
