"""The unit's own account pairs (Nợ / Có) for a kind of income or spending, where it
differs from the pair the app seeds (desktop/services/cash/accounts.py).

Only what the unit changed is stored: a kind without a live row prints the seeded pair,
so a corrected seed in a new version reaches every unit that did not choose its own. The
row's id follows from (kind, place), so two PCs that set the same kind write one row and
the sync keeps the later change."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class AccountPair(SyncMixin, Base):
    __tablename__ = "account_pair"

    # A category of cash.INCOME / cash.SPENDING, or bank interest / fees.
    kind: Mapped[str] = mapped_column(String(30))
    place: Mapped[str] = mapped_column(String(10))  # cash | bank: where the money is
    debit_account: Mapped[str] = mapped_column(String(20))
    credit_account: Mapped[str] = mapped_column(String(20))
    # Why the unit chose it ("Theo hướng dẫn số … của LĐLĐ tỉnh").
    note: Mapped[str | None] = mapped_column(Text)
