"""Issue 12, item 12: `congdoan demo` makes a unit that looks used for a year, checked by
its reports: every report shows something, some members are behind exactly 6, 9 and 12 months (at
every size: a demo too large for a year of receipts has them from months paid on paper),
the year has admissions, transfers and leavers, group receipts and vouchers, kinh phí and
remittances, activities with attendance and finished minutes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.models import ActivityDoc, CashDoc, DuesPayment, Member, MemberEvent
from desktop.services.demo.service import make_demo
from desktop.services.dues.calc import month_index
from desktop.services.reports import service as reports

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desktop.services.core.context import open_context
    ctx = open_context(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    make_demo(ctx, 400, today=TODAY, year_of_use=True)
    yield ctx
    ctx.close()


def test_every_report_shows_something(demo, tmp_path):
    periods = {"settlement": (date(2026, 1, 1), date(2026, 12, 31))}
    for kind in reports.REPORTS:
        first, last = periods.get(kind, (date(2026, 1, 1), date(2026, 10, 31)))
        r = reports.build(demo, kind, first, last)
        assert r.tables and all(t.rows for t in r.tables), kind
        assert any(isinstance(item[1], int) and item[1] > 0 for item in r.summary), kind
        reports.save(demo, r, tmp_path / f"{kind}.pdf")


def test_members_moved_during_the_year(demo):
    st = reports.member_stats(demo, date(2025, 11, 20), TODAY)
    assert st.admitted > 0 and st.left > 0
    with demo.read() as s:
        kinds = set(s.scalars(select(MemberEvent.kind).where(MemberEvent.event_date > date(2025, 11, 20))))
    assert {"admitted", "transferred_in", "transferred_out", "left"} <= kinds


def test_dues_paid_by_groups_with_members_behind_6_9_12_months(demo):
    last = month_index(TODAY) - 1
    r = reports.dues_report(demo, last - 11, last)
    assert r.collected > 0 and r.due > r.collected
    behind6, behind9, behind12 = r.behind
    assert behind12 > 0 and behind9 > behind12 and behind6 > behind9
    # most members pay: well above half of what was due
    assert r.collected > 0.8 * r.due
    with demo.read() as s:
        group_receipts = s.scalar(select(func.count()).select_from(CashDoc).where(
            CashDoc.category == "doan_phi", CashDoc.attachments.like("Danh sách %")))
        assert group_receipts >= 12  # each group hands in each month
        assert s.scalar(select(func.count()).select_from(DuesPayment)) > 400 * 9


def test_cash_kinh_phi_remittances_activities_and_minutes(demo):
    with demo.read() as s:
        cats = dict(s.execute(select(CashDoc.category, func.count()).group_by(CashDoc.category)).all())
        assert cats.get("kinh_phi", 0) >= 3 and cats.get("nop_cap_tren", 0) >= 3
        assert cats.get("tham_hoi", 0) >= 1 and cats.get("hoat_dong", 0) >= 1
        finished = s.scalar(select(func.count()).select_from(ActivityDoc).where(ActivityDoc.status == "final"))
        assert finished >= 3
    book = reports.cashbook_report(demo, date(2026, 1, 1), TODAY)
    balances = [row[-1] for row in book.tables[0].rows]
    assert min(balances) >= 0  # cash never goes below zero


def test_demo_command_makes_the_year_and_members_only_does_not(tmp_path):
    def run(db, *args):
        return json.loads(subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "--json", *args],
                                         capture_output=True, text=True, check=True).stdout)
    assert run(tmp_path / "a.sqlite3", "demo", "--members", "40")["members"] == 40
    assert run(tmp_path / "a.sqlite3", "receipts", "list")
    assert run(tmp_path / "b.sqlite3", "demo", "--members", "40", "--members-only")["members"] == 40
    assert run(tmp_path / "b.sqlite3", "receipts", "list") == []


def _behind_by_months(ctx, ref):
    from collections import Counter

    from desktop.services.dues.arrears import members_behind
    from desktop.services.dues.service import DuesService
    with ctx.read() as s:
        behind = members_behind(DuesService(ctx), s, ref)
    return Counter(a.months for a in behind)


def _planned(members):
    from desktop.services.demo.year import BEHIND
    return {months: max(1, round(share * members)) for months, share in BEHIND if months >= 6}


def test_members_behind_exactly_6_9_12_months_and_the_pages_say_the_same(demo):
    from desktop.services.dues.arrears import THRESHOLDS
    from desktop.services.reports.dashboard import DashboardService
    tm = month_index(TODAY)
    by_months = _behind_by_months(demo, tm)
    assert by_months == _planned(400) == {12: 2, 9: 4, 6: 8}
    at_least = tuple(sum(n for k, n in by_months.items() if k >= t) for t in THRESHOLDS)
    assert at_least == (14, 6, 2)
    # The dues report after the year and the home page, on the same day, count the same.
    assert reports.dues_report(demo, tm - 12, tm - 1).behind == at_least
    home = DashboardService(demo).load(TODAY)
    assert tuple(home.behind_at_least(t) for t in THRESHOLDS) == at_least


def test_a_demo_too_large_for_a_year_of_receipts_has_its_members_behind_too(tmp_path, monkeypatch):
    """A demo that tracks one month (the benchmarks' 100,000 members do) gets its members
    behind 6, 9 and 12 months from months paid on paper before the app."""
    from desktop.services.core.context import open_context
    from desktop.services.demo import year
    from desktop.services.dues.service import DuesService
    monkeypatch.setattr(year, "MAX_PAYMENT_ROWS", 300)  # 300 members: one month tracked, as 100,000 in the real size
    ctx = open_context(tmp_path / "big.sqlite3")
    try:
        make_demo(ctx, 300, today=TODAY)
        made = year.fill_year(ctx, TODAY)
        assert (made["behind_12"], made["behind_9"], made["behind_6"]) == (2, 3, 6)
        tm = month_index(TODAY)
        assert _behind_by_months(ctx, tm) == _planned(300) == {12: 2, 9: 3, 6: 6}
        with ctx.read() as s:
            assert s.scalar(select(func.count(func.distinct(DuesPayment.month)))) == 1  # this month only
            month = func.substr(Member.dues_paid_through, 1, 7)
            paid = dict(s.execute(select(month, func.count()).where(Member.dues_paid_through.is_not(None))
                                  .group_by(month)).all())
        assert paid == {"2025-10": 2, "2026-01": 3, "2026-04": 6, "2026-08": made["behind_2"]}
        # The ledger of one behind 12 months: the month before owes nothing, paid on paper;
        # the twelve after are owed, none paid.
        from desktop.services.dues.arrears import members_behind
        from desktop.services.dues.calc import month_start
        dues = DuesService(ctx)
        with ctx.read() as s:
            twelve = next(a for a in members_behind(dues, s, tm) if a.months == 12)
        assert twelve.first_month == tm - 12
        ledger = dues.ledger(twelve.member_id, month_start(tm - 13), month_start(tm - 1))
        before, *owed = ledger.months
        assert before.due.total == 0 and "đã đóng trước khi dùng phần mềm" in (before.due.why_zero or "")
        assert len(owed) == 12 and all(m.due.total > 0 and m.paid == 0 for m in owed)
        assert ledger.balance == twelve.amount
    finally:
        ctx.close()
