"""The sync's own local tables, and which tables and columns sync.

The triggers that capture every change of those into the outbox are the sync's
(desktop/sync/capture.py), generated from what synced_tables() and synced_fields() say
here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base

# Meta columns travel with every mutation; they are not "fields" that merge.
META_COLUMNS = ("id", "created_at", "updated_at", "server_seq", "device_id")
# Documents that are never edited (DOMAIN.md): inserted once, never merged.
INSERT_ONLY_TABLES = frozenset({
    "audit_log", "bank_entry", "bank_entry_void", "cash_doc", "cash_doc_void", "dues_payment", "remittance",
    "year_close"})


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
    tables = [Base.metadata.tables[m.class_.__tablename__] for m in Base.registry.mappers
              if getattr(m.class_, "__synced__", False)]
    return sorted(tables, key=lambda t: t.name)


def synced_fields(table: Table) -> list[str]:
    """The columns that merge field by field (everything but the meta and local caches)."""
    return [c.name for c in table.columns if c.name not in META_COLUMNS and c.info.get("sync", True)]


# Milliseconds since the epoch, in SQL: the clock of the sync capture's triggers
# (desktop/sync/capture.py) and of the ids the audit triggers make.
NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
