"""Members behind with their dues (the dashboard's 6/9/12-month figures, the dues report):
the run-by-run arithmetic and the few-candidates query agree with each member's ledger,
month by month, through salary changes, exemptions, suspensions, a law change, voided
receipts and late joiners."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.cash.service import CashService
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.dues.arrears import members_behind, owed_runs
from desktop.services.dues.calc import member_due, month_index, month_start
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService
from desktop.services.members.service import MemberService
from tests.desktop.services.dues_helpers import add_member, setup_unit

M = month_index


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2025, 1, 1))  # the rate halves from 07/2025 (QĐ 61)
    dues, members, cash = DuesService(ctx), MemberService(ctx), CashService(ctx)
    ids = {}
    ids["raise"] = add_member(ctx, name="Lê Văn Tăng", gender="Nam", salary=8_000_000)
    dues.set_basis(ids["raise"], "2025-10", "bhxh", 12_000_000)
    dues.add_exemption(ids["raise"], "2025-12", "2026-02", "maternity")
    ids["suspended"] = add_member(ctx, name="Phạm Thị Dừng", salary=6_000_000)
    members.add_event(ids["suspended"], "suspended", date(2025, 6, 10), reason="nghỉ dài hạn")
    members.add_event(ids["suspended"], "resumed", date(2025, 11, 3))
    ids["voided"] = add_member(ctx, name="Hồ Thị Hủy", salary=7_000_000)
    dues.pay(ids["voided"], [f"2025-{m:02d}" for m in range(1, 9)], doc_date=date(2025, 8, 20))
    doc = dues.pay(ids["voided"], ["2025-09", "2025-10", "2025-11"], doc_date=date(2025, 11, 20))
    cash.void(doc.id, "Nhầm người nộp")
    ids["fixed"] = add_member(ctx, name="Đỗ Văn Cố", gender="Nam", salary=None, basis="fixed")
    dues.set_basis(ids["fixed"], "2025-01", "fixed", 20_000)
    dues.pay(ids["fixed"], ["2025-01", "2025-02"], doc_date=date(2025, 2, 5))
    ids["late"] = add_member(ctx, name="Vũ Thị Muộn", salary=9_000_000, joined="15/03/2026")
    ids["honorary"] = add_member(ctx, name="Trịnh Văn Danh", gender="Nam", salary=5_000_000)
    members.add_event(ids["honorary"], "honorary", date(2025, 4, 1))
    ids["payer"] = add_member(ctx, name="Mai Thị Đủ", salary=6_500_000)
    dues.pay(ids["payer"], [f"2025-{m:02d}" for m in range(1, 13)], doc_date=date(2025, 12, 1))
    return ctx, ids


def behind_from_ledgers(ctx, ref: int, min_months: int) -> dict[str, tuple[int, int, int]]:
    """{member: (months, first month, amount)} rebuilt from each member's ledger: the
    months owed after the last month paid for, up to the month before ref."""
    dues = DuesService(ctx)
    with ctx.read() as s:
        rows = s.connection().exec_driver_sql("SELECT id, status FROM member WHERE deleted_at IS NULL").fetchall()
    out = {}
    for mid, status in rows:
        if status not in CURRENT_STATUSES:
            continue
        ledger = dues.ledger(mid, first=month_start(M(date(2025, 1, 1))), last=month_start(ref - 1))
        owed = []
        for lm in reversed(ledger.months):
            if lm.paid:
                break
            if lm.due.total:
                owed.append((lm.month, lm.due.total))
        if len(owed) >= min_months:
            out[mid] = (len(owed), min(m for m, _ in owed), sum(a for _, a in owed))
    return out


@pytest.mark.parametrize("ref", [M(date(2025, 7, 1)), M(date(2026, 1, 1)), M(date(2026, 5, 1)),
                                 M(date(2026, 9, 1))])
@pytest.mark.parametrize("min_months", [1, 6])
def test_members_behind_agree_with_the_ledgers(unit, ref, min_months):
    ctx, ids = unit
    dues = DuesService(ctx)
    with ctx.read() as s:
        got = {a.member_id: (a.months, a.first_month, a.amount) for a in members_behind(dues, s, ref, min_months)}
    assert got == behind_from_ledgers(ctx, ref, min_months)
    if ref == M(date(2026, 5, 1)) and min_months == 6:
        # The voided receipt paid nothing: behind since 09/2025. The honorary member owes nothing.
        assert got[ids["voided"]][1] == M(date(2025, 9, 1)) and ids["honorary"] not in got
        assert ids["payer"] not in got and ids["late"] not in got


def test_owed_runs_give_member_due_month_by_month(unit):
    ctx, ids = unit
    dues = DuesService(ctx)
    a, b = M(date(2024, 6, 1)), M(date(2027, 3, 1))
    with ctx.read() as s:
        law, unit_dues, histories = dues.calculator(s, list(ids.values()), b + MAX_MONTHS_AHEAD)
    for _mid, h in histories.items():
        runs = owed_runs(law, unit_dues, h, a, b)
        by_runs = [(m, due) for first, last, due in runs for m in range(first, last + 1)]
        assert by_runs == [(m, d.total) for m in range(a, b + 1) if (d := member_due(law, unit_dues, h, m)).total]
    raised = [(first, last) for first, last, _ in owed_runs(law, unit_dues, histories[ids["raise"]], a, b)]
    # Cut where the law (07/2025), the salary (10/2025) and the exemption (12/2025–02/2026) change.
    assert (M(date(2025, 7, 1)), M(date(2025, 9, 1))) in raised
    assert (M(date(2025, 10, 1)), M(date(2025, 11, 1))) in raised
    assert all(not (first <= M(date(2026, 1, 1)) <= last) for first, last in raised)
