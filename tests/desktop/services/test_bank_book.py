"""The unit's bank and treasury accounts and the bank book (S12-H) through the services on
a real SQLite file: advices, fees and interest, transfers with the cash book both ways
(one operation, both sides or neither), the balance a debit must not exceed, voids, the
running balance, cash and bank apart and together (issue 14, item 1)."""

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desktop.models import BankEntry, BankEntryVoid, CashDoc, CashDocVoid
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.bank.totals import money_totals
from desktop.services.cash.service import CashService, VoidError
from desktop.services.core.errors import NotFoundError, ValidationError
from desktop.services.core.permissions import CurrentUser, PermissionDeniedError
from protocol.limits import MAX_MONEY
from tests.desktop.services.dues_helpers import setup_unit

D = date(2026, 3, 1)


@pytest.fixture
def unit(ctx):
    setup_unit(ctx)
    return ctx


@pytest.fixture
def vcb(unit):
    """A Vietcombank account opened in the book on 01/03/2026 with 10.000.000 đ."""
    return BankAccountService(unit).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=D, opening_balance=10_000_000)).id


def count(ctx, model):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def credit(ctx, account, amount, day, category="kinh_phi", **kw):
    return BankBookService(ctx).record(account_id=account, kind="credit", entry_date=day, amount=amount,
                                       content="Cấp trên cấp kinh phí", category=category, **kw)


def debit(ctx, account, amount, day, category="tham_hoi"):
    return BankBookService(ctx).record(account_id=account, kind="debit", entry_date=day, amount=amount,
                                       content="Chi thăm hỏi ốm đau", category=category)


def refused(call, field, *words):
    with pytest.raises(ValidationError) as e:
        call()
    assert field in e.value.errors, e.value.errors
    for w in words:
        assert w in e.value.message, e.value.message
    return e.value


# ---- accounts --------------------------------------------------------------------------
def test_accounts_of_a_bank_and_of_the_treasury(unit, vcb):
    accounts = BankAccountService(unit)
    kb = accounts.add(AccountInput(kind="treasury", institution="KBNN Hà Đông", account_number="9527.1.1054321",
                                   account_name="Công đoàn cơ sở Phú Lâm", opening_date=D))
    listed = accounts.accounts()
    assert [(a.kind, a.institution, a.account_number, a.bank_bin) for a in listed] == [
        ("bank", "Vietcombank", "0071001234567", "970436"), ("treasury", "KBNN Hà Đông", "9527.1.1054321", None)]
    assert accounts.get(vcb).title == "Vietcombank — 0071001234567"
    assert (kb.opening_balance, kb.opening_date) == (0, D)


@pytest.mark.parametrize("changes,field,words", [
    ({"bank_bin": "123456"}, "bank_bin", ["Ngân hàng", "123456"]),
    ({"bank_bin": None}, "bank_bin", ["cần chọn ngân hàng"]),
    ({"kind": "treasury", "bank_bin": None}, "institution", ["Kho bạc"]),
    ({"kind": "cash"}, "account_kind", ["Loại tài khoản"]),
    ({"account_number": "00710-ABC"}, "account_number", ["Số tài khoản", "chữ số"]),
    ({"account_number": " "}, "account_number", ["Số tài khoản"]),
    ({"account_name": ""}, "account_name", ["Tên tài khoản"]),
    ({"opening_balance": -1}, "account_opening_balance", ["Số dư đầu kỳ", "âm"]),
    ({"opening_balance": MAX_MONEY + 1}, "account_opening_balance", ["Số dư đầu kỳ", "quá lớn"]),
    ({"opening_date": date.today() + timedelta(days=1)}, "opening_date", ["tương lai"]),
])
def test_a_wrong_account_is_refused_naming_the_field(unit, changes, field, words):
    base = {"kind": "bank", "bank_bin": "970418", "account_number": "12010000123456", "account_name": "CĐCS Phú Lâm",
            "opening_date": D}
    refused(lambda: BankAccountService(unit).add(AccountInput(**{**base, **changes})), field, *words)
    assert BankAccountService(unit).accounts() == []


def test_the_same_account_twice_is_refused(unit, vcb):
    again = AccountInput(kind="bank", bank_bin="970436", account_number="0071001234567", account_name="X",
                         opening_date=D)
    refused(lambda: BankAccountService(unit).add(again), "account_number", "đã có trong sổ")


def test_an_opening_balance_that_a_written_debit_needs_cannot_be_lowered(unit, vcb):
    debit(unit, vcb, 8_000_000, D + timedelta(days=5))
    accounts = BankAccountService(unit)
    a = accounts.get(vcb)
    data = AccountInput(kind=a.kind, bank_bin=a.bank_bin, account_number=a.account_number,
                        account_name="Công đoàn cơ sở Phú Lâm", opening_date=a.opening_date, opening_balance=5_000_000)
    refused(lambda: accounts.update(vcb, data), "account_opening_balance", "âm 3.000.000 đ")
    later = AccountInput(**{**data.__dict__, "opening_balance": 10_000_000, "opening_date": D + timedelta(days=10)})
    refused(lambda: accounts.update(vcb, later), "opening_date", "sau bút toán")
    fine = AccountInput(**{**data.__dict__, "opening_balance": 9_000_000})
    assert (accounts.update(vcb, fine).account_name, accounts.get(vcb).opening_balance) == (
        "Công đoàn cơ sở Phú Lâm", 9_000_000)


# ---- advices, fees, interest, the running balance -----------------------------------
def test_the_book_runs_the_balance_and_brings_it_forward(unit, vcb):
    book = BankBookService(unit)
    credit(unit, vcb, 15_000_000, D + timedelta(days=2), counterpart="LĐLĐ quận", reference="FT2606112345")
    debit(unit, vcb, 4_000_000, D + timedelta(days=3))
    book.record(account_id=vcb, kind="fee", entry_date=D + timedelta(days=3), amount=11_000, content="Phí quản lý TK")
    book.record(account_id=vcb, kind="interest", entry_date=D + timedelta(days=30), amount=2_345,
                content="Lãi tiền gửi tháng 3")
    debit(unit, vcb, 1_000_000, D + timedelta(days=40))
    march = book.book(vcb, D, date(2026, 3, 31))
    assert march.opening == 10_000_000
    assert [(line.entry.kind, line.amount_in, line.amount_out, line.balance) for line in march.lines] == [
        ("credit", 15_000_000, 0, 25_000_000), ("debit", 0, 4_000_000, 21_000_000), ("fee", 0, 11_000, 20_989_000),
        ("interest", 2_345, 0, 20_991_345)]
    assert (march.total_in, march.total_out, march.closing) == (15_002_345, 4_011_000, 20_991_345)
    assert march.lines[0].entry.reference == "FT2606112345" and march.lines[0].entry.counterpart == "LĐLĐ quận"
    assert (march.lines[0].entry.debit_account, march.lines[0].entry.credit_account) == ("112", "28.01")
    april = book.book(vcb, date(2026, 4, 1), date(2026, 4, 30))
    assert (april.opening, april.closing) == (20_991_345, 19_991_345)
    assert book.balance(vcb, D + timedelta(days=2)) == 25_000_000 and book.balance(vcb) == 19_991_345


def test_a_debit_larger_than_the_balance_on_its_day_or_since_is_refused(unit, vcb):
    credit(unit, vcb, 5_000_000, D + timedelta(days=10))
    e = refused(lambda: debit(unit, vcb, 12_000_000, D + timedelta(days=5)), "amount", "Số tiền", "10.000.000 đ")
    assert "ngày 06/03/2026" in e.message
    debit(unit, vcb, 14_000_000, D + timedelta(days=20))  # 15.000.000 by then
    # 5.000.000 on the 6th, but a later debit already counts on the money: 1.000.000 is left.
    e = refused(lambda: debit(unit, vcb, 2_000_000, D + timedelta(days=5)), "amount", "1.000.000 đ", "21/03/2026")
    refused(lambda: BankBookService(unit).record(account_id=vcb, kind="fee", entry_date=D + timedelta(days=25),
                                                 amount=1_000_001, content="Phí"), "amount", "không đủ trả phí")
    debit(unit, vcb, 1_000_000, D + timedelta(days=25))
    assert BankBookService(unit).balance(vcb) == 0


@pytest.mark.parametrize("kw,field,words", [
    ({"amount": 0}, "amount", ["Số tiền", "lớn hơn 0"]),
    ({"amount": -5}, "amount", ["Số tiền", "lớn hơn 0"]),
    ({"amount": MAX_MONEY + 1}, "amount", ["Số tiền quá lớn"]),
    ({"entry_date": date.today() + timedelta(days=1)}, "entry_date", ["Ngày ghi sổ", "tương lai"]),
    ({"entry_date": D - timedelta(days=1)}, "entry_date", ["trước ngày số dư đầu kỳ"]),
    ({"account_id": "0190f0c0-0000-7000-8000-000000000000"}, "account_id", ["Tài khoản tiền gửi", "không có"]),
    ({"category": None}, "category", ["Loại thu/chi"]),
    ({"category": "tham_hoi"}, "category", ["Loại thu/chi"]),
    ({"category": "doan_phi"}, "category", ["đoàn viên"]),
    ({"kind": "deposit"}, "entry_kind", ["chuyển tiền"]),
    ({"kind": "gift"}, "entry_kind", ["Loại bút toán"]),
    ({"content": "  "}, "content", ["Nội dung"]),
])
def test_a_wrong_entry_is_refused_naming_the_field_and_nothing_is_written(unit, vcb, kw, field, words):
    args = {"account_id": vcb, "kind": "credit", "entry_date": D, "amount": 100_000, "content": "Kinh phí",
            "category": "kinh_phi", **kw}
    refused(lambda: BankBookService(unit).record(**args), field, *words)
    assert count(unit, BankEntry) == 0


# ---- transfers with the cash book ---------------------------------------------------
def test_a_withdrawal_writes_the_bank_side_and_a_cash_receipt_together(unit, vcb):
    t = BankBookService(unit).transfer(account_id=vcb, kind="withdrawal", entry_date=D + timedelta(days=1),
                                       amount=3_000_000, person_name="Trần Thị Quỹ")
    assert (t.entry.kind, t.entry.amount, t.entry.cash_doc_id) == ("withdrawal", 3_000_000, t.cash_doc.id)
    assert (t.cash_doc.kind, t.cash_doc.category, t.cash_doc.amount) == ("thu", "rut_ngan_hang", 3_000_000)
    # DOMAIN.md: withdrawn Nợ 111 / Có 112, on both sides.
    assert (t.cash_doc.debit_account, t.cash_doc.credit_account) == ("111", "112")
    assert (t.entry.debit_account, t.entry.credit_account) == ("111", "112")
    assert "Vietcombank số 0071001234567" in t.cash_doc.reason
    assert t.cash_doc.category_label == "Rút tiền gửi về quỹ tiền mặt"
    totals = money_totals(unit, D + timedelta(days=1))
    assert (totals.cash, totals.bank, totals.total) == (3_000_000, 7_000_000, 10_000_000)


def test_a_deposit_writes_a_cash_voucher_and_the_bank_side_together(unit, vcb):
    CashService(unit).record(kind="thu", category="thu_khac", doc_date=D, person_name="Nguyễn Văn A",
                             reason="Ủng hộ", amount=5_000_000)
    t = BankBookService(unit).transfer(account_id=vcb, kind="deposit", entry_date=D + timedelta(days=2),
                                       amount=4_000_000, person_name="Trần Thị Quỹ", content="Nộp tiền mặt vào TK")
    assert (t.cash_doc.kind, t.cash_doc.category, t.cash_doc.debit_account, t.cash_doc.credit_account) == (
        "chi", "nop_ngan_hang", "112", "111")
    assert t.entry.content == t.cash_doc.reason == "Nộp tiền mặt vào TK"
    totals = money_totals(unit, D + timedelta(days=2))
    assert (totals.cash, totals.bank, totals.total) == (1_000_000, 14_000_000, 15_000_000)
    assert [(a.account.id, a.balance) for a in totals.accounts] == [(vcb, 14_000_000)]
    # Before the deposit: the money was all cash.
    before = money_totals(unit, D)
    assert (before.cash, before.bank) == (5_000_000, 10_000_000)


def test_a_transfer_that_is_not_covered_writes_neither_side(unit, vcb):
    book = BankBookService(unit)
    refused(lambda: book.transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=10_000_001,
                                  person_name="Trần Thị Quỹ"), "amount", "10.000.000 đ", "rút về quỹ")
    refused(lambda: book.transfer(account_id=vcb, kind="deposit", entry_date=D, amount=1, person_name="Trần Thị Quỹ"),
            "amount", "tồn quỹ tiền mặt")
    refused(lambda: book.transfer(account_id=vcb, kind="withdrawal", entry_date=D - timedelta(days=1), amount=1,
                                  person_name="Trần Thị Quỹ"), "entry_date", "trước ngày số dư đầu kỳ")
    refused(lambda: book.transfer(account_id=vcb, kind="deposit", entry_date=date.today() + timedelta(days=1),
                                  amount=1, person_name="Trần Thị Quỹ"), "entry_date", "Ngày ghi sổ", "tương lai")
    refused(lambda: book.transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=0,
                                  person_name="Trần Thị Quỹ"), "amount", "lớn hơn 0")
    refused(lambda: book.transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=1, person_name=""),
            "person_name")
    refused(lambda: book.transfer(account_id=vcb, kind="credit", entry_date=D, amount=1, person_name="A"),
            "entry_kind")
    assert (count(unit, BankEntry), count(unit, CashDoc)) == (0, 0)
    # No number of the receipt book was used up by the refusals.
    t = book.transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=1_000, person_name="Trần Thị Quỹ")
    assert t.cash_doc.number == 1


def test_the_cash_side_of_a_transfer_cannot_be_written_or_voided_alone(unit, vcb):
    cash = CashService(unit)
    refused(lambda: cash.record(kind="thu", category="rut_ngan_hang", doc_date=D, person_name="A", reason="Rút",
                                amount=1_000), "category", "sổ tiền gửi")
    t = BankBookService(unit).transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=1_000,
                                       person_name="Trần Thị Quỹ")
    with pytest.raises(VoidError, match="sổ tiền gửi"):
        cash.void(t.cash_doc.id, "Nhầm")
    assert count(unit, CashDocVoid) == 0


# ---- voids ------------------------------------------------------------------------------
def test_a_void_keeps_the_entry_shown_and_no_longer_counted(unit, vcb):
    book = BankBookService(unit)
    e = debit(unit, vcb, 2_000_000, D + timedelta(days=1))
    refused(lambda: book.void(e.id, "  "), "void_reason", "Lý do hủy")
    refused(lambda: book.void(e.id, "Sai", date.today() + timedelta(days=1)), "void_date", "tương lai")
    v = book.void(e.id, "Ghi nhầm tài khoản", D + timedelta(days=2))
    assert (v.voided, v.void_reason, v.void_date) == (True, "Ghi nhầm tài khoản", D + timedelta(days=2))
    with pytest.raises(VoidError, match="đã hủy ngày 03/03/2026"):
        book.void(e.id, "Lần nữa")
    with pytest.raises(NotFoundError):
        book.void("0190f0c0-0000-7000-8000-000000000000", "Không có")
    lines = book.book(vcb, D, date(2026, 3, 31)).lines
    assert [(line.entry.voided, line.amount_out, line.balance) for line in lines] == [(True, 0, 10_000_000)]
    # The money is back: a debit of the whole balance passes now.
    debit(unit, vcb, 10_000_000, D + timedelta(days=3))


def test_a_credit_whose_money_was_spent_cannot_be_voided(unit, vcb):
    book = BankBookService(unit)
    c = credit(unit, vcb, 5_000_000, D + timedelta(days=1))
    debit(unit, vcb, 12_000_000, D + timedelta(days=2))
    refused(lambda: book.void(c.id, "Trả lại"), "amount", "3.000.000 đ", "để hủy khoản tiền vào này")
    assert count(unit, BankEntryVoid) == 0


def test_voiding_a_transfer_voids_both_sides(unit, vcb):
    book, cash = BankBookService(unit), CashService(unit)
    t = book.transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=3_000_000, person_name="Trần Thị Quỹ")
    # The cash was spent: voiding the withdrawal would leave the cash box short.
    spent = cash.record(kind="chi", category="tham_hoi", doc_date=D + timedelta(days=1), person_name="B",
                        reason="Thăm hỏi", amount=2_500_000)
    refused(lambda: book.void(t.entry.id, "Rút nhầm"), "amount", "đã được chi", "500.000 đ")
    cash.void(spent.id, "Chưa chi")
    book.void(t.entry.id, "Rút nhầm")
    assert cash.find(t.cash_doc.id).voided and cash.find(t.cash_doc.id).void_reason == "Rút nhầm"
    totals = money_totals(unit)
    assert (totals.cash, totals.bank) == (0, 10_000_000)
    # A deposit's void gives the cash back and takes the bank side out.
    cash.record(kind="thu", category="thu_khac", doc_date=D, person_name="C", reason="Ủng hộ", amount=1_000_000)
    d = book.transfer(account_id=vcb, kind="deposit", entry_date=D, amount=1_000_000, person_name="Trần Thị Quỹ")
    assert (money_totals(unit).cash, money_totals(unit).bank) == (0, 11_000_000)
    book.void(d.entry.id, "Ngân hàng trả lại")
    assert (money_totals(unit).cash, money_totals(unit).bank) == (1_000_000, 10_000_000)


def test_the_database_refuses_to_edit_or_delete_an_entry(unit, vcb):
    e = credit(unit, vcb, 1_000, D)
    BankBookService(unit).void(e.id, "Nhầm")
    conn = sqlite3.connect(unit.db.path)
    try:
        for sql in ("UPDATE bank_entry SET amount = 2 WHERE id = ?", "DELETE FROM bank_entry WHERE id = ?",
                    "UPDATE bank_entry_void SET reason = 'x' WHERE entry_id = ?",
                    "DELETE FROM bank_entry_void WHERE entry_id = ?"):
            with pytest.raises(sqlite3.IntegrityError, match="Bút toán sổ tiền gửi"):
                conn.execute(sql, (e.id,))
    finally:
        conn.close()


# ---- permissions --------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["staff", "viewer"])
def test_only_the_money_roles_write_the_bank_book(unit, vcb, role):
    unit.user = CurrentUser("u", "Người dùng", role)
    with pytest.raises(PermissionDeniedError, match="phiếu thu"):
        credit(unit, vcb, 1_000, D)
    with pytest.raises(PermissionDeniedError):
        BankAccountService(unit).add(AccountInput(kind="bank", bank_bin="970418", account_number="1", account_name="X",
                                                  opening_date=D))
    unit.user = CurrentUser("k", "Kế toán", "accountant")
    assert credit(unit, vcb, 1_000, D).amount == 1_000
