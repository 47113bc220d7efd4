"""Issue 14, items 6 and 7 across PCs: the pair one PC of the unit sets is the pair every
PC prints from then on, and a reset comes back too; each PC's receipt book reads as that
PC's number in the unit and the year (01/YYYY for the first PC, 02/YYYY for the second)."""

from datetime import date

from desktop.services.cash import CASH, AccountPairs, CashService
from desktop.services.cash.accounts import pair_id
from tests.e2e.helpers import rows


def income(ctx):
    return CashService(ctx).record(kind="thu", category="kinh_phi", doc_date=date.today(), person_name="LĐLĐ quận",
                                   reason="Kinh phí công đoàn cấp lại", amount=3_000_000)


def test_a_pair_set_on_one_pc_is_printed_by_the_other(server, make_device):
    unit = server.unit("CĐCS Công ty Dệt may Hòa Thọ")
    a, sa = make_device(server, unit, "ke-toan")
    AccountPairs(a).set("kinh_phi", CASH, "111", "28.02", "Hướng dẫn của LĐLĐ quận")
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "thu-quy")
    sb.sync_now()
    there = income(b)
    assert (there.debit_account, there.credit_account) == ("111", "28.02")
    year = date.today().year
    here = income(a)
    assert (here.book_label, there.book_label) == (f"01/{year}", f"02/{year}")

    AccountPairs(b).reset("kinh_phi", CASH)
    assert sb.sync_now().rejected == 0
    sa.sync_now()
    assert (income(a).debit_account, income(a).credit_account) == ("111", "28.01")
    # The documents issued before keep what they printed, on both PCs.
    sb.sync_now()
    for ctx in (a, b):
        assert rows(ctx, "SELECT credit_account FROM cash_doc WHERE id IN (?, ?)", here.id, there.id) == [
            ("28.02",), ("28.02",)]
        assert rows(ctx, "SELECT deleted_at IS NOT NULL FROM account_pair WHERE id = ?",
                    pair_id("kinh_phi", CASH)) == [(1,)]
