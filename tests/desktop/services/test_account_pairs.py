"""Every document an accounting entry (issue 14, items 6 and 7): each kind of income and
spending prints its account pair, seeded and corrected by the unit, cash (111) and bank
(112) apart; a changed pair applies from then on and documents already issued keep what
they printed; transfers keep the pairs the law sets; the receipt prints the book as a
person reads it and the number as the screen shows it."""

from datetime import date

import pytest
from sqlalchemy import select

from desktop.models import AccountPair, AppSetting, SyncOutbox
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash import BANK, CASH, AccountPairs, CashService, book_label, pair_for
from desktop.services.cash.accounts import pair_id
from desktop.services.core.errors import ValidationError
from desktop.services.core.permissions import CurrentUser, PermissionDeniedError
from desktop.services.documents.service import Documents
from desktop.services.dues.service import DuesService
from tests.desktop.printing.pdfcheck import lines_of, pages_text, shoot
from tests.desktop.services.dues_helpers import add_member, setup_unit

D = date(2026, 3, 2)


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    return ctx


@pytest.fixture
def vcb(unit):
    return BankAccountService(unit).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=D, opening_balance=10_000_000)).id


def pair(doc):
    return doc.debit_account, doc.credit_account


def record(ctx, kind, category, amount=1_000_000, day=D):
    return CashService(ctx).record(kind=kind, category=category, doc_date=day, person_name="Nguyễn Văn An",
                                   reason="Nội dung", amount=amount)


def test_each_kind_prints_its_own_seeded_pair(unit, vcb):
    paid = DuesService(unit).pay(add_member(unit, salary=8_000_000), ["2026-01"], doc_date=D)
    assert pair(paid) == ("111", "22.01")
    assert pair(record(unit, "thu", "kinh_phi", 5_000_000)) == ("111", "28.01")
    assert pair(record(unit, "thu", "cap_tren")) == ("111", "3371")
    assert pair(record(unit, "chi", "tham_hoi", 500_000)) == ("31.03", "111")
    assert pair(record(unit, "chi", "nop_cap_tren", 100_000)) == ("39", "111")
    # The same kinds through the bank: 112 where cash is 111.
    book = BankBookService(unit)
    assert pair(book.record(account_id=vcb, kind="credit", entry_date=D, amount=3_000_000, content="KPCĐ",
                            category="kinh_phi")) == ("112", "28.01")
    assert pair(book.record(account_id=vcb, kind="debit", entry_date=D, amount=400_000, content="Thăm hỏi",
                            category="tham_hoi")) == ("31.03", "112")
    assert pair(book.record(account_id=vcb, kind="interest", entry_date=D, amount=2_345,
                            content="Lãi")) == ("112", "3371")
    assert pair(book.record(account_id=vcb, kind="fee", entry_date=D, amount=11_000, content="Phí")) == ("3371", "112")


def test_a_pair_the_unit_sets_applies_from_then_on_and_issued_documents_keep_theirs(unit, vcb):
    pairs = AccountPairs(unit)
    before = record(unit, "thu", "thu_khac")
    own = pairs.set("thu_khac", CASH, " 111 ", "5118", "Theo hướng dẫn số 12/HD-LĐLĐ")
    assert (own.debit, own.credit, own.changed, own.note) == ("111", "5118", True, "Theo hướng dẫn số 12/HD-LĐLĐ")
    after = record(unit, "thu", "thu_khac")
    assert pair(after) == ("111", "5118")
    assert pair(CashService(unit).find(before.id)) == ("111", "3371")  # as it was printed
    # The bank side of the same kind is its own row: untouched.
    entry = BankBookService(unit).record(account_id=vcb, kind="credit", entry_date=D, amount=1_000, content="Thu",
                                         category="thu_khac")
    assert pair(entry) == ("112", "3371")

    back = pairs.reset("thu_khac", CASH)
    assert (back.debit, back.credit, back.changed) == ("111", "3371", False)
    assert pair(record(unit, "thu", "thu_khac")) == ("111", "3371")
    assert pair(CashService(unit).find(after.id)) == ("111", "5118")
    # Set again after a reset: the same row comes back to life, one row per kind and place.
    pairs.set("thu_khac", CASH, "111", "5119")
    with unit.read() as s:
        rows = s.scalars(select(AccountPair)).all()
    assert [(r.id, r.debit_account, r.credit_account, r.deleted_at) for r in rows] == [
        (pair_id("thu_khac", CASH), "111", "5119", None)]


def test_bank_only_kinds_and_the_bank_side_are_set_apart(unit, vcb):
    pairs = AccountPairs(unit)
    record(unit, "thu", "kinh_phi")  # cash to pay from
    pairs.set("lai_tien_gui", BANK, "1121", "5150")
    pairs.set("tham_hoi", BANK, "31.03", "1121")
    book = BankBookService(unit)
    assert pair(book.record(account_id=vcb, kind="interest", entry_date=D, amount=2_000,
                            content="Lãi")) == ("1121", "5150")
    assert pair(book.record(account_id=vcb, kind="debit", entry_date=D, amount=1_000, content="Thăm hỏi",
                            category="tham_hoi")) == ("31.03", "1121")
    assert pair(record(unit, "chi", "tham_hoi", 1_000)) == ("31.03", "111")  # the cash side kept its own
    listed = {(p.kind, p.place): p for p in pairs.list()}
    assert listed["lai_tien_gui", BANK].changed and not listed["tham_hoi", CASH].changed
    assert ("lai_tien_gui", CASH) not in listed  # interest is only ever in the bank
    assert all(p.note for p in listed.values())  # every pair says where it comes from


def test_the_law_pairs_of_transfers_cannot_be_changed(unit, vcb):
    pairs = AccountPairs(unit)
    law = {p.kind: p for p in pairs.list() if p.seeded is None}
    assert {k: (p.debit, p.credit) for k, p in law.items()} == {"nop_ngan_hang": ("112", "111"),
                                                                "rut_ngan_hang": ("111", "112")}
    with pytest.raises(ValidationError) as e:
        pairs.set("nop_ngan_hang", CASH, "112", "1111")
    assert "theo quy định" in str(e.value.errors["kind"])
    t = BankBookService(unit).transfer(account_id=vcb, kind="withdrawal", entry_date=D, amount=1_000_000,
                                       person_name="Trương Thị Thu Hường")
    assert pair(t.entry) == pair(t.cash_doc) == ("111", "112")


@pytest.mark.parametrize("kind,place,debit,credit,field,words", [
    ("thu_khac", CASH, "111", "", "credit", "không đúng"),
    ("thu_khac", CASH, "TK111", "3371", "debit", "chữ số"),
    ("thu_khac", CASH, "111", "33.71.2.4", "credit", "không đúng"),
    ("thu_khac", CASH, "111", "111", "credit", "cùng là 111"),
    ("thu_lai", CASH, "111", "3371", "kind", "không có loại"),
    ("lai_tien_gui", CASH, "111", "3371", "place", "chỉ có ở tiền gửi"),
])
def test_a_wrong_pair_is_refused_with_the_reason(unit, kind, place, debit, credit, field, words):
    with pytest.raises(ValidationError) as e:
        AccountPairs(unit).set(kind, place, debit, credit)
    assert words in str(e.value.errors[field])
    with unit.read() as s:
        assert s.scalars(select(AccountPair)).all() == []


def test_only_who_keeps_the_money_sets_the_pairs(unit):
    unit.user = CurrentUser("u", "Người dùng", "staff")
    with pytest.raises(PermissionDeniedError):
        AccountPairs(unit).set("thu_khac", CASH, "111", "5118")
    with unit.read() as s:
        assert pair_for(s, "thu_khac", CASH) == ("111", "3371")
    unit.user = CurrentUser("k", "Kế toán", "accountant")
    assert AccountPairs(unit).set("thu_khac", CASH, "111", "5118").changed


@pytest.mark.parametrize("code,label", [
    ("T2026-01", "01/2026"), ("C2026-02", "02/2026"), ("T2026-02-2", "02-2/2026"),
    ("T2026-9F3A", "9F3A/2026"), ("THU", "THU"),
])
def test_a_book_reads_as_its_name_in_the_year(code, label):
    assert book_label(code) == label


def test_the_printed_receipt_shows_the_pair_the_readable_book_and_the_number_as_on_screen(unit, tmp_path):
    with unit.write() as s:  # the codes the sync server gave this PC, the unit's second
        s.add(AppSetting(key="book_spare:thu:2026", value="T2026-02"))
        s.add(AppSetting(key="book_spare:chi:2026", value="C2026-02"))
    AccountPairs(unit).set("kinh_phi", CASH, "111", "28.02", "Theo hướng dẫn của LĐLĐ quận")
    doc = record(unit, "thu", "kinh_phi", 5_000_000)
    voucher = record(unit, "chi", "tham_hoi", 500_000)
    assert (doc.book_code, doc.ref, voucher.ref) == ("T2026-02", "T2026-02/0001", "C2026-02/0001")
    out = tmp_path / "thu-chi.pdf"
    Documents(unit).receipts([doc, voucher], out, layout="a4x2")
    shoot(out, "receipt-account-pair-and-book")
    lines = lines_of(pages_text(out)[0])
    receipt, payment = lines[:lines.index("PHIẾU CHI")], lines[lines.index("PHIẾU CHI"):]
    assert {"Quyển số: 02/2026", f"Số: {doc.number_text}", "Nợ: 111", "Có: 28.02"} <= set(receipt)
    assert {"Quyển số: 02/2026", f"Số: {voucher.number_text}", "Nợ: 31.03", "Có: 111"} <= set(payment)
    assert doc.ref.endswith("/" + doc.number_text)  # the screen's BOOK/0001
    assert not any("2026-02" in line for line in lines)  # the internal codes stay inside
    # What a person reads on the paper finds the document again; a receipt and a voucher
    # of one number in books of one name ask for the code the screen shows.
    cash = CashService(unit)
    with pytest.raises(ValidationError) as e:
        cash.find("02/2026/0001")
    assert "MÃ QUYỂN/SỐ" in e.value.errors["number"]
    second = record(unit, "thu", "kinh_phi")
    assert cash.find("02/2026/0002").id == cash.find("T2026-02/0002").id == second.id


def test_the_units_pair_goes_to_the_other_pcs(unit):
    """Set and reset are queued for the sync like any shared row, under the one id."""
    pairs = AccountPairs(unit)
    pairs.set("hoat_dong", CASH, "611", "111")
    pairs.reset("hoat_dong", CASH)
    with unit.read() as s:
        queued = s.execute(select(SyncOutbox.tbl, SyncOutbox.row_id, SyncOutbox.op)
                           .where(SyncOutbox.tbl == "account_pair").order_by(SyncOutbox.local_seq)).all()
    assert queued and {(t, r) for t, r, _ in queued} == {("account_pair", pair_id("hoat_dong", CASH))}


def test_the_audit_log_reads_a_pair_change_in_words():
    from desktop.services.audit.text import field_label, value_text
    assert [field_label("account_pair", f) for f in ("kind", "place", "debit_account", "note")] == [
        "Loại thu/chi", "Tiền ở", "Tài khoản nợ", "Căn cứ"]
    assert (value_text("account_pair", "kind", "lai_tien_gui"), value_text("account_pair", "place", "bank")) == (
        "Lãi tiền gửi", "Tiền gửi")
