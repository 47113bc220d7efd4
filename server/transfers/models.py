"""The server's mailbox of members' transfers between units (issue 15, item 8).

A unit's rows are written only inside a request of one of its own devices, under its own
counter lock (server/sync/counter.py): a push of the sending unit never writes the
receiving unit's rows. It leaves a letter here instead, which the receiving unit's next
sync turns into a row of its own (server/transfers/delivery.py); the answer comes back
the same way. So no transaction ever holds two units' counters (no lock-order deadlock on
PostgreSQL), and each unit's seqs stay gap-free and in commit order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base, Json, utcnow


class TransferLetter(Base):
    __tablename__ = "member_transfer_letter"

    # The transfer's id: the sending unit's row and the receiving unit's have it both.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    from_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    to_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed | accepted | declined
    # The receiving unit's row until it is delivered; then None: the member's data is kept
    # by the receiving unit only, not twice on the server.
    proposal: Mapped[dict[str, Any] | None] = mapped_column(Json)
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[str | None] = mapped_column(String(32))  # as the row carries it
    answer_reason: Mapped[str | None] = mapped_column(String(5000))
    # False while the answer waits to be written on the sending unit's row.
    answer_delivered: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        Index("ix_member_transfer_letter_to", "to_unit_id", "delivered"),
        Index("ix_member_transfer_letter_from", "from_unit_id", "answer_delivered"),
    )
