"""The closes and reopenings of the unit's fiscal years (issue 14, item 11).

Append-only, like the receipts: each close and each reopening is a row of its own, never
edited or deleted (triggers made by migration 0019 refuse it), so the history of a year's
lock is kept whole and syncs as it happened. Whether a year is closed now is said by its
last event (protocol/ledger.py, latest_events: by moment, then id, the same on every PC
and on the server). A close carries the fingerprint and totals of the year's ledger as
they were when it was closed; the server computes them again from what the unit synced."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class YearClose(SyncMixin, Base):
    __tablename__ = "year_close"

    event: Mapped[str] = mapped_column(String(10))  # close | reopen
    year: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    by_name: Mapped[str] = mapped_column(String(200))  # who closed or reopened it
    reason: Mapped[str | None] = mapped_column(Text)  # required to reopen
    # A close only: the year's ledger as it was closed (protocol/ledger.py).
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    rows: Mapped[int | None] = mapped_column(Integer)
    cash_opening: Mapped[int | None] = mapped_column(Integer)
    cash_closing: Mapped[int | None] = mapped_column(Integer)
    bank_opening: Mapped[int | None] = mapped_column(Integer)
    bank_closing: Mapped[int | None] = mapped_column(Integer)
    income: Mapped[int | None] = mapped_column(Integer)
    spending: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_year_close_year", "year"),)


class SettlementFigure(SyncMixin, Base):
    """A figure of a year's settlement (B07-TLĐ) that the ledger cannot give or that must be
    remembered as it was reported: part A's workers and payroll for kinh phí, typed by the
    accountant, and the closing cash and bank as the saved settlement stated them (next
    year's Mã số 10 is checked against them). Synced, so that every PC of the unit prints
    and checks the same; the row's id follows from (year, key), so two PCs write one row
    and the sync keeps the later value."""

    __tablename__ = "settlement_figure"

    year: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))  # desktop/services/reports/b07.py FIGURE_KEYS
    value: Mapped[int | None] = mapped_column(Integer)  # None: not given
