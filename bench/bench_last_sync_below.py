"""The latest sync of each unit's sub-tree, for the units table of /admin/ (issue 15: a
commune union's line shows the latest sync of any PC below it), at the national size on
PostgreSQL: 1 root, 34 provinces, 3,300 commune unions, 130,000 grassroots units and two
PCs each (one synced within 60 days, one never or long ago). Units and devices are made
directly by SQL (this measures the read, not the building); the read is the web app's own
`last_syncs_below` (with each row's grassroots units not synced in 30 days: about half here). Times it for the root, every province, and --samples random commune
unions (a grassroots unit has none below it: the page does not ask); prints medians and p95 by level.

    .venv/bin/python bench/bench_last_sync_below.py [--samples 100]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from common import machine, scratch_database  # first: puts the checkout on sys.path
from sqlalchemy import select, text

from server.db import make_sessions
from server.reports.service import last_syncs_below
from server.units.models import Unit

PROVINCES, COMMUNES, UNITS = 34, 3_300, 130_000


def build(s) -> None:
    s.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) "
                   "VALUES (1, 'TLD', 'Tổng Liên đoàn', NULL, '/1/', now())"))
    s.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) "
                   "SELECT 1 + i, 'T' || i, 'Tỉnh ' || i, 1, '/1/' || (1 + i) || '/', now() "
                   "FROM generate_series(1, :p) AS i"), {"p": PROVINCES})
    base = 1 + PROVINCES
    s.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) "
                   "SELECT :b + i, 'X' || i, 'Xã ' || i, 2 + i % :p, '/1/' || (2 + i % :p) || '/' || (:b + i) || '/', "
                   "now() FROM generate_series(1, :c) AS i"), {"b": base, "p": PROVINCES, "c": COMMUNES})
    top = base + COMMUNES
    s.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) "
                   "SELECT :t + i, 'C' || i, 'CĐCS ' || i, :b + 1 + i % :c, "
                   "'/1/' || (2 + (1 + i % :c) % :p) || '/' || (:b + 1 + i % :c) || '/' || (:t + i) || '/', now() "
                   "FROM generate_series(1, :u) AS i"), {"t": top, "b": base, "c": COMMUNES, "p": PROVINCES, "u": UNITS})
    s.execute(text("INSERT INTO device (id, unit_id, number, name, local_device_id, token_hash, created_at, last_sync_at) "
                   "SELECT gen_random_uuid()::text, u.id, n, 'may ' || n, gen_random_uuid()::text, md5(u.id || '-' || n), "
                   "now(), CASE WHEN n = 1 THEN now() - random() * interval '60 days' "
                   "WHEN random() < 0.5 THEN now() - interval '400 days' END "
                   "FROM unit u, generate_series(1, 2) AS n WHERE u.id > :t"), {"t": top})
    s.execute(text("ANALYZE unit"))
    s.execute(text("ANALYZE device"))


def timed(s, node: Unit) -> float:
    t0 = time.perf_counter()
    last_syncs_below(s, node)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100)
    args = ap.parse_args()
    rnd = random.Random(15)
    with scratch_database("congdoan_bench_sync_below") as engine:
        sessions = make_sessions(engine)
        t0 = time.perf_counter()
        with sessions() as s, s.begin():
            build(s)
        built = time.perf_counter() - t0
        with sessions() as s:
            units = {u.id: u for u in s.scalars(select(Unit))}
            s.expunge_all()
            levels = {"root": [units[1]], "province": [units[i] for i in range(2, 2 + PROVINCES)],
                      "commune": rnd.sample([u for u in units.values() if u.path.count("/") == 4], args.samples)}
            for node in levels["province"][:3]:  # warm the cache as a running server has it
                timed(s, node)
            print(machine())
            print(f"{len(units):,} units, {2 * UNITS:,} PCs, built by SQL in {built:.1f} s")
            silent = sum(f.silent for f in last_syncs_below(s, units[1]).values())
            print(f"units with PCs none of which synced in 30 days: {silent:,} of {UNITS:,}")
            for level, nodes in levels.items():
                times = sorted(timed(s, node) for node in nodes for _ in range(3 if level == "root" else 1))
                print(f"{level:>10}: {len(times)} reads, median {statistics.median(times) * 1000:.1f} ms, "
                      f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
