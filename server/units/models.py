"""The union hierarchy and the administrators who manage parts of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base, utcnow


class UnitLevel(Base):
    """A level of the hierarchy by its Vietnamese name: data, not code, since the levels
    change by decision (district unions ended in 2025; commune unions took their units)."""

    __tablename__ = "unit_level"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    rank: Mapped[int] = mapped_column(Integer)  # 1 the top; for ordering only


class Unit(Base):
    """A union at any level: a grassroots union, a commune union, a provincial federation."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    # "/1/7/42/": the ids from the root down, so that a sub-tree is one indexed prefix match
    # (on PostgreSQL by ix_unit_path_prefix, made by migration 0009 alone: a pattern-ops
    # index that SQLite has no use for).
    path: Mapped[str] = mapped_column(String(500), index=True)
    level_id: Mapped[int | None] = mapped_column(ForeignKey("unit_level.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AdminAccount(Base):
    """An account of the web pages and figures API, for one unit and its sub-tree; its role
    and the rules of managing accounts are in server/accounts."""

    __tablename__ = "admin_account"
    __table_args__ = (CheckConstraint("role IN ('admin', 'viewer')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    username: Mapped[str] = mapped_column(String(100), unique=True)
    # The name folded (casefold of NFC): "An" and "an" are one account.
    username_key: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    role: Mapped[str] = mapped_column(String(10), default="admin")  # "admin" (quản trị) or "viewer" (chỉ xem)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("admin_account.id"))  # None: from the command line
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AdminSession(Base):
    """A signed-in administrator (web page cookie or API bearer token), kept in the
    database so that every worker process knows it."""

    __tablename__ = "admin_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("admin_account.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class LoginThrottle(Base):
    """Failed administrator logins of one account ("user:NAME") or from one address
    ("addr:IP"): after a few, each further try waits longer, up to a lock (units/service.py).
    In the database, so that every worker process counts the same."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
