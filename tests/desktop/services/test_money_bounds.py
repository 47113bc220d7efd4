"""One upper bound for every amount (protocol.limits.MAX_MONEY), checked at every way in
to money: a Vietnamese message naming the field, never an OverflowError, nothing written
(issue 11, item 13)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import BaseSalary, CashDoc, DuesBasis
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import DomainError
from desktop.services.dues.law import LawService
from desktop.services.dues.service import DuesService
from desktop.services.payroll.service import PayrollService
from desktop.services.units.service import UnitService
from protocol.limits import MAX_MONEY
from tests.desktop.services.dues_helpers import add_member, setup_unit
from tests.desktop.services.test_payroll_remittance import payroll_file

HUGE = [MAX_MONEY + 1, 10**15, 10**19, 10**20]
CONGDOAN = str(Path(sys.executable).with_name("congdoan"))


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    return ctx


def count(ctx, model):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def refused(call, *words):
    with pytest.raises(DomainError) as e:
        call()
    assert "quá lớn" in e.value.message or "âm" in e.value.message, e.value.message
    for w in words:
        assert w in e.value.message, e.value.message
    return e.value.message


@pytest.mark.parametrize("amount", HUGE)
def test_cash_record_refuses_an_amount_over_the_bound(unit, amount):
    cash = CashService(unit)
    refused(lambda: cash.record(kind="thu", category="thu_khac", doc_date=date(2026, 3, 1), person_name="A",
                                reason="B", amount=amount), "Số tiền")
    assert count(unit, CashDoc) == 0
    doc = cash.record(kind="thu", category="thu_khac", doc_date=date(2026, 3, 1), person_name="A", reason="B",
                      amount=MAX_MONEY)
    assert doc.amount == MAX_MONEY


@pytest.mark.parametrize("amount", HUGE)
def test_dues_pay_and_basis_refuse_huge_amounts(unit, amount):
    dues = DuesService(unit)
    mid = add_member(unit, salary=8_000_000)
    refused(lambda: dues.pay(mid, ["2026-01"], amount=amount), "Số tiền")
    before = count(unit, DuesBasis)
    refused(lambda: dues.set_basis(mid, "2026-02", "bhxh", amount), "Căn cứ đóng đoàn phí")
    assert count(unit, CashDoc) == 0 and count(unit, DuesBasis) == before


@pytest.mark.parametrize("amount", [*HUGE, -1])
def test_opening_balance_bounded(unit, amount):
    units = UnitService(unit)
    settings = units.dues_settings()
    from dataclasses import replace
    refused(lambda: units.save_dues_settings(replace(settings, opening_balance=amount)), "Tồn quỹ tiền mặt đầu kỳ")
    assert units.dues_settings().opening_balance == settings.opening_balance


@pytest.mark.parametrize("amount", HUGE)
def test_base_salary_bounded(unit, amount):
    refused(lambda: LawService(unit).add_base_salary(date(2031, 1, 1), amount, "NĐ thử"), "Mức lương cơ sở")
    with unit.read() as s:
        assert s.scalar(select(BaseSalary).where(BaseSalary.effective_from == date(2031, 1, 1))) is None


@pytest.mark.parametrize("amount", HUGE)
def test_activity_budget_and_payments_bounded(unit, amount):
    svc = ActivityService(unit)
    refused(lambda: svc.parse({"kind": "tham_hoi", "title": "Thăm hỏi", "start_date": "07/03/2026",
                               "budget": str(amount)}), "Dự toán")
    refused(lambda: svc.add(ActivityInput(kind="tham_hoi", title="Thăm hỏi", start_date=date(2026, 3, 7),
                                          budget=amount)), "Dự toán")
    mid = add_member(unit)
    a = svc.add(ActivityInput(kind="tham_hoi", subkind="kho_khan", title="Trợ cấp", start_date=date(2026, 3, 7),
                              scope="members"), member_ids=[mid])
    refused(lambda: svc.set_amounts(a.id, {mid: (amount, None)}), "Số tiền")
    refused(lambda: svc.spend(a.id, amount=amount, person_name="A", doc_date=date(2026, 3, 7)), "Số tiền")
    assert svc.get(a.id).participants[0].amount is None and count(unit, CashDoc) == 0


@pytest.mark.parametrize("amount", [10**15, 10**20])
def test_payroll_rows_and_total_bounded(unit, tmp_path, amount):
    add_member(unit, name="Lâm Thị Mỹ Duyên", salary=8_000_000, id_number="079195001234", birth="12/05/1995")
    path = payroll_file(tmp_path / "bk.xlsx", [["Lâm Thị Mỹ Duyên", "079195001234", None, amount]])
    svc = PayrollService(unit)
    p = svc.preview(path, "2026-03")
    assert p.rows[0].status != "ok" and "quá lớn" in p.rows[0].problem
    ok = payroll_file(tmp_path / "ok.xlsx", [["Lâm Thị Mỹ Duyên", "079195001234", None, 40_000]])
    refused(lambda: svc.commit(svc.preview(ok, "2026-03"), employer="Công ty", declared_total=amount),
            "Số tiền chuyển khoản")
    assert count(unit, CashDoc) == 0


def test_cli_refuses_huge_amounts_without_traceback(tmp_path):
    db = tmp_path / "m.sqlite3"

    def run(*args):
        return subprocess.run([CONGDOAN, "--db", str(db), *args], capture_output=True, text=True, timeout=120)

    assert run("init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ").returncode == 0
    for amount in ("1000000000000000", "10000000000000000000", "100000000000000000000"):
        r = run("cash", "record", "--kind", "thu", "--category", "thu_khac", "--amount", amount, "--person", "A",
                "--reason", "B")
        assert r.returncode == 1 and r.stderr.startswith("Lỗi: Số tiền quá lớn") and "Traceback" not in r.stderr
        r = run("unit", "set", "--opening-balance", amount)
        assert r.returncode == 1 and "Tồn quỹ tiền mặt đầu kỳ: số dư quá lớn" in r.stderr and "Traceback" not in r.stderr
        r = run("activities", "add", "--kind", "hop", "--title", "Họp", "--date", "2026-03-01", "--budget", amount,
                "--all")
        assert r.returncode == 1 and "Dự toán quá lớn" in r.stderr and "Traceback" not in r.stderr
    assert run("--json", "receipts", "list").stdout.strip() == "[]"


def test_any_money_field_written_is_bounded_before_sqlite_sees_it(tmp_path):
    """The last line: a number too large for a money field (here a member's salary from the
    command line) is refused naming the field, never an OverflowError from SQLite."""
    db = tmp_path / "m.sqlite3"

    def run(*args):
        return subprocess.run([CONGDOAN, "--db", str(db), *args], capture_output=True, text=True, timeout=120)

    assert run("init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ").returncode == 0
    for salary in ("1000000000000000", "100000000000000000000"):
        r = run("members", "add", "--name", "Nguyễn Văn An", "--birth", "1990", "--gender", "Nam", "--salary", salary)
        assert r.returncode == 1 and "Traceback" not in r.stderr and "Tiền lương" in r.stderr, r.stderr
        assert "999.999.999.999" in r.stderr
    assert run("--json", "members", "list").stdout.strip() == "[]"
