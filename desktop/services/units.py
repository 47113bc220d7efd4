"""The unit's own data (names used on printed forms) and its groups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models import Member, Unit, UnitGroup, utcnow
from desktop.services.context import Context
from desktop.services.errors import SetupError, ValidationError
from desktop.services.statuses import CURRENT_STATUSES
from desktop.services.text import clean, fold

GROUP_KINDS = {"to": "Tổ công đoàn", "bo_phan": "Công đoàn bộ phận"}


@dataclass(frozen=True)
class UnitInfo:
    name: str
    upper_name: str
    code: str | None = None
    address: str | None = None
    tax_code: str | None = None
    chair_name: str | None = None
    accountant_name: str | None = None
    treasurer_name: str | None = None


@dataclass(frozen=True)
class GroupInfo:
    id: str | None  # None for a group not saved yet
    name: str
    kind: str = "to"
    member_count: int = 0


UNIT_FIELDS = ("name", "upper_name", "code", "address", "tax_code", "chair_name",
               "accountant_name", "treasurer_name")


class UnitService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def get(self) -> UnitInfo | None:
        with self.ctx.read() as s:
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            return UnitInfo(**{k: getattr(u, k) for k in UNIT_FIELDS}) if u else None

    def is_set_up(self) -> bool:
        return self.get() is not None

    def save(self, info: UnitInfo) -> UnitInfo:
        with self.ctx.write() as s:
            return self._save_unit(s, info)

    def save_settings(self, info: UnitInfo, groups: list[GroupInfo]) -> UnitInfo:
        """The unit and its groups together, in one transaction."""
        with self.ctx.write() as s:
            saved = self._save_unit(s, info)
            self._save_groups(s, groups)
        return saved

    def _save_unit(self, s, info: UnitInfo) -> UnitInfo:
        values = {k: clean(getattr(info, k)) for k in UNIT_FIELDS}
        errors = {}
        if not values["name"]:
            errors["unit_name"] = "không được để trống."
        if not values["upper_name"]:
            errors["upper_name"] = "không được để trống."
        if values["tax_code"] and not values["tax_code"].replace("-", "").isdigit():
            errors["tax_code"] = "mã số thuế chỉ gồm chữ số (và dấu -)."
        if errors:
            raise ValidationError(errors)
        u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is None:
            u = Unit()
            s.add(u)
        for k, v in values.items():
            setattr(u, k, v)
        u.device_id = self.ctx.device_id
        return UnitInfo(**values)

    # ---- groups --------------------------------------------------------------------
    def groups(self) -> list[GroupInfo]:
        counts = (select(Member.group_id, func.count().label("n"))
                  .where(Member.deleted_at.is_(None), Member.status.in_(CURRENT_STATUSES))
                  .group_by(Member.group_id).subquery())
        stmt = (select(UnitGroup.id, UnitGroup.name, UnitGroup.kind, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.group_id == UnitGroup.id)
                .where(UnitGroup.deleted_at.is_(None))
                .order_by(UnitGroup.sort_order, UnitGroup.name))
        with self.ctx.read() as s:
            return [GroupInfo(*r) for r in s.execute(stmt)]

    def save_groups(self, wanted: list[GroupInfo]) -> list[GroupInfo]:
        """Make the groups exactly `wanted` (in that order): add, rename, remove.

        A group that still has members cannot be removed: move them first.
        """
        with self.ctx.write() as s:
            self._save_groups(s, wanted)
        return self.groups()

    def _save_groups(self, s, wanted: list[GroupInfo]) -> None:
        names = [clean(g.name) for g in wanted]
        if any(not n for n in names):
            raise ValidationError({"name": "tên tổ công đoàn không được để trống."})
        seen = {}
        for n in names:
            if fold(n) in seen:
                raise ValidationError({"name": f"tên tổ “{n}” bị lặp."})
            seen[fold(n)] = n
        existing = {g.id: g for g in s.scalars(select(UnitGroup).where(UnitGroup.deleted_at.is_(None)))}
        keep = {g.id for g in wanted if g.id}
        for gid, g in existing.items():
            if gid not in keep:
                n = s.scalar(select(func.count()).select_from(Member).where(
                    Member.group_id == gid, Member.deleted_at.is_(None)))
                if n:
                    raise SetupError(f"Tổ “{g.name}” còn {n} đoàn viên: chuyển họ sang tổ khác trước khi xóa tổ.")
                g.deleted_at = utcnow()
                g.device_id = self.ctx.device_id
        for order, (g, name) in enumerate(zip(wanted, names)):
            row = existing.get(g.id) if g.id else None
            if row is None:
                row = UnitGroup()
                s.add(row)
            if (row.name, row.kind, row.sort_order) != (name, g.kind, order):
                row.name, row.kind, row.sort_order = name, g.kind, order
                row.device_id = self.ctx.device_id
