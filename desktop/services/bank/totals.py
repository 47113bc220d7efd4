"""The unit's money on a day, cash and bank apart and together: what the home page and
the reports show beside the books (issue 14, item 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.models import BankAccount
from desktop.services.bank.accounts import AccountInfo, account_info
from desktop.services.bank.ledger import balance_on
from desktop.services.cash.service import CashService
from desktop.services.core.context import Context


@dataclass(frozen=True)
class AccountBalance:
    account: AccountInfo
    balance: int


@dataclass(frozen=True)
class MoneyTotals:
    on: date
    cash: int  # the cash book's balance (S11-H)
    accounts: tuple[AccountBalance, ...]  # each bank or treasury account (S12-H)

    @property
    def bank(self) -> int:
        return sum(a.balance for a in self.accounts)

    @property
    def total(self) -> int:
        return self.cash + self.bank


def money_totals(ctx: Context, on: date | None = None) -> MoneyTotals:
    """Balances at the end of the day (today when not given)."""
    day = on or date.today()
    with ctx.read() as s:
        rows = s.scalars(select(BankAccount).where(BankAccount.deleted_at.is_(None))
                         .order_by(BankAccount.kind, BankAccount.institution, BankAccount.account_number))
        accounts = tuple(AccountBalance(account_info(r), balance_on(s, r, day)) for r in rows)
    return MoneyTotals(day, CashService(ctx).balance(day), accounts)
