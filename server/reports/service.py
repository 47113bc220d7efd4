"""Figures of a sub-tree of the hierarchy for upper levels, computed from synced rows.

Read-only; an administrator sees only the units under their own. Dues are counted
from payments whose receipt was not voided, remittances from their vouchers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from protocol.tables import CURRENT_STATUSES
from server.devices.models import Device
from server.sync.models import Record
from server.units.models import Unit



@dataclass
class UnitFigures:
    code: str
    name: str
    parent_code: str | None
    members_by_status: dict[str, int] = field(default_factory=dict)
    current_by_gender: dict[str, int] = field(default_factory=dict)
    current_by_group: dict[str, int] = field(default_factory=dict)
    dues_due_by_month: dict[str, int] = field(default_factory=dict)  # as the unit's PCs computed it
    dues_collected_by_month: dict[str, int] = field(default_factory=dict)
    remitted_by_month: dict[str, int] = field(default_factory=dict)
    activities_by_kind: dict[str, int] = field(default_factory=dict)
    devices: list[dict] = field(default_factory=list)


def _live(tbl: str):
    return and_(Record.tbl == tbl, Record.deleted.is_(False))


def _not_voided(doc_field: str):
    void = aliased(Record)
    return ~exists().where(void.unit_id == Record.unit_id, void.tbl == "cash_doc_void", void.deleted.is_(False),
                           void.data["doc_id"].as_string() == Record.data[doc_field].as_string())


def figures(s: Session, units: list[Unit]) -> list[UnitFigures]:
    ids = [u.id for u in units]
    by_id = {u.id: u for u in units}
    codes = {u.id: u.code for u in units}
    out = {u.id: UnitFigures(u.code, u.name, codes.get(u.parent_id) if u.parent_id in by_id else None) for u in units}
    if not ids:
        return []
    in_units = Record.unit_id.in_(ids)

    status = Record.data["status"].as_string()
    for unit_id, value, n in s.execute(select(Record.unit_id, status, func.count())
                                       .where(in_units, _live("member")).group_by(Record.unit_id, status)):
        # A member without a status (or null) is active: it adds to the stated actives.
        counts = out[unit_id].members_by_status
        counts[value or "active"] = counts.get(value or "active", 0) + n

    current = and_(in_units, _live("member"), func.coalesce(status, "active").in_(CURRENT_STATUSES))
    gender = Record.data["gender"].as_string()
    for unit_id, value, n in s.execute(select(Record.unit_id, gender, func.count()).where(current)
                                       .group_by(Record.unit_id, gender)):
        out[unit_id].current_by_gender[value or "?"] = n

    group_names = {(u, g): name for u, g, name in s.execute(
        select(Record.unit_id, Record.row_id, Record.data["name"].as_string()).where(in_units, _live("unit_group")))}
    group = Record.data["group_id"].as_string()
    for unit_id, value, n in s.execute(select(Record.unit_id, group, func.count()).where(current)
                                       .group_by(Record.unit_id, group)):
        out[unit_id].current_by_group[group_names.get((unit_id, value), "(chưa xếp tổ)")] = n

    month = func.substr(Record.data["month"].as_string(), 1, 7)
    for unit_id, value, total in s.execute(
            select(Record.unit_id, month, func.sum(Record.data["amount"].as_integer()))
            .where(in_units, _live("dues_payment"), _not_voided("doc_id")).group_by(Record.unit_id, month)):
        out[unit_id].dues_collected_by_month[value] = int(total or 0)

    # What the dues came to: the law, the bases and the exemptions are applied on the PCs,
    # which send one row per month (desktop/services/dues_months.py).
    for unit_id, value, total in s.execute(
            select(Record.unit_id, month, func.sum(Record.data["due"].as_integer()))
            .where(in_units, _live("dues_month")).group_by(Record.unit_id, month)):
        out[unit_id].dues_due_by_month[value] = int(total or 0)

    period = func.substr(Record.data["period_to"].as_string(), 1, 7)
    for unit_id, value, total in s.execute(
            select(Record.unit_id, period, func.sum(Record.data["amount"].as_integer()))
            .where(in_units, _live("remittance"), _not_voided("voucher_id")).group_by(Record.unit_id, period)):
        out[unit_id].remitted_by_month[value] = int(total or 0)

    kind = Record.data["kind"].as_string()
    for unit_id, value, n in s.execute(select(Record.unit_id, kind, func.count())
                                       .where(in_units, _live("activity")).group_by(Record.unit_id, kind)):
        out[unit_id].activities_by_kind[value or "?"] = n

    for d in s.scalars(select(Device).where(Device.unit_id.in_(ids)).order_by(Device.number)):
        out[d.unit_id].devices.append({
            "number": d.number, "name": d.name, "enrolled_at": d.created_at.isoformat(sep=" ", timespec="seconds"),
            "last_sync_at": d.last_sync_at.isoformat(sep=" ", timespec="seconds") if d.last_sync_at else None,
            "revoked": d.revoked_at is not None, "id": d.id})
    return [out[u.id] for u in units]


def totals(rows: list[UnitFigures]) -> UnitFigures:
    """The sum over a sub-tree, as one more line of the same shape."""
    total = UnitFigures("*", "Tổng cộng", None)
    for attr in ("members_by_status", "current_by_gender", "dues_due_by_month", "dues_collected_by_month",
                 "remitted_by_month",
                 "activities_by_kind"):
        acc: dict[str, int] = defaultdict(int)
        for r in rows:
            for k, v in getattr(r, attr).items():
                acc[k] += v
        setattr(total, attr, dict(sorted(acc.items())))
    return total
