"""What the bank book's figures are made of, read inside the caller's session: the kinds
of entry and their direction, an account's balance on a date and the lowest balance it
has from a date on (what a debit, a withdrawal or the void of a credit must not exceed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import BankAccount, BankEntry, BankEntryVoid

# Money coming into the account and going out of it, with the name the book prints.
IN_KINDS = {"credit": "Giấy báo Có", "interest": "Lãi tiền gửi", "deposit": "Nộp tiền mặt vào tài khoản"}
OUT_KINDS = {"debit": "Giấy báo Nợ", "fee": "Phí ngân hàng", "withdrawal": "Rút tiền gửi về quỹ tiền mặt"}
ENTRY_KINDS = IN_KINDS | OUT_KINDS
TRANSFER_KINDS = ("deposit", "withdrawal")


def signed(kind: str, amount: int) -> int:
    return amount if kind in IN_KINDS else -amount


@dataclass(frozen=True)
class Lowest:
    amount: int  # the lowest end-of-day balance from the date on, that date's included
    on: date  # the day it is reached
    early: date | None  # a live entry dated before the account's opening date, if any


def _days(s: Session, account_id: str) -> list[tuple[date, int]]:
    """(day, net movement) of the account's live entries, in date order."""
    rows = s.execute(select(BankEntry.entry_date, BankEntry.kind, func.sum(BankEntry.amount))
                     .outerjoin(BankEntryVoid, BankEntryVoid.entry_id == BankEntry.id)
                     .where(BankEntry.account_id == account_id, BankEntryVoid.id.is_(None))
                     .group_by(BankEntry.entry_date, BankEntry.kind)).all()
    net: dict[date, int] = {}
    for day, kind, total in rows:
        net[day] = net.get(day, 0) + signed(kind, int(total))
    return sorted(net.items())


def balance_on(s: Session, account: BankAccount, on: date) -> int:
    """The balance at the end of the day: the opening balance and every live entry since
    the opening date up to that day (the opening balance counts before it too, as the cash
    book's does, so that a book begun earlier still adds up)."""
    return account.opening_balance + sum(n for day, n in _days(s, account.id) if account.opening_date <= day <= on)


def lowest_balance_from(s: Session, account: BankAccount, start: date) -> Lowest:
    """A balance never goes below zero: money leaving on start must be covered on that day
    and on every later day, or a later debit already written would bounce."""
    running, lowest, on, early = account.opening_balance, account.opening_balance, max(start, account.opening_date), None
    for day, net in _days(s, account.id):
        if day < account.opening_date:
            early = early or day
            continue
        running += net
        if day <= start:
            lowest = running
        elif running < lowest:
            lowest, on = running, day
    return Lowest(lowest, on, early)
