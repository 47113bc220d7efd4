"""The union unit (công đoàn cơ sở), its groups, and local application settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Unit(SyncMixin, Base):
    """The one unit this database belongs to; its names appear on every printed form."""

    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(String(200))
    upper_name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    tax_code: Mapped[str | None] = mapped_column(String(20))
    chair_name: Mapped[str | None] = mapped_column(String(100))
    accountant_name: Mapped[str | None] = mapped_column(String(100))
    treasurer_name: Mapped[str | None] = mapped_column(String(100))
    # Dues and accounting settings (DOMAIN.md: configurable, with these defaults).
    dues_group: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    higher_rate_bp: Mapped[int | None] = mapped_column(Integer)  # by resolution, groups 2 and 3
    rounding: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # 1, 100 or 1000 đồng
    dues_from: Mapped[date | None] = mapped_column(Date)  # first month whose arrears are tracked
    remit_share_bp: Mapped[int | None] = mapped_column(Integer)  # None: the dated rule
    qhns_code: Mapped[str | None] = mapped_column(String(30))
    place: Mapped[str | None] = mapped_column(String(100))  # địa danh on dated lines
    circular_c40: Mapped[str | None] = mapped_column(Text)
    circular_c41: Mapped[str | None] = mapped_column(Text)
    words_linh_le: Mapped[str] = mapped_column(String(5), default="linh", server_default="linh")
    words_nghin_ngan: Mapped[str] = mapped_column(String(5), default="nghìn", server_default="nghìn")
    opening_balance: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    opening_date: Mapped[date | None] = mapped_column(Date)
    # The bank account members transfer their dues to (the VietQR code on the dues notice),
    # chosen among the unit's: a unit-level setting, so it syncs to every PC (schema 0015).
    dues_account_id: Mapped[str | None] = mapped_column(ForeignKey("bank_account.id"))


class UnitGroup(SyncMixin, Base):
    """A tổ công đoàn or công đoàn bộ phận; groups may sit inside a bộ phận."""

    __tablename__ = "unit_group"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="to")  # "to" | "bo_phan"
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("unit_group.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class AppSetting(Base):
    """Settings of this installation (device id, language): local, never synced."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
