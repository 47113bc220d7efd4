"""The sync capture: the triggers that queue every change of a synced table in the
outbox, switching them off for a bulk write, and the outbox rows a bulk writer queues
instead. The only place that writes the outbox's captured changes (what becomes of
them, sent and acknowledged, is desktop/sync/outbox.py).

The triggers are generated from the model metadata (every SyncMixin table, every column
that is not marked ``info={"sync": False}``) and made again whenever that metadata
changes, so a new table or column is captured without anyone writing SQL for it. Each
one ticks the hybrid logical clock (sync_state.hlc) and stamps its outbox row with the
new value.

Two ways to switch them off, both inside the writer's transaction (DDL is transactional
in SQLite: an interrupted write leaves the triggers as they were):

- silenced(): the flag the triggers (and the audit log's) read, for changes that must
  not be captured at all (pulled changes, captured on the PC that made them);
- lifted(): a table's triggers dropped and made again from their own text, for a bulk
  write of many rows, which then queues its outbox rows set-wise (queue_copied).
  Silent triggers still cost ~25 µs a row, and a first sync is a million rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection

from desktop.models.audit import PREFIX as AUDIT_PREFIX
from desktop.models.audit import ensure_audit_triggers
from desktop.models.db import Database, open_database
from desktop.models.sync import INSERT_ONLY_TABLES, NOW_MS, synced_fields, synced_tables
from desktop.models.triggers import install_triggers

PREFIX = "sync_"
# Hybrid logical clock: the corrected wall clock, but never behind the last stamp given.
TICK = f"UPDATE sync_state SET hlc = max(hlc + 1, {NOW_MS} + clock_offset_ms) WHERE id = 1"
_SILENT = "(SELECT applying FROM sync_state WHERE id = 1) = 0"
_QUEUE = "INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc)"


def trigger_ddl() -> list[str]:
    ddl = []
    for table in synced_tables():
        t = table.name
        fields = synced_fields(table)
        ddl.append(
            f"CREATE TRIGGER {PREFIX}ins_{t} AFTER INSERT ON {t} WHEN {_SILENT} BEGIN {TICK}; "
            f"{_QUEUE} SELECT '{t}', NEW.id, 'insert', '*', NULL, hlc FROM sync_state WHERE id = 1; END")
        if t not in INSERT_ONLY_TABLES:
            changed = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in fields)
            names = " || ".join(f"(CASE WHEN OLD.{f} IS NOT NEW.{f} THEN '{f},' ELSE '' END)" for f in fields)
            op = "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'delete' ELSE 'update' END"
            # UPDATE OF the synced fields: a statement that sets none of them (a pulled
            # row's server_seq, a member's search keys) neither runs nor compiles this.
            ddl.append(
                f"CREATE TRIGGER {PREFIX}upd_{t} AFTER UPDATE OF {', '.join(fields)} ON {t} WHEN {_SILENT} "
                f"AND ({changed}) BEGIN {TICK}; "
                f"{_QUEUE} SELECT '{t}', NEW.id, {op}, rtrim({names}, ','), OLD.server_seq, hlc "
                f"FROM sync_state WHERE id = 1; END")
        # Nothing that syncs is hard-deleted; should it happen, the server still hears of it.
        ddl.append(
            f"CREATE TRIGGER {PREFIX}del_{t} AFTER DELETE ON {t} WHEN {_SILENT} BEGIN {TICK}; "
            f"{_QUEUE} SELECT '{t}', OLD.id, 'delete', 'deleted_at', OLD.server_seq, hlc FROM sync_state WHERE id = 1; END")
    return ddl


def install(conn: Connection) -> bool:
    """(Re)make the capture triggers, then the audit log's, unless exactly the current ones
    are there (at each start: open_captured); True if the capture's were made. In
    this order: on a new database the audit triggers, made last, fire first."""
    made = install_triggers(conn, trigger_ddl(), PREFIX, "sync_state")
    ensure_audit_triggers(conn)
    return made


def open_captured(path: Path | str) -> Database:
    """open_database, then install(): how the app opens a unit's database."""
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            install(conn)
    except Exception:
        db.close()
        raise
    return db


# ---- switching them off ------------------------------------------------------------

@contextmanager
def silenced(conn: sqlite3.Connection) -> Iterator[None]:
    """No capture (nor audit) of what is written inside, in the caller's transaction. On
    an error the flag goes back with the caller's rollback."""
    conn.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
    yield
    conn.execute("UPDATE sync_state SET applying = 0 WHERE id = 1")


class _Trigger(NamedTuple):
    name: str
    sql: str


class Lifted:
    """Triggers dropped for a bulk write; restore() makes them again, in the same
    transaction, from their own text."""

    def __init__(self, conn: sqlite3.Connection, triggers: list[_Trigger]) -> None:
        self.conn = conn
        self.triggers = triggers
        # The capture's own insert trigger was among them: the writer queues the outbox rows.
        self.capturing = any(t.name.startswith(f"{PREFIX}ins_") for t in triggers)

    def restore(self) -> None:
        for trigger in self.triggers:
            self.conn.execute(trigger.sql)
        self.triggers = []


def lift(conn: sqlite3.Connection, tables: Iterable[str], *, inserts_only: bool = False,
         silent: bool = False) -> Lifted:
    """Drop the capture and audit triggers of these tables (only the insert ones:
    inserts_only) until restore(). silent: inside silenced(), also every other trigger
    that does nothing then (the year lock's guards: a pulled row is the server's, which
    checked it), so that a bulk apply does not pay for their conditions row by row."""
    names = list(tables)
    kinds = ("ins_*",) if inserts_only else ("*",)
    which = " OR ".join(f"name GLOB '{prefix}{kind}'" for prefix in (PREFIX, AUDIT_PREFIX) for kind in kinds)
    if silent:
        which += f" OR instr(sql, 'WHEN {_SILENT}') > 0"
    found = [_Trigger(*row) for row in conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({','.join('?' * len(names))}) "
        f"AND ({which})", names)]
    for trigger in found:
        conn.execute(f'DROP TRIGGER "{trigger.name}"')
    return Lifted(conn, found)


@contextmanager
def lifted(conn: sqlite3.Connection, tables: Iterable[str], *, silent: bool = False) -> Iterator[Lifted]:
    """lift() for the block; the triggers are made again on leaving it (on an error, the
    caller's rollback brings them back)."""
    triggers = lift(conn, tables, silent=silent)
    yield triggers
    triggers.restore()


# ---- outbox rows queued set-wise ---------------------------------------------------

@contextmanager
def stamping(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """The clock for `rows` outbox rows queued inside by queue_copied(): one tick on
    entering (the first row's value); on leaving, the clock stands at the last row's
    value, as `rows` ticks of the triggers would have left it."""
    conn.execute(TICK)
    yield
    conn.execute("UPDATE sync_state SET hlc = hlc + ? WHERE id = 1", (rows - 1,))


def queue_copied(tbl: str, id_expr: str, source: str, offset: int) -> tuple[str, tuple[int]]:
    """The statement (and its parameters) that queues the outbox rows the insert trigger
    of tbl would have queued for rows copied in set-wise from the table `source` with the
    triggers lifted: an "insert" for each row of source, in rowid order, its id given by
    id_expr. Inside stamping(): the clock value of a row is the tick's plus offset plus
    the row's place in source (the second table of a batch starts after the first's rows)."""
    return (f"{_QUEUE} SELECT '{tbl}', {id_expr}, 'insert', '*', NULL, "
            f"(SELECT hlc FROM sync_state WHERE id = 1) + ? + rowid - (SELECT min(rowid) FROM {source}) "
            f"FROM {source} ORDER BY rowid"), (offset,)


def queue_with_followers(conn: sqlite3.Connection, tbl: str, followers: dict[str, tuple[str, str | None]]) -> int:
    """queue_rows of every row of tbl, each followed by the rows that point to it
    (followers: {table: (field, the one table it points to, or None for any)}, an audit
    row by its row_id, an allocation by its receipt): see outbox.capture_all. Returns the
    rows queued."""
    parts = [f"SELECT '{tbl}' AS tbl, id, rowid AS r, 0 AS k, 0 AS s FROM {tbl}"]
    for k, (follower, (field, parent)) in enumerate(followers.items(), start=1):
        if parent in (None, tbl):
            parts.append(f"SELECT '{follower}', f.id, p.rowid, {k}, f.rowid FROM {tbl} p "
                         f"JOIN {follower} f ON f.{field} = p.id")
    return conn.execute(
        f"{_QUEUE} SELECT tbl, id, 'insert', '*', NULL, (SELECT hlc FROM sync_state WHERE id = 1) "
        f"FROM ({' UNION ALL '.join(parts)}) ORDER BY r, k, s").rowcount


def queue_rows(conn: sqlite3.Connection, tbl: str, where: str = "", params: tuple[object, ...] = ()) -> int:
    """Queue an insert of every row of tbl (those matching `where`) in the order they were
    written (rowid), all at the clock's current value, without a tick: the whole
    database, or what the server lost, going up again. Returns the rows queued."""
    return conn.execute(
        f"{_QUEUE} SELECT '{tbl}', id, 'insert', '*', NULL, (SELECT hlc FROM sync_state WHERE id = 1) "
        f"FROM {tbl} {where} ORDER BY rowid", params).rowcount
