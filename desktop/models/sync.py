"""The sync's own local tables and the triggers that capture every change into the outbox.

The triggers are generated from the model metadata (every SyncMixin table, every column
that is not marked ``info={"sync": False}``) and recreated whenever that metadata
changes, so a new table or column is captured without anyone writing SQL for it. They
are silent while pulled changes are applied (``sync_state.applying = 1``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, DateTime, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base
from desktop.models.triggers import install_triggers

# Meta columns travel with every mutation; they are not "fields" that merge.
META_COLUMNS = ("id", "created_at", "updated_at", "server_seq", "device_id")
# Documents that are never edited (DOMAIN.md): inserted once, never merged.
INSERT_ONLY_TABLES = frozenset({
    "audit_log", "bank_entry", "bank_entry_void", "cash_doc", "cash_doc_void", "dues_payment", "remittance"})


class SyncOutbox(Base):
    """One local change waiting for the server's acknowledgement."""

    __tablename__ = "sync_outbox"

    local_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Given (UUIDv7) and saved before the first attempt, so that a retry is the same mutation.
    mutation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    fields: Mapped[str] = mapped_column(Text)  # comma-separated names, "*" for all
    base_seq: Mapped[int | None] = mapped_column(Integer)  # server_seq the change was made on
    hlc: Mapped[int] = mapped_column(Integer)
    # Set when the server refused the change: kept and shown, never dropped.
    rejected: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """A single row: the clock, the pull cursor and who this device is on the server."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    applying: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[int] = mapped_column(Integer, default=0)
    clock_offset_ms: Mapped[int] = mapped_column(Integer, default=0)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    # The cursor the first (large) pull is heading for, to show progress and resume.
    target_seq: Mapped[int | None] = mapped_column(Integer)
    server_url: Mapped[str | None] = mapped_column(String(300))
    server_device_id: Mapped[str | None] = mapped_column(String(36))
    unit_code: Mapped[str | None] = mapped_column(String(50))
    unit_name: Mapped[str | None] = mapped_column(String(200))
    device_number: Mapped[int | None] = mapped_column(Integer)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    trigger_hash: Mapped[str | None] = mapped_column(String(64))


class SyncConflict(Base):
    """A field two devices changed between syncs: the server kept one value, this is the other."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[str | None] = mapped_column(Text)  # JSON
    lost_value: Mapped[str | None] = mapped_column(Text)  # JSON
    kept_device: Mapped[str | None] = mapped_column(String(100))
    lost_device: Mapped[str | None] = mapped_column(String(100))
    kept_hlc: Mapped[int | None] = mapped_column(Integer)
    lost_hlc: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)


def synced_tables() -> list[Table]:
    tables = [m.local_table for m in Base.registry.mappers if getattr(m.class_, "__synced__", False)]
    return sorted(tables, key=lambda t: t.name)


def synced_fields(table: Table) -> list[str]:
    """The columns that merge field by field (everything but the meta and local caches)."""
    return [c.name for c in table.columns if c.name not in META_COLUMNS and c.info.get("sync", True)]


NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
# Hybrid logical clock: the corrected wall clock, but never behind the last stamp given.
_TICK = (f"UPDATE sync_state SET hlc = max(hlc + 1, {NOW_MS} + clock_offset_ms) WHERE id = 1;")
_SILENT = "(SELECT applying FROM sync_state WHERE id = 1) = 0"


def trigger_ddl() -> list[str]:
    ddl = []
    for table in synced_tables():
        t = table.name
        fields = synced_fields(table)
        ddl.append(
            f"CREATE TRIGGER sync_ins_{t} AFTER INSERT ON {t} WHEN {_SILENT} BEGIN {_TICK} "
            f"INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc) "
            f"SELECT '{t}', NEW.id, 'insert', '*', NULL, hlc FROM sync_state WHERE id = 1; END")
        if t not in INSERT_ONLY_TABLES:
            changed = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in fields)
            names = " || ".join(f"(CASE WHEN OLD.{f} IS NOT NEW.{f} THEN '{f},' ELSE '' END)" for f in fields)
            op = "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'delete' ELSE 'update' END"
            ddl.append(
                f"CREATE TRIGGER sync_upd_{t} AFTER UPDATE ON {t} WHEN {_SILENT} AND ({changed}) BEGIN {_TICK} "
                f"INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc) "
                f"SELECT '{t}', NEW.id, {op}, rtrim({names}, ','), OLD.server_seq, hlc "
                f"FROM sync_state WHERE id = 1; END")
        # Nothing that syncs is hard-deleted; should it happen, the server still hears of it.
        ddl.append(
            f"CREATE TRIGGER sync_del_{t} AFTER DELETE ON {t} WHEN {_SILENT} BEGIN {_TICK} "
            f"INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc) "
            f"SELECT '{t}', OLD.id, 'delete', 'deleted_at', OLD.server_seq, hlc FROM sync_state WHERE id = 1; END")
    return ddl


def ensure_capture_triggers(conn: Connection) -> bool:
    """(Re)create the capture triggers unless exactly the current ones are there; True if it did."""
    return install_triggers(conn, trigger_ddl(), "sync_", "sync_state")
