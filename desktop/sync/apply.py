"""Applying a pulled page: one transaction, capture silenced, the cursor moved with it.

Fields this device changed and has not yet had acknowledged are left alone: they go
up at the next push and the server's merge decides (the rebase of what is pending).
Documents are insert-only: an existing one only learns its server seq. `touched` lists
the ids of the rows changed in tables that merge; of an insert-only table (documents, a
million month allocations in a first sync) only the table itself."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from typing import Any, NamedTuple

from sqlalchemy.sql.schema import ScalarElementColumnDefault
from uuid6 import uuid7

from desktop.models import bulk_indexes
from desktop.models.chunks import in_chunks
from desktop.models.sync import synced_tables
from desktop.sync import capture
from desktop.sync.rawdb import columns, transaction
from protocol.fields import FIELDS, TEXT
from protocol.limits import strip_control
from protocol.tables import CONFLICT_TABLE, INSERT_ONLY, VOIDS

# Local columns a pulled row does not carry, with the values a new row starts with;
# the services' hook fills the real ones (search keys) in the same transaction.
_TABLES = {t.name: t for t in synced_tables()}
CONFLICT_COLUMNS = ("id", "tbl", "row_id", "field", "kept_value", "lost_value", "kept_device", "lost_device",
                    "kept_hlc", "lost_hlc", "created_at")

Touched = dict[str, set[str]]
# The after hook: the page's connection, the rows it touched, and of those the rows whose
# local values were worked out as they were inserted (LocalValues), which it may skip.
AfterApply = Callable[[sqlite3.Connection, Touched, Touched], None]
Columns = dict[str, list[Any]]  # a table's pulled values, field by field
# Local columns of new rows worked out before they are inserted (a member's search keys),
# so that a first sync writes each row once, not again in the after hook: given the
# table and a way to read the new rows' pulled values of a field (None: the page has no
# such field), {column: values} ({} for a table that has none, or when a field is
# missing). The after hook is told which rows got them, and need not work them out again.
LocalValues = Callable[[str, Callable[[str], Sequence[Any] | None]], dict[str, Sequence[Any]]]
Page = Sequence[tuple[str, Sequence[str], list[int], Columns]]  # protocol.page_rows: tbl, ids, seqs, columns
Pending = dict[tuple[str, str], set[str]]  # (tbl, row id) → the fields changed here, not yet acknowledged


class Change(NamedTuple):
    """One pulled row for the careful path (row by row, in seq order)."""

    tbl: str
    row_id: str
    seq: int
    data: dict[str, Any]


@dataclass
class PageResult:
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    problems: list[str] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)


def _local_defaults(table_name: str, present: set[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for col in _TABLES[table_name].columns:
        if col.name in present or col.nullable or col.primary_key:
            continue
        default = col.default
        if isinstance(default, ScalarElementColumnDefault):
            out[col.name] = default.arg
    return out


def _pending(conn: sqlite3.Connection, keys: Iterable[str]) -> Pending:
    pending: Pending = defaultdict(set)
    for chunk, marks in in_chunks(list(set(keys))):
        for tbl, row_id, fields in conn.execute(
                f"SELECT tbl, row_id, fields FROM sync_outbox WHERE rejected IS NULL AND row_id IN ({marks})", chunk):
            pending[(tbl, row_id)] |= set(fields.split(","))
    return pending


def _apply_one(conn: sqlite3.Connection, change: Change, cols: dict[str, list[str]], pending: Pending,
               touched: Touched, result: PageResult) -> None:
    tbl, row_id, seq, data = change
    if tbl == CONFLICT_TABLE:
        conflict = [data.get(c) for c in CONFLICT_COLUMNS]
        conflict[0] = row_id
        cur = conn.execute(f"INSERT OR IGNORE INTO sync_conflict({','.join(CONFLICT_COLUMNS)}) "
                           f"VALUES ({','.join('?' * len(CONFLICT_COLUMNS))})", conflict)
        result.conflicts += cur.rowcount
        return
    if tbl not in _TABLES:  # a newer server's table: this version keeps nothing of it
        result.skipped += 1
        return
    if tbl not in cols:
        cols[tbl] = columns(conn, tbl)
    local = cols[tbl]
    mine = pending.get((tbl, row_id), set())
    if "*" in mine:  # our own insert, not yet acknowledged: ours is the newer copy
        result.skipped += 1
        return
    exists = conn.execute(f"SELECT 1 FROM {tbl} WHERE id = ?", (row_id,)).fetchone() is not None
    if exists:
        if tbl in INSERT_ONLY:
            conn.execute(f"UPDATE {tbl} SET server_seq = ? WHERE id = ?", (seq, row_id))
        else:
            names = [c for c in local if c in data and c not in mine and c not in ("id", "server_seq")]
            conn.execute(f"UPDATE {tbl} SET {', '.join(f'{c} = ?' for c in names + ['server_seq'])} WHERE id = ?",
                         [data[c] for c in names] + [seq, row_id])
    else:
        names = [c for c in local if c in data and c != "server_seq"]
        row: dict[str, object] = {c: data[c] for c in names}
        row.update(_local_defaults(tbl, set(names) | {"server_seq"}))
        row["server_seq"] = seq
        conn.execute(f"INSERT INTO {tbl}({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
    touched[tbl].add(row_id)
    result.applied += 1


def _clean_text(value: object, multiline: bool) -> object:
    """Pulled text as every other way in leaves it: NFC, no control characters (tab and
    newline kept where the field holds several lines). Another PC's version, or a row
    stored before the server checked, may not be. A list or an object where text belongs
    (a poisoned row) is dropped: it cannot be stored and must not stop the sync."""
    if type(value) is not str:
        return None if isinstance(value, (list, dict)) else value
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if value.isprintable():
        return value  # the usual case: no control character, nothing more to look at
    return strip_control(value, multiline=multiline)


_NFC = partial(unicodedata.is_normalized, "NFC")
_TEXT_OR_NULL = frozenset({str, type(None)})


def _already_clean(values: list[Any]) -> bool:
    """A whole column that _clean_text would leave as it is, checked by loops in C (a first
    sync is half a million texts): only texts and nulls, all printable (so no control
    character), all NFC (ASCII always is). Anything else goes value by value."""
    kinds = set(map(type, values))
    if not kinds <= _TEXT_OR_NULL:
        return False
    texts = list(filter(None, values)) if type(None) in kinds else values
    joined = "".join(texts)
    return joined.isprintable() and (joined.isascii() or all(map(_NFC, texts)))


def _cleaned(tbl: str, cols: Columns) -> Columns:
    specs = FIELDS.get(tbl)
    if not specs:
        return cols
    for name, values in cols.items():
        spec = specs.get(name)
        if spec is not None and spec.kind == TEXT and not _already_clean(values):
            cols[name] = [_clean_text(v, spec.multiline) for v in values]
    return cols


def _existing(conn: sqlite3.Connection, tbl: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in in_chunks(ids):
        found.update(r[0] for r in conn.execute(f"SELECT id FROM {tbl} WHERE id IN ({marks})", chunk))
    return found


def _try_many(conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[object]]) -> bool:
    """executemany inside a savepoint: all of them, or none and False (then row by row)."""
    conn.execute("SAVEPOINT bulk")
    try:
        conn.executemany(sql, rows)
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO bulk")
        conn.execute("RELEASE bulk")
        return False
    conn.execute("RELEASE bulk")
    return True


def _change(tbl: str, row_ids: Sequence[str], seqs: list[int], cols: Columns, i: int) -> Change:
    data = {name: values[i] for name, values in cols.items()}
    data["id"] = row_ids[i]
    return Change(tbl, row_ids[i], seqs[i], data)


def _insert_new(conn: sqlite3.Connection, tbl: str, columns: dict[str, Sequence[Any]], names: list[str], local: list[str],
                new: Sequence[int], n: int, touched: Touched, worked: Touched, result: PageResult,
                local_values: LocalValues | None) -> bool:
    """Insert the rows `new` (of the page's n) in one executemany; False if any could not
    be (then none is: the caller sends them the careful way)."""

    def pick(name: str) -> Sequence[Any]:
        values = columns[name]
        return values if len(new) == n else [values[i] for i in new]

    insert = ["id", *names, "server_seq"]
    worked_out = local_values(tbl, lambda name: pick(name) if name in columns else None) \
        if local_values is not None else {}
    worked_out = {c: v for c, v in worked_out.items() if c in local and c not in insert}
    defaults = _local_defaults(tbl, set(names) | {"id", "server_seq"} | set(worked_out))
    named = insert + list(worked_out) + list(defaults)
    sql = f"INSERT INTO {tbl}({', '.join(named)}) VALUES ({', '.join('?' * len(named))})"
    rows = zip(*(pick(c) for c in insert), *worked_out.values(), *(repeat(v) for v in defaults.values()))
    if not _try_many(conn, sql, rows):
        return False
    result.applied += len(new)
    if tbl not in INSERT_ONLY:
        touched[tbl].update(pick("id"))
    if worked_out:
        worked[tbl].update(pick("id"))
    return True


def _apply_bulk(conn: sqlite3.Connection, tbl: str, row_ids: Sequence[str], seqs: list[int], cols: Columns,
                local: list[str], pending: Pending, touched: Touched, worked: Touched, result: PageResult,
                local_values: LocalValues | None = None, bulk_load: bool = False) -> list[Change]:
    """Apply in bulk, column by column, the rows nobody here is changing; return the rest
    (as {tbl, row_id, seq, data}) for the careful path. A first sync of a large unit is a
    million rows: no dict per row on the way, one executemany per kind of statement.
    bulk_load (a snapshot's chunk, but its last): an empty table's plain indexes are set
    aside (desktop.models.bulk_indexes; the last chunk makes them again), and the rows are
    tried as all new before any is looked up (a snapshot has each row once: the chunks
    before filled the table with other rows); if one is there, they are looked up."""
    n = len(row_ids)
    if tbl in INSERT_ONLY:
        touched[tbl]  # the table, not its ids: a first sync brings a million allocations
    empty = conn.execute(f"SELECT NOT EXISTS(SELECT 1 FROM {tbl})").fetchone()[0]
    if empty and bulk_load:
        bulk_indexes.set_aside(conn, tbl)
    names = [c for c in local if c in cols and c not in ("id", "server_seq")]
    columns: dict[str, Sequence[Any]] = {**cols, "id": row_ids, "server_seq": seqs}
    if not pending and (empty or bulk_load):  # a first sync: all new (derived ids are made as they are inserted)
        if _insert_new(conn, tbl, columns, names, local, range(n), n, touched, worked, result, local_values):
            return []
        if empty:
            return sorted((_change(tbl, row_ids, seqs, cols, i) for i in range(n)), key=lambda c: c.seq)
    row_ids = columns["id"] = list(row_ids)  # derived ids made once
    mine = {i for i, r in enumerate(row_ids) if pending.get((tbl, r))} if pending else set()
    existing = set() if empty else _existing(conn, tbl, row_ids)
    new = [i for i in range(n) if i not in mine and row_ids[i] not in existing]
    old = [i for i in range(n) if i not in mine and row_ids[i] in existing]
    careful = [_change(tbl, row_ids, seqs, cols, i) for i in sorted(mine)]
    if new and not _insert_new(conn, tbl, columns, names, local, new, n, touched, worked, result, local_values):
        careful += [_change(tbl, row_ids, seqs, cols, i) for i in new]
    if old:
        sets = ["server_seq"] if tbl in INSERT_ONLY else [*names, "server_seq"]
        sql = f"UPDATE {tbl} SET {', '.join(f'{c} = ?' for c in sets)} WHERE id = ?"
        if _try_many(conn, sql, zip(*([columns[c][i] for i in old] for c in [*sets, "id"]))):
            result.applied += len(old)
            if tbl not in INSERT_ONLY:
                touched[tbl].update(row_ids[i] for i in old)
        else:
            careful += [_change(tbl, row_ids, seqs, cols, i) for i in old]
    careful.sort(key=lambda c: c.seq)
    return careful


# A page with this many rows of one table is applied with that table's capture and
# audit triggers lifted (capture.lifted): silent triggers still cost ~25 µs a row, and a
# first sync of a large unit is a million rows.
BULK_ROWS = 500


def _same_void(conn: sqlite3.Connection, change: Change) -> bool:
    key = VOIDS.get(change.tbl)
    return key is not None and conn.execute(
        f"SELECT 1 FROM {change.tbl} WHERE {key} = ? AND id <> ?",
        (change.data.get(key), change.row_id)).fetchone() is not None


# A page this large is applied with a larger page cache (random ids land all over the
# indexes: a million allocations insert twice as fast with it), given back after.
BIG_PAGE = 50_000
BIG_CACHE_KIB = 200_000


@contextmanager
def larger_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """The larger page cache for the block (a large page, or a whole snapshot: its chunks
    are pages of 10,000 rows, but the tables they fill grow to hundreds of thousands of
    rows, whose indexes no longer fit the usual cache), given back after."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    if cache == -BIG_CACHE_KIB:  # already (a large page inside a snapshot)
        yield
        return
    conn.execute(f"PRAGMA cache_size = -{BIG_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")


def apply_page(conn: sqlite3.Connection, tables: Page, cursor: int, last_seq: int,
               after: AfterApply | None = None, local_values: LocalValues | None = None,
               bulk_load: bool = False) -> PageResult:
    """Apply one decoded pull page (protocol.page_rows): every table's rows, then the cursor.
    bulk_load: a snapshot's chunk that is not its last (_apply_bulk); any other page makes
    again, in its transaction, the indexes that chunks before set aside."""
    result = PageResult()
    size = sum(len(t[1]) for t in tables)
    touched: Touched = defaultdict(set)
    worked: Touched = defaultdict(set)  # inserted with their local values worked out
    with larger_cache(conn) if size >= BIG_PAGE else nullcontext():
        with transaction(conn, foreign_keys=False):
            with capture.silenced(conn):
                _apply_tables(conn, tables, touched, worked, result, local_values, bulk_load)
                if not bulk_load:
                    bulk_indexes.restore(conn)
                if after is not None and touched:
                    after(conn, touched, worked)  # local caches (search keys): silent like the page itself
            conn.execute("UPDATE sync_state SET cursor = ?, target_seq = ? WHERE id = 1", (cursor, last_seq))
    result.touched = dict(touched)
    return result


def _apply_tables(conn: sqlite3.Connection, tables: Page, touched: Touched, worked: Touched, result: PageResult,
                  local_values: LocalValues | None = None, bulk_load: bool = False) -> None:
    """Every table's rows in bulk where nobody here is changing them, then the rest row by row."""
    outbox_busy = conn.execute("SELECT EXISTS(SELECT 1 FROM sync_outbox WHERE rejected IS NULL)").fetchone()[0]
    pending = _pending(conn, (r for t in tables for r in t[1])) if outbox_busy else {}
    cols: dict[str, list[str]] = {}
    careful: list[Change] = []
    # The large tables' triggers lifted together, once for the page: each lifting and
    # restoring changes the schema, which every statement after reads again.
    large = [tbl for tbl, row_ids, _, _ in tables if tbl in _TABLES and len(row_ids) >= BULK_ROWS]
    with capture.lifted(conn, large, silent=True) if large else nullcontext():
        for tbl, row_ids, seqs, values in tables:
            values = _cleaned(tbl, values)
            if tbl in _TABLES:
                cols[tbl] = columns(conn, tbl)
                careful += _apply_bulk(conn, tbl, row_ids, seqs, values, cols[tbl], pending, touched, worked, result,
                                       local_values, bulk_load)
            else:  # conflicts, and tables of a newer server
                careful += [_change(tbl, row_ids, seqs, values, i) for i in range(len(row_ids))]
    careful.sort(key=lambda c: c.seq)
    for change in careful:
        conn.execute("SAVEPOINT one")
        try:
            _apply_one(conn, change, cols, pending, touched, result)
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK TO one")
            if _same_void(conn, change):
                # Voided here too, before the other PC's void arrived: the receipt is
                # void either way; ours was refused by the server and says so.
                result.skipped += 1
                conn.execute("RELEASE one")
                continue
            # One row that cannot be stored must not stop the sync for ever: keep it
            # visible to the user among the things to review, and go on.
            result.problems.append(f"{change.tbl} {change.row_id}: {exc}")
            conn.execute(f"INSERT OR IGNORE INTO sync_conflict({','.join(CONFLICT_COLUMNS)}) "
                         f"VALUES (?, ?, ?, '*', ?, NULL, 'máy chủ', NULL, NULL, NULL, datetime('now'))",
                         (str(uuid7()), change.tbl, change.row_id, str(exc)))
        conn.execute("RELEASE one")
