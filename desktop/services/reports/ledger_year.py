"""A year of the unit's money from both books (S11-H cash, S12-H bank and treasury), by
kind: what the budget's "last year's actual" column and the public disclosure are made of.

Counted: documents and entries dated in the year and not voided. A receipt or voucher
counts by its category (cash.INCOME / cash.SPENDING), a bank credit or debit by its own;
bank interest and fees by their kind. Transfers between the cash box and the bank are
neither income nor spending and are left out, so opening + income − spending = closing
(cash and bank together) whenever every document carries a kind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from desktop.services.bank.totals import money_totals
from desktop.services.cash.kinds import INCOME, SPENDING
from desktop.services.core.context import Context

BANK_KINDS = {"bank:interest": "Lãi tiền gửi", "bank:fee": "Phí ngân hàng"}
# The closed vocabulary a form's line may name as its source in the ledger.
SOURCES: dict[str, str] = ({"opening": "Tích lũy đầu năm (tiền mặt và tiền gửi)"}
                           | {f"thu:{k}": v for k, v in INCOME.items()}
                           | {f"chi:{k}": v for k, v in SPENDING.items()} | BANK_KINDS)


@dataclass(frozen=True)
class LedgerYear:
    year: int
    opening_cash: int  # on 31/12 of the year before
    opening_bank: int
    closing_cash: int  # on 31/12 of the year (or today, for the year under way)
    closing_bank: int
    sums: dict[str, int]  # by source (SOURCES), "opening" included

    @property
    def opening(self) -> int:
        return self.opening_cash + self.opening_bank

    @property
    def closing(self) -> int:
        return self.closing_cash + self.closing_bank

    def amount(self, sources: Iterable[str]) -> int:
        return sum(self.sums.get(k, 0) for k in sources)

    @property
    def income(self) -> int:
        return self.amount(k for k in SOURCES if k.startswith("thu:") or k == "bank:interest")

    @property
    def spending(self) -> int:
        return self.amount(k for k in SOURCES if k.startswith("chi:") or k == "bank:fee")


def ledger_year(ctx: Context, year: int) -> LedgerYear:
    first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    sums: dict[str, int] = defaultdict(int)
    with ctx.read() as s:
        for kind, category, amount in s.execute(text(
                "SELECT kind, category, SUM(amount) FROM cash_doc WHERE doc_date BETWEEN :a AND :b "
                "AND id NOT IN (SELECT doc_id FROM cash_doc_void) GROUP BY 1, 2"), {"a": first, "b": last}):
            if category in (INCOME if kind == "thu" else SPENDING):
                sums[f"{kind}:{category}"] += int(amount)
        for kind, category, amount in s.execute(text(
                "SELECT kind, category, SUM(amount) FROM bank_entry WHERE entry_date BETWEEN :a AND :b "
                "AND id NOT IN (SELECT entry_id FROM bank_entry_void) GROUP BY 1, 2"), {"a": first, "b": last}):
            if kind == "credit" and category in INCOME:
                sums[f"thu:{category}"] += int(amount)
            elif kind == "debit" and category in SPENDING:
                sums[f"chi:{category}"] += int(amount)
            elif kind == "interest":
                sums["bank:interest"] += int(amount)
            elif kind == "fee":
                sums["bank:fee"] += int(amount)
    before = money_totals(ctx, date(year - 1, 12, 31))
    after = money_totals(ctx, min(date(year, 12, 31), max(date.today(), date(year, 1, 1))))
    sums["opening"] = before.total
    return LedgerYear(year, before.cash, before.bank, after.cash, after.bank, dict(sums))
