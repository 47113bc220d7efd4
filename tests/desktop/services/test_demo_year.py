"""Issue 12, item 12: `congdoan demo` makes a unit that looks used for a year, checked by
its reports: every report shows something, some members are behind 6, 9 and 12 months,
the year has admissions, transfers and leavers, group receipts and vouchers, kinh phí and
remittances, activities with attendance and finished minutes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.models import ActivityDoc, CashDoc, DuesPayment, MemberEvent
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
