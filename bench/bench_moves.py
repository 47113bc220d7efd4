"""Units moved by one decision (issue 15, item 7), on PostgreSQL: 52 grassroots units with
8,552 members and three months of dues (bench_national's rows, rollups built by the push's
code) move from a district union that is ended to a commune union, the decision dated in
the second month. Measures the move (one transaction: history, paths, the sub-tree
rollups of the months from the decision on), then checks the rollups against the
set-wise rebuild (which must find nothing to correct) and times that rebuild.

    .venv/bin/python bench/bench_moves.py [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime

from bench_national import MONTHS, PG, unit_rows
from common import machine  # first: puts the checkout on sys.path
from sqlalchemy import create_engine, event, text

from server.db import make_engine, make_sessions, migrate
from server.rollups import service as rollups
from server.rollups.setwise import rebuild_all
from server.sync.bulk import bulk_insert
from server.sync.models import Record, UnitSync
from server.units.models import Unit
from server.units.moves import move_units
from server.units.service import unit_by_code

UNITS, MEMBERS = 52, 8_552


def build(url: str, rnd: random.Random) -> None:
    engine = make_engine(url)
    migrate(engine)
    sessions = make_sessions(engine)
    units = [(1, "TLD", "Tổng Liên đoàn", None, "/1/"), (2, "T01", "Liên đoàn Lao động tỉnh", 1, "/1/2/"),
             (3, "H01", "Liên đoàn Lao động huyện (kết thúc hoạt động)", 2, "/1/2/3/"),
             (4, "X01", "Công đoàn xã mới", 2, "/1/2/4/")]
    sizes = [MEMBERS // UNITS + (1 if i < MEMBERS % UNITS else 0) for i in range(UNITS)]
    units += [(5 + i, f"CS{i:03d}", f"Công đoàn cơ sở {i + 1}", 3, f"/1/2/3/{5 + i}/") for i in range(UNITS)]
    with sessions() as s, s.begin():
        bulk_insert(s, Unit.__table__, [{"id": i, "code": c, "name": n, "parent_id": p, "path": path,
                                         "created_at": datetime(2026, 1, 1)} for i, c, n, p, path in units])
        s.execute(text("SELECT setval('unit_id_seq', :n)"), {"n": len(units)})
        bulk_insert(s, UnitSync.__table__, [{"unit_id": u[0], "last_seq": 0, "epoch": "", "epoch_seq": 0}
                                            for u in units])
        for (uid, *_), size in zip(units[4:], sizes):
            rows = unit_rows(uid, size, rnd)
            bulk_insert(s, Record.__table__, [
                {"unit_id": uid, "tbl": tbl, "row_id": row_id, "seq": k + 1, "data": data, "clock": {},
                 "deleted": False, "origin": None, "updated_at": datetime(2026, 4, 1)}
                for k, ((tbl, row_id), data) in enumerate(rows.items())])
            rollups.apply(s, uid, rollups.push_delta(s, uid, {}, rows))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _counter(engine) -> list[int]:
    """The number of SQL statements the engine runs from now on, in a one-item list."""
    count = [0]

    def one_more(*_args) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", one_more)
    return count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    name = "congdoan_bench_moves"
    admin = create_engine(PG + "postgres", isolation_level="AUTOCOMMIT")
    print(f"{machine()}, {datetime.now():%Y-%m-%d %H:%M}")
    moves, rebuilds = [], []
    try:
        for run in range(args.runs):
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                c.execute(text(f'CREATE DATABASE "{name}"'))
            build(PG + name, random.Random(15 + run))
            engine = make_engine(PG + name)
            sessions = make_sessions(engine)
            with sessions() as s:
                records, facts = s.execute(text("SELECT (SELECT count(*) FROM record), "
                                                "(SELECT count(*) FROM rollup)")).one()
            lines = [(f"CS{i:03d}", "X01") for i in range(UNITS)]
            statements = _counter(engine)
            t = time.perf_counter()
            with sessions() as s, s.begin():
                move_units(s, unit_by_code(s, "T01"), lines, "52/QĐ-LĐLĐ", date.fromisoformat(f"{MONTHS[1]}-01"),
                           "bench", today=date(2026, 12, 7))
            moves.append(time.perf_counter() - t)
            counted = statements[0]
            t = time.perf_counter()
            with sessions() as s, s.begin():
                fixed = rebuild_all(s)
            rebuilds.append(time.perf_counter() - t)
            assert fixed == {}, fixed
            with sessions() as s:
                old, new = (s.execute(text("SELECT r.month, r.value FROM rollup r JOIN unit u ON u.id = r.unit_id "
                                           "WHERE u.code = :c AND r.scope = 't' AND r.metric = 'collected' "
                                           "ORDER BY r.month"), {"c": c}).all() for c in ("H01", "X01"))
            engine.dispose()
            print(f"  run {run + 1}: {UNITS} units, {MEMBERS:,} members, {records:,} synced rows, {facts:,} rollup "
                  f"rows; move {moves[-1] * 1000:.0f} ms ({counted:,} SQL statements); set-wise rebuild after it {rebuilds[-1] * 1000:.0f} ms "
                  f"(nothing to correct); collected: district {dict(old)}, commune {dict(new)}")
        print(f"move of {UNITS} units in one decision: median {statistics.median(moves) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{m * 1000:.0f}' for m in moves)})")
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
