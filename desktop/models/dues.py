"""Dues (đoàn phí): the law as dated rows, each member's dues basis over time, exempt
periods, and the payments that receipts allocate to members and months."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class DuesRule(SyncMixin, Base):
    """The rate, cap and fixed-dues floor for one unit group from a date (DOMAIN.md)."""

    __tablename__ = "dues_rule"

    effective_from: Mapped[date] = mapped_column(Date)
    unit_group: Mapped[int] = mapped_column(Integer)  # 1, 2, 3
    rate_bp: Mapped[int] = mapped_column(Integer)  # basis points of the salary: 1% = 100
    cap_bp: Mapped[int | None] = mapped_column(Integer)  # of lương cơ sở; None: no cap
    fixed_min_bp: Mapped[int] = mapped_column(Integer)  # floor of fixed dues, of lương cơ sở
    source: Mapped[str] = mapped_column(String(200))


class BaseSalary(SyncMixin, Base):
    """Lương cơ sở from a date."""

    __tablename__ = "base_salary"

    effective_from: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))


class RemitRule(SyncMixin, Base):
    """The share of đoàn phí sent to the upper level, from a date."""

    __tablename__ = "remit_rule"

    effective_from: Mapped[date] = mapped_column(Date)
    share_bp: Mapped[int] = mapped_column(Integer)  # 30% = 3000
    source: Mapped[str] = mapped_column(String(200))


class DuesBasis(SyncMixin, Base):
    """What a member's dues are computed from, from a month on."""

    __tablename__ = "dues_basis"

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"), index=True)
    from_month: Mapped[date] = mapped_column(Date)  # first day of the month
    basis: Mapped[str] = mapped_column(String(20))  # bhxh | take_home | fixed
    amount: Mapped[int] = mapped_column(Integer)  # the salary, or the fixed monthly dues


class DuesExemption(SyncMixin, Base):
    """Months in which a member owes nothing (sickness, maternity, unpaid leave…)."""

    __tablename__ = "dues_exemption"

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"), index=True)
    from_month: Mapped[date] = mapped_column(Date)
    to_month: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)


class DuesPayment(SyncMixin, Base):
    """Part of a receipt paid for one member and month. Insert-only. Paid in cash, it is
    on a receipt of the cash book (doc_id); paid by transfer, on the credit of the bank
    book that brought it (bank_entry_id, migration 0014): exactly one of the two is set."""

    __tablename__ = "dues_payment"

    doc_id: Mapped[str | None] = mapped_column(ForeignKey("cash_doc.id"), index=True)
    bank_entry_id: Mapped[str | None] = mapped_column(ForeignKey("bank_entry.id"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    month: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_dues_payment_member_month", "member_id", "month"),
                      Index("ix_dues_payment_month", "month"))


class DuesMonth(SyncMixin, Base):
    """What the unit's dues come to for one month, as its PCs compute it, for the upper
    level's figures (the server has the payments but not the law and the bases). One row
    per month on every PC of the unit: its id follows from the month."""

    __tablename__ = "dues_month"

    month: Mapped[date] = mapped_column(Date, unique=True)  # the first of the month
    due: Mapped[int] = mapped_column(Integer)  # đồng
