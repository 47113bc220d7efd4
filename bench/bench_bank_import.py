"""Bank statement import benchmark of issue 14: a statement of 10,000 lines read from its
.xlsx, matched against 100,000 members and previewed (target < 5 s).

The statement is made from the demo unit: 6,000 dues transfers carrying a payment
reference (each the exact amount the member owes for the month), 1,000 naming a member
by name and 500 by CCCD, 500 kinh phí from the upper level, 2,000 payments out and fees.
Each run is a fresh process (imports, open the database, read, match, preview).

    .venv/bin/python bench/bench_bank_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os

from common import OUT, demo_db, fresh_copy, machine, median, run_python

SETUP = """
import random
from datetime import date
from openpyxl import Workbook
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.reference import make_reference
from desktop.services.core.context import open_context
from desktop.services.dues import DuesService, month_index
ctx = open_context({db!r})
account = BankAccountService(ctx).add(AccountInput(
    kind="bank", bank_bin="970436", account_number="0011001234567", account_name="CONG DOAN CO SO",
    opening_date=date(2026, 1, 1), opening_balance=50_000_000)).id
with ctx.read() as s:
    conn = s.connection().connection.driver_connection
    unit_id = conn.execute("SELECT id FROM unit").fetchone()[0]
    members = conn.execute("SELECT id, full_name, id_number FROM member WHERE deleted_at IS NULL").fetchall()
rng = random.Random(14)
payers = rng.sample(members, 7_500)
month = month_index(date(2026, 11, 1))
with ctx.read() as s:
    owed = DuesService(ctx).owed_months(s, [m[0] for m in payers], month, month)
lines = []
day = date(2026, 11, 2)
by_ref = [m for m in payers if owed.get(m[0], {{}}).get(month, 0) > 0][:6_000]
for mid, name, _ in by_ref:
    ref = make_reference(unit_id, mid, date(2026, 11, 1), date(2026, 11, 1))
    lines.append((owed[mid][month], 0, f"MBVCB.{{rng.randrange(10**9)}}.{{ref}}.CT tu {{name}}"))
for mid, name, _ in payers[6_000:7_000]:
    lines.append((rng.choice([40_000, 50_000, 80_000]), 0, f"{{name}} nop doan phi"))
for mid, name, cccd in payers[7_000:7_500]:
    lines.append((rng.choice([40_000, 50_000, 80_000]), 0, f"CCCD {{cccd or ''}} chuyen tien"))
for i in range(500):
    lines.append((rng.randrange(1, 50) * 1_000_000, 0, f"LDLD QUAN 6 CHUYEN KINH PHI CONG DOAN {{i}}"))
for i in range(2_000):
    lines.append((0, rng.randrange(1, 200) * 1_000, rng.choice(["Thu phi SMS Banking", "CHI THAM HOI OM DAU",
                                                                "CHI HOAT DONG PHONG TRAO"]) + f" {{i}}"))
rng.shuffle(lines)
wb = Workbook(write_only=True)
ws = wb.create_sheet()
ws.append(["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"])
ws.append(["Số tài khoản/Account number: 0011001234567"])
ws.append(["Số dư đầu kỳ/ Opening balance :", None, 50_000_000])
ws.append(["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"])
for i, (credit, debit, text) in enumerate(lines):
    ws.append([date(2026, 11, 2 + i * 28 // len(lines)).strftime("%d/%m/%Y"), f"FT{{i:06d}}", debit or None,
               credit or None, text])
ws.append(["Số dư cuối kỳ/ Closing balance :", None, 50_000_000 + sum(c - d for c, d, _ in lines)])
wb.save({xlsx!r})
ctx.close()
print(account, len(lines), len(by_ref))
"""

PREVIEW = """
import json, time
t0 = time.perf_counter()
from desktop.services.bank.statement import read_statement
from desktop.services.bank.statement_import import StatementImportService
from desktop.services.core.context import open_context
ctx = open_context({db!r})
t1 = time.perf_counter()
statement = read_statement({xlsx!r})
t2 = time.perf_counter()
preview = StatementImportService(ctx).preview_statement({account!r}, statement)
t3 = time.perf_counter()
print(json.dumps({{"start": t1 - t0, "read": t2 - t1, "match": t3 - t2, "total": t3 - t0,
                  "lines": len(preview.lines), "counts": preview.counts(),
                  "automatic": len(preview.automatic()), "difference": preview.difference}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = fresh_copy(demo_db(100_000), "bank-import.sqlite3")
    xlsx = str(OUT / "statement-10000.xlsx")
    account, n, by_ref = run_python(SETUP.format(db=str(db), xlsx=xlsx)).stdout.split()
    print(f"{machine()}; load {os.getloadavg()[0]:.1f}")
    print(f"statement: {n} lines, {by_ref} by payment reference")
    runs = []
    for _ in range(args.runs):
        r = json.loads(run_python(PREVIEW.format(db=str(db), xlsx=xlsx, account=account)).stdout)
        runs.append(r)
        print(f"  total {r['total']:.2f} s (start {r['start']:.2f}, read {r['read']:.2f}, match and preview "
              f"{r['match']:.2f}); {r['counts']}, automatic {r['automatic']}, difference {r['difference']}")
    print(f"median total {median([r['total'] for r in runs]):.2f} s, read {median([r['read'] for r in runs]):.2f} s, "
          f"match and preview {median([r['match'] for r in runs]):.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
