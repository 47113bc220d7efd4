"""Members: list, search, add, edit, and their status events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnClause, ColumnElement, SQLColumnExpression, and_, func, literal_column, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.models import Member, MemberEvent, UnitGroup, utcnow
from desktop.services.core.context import Context
from desktop.services.core.dates import format_date
from desktop.services.core.errors import (
    DuplicateMemberError,
    NotFoundError,
    StatusChangeError,
    ValidationError,
)
from desktop.services.core.permissions import (
    PERSONAL_FIELDS,
    PermissionDeniedError,
    is_masked,
    mask_id,
    may_see_personal,
    refuse_personal,
)
from desktop.services.core.statuses import (
    CURRENT_STATUSES,
    EVENT_KINDS,
    FIRST_EVENT_KINDS,
    STATUS_LABELS,
    can_follow,
    status_after,
)
from desktop.services.core.text import clean, fold, search_terms, sort_key
from desktop.services.dues.calc import month_index
from desktop.services.dues.service import record_basis_change
from desktop.services.members.rules import MemberInput, dup_key, parse_member, search_key

INPUT_FIELDS = [f.name for f in fields(MemberInput) if f.name != "first_event"]


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One line of the members list."""

    id: str
    full_name: str
    birth_date: date | None
    birth_year_only: bool
    gender: str
    id_number: str | None
    group_name: str | None
    phone: str | None
    card_number: str | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def birth_text(self) -> str:
        return format_date(self.birth_date, year_only=self.birth_year_only)


@dataclass(frozen=True)
class EventRow:
    id: str
    kind: str
    label: str
    event_date: date | None
    reason: str | None
    decision_number: str | None


@dataclass(frozen=True)
class MemberDetail:
    id: str
    data: MemberInput
    group_name: str | None
    status: str
    events: tuple[EventRow, ...]
    # Personal fields that have a value the user may not see: data holds them masked
    # (the ID number) or empty (the salary). See services/permissions.py.
    hidden: frozenset[str] = frozenset()
    # When the member's personal data was erased (services/personal_data.py).
    erased_at: datetime | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class MemberQuery:
    search: str = ""
    status: str | None = "current"  # None: all; "current": on the books; else one status
    group_id: str | None = None
    sort: str = "name"
    descending: bool = False
    # The home page's figures open the list behind them: women, young members, those
    # admitted or gone this year.
    gender: str | None = None
    born_after: date | None = None
    event_kinds: tuple[str, ...] = ()
    event_from: date | None = None
    event_to: date | None = None


SORT_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "name": Member.sort_key,
    "birth_date": Member.birth_date,
    "gender": Member.gender,
    "id_number": Member.id_number,
    "group": UnitGroup.name,
    "phone": Member.phone,
    "card_number": Member.card_number,
    "status": Member.status,
}


@dataclass(frozen=True)
class DuplicateMatch:
    id: str
    full_name: str
    birth_text: str
    id_number: str | None
    card_number: str | None
    status_label: str
    reason: str


class ExportRow(NamedTuple):
    """One member as the export writes it."""

    member: MemberInput
    group_name: str | None
    status: str


def _where(query: MemberQuery, hide_ids: bool = False) -> ColumnElement[bool]:
    """hide_ids: the user may not see ID numbers, so a search never matches on them (a
    search would otherwise tell the masked digits one by one)."""
    cond: list[ColumnElement[bool]] = [Member.deleted_at.is_(None)]
    if query.status == "current":
        cond.append(Member.status.in_(CURRENT_STATUSES))
    elif query.status:
        cond.append(Member.status == query.status)
    if query.group_id:
        cond.append(Member.group_id == query.group_id)
    if query.gender:
        cond.append(Member.gender == query.gender)
    if query.born_after:
        cond.append(Member.birth_date > query.born_after)
    if query.event_kinds:
        ev = select(MemberEvent.id).where(MemberEvent.member_id == Member.id, MemberEvent.deleted_at.is_(None),
                                          MemberEvent.kind.in_(query.event_kinds))
        if query.event_from:
            ev = ev.where(MemberEvent.event_date >= query.event_from)
        if query.event_to:
            ev = ev.where(MemberEvent.event_date <= query.event_to)
        cond.append(ev.exists())
    for term in search_terms(query.search):
        # instr() on the folded key: substring match, no diacritics, no case.
        key: SQLColumnExpression[str] = Member.search_key
        if hide_ids and any(ch.isdigit() for ch in term):
            key = func.replace(Member.search_key, func.coalesce(Member.id_number, ""), "")
        cond.append(func.instr(key, term) > 0)
    return and_(*cond)


# The columns page() reads, in MemberRow's order.
_ListColumns = tuple[str, str, date | None, bool, str, str | None, str | None, str | None, str | None, str]


def _row(columns: _ListColumns, see_personal: bool) -> MemberRow:
    row = MemberRow(*columns)
    return row if see_personal else replace(row, id_number=mask_id(row.id_number))


def masked_input(v: MemberInput) -> MemberInput:
    """A member's fields as a role without personal-data access sees them."""
    return replace(v, id_number=mask_id(v.id_number), salary=None)


class MemberService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- reading -------------------------------------------------------------------
    def count(self, query: MemberQuery = MemberQuery()) -> int:
        hide = not may_see_personal(self.ctx)
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).select_from(Member).where(_where(query, hide))) or 0

    def first_page(self, query: MemberQuery, limit: int = 200) -> tuple[list[MemberRow], int]:
        """The list's first rows and how many match in all. A search for something rare
        scans the whole index for its page already: when the page is not full, that is
        the count, and the second scan (20 ms at 100,000 members) is saved."""
        rows = self.page(query, 0, limit)
        return rows, (len(rows) if len(rows) < limit else self.count(query))

    def page(self, query: MemberQuery, offset: int = 0, limit: int = 200) -> list[MemberRow]:
        """One page of the list. The page's row ids are found first on the covering
        index alone, then only those rows are read: deep pages stay cheap."""
        see = may_see_personal(self.ctx)
        col = SORT_COLUMNS.get(query.sort, Member.sort_key)
        if col is Member.id_number and not see:
            col = Member.sort_key  # the order of hidden numbers would tell something about them
        rowid: ColumnClause[int] = literal_column("member.rowid")
        order: list[SQLColumnExpression[Any]] = [col.desc() if query.descending else col.asc()]
        if col is not Member.sort_key:
            order.append(Member.sort_key)
        order.append(rowid)
        ids = select(rowid).select_from(Member).where(_where(query, not see))
        if col is UnitGroup.name:
            ids = ids.outerjoin(UnitGroup, UnitGroup.id == Member.group_id)
        ids = ids.order_by(*order).offset(offset).limit(limit)
        stmt = (
            select(Member.id, Member.full_name, Member.birth_date, Member.birth_year_only,
                   Member.gender, Member.id_number, UnitGroup.name.label("group_name"),
                   Member.phone, Member.card_number, Member.status)
            .outerjoin(UnitGroup, UnitGroup.id == Member.group_id)
            .where(rowid.in_(ids.scalar_subquery()))
            .order_by(*order)
        )
        with self.ctx.read() as s:
            return [_row(r, see) for r in s.execute(stmt)]

    def export_rows(self, query: MemberQuery) -> list[ExportRow]:
        """Every member matching the query, in list order, with all fields (the personal
        ones masked for a role that may not see them)."""
        see = may_see_personal(self.ctx)
        cols = [getattr(Member, k) for k in INPUT_FIELDS]
        stmt = (select(*cols, UnitGroup.name, Member.status)
                .outerjoin(UnitGroup, UnitGroup.id == Member.group_id)
                .where(_where(query, not see)).order_by(Member.sort_key, Member.id))
        n = len(INPUT_FIELDS)
        with self.ctx.read() as s:
            rows = [ExportRow(MemberInput(**dict(zip(INPUT_FIELDS, r[:n]))), r[n], r[n + 1]) for r in s.execute(stmt)]
        return rows if see else [r._replace(member=masked_input(r.member)) for r in rows]

    def get(self, member_id: str) -> MemberDetail:
        with self.ctx.read() as s:
            return self._detail(s, self._load(s, member_id))

    def _load(self, s: Session, member_id: str) -> Member:
        m = s.get(Member, member_id)
        if m is None or m.deleted_at is not None:
            raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
        return m

    def _detail(self, s: Session, m: Member) -> MemberDetail:
        data = MemberInput(**{k: getattr(m, k) for k in INPUT_FIELDS})
        hidden: frozenset[str] = frozenset()
        if not may_see_personal(self.ctx):
            hidden = frozenset(k for k in PERSONAL_FIELDS if getattr(data, k) is not None)
            data = masked_input(data)
        group = s.get(UnitGroup, m.group_id) if m.group_id else None
        events = s.scalars(
            select(MemberEvent).where(MemberEvent.member_id == m.id, MemberEvent.deleted_at.is_(None))
            .order_by(MemberEvent.seq)
        )
        return MemberDetail(
            id=m.id, data=data, group_name=group.name if group else None, status=m.status,
            events=tuple(EventRow(e.id, e.kind, EVENT_KINDS[e.kind].label, e.event_date, e.reason,
                                  e.decision_number) for e in events),
            hidden=hidden, erased_at=m.erased_at,
        )

    # ---- checking ------------------------------------------------------------------
    def group_lookup(self, s: Session) -> dict[str, str]:
        rows = s.execute(select(UnitGroup.name, UnitGroup.id).where(UnitGroup.deleted_at.is_(None)))
        return {fold(name): gid for name, gid in rows}

    def parse(self, raw: Mapping[str, object]) -> MemberInput:
        """Check raw form values; ValidationError names every wrong field."""
        with self.ctx.read() as s:
            parsed = parse_member(raw, groups=self.group_lookup(s))
        if parsed.errors or parsed.value is None:
            raise ValidationError(parsed.errors, parsed.warnings)
        return parsed.value

    def warnings(self, raw: Mapping[str, object]) -> list[str]:
        with self.ctx.read() as s:
            return parse_member(raw, groups=self.group_lookup(s)).warnings

    def find_duplicates(self, s: Session, v: MemberInput, exclude_id: str | None = None
                        ) -> tuple[list[DuplicateMatch], bool]:
        """Existing members that look like v; the flag says whether one is certain."""
        conds = [Member.dup_key == dup_key(v.full_name, v.birth_date)]
        if v.id_number:
            conds.append(Member.id_number == v.id_number)
        if v.card_number:
            conds.append(Member.card_number == v.card_number)
        stmt = select(Member).where(Member.deleted_at.is_(None), or_(*conds))
        if exclude_id:
            stmt = stmt.where(Member.id != exclude_id)
        matches, blocking = [], False
        see = may_see_personal(self.ctx)
        for m in s.scalars(stmt):
            if v.id_number and m.id_number == v.id_number:
                reason, blocking = f"cùng số giấy tờ {v.id_number}", True
            elif v.card_number and m.card_number == v.card_number:
                reason, blocking = f"cùng số thẻ đoàn viên {v.card_number}", True
            elif (m.birth_year_only or v.birth_year_only or m.birth_date == v.birth_date):
                reason = "cùng họ tên và ngày sinh"
            else:
                continue
            matches.append(DuplicateMatch(
                m.id, m.full_name, format_date(m.birth_date, year_only=m.birth_year_only),
                m.id_number if see else mask_id(m.id_number), m.card_number, STATUS_LABELS[m.status], reason))
        return matches, blocking

    def _check_duplicates(self, s: Session, v: MemberInput, exclude_id: str | None, confirm_similar: bool) -> None:
        matches, blocking = self.find_duplicates(s, v, exclude_id)
        if not matches or (not blocking and confirm_similar):
            return
        lines = [f"• {d.full_name} ({d.birth_text}, {d.status_label}): {d.reason}" for d in matches]
        if blocking:
            msg = ("Đã có đoàn viên trùng số giấy tờ hoặc số thẻ; không tạo bản ghi thứ hai. "
                   "Hãy mở hồ sơ đó (kể cả khi người ấy đã ra khỏi tổ chức, để kết nạp lại):\n")
        else:
            msg = "Có thể trùng với đoàn viên đã có:\n"
        raise DuplicateMemberError(msg + "\n".join(lines), matches, blocking=blocking)

    # ---- writing -------------------------------------------------------------------
    def write_fields(self, m: Member, v: MemberInput) -> None:
        """v's fields onto the member's row, with the search, sort and duplicate keys
        made from them (also for the members the social-insurance list admits)."""
        for k in INPUT_FIELDS:
            setattr(m, k, getattr(v, k))
        m.search_key = search_key(v)
        m.sort_key = sort_key(v.full_name)
        m.dup_key = dup_key(v.full_name, v.birth_date)
        m.device_id = self.ctx.device_id

    def add(self, raw: Mapping[str, object] | MemberInput, *, confirm_similar: bool = False) -> MemberDetail:
        v = raw if isinstance(raw, MemberInput) else self.parse(raw)
        if v.first_event not in FIRST_EVENT_KINDS:
            raise StatusChangeError(f"Không thể bắt đầu hồ sơ bằng “{v.first_event}”.")
        with self.ctx.write() as s:
            self._check_duplicates(s, v, None, confirm_similar)
            m = Member()
            self.write_fields(m, v)
            m.status = EVENT_KINDS[v.first_event].to_status
            s.add(m)
            s.flush()
            s.add(MemberEvent(member_id=m.id, kind=v.first_event, event_date=v.joined_date,
                              seq=1, device_id=self.ctx.device_id))
            s.flush()
            return self._detail(s, m)

    def _keep_hidden(self, raw: Mapping[str, object]) -> Mapping[str, object]:
        """Raw form values with the masked personal fields taken out: they are checked
        against the stored ones (_guard_personal), not parsed. Only for a role that cannot
        see them: anyone else sending a masked value gets it refused as not a number."""
        if not any(is_masked(raw.get(k)) for k in PERSONAL_FIELDS) or may_see_personal(self.ctx):
            return raw
        return {k: (None if k in PERSONAL_FIELDS and is_masked(v) else v) for k, v in raw.items()}

    def _guard_personal(self, m: Member, v: MemberInput) -> MemberInput:
        """For a role that may not see the ID number and the salary: a value already
        recorded stays as it is (the form shows it masked and read-only); one not
        recorded yet may be entered (the card is in the staff member's hand). Any other
        value is refused: nobody overwrites what they cannot see."""
        if may_see_personal(self.ctx):
            return v
        if m.id_number is None and m.salary is None:
            return v
        if m.id_number is not None and v.id_number is not None and not is_masked(v.id_number):
            raise refuse_personal(self.ctx, "id_number")
        if m.salary is not None and v.salary is not None:
            raise refuse_personal(self.ctx, "salary")
        if m.id_number is not None:
            v = replace(v, id_number=m.id_number, id_type=m.id_type)
        return v if m.salary is None else replace(v, salary=m.salary)

    def update(self, member_id: str, raw: Mapping[str, object] | MemberInput, *,
               confirm_similar: bool = False) -> MemberDetail:
        v = raw if isinstance(raw, MemberInput) else self.parse(self._keep_hidden(raw))
        with self.ctx.write() as s:
            m = self._load(s, member_id)
            _refuse_erased(m)
            v = self._guard_personal(m, v)
            self._check_duplicates(s, v, member_id, confirm_similar)
            if (v.salary, v.dues_basis) != (m.salary, m.dues_basis) and v.salary:
                # A new salary counts from this month; earlier months keep the old one.
                record_basis_change(s, m, month_index(date.today()), v.dues_basis, v.salary, self.ctx.device_id)
            self.write_fields(m, v)
            s.flush()
            return self._detail(s, m)

    def add_event(self, member_id: str, kind: str, event_date: date | None, *,
                  reason: str | None = None, decision_number: str | None = None) -> MemberDetail:
        if kind not in EVENT_KINDS:
            raise StatusChangeError(f"Không có loại thay đổi “{kind}”.")
        if event_date is None:
            raise ValidationError({"event_date": "không được để trống."})
        if event_date > date.today():
            raise ValidationError({"event_date": f"ngày {format_date(event_date)} ở trong tương lai."})
        with self.ctx.write() as s:
            m = self._load(s, member_id)
            self.record_event(s, m, kind, event_date, reason=reason, decision_number=decision_number)
            return self._detail(s, m)

    def record_event(self, s: Session, m: Member, kind: str, event_date: date, *, reason: str | None = None,
                     decision_number: str | None = None, event_id: str | None = None) -> MemberEvent:
        """An event of m within the caller's transaction (a transfer writes its row in the
        same one), checked as add_event's; event_id when the id follows from something else."""
        _refuse_erased(m)
        # In time order; two PCs may each have added an event with the same seq before
        # syncing: the id (UUIDv7, time-ordered) settles it the same way everywhere.
        events = list(s.scalars(select(MemberEvent).where(
            MemberEvent.member_id == m.id, MemberEvent.deleted_at.is_(None)).order_by(
                MemberEvent.event_date, MemberEvent.seq, MemberEvent.id)))
        if not can_follow(m.status if events else None, kind):
            raise StatusChangeError(
                f"Đoàn viên {m.full_name} đang ở trạng thái “{STATUS_LABELS[m.status]}”: "
                f"không thể ghi “{EVENT_KINDS[kind].label}”.")
        last_date = max((e.event_date for e in events if e.event_date), default=None)
        if last_date and event_date < last_date:
            raise ValidationError({"event_date": (
                f"ngày {format_date(event_date)} trước lần thay đổi gần nhất "
                f"({format_date(last_date)}); quá trình được ghi theo thứ tự thời gian.")})
        if m.birth_date and event_date < m.birth_date:
            raise ValidationError({"event_date": "trước ngày sinh."})
        event = MemberEvent(member_id=m.id, kind=kind, event_date=event_date,
                            reason=clean(reason), decision_number=clean(decision_number),
                            seq=len(events) + 1, device_id=self.ctx.device_id)
        if event_id is not None:
            event.id = event_id
        s.add(event)
        m.status = status_after([e.kind for e in events] + [kind])
        m.updated_at = utcnow()
        m.device_id = self.ctx.device_id
        s.flush()
        return event


def _refuse_erased(m: Member) -> None:
    if m.erased_at is not None:
        raise PermissionDeniedError(
            f"Dữ liệu cá nhân của đoàn viên này đã được xóa ngày {format_date(m.erased_at.date())}: "
            "hồ sơ chỉ còn để giữ sổ sách, không sửa được nữa.")


def input_as_raw(v: MemberInput) -> dict[str, object]:
    return asdict(v)
