"""Reports and dashboard benchmarks (issue 6), over 100,000 members with two years of dues:
(a) open the home page (dashboard): a new page to all its figures and charts filled, in an
    event loop as the app runs (target: under 1 s);
(b) yearly member statistics over 100,000 members (target: under 5 s);
(c) the yearly dues report over 100,000 members (target: under 5 s);
(d) for the record (no target in the issue): the yearly remittance report and the yearly
    activities and support payments report, each built and saved as PDF and as Excel;
(e) the settlement B07-TLĐ of a 100,000-member unit's year (issue 14, target: under 3 s):
    `--settlement` measures it alone, on its own database (the demo's year of use, 2025, made
    with `congdoan demo`'s generator, plus a bank account with a year of advices), made once.

The database is the activities benchmark's (100,000 members, 10 years of activities) plus
24 months of dues, 12/2024 to 11/2026, paid with DuesService.pay_many per group per
month (one receipt per group and month); about 5% of the members stop paying at some
point (2% never pay) so that arrears of 6, 9 and 12 months or more exist. Made once, in
bench/out/. Median of RUNS runs.

    .venv/bin/python bench/bench_reports.py [--runs N]
    .venv/bin/python bench/bench_reports.py --settlement [--runs N] [--db FILE --year YYYY] [--higher-rate 1]

--higher-rate PERCENT sets the unit's own higher dues rate (QĐ 61/QĐ-TLĐ, group 2 or 3) on
the copy that is measured: its settlement then also computes the year's higher-rate excess
as the remittance statements do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from common import OUT, machine, median  # first: puts the checkout on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST = date(2024, 12, 1)
MONTHS = 24  # 12/2024 .. 11/2026


def month_text(i: int) -> str:
    y, m = divmod(FIRST.year * 12 + FIRST.month - 1 + i, 12)
    return f"{y}-{m + 1:02d}"


def unpaid_from(n: int) -> int:
    """The first unpaid month (0..MONTHS) of the member at position n: most pay all along."""
    r = n % 100
    if r < 2:
        return 0  # never paid
    if r == 2:
        return MONTHS - 7   # 7 months behind
    if r == 3:
        return MONTHS - 10  # 10 months behind
    if r == 4:
        return MONTHS - 15  # 15 months behind
    return MONTHS


def build() -> Path:
    """The activities benchmark's database plus two years of dues, made once."""
    path = OUT / "reports-100000-2y.sqlite3"
    if path.exists():
        return path
    from bench_activities import build as activities_db

    from desktop.services.core.context import open_context
    from desktop.services.dues.service import DuesService
    from desktop.services.units.service import UnitService
    src = activities_db(100_000)
    tmp = path.with_suffix(".tmp")
    for p in OUT.glob(tmp.name + "*"):
        p.unlink()
    shutil.copyfile(src, tmp)
    t = time.perf_counter()
    ctx = open_context(tmp)
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), dues_group=3, dues_from=FIRST))
    with ctx.db.engine.connect() as c:
        c.exec_driver_sql("UPDATE sync_state SET applying = 1")  # no outbox rows: as for pulled changes
        c.commit()
        by_group: dict[str, list[str]] = {}
        for mid, gid in c.exec_driver_sql("SELECT id, group_id FROM member WHERE status = 'active' ORDER BY id"):
            by_group.setdefault(gid, []).append(mid)
    dues = DuesService(ctx)
    names = {g.id: g.name for g in UnitService(ctx).groups()}
    for i in range(MONTHS):
        month = month_text(i)
        y, m = map(int, month.split("-"))
        for gid, ids in by_group.items():
            payers = [mid for n, mid in enumerate(ids) if unpaid_from(n) > i]
            if payers:
                dues.pay_many({mid: [month] for mid in payers}, one_receipt=True,
                              payer_name=f"Tổ trưởng {names.get(gid, '')}", doc_date=min(date.today(), date(y, m, 25)),
                              skip_settled=True)
        print(f"  {month} paid ({time.perf_counter() - t:.0f} s)", flush=True)
    with ctx.db.engine.connect() as c:
        c.exec_driver_sql("UPDATE sync_state SET applying = 0")
        c.exec_driver_sql("DELETE FROM sync_outbox")
        c.commit()
        c.exec_driver_sql("ANALYZE")
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    tmp.rename(path)
    for p in OUT.glob(tmp.name + "-*"):
        p.unlink()
    print(f"two years of dues written in {time.perf_counter() - t:.0f} s")
    return path


SETTLEMENT_YEAR = 2025


def build_settlement() -> Path:
    """100,000 members and their 2025 as `congdoan demo` makes a year of use (moves, dues by
    group receipts, kinh phí, support, activities), plus a bank account with kinh phí
    credits, support debits, transfers, fees and interest through the bank book."""
    path = OUT / f"settlement-100000-{SETTLEMENT_YEAR}.sqlite3"
    if path.exists():
        return path
    from desktop.services.bank.accounts import AccountInput, BankAccountService
    from desktop.services.bank.book import BankBookService
    from desktop.services.core.context import open_context
    from desktop.services.demo.service import make_demo
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    for p in OUT.glob(tmp.name + "*"):
        p.unlink()
    t = time.perf_counter()
    ctx = open_context(tmp)
    make_demo(ctx, 100_000, today=date(SETTLEMENT_YEAR, 12, 31), year_of_use=True)
    print(f"demo year of use: {time.perf_counter() - t:.0f} s", flush=True)
    acct = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CONG DOAN CO SO",
        opening_date=date(SETTLEMENT_YEAR - 1, 12, 1), opening_balance=50_000_000)).id
    bank = BankBookService(ctx)
    for m in range(1, 13):
        day = date(SETTLEMENT_YEAR, m, 15)
        bank.record(account_id=acct, kind="credit", entry_date=day, amount=180_000_000 + m * 1_000, category="kinh_phi",
                    content=f"Kinh phí công đoàn tháng {m:02d} cấp trên cấp")
        bank.record(account_id=acct, kind="debit", entry_date=day, amount=40_000_000, category="tham_hoi",
                    content=f"Chi thăm hỏi tháng {m:02d}")
        bank.record(account_id=acct, kind="fee", entry_date=day, amount=22_000, content="Phí chuyển khoản")
        bank.record(account_id=acct, kind="interest", entry_date=date(SETTLEMENT_YEAR, m, 28), amount=150_000 + m,
                    content="Lãi tiền gửi")
        # The demo's cash book opens on 01/12 (its opening balance): cash from the bank after it.
        bank.transfer(account_id=acct, kind="withdrawal", entry_date=date(SETTLEMENT_YEAR, 12, 1 + m),
                      amount=10_000_000, person_name="Thủ quỹ")
    with ctx.db.engine.connect() as c:
        c.exec_driver_sql("DELETE FROM sync_outbox")
        c.commit()
        c.exec_driver_sql("ANALYZE")
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    tmp.rename(path)
    for p in OUT.glob(tmp.name + "-*"):
        p.unlink()
    print(f"settlement database made in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def set_higher_rate(path: Path, percent: str) -> None:
    """The unit's own higher dues rate, through the settings service as a person sets it."""
    from desktop.services.core.context import open_context
    from desktop.services.units.service import UnitService
    ctx = open_context(path)
    units = UnitService(ctx)
    settings = units.dues_settings()
    units.save_dues_settings(replace(settings, higher_rate_percent=percent))
    ctx.close()
    print(f"unit's own higher rate set: {percent}% (group {settings.dues_group})")


def bench_settlement(path: Path, runs: int, year: int) -> list[float]:
    """The B07-TLĐ of the year: every line and part A from the ledger, each run on a new
    connection (nothing cached); then saved once as PDF and as Excel."""
    from desktop.services.core.context import open_context
    from desktop.services.documents.service import Documents
    from desktop.services.reports.b07 import settlement_b07
    from desktop.services.reports.b07_output import write_b07
    times = []
    for _ in range(runs):
        ctx = open_context(path)
        t = time.perf_counter()
        st = settlement_b07(ctx, year)
        times.append(time.perf_counter() - t)
        ctx.close()
    ctx = open_context(path)
    saved = {}
    for suffix in (".pdf", ".xlsx"):
        t = time.perf_counter()
        write_b07(Documents(ctx).header(), st, OUT / f"b07-{year}{suffix}")
        saved[suffix] = time.perf_counter() - t
    ctx.close()
    a = {p.key: p.value for p in st.part_a}
    excess = sum(f.amount for f in st.lines if f.line.kind == "dues_excess")
    print(f"B07-TLĐ {year}: median {median(times):.2f} s, max {max(times):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in times)}); saved as PDF in {saved['.pdf']:.2f} s, as Excel in "
          f"{saved['.xlsx']:.2f} s; members at 31/12 {a['members']}, dues payroll {a['dues_payroll']:,}, "
          f"dues {st.amount('21'):,} (higher-rate excess {excess:,}), closing {st.amount(st.form.closing_line):,} "
          f"(cash {st.closing_cash:,}, bank {st.closing_bank:,}); warnings {len(st.warnings)}")
    return times


def bench_home(path: Path, runs: int) -> list[float]:
    """A new home page to all its figures and charts filled and painted, in an event loop."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.services.core.context import open_context
    from desktop.views.app_state import AppState
    from desktop.views.home_page import HomePage

    app = QApplication.instance() or QApplication([])
    state = AppState(open_context(path))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        page = HomePage(state)
        page.resize(1400, 860)
        loop = QEventLoop()
        page.loaded.connect(loop.quit)
        QTimer.singleShot(60000, loop.quit)
        page.show()
        loop.exec()
        app.processEvents()  # painted
        times.append(time.perf_counter() - t)
        d = page.data
        page.close()
        page.deleteLater()
        app.processEvents()
    print(f"open the home page: median {median(times):.2f} s, max {max(times):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in times)}); {d.members} members, dues {d.month_collected}/"
          f"{d.month_due}, behind 6/9/12: {d.behind_at_least(6)}/{d.behind_at_least(9)}/{d.behind_at_least(12)}")
    state.runner.shutdown()
    return times


def bench_reports(path: Path, runs: int, year: int) -> None:
    from desktop.services.core.context import open_context
    from desktop.services.dues.calc import month_index
    from desktop.services.reports import service as reports
    ctx = open_context(path)
    for name, fn in (("yearly member statistics", lambda: reports.member_stats(ctx, date(year, 1, 1),
                                                                             date(year, 12, 31))),
                     ("yearly dues report", lambda: reports.dues_report(ctx, month_index(date(year, 1, 1)),
                                                                      month_index(date(year, 12, 1))))):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"{name}: median {median(times):.2f} s, max {max(times):.2f} s "
              f"(runs: {', '.join(f'{x:.2f}' for x in times)})")
    first, last = date(year, 1, 1), date(year, 12, 31)
    for kind in ("remittance", "activities"):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            r = reports.build(ctx, kind, first, last)
            times.append(time.perf_counter() - t)
        saved = {}
        for suffix in (".pdf", ".xlsx"):  # once each
            t = time.perf_counter()
            reports.save(ctx, r, OUT / f"report-{kind}{suffix}")
            saved[suffix] = time.perf_counter() - t
        rows = ", ".join(f"{len(t.rows)}" for t in r.tables)
        print(f"yearly {kind} report: median {median(times):.2f} s (runs: {', '.join(f'{x:.2f}' for x in times)}); "
              f"saved as PDF in {saved['.pdf']:.2f} s, as Excel in {saved['.xlsx']:.2f} s; table rows {rows}")
    ctx.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", help="use this database (a copy is measured) instead of the two-year one")
    ap.add_argument("--settlement", action="store_true",
                    help="only the B07-TLĐ, on its own database (or --db) for --year")
    ap.add_argument("--year", type=int, default=SETTLEMENT_YEAR)
    ap.add_argument("--higher-rate", metavar="PERCENT",
                    help="with --settlement: set the unit's own higher dues rate (e.g. 1) on the measured copy")
    args = ap.parse_args()
    if args.settlement:
        src = Path(args.db) if args.db else build_settlement()
        work = OUT / "settlement-run.sqlite3"
        for p in OUT.glob(work.name + "*"):
            p.unlink()
        with sqlite3.connect(src) as a, sqlite3.connect(work) as b:
            a.backup(b)
        if args.higher_rate:
            set_higher_rate(work, args.higher_rate)
        print(machine())
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        bench_settlement(work, args.runs, args.year)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        return
    src = Path(args.db) if args.db else build()
    work = OUT / "reports-run.sqlite3"
    for p in OUT.glob(work.name + "*"):
        p.unlink()
    with sqlite3.connect(src) as a, sqlite3.connect(work) as b:
        a.backup(b)
    print(machine())
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    bench_home(work, args.runs)
    bench_reports(work, args.runs, date.today().year)
    bench_settlement(work, args.runs, date.today().year)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if os.environ.get("BENCH_BUILD_ONLY"):
        build()
    else:
        main()
