"""Who uses this PC: local user accounts, the current user the audit triggers read, and
the audit log itself (issue 7, "People and permissions")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class UserAccount(Base):
    """A person who may open the app on THIS PC.

    Local to the PC, never synced (a plain Base table like AppSetting, no SyncMixin):
    passwords, even hashed, never leave the machine, and each office PC has its own
    accounts. The audit log names people by username, which does travel."""

    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(150), default="")
    role: Mapped[str] = mapped_column(String(20))  # chair | accountant | treasurer | staff | viewer
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its salt and parameters
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditSession(Base):
    """One row (id = 1), local: who is writing now, read by the audit triggers.

    ``bulk = 1`` switches the per-row audit triggers off for the current transaction:
    a bulk writer (the member import, the demo data) sets it, writes one summary row
    and sets it back before committing (a rollback undoes it too)."""

    __tablename__ = "audit_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_name: Mapped[str] = mapped_column(String(50), default="")
    bulk: Mapped[int] = mapped_column(Integer, default=0)
    trigger_hash: Mapped[str | None] = mapped_column(String(64))


class AuditLog(SyncMixin, Base):
    """One change: who, when, which record, which field, old and new value.

    Insert-only (a refusal trigger like the issued documents'), synced: each PC audits
    its own changes, and the audit rows travel with them. Filled by triggers generated
    from the model metadata (desktop/models/audit.py); services add the summary rows of
    bulk work, exports and erasures."""

    __tablename__ = "audit_log"

    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    user_name: Mapped[str | None] = mapped_column(String(50))
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str | None] = mapped_column(String(36))
    # insert | update | delete | bulk | export | erase
    action: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # What the record is, for people: the member's name, the receipt's payer, a title.
    label: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_row", "row_id"),
    )
