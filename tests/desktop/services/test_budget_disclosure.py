"""The budget estimate (issue 14, item 9) and the public disclosure (item 10): a year of
money built through the services (cash and bank, transfers, kinh phí, dues, support,
remittance, interest and fees, a voided receipt), then every proposed line and every
disclosed figure checked against sums the test computes from what it recorded; an edited
line re-read, stored once, synced and audited; the PDF's text (pdfium) and the Excel cells."""

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.models import AuditLog, BudgetLine, SyncOutbox
from desktop.services.core.errors import ValidationError
from desktop.services.reports import BudgetService, LineEdit, budget_form, disclosure, save_budget, save_disclosure
from desktop.services.reports.budget import line_id
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.services.year_of_money import SALARIES, YEAR, build_year


@pytest.fixture
def year(ctx):
    return build_year(ctx)


def cap(salary, base):  # 0.5 % of the salary, at most 10 % of lương cơ sở (QĐ 61/QĐ-TLĐ)
    return min(salary * 5 // 1000, base // 10)


def test_the_proposed_lines_follow_last_years_books_and_this_years_members(ctx, year):
    b = BudgetService(ctx).show(YEAR + 1)
    s = year.sums
    r = {row.code: row for row in b.rows}
    assert r["A3"].estimate == r["A1"].estimate == 3
    payroll = 12 * sum(SALARIES)
    assert r["A2"].proposed == r["A4"].proposed == payroll
    # Last year's actual, kind by kind, from both books; the voided receipt and the
    # transfers between cash and bank count nowhere.
    assert r["B10"].actual == 0
    assert r["B22"].actual == s["thu:doan_phi"]
    assert r["B23"].actual == 18_000_000
    assert r["B28"].actual == 2_000_000
    assert r["B25"].actual == 1_500_000 + 12_345
    assert r["B31"].actual == 1_200_000 + 3_000_000 + 900_000
    assert r["B32"].actual == 2_500_000
    assert r["B33"].actual == 350_000 + 22_000
    assert r["B37"].actual == 150_000
    assert r["B39"].actual == s["chi:nop_cap_tren"]
    income = sum(v for k, v in s.items() if k.startswith("thu:")) + 12_345
    spending = sum(v for k, v in s.items() if k.startswith("chi:")) + 22_000
    assert r["TI"].actual == income and r["TC"].actual == spending
    assert r["B50"].actual == income - spending == year.cash_closing + year.bank_closing
    # This year's estimate: the balance carried over, dues from the members and the law of
    # 2027 (lương cơ sở 2.530.000: cap 253.000), kinh phí 2 % × 75 % of the payroll, the
    # remittance 30 % of the dues, the rest as last year.
    assert r["B10"].estimate == year.cash_closing + year.bank_closing
    dues = 12 * sum(cap(x, 2_530_000) for x in SALARIES)
    assert r["B22"].estimate == dues == 12 * (40_000 + 62_500 + 253_000)
    assert r["B23"].estimate == payroll * 2 * 75 // 10_000
    assert r["B39"].estimate == dues * 30 // 100
    assert r["B32"].estimate == 2_500_000 and r["B34"].estimate == 0
    assert r["B50"].estimate == r["B10"].estimate + r["TI"].estimate - r["TC"].estimate


def test_an_edited_line_is_stored_once_synced_audited_and_followed(ctx, year):
    svc = BudgetService(ctx)
    svc.set_line(YEAR + 1, "A2", estimate=2_000_000_000, approved=None, note="Quỹ lương cả công ty")
    svc.set_line(YEAR + 1, "B22", estimate=5_000_000, approved=4_800_000)
    b = svc.show(YEAR + 1)
    assert (b.row("A2").estimate, b.row("A2").edited, b.row("A2").note) == (2_000_000_000, True, "Quỹ lương cả công ty")
    # Lines that follow an edited one: kinh phí on the payroll, the remittance on the dues.
    assert b.row("B23").estimate == 2_000_000_000 * 2 * 75 // 10_000
    assert b.row("B39").estimate == 1_500_000
    assert b.row("B22").approved == 4_800_000 and b.row("TI").approved == 4_800_000
    # Setting only the approval keeps the typed estimate.
    svc.set_line(YEAR + 1, "B22", estimate=None, approved=4_900_000)
    assert (svc.show(YEAR + 1).row("B22").estimate, svc.show(YEAR + 1).row("B22").approved) == (5_000_000, 4_900_000)
    with ctx.read() as s:
        rows = s.scalars(select(BudgetLine).where(BudgetLine.year == YEAR + 1)).all()
        assert sorted(r.code for r in rows) == ["A2", "B22"]
        assert s.get(BudgetLine, line_id(YEAR + 1, "B22")) is not None
        assert s.scalar(select(SyncOutbox).where(SyncOutbox.tbl == "budget_line")) is not None
        assert s.scalar(select(AuditLog).where(AuditLog.tbl == "budget_line", AuditLog.field == "approved")) is not None
    # Saved empty, a line goes back to the proposal.
    svc.save(YEAR + 1, [LineEdit("B22", None, None, None)])
    assert not svc.show(YEAR + 1).row("B22").edited


def test_a_save_is_one_transaction_and_bad_lines_are_named(ctx, year):
    svc = BudgetService(ctx)
    with pytest.raises(ValidationError) as e:
        svc.save(YEAR + 1, [LineEdit("B31", 1_000_000, None, None), LineEdit("B32", -5, None, None)])
    assert "B32" in " ".join(e.value.errors.values()) and "âm" in " ".join(e.value.errors.values())
    assert not svc.show(YEAR + 1).row("B31").edited  # nothing half-written
    for bad in (LineEdit("ZZ", 1, None, None), LineEdit("TC", 1, None, None), LineEdit("A3", 20_000_000, None, None),
                LineEdit("B31", 10**13, None, None)):
        with pytest.raises(ValidationError):
            svc.save(YEAR + 1, [bad])
    for y in (1999, date.today().year + 2):
        with pytest.raises(ValidationError, match=r"dự toán lập cho năm từ 2000"):
            svc.show(y)


def test_every_line_of_the_form_names_its_source_and_only_confirmed_codes_are_printed(ctx, year, tmp_path):
    form = budget_form()
    assert all(ln.source for ln in form.lines)
    pdf = save_budget(ctx, YEAR + 1, tmp_path / "du-toan.pdf")
    text = "\n".join(pages_text(pdf))
    assert "BÁO CÁO DỰ TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN CƠ SỞ" in text and f"Năm {YEAR + 1}" in text
    assert "Mẫu số B14-TLĐ" in text and "TM. BAN CHẤP HÀNH" in text
    assert "4.266.000" in text  # the dues line's estimate
    assert "Mã số để trống" in text
    for ln in form.lines:
        if ln.form_code and not ln.confirmed:
            row = next(t for t in text.splitlines() if t.startswith(ln.label.split(" (")[0][:25]))
            assert f" {ln.form_code} " not in f" {row} "
    xlsx = save_budget(ctx, YEAR + 1, tmp_path / "du-toan.xlsx")
    ws = load_workbook(xlsx).active
    cells = {ws.cell(i, 1).value: [ws.cell(i, j).value for j in range(1, 10)] for i in range(2, ws.max_row + 1)}
    assert cells["B22"][4:6] == [year.sums["thu:doan_phi"], 4_266_000]
    assert cells["B50"][4] == year.cash_closing + year.bank_closing
    assert not cells["B22"][1]  # the unconfirmed Mã số stays out of the Excel copy too


def test_the_disclosure_shows_the_years_money_and_members(ctx, year, tmp_path):
    d = disclosure(ctx, YEAR)
    income = dict(d.income)
    assert income["Đoàn phí"] == d.dues_collected == year.sums["thu:doan_phi"]
    assert income["Kinh phí công đoàn (2%)"] == 18_000_000 and income["Lãi tiền gửi"] == 12_345
    spending = dict(d.spending)
    assert spending["Thăm hỏi, trợ cấp"] == 4_200_000 and spending["Phí ngân hàng"] == 22_000
    assert d.remitted == year.sums["chi:nop_cap_tren"]
    assert (d.ledger.closing_cash, d.ledger.closing_bank) == (year.cash_closing, year.bank_closing)
    assert d.ledger.opening + d.total_income - d.total_spending == d.ledger.closing
    assert (d.members, d.women) == (3, 2)
    pdf = save_disclosure(ctx, YEAR, tmp_path / "cong-khai.pdf")
    assert len(pages_text(pdf)) == 1  # one sheet for the notice board
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert f"CÔNG KHAI TÀI CHÍNH CÔNG ĐOÀN NĂM {YEAR}" in text and "Luật Công đoàn năm 2024, Điều 34" in text
    for figure in (year.cash_closing, year.bank_closing, d.total_income, d.total_spending, d.remitted):
        assert f"{figure:,}".replace(",", ".") in text
    assert "TM. BAN CHẤP HÀNH" in text and "CHỦ TỊCH" in text
    with pytest.raises(ValidationError):
        disclosure(ctx, date.today().year + 1)


def test_a_higher_rate_of_the_unit_stays_out_of_the_remittance(ctx):
    from tests.desktop.services.dues_helpers import add_member, setup_unit
    setup_unit(ctx, higher_rate_bp=100, dues_from=date(YEAR, 1, 1))  # 1 % by the executive committee's resolution
    add_member(ctx, salary=8_000_000)
    b = BudgetService(ctx).show(YEAR + 1)
    assert b.row("B22").estimate == 12 * 80_000  # 40.000 at the law's 0,5 % and 40.000 above it
    assert b.row("B39").estimate == 12 * 40_000 * 30 // 100
    BudgetService(ctx).set_line(YEAR + 1, "B22", estimate=1_200_000)
    assert BudgetService(ctx).show(YEAR + 1).row("B39").estimate == 1_200_000 // 2 * 30 // 100
