"""The home page's figures: the state of the union at a glance. SQL aggregates (and the
dues arithmetic of dues_calc for what is due and who is behind), read on three
connections at once: with 100,000 members and two years of dues, the figures take a
fraction of a second (bench/bench_reports.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop.services.activities.service import ActivityRow, ActivityService, Birthday
from desktop.services.bank.totals import MoneyTotals, money_totals
from desktop.services.core.context import Context
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.core.text import collation_key
from desktop.services.dues.arrears import ArrearsMember, members_behind, month_due_total
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import LIVE_PAYMENT, DuesService, raw_connection
from desktop.services.members.counts import MemberCount, member_count

# Luật Thanh niên 2020: thanh niên are 16 to 30 years old. The first age band is exactly
# the young members, so that the "young" figure and the age chart agree (issue 16, item 5).
YOUNG_MAX_AGE = 30
AGE_BANDS = ((0, 31, "Đến 30"), (31, 41, "31–40"), (41, 51, "41–50"), (51, 61, "51–60"), (61, 200, "Trên 60"))
TOP_GROUPS = 10  # a chart of 200 groups is not read: the largest ones, then the rest together
JOINING = ("admitted", "transferred_in")
LEAVING = ("transferred_out", "left", "expelled", "deceased")
T = TypeVar("T")
_CURRENT = ", ".join(f"'{s}'" for s in CURRENT_STATUSES)


def birth_limit(on: date, age: int) -> str:
    """Members born after this ISO date are younger than `age` years on `on`."""
    try:
        d = on.replace(year=on.year - age)
    except ValueError:  # 29 February
        d = date(on.year - age, 3, 1)
    return d.isoformat()


def age_band_sql(on: date) -> tuple[str, tuple[str, ...]]:
    """A CASE giving each member's age band index on `on` (NULL: birth unknown)."""
    parts: list[str] = []
    params: list[str] = []
    for i, (low, _, _) in enumerate(reversed(AGE_BANDS)):
        parts.append(f"WHEN m.birth_date <= ? THEN {len(AGE_BANDS) - 1 - i}")
        params.append(birth_limit(on, low))
    return "CASE WHEN m.birth_date IS NULL THEN NULL " + " ".join(parts) + " END", tuple(params)


@dataclass(frozen=True)
class Dashboard:
    today: date
    count: MemberCount  # on the books, đang sinh hoạt, paying the month's dues
    women: int
    young: int  # YOUNG_MAX_AGE or younger
    party: int
    admitted_year: int  # admitted or transferred in this year
    left_year: int  # transferred out, left, expelled, deceased this year
    month: int  # the month whose dues are shown
    month_due: int
    month_collected: int  # paid for that month by non-voided receipts
    behind: tuple[ArrearsMember, ...]  # THRESHOLDS[0] months or more, most first
    money: MoneyTotals  # cash and bank at the end of today
    activities: tuple[ActivityRow, ...]  # the next 30 days
    birthdays: tuple[Birthday, ...]  # the next 7 days (the first 50)
    birthday_total: int
    by_group: tuple[tuple[str, int], ...]  # largest groups, then "Các tổ khác"
    by_age: tuple[tuple[str, int], ...]
    collected_by_month: tuple[tuple[int, int], ...]  # (month index, dues receipts) over the year

    @property
    def members(self) -> int:
        """Members on the books now."""
        return self.count.current

    @property
    def cash_balance(self) -> int:
        return self.money.cash

    @property
    def collection_rate(self) -> int | None:
        return round(100 * self.month_collected / self.month_due) if self.month_due else None

    def behind_at_least(self, months: int) -> int:
        return sum(1 for a in self.behind if a.months >= months)


class DashboardService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)

    def load(self, today: date | None = None) -> Dashboard:
        today = today or date.today()
        m = month_index(today)
        # What the month's dues come to and who is behind with them (two thirds of the work,
        # most of it inside SQLite, which lets other threads run) are read on connections of
        # their own meanwhile: on two idle cores 0.50 s instead of 0.71 s one after the other
        # (100,000 members, two years of dues; measured). The count of members (its dues
        # payers take as long as the month's due) is read the same way.
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="dashboard") as pool:
            due = pool.submit(self._read, month_due_total, m)
            behind = pool.submit(self._read, members_behind, m)
            count = pool.submit(self._read, member_count, m)
            figures = self._figures(today, m, count)
            return replace(figures, month_due=due.result(), behind=tuple(behind.result()))

    def _read(self, fn: Callable[[DuesService, Session, int], T], m: int) -> T:
        with self.ctx.read() as s:
            return fn(self.dues, s, m)

    def _figures(self, today: date, m: int, count: Future[MemberCount]) -> Dashboard:
        year_from, year_to = date(today.year, 1, 1).isoformat(), date(today.year, 12, 31).isoformat()
        with self.ctx.read() as s:
            conn = raw_connection(s)
            # Members on the books, by group, age band, sex, youth and Party membership in one
            # scan of the table (NOT INDEXED: through ix_member_group, for its GROUP BY, the
            # rows are read in random order, four times slower with 100,000 members; measured).
            case, params = age_band_sql(today)
            combos = conn.execute(
                f"SELECT m.group_id, {case}, m.gender = 'Nữ', m.birth_date > ?, m.party_member, COUNT(*) "
                f"FROM member m NOT INDEXED WHERE m.deleted_at IS NULL AND m.status IN ({_CURRENT}) "
                "GROUP BY 1, 2, 3, 4, 5", (*params, birth_limit(today, YOUNG_MAX_AGE + 1))).fetchall()
            names = dict(conn.execute("SELECT id, name FROM unit_group"))
            moves = dict(conn.execute(
                "SELECT CASE WHEN e.kind IN ('admitted', 'transferred_in') THEN 'in' ELSE 'out' END, "
                "COUNT(DISTINCT e.member_id) FROM member_event e JOIN member m ON m.id = e.member_id "
                "WHERE e.deleted_at IS NULL AND m.deleted_at IS NULL AND e.event_date BETWEEN ? AND ? "
                f"AND e.kind IN ({', '.join(repr(k) for k in JOINING + LEAVING)}) GROUP BY 1",
                (year_from, year_to)).fetchall())
            collected = conn.execute(
                f"SELECT COALESCE(SUM(p.amount), 0) FROM dues_payment p WHERE p.month = ? AND {LIVE_PAYMENT}",
                (month_start(m).isoformat(),)).fetchone()[0]
            by_month = dict(conn.execute(
                "SELECT substr(d.doc_date, 1, 7), SUM(d.amount) FROM cash_doc d WHERE d.kind = 'thu' "
                "AND d.category = 'doan_phi' AND d.doc_date BETWEEN ? AND ? "
                "AND d.id NOT IN (SELECT doc_id FROM cash_doc_void) GROUP BY 1", (year_from, year_to)).fetchall())
        women = young = party = 0
        per_group: dict[str | None, int] = defaultdict(int)
        ages: dict[int | None, int] = defaultdict(int)
        for gid, band, woman, is_young, is_party, n in combos:
            women += n if woman else 0
            young += n if is_young else 0
            party += n if is_party else 0
            per_group[gid] += n
            ages[band] += n
        groups = sorted(((names.get(gid) or "", n) for gid, n in per_group.items()),
                        key=lambda g: (-g[1], collation_key(g[0])))
        by_group = [(name or "Chưa xếp tổ", n) for name, n in groups[:TOP_GROUPS]]
        if len(groups) > TOP_GROUPS:
            by_group.append((f"Các tổ khác ({len(groups) - TOP_GROUPS})", sum(n for _, n in groups[TOP_GROUPS:])))
        by_age = [(label, ages.get(i, 0)) for i, (_, _, label) in enumerate(AGE_BANDS)]
        if ages.get(None):
            by_age.append(("Không rõ", ages[None]))
        first = today.year * 12
        year_months = tuple((k, by_month.get(f"{today.year}-{k - first + 1:02d}", 0)) for k in range(first, m + 1))
        acts = ActivityService(self.ctx)
        soon = acts.calendar(today, date.fromordinal(today.toordinal() + 30), birthdays=0)
        week = acts.calendar(today, date.fromordinal(today.toordinal() + 6), birthdays=50)
        return Dashboard(
            today=today, count=count.result(), women=women, young=young, party=party,
            admitted_year=moves.get("in", 0), left_year=moves.get("out", 0), month=m, month_due=0,
            month_collected=collected, behind=(), money=money_totals(self.ctx, today),
            activities=soon.activities, birthdays=week.birthdays, birthday_total=week.birthday_total,
            by_group=tuple(by_group), by_age=tuple(by_age), collected_by_month=year_months)
