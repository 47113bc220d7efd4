"""Per unit and month, the facts upper levels read: kept up to date by each push, in its
own transaction, so that the figures of any node read a few rows instead of every synced
row of its sub-tree (issue 15).

A fact is (month, metric, key) -> (value, n): value is a sum (đồng, or members), n the
number of stored rows behind it, so a fact with value 0 (a month with nothing due) still
shows, and one with no rows left goes away. scope "o" holds a unit's own rows, scope "t"
its whole sub-tree (the unit and every unit below it): a push adds its change to the
unit's "o" rows and to the "t" rows of every unit on its path."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.base import Base


class Rollup(Base):
    __tablename__ = "rollup"

    unit_id: Mapped[int] = mapped_column(Integer, ForeignKey("unit.id"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)  # "o" own, "t" sub-tree
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "YYYY-MM", "" when it has none
    metric: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    n: Mapped[int] = mapped_column(BigInteger, default=0)
