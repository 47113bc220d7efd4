"""The dues law month by month (DOMAIN.md): 1% until 30/06/2025, 0.5% from 01/07/2025,
caps at 10% of lương cơ sở for enterprises, and lương cơ sở 2,530,000 from 01/07/2026."""

from datetime import date

import pytest

from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberService
from tests.desktop.services.dues_helpers import add_member, setup_unit

# (month, salary, group, expected due) — worked by hand from the law.
CASES = [
    ("2025-05", 8_000_000, 3, 80_000),      # 1% of 8,000,000
    ("2025-06", 8_000_000, 3, 80_000),
    ("2025-07", 8_000_000, 3, 40_000),      # 0.5% from July 2025
    ("2026-06", 8_000_000, 3, 40_000),
    ("2026-07", 8_000_000, 3, 40_000),
    ("2025-06", 30_000_000, 3, 234_000),    # 1% = 300,000, capped at 10% of 2,340,000
    ("2025-07", 30_000_000, 3, 150_000),    # 0.5% = 150,000 < cap
    ("2025-07", 50_000_000, 3, 234_000),    # 0.5% = 250,000, capped at 234,000
    ("2026-06", 50_000_000, 3, 234_000),
    ("2026-07", 50_000_000, 3, 250_000),    # cap rises to 253,000 with lương cơ sở 2,530,000
    ("2026-07", 60_000_000, 3, 253_000),
    ("2026-07", 60_000_000, 2, 253_000),    # SOEs: the same cap
    ("2026-07", 60_000_000, 1, 300_000),    # group 1: no cap
    ("2025-06", 60_000_000, 1, 600_000),
    ("2025-07", 5_310_001, 3, 26_550),      # 26,550.005 rounds to the đồng
    ("2025-07", 5_310_100, 3, 26_551),      # 26,550.5 rounds half up
]


@pytest.mark.parametrize("month,salary,group,expected", CASES)
def test_due_by_month(ctx, month, salary, group, expected):
    setup_unit(ctx, group=group)
    mid = add_member(ctx, salary=salary)
    assert DuesService(ctx).due(mid, month).total == expected


@pytest.mark.parametrize("month,expected", [("2025-06", 23_400), ("2025-07", 11_700), ("2026-06", 11_700),
                                            ("2026-07", 12_650)])
def test_fixed_dues_have_a_floor(ctx, month, expected):
    """No determinable salary: a fixed amount of at least 1% (0.5% from 07/2025) of lương cơ sở."""
    setup_unit(ctx)
    mid = add_member(ctx, salary=5_000, basis="fixed")
    assert DuesService(ctx).due(mid, month).total == expected
    mid2 = add_member(ctx, name="Trần Văn Hùng", salary=50_000, basis="fixed", gender="Nam")
    assert DuesService(ctx).due(mid2, month).total == 50_000


def test_rounding_setting(ctx):
    setup_unit(ctx, rounding=1000)
    mid = add_member(ctx, salary=7_350_000)  # 36,750
    assert DuesService(ctx).due(mid, "2025-08").total == 37_000
    mid = add_member(ctx, name="Lê Văn Tám", gender="Nam", salary=7_290_000)  # 36,450
    assert DuesService(ctx).due(mid, "2025-08").total == 36_000


def test_higher_rate_by_resolution_is_shown_apart(ctx):
    setup_unit(ctx, group=3, higher_rate_bp=100)  # 1% by the executive committee's resolution
    mid = add_member(ctx, salary=10_000_000)
    d = DuesService(ctx).due(mid, "2025-09")
    assert (d.standard, d.excess, d.total) == (50_000, 50_000, 100_000)


def test_salary_change_takes_effect_from_a_month(ctx):
    setup_unit(ctx)
    mid = add_member(ctx, salary=8_000_000)
    dues = DuesService(ctx)
    dues.set_basis(mid, "2025-10", "bhxh", 10_000_000)
    assert dues.due(mid, "2025-09").total == 40_000
    assert dues.due(mid, "2025-10").total == 50_000
    assert dues.due(mid, "2026-01").total == 50_000


def test_exempt_and_status_months_owe_nothing(ctx):
    setup_unit(ctx)
    dues = DuesService(ctx)
    members = MemberService(ctx)
    mid = add_member(ctx, salary=8_000_000, joined="15/03/2025")
    assert dues.due(mid, "2025-02").total == 0 and "chưa vào công đoàn" in dues.due(mid, "2025-02").why_zero
    assert dues.due(mid, "2025-03").total == 80_000  # joined mid-month: that month counts
    dues.add_exemption(mid, "2025-08", "2025-12", "maternity")
    assert dues.due(mid, "2025-07").total == 40_000
    for m in ("2025-08", "2025-10", "2025-12"):
        d = dues.due(mid, m)
        assert d.total == 0 and "thai sản" in d.why_zero
    assert dues.due(mid, "2026-01").total == 40_000
    members.add_event(mid, "suspended", date(2026, 2, 1), reason="Nghỉ không lương dài hạn")
    assert dues.due(mid, "2026-01").total == 40_000
    assert dues.due(mid, "2026-02").total == 0 and "tạm dừng" in dues.due(mid, "2026-02").why_zero
    members.add_event(mid, "resumed", date(2026, 5, 20))
    assert dues.due(mid, "2026-05").total == 40_000
    members.add_event(mid, "left", date(2026, 8, 10))
    assert dues.due(mid, "2026-08").total == 40_000  # active until the 9th
    assert dues.due(mid, "2026-09").total == 0 and "ra khỏi tổ chức" in dues.due(mid, "2026-09").why_zero


def test_honorary_members_owe_nothing(ctx):
    setup_unit(ctx)
    mid = add_member(ctx, salary=9_000_000, first_event="honorary")
    d = DuesService(ctx).due(mid, "2025-09")
    assert d.total == 0 and "danh dự" in d.why_zero


def test_arrears_derive_from_months_due_and_paid(ctx):
    setup_unit(ctx, dues_from=date(2025, 5, 1))
    dues = DuesService(ctx)
    mid = add_member(ctx, salary=8_000_000)
    line = dues.period("2025-09", member_ids=[mid])[0]
    # May, June at 1% (80,000 each); July, August at 0.5% (40,000 each)
    assert (line.due, line.arrears, line.paid) == (40_000, 240_000, 0)
    dues.pay(mid, ["2025-05", "2025-06"], doc_date=date(2025, 9, 5))
    line = dues.period("2025-09", member_ids=[mid])[0]
    assert line.arrears == 80_000
    dues.pay(mid, ["2025-09", "2025-10", "2025-11"], doc_date=date(2025, 9, 5))
    line = dues.period("2025-09", member_ids=[mid])[0]
    assert (line.paid, line.owed, line.advance) == (40_000, 0, 80_000)
    q = dues.period("2025-07", "2025-09", member_ids=[mid])[0]  # a quarter
    assert (q.due, q.paid, q.arrears) == (120_000, 40_000, 0)


def test_ledger_shows_months_already_planned(ctx):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    dues = DuesService(ctx)
    mid = add_member(ctx, salary=8_000_000)
    dues.add_exemption(mid, "2027-02", "2027-04", "maternity")
    months = dues.ledger(mid).months
    assert months[-1].month == 2027 * 12 + 3 and months[-1].due.total == 0
