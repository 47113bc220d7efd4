"""Issue 12, item 9: an office that starts mid-year. Members who paid their dues on paper
up to some month (member.dues_paid_through) owe from the month after: the months up to
it are neither due nor behind, on the dues page, the ledger, the collection sheet, the
home page's "members behind" count, the month's due and the dues report."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest

from desktop.services.core.money import format_money
from desktop.services.documents.service import Documents
from desktop.services.dues.arrears import members_behind, month_due_total
from desktop.services.dues.calc import month_index, month_label, month_start
from desktop.services.dues.service import DuesService, PaymentError
from desktop.services.reports.dashboard import DashboardService
from desktop.services.reports.service import dues_report
from tests.desktop.services.dues_helpers import add_member, setup_unit

T = month_index(date.today())


def paid_to(m: int) -> str:
    return f"{m % 12 + 1}/{m // 12}"


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2025, 1, 1))
    ids = {
        "never": add_member(ctx, name="Nguyễn Văn Chưa", gender="Nam"),
        "recent": add_member(ctx, name="Trần Thị Gần", dues_paid_through=paid_to(T - 2)),
        "seven": add_member(ctx, name="Lê Văn Bảy", gender="Nam", dues_paid_through=paid_to(T - 8)),
        "ahead": add_member(ctx, name="Phạm Thị Trước", dues_paid_through=paid_to(T + 1)),
    }
    return ctx, ids


def test_months_paid_before_the_app_are_neither_due_nor_behind(unit):
    ctx, ids = unit
    dues = DuesService(ctx)
    monthly = dues.due(ids["never"], month_start(T)).total
    assert monthly > 0
    with ctx.read() as s:
        behind = {a.member_id: a for a in members_behind(dues, s, T)}
    assert set(behind) == {ids["never"], ids["seven"]}
    assert behind[ids["never"]].months == T - month_index(date(2025, 1, 1))
    assert (behind[ids["seven"]].months, behind[ids["seven"]].first_month) == (7, T - 7)
    assert behind[ids["seven"]].amount == sum(dues.due(ids["seven"], month_start(m)).total for m in range(T - 7, T))

    lines = {l.member_id: l for l in dues.period(month_start(T))}
    assert lines[ids["recent"]].arrears == dues.due(ids["recent"], month_start(T - 1)).total
    assert lines[ids["recent"]].due == monthly
    assert lines[ids["ahead"]].due == 0 and lines[ids["ahead"]].arrears == 0
    assert "trước khi dùng phần mềm" in lines[ids["ahead"]].why_zero
    assert f"đến tháng {month_label(T + 1)}" in lines[ids["ahead"]].why_zero

    ledger = dues.ledger(ids["recent"], first=month_start(T - 4), last=month_start(T))
    assert [m.due.total for m in ledger.months][:3] == [0, 0, 0]
    assert ledger.months[3].due.total > 0
    with pytest.raises(PaymentError, match="trước khi dùng phần mềm"):
        dues.pay(ids["recent"], [month_start(T - 2)])


def test_the_months_due_and_the_dues_report_leave_the_settled_months_out(unit):
    ctx, _ids = unit
    dues = DuesService(ctx)
    for m in (T - 8, T - 7, T - 2, T, T + 1):
        expected = sum(l.due for l in dues.period(month_start(m)))
        with ctx.read() as s:
            assert month_due_total(dues, s, m) == expected, month_label(m)
    report = dues_report(ctx, T - 9, T)
    for m, figures in report.by_month:
        assert figures.due == sum(l.due for l in dues.period(month_start(m))), month_label(m)
    assert report.behind[0] == 2  # 6 months or more: "never" and "seven", not the two who paid on paper


def test_the_home_page_counts_only_those_really_behind(unit):
    ctx, ids = unit
    board = DashboardService(ctx).load()
    assert board.behind_at_least(6) == 2
    assert {a.member_id for a in board.behind} == {ids["never"], ids["seven"]}
    with ctx.read() as s:
        assert board.month_due == month_due_total(DuesService(ctx), s, T)


def test_the_collection_sheet_shows_the_arrears_from_the_month_after(unit, tmp_path):
    ctx, ids = unit
    dues = DuesService(ctx)
    seven = sum(dues.due(ids["seven"], month_start(m)).total for m in range(T - 7, T))
    never = sum(dues.due(ids["never"], month_start(m)).total for m in range(month_index(date(2025, 1, 1)), T))
    out = tmp_path / "danh-sach-thu.pdf"
    assert Documents(ctx).collection_sheet(month_start(T), None, out) == 4
    pdf = pdfium.PdfDocument(str(out))
    try:
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert format_money(seven, unit=False) in text
    assert format_money(never, unit=False) in text
    assert seven != never


def test_an_office_starting_this_month_tracks_each_member_from_the_month_after_theirs(ctx):
    setup_unit(ctx, dues_from=month_start(T))  # the unit's own records begin now
    never = add_member(ctx, name="Nguyễn Văn Chưa", gender="Nam")
    seven = add_member(ctx, name="Lê Văn Bảy", gender="Nam", dues_paid_through=paid_to(T - 8))
    dues = DuesService(ctx)
    owed = sum(dues.due(seven, month_start(m)).total for m in range(T - 7, T))
    lines = {l.member_id: l for l in dues.period(month_start(T))}
    assert (lines[seven].arrears, lines[never].arrears) == (owed, 0)
    with ctx.read() as s:
        assert [(a.member_id, a.months, a.amount) for a in members_behind(dues, s, T)] == [(seven, 7, owed)]
    assert DashboardService(ctx).load().behind_at_least(6) == 1
    assert dues.ledger(seven).months[0].month == T - 7
