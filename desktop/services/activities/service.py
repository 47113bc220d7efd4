"""Activities of the union: meetings, visits and support payments, celebrations and gifts,
training, sports and culture, rewards. Each has its dates, place, organiser, the members
it concerns (picked, a group, or everyone) with their attendance and the amount each is
given, a budget, and what was spent: the payment vouchers of the cash book linked to it
plus what was paid outside the cash box."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Activity,
    ActivityDoc,
    ActivityMember,
    ActivityPayment,
    CashDoc,
    CashDocVoid,
    Member,
    MemberEvent,
    UnitGroup,
    utcnow,
)
from desktop.models.chunks import in_chunks
from desktop.services.activities.numbering import DocSummary, doc_summaries
from desktop.services.cash.service import CashService, DocInfo, doc_info
from desktop.services.core.closed_years import check_open
from desktop.services.core.context import Context
from desktop.services.core.dates import DateFormatError, format_date, parse_date
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError, field_line
from desktop.services.core.fields import label
from desktop.services.core.money import MoneyFormatError, format_money, money_bound_problem, parse_money
from desktop.services.core.statuses import CURRENT_STATUSES, DEPARTED_STATUSES, STATUS_LABELS, status_after
from desktop.services.core.text import clean, fold, search_terms

ACTIVITY_KINDS = {
    "hop": "Họp, hội nghị",
    "tham_hoi": "Thăm hỏi, trợ cấp",
    "ky_niem": "Kỷ niệm, tặng quà",
    "tap_huan": "Tập huấn, đào tạo",
    "van_the": "Văn hóa, thể thao",
    "khen_thuong": "Khen thưởng",
    "khac": "Hoạt động khác",
}
SUBKINDS = {
    "hop": {"bch": "Họp Ban Chấp hành", "dai_hoi": "Hội nghị, đại hội công đoàn", "to": "Họp tổ công đoàn",
            "nld": "Hội nghị người lao động", "khac": "Cuộc họp khác"},
    "tham_hoi": {"om_dau": "Ốm đau", "sinh_con": "Sinh con", "hieu": "Hiếu (tang lễ)",
                 "kho_khan": "Hoàn cảnh khó khăn"},
    "ky_niem": {"tet": "Tết Nguyên đán", "8_3": "Quốc tế Phụ nữ 8/3", "20_10": "Phụ nữ Việt Nam 20/10",
                "1_6": "Quốc tế Thiếu nhi 1/6 (con đoàn viên)", "sinh_nhat": "Sinh nhật đoàn viên",
                "khac": "Dịp khác"},
    "khen_thuong": {"nam": "Tổng kết năm", "dot_xuat": "Đột xuất", "hoc_tap": "Con đoàn viên học giỏi"},
}
ATTENDANCE = {"present": "Có mặt", "absent": "Vắng", "excused": "Vắng có phép"}
SCOPES = {"members": "Đoàn viên được chọn", "group": "Một tổ công đoàn", "all": "Toàn thể đoàn viên"}
# The kind of spending in the cash book that pays for each kind of activity.
CASH_CATEGORY = {"tham_hoi": "tham_hoi", "khen_thuong": "khen_thuong"}
BIRTHDAYS_SHOWN = 300
LABELS = {"kind": "Loại hoạt động", "subkind": "Dạng hoạt động", "title": "Tên hoạt động",
          "start_date": "Ngày bắt đầu", "end_date": "Ngày kết thúc", "place": "Địa điểm",
          "organiser": "Đơn vị tổ chức", "scope": "Đối tượng", "group": "Tổ công đoàn", "budget": "Dự toán",
          "spent_outside": "Chi ngoài quỹ tiền mặt", "attendance": "Điểm danh", "amount": "Số tiền",
          "member": "Đoàn viên", "voucher": "Phiếu chi", "doc_date": "Ngày lập phiếu",
          "person_name": "Người nhận tiền", "reason": "Nội dung chi"}


class FieldsError(ValidationError):
    """ValidationError whose message names the fields with this module's labels."""

    labels = LABELS

    def __init__(self, errors: dict[str, str], warnings: list[str] | None = None) -> None:
        super().__init__(errors, warnings)
        self.message = "\n".join(field_line(self.labels.get(k) or label(k), v) for k, v in errors.items())
        self.args = (self.message,)


def kind_label(kind: str, subkind: str | None = None) -> str:
    text = ACTIVITY_KINDS.get(kind, kind)
    sub = SUBKINDS.get(kind, {}).get(subkind or "")
    return f"{text} — {sub}" if sub else text


@dataclass(frozen=True)
class ActivityInput:
    kind: str
    title: str
    start_date: date
    end_date: date | None = None
    subkind: str | None = None
    place: str | None = None
    organiser: str | None = None
    scope: str = "members"
    group_id: str | None = None
    budget: int | None = None
    spent_outside: int = 0
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One line of the activities list."""

    id: str
    kind: str
    subkind: str | None
    title: str
    start_date: date
    end_date: date | None
    place: str | None
    organiser: str | None
    budget: int | None
    spent: int
    members: int
    present: int

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind, self.subkind)

    @property
    def dates_text(self) -> str:
        return dates_text(self.start_date, self.end_date)


def dates_text(start: date, end: date | None) -> str:
    if end is None or end == start:
        return format_date(start)
    return f"{format_date(start)} – {format_date(end)}"


@dataclass(frozen=True, slots=True)
class Participant:
    """A member the activity concerns. paid: the live voucher that paid them (its ref)."""

    member_id: str
    full_name: str
    group_name: str | None
    union_position: str | None
    job_title: str | None
    status: str
    attendance: str | None
    reason: str | None
    amount: int | None
    note: str | None
    paid_ref: str | None = None
    paid_amount: int = 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def departed(self) -> bool:
        return self.status in DEPARTED_STATUSES

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE.get(self.attendance or "", "")


@dataclass(frozen=True, slots=True)
class PaymentRow:
    doc: DocInfo
    member_id: str | None


@dataclass(frozen=True)
class ActivityDetail:
    id: str
    data: ActivityInput
    group_name: str | None
    participants: tuple[Participant, ...]
    payments: tuple[PaymentRow, ...]
    docs: tuple[DocSummary, ...]

    @property
    def kind_label(self) -> str:
        return kind_label(self.data.kind, self.data.subkind)

    @property
    def spent_vouchers(self) -> int:
        return sum(p.doc.amount for p in self.payments if not p.doc.voided)

    @property
    def spent(self) -> int:
        return self.spent_vouchers + (self.data.spent_outside or 0)

    def count(self, attendance: str | None) -> int:
        return sum(1 for p in self.participants if p.attendance == attendance)


@dataclass(frozen=True)
class ActivityQuery:
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    search: str = ""


@dataclass(frozen=True, slots=True)
class Birthday:
    member_id: str
    full_name: str
    birth_date: date
    group_name: str | None

    def on(self, year: int) -> date:
        d = self.birth_date
        try:
            return d.replace(year=year)
        except ValueError:  # 29 February in a common year
            return date(year, 3, 1)

    def age_in(self, year: int) -> int:
        return year - self.birth_date.year


@dataclass(frozen=True)
class CalendarData:
    """birthdays: the first ones in day order; birthday_days: how many on each day;
    birthday_total: how many in all."""

    first: date
    last: date
    activities: tuple[ActivityRow, ...]
    birthdays: tuple[Birthday, ...]
    birthday_days: dict[date, int]
    birthday_total: int


@dataclass(frozen=True, slots=True)
class MemberActivity:
    """An activity as seen from one member's record."""

    activity_id: str
    kind: str
    subkind: str | None
    title: str
    start_date: date
    end_date: date | None
    attendance: str | None
    reason: str | None
    amount: int | None

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind, self.subkind)

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE.get(self.attendance or "", "")


@dataclass(frozen=True, slots=True)
class Departure:
    """A member who was no longer in the union on a given day: their status that day and
    since when (None: no dated event says it)."""

    member_id: str
    full_name: str
    status: str
    since: date | None

    @property
    def text(self) -> str:
        """"Nguyễn Văn A đã chuyển đi từ 05/03/2026"."""
        label = STATUS_LABELS.get(self.status, self.status)
        when = ""
        if self.since is not None:
            when = f" {'ngày' if self.status == 'deceased' else 'từ'} {format_date(self.since)}"
        return f"{self.full_name} {label[:1].lower()}{label[1:]}{when}"


def departures(s: Session, member_ids: Iterable[str], day: date) -> dict[str, Departure]:
    """The members of member_ids who had departed (transferred out, left, expelled,
    deceased) on `day`, from their events up to and including that day: one who left
    after it was still a member then. A member without any event: by their status now."""
    ids = list(dict.fromkeys(m for m in member_ids if m))
    out: dict[str, Departure] = {}
    for part, _ in in_chunks(ids):
        people = {m.id: m for m in s.scalars(select(Member).where(Member.id.in_(part)))}
        events: dict[str, list[MemberEvent]] = {mid: [] for mid in people}
        for e in s.scalars(select(MemberEvent).where(MemberEvent.member_id.in_(part),
                                                     MemberEvent.deleted_at.is_(None))
                           .order_by(MemberEvent.member_id, MemberEvent.seq, MemberEvent.id)):
            events.setdefault(e.member_id, []).append(e)
        for mid, m in people.items():
            if not events[mid]:
                if m.status in DEPARTED_STATUSES:
                    out[mid] = Departure(mid, m.full_name, m.status, None)
                continue
            upto = [e for e in events[mid] if e.event_date is None or e.event_date <= day]
            status = status_after([e.kind for e in upto])
            if upto and status in DEPARTED_STATUSES:
                out[mid] = Departure(mid, m.full_name, status, upto[-1].event_date)
    return out


def refused_payees(s: Session, a: Activity, member_ids: Iterable[str]) -> list[Departure]:
    """Who may not be given money for activity `a` (support, gift, reward): those who had
    departed on the day it began, except the family of a deceased member for a
    bereavement (hiếu). The one rule of the amounts, the vouchers and the decisions."""
    found = departures(s, member_ids, a.start_date)
    return sorted((d for d in found.values() if not (d.status == "deceased" and a.subkind == "hieu")),
                  key=lambda d: d.full_name)


def _money(value: object, key: str, errors: dict[str, str]) -> int | None:
    try:
        amount = parse_money(value)
    except MoneyFormatError:
        errors[key] = f"không đọc được số tiền “{value}”: ghi số đồng, ví dụ 1.500.000."
        return None
    if amount is not None and (problem := money_bound_problem(amount, LABELS[key])):
        errors[key] = problem
    return amount


def _date(value: object, key: str, errors: dict[str, str]) -> date | None:
    try:
        parsed = parse_date(value)
    except DateFormatError:
        errors[key] = f"không đọc được ngày “{value}” (cần dạng ngày/tháng/năm)."
        return None
    return parsed.value if parsed else None


def check_activity(v: ActivityInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if v.kind not in ACTIVITY_KINDS:
        errors["kind"] = f"không có loại hoạt động “{v.kind}”."
    elif v.subkind and v.subkind not in SUBKINDS.get(v.kind, {}):
        errors["subkind"] = f"“{v.subkind}” không phải một dạng của {ACTIVITY_KINDS[v.kind].lower()}."
    if not v.title:
        errors["title"] = "cần tên hoạt động."
    if v.start_date is None:
        errors["start_date"] = "cần ngày bắt đầu."
    elif v.end_date is not None and v.end_date < v.start_date:
        errors["end_date"] = (f"ngày kết thúc {format_date(v.end_date)} trước ngày bắt đầu "
                              f"{format_date(v.start_date)}.")
    if v.scope not in SCOPES:
        errors["scope"] = "chọn đoàn viên, một tổ hoặc toàn thể."
    elif v.scope == "group" and not v.group_id:
        errors["group"] = "chọn tổ công đoàn."
    for key in ("budget", "spent_outside"):
        amount = getattr(v, key)
        if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount < 0):
            errors[key] = "số tiền không được âm."
        elif amount is not None and (problem := money_bound_problem(amount, LABELS[key])):
            errors[key] = problem
    return errors


class ActivityService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- checking --------------------------------------------------------------------
    def parse(self, raw: Mapping[str, object]) -> ActivityInput:
        """Form or command-line values (text, dates, money as typed) → ActivityInput;
        ValidationError names every wrong field."""
        errors: dict[str, str] = {}
        start = _date(raw.get("start_date"), "start_date", errors)
        end = _date(raw.get("end_date"), "end_date", errors)
        budget = _money(raw.get("budget"), "budget", errors)
        outside = _money(raw.get("spent_outside"), "spent_outside", errors) or 0
        if start is None and "start_date" not in errors:
            errors["start_date"] = "cần ngày bắt đầu."
        # Without a start date the other fields are checked against a stand-in one, so that
        # every wrong field is named at once; the stand-in never leaves this method.
        v = ActivityInput(
            kind=clean(raw.get("kind")) or "", title=clean(raw.get("title")) or "", start_date=start or date.min,
            end_date=end, subkind=clean(raw.get("subkind")), place=clean(raw.get("place")),
            organiser=clean(raw.get("organiser")), scope=clean(raw.get("scope")) or "members",
            group_id=clean(raw.get("group_id")), budget=budget, spent_outside=outside,
            notes=_clean_text(raw.get("notes")))
        errors.update({k: m for k, m in check_activity(v).items() if k not in errors})
        if errors:
            raise FieldsError(errors)
        return v

    def _normal(self, v: ActivityInput) -> ActivityInput:
        v = replace(v, title=clean(v.title) or "", subkind=clean(v.subkind), place=clean(v.place),
                    organiser=clean(v.organiser), notes=_clean_text(v.notes), group_id=clean(v.group_id),
                    spent_outside=v.spent_outside or 0)
        errors = check_activity(v)
        if errors:
            raise FieldsError(errors)
        return v

    # ---- writing ---------------------------------------------------------------------
    def _apply(self, a: Activity, v: ActivityInput) -> None:
        for k in ("kind", "subkind", "title", "start_date", "end_date", "place", "organiser", "scope", "group_id",
                  "budget", "spent_outside", "notes"):
            setattr(a, k, getattr(v, k))
        a.search_key = fold(" ".join(x for x in (v.title, v.place, v.organiser, v.notes,
                                                  kind_label(v.kind, v.subkind)) if x))
        a.device_id = self.ctx.device_id

    def add(self, v: ActivityInput, *, member_ids: Iterable[str] = (), group_id: str | None = None,
            all_members: bool = False) -> ActivityDetail:
        """A new activity and, in the same transaction, the members it concerns."""
        v = self._normal(v)
        with self.ctx.write() as s:
            a = Activity()
            self._apply(a, v)
            s.add(a)
            s.flush()
            self._add_members(s, a.id, member_ids, group_id or (v.group_id if v.scope == "group" else None),
                              all_members or v.scope == "all")
            return self._detail(s, a)

    def update(self, activity_id: str, v: ActivityInput) -> ActivityDetail:
        v = self._normal(v)
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            self._apply(a, v)
            s.flush()
            return self._detail(s, a)

    def delete(self, activity_id: str) -> None:
        """Marks the activity deleted (it syncs: never removed). Refused while money was
        paid for it or a finished document belongs to it."""
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            live = self._payments(s, activity_id)
            if any(not p.doc.voided for p in live):
                raise DomainError(f"Hoạt động “{a.title}” đã có phiếu chi: hủy các phiếu chi trước khi xóa hoạt động.")
            final = s.scalar(select(func.count()).select_from(ActivityDoc).where(
                ActivityDoc.activity_id == activity_id, ActivityDoc.status == "final",
                ActivityDoc.deleted_at.is_(None)))
            if final:
                raise DomainError(f"Hoạt động “{a.title}” đã có biên bản hoặc văn bản hoàn thành: không xóa được.")
            now = utcnow()
            for m in s.scalars(select(ActivityMember).where(ActivityMember.activity_id == activity_id,
                                                            ActivityMember.deleted_at.is_(None))):
                m.deleted_at = now
                m.device_id = self.ctx.device_id
            for d in s.scalars(select(ActivityDoc).where(ActivityDoc.activity_id == activity_id,
                                                         ActivityDoc.deleted_at.is_(None))):
                d.deleted_at = now
                d.device_id = self.ctx.device_id
            a.deleted_at = now
            a.device_id = self.ctx.device_id

    def _members_rows(self, s: Session, activity_id: str) -> dict[str, ActivityMember]:
        rows = s.scalars(select(ActivityMember).where(ActivityMember.activity_id == activity_id)
                         .order_by(ActivityMember.deleted_at.is_not(None), ActivityMember.created_at))
        out: dict[str, ActivityMember] = {}
        for r in rows:
            out.setdefault(r.member_id, r)  # a live row first; a removed one to bring back
        return out

    def _add_members(self, s: Session, activity_id: str, member_ids: Iterable[str], group_id: str | None,
                     all_members: bool) -> list[str]:
        ids = list(dict.fromkeys(member_ids))
        if group_id or all_members:
            stmt = select(Member.id).where(Member.deleted_at.is_(None), Member.status.in_(CURRENT_STATUSES))
            if group_id and not all_members:
                stmt = stmt.where(Member.group_id == group_id)
            ids += [m for m in s.scalars(stmt.order_by(Member.sort_key)) if m not in ids]
        known: dict[str, Member] = {}
        for batch, _ in in_chunks(ids):
            known.update({m.id: m for m in s.scalars(select(Member).where(Member.id.in_(batch),
                                                                          Member.deleted_at.is_(None)))})
        missing = [m for m in ids if m not in known]
        if missing:
            raise NotFoundError(f"Không tìm thấy đoàn viên có mã {', '.join(missing[:3])}.")
        existing = self._members_rows(s, activity_id)
        warnings = []
        new = []
        for mid in ids:
            row = existing.get(mid)
            if row is not None and row.deleted_at is None:
                continue
            m = known[mid]
            if m.status in DEPARTED_STATUSES:
                warnings.append(f"{m.full_name}: {STATUS_LABELS[m.status].lower()}.")
            if row is not None:
                row.deleted_at = None
                row.device_id = self.ctx.device_id
            else:
                new.append(dict(activity_id=activity_id, member_id=mid, device_id=self.ctx.device_id))
        for start in range(0, len(new), 5000):
            s.add_all(ActivityMember(**r) for r in new[start:start + 5000])
        s.flush()
        return warnings

    def add_members(self, activity_id: str, member_ids: Iterable[str] = (), *, group_id: str | None = None,
                    all_members: bool = False) -> tuple[ActivityDetail, list[str]]:
        """Members picked, a whole group, or every member on the books. Returns the
        detail and warnings (a member who has left: kept, for history, but said)."""
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            warnings = self._add_members(s, activity_id, member_ids, group_id, all_members)
            return self._detail(s, a), warnings

    def remove_members(self, activity_id: str, member_ids: Iterable[str]) -> ActivityDetail:
        ids = set(member_ids)
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            paid = {p.member_id for p in self._payments(s, activity_id) if not p.doc.voided and p.member_id in ids}
            if paid:
                names = [m.full_name for m in s.scalars(select(Member).where(Member.id.in_(paid)))]
                raise DomainError(f"Đã lập phiếu chi cho {', '.join(sorted(names))}: hủy phiếu chi trước khi bỏ "
                                  "khỏi danh sách.")
            now = utcnow()
            for mid, row in self._members_rows(s, activity_id).items():
                if mid in ids and row.deleted_at is None:
                    row.deleted_at = now
                    row.device_id = self.ctx.device_id
            s.flush()
            return self._detail(s, a)

    def set_attendance(self, activity_id: str, marks: Mapping[str, tuple[str | None, str | None]]) -> ActivityDetail:
        """marks: member id → (present | absent | excused | None, reason)."""
        errors = {}
        for mark, _reason in marks.values():
            if mark is not None and mark not in ATTENDANCE:
                errors["attendance"] = f"“{mark}” không phải có mặt, vắng hoặc vắng có phép."
        if errors:
            raise FieldsError(errors)
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            rows = self._members_rows(s, activity_id)
            for mid, (mark, reason) in marks.items():
                row = rows.get(mid)
                if row is None or row.deleted_at is not None:
                    raise NotFoundError("Đoàn viên không có trong danh sách của hoạt động: thêm vào danh sách trước.")
                reason = clean(reason) if mark in ("absent", "excused") else None
                if (row.attendance, row.reason) != (mark, reason):
                    row.attendance, row.reason = mark, reason
                    row.device_id = self.ctx.device_id
            s.flush()
            return self._detail(s, a)

    def set_amounts(self, activity_id: str, amounts: Mapping[str, tuple[int | None, str | None]]) -> ActivityDetail:
        """amounts: member id → (đồng given to them, note). An amount for a member who
        had departed on the activity's date is refused (refused_payees)."""
        for amount, _note in amounts.values():
            if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool)):
                raise FieldsError({"amount": f"số tiền {amount} không hợp lệ."})
            if amount is not None and (problem := money_bound_problem(amount, LABELS["amount"])):
                raise FieldsError({"amount": problem})
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            rows = self._members_rows(s, activity_id)
            paid = {p.member_id: p for p in self._payments(s, activity_id) if not p.doc.voided}
            for mid, (amount, _note) in amounts.items():
                row = rows.get(mid)
                if row is None or row.deleted_at is not None:
                    raise NotFoundError("Đoàn viên không có trong danh sách của hoạt động: thêm vào danh sách trước.")
                if mid in paid and amount != row.amount:
                    raise DomainError(f"Đã chi cho đoàn viên này theo phiếu {paid[mid].doc.ref}: hủy phiếu trước "
                                      "khi đổi số tiền.")
            refused = refused_payees(s, a, [mid for mid, (amount, _n) in amounts.items()
                                            if amount and mid not in paid])
            if refused:
                raise FieldsError({"member": " ".join(f"{d.text}: không thể ghi khoản hỗ trợ." for d in refused)})
            for mid, (amount, note) in amounts.items():
                row = rows[mid]
                note = clean(note)
                if (row.amount, row.note) != (amount or None, note):
                    row.amount, row.note = amount or None, note
                    row.device_id = self.ctx.device_id
            s.flush()
            return self._detail(s, a)

    def pay(self, activity_id: str, doc_date: date | None = None,
            member_ids: Iterable[str] | None = None) -> list[DocInfo]:
        try:
            return self._pay(activity_id, doc_date, member_ids)
        except FieldsError:
            raise
        except ValidationError as e:  # from the cash book: said with our labels
            raise FieldsError(e.errors, e.warnings) from e

    def _pay(self, activity_id: str, doc_date: date | None, member_ids: Iterable[str] | None) -> list[DocInfo]:
        """A phiếu chi for each member of the list who has an amount and is not paid yet
        (or only for member_ids), all in one transaction: all issued or none.

        Refused for a member who had left the union (transferred, left, expelled, died) on
        the activity's date; a deceased member's family is paid only for a bereavement (hiếu)."""
        doc_date = doc_date or date.today()
        cash = CashService(self.ctx)
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            detail = self._detail(s, a)
            wanted = set(member_ids) if member_ids is not None else None
            todo = [(p, p.amount) for p in detail.participants if p.amount and not p.paid_ref
                    and (wanted is None or p.member_id in wanted)]
            if not todo:
                raise FieldsError({"amount": "không có đoàn viên nào có số tiền mà chưa được chi."})
            refused = refused_payees(s, a, [p.member_id for p, _ in todo])
            if refused:
                raise FieldsError({"member": (
                    f"không chi cho đoàn viên không còn sinh hoạt tại công đoàn vào ngày hoạt động "
                    f"{format_date(a.start_date)}: " + ", ".join(d.text for d in refused)
                    + ". Bỏ số tiền của họ (hoặc bỏ họ khỏi danh sách) rồi lập phiếu chi.")})
            category = CASH_CATEGORY.get(a.kind, "hoat_dong")
            what = kind_label(a.kind, a.subkind).replace(" — ", ": ")
            docs = []
            for p, amount in todo:
                payee = f"Thân nhân đoàn viên {p.full_name}" if p.status == "deceased" else p.full_name
                doc = cash.issue(s, kind="chi", category=category, doc_date=doc_date, person_name=payee,
                                 reason=f"Chi {what[:1].lower()}{what[1:]} — {a.title}", amount=amount,
                                 address=p.group_name, member_id=p.member_id)
                s.add(ActivityPayment(activity_id=a.id, doc_id=doc.id, member_id=p.member_id,
                                      device_id=self.ctx.device_id))
                docs.append(doc_info(doc, None))
            s.flush()
            return docs

    def spend(self, activity_id: str, *, amount: int, person_name: str, reason: str | None = None,
              doc_date: date | None = None) -> DocInfo:
        """A phiếu chi for the activity as a whole (gifts bought, a hall rented…)."""
        cash = CashService(self.ctx)
        try:
            return self._spend(cash, activity_id, amount, person_name, reason, doc_date)
        except FieldsError:
            raise
        except ValidationError as e:
            raise FieldsError(e.errors, e.warnings) from e

    def _spend(self, cash: CashService, activity_id: str, amount: int, person_name: str, reason: str | None,
               doc_date: date | None) -> DocInfo:
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            doc = cash.issue(s, kind="chi", category=CASH_CATEGORY.get(a.kind, "hoat_dong"),
                             doc_date=doc_date or date.today(), person_name=person_name,
                             reason=clean(reason) or f"Chi {a.title}", amount=amount)
            s.add(ActivityPayment(activity_id=a.id, doc_id=doc.id, device_id=self.ctx.device_id))
            s.flush()
            return doc_info(doc, None)

    def link_voucher(self, activity_id: str, doc_id: str, member_id: str | None = None) -> ActivityDetail:
        """Link a phiếu chi already in the cash book (made on the Thu chi page)."""
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            doc = s.get(CashDoc, doc_id)
            if doc is None or doc.kind != "chi":
                raise FieldsError({"voucher": "chỉ gắn được phiếu chi của sổ quỹ."})
            taken = s.scalar(select(ActivityPayment.activity_id).where(ActivityPayment.doc_id == doc_id,
                                                                       ActivityPayment.deleted_at.is_(None)))
            if taken:
                raise FieldsError({"voucher": f"phiếu chi {doc.book_code}/{doc.number:04d} đã gắn với một "
                                                  "hoạt động."})
            check_open(s, doc.doc_date, what=f"Phiếu chi {doc.book_code}/{doc.number:04d}")
            payee = member_id or doc.member_id
            refused = refused_payees(s, a, [payee]) if payee else []
            if refused:
                raise FieldsError({"voucher": (
                    f"phiếu chi {doc.book_code}/{doc.number:04d} trả cho {refused[0].text} (hoạt động ngày "
                    f"{format_date(a.start_date)}): không gắn được vào hoạt động này.")})
            s.add(ActivityPayment(activity_id=a.id, doc_id=doc_id, member_id=payee,
                                  device_id=self.ctx.device_id))
            s.flush()
            return self._detail(s, a)

    def free_vouchers(self, limit: int = 300) -> list[DocInfo]:
        """Payment vouchers of the cash book, newest first, that no activity claims yet and
        are not voided: the ones an activity can be linked to."""
        linked = select(ActivityPayment.doc_id).where(ActivityPayment.deleted_at.is_(None))
        with self.ctx.read() as s:
            docs = s.scalars(select(CashDoc).outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                             .where(CashDoc.kind == "chi", CashDoc.deleted_at.is_(None), CashDocVoid.id.is_(None),
                                    CashDoc.id.not_in(linked))
                             .order_by(CashDoc.doc_date.desc(), CashDoc.number.desc()).limit(limit))
            return [doc_info(d, None) for d in docs]

    def unlink_voucher(self, activity_id: str, doc_id: str) -> ActivityDetail:
        with self.ctx.write() as s:
            a = self._load(s, activity_id)
            doc = s.get(CashDoc, doc_id)
            if doc is not None:
                check_open(s, doc.doc_date, what=f"Gỡ phiếu chi {doc.book_code}/{doc.number:04d}")
            for p in s.scalars(select(ActivityPayment).where(ActivityPayment.activity_id == activity_id,
                                                             ActivityPayment.doc_id == doc_id,
                                                             ActivityPayment.deleted_at.is_(None))):
                p.deleted_at = utcnow()
                p.device_id = self.ctx.device_id
            s.flush()
            return self._detail(s, a)

    # ---- reading ---------------------------------------------------------------------
    def _load(self, s: Session, activity_id: str) -> Activity:
        a = s.get(Activity, activity_id)
        if a is None or a.deleted_at is not None:
            raise NotFoundError(f"Không tìm thấy hoạt động có mã {activity_id}.")
        return a

    def _payments(self, s: Session, activity_id: str) -> list[PaymentRow]:
        rows = s.execute(select(ActivityPayment.member_id, CashDoc, CashDocVoid)
                         .join(CashDoc, CashDoc.id == ActivityPayment.doc_id)
                         .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                         .where(ActivityPayment.activity_id == activity_id, ActivityPayment.deleted_at.is_(None))
                         .order_by(CashDoc.doc_date, CashDoc.number))
        return [PaymentRow(doc_info(d, v), mid) for mid, d, v in rows]

    def _detail(self, s: Session, a: Activity) -> ActivityDetail:
        payments = self._payments(s, a.id)
        paid = {p.member_id: p.doc for p in payments if p.member_id and not p.doc.voided}
        rows = s.execute(
            select(ActivityMember, Member.full_name, Member.union_position, Member.job_title, Member.status,
                   UnitGroup.name)
            .join(Member, Member.id == ActivityMember.member_id)
            .outerjoin(UnitGroup, UnitGroup.id == Member.group_id)
            .where(ActivityMember.activity_id == a.id, ActivityMember.deleted_at.is_(None))
            .order_by(Member.sort_key, ActivityMember.created_at))
        seen: set[str] = set()
        people = []
        for am, name, position, job, status, group_name in rows:
            if am.member_id in seen:
                continue  # the same member added on two devices before they synced
            seen.add(am.member_id)
            doc = paid.get(am.member_id)
            people.append(Participant(am.member_id, name, group_name, position, job, status, am.attendance, am.reason,
                                      am.amount, am.note, doc.ref if doc else None, doc.amount if doc else 0))
        group = s.get(UnitGroup, a.group_id) if a.group_id else None
        data = ActivityInput(a.kind, a.title, a.start_date, a.end_date, a.subkind, a.place, a.organiser, a.scope,
                             a.group_id, a.budget, a.spent_outside or 0, a.notes)
        return ActivityDetail(a.id, data, group.name if group else None, tuple(people), tuple(payments),
                              tuple(doc_summaries(s, a.id)))

    def get(self, activity_id: str) -> ActivityDetail:
        with self.ctx.read() as s:
            return self._detail(s, self._load(s, activity_id))

    # From here on the class's annotations write builtins.list: inside the class, `list`
    # is this method.
    def list(self, query: ActivityQuery = ActivityQuery(), limit: int | None = None) -> builtins.list[ActivityRow]:
        """Activities overlapping the period, newest first, with their counts and spending.
        A search word may be in the activity or in the text of one of its documents."""
        with self.ctx.read() as s:
            return self._rows(s, query, descending=True, limit=limit)

    @staticmethod
    def _where(q: ActivityQuery) -> tuple[str, builtins.list[str]]:
        cond: builtins.list[str] = ["a.deleted_at IS NULL"]
        params: builtins.list[str] = []
        if q.date_to:
            cond.append("a.start_date <= ?")
            params.append(q.date_to.isoformat())
        if q.date_from:
            cond.append("coalesce(a.end_date, a.start_date) >= ?")
            params.append(q.date_from.isoformat())
        if q.kind:
            cond.append("a.kind = ?")
            params.append(q.kind)
        for term in search_terms(q.search):
            cond.append("(instr(a.search_key, ?) > 0 OR a.id IN (SELECT d.activity_id FROM activity_doc d "
                        "WHERE d.deleted_at IS NULL AND instr(d.search_key, ?) > 0))")
            params += [term, term]
        return " AND ".join(cond), params

    def _rows(self, s: Session, q: ActivityQuery, *, descending: bool,
              limit: int | None = None) -> builtins.list[ActivityRow]:
        # Plain SQL on the session's connection: 5,000 rows come back in a third of the
        # time SQLAlchemy's row processing takes (measured, bench/bench_activities.py).
        where, params = self._where(q)
        order = "DESC" if descending else "ASC"
        sql = f"""
            SELECT a.id, a.kind, a.subkind, a.title, a.start_date, a.end_date, a.place, a.organiser, a.budget,
                   a.spent_outside, s.spent, m.n, m.present
            FROM activity a
            LEFT JOIN (SELECT activity_id AS aid, count(*) AS n, sum(attendance = 'present') AS present
                       FROM activity_member
                       WHERE deleted_at IS NULL AND activity_id IN (SELECT a.id FROM activity a WHERE {where})
                       GROUP BY activity_id) m ON m.aid = a.id
            LEFT JOIN (SELECT p.activity_id AS aid, sum(d.amount) AS spent
                       FROM activity_payment p JOIN cash_doc d ON d.id = p.doc_id
                       LEFT JOIN cash_doc_void v ON v.doc_id = d.id
                       WHERE p.deleted_at IS NULL AND v.id IS NULL
                         AND p.activity_id IN (SELECT a.id FROM activity a WHERE {where})
                       GROUP BY p.activity_id) s ON s.aid = a.id
            WHERE {where}
            ORDER BY a.start_date {order}, a.rowid {order}""" + (f" LIMIT {int(limit)}" if limit else "")
        day = date.fromisoformat
        return [ActivityRow(r[0], r[1], r[2], r[3], day(r[4]), day(r[5]) if r[5] else None, r[6], r[7], r[8],
                            (r[9] or 0) + (r[10] or 0), r[11] or 0, r[12] or 0)
                for r in s.connection().exec_driver_sql(sql, tuple(params * 3))]

    def calendar(self, first: date, last: date, birthdays: int = BIRTHDAYS_SHOWN) -> CalendarData:
        """What happens between first and last (a month on the page's calendar), and the
        birthdays of members on the books in those days: how many each day, and the
        first `birthdays` of them by day and name (a factory of 100,000 has 8,000 a month)."""
        with self.ctx.read() as s:
            acts = self._rows(s, ActivityQuery(first, last), descending=False)
            return CalendarData(first, last, tuple(acts), *self._birthdays(s, first, last, birthdays))

    def _birthdays(self, s: Session, first: date, last: date,
                   limit: int) -> tuple[tuple[Birthday, ...], dict[date, int], int]:
        days: dict[str, date] = {}
        d = first
        while d <= last and len(days) < 366:
            days.setdefault(f"{d.month:02d}-{d.day:02d}", d)
            d += timedelta(days=1)
        if not days:
            return (), {}, 0
        md = "substr(m.birth_date, 6, 5)"  # exactly the expression of ix_member_birthday: the index serves it
        keys = tuple(days)
        marks = ", ".join("?" * len(keys))
        statuses = ", ".join(f"'{x}'" for x in CURRENT_STATUSES)
        where = (f"{md} IN ({marks}) AND m.deleted_at IS NULL AND m.status IN ({statuses}) "
                 "AND m.birth_year_only = 0")
        conn = s.connection()
        counts = {days[k]: n for k, n in conn.exec_driver_sql(
            f"SELECT {md}, count(*) FROM member m WHERE {where} GROUP BY 1", keys)}
        order = f"{md} < ?, {md}, m.sort_key"  # a range over New Year: December before January
        rows = conn.exec_driver_sql(  # the first ones found on the index alone, then only their rows read
            f"SELECT m.id, m.full_name, m.birth_date, g.name FROM (SELECT m.rowid AS r FROM member m WHERE {where} "
            f"ORDER BY {order} LIMIT ?) k JOIN member m ON m.rowid = k.r LEFT JOIN unit_group g ON g.id = m.group_id "
            f"ORDER BY {order}", keys + (keys[0], limit, keys[0]))
        shown = tuple(Birthday(r[0], r[1], date.fromisoformat(r[2]), r[3]) for r in rows)
        return shown, counts, sum(counts.values())

    def upcoming(self, today: date | None = None, days: int = 30) -> CalendarData:
        today = today or date.today()
        return self.calendar(today, today + timedelta(days=days))

    def for_member(self, member_id: str) -> builtins.list[MemberActivity]:
        stmt = (select(Activity.id, Activity.kind, Activity.subkind, Activity.title, Activity.start_date,
                       Activity.end_date, ActivityMember.attendance, ActivityMember.reason, ActivityMember.amount)
                .join(ActivityMember, ActivityMember.activity_id == Activity.id)
                .where(ActivityMember.member_id == member_id, ActivityMember.deleted_at.is_(None),
                       Activity.deleted_at.is_(None))
                .order_by(Activity.start_date.desc()))
        with self.ctx.read() as s:
            seen: set[str] = set()
            out: builtins.list[MemberActivity] = []
            for r in s.execute(stmt):
                if r[0] not in seen:
                    seen.add(r[0])
                    out.append(MemberActivity(*r))
            return out


def _clean_text(value: object) -> str | None:
    """Several lines of text: each line cleaned, blank lines at the ends dropped."""
    if value is None:
        return None
    lines = [clean(line) or "" for line in str(value).replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    return text or None


def describe_money(detail: ActivityDetail) -> str:
    budget = format_money(detail.data.budget) if detail.data.budget is not None else "chưa có"
    return f"Dự toán {budget}; đã chi {format_money(detail.spent)}"
