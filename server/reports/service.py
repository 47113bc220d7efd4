"""Figures of a node of the hierarchy for upper levels, read from the rollups
(server/rollups): the node's own rows, each unit directly below it with its whole
sub-tree, and the node's sub-tree total. A few indexed rows per unit, whatever the
number of members or receipts below.

Read-only; an administrator sees only the units under their own. Dues are counted
from payments whose receipt was not voided, remittances from their vouchers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import BindParameter, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from protocol.tables import CURRENT_STATUSES
from server.base import utcnow
from server.devices.models import Device
from server.rollups.models import Rollup
from server.sync.models import Record
from server.units.models import Unit

NO_GROUP = "(chưa xếp tổ)"
SILENT_DAYS = 30  # a unit with PCs none of which synced for this long is "silent"


@dataclass
class UnitFigures:
    code: str
    name: str
    parent_code: str | None
    members_by_status: dict[str, int] = field(default_factory=dict)
    current_by_gender: dict[str, int] = field(default_factory=dict)
    current_by_group: dict[str, int] = field(default_factory=dict)
    current_by_ethnicity: dict[str, int] = field(default_factory=dict)
    current_by_birth_year: dict[str, int] = field(default_factory=dict)
    dues_due_by_month: dict[str, int] = field(default_factory=dict)  # as the unit's PCs computed it
    dues_collected_by_month: dict[str, int] = field(default_factory=dict)
    remitted_by_month: dict[str, int] = field(default_factory=dict)
    activities_by_kind: dict[str, int] = field(default_factory=dict)
    activities_by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # month -> kind -> count
    events_by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # admissions, leavers…
    cash_by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # "thu:category" -> đồng
    devices: list[dict] = field(default_factory=list)  # the unit's own PCs
    # The latest sync of any PC of the unit's whole sub-tree (itself and every unit below
    # it): filled for the units directly below a node by figures(syncs=True), None when none
    # has synced.
    last_sync_below: str | None = None
    # Filled with it: how many units of that sub-tree (the unit itself included) have had
    # a PC enrolled and have none that is not revoked and synced in the last SILENT_DAYS
    # days. The latest sync alone hides them as soon as any other unit of the sub-tree
    # syncs. None when not read (reports and the figures API do without it).
    silent_below: int | None = None
    has_below: bool | None = None  # whether the unit has units below it (None: not read)


MEMBER_FACTS = {"status": "members_by_status", "gender": "current_by_gender", "ethnicity": "current_by_ethnicity",
                "birth_year": "current_by_birth_year"}
MONTH_FACTS = {"due": "dues_due_by_month", "collected": "dues_collected_by_month", "remitted": "remitted_by_month"}


def _fill(out: UnitFigures, month: str, metric: str, key: str, value: int) -> None:
    if metric in MEMBER_FACTS:
        getattr(out, MEMBER_FACTS[metric])[key] = getattr(out, MEMBER_FACTS[metric]).get(key, 0) + value
    elif metric in MONTH_FACTS:
        target = getattr(out, MONTH_FACTS[metric])
        target[month] = target.get(month, 0) + value
    elif metric == "activity":
        out.activities_by_kind[key or "?"] = out.activities_by_kind.get(key or "?", 0) + value
        by_kind = out.activities_by_month.setdefault(month, {})
        by_kind[key] = by_kind.get(key, 0) + value
    elif metric == "event":
        out.events_by_month.setdefault(month, {})[key] = value
    elif metric.startswith("cash_"):
        out.cash_by_month.setdefault(month, {})[f"{metric[5:]}:{key}"] = value


def children(s: Session, node: Unit) -> list[Unit]:
    return list(s.scalars(select(Unit).where(Unit.parent_id == node.id).order_by(Unit.code)))


def figures(s: Session, node: Unit, below: list[Unit] | None = None,
            syncs: bool = False) -> tuple[list[UnitFigures], UnitFigures]:
    """([the node's own figures, then each unit below it with its sub-tree], the node's sub-tree total).
    syncs: also each unit below's latest sync of its sub-tree (`last_sync_below`) and its
    silent units (`silent_below`), for the web app's units table; reports do
    without them (at the root it reads every unit and PC)."""
    below = children(s, node) if below is None else below
    units = [node, *below]
    out = {u.id: UnitFigures(u.code, u.name, node.code) for u in below}
    own = UnitFigures(node.code, node.name, None if node.parent_id is None else s.get_one(Unit, node.parent_id).code)
    total = UnitFigures("*", "Tổng cộng", None)
    ids = [u.id for u in below]
    wanted = or_(Rollup.unit_id == node.id, Rollup.unit_id.in_(ids)) if ids else Rollup.unit_id == node.id
    groups: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, scope, month, metric, key, value, n in s.execute(
            select(Rollup.unit_id, Rollup.scope, Rollup.month, Rollup.metric, Rollup.key, Rollup.value, Rollup.n)
            .where(wanted).order_by(Rollup.month, Rollup.key)):
        if n <= 0:
            continue
        if metric == "group":
            if scope == "o":
                groups[unit_id][key] = value
            continue
        if unit_id == node.id:
            _fill(own if scope == "o" else total, month, metric, key, value)
        elif scope == "t":
            _fill(out[unit_id], month, metric, key, value)
    out[node.id] = own
    _group_names(s, groups, out)
    for d in s.scalars(select(Device).where(Device.unit_id.in_([u.id for u in units])).order_by(Device.number)):
        out[d.unit_id].devices.append({
            "number": d.number, "name": d.name, "enrolled_at": d.created_at.isoformat(sep=" ", timespec="seconds"),
            "last_sync_at": d.last_sync_at.isoformat(sep=" ", timespec="seconds") if d.last_sync_at else None,
            "revoked": d.revoked_at is not None, "id": d.id})
    if syncs and below:
        for uid, found in last_syncs_below(s, node).items():
            if uid in out and uid != node.id:
                f = out[uid]
                f.last_sync_below = found.last.isoformat(sep=" ", timespec="seconds") if found.last else None
                f.silent_below, f.has_below = found.silent, found.units > 1
    return [out[u.id] for u in units], total


class SyncsBelow(NamedTuple):
    last: datetime | None  # the latest sync of any PC of the sub-tree
    silent: int  # its units that have a PC and no live one synced in SILENT_DAYS days
    units: int  # its units, itself included: 1 when it has none below it


def last_syncs_below(s: Session, node: Unit, now: datetime | None = None) -> dict[int, SyncsBelow]:
    """For each unit directly below the node: the latest sync of any PC of its sub-tree and
    how many of its units are silent, in one query over the node's sub-tree (its units by
    their path prefix, an index range on PostgreSQL by migration 0009, and their devices),
    grouped by the path's segment right after the node's: the child each unit sits under.
    A max is not a sum, so it is not a rollup (a move or a PC's later sync could not be
    taken back by adding); and "silent" depends on today, which no rollup kept at a sync
    can know. This reads a row per unit and PC below the node, not per member.

    Silent: a unit that has had a PC enrolled (so it keeps its books in the app) and has
    no PC that is still allowed to sync (not revoked) and did so in SILENT_DAYS days: its
    PCs stopped, or its only PC was revoked and none replaced it. A unit that never had a
    PC is not counted: units with none below them are not all grassroots unions that
    should sync (a union group registered as a unit, a district union emptied by the
    2025 moves, a commune union made before its units moved under it)."""
    limit = (now or utcnow()) - timedelta(days=SILENT_DAYS)
    # The prefix written into the statement: as a parameter of a prepared statement,
    # PostgreSQL comes to plan it once for every node (a generic plan), and the plan good
    # for a province (read every PC) is then used for a commune (its ~40 units) as well.
    prefix: BindParameter[str] = bindparam("prefix", node.path + "%", literal_execute=True)
    # First per unit (LEFT JOIN: a unit with no PC is a row too, for the count of units).
    live_latest = func.max(case((Device.revoked_at.is_(None), Device.last_sync_at)))
    silent = (func.count(Device.id) > 0) & (live_latest.is_(None) | (live_latest < limit))
    per_unit = (select(Unit.path, func.max(Device.last_sync_at).label("last"),
                       case((silent, 1), else_=0).label("silent"))
                .outerjoin(Device, Device.unit_id == Unit.id)
                .where(Unit.path.like(prefix), Unit.id != node.id)
                .group_by(Unit.id, Unit.path).subquery())
    # Then per child of the node: the max of the maxes, the sum of the silent units.
    rest = func.substr(per_unit.c.path, len(node.path) + 1)  # "childid/…/" below the node
    child = (func.split_part(rest, "/", 1) if s.connection().dialect.name == "postgresql"
             else func.substr(rest, 1, func.instr(rest, "/") - 1))
    found = s.execute(select(child, func.max(per_unit.c.last), func.sum(per_unit.c.silent), func.count())
                      .group_by(child))
    return {int(c): SyncsBelow(at, int(silent or 0), units) for c, at, silent, units in found if c}


def _group_names(s: Session, groups: dict[int, dict[str, int]], out: dict[int, UnitFigures]) -> None:
    """Groups belong to their unit: named from its live unit_group rows (a handful a unit),
    read for every unit shown in one query."""
    wanted = sorted(u for u, counts in groups.items() if any(counts))  # "" is the members of no group
    names: dict[tuple[int, str], str] = {}
    for i in range(0, len(wanted), 1000):
        names.update({(u, g): name for u, g, name in s.execute(
            select(Record.unit_id, Record.row_id, Record.data["name"].as_string()).where(
                Record.unit_id.in_(wanted[i:i + 1000]), Record.tbl == "unit_group", Record.deleted.is_(False)))})
    for unit_id, counts in groups.items():
        named: dict[str, int] = {}
        for group_id, n in counts.items():
            name = names.get((unit_id, group_id)) or NO_GROUP
            named[name] = named.get(name, 0) + n
        out[unit_id].current_by_group = named


def current_members(f: UnitFigures) -> int:
    return sum(v for k, v in f.members_by_status.items() if k in CURRENT_STATUSES)
