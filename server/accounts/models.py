"""The audit log of what the accounts did (the accounts themselves: server/units/models.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base, utcnow


class AdminAudit(Base):
    """One action of an account (or of the command line), appended and never changed: the
    migration adds triggers that refuse an UPDATE or DELETE on both backends.

    `unit_id` is the unit the action was about (for a login, the account's own unit): the
    log of a sub-tree is the rows whose unit lies in it. A failed login under a name that
    exists nowhere has no unit and is seen only from a root unit."""

    __tablename__ = "admin_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("admin_account.id"))
    actor_name: Mapped[str] = mapped_column(String(100))  # as typed for a failed login; "(dòng lệnh)" for the CLI
    address: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("admin_account.id"))
    detail: Mapped[str] = mapped_column(String(500))
