"""Issue 14, item 1: the bank book syncs. An account, its entries, a transfer (with its
cash receipt) and a void made on one PC reach another through the real server, on SQLite
and PostgreSQL, and add up to the same book there; an entry made there comes back; an
entry voided on two PCs before they sync stays voided once, the second void refused."""

from datetime import date, timedelta

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.bank.totals import money_totals
from desktop.services.cash.service import CashService
from tests.e2e.helpers import rows

D = date.today() - timedelta(days=30)


def book_lines(ctx, account):
    page = BankBookService(ctx).book(account, D, date.today())
    return page.opening, [(l.entry.id, l.entry.kind, l.amount_in, l.amount_out, l.balance, l.entry.voided)
                          for l in page.lines], page.closing


def test_a_bank_entry_made_on_one_pc_reaches_the_other(server, make_device):
    unit = server.unit("CĐCS Công ty Giày Da Phú Lâm")
    a, sa = make_device(server, unit, "ke-toan")
    account = BankAccountService(a).add(AccountInput(
        kind="bank", bank_bin="970418", account_number="12010000123456", account_name="CĐCS PHÚ LÂM",
        opening_date=D, opening_balance=20_000_000)).id
    book_a = BankBookService(a)
    credit = book_a.record(account_id=account, kind="credit", entry_date=D + timedelta(days=1), amount=7_500_000,
                           content="LĐLĐ cấp kinh phí quý I", category="kinh_phi", counterpart="LĐLĐ quận",
                           reference="FT26011")
    wrong = book_a.record(account_id=account, kind="fee", entry_date=D + timedelta(days=2), amount=22_000,
                          content="Phí SMS")
    withdrawal = book_a.transfer(account_id=account, kind="withdrawal", entry_date=D + timedelta(days=3),
                                 amount=5_000_000, person_name="Trần Thị Quỹ")
    book_a.void(wrong.id, "Ngân hàng hoàn phí")
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    assert [x.title for x in BankAccountService(b).accounts()] == ["BIDV — 12010000123456"]
    assert book_lines(b, account) == book_lines(a, account)
    assert book_lines(b, account)[2] == 20_000_000 + 7_500_000 - 5_000_000
    assert rows(b, "SELECT reference, counterpart FROM bank_entry WHERE id = ?", credit.id) == [
        ("FT26011", "LĐLĐ quận")]
    # The transfer's cash receipt came with it: the cash book there counts it.
    assert CashService(b).find(withdrawal.cash_doc.id).category == "rut_ngan_hang"
    assert money_totals(b) == money_totals(a)
    assert (money_totals(b).cash, money_totals(b).bank) == (5_000_000, 22_500_000)

    # Written there, it comes back.
    debit = BankBookService(b).record(account_id=account, kind="debit", entry_date=D + timedelta(days=4),
                                      amount=2_000_000, content="Chi hỗ trợ đoàn viên ốm", category="tham_hoi")
    sb.sync_now()
    sa.sync_now()
    assert book_lines(a, account) == book_lines(b, account)
    assert BankBookService(a).balance(account) == 20_500_000

    # Both PCs void the same entry before they sync: it is voided once; the second void
    # is refused by the server and its pulled twin is not a problem on that PC.
    BankBookService(a).void(debit.id, "Ghi trùng")
    BankBookService(b).void(debit.id, "Nhầm số tiền")
    assert sa.sync_now().rejected == 0
    report = sb.sync_now()
    assert report.rejected == 1
    assert rows(b, "SELECT count(*) FROM sync_conflict") == [(0,)]  # a's void taken as the same void
    sa.sync_now()
    for ctx in (a, b):
        assert rows(ctx, "SELECT count(*) FROM bank_entry_void WHERE entry_id = ?", debit.id) == [(1,)]
        assert BankBookService(ctx).balance(account) == 22_500_000
