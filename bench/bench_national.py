"""The upper levels at the national size (issue 15), on PostgreSQL:

1 root, 34 provinces, 4 national sector unions, ~3,300 commune-level unions, 130,000
grassroots units, 10,000,000 members, three months of dues (a payment per member and
month, one receipt per unit and month, a remittance), at --scale 1. The synced rows are
written directly (COPY), but each grassroots unit's rollups are built by the code a push
runs: rollups.push_delta over its rows as if they had just arrived, then rollups.apply.
Then, for 100 random nodes (the root, provinces, communes, grassroots units), p50 and p95
of: the figures (the node's own, each unit directly below it with its sub-tree, the
total; what the figures API reads), the /admin/ page of the node as the root's
administrator sees it (figures, cards and charts, the units table, the tree open down to
the node), the tree's children of the node (GET /admin/tree) and the node's unit page
(/admin/units/{code}); in process, without HTTP. Also the build time and the size.
Each grassroots unit has two PCs (made by SQL before measuring, when there are none).

    .venv/bin/python bench/bench_national.py [--scale 0.01] [--samples 100] [--keep | --reuse]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from datetime import datetime

from common import machine  # first: puts the checkout on sys.path
from sqlalchemy import create_engine, select, text

from server.base import utcnow
from server.db import make_engine, make_sessions, migrate
from server.reports.service import figures
from server.rollups import service as rollups
from server.sync.bulk import bulk_insert
from server.sync.models import Record, UnitSync
from server.units.models import Unit
from server.web import cards, tree, unit_page, units_table

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"
MONTHS = ["2026-01", "2026-02", "2026-03"]
ETHNIC = ["Kinh"] * 17 + ["Tày", "Thái", "Mường"]


def hierarchy(scale: float) -> list[tuple[int, str, str, int | None, str]]:
    """(id, code, name, parent id, path) from the root down."""
    units = [(1, "TLD", "Tổng Liên đoàn Lao động Việt Nam", None, "/1/")]
    upper = []
    for i in range(34):
        units.append((len(units) + 1, f"T{i:02d}", f"Liên đoàn Lao động tỉnh {i + 1}", 1, f"/1/{len(units) + 1}/"))
        upper.append(units[-1])
    for i in range(4):
        units.append((len(units) + 1, f"N{i}", f"Công đoàn ngành trung ương {i + 1}", 1, f"/1/{len(units) + 1}/"))
        upper.append(units[-1])
    communes = []
    for i in range(max(len(upper), round(3300 * scale))):
        parent = upper[i % len(upper)]
        uid = len(units) + 1
        units.append((uid, f"X{i:05d}", f"Công đoàn xã/khu công nghiệp {i + 1}", parent[0], f"{parent[4]}{uid}/"))
        communes.append(units[-1])
    for i in range(max(len(communes), round(130_000 * scale))):
        parent = communes[i % len(communes)]
        uid = len(units) + 1
        units.append((uid, f"CS{i:06d}", f"Công đoàn cơ sở {i + 1}", parent[0], f"{parent[4]}{uid}/"))
    return units


def unit_rows(unit_id: int, members: int, rnd: random.Random) -> dict[tuple[str, str], dict]:
    """A grassroots unit's synced rows, as the PCs send them."""
    rows: dict[tuple[str, str], dict] = {}
    now = "2026-04-01 08:00:00"
    member_ids = []
    for _ in range(members):
        mid = str(uuid.uuid4())
        member_ids.append(mid)
        status = rnd.choices(["active", "suspended", "left", "transferred_out"], [90, 3, 5, 2])[0]
        rows[("member", mid)] = {"id": mid, "full_name": "Nguyễn Văn A", "gender": rnd.choice(["Nam", "Nữ"]),
                                 "birth_date": f"{rnd.randint(1966, 2006)}-0{rnd.randint(1, 9)}-15",
                                 "ethnicity": rnd.choice(ETHNIC), "status": status, "group_id": None,
                                 "created_at": now, "updated_at": now, "deleted_at": None}
    for month in MONTHS:
        salary = 6_000_000
        doc = str(uuid.uuid4())
        paid = [m for m in member_ids if rnd.random() < 0.85]
        rows[("cash_doc", doc)] = {"id": doc, "kind": "thu", "category": "doan_phi", "doc_date": f"{month}-20",
                                   "amount": len(paid) * salary // 100, "deleted_at": None}
        for m in paid:
            pid = str(uuid.uuid4())
            rows[("dues_payment", pid)] = {"id": pid, "doc_id": doc, "member_id": m, "month": f"{month}-01",
                                           "amount": salary // 100, "deleted_at": None}
        dm = str(uuid.uuid4())
        rows[("dues_month", dm)] = {"id": dm, "month": f"{month}-01", "due": members * salary // 100,
                                    "deleted_at": None}
        if rnd.random() < 0.8:
            voucher, rid = str(uuid.uuid4()), str(uuid.uuid4())
            rows[("remittance", rid)] = {"id": rid, "period_from": f"{month}-01", "period_to": f"{month}-28",
                                         "amount": len(paid) * salary // 100 * 30 // 100, "voucher_id": voucher,
                                         "deleted_at": None}
    return rows


def build(url: str, scale: float, rnd: random.Random) -> dict:
    engine = make_engine(url)
    migrate(engine)
    sessions = make_sessions(engine)
    units = hierarchy(scale)
    grassroots = [u for u in units if u[1].startswith("CS")]
    total_members = round(10_000_000 * scale)
    started = time.perf_counter()
    with sessions() as s, s.begin():
        bulk_insert(s, Unit.__table__, [{"id": i, "code": c, "name": n, "parent_id": p, "path": path,
                                         "created_at": datetime(2026, 1, 1)} for i, c, n, p, path in units])
        s.execute(text("SELECT setval('unit_id_seq', :n)"), {"n": len(units)})
    by_id = {}
    rows_written = 0
    rollup_seconds = 0.0
    batch: list[dict] = []
    counters: list[dict] = []
    for k, (uid, _code, _name, _parent, _path) in enumerate(grassroots):
        # Unit sizes vary (a school of 30, a factory of 3,000); they sum to the members wanted.
        members = max(1, round(rnd.lognormvariate(0, 1) * total_members / len(grassroots) / 1.65))
        rows = unit_rows(uid, members, rnd)
        seq = 0
        for (tbl, row_id), data in rows.items():
            seq += 1
            batch.append({"unit_id": uid, "tbl": tbl, "row_id": row_id, "seq": seq, "data": data, "clock": {},
                          "deleted": False, "origin": None, "updated_at": datetime(2026, 4, 1)})
        counters.append({"unit_id": uid, "last_seq": seq, "epoch": "", "epoch_seq": 0})
        rows_written += seq
        by_id[uid] = rows
        if len(batch) > 200_000 or k == len(grassroots) - 1:
            with sessions() as s, s.begin():
                bulk_insert(s, Record.__table__, batch)
            t = time.perf_counter()
            for unit_id, unit_rows_ in by_id.items():
                # What a push of all these rows adds, by the push's own code, each unit in a
                # transaction of its own as its push would be (one transaction for thousands
                # of units updates the root's rows thousands of times in it: PostgreSQL
                # cannot prune those versions until it ends, and each update walks them).
                with sessions() as s, s.begin():
                    rollups.apply(s, unit_id, rollups.push_delta(s, unit_id, {}, unit_rows_))
            rollup_seconds += time.perf_counter() - t
            batch, by_id = [], {}
            print(f"  {k + 1}/{len(grassroots)} units, {rows_written:,} rows, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    with sessions() as s, s.begin():
        bulk_insert(s, UnitSync.__table__, counters
                    + [{"unit_id": u[0], "last_seq": 0, "epoch": "", "epoch_seq": 0} for u in units
                       if not u[1].startswith("CS")])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
        size = c.execute(text("SELECT pg_database_size(current_database()), pg_total_relation_size('record'), "
                              "pg_total_relation_size('rollup'), (SELECT count(*) FROM rollup)")).one()
    engine.dispose()
    return {"units": len(units), "grassroots": len(grassroots), "rows": rows_written,
            "build_s": time.perf_counter() - started, "rollup_s": rollup_seconds,
            "db_mb": size[0] / 2**20, "record_mb": size[1] / 2**20, "rollup_mb": size[2] / 2**20,
            "rollup_rows": size[3]}


def add_pcs(url: str) -> int:
    """Two PCs for each grassroots unit (one synced within 60 days, one never or long
    ago), as bench_last_sync_below.py makes them, when the database has none: the page and
    the unit page read every PC of the node's sub-tree (the latest sync below, the units
    whose PCs are silent). Made by SQL; returns how many PCs there are."""
    engine = make_engine(url)
    with make_sessions(engine)() as s, s.begin():
        if not s.scalar(text("SELECT count(*) FROM device")):
            s.execute(text(
                "INSERT INTO device (id, unit_id, number, name, local_device_id, token_hash, created_at, last_sync_at) "
                "SELECT gen_random_uuid()::text, u.id, n, 'may ' || n, gen_random_uuid()::text, md5(u.id || '-' || n), "
                "now(), CASE WHEN n = 1 THEN now() - random() * interval '60 days' "
                "WHEN random() < 0.5 THEN now() - interval '400 days' END "
                "FROM unit u, generate_series(1, 2) AS n WHERE u.code LIKE 'CS%'"))
            s.execute(text("ANALYZE device"))
        count = s.scalar(text("SELECT count(*) FROM device"))
    engine.dispose()
    return count


READS = ("figures", "page", "tree", "unit page")


def measure(url: str, samples: int, rnd: random.Random) -> dict[str, dict[str, list[float]]]:
    """{read: {level: seconds of each sampled node}}."""
    engine = make_engine(url)
    sessions = make_sessions(engine)
    with sessions() as s:
        root = s.scalars(select(Unit).where(Unit.parent_id.is_(None))).one()
        levels = {
            "gốc": [s.scalar(select(Unit).where(Unit.parent_id.is_(None)))],
            "tỉnh/ngành": list(s.scalars(select(Unit).where(Unit.path.op("~")(r"^/1/\d+/$")))),
            "xã": list(s.scalars(select(Unit).where(Unit.code.startswith("X")))),
            "cơ sở": list(s.scalars(select(Unit).where(Unit.code.startswith("CS")).limit(20_000))),
        }
        times: dict[str, dict[str, list[float]]] = {r: {k: [] for k in levels} for r in READS}
        names = list(levels)
        for i in range(samples):
            level = names[i % len(names)]
            node = rnd.choice(levels[level])
            s.expire_all()
            t = time.perf_counter()
            rows, _total = figures(s, node)
            times["figures"][level].append(time.perf_counter() - t)
            assert rows[0].code == node.code
            s.expire_all()
            t = time.perf_counter()
            rows, total = figures(s, node, syncs=True)  # as /admin/ reads it: with the syncs below
            html = (cards.render(total, rows[1:], utcnow()) + units_table.render(node.code, rows[1:], {})
                    + tree.render(s, root, node))
            times["page"][level].append(time.perf_counter() - t)
            assert node.name in html
            s.expire_all()
            t = time.perf_counter()
            tree.as_json(tree.children(s, [node.id])[node.id])
            times["tree"][level].append(time.perf_counter() - t)
            s.expire_all()
            t = time.perf_counter()
            unit_page.render(s, root, node)
            times["unit page"][level].append(time.perf_counter() - t)
    engine.dispose()
    return times


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="1 = the national size; 0.01 = a hundredth")
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--keep", action="store_true", help="keep the database (congdoan_bench_national_<scale>)")
    ap.add_argument("--reuse", action="store_true", help="measure on the database a --keep run left")
    args = ap.parse_args()
    rnd = random.Random(15)
    name = f"congdoan_bench_national_{str(args.scale).replace('.', '_')}"
    admin = create_engine(PG + "postgres", isolation_level="AUTOCOMMIT")
    if not args.reuse:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        print(f"{machine()}, scale {args.scale}, {datetime.now():%Y-%m-%d %H:%M}")
        if not args.reuse:
            built = build(PG + name, args.scale, rnd)
            print(f"built: {built['units']:,} units ({built['grassroots']:,} grassroots), {built['rows']:,} synced "
                  f"rows in {built['build_s']:.0f} s (rollups by the push's code: {built['rollup_s']:.0f} s); "
                  f"database {built['db_mb']:,.0f} MB (record {built['record_mb']:,.0f} MB, rollup "
                  f"{built['rollup_mb']:,.0f} MB, {built['rollup_rows']:,} rollup rows)")
        print(f"PCs: {add_pcs(PG + name):,}")
        for read, by_level in measure(PG + name, args.samples, rnd).items():
            everything = [t for v in by_level.values() for t in v]
            levels = ", ".join(f"{level} {statistics.median(v) * 1000:.0f}/{p95(v) * 1000:.0f}"
                               for level, v in by_level.items())
            print(f"  {read}: all {len(everything)} nodes median {statistics.median(everything) * 1000:.0f} ms, "
                  f"p95 {p95(everything) * 1000:.0f} ms; by level (median/p95 ms) {levels}")
    finally:
        if not args.keep and not args.reuse:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
