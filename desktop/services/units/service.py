"""The unit's own data (names used on printed forms) and its groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Member, Unit, UnitGroup, utcnow
from desktop.services.core.context import Context
from desktop.services.core.errors import SetupError, ValidationError
from desktop.services.core.money import money_bound_problem
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.core.text import clean, fold
from desktop.services.units.first_sync import FIRST_SYNC_MESSAGE, first_sync_unfinished

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


@dataclass(frozen=True)
class DuesSettings:
    """The unit's dues and accounting settings (DOMAIN.md: configurable)."""

    dues_group: int = 3
    higher_rate_percent: str | None = None  # "1" or "0,8": percent, as people write it
    rounding: int = 1
    dues_from: date | None = None
    remit_share_percent: str | None = None  # None: the dated rule (30% since 01/01/2023, QĐ 8108/QĐ-TLĐ)
    qhns_code: str | None = None
    place: str | None = None
    circular_c40: str | None = None
    circular_c41: str | None = None
    words_linh_le: str = "linh"
    words_nghin_ngan: str = "nghìn"
    opening_balance: int = 0
    opening_date: date | None = None


DEFAULT_CIRCULAR = ("(Ban hành kèm theo Thông tư số 24/2024/TT-BTC ngày 17 tháng 4 năm 2024 "
                    "của Bộ trưởng Bộ Tài chính)")
DUES_GROUPS = {1: "Nhóm 1: đơn vị sự nghiệp công lập chưa tự bảo đảm chi thường xuyên",
               2: "Nhóm 2: doanh nghiệp nhà nước",
               3: "Nhóm 3: doanh nghiệp ngoài nhà nước, hợp tác xã, FDI, tổ chức nước ngoài"}


def percent_to_bp(text: str | None, field: str) -> int | None:
    """"1", "0,8", "0.8%" → basis points (100, 80, 80)."""
    s = (clean(text) or "").replace("%", "").replace(",", ".").strip()
    if not s:
        return None
    try:
        value = round(float(s) * 100)
    except ValueError:
        raise ValidationError({field: f"“{text}” không phải tỷ lệ phần trăm (ví dụ 1 hoặc 0,8)."}) from None
    if not 0 < value <= 10000:
        raise ValidationError({field: f"tỷ lệ {text}% không hợp lý."})
    return value


def bp_to_percent(bp: int | None) -> str | None:
    if bp is None:
        return None
    return f"{bp / 100:g}".replace(".", ",")


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

    def save_settings(self, info: UnitInfo, groups: list[GroupInfo], dues: DuesSettings | None = None) -> UnitInfo:
        """The unit, its groups and its dues settings together, in one transaction."""
        with self.ctx.write() as s:
            return self.write_settings(s, info, groups, dues)

    def write_settings(self, s: Session, info: UnitInfo, groups: list[GroupInfo],
                       dues: DuesSettings | None = None) -> UnitInfo:
        """save_settings inside the caller's transaction (the first start writes the unit's
        first bank account in the same one)."""
        saved = self._save_unit(s, info)
        self._save_groups(s, groups)
        if dues is not None:
            self._save_dues(s, dues)
        return saved

    def _save_unit(self, s: Session, info: UnitInfo) -> UnitInfo:
        name, upper_name, tax_code = clean(info.name), clean(info.upper_name), clean(info.tax_code)
        errors = {}
        if not name:
            errors["unit_name"] = "không được để trống."
        if not upper_name:
            errors["upper_name"] = "không được để trống."
        if tax_code and not tax_code.replace("-", "").isdigit():
            errors["tax_code"] = "mã số thuế chỉ gồm chữ số (và dấu -)."
        if errors or not name or not upper_name:
            raise ValidationError(errors)
        saved = UnitInfo(name, upper_name, clean(info.code), clean(info.address), tax_code, clean(info.chair_name),
                         clean(info.accountant_name), clean(info.treasurer_name))
        u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is None:
            if first_sync_unfinished(s):  # the unit's row is still to come from the server
                raise SetupError(FIRST_SYNC_MESSAGE)
            u = Unit()
            s.add(u)
        for k in UNIT_FIELDS:
            setattr(u, k, getattr(saved, k))
        u.device_id = self.ctx.device_id
        return saved

    # ---- dues settings --------------------------------------------------------------
    def dues_settings(self) -> DuesSettings:
        with self.ctx.read() as s:
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            if u is None:
                return DuesSettings()
            return DuesSettings(u.dues_group, bp_to_percent(u.higher_rate_bp), u.rounding,
                                u.dues_from or u.created_at.date().replace(day=1),
                                bp_to_percent(u.remit_share_bp), u.qhns_code, u.place,
                                u.circular_c40 or DEFAULT_CIRCULAR, u.circular_c41 or DEFAULT_CIRCULAR,
                                u.words_linh_le, u.words_nghin_ngan, u.opening_balance, u.opening_date)

    def _check_dues(self, d: DuesSettings) -> tuple[int | None, int | None]:
        errors = {}
        if d.dues_group not in DUES_GROUPS:
            errors["dues_group"] = "chọn nhóm 1, 2 hoặc 3."
        if d.rounding not in (1, 100, 1000):
            errors["rounding"] = "làm tròn đến 1, 100 hoặc 1.000 đồng."
        if d.words_linh_le not in ("linh", "lẻ") or d.words_nghin_ngan not in ("nghìn", "ngàn"):
            errors["words"] = "chọn linh/lẻ và nghìn/ngàn."
        problem = "cần nhập số tiền." if d.opening_balance is None else money_bound_problem(d.opening_balance, "số dư")
        if problem:
            errors["opening_balance"] = problem
        if d.opening_date is not None and d.opening_date > date.today():
            errors["cash_opening_date"] = f"ngày {d.opening_date:%d/%m/%Y} ở trong tương lai."
        higher = remit = None
        try:
            higher = percent_to_bp(d.higher_rate_percent, "higher_rate")
        except ValidationError as e:
            errors.update(e.errors)
        try:
            remit = percent_to_bp(d.remit_share_percent, "remit_share")
        except ValidationError as e:
            errors.update(e.errors)
        if higher is not None and d.dues_group == 1:
            errors["higher_rate"] = "chỉ công đoàn cơ sở nhóm 2 và 3 được thu cao hơn theo nghị quyết."
        if errors:
            raise ValidationError(errors)
        return higher, remit

    def save_dues_settings(self, d: DuesSettings) -> DuesSettings:
        with self.ctx.write() as s:
            self._save_dues(s, d)
        return self.dues_settings()

    def _save_dues(self, s: Session, d: DuesSettings) -> None:
        higher, remit = self._check_dues(d)
        u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is None:
            raise SetupError("Chưa khởi tạo đơn vị.")
        u.dues_group, u.higher_rate_bp, u.rounding = d.dues_group, higher, d.rounding
        u.dues_from = d.dues_from.replace(day=1) if d.dues_from else None
        u.remit_share_bp = remit
        u.qhns_code, u.place = clean(d.qhns_code), clean(d.place)
        u.circular_c40 = clean(d.circular_c40) if clean(d.circular_c40) != DEFAULT_CIRCULAR else None
        u.circular_c41 = clean(d.circular_c41) if clean(d.circular_c41) != DEFAULT_CIRCULAR else None
        u.words_linh_le, u.words_nghin_ngan = d.words_linh_le, d.words_nghin_ngan
        u.opening_balance, u.opening_date = d.opening_balance, d.opening_date
        u.device_id = self.ctx.device_id

    # ---- groups --------------------------------------------------------------------
    def groups(self) -> list[GroupInfo]:
        # Grouped by an expression, not the bare column: else SQLite walks ix_member_group
        # and reads every member row in its order (140 ms at 100,000 members) instead of
        # scanning the narrow ix_member_list that covers the query (40 ms).
        group_id = func.coalesce(Member.group_id, "").label("group_id")
        counts = (select(group_id, func.count().label("n"))
                  .where(Member.deleted_at.is_(None), Member.status.in_(CURRENT_STATUSES))
                  .group_by(group_id).subquery())
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

    def _save_groups(self, s: Session, wanted: list[GroupInfo]) -> None:
        names = [n for n in (clean(g.name) for g in wanted) if n]
        if len(names) != len(wanted):
            raise ValidationError({"name": "tên tổ công đoàn không được để trống."})
        seen: set[str] = set()
        for n in names:
            if fold(n) in seen:
                raise ValidationError({"name": f"tên tổ “{n}” bị lặp."})
            seen.add(fold(n))
        existing = {g.id: g for g in s.scalars(select(UnitGroup).where(UnitGroup.deleted_at.is_(None)))}
        keep = {g.id for g in wanted if g.id}
        for gid, group in existing.items():
            if gid not in keep:
                members = s.scalar(select(func.count()).select_from(Member).where(
                    Member.group_id == gid, Member.deleted_at.is_(None)))
                if members:
                    raise SetupError(f"Tổ “{group.name}” còn {members} đoàn viên: chuyển họ sang tổ khác trước khi "
                                     "xóa tổ.")
                group.deleted_at = utcnow()
                group.device_id = self.ctx.device_id
        for order, (g, name) in enumerate(zip(wanted, names)):
            row = existing.get(g.id) if g.id else None
            if row is None:
                row = UnitGroup()
                s.add(row)
            if (row.name, row.kind, row.sort_order) != (name, g.kind, order):
                row.name, row.kind, row.sort_order = name, g.kind, order
                row.device_id = self.ctx.device_id
