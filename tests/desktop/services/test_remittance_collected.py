"""What the remittance counts as collected, and its part at the law's rate (issue 14: the
B07-TLĐ's higher-rate excess is the remittance's): read grouped by what a payment's due
depends on must give what each payment through its member's due of its month gives.

Two years (01/2024–12/2025: lương cơ sở changes in 07/2024, the law's rate halves in
07/2025) of a group 3 unit with its own higher rate, paid in cash and by bank transfer at
random, then changed afterwards as a unit does: rounding and rate, new salaries, an
exemption, a member leaving, months paid on paper found later, receipts voided. So
payments above, below and without a due, members of the common shape and the others."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from desktop.models import BankEntry, BankEntryVoid, CashDoc, CashDocVoid, DuesPayment, Member
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.statement import Statement, StatementLine
from desktop.services.bank.statement_import import DUES, Choice, StatementImportService
from desktop.services.cash.service import CashService
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberService
from desktop.services.units.service import UnitService
from tests.desktop.services.dues_helpers import add_member, setup_unit

NAMES = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam", "Oanh", "Phúc", "Quang",
         "Sơn", "Tâm", "Vinh")
FIRST, LAST = month_index(date(2024, 1, 1)), month_index(date(2025, 12, 1))


def per_payment(ctx, a: int, b: int) -> tuple[dict[int, int], dict[int, int], dict[str, int]]:
    """Collected and at the law's rate by month of receipt, each live payment dated in
    months a..b through DuesService.due of its member and month; and how many payments
    were of each kind, so that the test knows what it covered."""
    dues = DuesService(ctx)
    with ctx.read() as s:
        rows = [*s.execute(
            select(CashDoc.doc_date, DuesPayment.member_id, DuesPayment.month, DuesPayment.amount)
            .join(CashDoc, CashDoc.id == DuesPayment.doc_id)
            .where(CashDoc.id.not_in(select(CashDocVoid.doc_id)),
                   CashDoc.doc_date.between(month_start(a), month_start(b + 1)))), *s.execute(
            select(BankEntry.entry_date, DuesPayment.member_id, DuesPayment.month, DuesPayment.amount)
            .join(BankEntry, BankEntry.id == DuesPayment.bank_entry_id)
            .where(BankEntry.id.not_in(select(BankEntryVoid.entry_id)),
                   BankEntry.entry_date.between(month_start(a), month_start(b + 1))))]
    collected: dict[int, int] = {}
    standard: dict[int, int] = {}
    kinds = {"above": 0, "within": 0, "nothing due": 0}
    due = {}
    for when, mid, month, amount in rows:
        m = month_index(when)
        if m > b:
            continue
        d = due.get((mid, month)) or due.setdefault((mid, month), dues.due(mid, month))
        part = min(amount, d.standard) if d.total else amount
        kinds["nothing due" if not d.total else "above" if amount > d.standard else "within"] += 1
        collected[m] = collected.get(m, 0) + amount
        standard[m] = standard.get(m, 0) + part
    return collected, standard, kinds


def grouped(ctx, a: int, b: int) -> tuple[dict[int, int], dict[int, int]]:
    months = [m for p in RemittanceService(ctx).plans(a, b) for m in p.months]
    return ({m.month: m.collected for m in months if m.collected},
            {m.month: m.standard for m in months if m.collected})


def random_day(rng: random.Random, m: int) -> date:
    """A day of month m, or of the month before or after (paid late or ahead)."""
    return month_start(m + rng.choice((-1, 0, 0, 1))).replace(day=rng.randint(1, 28))


def test_grouped_collection_equals_each_payment_through_its_members_due(ctx):
    setup_unit(ctx, group=3, higher_rate_bp=150, rounding=1000, dues_from=date(2024, 1, 1))
    rng = random.Random(14)
    dues, cash, members = DuesService(ctx), CashService(ctx), MemberService(ctx)
    ids = []
    for given in NAMES:
        basis = rng.choice(("bhxh", "bhxh", "take_home", "fixed"))
        salary = (rng.choice((20_000, 35_500)) if basis == "fixed" else
                  rng.choice((4_680_000, 5_000_000, 8_123_456, 8_123_456, 30_000_000, 55_555_555)))
        joined = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2019, 2024, 2025))}"
        ids.append(add_member(ctx, name=f"Nguyễn Văn {given}", gender="Nam", salary=salary, basis=basis,
                              joined=joined))
    receipts = []
    paid: dict[str, set[int]] = {mid: set() for mid in ids}
    for mid in ids:
        owed = [m for m in range(FIRST, LAST + 1) if dues.due(mid, month_start(m)).total and rng.random() < 0.6]
        i = 0
        while i < len(owed):  # one to three months on each receipt
            run = owed[i:i + rng.randint(1, 3)]
            i += len(run)
            receipts.append(dues.pay(mid, [month_start(m) for m in run], doc_date=random_day(rng, run[0])))
            paid[mid].update(run)
    # Two members pay by bank transfer, found on the statement.
    acct = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071009876543", account_name="CONG DOAN CO SO",
        opening_date=date(2023, 12, 1), opening_balance=0)).id
    importer = StatementImportService(ctx)
    lines, choices = [], {}
    for row, mid in enumerate((ids[0], ids[5]), start=2):
        months = [m for m in range(month_index(date(2025, 9, 1)), LAST + 1)
                  if dues.due(mid, month_start(m)).total and m not in paid[mid]]
        if not months:
            continue
        amount = sum(dues.due(mid, month_start(m)).total for m in months)
        lines.append(StatementLine(row=row, date=date(2025, 11, 3 + row), credit=amount, debit=0,
                                   description=f"CK DOAN PHI {row}", reference=f"FT{row}", fingerprint=f"fp-{row}"))
        choices[row] = Choice(DUES, mid, tuple(months))
    assert choices, "the data has a payment by transfer"
    preview = importer.preview_statement(acct, Statement("sao-ke.xlsx", "Sheet1", {}, None, None, None,
                                                         tuple(lines), ()))
    importer.confirm(preview, choices)
    # Afterwards, as a unit's records change: each makes some payments differ from the due.
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), rounding=1, higher_rate_percent="2"))
    dues.set_basis(ids[1], "2024-09", "bhxh", 6_000_000)
    dues.set_basis(ids[2], "2025-02", "take_home", 12_345_678)
    dues.add_exemption(ids[3], "2024-05", "2025-01", "maternity")
    members.add_event(ids[4], "left", date(2025, 4, 10), reason="Nghỉ việc")
    with ctx.write() as s:  # months paid on paper, found later (as an import of them writes)
        s.get(Member, ids[6]).dues_paid_through = date(2024, 10, 1)
    for doc in rng.sample(receipts, 4):
        cash.void(doc.id, "Thu nhầm")

    collected, standard, kinds = per_payment(ctx, FIRST, LAST)
    # What the data covers: else the comparison would prove little.
    assert min(kinds.values()) >= 3, kinds
    assert sum(collected.values()) > sum(standard.values())  # an excess
    assert grouped(ctx, FIRST, LAST) == (collected, standard)
    a, b = month_index(date(2024, 6, 1)), month_index(date(2025, 8, 1))  # a period inside
    assert grouped(ctx, a, b) == per_payment(ctx, a, b)[:2]
