"""A year (2026) of a unit's money built through the services, with the figures each kind
must add up to, written down here as they were recorded (not read back from the books)."""

from dataclasses import dataclass, field
from datetime import date

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash import CashService
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService
from tests.desktop.services.dues_helpers import add_member, setup_unit

YEAR = 2026
SALARIES = (8_000_000, 12_500_000, 60_000_000)  # the last one above the dues cap


@dataclass
class Year:
    members: list[str]
    bank: str
    sums: dict[str, int] = field(default_factory=dict)
    cash_closing: int = 0
    bank_closing: int = 0

    def add(self, key, amount):
        self.sums[key] = self.sums.get(key, 0) + amount


def build_year(ctx) -> Year:
    setup_unit(ctx, dues_from=date(YEAR, 1, 1))
    names = ("Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Hồng")
    members = [add_member(ctx, name=n, salary=s, birth=f"19{80 + i}", gender="Nữ" if i != 1 else "Nam")
               for i, (n, s) in enumerate(zip(names, SALARIES))]
    bank = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=date(YEAR, 1, 1), opening_balance=0)).id
    y = Year(members, bank)
    cash, book, dues = CashService(ctx), BankBookService(ctx), DuesService(ctx)
    cash_bal = bank_bal = 0

    def rec(kind, cat, amount, day, *, place="cash"):
        nonlocal cash_bal, bank_bal
        sign = 1 if kind == "thu" else -1
        if place == "cash":
            cash.record(kind=kind, category=cat, doc_date=day, person_name="Nguyễn Văn An", reason=f"{cat}",
                        amount=amount)
            cash_bal += sign * amount
        else:
            book.record(account_id=bank, kind="credit" if kind == "thu" else "debit", entry_date=day, amount=amount,
                        content=cat, category=cat)
            bank_bal += sign * amount
        y.add(f"{kind}:{cat}", amount)

    # Dues by cash for January to June, each member (0.5 % of the salary, capped at 10 % of lương cơ sở).
    for mid, salary in zip(members, SALARIES):
        doc = dues.pay(mid, [f"{YEAR}-{m:02d}" for m in range(1, 7)], doc_date=date(YEAR, 6, 30))
        assert doc.amount == 6 * min(salary * 5 // 1000, 234_000)  # lương cơ sở 2.340.000 until 06/2026
        y.add("thu:doan_phi", doc.amount)
        cash_bal += doc.amount
    # A receipt voided: it counts nowhere.
    wrong = cash.record(kind="thu", category="thu_khac", doc_date=date(YEAR, 2, 1), person_name="Ai đó",
                        reason="Ghi nhầm", amount=777_000)
    cash.void(wrong.id, "Ghi nhầm")
    rec("thu", "kinh_phi", 18_000_000, date(YEAR, 4, 10), place="bank")
    rec("thu", "cap_tren", 2_000_000, date(YEAR, 5, 5))
    rec("thu", "thu_khac", 1_500_000, date(YEAR, 5, 6))
    book.record(account_id=bank, kind="interest", entry_date=date(YEAR, 6, 30), amount=12_345, content="Lãi")
    bank_bal += 12_345
    y.add("bank:interest", 12_345)
    # Cash and bank move between each other: neither income nor spending.
    book.transfer(account_id=bank, kind="withdrawal", entry_date=date(YEAR, 7, 1), amount=5_000_000,
                  person_name="Trương Thị Thu Hường")
    cash_bal, bank_bal = cash_bal + 5_000_000, bank_bal - 5_000_000
    book.transfer(account_id=bank, kind="deposit", entry_date=date(YEAR, 7, 2), amount=1_000_000,
                  person_name="Trương Thị Thu Hường")
    cash_bal, bank_bal = cash_bal - 1_000_000, bank_bal + 1_000_000
    rec("chi", "tham_hoi", 1_200_000, date(YEAR, 7, 10))
    rec("chi", "tham_hoi", 3_000_000, date(YEAR, 7, 11), place="bank")
    rec("chi", "hoat_dong", 2_500_000, date(YEAR, 8, 1))
    rec("chi", "khen_thuong", 900_000, date(YEAR, 8, 2))
    rec("chi", "hanh_chinh", 350_000, date(YEAR, 8, 3))
    rec("chi", "chi_khac", 150_000, date(YEAR, 8, 4))
    book.record(account_id=bank, kind="fee", entry_date=date(YEAR, 8, 5), amount=22_000, content="Phí SMS")
    bank_bal -= 22_000
    y.add("bank:fee", 22_000)
    _, voucher = RemittanceService(ctx).record(f"{YEAR}-01", f"{YEAR}-06", doc_date=date(YEAR, 7, 15))
    cash_bal -= voucher.amount
    y.add("chi:nop_cap_tren", voucher.amount)
    y.cash_closing, y.bank_closing = cash_bal, bank_bal
    return y
