"""What devices sent, stored per unit: the rows, the applied mutations, the counters.

Rows are kept as JSON documents keyed by (unit, table, id) with a clock per field
rather than one typed table per desktop table: the server then merges and serves any
table the protocol lists, and a new desktop column needs no server migration. The
aggregates for upper levels read the JSON with indexed filters on (unit, table)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base, Json, utcnow


class UnitSync(Base):
    """The per-unit change counter: taken under a row lock inside each push, so pull
    cursors see every change, in commit order, without gaps."""

    __tablename__ = "unit_sync"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # Set anew by `congdoan-server restored` after the database was put back from a backup:
    # devices then send again what they hold beyond epoch_seq (the counter of the backup).
    epoch: Mapped[str] = mapped_column(String(36), default="", server_default="")
    epoch_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class Record(Base):
    __tablename__ = "record"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[dict[str, Any]] = mapped_column(Json)
    # field -> [hlc, local device id, seq]: who wrote each field last, and when.
    clock: Mapped[dict[str, Any]] = mapped_column(Json)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The device whose copy equals this one (it wrote the whole row last): not sent back to it.
    origin: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        Index("ix_record_pull", "unit_id", "seq", unique=True),
    )


class AppliedMutation(Base):
    """Each mutation id once: a retried push gets the stored result back."""

    __tablename__ = "applied_mutation"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    result: Mapped[dict[str, Any]] = mapped_column(Json)
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BookCode(Base):
    """A receipt book's printed code, unique in its unit; given out by the server or
    registered when a book made before enrollment arrives."""

    __tablename__ = "book_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(5))
    code: Mapped[str] = mapped_column(String(30))
    device_id: Mapped[str] = mapped_column(String(36))  # server device id
    book_id: Mapped[str | None] = mapped_column(String(36))  # the book row, once it has synced

    __table_args__ = (UniqueConstraint("unit_id", "kind", "code"),)


class ReceiptNumber(Base):
    """(book, number) of every document: never two documents under one number."""

    __tablename__ = "receipt_number"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    book_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(36))


class YearCheck(Base):
    """A unit's close of a year as the server found it (issue 14, item 11): the fingerprint
    and totals computed again from the rows the unit synced (protocol/ledger.py), and
    whether they are the ones the close recorded. One per close event; made when the close
    arrives and again by `congdoan-server check-years`."""

    __tablename__ = "year_check"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    close_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the year_close row
    year: Mapped[int] = mapped_column(Integer)
    matches: Mapped[bool] = mapped_column(Boolean)
    # What differs, in words, for the administrator ("" when it matches).
    differences: Mapped[str] = mapped_column(String(2000), default="")
    figures: Mapped[dict[str, Any]] = mapped_column(Json)  # the server's
    checked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
