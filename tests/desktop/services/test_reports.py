"""Issue 6: every figure of the dashboard and the reports agrees with the rows it
summarises. Each test rebuilds the figures from the raw tables (plain SQL, Python
arithmetic, or the dues ledger of each member) and compares; PDFs are checked by their
text and rendered to PNG, Excel files read back with openpyxl."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

import pytest

from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.services.core.statuses import CURRENT_STATUSES, EVENT_KINDS
from desktop.services.demo.service import make_demo
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService
from desktop.services.reports import service as reports
from desktop.services.reports.dashboard import AGE_BANDS, YOUNG_MAX_AGE, DashboardService
from desktop.services.units.service import UnitService

TODAY = date.today()
REF = month_index(TODAY)


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    """A 300-member demo unit with 14 months of dues (some members stop paying at 3, 7,
    10 and 13 months before this one, one receipt voided), other income and spending."""
    path = tmp_path_factory.mktemp("reports") / "unit.sqlite3"
    ctx = open_context(path)
    make_demo(ctx, 300)
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), dues_group=3, dues_from=month_start(REF - 14)))
    dues = DuesService(ctx)
    with ctx.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT id FROM member WHERE status = 'active' ORDER BY id")]
    stop = {mid: (REF - 3 if i % 10 == 1 else REF - 7 if i % 10 == 2 else REF - 10 if i % 10 == 3 else
                  REF - 13 if i % 10 == 4 else REF + 1) for i, mid in enumerate(ids)}
    for m in range(REF - 14, REF + 1):
        payers = {mid: [month_start(m)] for mid in ids if m < stop[mid]}
        when = min(TODAY, month_start(m).replace(day=20))
        dues.pay_many(payers, one_receipt=True, payer_name="Tổ trưởng", doc_date=when, skip_settled=True)
    # Paid, then voided: the months stay owed.
    late = [mid for i, mid in enumerate(ids) if i % 10 == 2][:3]
    cash = CashService(ctx)
    for mid in late:
        doc = dues.pay(mid, [month_start(REF - 7), month_start(REF - 6)], doc_date=TODAY)
        cash.void(doc.id, "Ghi nhầm người nộp")
    cash.record(kind="thu", category="kinh_phi", doc_date=TODAY, person_name="Công ty", reason="Kinh phí 2%",
                amount=12_000_000)
    cash.record(kind="chi", category="tham_hoi", doc_date=TODAY, person_name="Nguyễn Văn An",
                reason="Thăm ốm", amount=500_000)
    yield ctx, path
    ctx.close()


def raw(path):
    return sqlite3.connect(path)


def status_on(path, on: date) -> dict[str, str]:
    """Each member's status on a day, replayed from the raw events."""
    st = {}
    for mid, kind, when in raw(path).execute(
            "SELECT member_id, kind, event_date FROM member_event WHERE deleted_at IS NULL ORDER BY member_id, seq"):
        if when is None or date.fromisoformat(when) <= on:
            st[mid] = EVENT_KINDS[kind].to_status
    return st


def age(birth: str, on: date) -> int:
    b = date.fromisoformat(birth)
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def voided_docs(path) -> set[str]:
    return {r[0] for r in raw(path).execute("SELECT doc_id FROM cash_doc_void")}


def test_dashboard_figures_agree_with_the_rows(unit):
    ctx, path = unit
    d = DashboardService(ctx).load(TODAY)
    db = raw(path)
    rows = db.execute("SELECT id, gender, birth_date, status, group_id FROM member WHERE deleted_at IS NULL").fetchall()
    current = [r for r in rows if r[3] in CURRENT_STATUSES]
    assert d.members == len(current) > 250
    assert d.women == sum(1 for r in current if r[1] == "Nữ")
    assert d.young == sum(1 for r in current if r[2] and age(r[2], TODAY) <= YOUNG_MAX_AGE)
    year = [(mid, kind) for mid, kind, when in db.execute("SELECT member_id, kind, event_date FROM member_event")
            if when and date.fromisoformat(when).year == TODAY.year]
    assert d.admitted_year == len({m for m, k in year if k in ("admitted", "transferred_in")})
    assert d.left_year == len({m for m, k in year if k in ("transferred_out", "left", "expelled", "deceased")})
    # Dues of this month: what the dues page computes, and the raw payments.
    lines = DuesService(ctx).period(month_start(REF))
    assert d.month_due == sum(x.due for x in lines) > 0
    void = voided_docs(path)
    assert d.month_collected == sum(a for doc, a in db.execute(
        "SELECT doc_id, amount FROM dues_payment WHERE month = ?", (month_start(REF).isoformat(),)) if doc not in void)
    assert d.month_collected == sum(x.paid for x in lines)
    # Months behind, rebuilt from each member's ledger: months owed since the last one paid.
    expected = {}
    dues = DuesService(ctx)
    for mid, *_ in current:
        ledger = dues.ledger(mid, last=month_start(REF - 1))
        n = 0
        for lm in reversed(ledger.months):
            if lm.paid:
                break
            if lm.due.total:
                n += 1
        if n >= 6:
            expected[mid] = n
    assert {a.member_id: a.months for a in d.behind} == expected
    assert d.behind_at_least(6) > d.behind_at_least(9) > d.behind_at_least(12) > 0
    # Charts: members by group and age band, dues receipts by month of the year.
    by_group = Counter(r[4] for r in current)
    assert sum(n for _, n in d.by_group) == len(current)
    assert sorted((n for _, n in d.by_group), reverse=True)[0] == max(by_group.values())
    bands = Counter()
    for r in current:
        a = age(r[2], TODAY)
        bands[next(label for low, high, label in AGE_BANDS if low <= a < high)] += 1
    assert dict(d.by_age) == {label: bands[label] for _, _, label in AGE_BANDS}
    receipts = defaultdict(int)
    for doc_id, when, amount in db.execute(
            "SELECT id, doc_date, amount FROM cash_doc WHERE kind = 'thu' AND category = 'doan_phi'"):
        if doc_id not in void and when.startswith(str(TODAY.year)):
            receipts[month_index(date.fromisoformat(when))] += amount
    assert dict(d.collected_by_month) == {m: receipts[m] for m in range(TODAY.year * 12, REF + 1)}
    assert d.cash_balance == sum(a if k == "thu" else -a for doc, k, a in db.execute(
        "SELECT id, kind, amount FROM cash_doc") if doc not in void)


@pytest.mark.parametrize("period", [(date(TODAY.year, 1, 1), date(TODAY.year, 6, 30)),
                                    (date(TODAY.year - 1, 1, 1), date(TODAY.year - 1, 12, 31))])
def test_member_statistics_agree_with_the_events(unit, period):
    ctx, path = unit
    first, last = period
    st = reports.member_stats(ctx, first, last)
    status = status_on(path, last)
    rows = [r for r in raw(path).execute(
        "SELECT m.id, m.gender, m.birth_date, COALESCE(m.ethnicity, ''), COALESCE(m.education, ''), "
        "COALESCE(g.name, ''), m.party_member FROM member m LEFT JOIN unit_group g ON g.id = m.group_id "
        "WHERE m.deleted_at IS NULL") if status.get(r[0]) in CURRENT_STATUSES]
    assert st.total == len(rows) > 0
    assert st.women == sum(1 for r in rows if r[1] == "Nữ")
    assert st.party == sum(1 for r in rows if r[6])
    assert dict(st.by_sex) == dict(Counter(r[1] for r in rows))
    assert {k: (n, w) for k, n, w in st.by_group} == {
        g: (sum(1 for r in rows if r[5] == g), sum(1 for r in rows if r[5] == g and r[1] == "Nữ"))
        for g in {r[5] for r in rows}}
    assert {k: n for k, n, _ in st.by_ethnicity} == dict(Counter(r[3] or reports.UNKNOWN for r in rows))
    assert {k: n for k, n, _ in st.by_education} == dict(Counter(r[4] or reports.UNKNOWN for r in rows))
    bands = Counter(next(label for low, high, label in AGE_BANDS if low <= age(r[2], last) < high) for r in rows)
    assert {k: n for k, n, _ in st.by_age} == {label: bands[label] for _, _, label in AGE_BANDS}
    moved = [(m, k) for m, k, w in raw(path).execute("SELECT member_id, kind, event_date FROM member_event")
             if w and first <= date.fromisoformat(w) <= last]
    assert st.admitted == len({m for m, k in moved if k == "admitted"}) + len(
        {m for m, k in moved if k == "transferred_in"})
    assert st.left == sum(len({m for m, k in moved if k == kind})
                          for kind in ("transferred_out", "left", "expelled", "deceased"))


def test_dues_report_agrees_with_the_dues_page_and_the_payments(unit):
    ctx, path = unit
    first, last = REF - 5, REF
    r = reports.dues_report(ctx, first, last)
    void = voided_docs(path)
    dues = DuesService(ctx)
    group_of = dict(raw(path).execute("SELECT id, group_id FROM member"))
    names = dict(raw(path).execute("SELECT id, name FROM unit_group"))
    paid = defaultdict(int)
    for doc, mid, month, amount in raw(path).execute("SELECT doc_id, member_id, month, amount FROM dues_payment"):
        m = month_index(date.fromisoformat(month))
        if doc not in void and first <= m <= last:
            paid[(names.get(group_of[mid]), m)] += amount
    due_by_group = defaultdict(int)
    for m, fig in r.by_month:
        lines = dues.period(month_start(m))
        assert fig.due == sum(x.due for x in lines)
        assert fig.collected == sum(x.paid for x in lines) == sum(v for (g, mm), v in paid.items() if mm == m)
        for x in lines:
            due_by_group[x.group_name] += x.due
    for f in r.by_group:
        assert f.due == due_by_group[f.group]
        assert f.collected == sum(v for (g, _), v in paid.items() if g == f.group)
    assert r.due == sum(due_by_group.values()) and r.collected == sum(paid.values())
    assert r.owed == r.due - r.collected > 0
    behind = DashboardService(ctx).load(TODAY).behind
    assert r.behind == tuple(sum(1 for a in behind if a.months >= t) for t in (6, 9, 12))


def test_settlement_and_cash_book_agree_with_the_documents(unit):
    ctx, path = unit
    st = reports.settlement(ctx, TODAY.year)
    void = voided_docs(path)
    sums = defaultdict(int)
    for doc, kind, cat, when, amount in raw(path).execute("SELECT id, kind, category, doc_date, amount FROM cash_doc"):
        if doc not in void and when.startswith(str(TODAY.year)):
            sums[(kind, cat)] += amount
    from desktop.services.cash.service import INCOME, SPENDING
    assert dict(st.income) == {INCOME[k]: sums[("thu", k)] for k in INCOME}
    assert dict(st.spending) == {SPENDING[k]: sums[("chi", k)] for k in SPENDING}
    book = CashService(ctx).cash_book(date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    assert (st.opening, st.total_income, st.total_spending, st.closing) == (
        book.opening, book.total_in, book.total_out, book.closing)
    assert st.closing == st.opening + st.total_income - st.total_spending
    rep = reports.build(ctx, "cashbook", date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    assert [row[6] for row in rep.tables[0].rows] == [ln.balance for ln in book.lines]
    assert sum(row[4] for row in rep.tables[0].rows) == book.total_in


@pytest.mark.parametrize("kind", list(reports.REPORTS))
def test_reports_to_pdf_and_excel(unit, kind, tmp_path):
    import openpyxl
    import pypdfium2 as pdfium

    ctx, _ = unit
    first, last = date(TODAY.year, 1, 1), date(TODAY.year, 12, 31)
    r = reports.build(ctx, kind, first, last)
    pdf = reports.save(ctx, r, tmp_path / f"{kind}.pdf")
    doc = pdfium.PdfDocument(str(pdf))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r", "")
    assert r.title in text
    if kind == "cashbook":  # one cash book layout: the form the Thu chi page prints (issue 16, item 11)
        from desktop.printing.layout import money as money_text
        from desktop.services.documents.service import Documents
        form = tmp_path / "so-quy.pdf"
        Documents(ctx).cash_book(first, last, form)
        same = pdfium.PdfDocument(str(form))
        assert text == "".join(same[i].get_textpage().get_text_range() for i in range(len(same))).replace("\r", "")
        for _label, value, _kind in r.summary:
            assert money_text(value) in text
    elif kind == "settlement":  # the form B07-TLĐ's own layout (test_reports_b07.py checks it line by line)
        from desktop.printing.layout import money as money_text
        assert "Mẫu số B07-TLĐ" in text and "Hướng dẫn số 47/HD-TLĐ" in text.replace("\n", " ")
        part_b = r.tables[1]
        for _section, _label, code, amount in part_b.rows:
            assert f"{code} {money_text(amount)}" in text, code
    else:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        for item in r.summary:  # every main figure is printed as computed
            assert item[0] in text.replace("\n", " ")
        for t in r.tables:
            assert t.title in text
    from desktop.printing.layout import money, short_money
    flat = text.replace("\n", " ")
    for ch in r.charts:  # each chart with the figures the screen writes over its bars
        if ch.labels:
            assert ch.title in flat and all(label in flat for label in ch.labels)
            assert all((short_money(v) if ch.money else money(v)) in flat for v in ch.values)
    out = tmp_path / "png"
    out.mkdir()
    doc[0].render(scale=1).to_pil().save(out / f"{kind}.png")
    from pathlib import Path
    shots = Path(__file__).resolve().parents[3] / "screenshots"
    shots.mkdir(exist_ok=True)
    doc[0].render(scale=1.3).to_pil().save(shots / f"report-{kind}-pdf.png")
    doc.close()
    xlsx = reports.save(ctx, r, tmp_path / f"{kind}.xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    if kind == "settlement":  # Mã số as text, the year's figure as a number beside it
        by_code = {row[2]: row[3] for row in values if len(row) > 3 and isinstance(row[2], str)}
        assert all(by_code[code.rstrip("*")] == amount for _s, _l, code, amount in r.tables[1].rows)
        return
    labels = {row[0]: row[1] for row in values if row and row[0]}
    for item in r.summary:
        assert labels[item[0]] == item[1]
    for t in r.tables:
        start = next(i for i, row in enumerate(values) if row[0] == t.title)
        body = values[start + 2:start + 2 + len(t.rows)]
        def norm(v):
            return "" if v is None else (v.date() if hasattr(v, "date") and callable(v.date) else v)
        assert [[norm(v) for v in row[:len(t.headers)]] for row in body] == [
            [("" if v is None else v) for v in row] for row in t.rows]


def test_cli_report(unit, tmp_path, capsys):
    import json

    from desktop.cli import main
    ctx, path = unit
    assert main(["--db", str(path), "--json", "report", "members", "--from", f"01/01/{TODAY.year}",
                 "--to", f"31/12/{TODAY.year}", "--out", str(tmp_path / "m.xlsx")]) == 0
    obj = json.loads(capsys.readouterr().out)
    st = reports.member_stats(ctx, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    assert obj["summary"]["Tổng số đoàn viên cuối kỳ"] == st.total
    assert (tmp_path / "m.xlsx").exists()
    assert main(["--db", str(path), "report", "dues", "--from", "2026-01-01", "--to", "2026-03-31",
                 "--out", str(tmp_path / "d.doc")]) == 1
    assert "chỉ lưu được .pdf hoặc .xlsx" in capsys.readouterr().err
