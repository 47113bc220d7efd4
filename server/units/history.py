"""The dated history of the hierarchy: which unit was above which, month by month.

A unit's current parent is `unit.parent_id` (and `unit.path` its current ancestors). Each
move by decision is a row of `unit_move`: from the month `valid_from` on, the unit is
under `new_parent_id`; before it, under `old_parent_id`. So the parent of a unit in a
month M is the old parent of its first move after M, or its current parent when it has
none; its ancestors in M follow parent by parent. Rollup months are "YYYY-MM"; the month
"" holds current state (members by status, sex…), which belongs to the current parent.

Months are the granularity because the rollups are monthly: a decision takes effect from
the month of its date (units/moves.py says why)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.base import Base, utcnow
from server.units.models import Unit

FIRST = "0000-00"  # a month before any: the parents before every move
NOW = "9999-98"  # the month of current state ("" in the rollups): after every move
END = "9999-99"  # the end of the open interval


class UnitMove(Base):
    __tablename__ = "unit_move"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    old_parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    new_parent_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    valid_from: Mapped[str] = mapped_column(String(7))  # "YYYY-MM": the first month under the new parent
    decision_no: Mapped[str] = mapped_column(String(50))
    decision_date: Mapped[date] = mapped_column(Date)
    moved_by: Mapped[str] = mapped_column(String(100))  # the administrator's name, or the command line
    moved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def _ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def _key(month: str) -> str:
    return month or NOW


class Ancestry:
    """Parents month by month, read once from the database (for the rebuilds; a push
    reads only what it needs through `paths_at`)."""

    def __init__(self, s: Session, units: Iterable[tuple[int, int | None, str]] | None = None) -> None:
        rows = units if units is not None else s.execute(select(Unit.id, Unit.parent_id, Unit.path))
        self.parent: dict[int, int | None] = {}
        self.path: dict[int, list[int]] = {}
        for uid, parent, path in rows:
            self.parent[uid] = parent
            self.path[uid] = _ids(path)
        self.moves: dict[int, list[tuple[str, int | None]]] = {}
        for uid, valid_from, old in s.execute(select(UnitMove.unit_id, UnitMove.valid_from, UnitMove.old_parent_id)
                                              .order_by(UnitMove.valid_from, UnitMove.id)):
            self.moves.setdefault(uid, []).append((valid_from, old))
        self.breaks = sorted({m for ms in self.moves.values() for m, _ in ms})
        # Units whose ancestors ever changed: those with a moved unit on their current path
        # (if none on it moved after M, each one's parent in M is its current parent).
        self.affected = {uid for uid, path in self.path.items() if any(p in self.moves for p in path)}
        self._cache: dict[tuple[int, str], list[int]] = {}

    def parent_at(self, uid: int, month: str) -> int | None:
        for valid_from, old in self.moves.get(uid, ()):
            if valid_from > month:
                return old
        return self.parent.get(uid)

    def path_at(self, uid: int, month: str) -> list[int]:
        """The unit's ancestors in the month, from the top down, itself last."""
        month = _key(month)
        if uid not in self.affected:
            return self.path[uid]
        found = self._cache.get((uid, month))
        if found is None:
            chain: list[int] = []
            node: int | None = uid
            while node is not None and node not in chain:  # a cycle cannot be stored; never loop
                chain.append(node)
                node = self.parent_at(node, month)
            found = self._cache[(uid, month)] = chain[::-1]
        return found

    def intervals(self, uid: int) -> list[tuple[str, str, list[int]]]:
        """(from month, to month excluded, ancestors) covering every month of a unit, the
        current state (NOW) in the last one; neighbours with the same ancestors joined."""
        if uid not in self.affected:
            return [("", END, self.path[uid])]
        out: list[tuple[str, str, list[int]]] = []
        starts = [FIRST, *self.breaks]
        for i, start in enumerate(starts):
            path = self.path_at(uid, start)
            end = starts[i + 1] if i + 1 < len(starts) else END
            if out and out[-1][2] == path:
                out[-1] = (out[-1][0], end, path)
            else:
                out.append(("" if i == 0 else start, end, path))
        return out


def parent_at(s: Session, uid: int, month: str) -> int | None:
    if month:
        old = s.execute(select(UnitMove.old_parent_id).where(UnitMove.unit_id == uid, UnitMove.valid_from > month)
                        .order_by(UnitMove.valid_from, UnitMove.id).limit(1)).first()
        if old is not None:
            return old[0]
    return s.scalar(select(Unit.parent_id).where(Unit.id == uid))


def path_at(s: Session, uid: int, month: str) -> list[int]:
    """The unit's ancestors in the month ("" the current ones), from the top down, itself last."""
    chain: list[int] = []
    node: int | None = uid
    while node is not None and node not in chain:
        chain.append(node)
        node = parent_at(s, node, month)
    return chain[::-1]


def paths_at(s: Session, uid: int, months: Iterable[str]) -> dict[str, list[int]]:
    """path_at() of each month; one query when nothing on the unit's path moved after the
    earliest of them (the usual case: the current path serves every month)."""
    current = _ids(s.scalar(select(Unit.path).where(Unit.id == uid)) or "")
    months = set(months)
    out = dict.fromkeys(months, current)
    dated = sorted(m for m in months if m)
    if dated and s.scalar(select(UnitMove.id).where(UnitMove.unit_id.in_(current),
                                                    UnitMove.valid_from > dated[0]).limit(1)) is not None:
        for m in dated:
            out[m] = path_at(s, uid, m)
    return out


def history(s: Session, uid: int) -> list[UnitMove]:
    return list(s.scalars(select(UnitMove).where(UnitMove.unit_id == uid)
                          .order_by(UnitMove.valid_from, UnitMove.id)))
