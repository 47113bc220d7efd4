"""The unit's bank and treasury accounts and the bank book (S12-H) written from bank
advices (giấy báo có / giấy báo nợ), fees, interest and transfers with the cash book.

Entries are never edited or deleted: triggers made by migration 0013 refuse it, as for
cash documents; a mistake is voided (a row in bank_entry_void) and a new entry written.
No unique index spans PCs (two PCs may add the same account before they sync): the
services check what must be unique, the server refuses a second void of one entry."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class BankAccount(SyncMixin, Base):
    """A deposit account of the unit at a bank or at the State Treasury (Kho bạc)."""

    __tablename__ = "bank_account"

    kind: Mapped[str] = mapped_column(String(10))  # bank | treasury
    # The NAPAS BIN of the bank (desktop/services/bank/banks.py); none for a treasury.
    bank_bin: Mapped[str | None] = mapped_column(String(6))
    # The bank's or treasury office's name as printed on the book ("Vietcombank", "KBNN Hà Đông").
    institution: Mapped[str] = mapped_column(String(200))
    account_number: Mapped[str] = mapped_column(String(30))
    account_name: Mapped[str] = mapped_column(String(200))
    opening_balance: Mapped[int] = mapped_column(Integer, default=0)
    opening_date: Mapped[date] = mapped_column(Date)


class BankEntry(SyncMixin, Base):
    __tablename__ = "bank_entry"

    account_id: Mapped[str] = mapped_column(ForeignKey("bank_account.id"))
    kind: Mapped[str] = mapped_column(String(12))  # credit | debit | interest | fee | deposit | withdrawal
    entry_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    # The source or item of income and spending (cash.INCOME / cash.SPENDING) of a credit or debit.
    category: Mapped[str | None] = mapped_column(String(30))
    content: Mapped[str] = mapped_column(Text)
    counterpart: Mapped[str | None] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(50))
    # The cash receipt (withdrawal) or voucher (deposit) written with a transfer.
    cash_doc_id: Mapped[str | None] = mapped_column(ForeignKey("cash_doc.id"))
    debit_account: Mapped[str | None] = mapped_column(String(20))
    credit_account: Mapped[str | None] = mapped_column(String(20))
    # The statement line it was recorded from (bank/statement.py's fingerprint, migration
    # 0014): the same line in a later or overlapping statement is known and not recorded twice.
    fingerprint: Mapped[str | None] = mapped_column(String(50))
    # An adjusting entry (migration 0019): the document of a closed year it corrects.
    corrects_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (Index("ix_bank_entry_account_date", "account_id", "entry_date"),
                      Index("ix_bank_entry_account_fingerprint", "account_id", "fingerprint"))


class BankEntryVoid(SyncMixin, Base):
    __tablename__ = "bank_entry_void"

    entry_id: Mapped[str] = mapped_column(ForeignKey("bank_entry.id"), unique=True)
    void_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
