"""A member's transfer between two units of the platform (chuyển sinh hoạt công đoàn,
HD 03/HD-TLĐ of 20/02/2020), issue 15 item 8.

One row per transfer in each unit's own database: the sending unit's row ("out") is made
by its PC with the transferred_out event and never edited there; the server keeps it and
writes the receiving unit's answer on it. The receiving unit's row ("in", same id) is
made by the server only, and its PCs write nothing on it but the answer. The member's
data travels inside the row (member_data, JSON of member fields): without the member's
recorded consent only the name, birth date, sex and joining date (protocol/transfers.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class MemberTransfer(SyncMixin, Base):
    __tablename__ = "member_transfer"

    direction: Mapped[str] = mapped_column(String(5))  # out | in
    # out: the member who leaves; in: the member the accepting PC made (or found by CCCD).
    member_id: Mapped[str | None] = mapped_column(String(36))
    from_unit_code: Mapped[str | None] = mapped_column(String(50))  # in: written by the server
    from_unit_name: Mapped[str | None] = mapped_column(String(200))
    to_unit_code: Mapped[str] = mapped_column(String(50))
    transfer_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    with_personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date)
    member_data: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed | accepted | declined
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answer_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_member_transfer_status", "direction", "status"),)
