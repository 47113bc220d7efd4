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

from sqlalchemy import delete, select, text, tuple_, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from protocol.tables import CURRENT_STATUSES
from server.base import table_of
from server.rollups.models import Rollup
from server.sync.idlist import one_of
from server.sync.models import Record
from server.units.history import END as END_OF_MONTHS
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
    docs = {tbl: Record.data[field].as_string() for tbl, field in VOIDS.items()}
    # Every kind of void in one statement (a round trip fewer in each push that carries
    # payments: issue 15 holds the rollups to 20 % of a push's time).
    for matches in zip(*(one_of(s, doc, ids) for doc in docs.values())):
        found.update(s.scalars(union_all(*(
            select(doc).where(Record.unit_id == unit_id, Record.tbl == tbl, Record.deleted.is_(False), match)
            for (tbl, doc), match in zip(docs.items(), matches)))))
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
    if s.connection().dialect.name == "postgresql" and _apply_on_current_path(s, uid, delta, own):
        return
    paths = paths_at(s, uid, {fact[0] for fact in delta})
    rows = [(unit_id, "t", *fact, v, n) for fact, (v, n) in delta.items() for unit_id in paths[fact[0]]]
    if own:
        rows += [(uid, "o", *fact, v, n) for fact, (v, n) in delta.items()]
    rows.sort()
    upsert(s, rows)


# One round trip on PostgreSQL for what `paths_at` and `upsert` do in three, in the usual
# case: the unit's current path (its materialised `unit.path`), whether anything on it
# moved after the earliest dated month (then the dated paths are needed: nothing is
# written and the caller takes the long way), and the upsert of the rows of every unit on
# the path. Nothing is cached: a move made by another process is seen because the move
# locks the counters of the units it moves and this runs after the push locked its own
# (units/moves.py), in a statement of its own. The rows go in the order `apply` sorts
# them (code point order is "C" collation), so pushes and moves take shared rows alike.
_APPLY_PG = text("""
WITH u AS (
    SELECT path, CAST(string_to_array(trim(BOTH '/' FROM path), '/') AS integer[]) AS ids
    FROM unit WHERE id = :uid
), moved AS (
    SELECT EXISTS (SELECT 1 FROM unit_move, u WHERE unit_move.unit_id = ANY(u.ids)
                   AND unit_move.valid_from > :earliest) AS moved
), fact AS (
    SELECT * FROM unnest(CAST(:months AS text[]), CAST(:metrics AS text[]), CAST(:keys AS text[]),
                         CAST(:vals AS bigint[]), CAST(:ns AS bigint[])) AS f(month, metric, key, value, n)
), line AS (
    SELECT t.unit_id, 't' AS scope, fact.* FROM u, unnest(u.ids) AS t(unit_id), fact
    UNION ALL
    SELECT CAST(:uid AS integer), 'o', fact.* FROM fact WHERE CAST(:own AS boolean)
), written AS (
    INSERT INTO rollup (unit_id, scope, month, metric, key, value, n)
    SELECT line.* FROM line, moved WHERE NOT moved.moved
    ORDER BY line.unit_id, line.scope, line.month COLLATE "C", line.metric COLLATE "C", line.key COLLATE "C"
    ON CONFLICT (unit_id, scope, month, metric, key)
    DO UPDATE SET value = rollup.value + excluded.value, n = rollup.n + excluded.n
)
SELECT moved.moved, u.path FROM u, moved
""")


def _apply_on_current_path(s: Session, uid: int, delta: Delta, own: bool) -> bool:
    """apply() in one statement when no move on the unit's path reaches back to the months
    of the facts; False (and nothing written) when one does."""
    facts_ = list(delta.items())
    dated = [fact[0] for fact, _ in facts_ if fact[0]]
    found = s.execute(_APPLY_PG, {
        "uid": uid, "own": own, "earliest": min(dated) if dated else END_OF_MONTHS,
        "months": [f[0] for f, _ in facts_], "metrics": [f[1] for f, _ in facts_], "keys": [f[2] for f, _ in facts_],
        "vals": [v for _, (v, _n) in facts_], "ns": [n for _, (_v, n) in facts_]}).first()
    if found is None or found[0]:
        return False
    # Facts whose last row went away, as upsert() does.
    if any(n < 0 for _, (_v, n) in facts_):
        units = [(unit_id, "t") for unit_id in _path_ids(found[1])] + ([(uid, "o")] if own else [])
        _drop_emptied(s, [(u, scope, *fact) for u, scope in units for fact, (_v, n) in facts_ if n < 0])
    return True


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


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
    _drop_emptied(s, [r[:5] for r in rows if r[6] < 0])


def _drop_emptied(s: Session, emptied: list[tuple]) -> None:
    for i in range(0, len(emptied), 500):
        s.execute(delete(Rollup).where(Rollup.n == 0, Rollup.value == 0, tuple_(
            Rollup.unit_id, Rollup.scope, Rollup.month, Rollup.metric, Rollup.key).in_(emptied[i:i + 500])))
