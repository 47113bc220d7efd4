"""A year of a unit's money built through the services, for the tests of the year's close."""

from datetime import date

from sqlalchemy import select

from desktop.models import Unit
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.dues.service import DuesService
from tests.desktop.services.dues_helpers import add_member, setup_unit


def money_year(ctx, year=2025):
    """Cash (opening 1.000.000 đ on 01/01/2024), a bank account (5.000.000 đ on 01/01/2024),
    documents in year-1 and in year: kinh phí by bank, dues in cash, a support payment, a
    withdrawal, a fee, a void. Returns {name: id}."""
    setup_unit(ctx, dues_from=date(year - 1, 1, 1))
    with ctx.write() as s:
        u = s.scalar(select(Unit))
        u.opening_balance, u.opening_date = 1_000_000, date(year - 1, 1, 1)
    account = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=date(year - 1, 1, 1), opening_balance=5_000_000)).id
    cash, bank = CashService(ctx), BankBookService(ctx)
    ids = {"account": account}
    ids["old"] = cash.record(kind="thu", category="thu_khac", doc_date=date(year - 1, 6, 1), person_name="Bà Lan",
                             reason="Thu khác năm trước", amount=300_000).id
    member = add_member(ctx)
    ids["member"] = member
    ids["dues"] = DuesService(ctx).pay(member, [f"{year}-01", f"{year}-02"], doc_date=date(year, 2, 10)).id
    ids["receipt"] = cash.record(kind="thu", category="thu_khac", doc_date=date(year, 3, 1), person_name="Ông Bình",
                                 reason="Thu thanh lý tài sản", amount=450_000).id
    ids["voucher"] = cash.record(kind="chi", category="tham_hoi", doc_date=date(year, 4, 2), person_name="Chị Hoa",
                                 reason="Thăm hỏi ốm đau", amount=200_000).id
    ids["wrong"] = cash.record(kind="thu", category="thu_khac", doc_date=date(year, 5, 5), person_name="Ông Bình",
                               reason="Ghi nhầm", amount=99_000).id
    cash.void(ids["wrong"], "Ghi nhầm số tiền", date(year, 5, 6))
    ids["credit"] = bank.record(account_id=account, kind="credit", entry_date=date(year, 3, 15), amount=2_000_000,
                                content="Cấp trên cấp kinh phí", category="kinh_phi").id
    ids["fee"] = bank.record(account_id=account, kind="fee", entry_date=date(year, 3, 31), amount=11_000,
                             content="Phí quản lý tài khoản").id
    t = bank.transfer(account_id=account, kind="withdrawal", entry_date=date(year, 6, 1), amount=500_000,
                      person_name="Thủ quỹ")
    ids["withdrawal"] = t.entry.id
    return ids
