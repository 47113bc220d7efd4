"""The unit's budget estimate (dự toán, form B14-TLĐ) as the accountant edits it, line by
line: what the app proposes from the ledger is computed, never stored; only what a person
typed is kept here, so that a later correction of a proposal reaches every line nobody
changed. The row's id follows from (year, code): two PCs that edit the same line write one
row and the sync keeps the later change."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class BudgetLine(SyncMixin, Base):
    __tablename__ = "budget_line"

    year: Mapped[int] = mapped_column(Integer)  # the year the estimate is for
    code: Mapped[str] = mapped_column(String(20))  # the line's code in the form's data file
    estimate: Mapped[int | None] = mapped_column(Integer)  # None: the app's proposal stands
    approved: Mapped[int | None] = mapped_column(Integer)  # what the upper level approved
    note: Mapped[str | None] = mapped_column(Text)
