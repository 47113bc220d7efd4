"""The audit triggers: who changed which field of which record, old and new value.

Generated from the model metadata like the sync capture triggers (desktop/sync/capture.py)
and (re)installed right after them by capture.install(), so that a new table or column is
audited without anyone writing SQL for it. For every synced table but audit_log itself:

- INSERT: one row (action "insert");
- UPDATE: one row per changed synced field (old and new value); setting deleted_at
  (a tombstone) is one row, action "delete";
- DELETE (should it ever happen): one row, action "delete".

Silent while the sync applies pulled changes (sync_state.applying = 1): they were
audited on the PC that made them and arrive with their own audit rows. Silent as well
while a bulk writer has switched per-row auditing off (audit_session.bulk = 1, see
bulk_audit()); it writes one summary row instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Table, text

from desktop.models.sync import INSERT_ONLY_TABLES, NOW_MS, synced_fields, synced_tables
from desktop.models.triggers import install_triggers
from protocol.erasure import ERASE_ACTION, ERASED, KEPT_FIELDS, MEMBER_ROWS, TEXT_FIELDS

AUDIT_TABLE = "audit_log"
PREFIX = "trail_"  # not "audit_": the refusal triggers of audit_log are named audit_log_no_*

# An audit row's id, a UUIDv7 made in SQL: the time, then instead of random bits 48 bits of
# this PC's device id and a counter (the table's next rowid). Unique as the random one was
# (two rows alike need the same PC, the same millisecond and 16.7 million rows between them),
# and a run of them goes on the wire as a few bytes (protocol/codec.py, form "u"): random
# bits were two thirds of an audit row's weight (issue 17). A PC without a device id (never
# after open_database) takes random bits as before.
_TAG = ("ifnull((SELECT lower(substr(value, 25, 12)) FROM app_setting WHERE key = 'device_id' "
        "AND length(value) = 36), printf('%012x', abs(random()) % 281474976710656))")
_COUNTER = "((SELECT ifnull(max(rowid), 0) FROM audit_log) + 1) % 16777216"
_UUID7 = (f"(SELECT printf('%08x-%04x-7%s-8%s-%s%06x', {NOW_MS} >> 16, {NOW_MS} & 65535, substr(tag, 1, 3), "
          f"substr(tag, 4, 3), substr(tag, 7, 6), {_COUNTER}) FROM (SELECT {_TAG} AS tag))")
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
_WHO = "(SELECT user_name FROM audit_session WHERE id = 1)"
_DEVICE = "(SELECT value FROM app_setting WHERE key = 'device_id')"
_AUDITING = ("(SELECT applying FROM sync_state WHERE id = 1) = 0 "
             "AND ifnull((SELECT bulk FROM audit_session WHERE id = 1), 0) = 0")
COLUMNS = "id, created_at, updated_at, device_id, at, user_name, tbl, row_id, action, field, old_value, new_value, label"


def _label(table: Table, row: str) -> str:
    """An expression naming the record for people (searchable by member name)."""
    names = set(table.columns.keys())
    for col in ("full_name", "person_name"):
        if col in names:
            return f"{row}.{col}"
    if "member_id" in names:
        return f"(SELECT full_name FROM member WHERE id = {row}.member_id)"
    for col in ("title", "name", "code"):
        if col in names:
            return f"{row}.{col}"
    if "year" in names:  # a year's close or reopening
        return f"('Năm ' || {row}.year)"
    return "NULL"


def _insert(t: str, row_id: str, action: str, field: str, old: str, new: str, label: str) -> str:
    return (f"INSERT INTO {AUDIT_TABLE}({COLUMNS}) SELECT {_UUID7}, {_NOW}, {_NOW}, {_DEVICE}, {_NOW}, {_WHO}, "
            f"'{t}', {row_id}, '{action}', {field}, {old}, {new}, {label}")


# Figures the PCs compute from audited rows (dues_month): their changes tell nobody anything.
NOT_AUDITED = (AUDIT_TABLE, "dues_month")


def audited_tables() -> list[Table]:
    return [t for t in synced_tables() if t.name not in NOT_AUDITED]


def trigger_ddl() -> list[str]:
    ddl = []
    for table in audited_tables():
        t = table.name
        ddl.append(f"CREATE TRIGGER {PREFIX}ins_{t} AFTER INSERT ON {t} WHEN {_AUDITING} BEGIN "
                   f"{_insert(t, 'NEW.id', 'insert', 'NULL', 'NULL', 'NULL', _label(table, 'NEW'))}; END")
        if t not in INSERT_ONLY_TABLES:
            label = _label(table, "NEW")
            fields = [f for f in synced_fields(table) if f != "deleted_at"]
            rows = "; ".join(
                _insert(t, "NEW.id", "update", f"'{f}'", f"OLD.{f}", f"NEW.{f}", label) + f" WHERE OLD.{f} IS NOT NEW.{f}"
                for f in fields)
            # UPDATE OF the audited fields: a statement that sets none of them (the sync's
            # server_seq after each push, a member's search keys) skips ~30 inserts' checks
            # a row, and their compiling at each prepare. Setting deleted_at alone writes
            # no row here either way (the tombstone trigger's, or none when taken back).
            ddl.append(f"CREATE TRIGGER {PREFIX}upd_{t} AFTER UPDATE OF {', '.join(fields)} ON {t} WHEN {_AUDITING} "
                       f"AND NOT (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) BEGIN {rows}; END")
            ddl.append(f"CREATE TRIGGER {PREFIX}tomb_{t} AFTER UPDATE OF deleted_at ON {t} WHEN {_AUDITING} "
                       f"AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL BEGIN "
                       f"{_insert(t, 'NEW.id', 'delete', chr(39) + 'deleted_at' + chr(39), 'NULL', 'NEW.deleted_at', label)}; END")
        ddl.append(f"CREATE TRIGGER {PREFIX}del_{t} AFTER DELETE ON {t} WHEN {_AUDITING} BEGIN "
                   f"{_insert(t, 'OLD.id', 'delete', 'NULL', 'NULL', 'NULL', _label(table, 'OLD'))}; END")
    return ddl


def ensure_audit_triggers(conn: Connection) -> bool:
    """(Re)create the audit triggers unless exactly the current ones are there; True if it did."""
    if not conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_session'")).first():
        return False  # a database not migrated to 0006 (never the case after open_database)
    return install_triggers(conn, trigger_ddl(), PREFIX, "audit_session")


def write_audit(conn: Connection, tbl: str, action: str, *, row_id: str | None = None, field: str | None = None,
                old: str | None = None, new: str | None = None, label: str | None = None) -> None:
    """One audit row written by a service (a summary of bulk work, an export, an erasure)."""
    conn.execute(text(
        f"INSERT INTO {AUDIT_TABLE}({COLUMNS}) SELECT {_UUID7}, {_NOW}, {_NOW}, {_DEVICE}, {_NOW}, {_WHO}, "
        ":tbl, :row_id, :action, :field, :old, :new, :label"),
        dict(tbl=tbl, row_id=row_id, action=action, field=field, old=old, new=new, label=label))


@contextmanager
def bulk_audit(conn: Connection, tbl: str, summary: str) -> Iterator[None]:
    """Per-row auditing off for the rest of this transaction's bulk write, one summary row instead.

    Must run inside the writer's transaction: on a rollback the switch and the summary
    go with everything else; on success the switch is set back before the commit."""
    bulk_begin(conn, tbl, summary)
    yield  # an error propagates: the rollback undoes the switch with the rest
    bulk_end(conn)


def bulk_begin(conn, tbl: str, summary: str, row_id: str | None = None) -> None:
    """The summary row, then per-row auditing off (conn: a Connection or a session's)."""
    write_audit(conn, tbl, "bulk", row_id=row_id, label=summary)
    conn.execute(text("UPDATE audit_session SET bulk = 1 WHERE id = 1"))


def bulk_end(conn) -> None:
    """Per-row auditing on again: call before the bulk writer's transaction commits."""
    conn.execute(text("UPDATE audit_session SET bulk = 0 WHERE id = 1"))


def set_current_user(conn: Connection, name: str) -> None:
    conn.execute(text("UPDATE audit_session SET user_name = :n WHERE id = 1"), {"n": name})


# ---- erasure of a member's personal data ---------------------------------------------
# The rule is the protocol's (the server applies it to its copies): here it is SQL.
ALL_ERASED = "(SELECT id FROM member WHERE erased_at IS NOT NULL)"


def redaction_sql(member_id: str | None) -> list[tuple[str, tuple]]:
    """The statements (qmark SQL, parameters) that redact the audit log's copies of an
    erased member's data (member_id None: of every erased member, set-wise): old and new
    values of their personal fields, the name each row of theirs was labelled with, the
    free text of their rows, the values of conflicts over their record. Rows already
    redacted are left alone, so running them again changes nothing. Used by the erasure
    itself and by the sync when another PC's erasure, or an audit row made before it, arrives."""
    one = member_id is not None
    members = "(?)" if one else ALL_ERASED
    per_table = (member_id,) if one else ()
    kept = ", ".join(f"'{f}'" for f in KEPT_FIELDS)
    texts = ", ".join(f"'{f}'" for f in TEXT_FIELDS)
    theirs = (f"(SELECT id FROM member WHERE id IN {members} UNION ALL "
              + " UNION ALL ".join(f"SELECT id FROM {t} WHERE member_id IN {members}" for t in MEMBER_ROWS) + ")")
    ids = per_table * (len(MEMBER_ROWS) + 1)
    values = ("old_value = CASE WHEN old_value IS NULL THEN NULL ELSE ? END, "
              "new_value = CASE WHEN new_value IS NULL THEN NULL ELSE ? END")
    unredacted = "(old_value IS NOT NULL AND old_value != ? OR new_value IS NOT NULL AND new_value != ?)"
    x = (ERASED, ERASED)
    quoted = f'"{ERASED}"'
    return [
        ((f"UPDATE audit_log SET {values} WHERE tbl = 'member' AND row_id IN {members} AND field IS NOT NULL "
          f"AND field NOT IN ({kept}) AND {unredacted}"), x + per_table + x),
        ((f"UPDATE audit_log SET label = ? WHERE label IS NOT NULL AND label != ? AND action != '{ERASE_ACTION}' "
          f"AND row_id IN {theirs}"), x + ids),
        ((f"UPDATE audit_log SET {values} WHERE tbl != 'member' AND field IN ({texts}) AND {unredacted} "
          f"AND row_id IN {theirs}"), x + x + ids),
        ((f"UPDATE sync_conflict SET kept_value = ?, lost_value = ? WHERE tbl = 'member' AND row_id IN {members} "
          "AND (kept_value IS NOT ? OR lost_value IS NOT ?)"), (quoted,) * 2 + per_table + (quoted,) * 2),
    ]
