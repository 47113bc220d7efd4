"""A year of use on top of the demo members (`congdoan demo`): the unit's settings and
opening cash, dues handed in by the groups month after month (some members behind 6, 9,
12 months), kinh phí received, the remittances to the upper level, a few vouchers and
activities with attendance and finished minutes — so that every page and report of a
demo shows something, as in an office that has used the program for a year.

A demo too large for a year of payment rows tracks fewer months (MAX_PAYMENT_ROWS); its
members behind since before its first tracked month are those who paid on paper up to
the month before their arrears began (member.dues_paid_through, as an import of a list
with "Đã đóng đến tháng" records it), so that the discipline figures show at every size.

The members' moves (admissions, transfers, leavers of the year) are made with the
members, in demo.make_demo. Everything is written through the services' own rules
(receipt numbering, cash on hand, remittance plans, the minutes' checks), except the dues
allocations of the group receipts, which are bulk rows like the dues page's."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.models import CashDoc, utcnow
from desktop.models.audit import bulk_begin, bulk_end
from desktop.services.activities.minutes import MinutesService
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.core.context import Context
from desktop.services.core.money import format_money
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.dues.calc import member_due, month_end, month_index, month_label, month_start
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService, PaymentError, raw_connection
from desktop.services.units.service import UnitService
from protocol.tables import derived_id

OPENING_BALANCE = 18_450_000
# Payment rows the demo writes at most: a year of every member's dues (13 months) up to
# 10,000 members, the size of a large real unit; a larger demo tracks fewer months (the
# benchmarks' 100,000 members: the current month only), so that making it stays within
# about 1.5 times the time of its members alone; the settings' "dues from" says from when.
MAX_PAYMENT_ROWS = 130_000


# Members behind with their dues at the end of last month, by months in a row: the
# discipline levels (6 khiển trách, 9 cảnh cáo, 12 khai trừ) in the shares of a unit where
# most pay, at least one each when someone has been a member long enough, and a few who
# are two months late. The others pay up to last month, six in ten the current one too.
BEHIND: tuple[tuple[int, float], ...] = ((12, 0.005), (9, 0.01), (6, 0.02), (2, 0.02))
PAYS_CURRENT_MONTH = 0.6


def tracked_months(members: int) -> int:
    return max(1, min(13, MAX_PAYMENT_ROWS // max(1, members)))


class _Member(NamedTuple):
    id: str
    full_name: str
    group_id: str | None
    status: str
    salary: int | None
    joined: str | None  # ISO date, as SQLite gives it


class Plan(NamedTuple):
    """Who pays what: the first month each member leaves unpaid, and the month paid on
    paper before the app of those whose arrears begin before the first tracked month."""

    stop: dict[str, int]
    paid_through: dict[str, int]
    behind: dict[int, int]  # months behind → how many members were made so


def payment_plan(members: Sequence[_Member], first: int, tm: int, rng: random.Random) -> Plan:
    stop = {p.id: tm + 1 if rng.random() < PAYS_CURRENT_MONTH else tm for p in members}
    paid_through: dict[str, int] = {}
    behind: dict[int, int] = {}
    taken: set[str] = set()
    joined = {p.id: month_index(date.fromisoformat(p.joined)) for p in members if p.joined}
    for months, share in BEHIND:
        begins = tm - months  # the first month left unpaid
        # Members since before it (so that the month paid through is one they were members
        # in), with one admission and nothing since: they owe every month of the run.
        able = [p.id for p in members if p.status == "active" and p.id not in taken and joined.get(p.id, tm) < begins]
        chosen = rng.sample(able, min(len(able), max(1, round(share * len(members)))))
        for mid in chosen:
            stop[mid] = begins
            if begins < first:
                paid_through[mid] = begins - 1
        taken.update(chosen)
        behind[months] = len(chosen)
    return Plan(stop, paid_through, behind)


def fill_year(ctx: Context, today: date, seed: int = 2026) -> dict[str, int]:
    """The year of use, for a unit whose demo members exist. Returns what it made."""
    rng = random.Random(seed + 12)
    units = UnitService(ctx)
    with ctx.read() as s:
        conn = raw_connection(s)
        members = [_Member._make(r) for r in conn.execute(
            "SELECT id, full_name, group_id, status, salary, joined_date FROM member WHERE deleted_at IS NULL "
            "ORDER BY sort_key")]
    tm = month_index(today)
    first = tm - tracked_months(len(members)) + 1
    start = month_start(first)
    units.save_dues_settings(replace(units.dues_settings(), dues_group=3, dues_from=start, place="Dĩ An",
                                     opening_balance=OPENING_BALANCE, opening_date=start))
    made = {"receipts": 0, "vouchers": 0, "payments": 0}
    plan = payment_plan(members, first, tm, rng)
    made.update({f"behind_{k}": n for k, n in plan.behind.items()})
    _paid_on_paper(ctx, plan.paid_through)
    _dues(ctx, members, plan.stop, first, tm, today, made)
    _kinh_phi_and_remittances(ctx, members, first, tm, today, made)
    _activities(ctx, members, first, tm, today, rng, made)
    return made


def _collection_day(m: int, today: date) -> date:
    """Groups hand the month's dues in around the 25th."""
    return min(today, month_start(m).replace(day=25))


def _paid_on_paper(ctx: Context, paid_through: dict[str, int]) -> None:
    """The months paid before the app, of the members behind since before the first
    tracked month: one statement, one audit summary row (as an import writes them)."""
    if not paid_through:
        return
    with ctx.write() as s:
        bulk_begin(s.connection(), "member", f"Dữ liệu mẫu: {len(paid_through)} đoàn viên đã đóng đoàn phí "
                                             "trước khi dùng phần mềm")
        now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        raw_connection(s).executemany(
            "UPDATE member SET dues_paid_through = ?, updated_at = ?, device_id = ? WHERE id = ?",
            [(month_start(m).isoformat(), now, ctx.device_id, mid) for mid, m in paid_through.items()])
        bulk_end(s.connection())


def _dues(ctx: Context, members: Sequence[_Member], stop: dict[str, int], first: int, tm: int, today: date,
          made: dict[str, int]) -> None:
    """Each member's months first..stop-1 (to this month at most) handed in by the group."""
    dues = DuesService(ctx)
    group_of = {p.id: p.group_id for p in members}
    leader: dict[str | None, str] = {}
    for p in members:
        if p.status in CURRENT_STATUSES:
            leader.setdefault(p.group_id, p.full_name)
    owed: dict[tuple[int, str | None], dict[str, list[tuple[int, int]]]] = defaultdict(dict)
    with ctx.read() as s:
        law = dues.law(s)
        unit, _ = dues.unit(s)
        histories = dues.histories(s, None, tm + 12)
        group_names = dict(raw_connection(s).execute("SELECT id, name FROM unit_group"))
    for mid, h in histories.items():
        for m in range(first, min(stop[mid], tm + 1)):
            total = member_due(law, unit, h, m).total
            if total:
                owed[(m, group_of[mid])].setdefault(mid, []).append((m, total))
    cash = CashService(ctx)
    with ctx.write() as s:
        for (m, gid), rows in sorted(owed.items(), key=lambda kv: (kv[0][0], group_names.get(kv[0][1], ""))):
            group = group_names.get(gid, "Chưa xếp tổ")
            amount = sum(a for items in rows.values() for _, a in items)
            doc = cash.issue(s, kind="thu", category="doan_phi", doc_date=_collection_day(m, today),
                             person_name=leader.get(gid) or "Tổ trưởng", address=group, amount=amount,
                             attachments=f"Danh sách {len(rows)} đoàn viên",
                             reason=f"Thu đoàn phí tháng {month_label(m)} — {group} ({len(rows)} đoàn viên)")
            _write_payments(s, doc, rows, ctx.device_id)
            made["receipts"] += 1
            made["payments"] += len(rows)


def _write_payments(s: Session, doc: CashDoc, rows: dict[str, list[tuple[int, int]]], device: str) -> None:
    """The receipt's allocations, as DuesService.write_allocations writes them (one audit summary row,
    ids derived from receipt, member and month) but through the driver: the ORM's bulk
    insert cost 12 s of a 100,000-member demo's 140,000 rows (measured)."""
    now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    doc_id = doc.id
    out = []
    for mid, items in rows.items():
        for m, amount in items:
            month = month_start(m).isoformat()
            out.append((derived_id("dues_payment", {"doc_id": doc_id, "member_id": mid, "month": month}), doc_id, mid,
                        month, amount, now, now, device))
    total = sum(amount for items in rows.values() for _, amount in items)
    bulk_begin(s.connection(), "dues_payment", f"Phiếu {doc.book_code}/{doc.number:04d}: {len(out)} tháng đoàn phí "
                                               f"của {len(rows)} đoàn viên, {format_money(total)}", row_id=doc_id)
    raw_connection(s).executemany(
        "INSERT INTO dues_payment (id, doc_id, member_id, month, amount, created_at, updated_at, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", out)
    bulk_end(s.connection())


def _kinh_phi_and_remittances(ctx: Context, members: Sequence[_Member], first: int, tm: int, today: date,
                              made: dict[str, int]) -> None:
    cash = CashService(ctx)
    payroll = sum(p.salary or 0 for p in members if p.status in CURRENT_STATUSES)
    # Kinh phí công đoàn: 2% of the payroll, paid by the employer each quarter; the
    # grassroots union keeps its share (75%) and spends most of it on its work.
    for q_end in (m for m in range(first, tm) if m % 3 == 2):
        amount = int(max(1_000, round(payroll * 0.02 * 3 * 0.75, -3)))
        when = min(today, month_end(q_end) + timedelta(days=10))
        cash.record(kind="thu", category="kinh_phi", doc_date=when, person_name="Công ty TNHH May mặc Sao Việt",
                    reason=f"Kinh phí công đoàn quý {(q_end % 12) // 3 + 1}/{q_end // 12} (phần công đoàn "
                           "cơ sở được sử dụng)", amount=amount)
        made["receipts"] += 1
        for days, category, share, reason in (
                (15, "hoat_dong", 0.45, "Chi tổ chức hoạt động phong trào, văn hóa thể thao"),
                (20, "hanh_chinh", 0.25, "Chi phụ cấp cán bộ công đoàn, văn phòng phẩm, hội họp"),
                (25, "khen_thuong", 0.15, "Chi khen thưởng đoàn viên, tổ công đoàn xuất sắc")):
            day = min(today, when + timedelta(days=days))
            cash.record(kind="chi", category=category, doc_date=day, person_name="Lê Thị Thu Hà",
                        reason=f"{reason} quý {(q_end % 12) // 3 + 1}/{q_end // 12}",
                        amount=int(round(amount * share, -3)))
            made["vouchers"] += 1
    remit = RemittanceService(ctx)
    # Dues to the upper level by calendar quarter (the receipts' dates), paid at its end.
    a = first
    while a < tm:
        b = min(tm - 1, a + 2 - a % 3)
        try:
            remit.record(month_start(a), month_start(b), doc_date=min(today, month_start(b).replace(day=28)))
            made["vouchers"] += 1
        except PaymentError:  # nothing collected in that quarter
            pass
        a = b + 1


def _activities(ctx: Context, members: Sequence[_Member], first: int, tm: int, today: date, rng: random.Random,
                made: dict[str, int]) -> None:
    acts = ActivityService(ctx)
    minutes = MinutesService(ctx)
    cash = CashService(ctx)
    active = [(p.id, p.full_name) for p in members if p.status == "active"]
    with ctx.read() as s:
        women_ids = {mid for (mid,) in raw_connection(s).execute("SELECT id FROM member WHERE gender = 'Nữ'")}
    if len(active) < 12:
        return
    committee = active[:9]
    sample = rng.sample(active, min(60, len(active)))

    def meeting(title: str, subkind: str, day: date, people: list[tuple[str, str]], place: str) -> None:
        a = acts.add(ActivityInput(kind="hop", subkind=subkind, title=title, start_date=day, place=place),
                     member_ids=[mid for mid, _ in people])
        marks: dict[str, tuple[str, str | None]] = {mid: ("present", None) for mid, _ in people}
        for mid, _ in people[-max(1, len(people) // 12):]:
            marks[mid] = rng.choice([("absent", "ốm"), ("excused", "đi công tác")])
        acts.set_attendance(a.id, marks)
        c = minutes.template(a.id, "bb")
        c = replace(c, chair_name=people[0][1], secretary_name=people[1][1],
                    start_at=datetime.combine(day, time(14, 0)), end_at=datetime.combine(day, time(16, 30)))
        minutes.save(a.id, "bb", c, finish=True)

    early = month_start(first) + timedelta(days=14)
    meeting(f"Hội nghị người lao động năm {early.year}", "nld", min(today, early), sample, "Hội trường công ty")
    for back in (2, 1):
        day = min(today, month_start(max(first, tm - back)).replace(day=5))
        meeting(f"Họp Ban Chấp hành tháng {month_label(month_index(day))}", "bch", day,
                [(mid, name) for mid, name in committee], "Phòng họp Công đoàn")
    # Visits to sick members, paid from the fund.
    day = min(today, month_start(max(first, tm - 3)).replace(day=18))
    sick = rng.sample(active[9:], 3)
    a = acts.add(ActivityInput(kind="tham_hoi", subkind="om_dau", title="Thăm hỏi đoàn viên ốm đau", start_date=day),
                 member_ids=[mid for mid, _ in sick])
    acts.set_attendance(a.id, {mid: ("present", None) for mid, _ in sick})
    acts.set_amounts(a.id, {mid: (500_000, None) for mid, _ in sick})
    acts.pay(a.id, doc_date=day)
    made["vouchers"] += 3
    # Gifts for the last women's day (8/3 or 20/10) of the demo's time, else a gift day now.
    days = [(date(y, mo, d), sub) for y in (today.year - 1, today.year) for mo, d, sub in ((3, 8, "8_3"), (10, 20, "20_10"))]
    day, sub = max(((d, s) for d, s in days if month_start(first) <= d <= today), default=(today, "khac"))
    women = [(mid, name) for mid, name in sample if mid in women_ids][:20] or sample[:20]
    a = acts.add(ActivityInput(kind="ky_niem", subkind=sub, title=f"Tặng quà nữ đoàn viên ngày {day:%d/%m}",
                               start_date=day, scope="members"), member_ids=[mid for mid, _ in women])
    acts.set_attendance(a.id, {mid: ("present", None) for mid, _ in women})
    acts.spend(a.id, amount=200_000 * len(women), person_name=committee[0][1], doc_date=day,
               reason=f"Mua quà tặng {len(women)} nữ đoàn viên")
    made["vouchers"] += 1
    # Office supplies; and an executive meeting coming up, shown on the home page.
    cash.record(kind="chi", category="hanh_chinh", doc_date=min(today, month_start(tm).replace(day=3)),
                person_name="Lê Thị Thu Hà", reason="Mua văn phòng phẩm, sổ sách công đoàn", amount=850_000)
    made["vouchers"] += 1
    acts.add(ActivityInput(kind="hop", subkind="bch", title="Họp Ban Chấp hành tháng tới",
                           start_date=today + timedelta(days=10), place="Phòng họp Công đoàn"),
             member_ids=[mid for mid, _ in committee])
