"""`congdoan dues notice` (issue 14, items 4 and 13): the dues notice with its VietQR code
for a member or for each member of a group who owes, run as a real process."""

import json
from datetime import date

import pytest

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.receiving import DuesAccountService
from desktop.services.core.context import open_context
from tests.desktop.test_cli import run
from tests.desktop.test_cli_dues import add, pdf_text


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "notice.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Cổ phần Dệt may Hòa Thọ",
        "--upper-name", "Công đoàn ngành Dệt may Đà Nẵng", "--groups", "Tổ Dệt 1,Tổ Dệt 2")
    run(path, "unit", "set", "--dues-group", "3", "--dues-from", "2026-01", "--place", "Đà Nẵng")
    return path


def choose_account(path) -> None:
    ctx = open_context(path)
    try:
        account = BankAccountService(ctx).add(AccountInput(
            kind="bank", bank_bin="970418", account_number="56010001234567", account_name="CONG DOAN CO SO HOA THO",
            opening_date=date(2026, 1, 1)))
        DuesAccountService(ctx).set(account.id)
    finally:
        ctx.close()


def test_notice_of_a_member_and_of_a_group(db, tmp_path):
    a = add(db, "Trương Thị Bích Ngọc", 8_000_000)
    b = add(db, "Huỳnh Văn Lợi", 10_000_000, gender="Nam")
    c = add(db, "Lê Thị Cúc", 9_000_000, group="Tổ Dệt 2")
    out = tmp_path / "tb.pdf"
    refused = run(db, "dues", "notice", a, "--month", "2026-03", "--out", str(out), ok=False)
    assert refused.returncode == 1 and "Chưa chọn tài khoản nhận đoàn phí" in refused.stderr
    assert not out.exists()
    choose_account(db)
    one = json.loads(run(db, "--json", "dues", "notice", a, "--month", "2026-01,2026-02,2026-03",
                         "--out", str(out)).stdout)
    [n] = one["notices"]
    assert (n["member_id"], n["total"], one["pages"]) == (a, 120_000, 1)
    assert [m["month"] for m in n["months"]] == ["01/2026", "02/2026", "03/2026"]
    assert n["reference"].startswith("CD") and len(n["reference"]) <= 19
    assert "970418" in n["qr_payload"] and "5406120000" in n["qr_payload"]
    text = pdf_text(out)
    assert "THÔNG BÁO ĐOÀN PHÍ" in text and "Trương Thị Bích Ngọc" in text and n["reference"] in text
    run(db, "dues", "pay", b, "--months", "2026-03")
    group = json.loads(run(db, "--json", "dues", "notice", "--group", "Tổ Dệt 1", "--month", "2026-03",
                           "--out", str(tmp_path / "to.pdf")).stdout)
    assert [x["member_id"] for x in group["notices"]] == [a]  # Lợi has paid; Cúc is in another group
    assert c not in pdf_text(tmp_path / "to.pdf")
    text = run(db, "dues", "notice", c, "--month", "2026-03", "--out", str(tmp_path / "c.pdf")).stdout
    assert "Lê Thị Cúc\t45.000 đ\tCD" in text and "Đã in 1 thông báo đoàn phí" in text


def test_notice_refusals_and_usage(db, tmp_path):
    a = add(db, "Trương Thị Bích Ngọc", 8_000_000)
    choose_account(db)
    out = str(tmp_path / "tb.pdf")
    apart = run(db, "dues", "notice", a, "--month", "2026-01,2026-03", "--out", out, ok=False)
    assert apart.returncode == 1 and "phải liền nhau" in apart.stderr
    run(db, "dues", "pay", a, "--months", "2026-03")
    paid = run(db, "dues", "notice", a, "--month", "2026-03", "--out", out, ok=False)
    assert paid.returncode == 1 and "đã nộp đủ đoàn phí" in paid.stderr
    both = run(db, "dues", "notice", a, "--group", "Tổ Dệt 1", "--month", "2026-03", "--out", out, ok=False)
    assert both.returncode == 2
    neither = run(db, "dues", "notice", "--month", "2026-03", "--out", out, ok=False)
    assert neither.returncode == 2
