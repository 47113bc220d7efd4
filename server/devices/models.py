"""Desktop installations enrolled in a unit, and the one-time codes that enroll them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base, utcnow


class Device(Base):
    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3… within the unit: names its receipt books
    name: Mapped[str] = mapped_column(String(100))
    local_device_id: Mapped[str] = mapped_column(String(36))  # the desktop's own id, on every change it makes
    token_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the secret; the secret is never stored
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_schema: Mapped[str | None] = mapped_column(String(10))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("unit_id", "number"),)


class EnrollCode(Base):
    __tablename__ = "enroll_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    device_id: Mapped[str | None] = mapped_column(String(36))
