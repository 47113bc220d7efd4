"""Receipts (phiếu thu), payment vouchers (phiếu chi), their books and their voids.

Issued documents are never edited or deleted: triggers made by the migration refuse it;
a mistake is voided (a row in cash_doc_void) and a new document issued."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class ReceiptBook(SyncMixin, Base):
    """A quyển số: numbers run consecutively inside it; each device has its own."""

    __tablename__ = "receipt_book"

    kind: Mapped[str] = mapped_column(String(5))  # thu | chi
    code: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    owner_device: Mapped[str] = mapped_column(String(36))
    next_number: Mapped[int] = mapped_column(Integer, default=1)
    # A closed book takes no more numbers (e.g. after a restore from an old backup,
    # whose numbers may already have been used and synced).
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("kind", "code"),)


class CashDoc(SyncMixin, Base):
    __tablename__ = "cash_doc"

    kind: Mapped[str] = mapped_column(String(5))  # thu | chi
    book_id: Mapped[str] = mapped_column(ForeignKey("receipt_book.id"))
    book_code: Mapped[str] = mapped_column(String(30))
    number: Mapped[int] = mapped_column(Integer)
    doc_date: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(30))
    person_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)
    attachments: Mapped[str | None] = mapped_column(String(200))
    debit_account: Mapped[str | None] = mapped_column(String(20))
    credit_account: Mapped[str | None] = mapped_column(String(20))
    # An adjusting document (migration 0019): the document of a closed year it corrects (a
    # cash_doc or a bank_entry id; no foreign key, it may be either). Printed on the form.
    corrects_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (UniqueConstraint("book_id", "number"), Index("ix_cash_doc_date", "doc_date"))


class CashDocVoid(SyncMixin, Base):
    __tablename__ = "cash_doc_void"

    doc_id: Mapped[str] = mapped_column(ForeignKey("cash_doc.id"), unique=True)
    void_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)


class Remittance(SyncMixin, Base):
    """Đoàn phí sent to the upper level for a period, paid by a voucher."""

    __tablename__ = "remittance"

    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    collected: Mapped[int] = mapped_column(Integer)
    standard_collected: Mapped[int] = mapped_column(Integer)
    share_bp: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    voucher_id: Mapped[str] = mapped_column(ForeignKey("cash_doc.id"))
