"""Payments, receipts and their numbers, voids, the database's refusal to edit an issued
receipt, and the cash book."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from sqlalchemy import text

from desktop.services.cash.service import CashService, VoidError
from desktop.services.core.errors import ValidationError
from desktop.services.dues.service import DuesService, PaymentError
from desktop.services.members.service import MemberService
from tests.desktop.services.dues_helpers import add_member, setup_unit


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    return ctx


def test_pay_issues_a_numbered_receipt(unit):
    dues, cash = DuesService(unit), CashService(unit)
    mid = add_member(unit, salary=8_000_000)
    doc = dues.pay(mid, ["2026-01", "2026-02", "2026-03"], amount=120_000, doc_date=date(2026, 3, 10))
    assert (doc.kind, doc.number, doc.amount, doc.category) == ("thu", 1, 120_000, "doan_phi")
    assert "từ tháng 01/2026 đến tháng 03/2026" in doc.reason
    assert [a[2].month for a in cash.allocations(doc.id)] == [1, 2, 3]
    doc2 = dues.pay(mid, ["2026-04"], doc_date=date(2026, 4, 2))
    assert doc2.number == 2 and doc2.book_code == doc.book_code


@pytest.mark.parametrize("months,amount,message", [
    (["2026-01"], 50_000, "không khớp"),
    (["2026-01", "2026-02"], 0, "lớn hơn 0"),
    (["2026-01"], -40_000, "lớn hơn 0"),
    (["2019-01"], None, "chưa vào công đoàn"),
    (["2029-01"], None, "tối đa 12 tháng"),
    (["2026-01", "2026-01"], None, "hai lần"),
])
def test_bad_payments_are_refused_and_nothing_written(unit, months, amount, message):
    dues, cash = DuesService(unit), CashService(unit)
    mid = add_member(unit, salary=8_000_000, joined="01/01/2024")
    with pytest.raises(PaymentError) as e:
        dues.pay(mid, months, amount=amount, doc_date=date(2026, 3, 1))
    assert message in e.value.message
    assert cash.docs() == []


def test_no_payment_for_a_departed_member_or_a_paid_month(unit):
    dues = DuesService(unit)
    mid = add_member(unit, salary=8_000_000, joined="01/01/2024")
    dues.pay(mid, ["2026-01"], doc_date=date(2026, 2, 1))
    with pytest.raises(PaymentError, match="đã nộp đủ"):
        dues.pay(mid, ["2026-01"], doc_date=date(2026, 2, 1))
    MemberService(unit).add_event(mid, "left", date(2026, 3, 1), reason="Nghỉ việc")
    with pytest.raises(PaymentError, match="ra khỏi tổ chức"):
        dues.pay(mid, ["2026-04"], doc_date=date(2026, 4, 1))
    dues.pay(mid, ["2026-02"], doc_date=date(2026, 4, 1))  # arrears before leaving can still be paid


def test_void_keeps_the_receipt_and_frees_the_months(unit):
    dues, cash = DuesService(unit), CashService(unit)
    mid = add_member(unit, salary=8_000_000)
    doc = dues.pay(mid, ["2026-01"], doc_date=date(2026, 1, 20))
    with pytest.raises(ValidationError):
        cash.void(doc.id, "   ")
    voided = cash.void(doc.id, "Ghi nhầm người nộp")
    assert voided.voided and voided.void_reason == "Ghi nhầm người nộp"
    with pytest.raises(VoidError, match="đã hủy"):
        cash.void(doc.id, "lần hai")
    assert dues.period("2026-01", member_ids=[mid])[0].paid == 0
    again = dues.pay(mid, ["2026-01"], doc_date=date(2026, 1, 21))
    assert again.number == doc.number + 1  # a number is never reused
    assert [d.voided for d in cash.docs()] == [True, False]


def test_database_refuses_to_edit_or_delete_an_issued_receipt(unit):
    dues = DuesService(unit)
    mid = add_member(unit, salary=8_000_000)
    doc = dues.pay(mid, ["2026-01"], doc_date=date(2026, 1, 20))
    raw = sqlite3.connect(unit.db.path)
    for sql in (f"UPDATE cash_doc SET amount = 1 WHERE id = '{doc.id}'",
                f"DELETE FROM cash_doc WHERE id = '{doc.id}'",
                f"UPDATE dues_payment SET amount = 1 WHERE doc_id = '{doc.id}'",
                f"DELETE FROM dues_payment WHERE doc_id = '{doc.id}'"):
        with pytest.raises(sqlite3.IntegrityError, match="không được sửa"):
            raw.execute(sql)
    raw.execute(f"UPDATE cash_doc SET server_seq = 7 WHERE id = '{doc.id}'")  # sync may record its seq
    raw.commit()
    raw.close()
    assert CashService(unit).find(doc.id).amount == 40_000


def test_collect_for_a_group_at_once(unit):
    dues, cash = DuesService(unit), CashService(unit)
    ids = [add_member(unit, name=n, salary=s) for n, s in
           (("Đỗ Thị Hoa", 6_000_000), ("Ngô Thị Mận", 7_000_000), ("Vũ Thị Đào", 9_000_000))]
    docs = dues.pay_many({i: ["2026-02"] for i in ids}, one_receipt=True, payer_name="Phan Thị Thu (tổ trưởng)",
                         doc_date=date(2026, 2, 25))
    assert len(docs) == 1 and docs[0].amount == 30_000 + 35_000 + 45_000
    assert len(cash.allocations(docs[0].id)) == 3
    docs = dues.pay_many({i: ["2026-03"] for i in ids}, one_receipt=False, doc_date=date(2026, 3, 25))
    assert [d.amount for d in docs] == [30_000, 35_000, 45_000] and [d.number for d in docs] == [2, 3, 4]
    with pytest.raises(PaymentError):  # one bad member: none of them is written
        dues.pay_many({ids[0]: ["2026-04"], ids[1]: ["2026-03"]}, one_receipt=False, doc_date=date(2026, 4, 2))
    assert len(cash.docs()) == 4


def test_a_receipts_allocations_are_audited_under_one_summary_row(unit):
    ids = [add_member(unit, name=n, salary=s) for n, s in (("Đỗ Thị Hoa", 6_000_000), ("Ngô Thị Mận", 7_000_000))]
    with unit.read() as s:
        before = s.execute(text("SELECT count(*) FROM audit_log WHERE tbl IN ('cash_doc', 'dues_payment')")).scalar()
    doc = DuesService(unit).pay_many({i: ["2026-02", "2026-03"] for i in ids}, one_receipt=True,
                                     payer_name="Phan Thị Thu (tổ trưởng)", doc_date=date(2026, 3, 25))[0]
    with unit.read() as s:
        rows = s.execute(text("SELECT tbl, row_id, action, label FROM audit_log WHERE tbl IN ('cash_doc', "
                              f"'dues_payment') ORDER BY rowid LIMIT -1 OFFSET {before}")).all()
        bulk = s.execute(text("SELECT bulk FROM audit_session")).scalar()
    assert rows == [("cash_doc", doc.id, "insert", "Phan Thị Thu (tổ trưởng)"),
                    ("dues_payment", doc.id, "bulk", (f"Phiếu {doc.book_code}/0001: 4 tháng đoàn phí của 2 đoàn viên, "
                                                      "130.000 đ"))]
    assert bulk == 0  # per-row auditing is on again for what follows


def test_cash_book_running_balance(unit):
    dues, cash = DuesService(unit), CashService(unit)
    mid = add_member(unit, salary=10_000_000)
    dues.pay(mid, ["2026-01"], doc_date=date(2026, 1, 10))
    cash.record(kind="thu", category="kinh_phi", doc_date=date(2026, 1, 15), person_name="Công ty TNHH Phú Lâm",
                reason="Kinh phí công đoàn quý I/2026 (75%)", amount=12_000_000)
    spend = cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 1, 20), person_name="Nguyễn Thị Lan",
                        reason="Thăm hỏi ốm đau", amount=500_000)
    cash.void(spend.id, "Chi nhầm")
    cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 2, 3), person_name="Nguyễn Thị Lan",
                reason="Thăm hỏi ốm đau", amount=300_000)
    book = cash.cash_book(date(2026, 1, 1), date(2026, 1, 31))
    assert (book.opening, book.total_in, book.total_out, book.closing) == (0, 12_050_000, 0, 12_050_000)
    assert [l.balance for l in book.lines] == [50_000, 12_050_000, 12_050_000]
    feb = cash.cash_book(date(2026, 2, 1), date(2026, 2, 28))
    assert (feb.opening, feb.closing) == (12_050_000, 11_750_000)
    with pytest.raises(ValidationError):
        cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 2, 3), person_name="A",
                    reason="x", amount=0)


KILLER = textwrap.dedent("""
    import sys
    from datetime import date
    from desktop.services.core.context import open_context
    from desktop.services.dues.service import DuesService
    ctx = open_context(sys.argv[1])
    dues = DuesService(ctx)
    ids = sys.argv[2].split(",")
    print("ready", flush=True)
    m = 1
    while True:
        for mid in ids:
            dues.pay(mid, [f"2026-{m:02d}"], doc_date=date(2026, 11, 1))
        m += 1
""")


def test_killed_while_issuing_leaves_no_gap_or_repeat(unit, tmp_path):
    ids = [add_member(unit, name=f"Người Nộp {c}", salary=8_000_000) for c in "ABCDEFGH"]
    unit.close()
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(unit.db.path), ",".join(ids)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    raw = sqlite3.connect(unit.db.path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    numbers = [r[0] for r in raw.execute("SELECT number FROM cash_doc ORDER BY number")]
    assert numbers and numbers == list(range(1, len(numbers) + 1))
    bad = raw.execute("""SELECT count(*) FROM cash_doc d WHERE d.amount !=
                         (SELECT coalesce(sum(amount), 0) FROM dues_payment p WHERE p.doc_id = d.id)""").fetchone()[0]
    assert bad == 0
    nxt = raw.execute("SELECT next_number FROM receipt_book").fetchone()[0]
    assert nxt == len(numbers) + 1
    raw.close()


def test_spending_cannot_exceed_cash_on_hand(unit):
    cash = CashService(unit)
    cash.record(kind="thu", category="kinh_phi", doc_date=date(2026, 3, 1), person_name="Công ty",
                reason="Kinh phí công đoàn", amount=1_000_000)
    with pytest.raises(ValidationError) as e:
        cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 2, 27), person_name="A",
                    reason="Thăm hỏi", amount=200_000)  # before the money came in
    assert "số dư đầu kỳ" in e.value.errors["amount"]
    cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 3, 2), person_name="A", reason="Thăm hỏi",
                amount=800_000)
    with pytest.raises(ValidationError):  # would leave 3 March below zero
        cash.record(kind="chi", category="hoat_dong", doc_date=date(2026, 3, 1), person_name="B",
                    reason="Văn nghệ", amount=300_000)
    cash.record(kind="chi", category="hoat_dong", doc_date=date(2026, 3, 1), person_name="B", reason="Văn nghệ",
                amount=200_000)
    assert cash.balance(date(2026, 3, 31)) == 0
    docs = cash.docs()
    assert {d.book_code[0] for d in docs} == {"T", "C"} and cash.find(docs[-1].ref).id == docs[-1].id
