"""The rebuild of the rollups from the stored rows (after a migration or a restore, or to
check them): what the stored rows say, against what the rollups hold, corrected and
reported. `congdoan-server rebuild-rollups` runs it.

A unit's sub-tree (`--unit`) is rebuilt unit by unit with the push's own `facts()`;
everything at once is rebuilt set-wise (rollups/setwise.py: one INSERT … SELECT … GROUP
BY for the own rollups of every unit, one for the sub-tree rollups), because unit by unit
takes about 0.1 s a unit, hours for the 130,000 units of the whole country."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.rollups import setwise
from server.rollups.models import Rollup
from server.rollups.service import TABLES, VOIDS, Delta, add, apply, doc_of, facts, upsert, voided_doc
from server.sync.models import Record
from server.units.history import Ancestry, paths_at
from server.units.models import Unit


def computed(s: Session, unit_id: int) -> Delta:
    """A unit's own rollups worked out from its stored rows alone."""
    voided = {voided_doc(tbl, data) for tbl, data in s.execute(select(Record.tbl, Record.data).where(
        Record.unit_id == unit_id, Record.tbl.in_(sorted(VOIDS)), Record.deleted.is_(False)))}
    voided.discard(None)
    out: Delta = {}
    for tbl, data in s.execute(select(Record.tbl, Record.data).where(
            Record.unit_id == unit_id, Record.tbl.in_(sorted(TABLES)), Record.deleted.is_(False))
            .execution_options(yield_per=5000)):
        add(out, facts(tbl, data, doc_of(tbl, data) in voided), +1)
    return {f: v for f, v in out.items() if v[1]}


def stored(s: Session, unit_id: int, scope: str = "o") -> Delta:
    return {(m, metric, k): [v, n] for m, metric, k, v, n in s.execute(
        select(Rollup.month, Rollup.metric, Rollup.key, Rollup.value, Rollup.n)
        .where(Rollup.unit_id == unit_id, Rollup.scope == scope))}


def difference(want: Delta, have: Delta) -> Delta:
    out: Delta = {}
    for fact in want.keys() | have.keys():
        a, b = want.get(fact, [0, 0]), have.get(fact, [0, 0])
        if a != b:
            out[fact] = [a[0] - b[0], a[1] - b[1]]
    return out


def rebuild_unit(s: Session, unit: Unit) -> Delta:
    """Puts a unit's own rollups (and so the sub-tree rollups above it) back to what its
    stored rows say; returns what it corrected (empty when they agreed)."""
    fix = difference(computed(s, unit.id), stored(s, unit.id))
    apply(s, unit, fix)
    return fix


def tree_computed(s: Session, unit: Unit, ancestry: Ancestry | None = None) -> Delta:
    """A unit's sub-tree rollups as the sum of the own rollups of the units below it in
    each month (units/history.py): those below it now, and those a move took away from it
    for the months before the move."""
    ancestry = ancestry or Ancestry(s)
    out: Delta = {}
    below = Unit.path.startswith(unit.path)
    if ancestry.affected:
        below = or_(below, Rollup.unit_id.in_(sorted(ancestry.affected)))
    for uid, m, metric, k, v, n in s.execute(
            select(Rollup.unit_id, Rollup.month, Rollup.metric, Rollup.key, Rollup.value, Rollup.n)
            .join(Unit, Unit.id == Rollup.unit_id).where(below, Rollup.scope == "o")):
        if uid in ancestry.affected and unit.id not in ancestry.path_at(uid, m):
            continue
        acc = out.setdefault((m, metric, k), [0, 0])
        acc[0] += v
        acc[1] += n
    return {f: v for f, v in out.items() if v != [0, 0]}


def rebuild(s: Session, top: Unit | None = None) -> dict[str, int]:
    """Every unit of the sub-tree of `top` (or of every tree): own rollups from the stored
    rows, then each sub-tree rollup from the own ones. Returns {unit code: facts corrected}."""
    return rebuild_by_unit(s, top) if top is not None else setwise.rebuild_all(s)


def rebuild_by_unit(s: Session, top: Unit | None = None) -> dict[str, int]:
    """rebuild() one unit after the other, with the push's own `facts()`."""
    query = select(Unit).order_by(Unit.path)
    if top is not None:
        query = query.where(Unit.path.startswith(top.path))
    units = list(s.scalars(query))
    corrected: Counter[str] = Counter()
    for unit in units:
        fix = difference(computed(s, unit.id), stored(s, unit.id))
        if fix:
            corrected[unit.code] += len(fix)
            upsert(s, sorted((unit.id, "o", *f, v, n) for f, (v, n) in fix.items()))
    # Sub-tree rows: from the own rows below (units above `top` get the same change).
    ancestry = Ancestry(s)
    for unit in reversed(units):
        fix = difference(tree_computed(s, unit, ancestry), stored(s, unit.id, "t"))
        if fix:
            corrected[unit.code] += len(fix)
            upsert(s, sorted((unit.id, "t", *f, v, n) for f, (v, n) in fix.items()))
            if top is not None and unit.id == top.id:  # its ancestors in each month, itself left out
                paths = paths_at(s, top.id, {f[0] for f in fix})
                upsert(s, sorted((a, "t", *f, v, n) for f, (v, n) in fix.items() for a in paths[f[0]][:-1]))
    return dict(corrected)
