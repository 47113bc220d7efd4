"""Issue 14, item 4: the unit's receiving account for dues is a unit-level setting. Chosen
on one PC, it reaches another through the real server, which then prints the same VietQR
code on its dues notices."""

from datetime import date, timedelta

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.receiving import DuesAccountService
from desktop.services.documents.dues_notice import DuesNotices
from desktop.services.members.service import MemberService

D = date.today() - timedelta(days=60)


def test_the_receiving_account_chosen_on_one_pc_reaches_the_other(server, make_device):
    unit = server.unit("CĐCS Công ty Giày Da Phú Lâm")
    a, sa = make_device(server, unit, "ke-toan")
    account = BankAccountService(a).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CD PHU LAM",
        opening_date=D)).id
    DuesAccountService(a).set(account)
    member = MemberService(a).add({"full_name": "Nguyễn Thị Lan", "birth_date": "1990", "gender": "Nữ",
                                   "salary": 8_000_000, "joined_date": "01/01/2020"}, confirm_similar=True).id
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    chosen = DuesAccountService(b).get()
    assert chosen is not None and chosen.account.id == account
    month = [f"{D:%Y-%m}"]
    [on_a] = DuesNotices(a).notices(month, member_ids=[member])
    [on_b] = DuesNotices(b).notices(month, member_ids=[member])
    assert on_b.payload == on_a.payload  # the same code, whichever PC prints it

    # Taken back there, it is taken back here too.
    DuesAccountService(b).set(None)
    sb.sync_now()
    sa.sync_now()
    assert DuesAccountService(a).get() is None
