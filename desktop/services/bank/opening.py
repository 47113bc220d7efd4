"""Where the books start, as the first-start wizard sets them: the unit, its groups and
the cash on hand on the day the cash book starts (the units' service), and optionally
the unit's first bank or treasury account with its balance on the day its bank book
starts (the accounts' service). One transaction: a refused account leaves no unit
behind, and the wizard stays open to correct it. More accounts are added later on the
Tiền gửi page."""

from __future__ import annotations

from desktop.services.bank.accounts import AccountInfo, AccountInput, BankAccountService
from desktop.services.core.context import Context
from desktop.services.units.service import DuesSettings, GroupInfo, UnitInfo, UnitService


def start_books(ctx: Context, info: UnitInfo, groups: list[GroupInfo], dues: DuesSettings,
                account: AccountInput | None = None) -> tuple[UnitInfo, AccountInfo | None]:
    """The unit as saved and the account as added (None when none was given)."""
    with ctx.write() as s:
        unit = UnitService(ctx).write_settings(s, info, groups, dues)
        added = BankAccountService(ctx).add_in(s, account) if account is not None else None
    return unit, added
