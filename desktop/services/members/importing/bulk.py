"""Writing the previewed members and their first events in bulk, inside the import's
transaction: staged in a TEMP table a batch at a time and copied in set-wise, with the
sync capture queued set-wise too (desktop.sync.capture)."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, fields
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import Column, Connection, Table
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from desktop.models import Base, MemberEvent, utcnow
from desktop.services.core.errors import ImportFileError
from desktop.services.core.statuses import EVENT_KINDS
from desktop.services.members.importing.rows import PreviewRow, RowKey, row_key
from desktop.services.members.rules import MemberInput, member_keys, member_keys_many
from desktop.sync import capture

REBUILD_INDEXES_FROM = 20_000  # new rows from which the member indexes are rebuilt, not updated
INPUT_FIELDS = tuple(f.name for f in fields(MemberInput) if f.name != "first_event")
_ROW_NUMBER, _SHEET = (itemgetter(PreviewRow._fields.index(f)) for f in ("row_number", "sheet"))
_STATUS_AFTER = {kind: k.to_status for kind, k in EVENT_KINDS.items()}


def new_ids(n: int) -> list[str]:
    """n UUIDv7 like models.new_id() makes one by one, at a fraction of the cost: this
    millisecond, then 74 bits counted up from a random start, so unique and in order."""
    ms = (time.time_ns() // 1_000_000) & 0xFFFF_FFFF_FFFF
    start = secrets.randbits(72)
    head = (ms << 80) | (0x7 << 76)  # 48 bits of milliseconds, version 7
    out: list[str] = []
    r, end = start, start + n
    while r < end:
        # Only the last group (the low 48 bits of the count) changes within a run of
        # the same higher bits: the first four groups are written once per run.
        stop = min(end, ((r >> 48) + 1) << 48)
        h = f"{head | ((r >> 62) << 64):032x}"
        fourth = (0b10 << 14) | ((r >> 48) & 0x3FFF)  # RFC 4122 variant, then 14 bits of the count
        prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{fourth:04x}-"
        low = r & 0xFFFF_FFFF_FFFF
        out += [f"{prefix}{x:012x}" for x in range(low, low + stop - r)]
        r = stop
    return out


STAGE = "member_import_stage"  # a TEMP table of the writing connection
MEMBER: Table = Base.metadata.tables["member"]
EVENT: Table = Base.metadata.tables[MemberEvent.__tablename__]


class Copy(NamedTuple):
    sql: str  # INSERT … SELECT from the TEMP table
    params: list[Any]
    id_expr: str | None  # the staged column that holds the copied rows' ids


class BulkWriter:
    """INSERTs of new members and their first events inside the caller's transaction,
    a batch at a time.

    Each batch is bound once into a TEMP table (no types, so every value keeps the
    storage class it was bound with), then copied into member and member_event by one
    INSERT … SELECT each. SQLite runs a statement's per-statement work (the statement
    journal, AUTOINCREMENT bookkeeping of tables written by triggers, such as the sync
    capture's outbox) once per batch instead of once per row. The insert triggers of both
    tables are lifted (desktop.sync.capture) and the outbox rows they would have queued
    are queued set-wise with each batch, in the rows' order. A member's first event is
    copied from the same staged row (its id, joined date), so nothing is bound twice; values that are the same for the
    whole batch (timestamps, device) are parameters of the copy, not bound per row.

    Built column by column from the table definitions, with SQLAlchemy's own conversions
    of dates, timestamps and booleans, so the rows are exactly what the ORM would write;
    columns that are NULL in every row of a batch are left out of the statements.

    When the new rows are many and at least as many as the rows already there, the
    member table's secondary indexes are dropped first and made again by finish(), from
    their own CREATE INDEX text: SQLite builds an index from sorted keys in a fraction of
    the time it takes to insert 100,000 keys one by one into it. It is all one
    transaction: a rollback, a cancel or a killed process leaves the tables and indexes
    exactly as they were, and the TEMP table goes with the connection's transaction."""

    def __init__(self, conn: Connection, device_id: str, expected: int,
                 group_ids: dict[str, str] | None = None) -> None:
        self.conn = conn
        self.device = device_id
        self.group_ids = group_ids or {}  # the new groups' ids in the preview → their real ids
        dialect = conn.dialect
        self.procs: dict[tuple[str, str], Callable[[Any], Any]] = {}
        self.kinds: dict[tuple[str, str], str] = {}  # how a column converts its values: one staged column serves two alike
        for table in (MEMBER, EVENT):
            for c in table.columns:
                proc = c.type.dialect_impl(dialect).bind_processor(dialect)
                if proc:
                    self.procs[(table.name, c.name)] = proc
                self.kinds[(table.name, c.name)] = repr(c.type)
        self.memos: dict[tuple[str, str], _Converted] = {}
        self.get_inputs = itemgetter(*INPUT_FIELDS)  # from a MemberInput's __dict__
        self.sort_keys: dict[str, str] = {}  # by folded name: names repeat down a list
        self.dropped: list[str] = []
        if expected >= REBUILD_INDEXES_FROM:
            existing = conn.exec_driver_sql("SELECT count(*) FROM member").scalar_one()
            if expected >= existing:
                indexes = conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'member' "
                    "AND sql IS NOT NULL").all()  # sql is NULL for the primary key's own index
                for name, sql in indexes:
                    conn.exec_driver_sql(f'DROP INDEX "{name}"')
                    self.dropped.append(sql)
        # The per-row insert triggers of both tables (the sync capture, the audit log that
        # bulk_begin() has silenced) are lifted; copy() queues the outbox rows set-wise
        # instead, in the order the triggers would have. 1.1 s of 100,000 members' commit
        # was triggers firing row by row. Made again by finish(), in the same transaction.
        self.raw = cast(sqlite3.Connection, conn.connection.driver_connection)
        self.lifted = capture.lift(self.raw, ("member", "member_event"), inserts_only=True)
        self.capturing = self.lifted.capturing
        width = len(MEMBER.columns) + len(EVENT.columns)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{STAGE}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {STAGE} ({', '.join(f'c{i}' for i in range(width))})")

    def finish(self) -> None:
        for sql in self.dropped:
            self.conn.exec_driver_sql(sql)
        self.dropped = []
        self.lifted.restore()
        self.conn.exec_driver_sql(f"DROP TABLE temp.{STAGE}")

    def _convert(self, table: Table, name: str, values: Any) -> Any:
        proc = self.procs.get((table.name, name))
        if proc is None:
            return values
        if not isinstance(values, (list, tuple)):
            return None if values is None else proc(values)
        memo = self.memos.get((table.name, name))
        if memo is None:  # dates repeat: each converted once, looked up after
            memo = self.memos[(table.name, name)] = _Converted(proc)
        return list(map(memo.__getitem__, values))

    def _copy(self, table: Table, columns: Mapping[str, Any], n: int, stage: _Stage) -> Copy:
        """The INSERT … SELECT that copies the staged rows into table, and its parameters."""
        names: list[str] = []
        exprs: list[str] = []
        params: list[Any] = []
        for c in table.columns:
            v = columns[c.name] if c.name in columns else _default(c, n)
            if isinstance(v, (list, tuple)):
                staged = stage.names.get((id(v), self.kinds[(table.name, c.name)]))
                if staged is not None:  # the same values, staged for the other table
                    exprs.append(staged)
                    names.append(c.name)
                    continue
                converted = self._convert(table, c.name, v)
                first = converted[0]
                # The same value in every row of the batch (None: the column is left out; a
                # status, an ID type: one parameter of the copy, not bound row by row).
                # Same type too: 1, 1.0 and True are equal but not stored alike. The
                # primary key is always staged: the staged rows are the rows copied.
                if (c.primary_key or converted.count(first) < n
                        or (first is not None and len(set(map(type, converted))) > 1)):
                    exprs.append(stage.add(v, converted, self.kinds[(table.name, c.name)]))
                    names.append(c.name)
                    continue
                if first is None:
                    continue
                exprs.append("?")
                params.append(first)
            else:
                v = self._convert(table, c.name, v)
                if v is None:
                    continue
                exprs.append("?")
                params.append(v)
            names.append(c.name)
        return Copy(f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(exprs)} "
                    f"FROM temp.{STAGE} ORDER BY rowid", params, exprs[names.index("id")])

    def prepare(self, rows: Sequence[PreviewRow], folded: Mapping[RowKey, str]) -> Batch:
        """The staged columns and the copy statements of one batch (Python work only)."""
        n = len(rows)
        values = cast(list[MemberInput], [r.value for r in rows])  # importable rows: each has its value
        now = utcnow()
        ids = new_ids(n)
        cols: dict[str, Any] = dict(zip(INPUT_FIELDS, zip(*map(self.get_inputs, map(vars, values)))))
        if self.group_ids:
            get = self.group_ids.get
            cols["group_id"] = [get(g, g) for g in cols["group_id"]]
        # A row's key in folded is its number, with its sheet only when a workbook is read sheet by sheet.
        keys = map(row_key, rows) if any(map(_SHEET, rows)) else map(_ROW_NUMBER, rows)
        search, sort, dup = member_keys_many(values, map(folded.get, keys), self.sort_keys)
        kinds = [v.first_event for v in values]
        cols.update(id=ids, created_at=now, updated_at=now, deleted_at=None, server_seq=None,
                    device_id=self.device, status=list(map(_STATUS_AFTER.__getitem__, kinds)),
                    search_key=search, sort_key=sort, dup_key=dup)
        events = dict(id=new_ids(n), member_id=ids, kind=kinds, event_date=cols["joined_date"], reason=None,
                      decision_number=None, seq=1, created_at=now, updated_at=now, deleted_at=None,
                      server_seq=None, device_id=self.device)
        stage = _Stage()
        copies = [self._copy(MEMBER, cols, n, stage), self._copy(EVENT, events, n, stage)]
        if self.capturing:
            copies += [self._capture(table.name, copy.id_expr, offset * n)
                       for offset, (table, copy) in enumerate(zip((MEMBER, EVENT), copies))]
        width = len(stage.columns)
        sql = (f"INSERT INTO temp.{STAGE} ({', '.join(f'c{i}' for i in range(width))}) "
               f"VALUES ({', '.join('?' * width)})")
        return Batch(sql, list(zip(*stage.columns)), tuple(copies))

    @staticmethod
    def _capture(tbl: str, id_expr: str | None, offset: int) -> Copy:
        """The outbox rows the capture trigger would have queued for the staged rows."""
        assert id_expr is not None  # the primary key is always staged
        sql, params = capture.queue_copied(tbl, id_expr, f"temp.{STAGE}", offset)
        return Copy(sql, list(params), None)

    def stage(self, batch: Batch) -> None:
        """The batch's rows into the TEMP table (binding the values needs the GIL), through
        the driver's own executemany: SQLAlchemy's wrapper adds nothing here but time."""
        self.raw.executemany(batch.sql, batch.rows)

    def copy(self, batch: Batch) -> None:
        """The staged rows into member and member_event, then the TEMP table emptied."""
        execute = self.conn.exec_driver_sql
        # The clock ticks once for the batch; each row, member then event, takes the next value.
        with capture.stamping(self.raw, 2 * len(batch.rows)) if self.capturing else nullcontext():
            for sql, params, _id in batch.copies:
                if params:
                    execute(sql, tuple(params))
                else:
                    execute(sql)
        execute(f"DELETE FROM temp.{STAGE}")


@dataclass(frozen=True)
class Batch:
    sql: str  # INSERT into the TEMP table
    rows: list[tuple[Any, ...]]
    copies: tuple[Copy, ...]


class _Stage:
    """The columns of one staged batch: a column of values given twice (a member's id is
    its event's member_id) is staged once, when both columns convert it alike."""

    def __init__(self) -> None:
        self.columns: list[list[Any]] = []
        self.names: dict[tuple[int, str], str] = {}
        self.given: list[object] = []  # kept alive, so that no id() is reused within the batch

    def add(self, values: object, converted: list[Any], kind: str) -> str:
        key = (id(values), kind)
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"c{len(self.columns)}"
            self.columns.append(converted)
            self.given.append(values)
        return name


class _Converted(dict[Any, Any]):
    """value → proc(value), made on first use (None stays None)."""

    def __init__(self, proc: Callable[[Any], Any]) -> None:
        super().__init__()
        self.proc = proc

    def __missing__(self, value: Any) -> Any:
        out = self[value] = None if value is None else self.proc(value)
        return out


def _default(column: Column[Any], n: int) -> Any:
    """The value the ORM would give a column this writer knows nothing of (one added later)."""
    d = column.default
    if d is None:
        return None
    if isinstance(d, ScalarElementColumnDefault):
        return d.arg
    if isinstance(d, CallableColumnDefault):
        # SQLAlchemy wraps a default of no argument to take the execution context, unused.
        return [d.arg(None) for _ in range(n)]  # type: ignore[arg-type]
    raise ImportFileError(f"Không ghi được cột {column.name}: cần cập nhật phần nhập danh sách.")


def member_values(v: MemberInput, mid: str, now: datetime, device: str) -> dict[str, Any]:
    """Column values of a new member row for a bulk insert."""
    d = {k: getattr(v, k) for k in MemberInput.__dataclass_fields__ if k != "first_event"}
    search, sort, dup = member_keys(v)
    d.update(id=mid, created_at=now, updated_at=now, deleted_at=None, server_seq=None, device_id=device,
             status=EVENT_KINDS[v.first_event].to_status, search_key=search, sort_key=sort, dup_key=dup)
    return d
