"""The yearly public disclosure of the union's finances (công khai tài chính), for the
notice board: Luật Công đoàn 2024, art. 34 (DOMAIN.md): every level discloses its finances
yearly at its executive committee meeting and in at least one of these ways: posting at the
workplace, written notice, the workers' conference, the website.

What it shows, all from the two books (ledger_year) and the members' history: the balance
brought forward, income by source, spending by item, the share of dues remitted to the
upper level apart, the balance at the year's end with cash and bank apart; the members at
31/12 and the dues collected in the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.services.cash.kinds import INCOME, SPENDING
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.reports.ledger_year import BANK_KINDS, LedgerYear, ledger_year
from desktop.services.reports.service import member_stats

LAW = "Luật Công đoàn năm 2024, Điều 34"
REMITTANCE = "nop_cap_tren"


@dataclass(frozen=True)
class Disclosure:
    year: int
    ledger: LedgerYear
    income: tuple[tuple[str, int], ...]  # by source
    spending: tuple[tuple[str, int], ...]  # by item, the remittance apart
    remitted: int  # dues sent to the upper level
    members: int  # on the books at 31/12 (or today for the year under way)
    women: int
    admitted: int
    left: int
    dues_collected: int  # receipts and bank credits of dues dated in the year
    as_of: date  # the day the figures stop at

    @property
    def total_income(self) -> int:
        return sum(a for _, a in self.income)

    @property
    def total_spending(self) -> int:
        return sum(a for _, a in self.spending) + self.remitted


def disclosure(ctx: Context, year: int) -> Disclosure:
    today = date.today()
    if not 2000 <= year <= today.year:
        raise ValidationError({"year": f"công khai tài chính lập cho năm đã qua hoặc năm nay (từ 2000 đến "
                                       f"{today.year}), không cho năm {year}."})
    led = ledger_year(ctx, year)
    income = tuple((label, led.sums.get(f"thu:{k}", 0)) for k, label in INCOME.items())
    income += (("Lãi tiền gửi", led.sums.get("bank:interest", 0)),)
    spending = tuple((label, led.sums.get(f"chi:{k}", 0)) for k, label in SPENDING.items() if k != REMITTANCE)
    spending += ((BANK_KINDS["bank:fee"], led.sums.get("bank:fee", 0)),)
    as_of = min(date(year, 12, 31), today)
    st = member_stats(ctx, date(year, 1, 1), as_of)
    return Disclosure(year, led, income, spending, led.sums.get(f"chi:{REMITTANCE}", 0), st.total, st.women,
                      st.admitted, st.left, led.sums.get("thu:doan_phi", 0), as_of)
