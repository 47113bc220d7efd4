"""Issue 16, item 6: one count of members, defined once (members.counts), each figure
rebuilt here from the raw rows: on the books, đang sinh hoạt, and those who must pay
the month's dues (the members the dues list gives a due for that month); the home page
and the members report to this day agree with it."""

from __future__ import annotations

from datetime import date

from desktop.services.core.context import open_context
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.demo.service import make_demo
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService
from desktop.services.members import member_count
from desktop.services.members.service import MemberService
from desktop.services.reports import service as reports
from desktop.services.reports.dashboard import DashboardService


def test_the_counts_agree_with_the_rows(tmp_path):
    ctx = open_context(tmp_path / "unit.sqlite3")
    make_demo(ctx, 200)
    m = month_index(date.today())
    # One member suspended: still on the books, no longer "đang sinh hoạt", owing nothing.
    members = MemberService(ctx)
    with ctx.read() as s:
        mid = s.connection().exec_driver_sql("SELECT id FROM member WHERE status = 'active' LIMIT 1").scalar()
    members.add_event(mid, "suspended", date.today().replace(day=1))
    dues = DuesService(ctx)
    with ctx.read() as s:
        statuses = [r[0] for r in s.connection().exec_driver_sql("SELECT status FROM member WHERE deleted_at IS NULL")]
        n = member_count(dues, s, m)
    assert n.month == m
    assert n.current == sum(1 for st in statuses if st in CURRENT_STATUSES)
    assert n.active == statuses.count("active") == n.current - statuses.count("suspended") - statuses.count("honorary")
    assert n.active < n.current
    lines = dues.period(month_start(m))
    assert n.dues_payers == sum(1 for x in lines if x.due > 0) > 0
    assert mid not in {x.member_id for x in lines if x.due > 0}
    board = DashboardService(ctx).load()
    assert board.count == n and board.members == n.current
    # The members report to this day counts the same members (replayed from their events).
    today = date.today()
    assert reports.member_stats(ctx, date(today.year, 1, 1), today).total == n.current
    ctx.close()
