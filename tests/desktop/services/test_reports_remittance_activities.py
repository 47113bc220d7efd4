"""Issue 6: the remittance report (đoàn phí sent to the upper level) and the activities and
support payments report. Every figure is rebuilt from the raw rows (plain SQL and Python
arithmetic; the dues of each member and month from the dues page) and compared; the PDFs
are checked by their extracted text and rendered to PNG, the Excel files read back, and
the CLI run on the same database."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.models import ActivityMember
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
from desktop.services.dues.calc import month_index, month_label, month_start
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService
from desktop.services.reports import service as reports
from desktop.services.reports.activities import activities_report
from desktop.services.reports.remittance import remittance_report
from desktop.services.units.service import UnitService

SHOTS = Path(__file__).resolve().parents[3] / "screenshots"
M = month_index  # 2025-05 … 2025-12: 30% all along (QĐ 8108/QĐ-TLĐ, from the 2023 fiscal year)
FIRST, LAST = M(date(2025, 5, 1)), M(date(2025, 12, 1))


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    """150 demo members; dues from 05/2025 with a higher rate of 1% (its excess stays with
    the union), paid month by month (some late, one receipt voided); three remittances
    (one voided) and one voucher "nộp cấp trên" entered by hand. Activities of 2025 with
    support payments (one voided), a gift to a group, a meeting paid for as a whole,
    money spent outside the cash box, a duplicated member row, a deleted activity and
    one of 2024."""
    path = tmp_path_factory.mktemp("remit") / "unit.sqlite3"
    ctx = open_context(path)
    make_demo(ctx, 150, today=date(2025, 4, 1))
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), dues_group=3, higher_rate_percent="1",
                                     dues_from=date(2025, 5, 1)))
    dues = DuesService(ctx)
    cash = CashService(ctx)
    cash.record(kind="thu", category="kinh_phi", doc_date=date(2025, 1, 10), person_name="Công ty",
                reason="Kinh phí công đoàn 2%", amount=50_000_000)
    with ctx.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT id FROM member WHERE status = 'active' ORDER BY id")]
    late = set(ids[::9])  # pay two months at a time, a month late
    for m in range(FIRST, LAST + 1):
        on_time = {mid: [month_start(m)] for mid in ids if mid not in late}
        dues.pay_many(on_time, one_receipt=True, payer_name="Tổ trưởng", doc_date=month_start(m).replace(day=20),
                      skip_settled=True)
        if (m - FIRST) % 2 == 1:
            dues.pay_many({mid: [month_start(m - 1), month_start(m)] for mid in late}, one_receipt=True,
                          payer_name="Tổ trưởng", doc_date=month_start(m + 1).replace(day=3), skip_settled=True)
    wrong = dues.pay(ids[1], [month_start(LAST + 1)], doc_date=date(2025, 9, 15))
    cash.void(wrong.id, "Ghi nhầm tháng")
    remit = RemittanceService(ctx)
    remit.record(date(2025, 5, 1), date(2025, 7, 1), doc_date=date(2025, 8, 5))
    _, doc = remit.record(date(2025, 8, 1), date(2025, 8, 1), doc_date=date(2025, 9, 5))
    cash.void(doc.id, "Nhầm kỳ")
    remit.record(date(2025, 8, 1), date(2025, 9, 1), doc_date=date(2025, 10, 6))
    cash.record(kind="chi", category="nop_cap_tren", doc_date=date(2025, 12, 10), person_name="Công đoàn phường",
                reason="Nộp đoàn phí tháng 10/2025 (chuyển khoản)", amount=150_000)

    acts = ActivityService(ctx)
    visit = acts.add(ActivityInput("tham_hoi", "Thăm đoàn viên ốm dài ngày", date(2025, 6, 12), subkind="om_dau"),
                     member_ids=ids[3:6])
    acts.set_amounts(visit.id, {ids[3]: (500_000, None), ids[4]: (300_000, "quà")})
    paid = acts.pay(visit.id, doc_date=date(2025, 6, 13))
    cash.void(paid[1].id, "Sai số tiền")
    birth = acts.add(ActivityInput("tham_hoi", "Mừng đoàn viên sinh con", date(2025, 9, 2), subkind="sinh_con"),
                     member_ids=[ids[7]])
    acts.set_amounts(birth.id, {ids[7]: (1_000_000, None)})
    acts.pay(birth.id, doc_date=date(2025, 9, 3))
    with ctx.read() as s:
        group = s.connection().exec_driver_sql("SELECT group_id FROM member WHERE id = ?", (ids[10],)).scalar()
    gift = acts.add(ActivityInput("ky_niem", "Tặng quà 20/10 đoàn viên nữ tổ", date(2025, 10, 18), subkind="20_10",
                                  scope="group", group_id=group))
    gift_members = [p.member_id for p in acts.get(gift.id).participants]
    acts.set_amounts(gift.id, dict.fromkeys(gift_members[:4], (200000, None)))
    acts.pay(gift.id, doc_date=date(2025, 10, 19), member_ids=gift_members[:2])
    meeting = acts.add(ActivityInput("hop", "Họp Ban Chấp hành quý III", date(2025, 9, 30), subkind="bch",
                                     end_date=date(2025, 10, 1), spent_outside=300_000), member_ids=ids[20:29])
    acts.set_attendance(meeting.id, dict.fromkeys(ids[20:27], ("present", None))
                        | {ids[27]: ("absent", "ốm")})
    acts.spend(meeting.id, amount=1_200_000, person_name="Nhà hàng Sen", doc_date=date(2025, 10, 1))
    reward = acts.add(ActivityInput("khen_thuong", "Khen thưởng con đoàn viên học giỏi", date(2025, 8, 20),
                                    subkind="hoc_tap"), member_ids=[ids[30]])
    voucher = cash.record(kind="chi", category="khen_thuong", doc_date=date(2025, 8, 21), person_name="Bà Lan",
                          reason="Thưởng học sinh giỏi", amount=400_000)
    acts.link_voucher(reward.id, voucher.id, ids[31])  # paid to a member not on the activity's list
    with ctx.write() as s:  # the same member added on two devices before they synced
        s.add(ActivityMember(activity_id=meeting.id, member_id=ids[20], attendance="absent",
                             device_id="other-device"))
    gone = acts.add(ActivityInput("van_the", "Giải bóng đá (hủy)", date(2025, 7, 1)), member_ids=ids[40:44])
    acts.delete(gone.id)
    acts.add(ActivityInput("tham_hoi", "Thăm hỏi năm trước", date(2024, 12, 20), subkind="kho_khan"),
             member_ids=ids[50:52])
    yield ctx, path
    ctx.close()


def raw(path):
    return sqlite3.connect(path)


def voided(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT doc_id FROM cash_doc_void")}


def half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


# --------------------------------------------------------------------------- remittance


@pytest.mark.parametrize("first,last", [(FIRST, LAST), (M(date(2025, 8, 1)), M(date(2025, 12, 1))),
                                        (M(date(2025, 9, 1)), M(date(2025, 9, 1)))])
def test_remittance_report_agrees_with_the_receipts_and_vouchers(unit, first, last):
    ctx, path = unit
    r = remittance_report(ctx, first, last)
    db = raw(path)
    void = voided(db)
    dues = DuesService(ctx)
    # Dues at the law's rate of each member and month, as the dues page computes them.
    std: dict[tuple[str, int], tuple[int, int]] = {}
    for m in range(FIRST, LAST + 2):
        for x in dues.period(month_start(m)):
            std[(x.member_id, m)] = (x.standard, x.due)
    collected, standard = defaultdict(int), defaultdict(int)
    for doc, when, mid, month, amount in db.execute(
            "SELECT d.id, d.doc_date, p.member_id, p.month, p.amount FROM dues_payment p "
            "JOIN cash_doc d ON d.id = p.doc_id"):
        m = month_index(date.fromisoformat(when))
        if doc in void or not first <= m <= last:
            continue
        s, due = std[(mid, month_index(date.fromisoformat(month)))]
        collected[m] += amount
        standard[m] += min(amount, s) if due else amount
    assert [x.month for x in r.months] == list(range(first, last + 1))
    assert {x.month: x.collected for x in r.months} == {m: collected[m] for m in range(first, last + 1)}
    assert {x.month: x.standard for x in r.months} == {m: standard[m] for m in range(first, last + 1)}
    assert r.collected == sum(collected.values()) > 0 and r.excess == r.collected - r.standard > 0
    # The share in force on the last day of each month (the dated rules).
    rules = sorted(db.execute("SELECT effective_from, share_bp FROM remit_rule"))
    share = {m: [bp for when, bp in rules if when <= month_start(m + 1).isoformat()][-1]
             for m in range(first, last + 1)}
    assert {x.month: x.share_bp for x in r.months} == share
    for bp in set(share.values()):
        months = [m for m in share if share[m] == bp]
        assert sum(x.due for x in r.months if x.month in months) == half_up(sum(standard[m] for m in months) * bp,
                                                                             10000)
    # Vouchers "nộp cấp trên" of the period, not voided, with the months they pay for.
    vouchers = [row for row in db.execute(
        "SELECT id, doc_date, book_code, number, amount FROM cash_doc WHERE kind = 'chi' "
        "AND category = 'nop_cap_tren' ORDER BY doc_date, number")
        if row[0] not in void and first <= month_index(date.fromisoformat(row[1])) <= last]
    assert [(v.doc_id, v.amount) for v in r.vouchers] == [(row[0], row[4]) for row in vouchers]
    paid = defaultdict(int)
    for _, when, _, _, amount in vouchers:
        paid[month_index(date.fromisoformat(when))] += amount
    assert {x.month: x.paid for x in r.months} == {m: paid[m] for m in range(first, last + 1)}
    covered = defaultdict(list)
    for p_from, p_to, book, number, doc in db.execute(
            "SELECT r.period_from, r.period_to, d.book_code, d.number, d.id FROM remittance r "
            "JOIN cash_doc d ON d.id = r.voucher_id"):
        if doc not in void:
            for m in range(month_index(date.fromisoformat(p_from)), month_index(date.fromisoformat(p_to)) + 1):
                covered[m].append(f"{book}/{number:04d}")
    assert {x.month: list(x.covered_by) for x in r.months} == {m: covered[m] for m in range(first, last + 1)}
    assert r.outstanding == r.due - sum(paid.values()) and r.kept == r.collected - r.due


def test_remittance_report_agrees_with_the_remit_command_and_the_settlement(unit):
    ctx, _ = unit
    # One stretch under one share: what `dues remit` records for it.
    r = remittance_report(ctx, M(date(2025, 8, 1)), M(date(2025, 9, 1)))
    plan = RemittanceService(ctx).plan(date(2025, 8, 1), date(2025, 9, 1))
    assert (r.collected, r.standard, r.due) == (plan.collected, plan.standard, plan.amount)
    year = remittance_report(ctx, M(date(2025, 1, 1)), M(date(2025, 12, 1)))
    by_date = {v.doc_date: v.ref for v in year.vouchers}
    assert date(2025, 9, 5) not in by_date  # the voided remittance
    assert [x.covered_by for x in r.months] == [(by_date[date(2025, 10, 6)],)] * 2
    assert [(a, b, bp) for a, b, bp, _ in year.shares] == [(M(date(2025, 1, 1)), M(date(2025, 12, 1)), 3000)]
    settlement = dict(reports.settlement(ctx, 2025).spending)
    assert year.paid == settlement["Nộp đoàn phí cấp trên"] > 0
    view = reports.build(ctx, "remittance", date(2025, 1, 1), date(2025, 12, 31))
    assert view.period == "từ tháng 01/2025 đến tháng 12/2025"
    summary = {item[0]: item[1] for item in view.summary}
    assert summary["Số phải trích nộp công đoàn cấp trên"] == year.due
    assert summary["Tỷ lệ trích nộp cấp trên (trên đoàn phí theo mức quy định)"] == "30%"
    months = view.tables[0]
    assert [row[3] for row in months.rows] == [x.due for x in year.months] and months.total[3] == year.due
    assert [row[5] for row in months.rows[:4]] == ["", "", "", ""]  # before dues were tracked: nothing to remit
    assert [row[5] for row in months.rows[4:7]] == [by_date[date(2025, 8, 5)]] * 3
    assert [row[5] for row in months.rows if row[0] == "10/2025"] == ["chưa nộp"]
    assert view.charts[0].values == [x.collected for x in year.months]
    assert view.charts[0].second == [x.due for x in year.months]


# --------------------------------------------------------------------------- activities


def test_activities_report_agrees_with_the_activity_rows(unit):
    ctx, path = unit
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    r = activities_report(ctx, first, last)
    db = raw(path)
    void = voided(db)
    acts = [row for row in db.execute("SELECT id, kind, start_date, spent_outside FROM activity "
                                      "WHERE deleted_at IS NULL ORDER BY start_date")
            if first <= date.fromisoformat(row[2]) <= last]
    assert [a.id for a in r.activities] == [row[0] for row in acts] and len(acts) == 5
    member_rows = defaultdict(dict)
    for aid, mid, attendance, amount in db.execute(
            "SELECT activity_id, member_id, attendance, amount FROM activity_member WHERE deleted_at IS NULL "
            "ORDER BY created_at, rowid"):
        member_rows[aid].setdefault(mid, (attendance, amount))
    pays = defaultdict(list)
    for aid, mid, doc, amount, book, number in db.execute(
            "SELECT p.activity_id, p.member_id, d.id, d.amount, d.book_code, d.number FROM activity_payment p "
            "JOIN cash_doc d ON d.id = p.doc_id WHERE p.deleted_at IS NULL"):
        if doc not in void:
            pays[aid].append((mid, amount, f"{book}/{number:04d}"))
    service = ActivityService(ctx)
    for a, (aid, _kind, _, outside) in zip(r.activities, acts):
        assert a.members == len(member_rows[aid])
        assert a.present == sum(1 for att, _ in member_rows[aid].values() if att == "present")
        assert a.spent == (outside or 0) + sum(x for _, x, _ in pays[aid])
        assert a.spent_members == sum(x for mid, x, _ in pays[aid] if mid)
        detail = service.get(aid)  # what the activities page shows
        assert (a.members, a.present, a.spent) == (len(detail.participants), detail.count("present"), detail.spent)
    meeting = next(a for a in r.activities if a.kind == "hop")
    assert (meeting.members, meeting.present, meeting.spent) == (9, 7, 1_500_000)
    # By kind: the sums of the activities of each kind.
    for k in r.by_kind:
        mine = [a for a in r.activities if a.kind == k.kind]
        assert (k.activities, k.members, k.spent) == (len(mine), sum(a.members for a in mine),
                                                       sum(a.spent for a in mine))
    assert r.spent == sum((row[3] or 0) + sum(x for _, x, _ in pays[row[0]]) for row in acts)
    # The members concerned: everyone on a visit's list, anyone with an amount or paid.
    expected = {}
    for aid, kind, _, _ in acts:
        for mid, (_, amount) in member_rows[aid].items():
            if kind == "tham_hoi" or amount:
                expected[(aid, mid)] = (amount, 0, [])
        for mid, amount, ref in pays[aid]:
            if mid:
                old = expected.get((aid, mid), (member_rows[aid].get(mid, (None, None))[1], 0, []))
                expected[(aid, mid)] = (old[0], old[1] + amount, old[2] + [ref])
    assert {(x.activity_id, x.member_id): (x.amount, x.paid, list(x.refs)) for x in r.support} == expected
    names = dict(db.execute("SELECT id, full_name FROM member"))
    assert all(x.full_name == names[x.member_id] for x in r.support)
    visit = [x for x in r.support if x.title == "Thăm đoàn viên ốm dài ngày"]
    assert sorted((x.amount or 0, x.paid) for x in visit) == [(0, 0), (300_000, 0), (500_000, 500_000)]
    assert r.members_supported == len({mid for _, mid in expected})


def test_activities_of_another_period_and_the_view(unit):
    ctx, _ = unit
    h1 = activities_report(ctx, date(2025, 1, 1), date(2025, 6, 30))
    h2 = activities_report(ctx, date(2025, 7, 1), date(2025, 12, 31))
    year = activities_report(ctx, date(2025, 1, 1), date(2025, 12, 31))
    # The meeting of 30/09–01/10 counts once; each activity in the period it starts in.
    assert len(h1.activities) + len(h2.activities) == len(year.activities)
    assert h1.spent + h2.spent == year.spent
    old = activities_report(ctx, date(2024, 1, 1), date(2024, 12, 31))
    assert [a.title for a in old.activities] == ["Thăm hỏi năm trước"] and len(old.support) == 2
    view = reports.build(ctx, "activities", date(2025, 1, 1), date(2025, 12, 31))
    summary = {item[0]: item[1] for item in view.summary}
    assert summary["Số hoạt động trong kỳ"] == len(year.activities)
    assert summary["Tổng số tiền đã chi cho các hoạt động"] == year.spent
    by_kind, listing, support = view.tables
    assert by_kind.total[1:] == (len(year.activities), sum(a.members for a in year.activities),
                                 sum(a.present for a in year.activities), year.spent, year.spent_members)
    assert sum(row[4] for row in by_kind.rows) == year.spent
    assert len(listing.rows) == len(year.activities) and len(support.rows) == len(year.support)
    assert support.total[5] == sum(x.paid for x in year.support) == year.spent_members
    assert view.charts[1].values == [row[4] for row in by_kind.rows]


# ------------------------------------------------------------------------ PDF, Excel, CLI


@pytest.mark.parametrize("kind", ["remittance", "activities"])
def test_pdf_and_excel_show_the_same_figures(unit, kind, tmp_path):
    import openpyxl
    import pypdfium2 as pdfium

    from desktop.printing.reports import cell_text, summary_text
    ctx, _ = unit
    r = reports.build(ctx, kind, date(2025, 1, 1), date(2025, 12, 31))
    pdf = reports.save(ctx, r, tmp_path / f"{kind}.pdf")
    doc = pdfium.PdfDocument(str(pdf))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r", "")
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert r.title in text and r.period[:1].upper() + r.period[1:] in flat
    for item in r.summary:  # every main figure, with its value
        label, value = summary_text(item)
        assert " ".join(f"- {label}:".split()) in flat and value in flat
    for t in r.tables:
        assert t.title in flat
        for row in list(t.rows) + [t.total]:
            for v, k in zip(row, t.kinds):
                if k in ("money", "int", "date") and v not in (None, ""):
                    assert cell_text(v, k) in flat
    if kind == "activities":
        assert all(x.full_name in flat for x in activities_report(ctx, date(2025, 1, 1), date(2025, 12, 31)).support)
    SHOTS.mkdir(exist_ok=True)
    for i in range(len(doc)):
        doc[i].render(scale=1.3).to_pil().save(SHOTS / f"report-{kind}-pdf-{i + 1}.png")
    doc.close()
    xlsx = reports.save(ctx, r, tmp_path / f"{kind}.xlsx")
    values = [list(row) for row in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True)]
    labels = {row[0]: row[1] for row in values if row and row[0]}
    for item in r.summary:
        assert labels[item[0]] == item[1]
    for t in r.tables:
        start = next(i for i, row in enumerate(values) if row[0] == t.title)
        assert values[start + 1][:len(t.headers)] == list(t.headers)
        body = values[start + 2:start + 3 + len(t.rows)]

        def norm(v):
            return "" if v is None else (v.date() if hasattr(v, "date") and callable(v.date) else v)
        assert [[norm(v) for v in row[:len(t.headers)]] for row in body] == [
            [("" if v is None else v) for v in row] for row in list(t.rows) + [t.total]]


def test_cli_remittance_and_activities(unit, tmp_path, capsys):
    from desktop.cli import main
    ctx, path = unit
    assert main(["--db", str(path), "--json", "report", "remittance", "--from", "01/08/2025", "--to", "30/09/2025",
                 "--out", str(tmp_path / "r.pdf")]) == 0
    obj = json.loads(capsys.readouterr().out)
    r = remittance_report(ctx, M(date(2025, 8, 1)), M(date(2025, 9, 1)))
    assert obj["report"] == "remittance" and obj["period"] == "từ tháng 08/2025 đến tháng 09/2025"
    assert obj["summary"]["Số phải trích nộp công đoàn cấp trên"] == r.due
    assert obj["summary"]["Đoàn phí đã thu trong kỳ (theo ngày phiếu thu)"] == r.collected
    assert obj["tables"][0]["rows"] == [[month_label(x.month), x.collected, x.standard, x.due, x.paid,
                                         ", ".join(x.covered_by)] for x in r.months]
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"
    assert main(["--db", str(path), "report", "activities", "--from", "2025-07-01", "--to", "2025-12-31",
                 "--out", str(tmp_path / "a.xlsx")]) == 0
    out = capsys.readouterr().out
    a = activities_report(ctx, date(2025, 7, 1), date(2025, 12, 31))
    assert f"Số hoạt động trong kỳ: {len(a.activities)}" in out
    assert f"Tổng số tiền đã chi cho các hoạt động: {a.spent:,}".replace(",", ".") in out
    assert "Đã lưu" in out and (tmp_path / "a.xlsx").exists()
    assert main(["--db", str(path), "report", "remittance", "--from", "2025-12-31", "--to", "2025-01-01"]) == 1
    assert "trước" in capsys.readouterr().err


def test_remittance_share_set_by_the_unit_and_months_without_a_rule(ctx):
    from desktop.services.core.errors import ValidationError
    from tests.desktop.services.dues_helpers import add_member, setup_unit
    setup_unit(ctx, dues_from=date(2025, 6, 1))
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), remit_share_percent="35"))
    a = add_member(ctx, salary=8_000_000)
    DuesService(ctx).pay(a, ["2025-07", "2025-08", "2025-09"], doc_date=date(2025, 9, 10))  # 3 × 40,000
    r = remittance_report(ctx, M(date(2025, 7, 1)), M(date(2025, 9, 1)))
    assert [(x.collected, x.share_bp, x.due) for x in r.months] == [(0, 3500, 0), (0, 3500, 0), (120_000, 3500, 42_000)]
    assert r.shares == ((M(date(2025, 7, 1)), M(date(2025, 9, 1)), 3500, "theo cài đặt của đơn vị"),)
    assert (r.outstanding, r.kept) == (42_000, 78_000)
    units.save_dues_settings(replace(units.dues_settings(), remit_share_percent=None))
    with pytest.raises(ValidationError, match="chưa có quy định tỷ lệ nộp cấp trên cho tháng 12/2021"):
        remittance_report(ctx, M(date(2021, 12, 1)), M(date(2022, 1, 1)))
