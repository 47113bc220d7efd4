"""Report: the union's activities and support payments over a period (DOMAIN.md "Usual
activities": visits and support payments, celebrations and gifts, training, sports,
rewards), by kind, with the members each support or gift went to.

An activity belongs to the period it starts in, so that a training over 30/06–01/07 is
counted once, in the first half of the year. What an activity spent is what the
activities page shows: its payment vouchers that are not voided, plus what it paid
outside the cash box. A member appears in the support list when the activity is a visit
or support (thăm hỏi), when an amount is set for them, or when a voucher paid them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from desktop.models.chunks import in_chunks
from desktop.printing.reports import Chart, Report, Table
from desktop.services.activities.service import ACTIVITY_KINDS, SUBKINDS, kind_label
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.dues.service import raw_connection
from desktop.services.reports.periods import period_text

TITLE = "BÁO CÁO HOẠT ĐỘNG VÀ CHI THĂM HỎI, TRỢ CẤP ĐOÀN VIÊN"
SUPPORT_KINDS = ("tham_hoi",)  # the members concerned are listed even when nothing was paid to them


class _Activity(NamedTuple):
    id: str
    kind: str
    subkind: str | None
    title: str
    start_date: str  # ISO
    end_date: str | None
    spent_outside: int


class _Person(NamedTuple):
    full_name: str
    sort_key: str | None
    group_name: str | None


@dataclass(frozen=True)
class ActivityLine:
    id: str
    kind: str
    subkind: str | None
    title: str
    start_date: date
    end_date: date | None
    members: int  # members concerned (each once)
    present: int
    spent: int  # vouchers not voided + paid outside the cash box
    spent_members: int  # of the vouchers, those paid to one member

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind, self.subkind)


@dataclass(frozen=True)
class SupportLine:
    activity_id: str
    start_date: date
    kind: str
    subkind: str | None
    title: str
    member_id: str
    full_name: str
    group_name: str | None
    amount: int | None  # what the activity's list gives the member
    paid: int  # vouchers to the member for this activity, not voided
    refs: tuple[str, ...]

    @property
    def what(self) -> str:
        sub = SUBKINDS.get(self.kind, {}).get(self.subkind or "")
        return f"{sub or ACTIVITY_KINDS.get(self.kind, self.kind)}: {self.title}"


@dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    activities: int
    members: int  # members concerned, summed over the activities
    present: int
    spent: int
    spent_members: int


@dataclass(frozen=True)
class ActivitiesReport:
    date_from: date
    date_to: date
    activities: tuple[ActivityLine, ...]
    support: tuple[SupportLine, ...]

    @property
    def by_kind(self) -> tuple[KindFigures, ...]:
        out = []
        for kind, label in ACTIVITY_KINDS.items():
            acts = [a for a in self.activities if a.kind == kind]
            out.append(KindFigures(kind, label, len(acts), sum(a.members for a in acts),
                                   sum(a.present for a in acts), sum(a.spent for a in acts),
                                   sum(a.spent_members for a in acts)))
        return tuple(out)

    @property
    def spent(self) -> int:
        return sum(a.spent for a in self.activities)

    @property
    def spent_members(self) -> int:
        return sum(a.spent_members for a in self.activities)

    @property
    def members_supported(self) -> int:
        """Distinct members who were paid something or are on a support list."""
        return len({s.member_id for s in self.support})


def activities_report(ctx: Context, date_from: date, date_to: date) -> ActivitiesReport:
    if date_to < date_from:
        raise ValidationError({"date_to": "ngày cuối kỳ trước ngày đầu kỳ."})
    span = (date_from.isoformat(), date_to.isoformat())
    in_period = "SELECT a.id FROM activity a WHERE a.deleted_at IS NULL AND a.start_date BETWEEN ? AND ?"
    with ctx.read() as s:
        conn = raw_connection(s)
        acts = [_Activity(*r) for r in conn.execute(
            "SELECT a.id, a.kind, a.subkind, a.title, a.start_date, a.end_date, COALESCE(a.spent_outside, 0) "
            "FROM activity a WHERE a.deleted_at IS NULL AND a.start_date BETWEEN ? AND ? "
            "ORDER BY a.start_date, a.rowid", span)]
        # The members each activity concerns: one row per member (two devices may have
        # added the same member before they synced: the first row is the one read).
        members = conn.execute(
            "SELECT activity_id, member_id, attendance, amount FROM (SELECT am.activity_id, am.member_id, "
            "am.attendance, am.amount, ROW_NUMBER() OVER (PARTITION BY am.activity_id, am.member_id "
            "ORDER BY am.created_at, am.rowid) AS rn FROM activity_member am "
            f"WHERE am.deleted_at IS NULL AND am.activity_id IN ({in_period})) WHERE rn = 1", span).fetchall()
        payments = conn.execute(
            "SELECT p.activity_id, p.member_id, d.amount, d.book_code, d.number FROM activity_payment p "
            "JOIN cash_doc d ON d.id = p.doc_id WHERE p.deleted_at IS NULL "
            f"AND p.doc_id NOT IN (SELECT doc_id FROM cash_doc_void) AND p.activity_id IN ({in_period}) "
            "ORDER BY d.doc_date, d.book_code, d.number", span).fetchall()
        kind_of = {a.id: a.kind for a in acts}
        concerned: dict[str, list[str | None]] = defaultdict(list)  # the attendance of each member concerned
        listed: dict[tuple[str, str], int | None] = {}
        for aid, mid, attendance, amount in members:
            concerned[aid].append(attendance)
            if kind_of[aid] in SUPPORT_KINDS or amount:
                listed[(aid, mid)] = amount
        spent: dict[str, int] = defaultdict(int)
        spent_members: dict[str, int] = defaultdict(int)
        paid: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)  # (amount, voucher)
        for aid, mid, amount, book, number in payments:
            spent[aid] += amount
            if mid:
                spent_members[aid] += amount
                paid[(aid, mid)].append((amount, f"{book}/{number:04d}"))
                listed.setdefault((aid, mid), None)
        people: dict[str, _Person] = {}
        for chunk, marks in in_chunks(sorted({mid for _, mid in listed})):
            people.update((r[0], _Person(*r[1:])) for r in conn.execute(
                "SELECT m.id, m.full_name, m.sort_key, g.name FROM member m "
                f"LEFT JOIN unit_group g ON g.id = m.group_id WHERE m.id IN ({marks})", chunk))
    day = date.fromisoformat
    lines = tuple(ActivityLine(a.id, a.kind, a.subkind, a.title, day(a.start_date),
                               day(a.end_date) if a.end_date else None, len(concerned[a.id]),
                               sum(1 for x in concerned[a.id] if x == "present"), a.spent_outside + spent[a.id],
                               spent_members[a.id])
                  for a in acts)
    order = {a.id: i for i, a in enumerate(lines)}
    by_id = {a.id: a for a in lines}
    support = []
    for (aid, mid), amount in sorted(listed.items(), key=lambda kv: (order[kv[0][0]], people[kv[0][1]].sort_key or "",
                                                                       kv[0][1])):
        a = by_id[aid]
        who = people[mid]
        got = paid.get((aid, mid), [])
        support.append(SupportLine(aid, a.start_date, a.kind, a.subkind, a.title, mid, who.full_name, who.group_name,
                                   amount, sum(x for x, _ in got), tuple(ref for _, ref in got)))
    return ActivitiesReport(date_from, date_to, lines, tuple(support))


def activities_report_view(r: ActivitiesReport) -> Report:
    kinds = [k for k in r.by_kind if k.activities]
    summary = [("Số hoạt động trong kỳ", len(r.activities)),
               ("Lượt đoàn viên tham gia, được thăm hỏi, tặng quà", sum(a.members for a in r.activities)),
               ("Số đoàn viên được thăm hỏi, trợ cấp, tặng quà, khen thưởng", r.members_supported),
               ("Tổng số tiền đã chi cho các hoạt động", r.spent, "money"),
               ("Trong đó: chi trực tiếp cho từng đoàn viên (phiếu chi)", r.spent_members, "money")]
    by_kind = Table("1. Theo loại hoạt động",
                    ("Loại hoạt động", "Số hoạt động", "Lượt đoàn viên", "Có mặt", "Đã chi",
                     "Trong đó chi cho đoàn viên"),
                    ("text", "int", "int", "int", "money", "money"),
                    [(k.label, k.activities, k.members, k.present, k.spent, k.spent_members) for k in kinds],
                    total=("Cộng", len(r.activities), sum(k.members for k in kinds), sum(k.present for k in kinds),
                           r.spent, r.spent_members),
                    widths=(0.27, 0.13, 0.14, 0.11, 0.17, 0.18))
    acts = Table("2. Danh sách hoạt động",
                 ("Ngày", "Hoạt động", "Loại", "Đoàn viên", "Có mặt", "Đã chi"),
                 ("date", "text", "text", "int", "int", "money"),
                 [(a.start_date, a.title, a.kind_label, a.members, a.present, a.spent) for a in r.activities],
                 total=("Cộng", "", "", sum(a.members for a in r.activities),
                        sum(a.present for a in r.activities), r.spent),
                 widths=(0.14, 0.33, 0.21, 0.11, 0.09, 0.12))
    support = Table("3. Đoàn viên được thăm hỏi, trợ cấp, tặng quà, khen thưởng",
                    ("Ngày", "Họ và tên", "Tổ", "Nội dung", "Mức chi", "Đã chi", "Số phiếu chi"),
                    ("date", "text", "text", "text", "money", "money", "text"),
                    [(x.start_date, x.full_name, x.group_name or "", x.what, x.amount, x.paid,
                      ", ".join(x.refs)) for x in r.support],
                    total=("Cộng", "", "", "", sum(x.amount or 0 for x in r.support),
                           sum(x.paid for x in r.support), ""),
                    widths=(0.125, 0.17, 0.11, 0.21, 0.11, 0.115, 0.16))
    charts = [Chart("Số hoạt động theo loại", [k.label for k in kinds], [k.activities for k in kinds]),
              Chart("Số tiền đã chi theo loại hoạt động (đồng)", [k.label for k in kinds], [k.spent for k in kinds],
                    money=True)]
    return Report("activities", TITLE, period_text(r.date_from, r.date_to), summary, [by_kind, acts, support],
                  charts)
