"""Sync benchmarks of issue 4, on PostgreSQL through loopback HTTP (the server in a
subprocess, as in production; two worker processes):

- first sync of a 100,000-member unit with a year of dues receipts: the first PC's
  upload, then a new PC's first sync (targets: under 60 s, under 15 MB on the wire;
  issue 17: under 15 s);
- issue 17's "same work" as the PouchDB/CouchDB peer: 100,000 members and one receipt
  per active member (`--same-work`): a new PC's first sync, time, bytes on the wire and
  requests (targets: under 10 s, under 13.4 MiB);
- a sync with nothing to do (target: one round trip, under 2 KB);
- 100 changes pushed by one PC and pulled by another (target: under 1 s);
- 50 PCs of 50 different units syncing at once (targets: none fails, p95 under 1 s).

    .venv/bin/python bench/bench_sync.py [--quick] [--same-work] [--keep | --reuse] [--no-fifty]
                                         [--fifty-only] [--runs N] [--members N]
                                         [--profile FILE] [--profile-changes FILE] [--changes-only]
                                         [--national DATABASE]

--members N makes the same-work unit smaller (N members), for profiling. --keep leaves the server database and the first PC for --reuse, which measures a new PC's
first sync again without the upload. --profile FILE profiles (cProfile, CPU time of the
process) the new PC's decoding and applying of what it downloaded, nothing else, and
writes the stats to FILE (read them with `python -m pstats FILE`). --profile-changes FILE
profiles the same way both PCs' syncs of the 100 changes (the pushing PC's and the pulling
PC's, in this process; the server's work is their time waiting on it, printed per round).
--changes-only, with --reuse, measures only the 100 changes between the two PCs that the
run with --keep left (--runs N rounds, at least 5), without a new PC's first sync.
--national DATABASE (with --fifty-only): the 50 PCs' units are made under 50 random
commune-level unions of a copy of the database `bench_national.py --keep` left (issue 15:
a unit's pull at the national size), made for the run and dropped after it, so the
national database stays as built; the push and pull requests are timed apart (a push's
answer carries the first page of what the PC has to pull, so its time includes it).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from common import OUT, ROOT, demo_db, fresh_copy, machine, median, p95

sys.path.insert(0, str(ROOT))

from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberService
from desktop.services.sync.service import SyncService
from desktop.services.units.service import UnitService
from tests.sync_support import SyncServer


def year_of_dues_db() -> Path:
    """The 100,000-member demo plus twelve months of dues, one receipt per group per month
    (the group leader hands in the collection): 2,400 receipts, ~1.1 M month allocations."""
    master = OUT / "sync-100000-year.sqlite3"
    if master.exists():
        open_context(master).close()
        return master
    tmp = fresh_copy(demo_db(), "sync-year.tmp")
    ctx = open_context(tmp)
    today = date.today()
    groups = UnitService(ctx).groups()
    dues = DuesService(ctx)
    started = time.perf_counter()
    with ctx.db.engine.connect() as c:
        by_group = {}
        for mid, gid in c.exec_driver_sql("SELECT id, group_id FROM member WHERE status = 'active'"):
            by_group.setdefault(gid, []).append(mid)
    for back in range(12, 0, -1):
        y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
        month = f"{y}-{m + 1:02d}"
        for g in groups:
            ids = by_group.get(g.id, [])
            if ids:
                dues.pay_many({mid: [month] for mid in ids}, one_receipt=True, payer_name=f"Tổ trưởng {g.name}",
                              doc_date=date(y, m + 1, 28), skip_settled=True)
    with ctx.db.engine.connect() as c:
        c.exec_driver_sql("DELETE FROM sync_outbox")
        c.commit()
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    print(f"a year of dues: {time.perf_counter() - started:.0f} s")
    tmp.rename(master)
    return master


def same_work_db(members: int = 100_000) -> Path:
    """The 100,000-member demo and one receipt per active member (one month's dues each,
    paid on its own): the data the peer was raced on in issue 17 (`members`: a smaller
    unit of the same shape, for profiling)."""
    master = OUT / f"sync-{members}-same-work.sqlite3"
    if master.exists():
        open_context(master).close()
        return master
    tmp = fresh_copy(demo_db(members), "sync-same.tmp")
    ctx = open_context(tmp)
    started = time.perf_counter()
    with ctx.db.engine.connect() as c:
        active = [r[0] for r in c.exec_driver_sql("SELECT id FROM member WHERE status = 'active' ORDER BY id")]
    today = date.today()
    y, m = divmod(today.year * 12 + today.month - 2, 12)
    month = f"{y}-{m + 1:02d}"
    dues = DuesService(ctx)
    for i in range(0, len(active), 5000):
        dues.pay_many({mid: [month] for mid in active[i:i + 5000]}, one_receipt=False, skip_settled=True,
                      doc_date=date(y, m + 1, 20))
    with ctx.db.engine.connect() as c:
        c.exec_driver_sql("DELETE FROM sync_outbox")
        c.commit()
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    print(f"one receipt per member: {time.perf_counter() - started:.0f} s", flush=True)
    tmp.rename(master)
    return master


def mb(n: int) -> float:
    return round(n / 1e6, 2)


STATE = OUT / "sync-bench.json"


def profiled_apply(path: Path) -> cProfile.Profile:
    """cProfile (CPU time) switched on only while the new PC decodes and applies a page or
    a snapshot's chunk: the engine's page_rows and apply_page, wrapped."""
    import desktop.sync.engine as engine

    profile = cProfile.Profile(time.process_time)

    def wrap(fn):
        def profiled(*args, **kwargs):
            profile.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                profile.disable()
        return profiled

    engine.page_rows = wrap(engine.page_rows)
    engine.apply_page = wrap(engine.apply_page)
    return profile


def first_sync(server, quick: bool, reuse: dict | None, same_work: bool = False, runs: int = 1,
               members: int = 100_000, profile_to: Path | None = None, changes_to: Path | None = None) -> dict:
    src = demo_db(2_000) if quick else same_work_db(members) if same_work else year_of_dues_db()
    if reuse:
        unit, upload, up = reuse["unit"], reuse["upload_s"], None
        a = open_context(OUT / "sync-a.sqlite3")
        with a.db.engine.connect() as c:  # the server runs on a new port each time
            c.exec_driver_sql("UPDATE sync_state SET server_url = ?", (server.base,))
            c.commit()
        sa = SyncService(a)
    else:
        unit = server.unit("CĐCS Tổng công ty (100.000 đoàn viên)")
        a = open_context(fresh_copy(src, "sync-a.sqlite3"))
        sa = SyncService(a)
        t = time.perf_counter()
        sa.enroll(server.base, server.code(unit), "Máy kế toán")
        up = sa.sync_now()
        upload = time.perf_counter() - t
        STATE.write_text(json.dumps({"unit": unit, "upload_s": round(upload, 1), "pg_db": server.pg_db,
                                     "upload_mb": mb(up.bytes_sent + up.bytes_received)}))
    counts = dict(a.db.engine.connect().exec_driver_sql(
        "SELECT 'members', count(*) FROM member UNION ALL SELECT 'receipts', count(*) FROM cash_doc "
        "UNION ALL SELECT 'allocations', count(*) FROM dues_payment").fetchall())
    firsts = []
    profile = profiled_apply(profile_to) if profile_to else None
    for run in range(runs):  # the first run builds the unit's snapshot, the next ones find it kept
        for p in OUT.glob("sync-b.sqlite3*"):
            p.unlink()
        b = open_context(OUT / "sync-b.sqlite3")
        sb = SyncService(b)
        t = time.perf_counter()
        sb.enroll(server.base, server.code(unit), "Máy chủ tịch")
        down = sb.sync_now()
        first = time.perf_counter() - t
        firsts.append(first)
        print(json.dumps({"run": run + 1, "first_sync_s": round(first, 1),
                          "first_sync_mib": round((down.bytes_sent + down.bytes_received) / 2 ** 20, 2),
                          "requests": down.requests, "pulled": down.pulled, "server_s": round(down.seconds_server, 1),
                          "apply_s": round(down.seconds_apply, 1), "load": os.getloadavg()[0]}), flush=True)
        if run + 1 < runs:
            b.close()
    if profile is not None:
        profile.dump_stats(str(profile_to))
    noop = [sb.sync_now() for _ in range(5)]
    hundred = hundred_changes(a, b, changes_to)
    a.close()
    b.close()
    return {
        "data": counts,
        "upload_s": round(upload, 1),
        "upload_mb": mb(up.bytes_sent + up.bytes_received) if up else reuse["upload_mb"],
        "upload_server_s": round(up.seconds_server, 1) if up else None,
        "first_sync_s": round(first, 1), "first_sync_mb": mb(down.bytes_sent + down.bytes_received),
        "first_sync_runs_s": [round(f, 1) for f in firsts], "first_sync_median_s": round(median(firsts), 1),
        "first_sync_server_s": round(down.seconds_server, 1), "first_sync_apply_s": round(down.seconds_apply, 1),
        "first_sync_requests": down.requests, "first_sync_pulled": down.pulled,
        "noop_requests": median([n.requests for n in noop]),
        "noop_bytes": median([n.bytes_sent + n.bytes_received for n in noop]),
        "noop_ms": round(median([n.seconds for n in noop]) * 1000, 1),
        **hundred,
    }


def hundred_changes(a, b, changes_to: Path | None = None, rounds_n: int = 5) -> dict:
    """100 changes: one PC (a) edits 100 members' phones, syncs, the other (b) receives;
    `rounds_n` times, the median."""
    sa, sb = SyncService(a), SyncService(b)
    rounds = []
    changes = cProfile.Profile(time.process_time) if changes_to else None
    ms = MemberService(a)
    ids = [r[0] for r in a.db.engine.connect().exec_driver_sql("SELECT id FROM member LIMIT 100")]
    for r in range(rounds_n):
        for i, mid in enumerate(ids):
            ms.update(mid, replace(ms.get(mid).data, phone=f"09{r}{i:07d}"), confirm_similar=True)
        if changes is not None:
            changes.enable()
        t = time.perf_counter()
        pushed = sa.sync_now()
        t2 = time.perf_counter()
        pulled = sb.sync_now()
        rounds.append({"seconds": time.perf_counter() - t, "pushed": pushed.pushed, "pulled": pulled.pulled,
                       "bytes": pushed.bytes_sent + pushed.bytes_received + pulled.bytes_sent + pulled.bytes_received})
        if changes is not None:
            changes.disable()
        # Where each round went: the pushing PC's sync and the pulling PC's, each with its
        # time waiting on the server.
        print(json.dumps({"round": r + 1, "s": round(rounds[-1]["seconds"], 3), "push_pc_s": round(t2 - t, 3),
                          "push_server_s": round(pushed.seconds_server, 3),
                          "pull_pc_s": round(time.perf_counter() - t2, 3),
                          "pull_server_s": round(pulled.seconds_server, 3), "load": os.getloadavg()[0]}), flush=True)
    if changes is not None:
        changes.dump_stats(str(changes_to))
    return {"hundred_changes_s": round(median([r["seconds"] for r in rounds]), 3),
            "hundred_changes_runs_s": [round(r["seconds"], 3) for r in rounds],
            "hundred_changes_pushed_pulled": (rounds[-1]["pushed"], rounds[-1]["pulled"]),
            "hundred_changes_kb": round(median([r["bytes"] for r in rounds]) / 1e3, 1)}


def changes_only(server, changes_to: Path | None, rounds_n: int) -> dict:
    """--changes-only (with --reuse): the 100 changes between the two PCs an earlier run
    left (--keep), without the upload nor a new PC's first sync."""
    pcs = []
    for name in ("sync-a.sqlite3", "sync-b.sqlite3"):
        ctx = open_context(OUT / name)
        with ctx.db.engine.connect() as c:  # the server runs on a new port each time
            c.exec_driver_sql("UPDATE sync_state SET server_url = ?", (server.base,))
            c.commit()
        pcs.append(ctx)
    a, b = pcs
    # Anything an earlier run left, and what a first sync after an upgrade does once (the
    # dues figures' triggers put in place, the figures computed once).
    SyncService(a).sync_now()
    SyncService(b).sync_now()
    try:
        return hundred_changes(a, b, changes_to, rounds_n)
    finally:
        a.close()
        b.close()


def timed_requests() -> dict[str, list[float]]:
    """{path: seconds of each request the PCs of this process make from now on}: the
    client's own calls, timed from its side (what a PC waits for each one)."""
    from desktop.sync.client import SyncClient

    seconds: dict[str, list[float]] = {}
    call = SyncClient.call

    def timed(self, method, path, *args, **kwargs):
        t = time.perf_counter()
        try:
            return call(self, method, path, *args, **kwargs)
        finally:
            seconds.setdefault(path, []).append(time.perf_counter() - t)

    SyncClient.call = timed  # type: ignore[method-assign]
    return seconds


def at_once(services: list, times: list[float], failures: list[str]) -> None:
    """Each service's sync_now(), all started together, one thread each."""
    barrier = threading.Barrier(len(services))

    def one(svc):
        barrier.wait()
        t = time.perf_counter()
        try:
            svc.sync_now()
            times.append(time.perf_counter() - t)
        except Exception as exc:  # noqa: BLE001 - counted
            failures.append(str(exc))

    threads = [threading.Thread(target=one, args=(svc,)) for svc in services]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def fifty_units(server, n: int = 50, rounds: int = 3, parents: list[str] | None = None) -> dict:
    """Each round, a PC of each of n units edits 10 members and all n sync at once. With
    parents (--national: communes of the national benchmark's database, so that each push
    adds to the rollups up to the root), each unit also has a second PC, and after each
    round the n second PCs sync at once, each pulling its unit's 10 changes: the pull
    requests are timed apart; then once more with the second PCs syncing one after
    another (a pull with nothing beside it)."""
    folder = Path(tempfile.mkdtemp(prefix="fifty-"))
    pcs, readers = [], []
    for i in range(n):
        ctx = open_context(folder / f"unit{i}.sqlite3")
        make_demo(ctx, 200)
        svc = SyncService(ctx)
        unit = server.unit(f"CĐCS số {i + 1}", parents[i % len(parents)] if parents else None)
        svc.enroll(server.base, server.code(unit), f"pc{i}")
        svc.sync_now()
        pcs.append((ctx, svc))
        if parents:
            reader = open_context(folder / f"unit{i}-b.sqlite3")
            readers.append((reader, SyncService(reader)))
            readers[-1][1].enroll(server.base, server.code(unit), f"pc{i}b")
            readers[-1][1].sync_now()
    times: list[float] = []
    failures: list[str] = []
    pull_syncs: list[float] = []
    requests = timed_requests()  # the rounds' requests, not the first syncs'
    for r in range(rounds):
        for ctx, _ in pcs:
            ms = MemberService(ctx)
            for mid in [row[0] for row in ctx.db.engine.connect().exec_driver_sql("SELECT id FROM member LIMIT 10")]:
                ms.update(mid, replace(ms.get(mid).data, notes=f"Vòng {r}"), confirm_similar=True)
        at_once([svc for _, svc in pcs], times, failures)
        if readers:
            at_once([svc for _, svc in readers], pull_syncs, failures)
    by_kind = {kind: [t for path, ts in requests.items() if path.endswith(kind) for t in ts]
               for kind in ("/push", "/pull")}
    alone: list[float] = []
    if readers:
        # Once more, the second PCs one after another: a unit's pull with nothing beside it,
        # what the database's size alone costs it.
        for ctx, _ in pcs:
            ms = MemberService(ctx)
            for mid in [row[0] for row in ctx.db.engine.connect().exec_driver_sql("SELECT id FROM member LIMIT 10")]:
                ms.update(mid, replace(ms.get(mid).data, notes="Vòng cuối"), confirm_similar=True)
        at_once([svc for _, svc in pcs], times, failures)
        before = {path: len(ts) for path, ts in requests.items()}
        for _, svc in readers:
            svc.sync_now()
        alone = [t for path, ts in requests.items() if path.endswith("/pull") for t in ts[before.get(path, 0):]]
    for ctx, _ in pcs + readers:
        ctx.close()
    return {"syncs": len(times) + len(pull_syncs) + len(failures), "failures": len(failures),
            "p95_s": round(p95(times), 3), "median_s": round(median(times), 3), "max_s": round(max(times), 3),
            **{f"{kind[1:]}_requests": len(ts) for kind, ts in by_kind.items()},
            **{f"{kind[1:]}_p95_ms": round(p95(ts) * 1000) for kind, ts in by_kind.items() if ts},
            **{f"{kind[1:]}_median_ms": round(median(ts) * 1000) for kind, ts in by_kind.items() if ts},
            **({"pull_alone_requests": len(alone), "pull_alone_median_ms": round(median(alone) * 1000),
                "pull_alone_p95_ms": round(p95(alone) * 1000)} if alone else {})}


def national_copy(name: str) -> str:
    """A copy of the national database for this run (SyncServer drops it at the end)."""
    from sqlalchemy import create_engine, text

    from tests.sync_support import PG_ADMIN_URL

    copy = f"{name}_fifty"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    t = time.perf_counter()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
        # FILE_COPY: the files copied as they are, not written again through the WAL.
        c.execute(text(f'CREATE DATABASE "{copy}" TEMPLATE "{name}" STRATEGY = FILE_COPY'))
    admin.dispose()
    print(f"copied {name} to {copy} in {time.perf_counter() - t:.0f} s", flush=True)
    return copy


def communes(server) -> list[str]:
    """50 random commune-level unions of bench_national.py's database."""
    import random

    from sqlalchemy import select

    from server.units.models import Unit

    with server.sessions() as s:
        codes = list(s.scalars(select(Unit.code).where(Unit.code.startswith("X"))))
    return random.Random(50).sample(codes, min(50, len(codes)))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the 2,000-member demo instead of 100,000")
    parser.add_argument("--same-work", action="store_true", help="members and one receipt each (issue 17)")
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", action="store_true", help="leave the server database and the first PC")
    kept.add_argument("--reuse", action="store_true", help="use what --keep left: no upload")
    fifty = parser.add_mutually_exclusive_group()
    fifty.add_argument("--no-fifty", action="store_true", help="leave out the 50 PCs at once")
    fifty.add_argument("--fifty-only", action="store_true", help="only the 50 PCs at once")
    parser.add_argument("--runs", type=int, default=1, help="a new PC's first sync N times")
    parser.add_argument("--members", type=int, default=100_000, help="the same-work unit's size")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="profile the new PC's apply")
    parser.add_argument("--profile-changes", type=Path, metavar="FILE", help="profile the 100 changes")
    parser.add_argument("--changes-only", action="store_true", help="with --reuse: the 100 changes only")
    parser.add_argument("--national", metavar="DATABASE", help="with --fifty-only: under a copy of it")
    args = parser.parse_args()
    if args.national and not args.fifty_only:
        parser.error("--national measures the 50 PCs only: add --fifty-only")
    if args.changes_only and not args.reuse:
        parser.error("--changes-only needs --reuse")
    if args.reuse and not STATE.exists():
        parser.error(f"--reuse: nothing kept ({STATE} is missing); run with --keep first")
    return args


def main() -> None:
    """--reuse: the server database and the first PC uploaded by an earlier run (with
    --keep) are used again, so that only a new PC's first sync is measured."""
    args = arguments()
    reuse = json.loads(STATE.read_text()) if args.reuse else None
    print(machine())
    national = national_copy(args.national) if args.national else None
    server = SyncServer("postgresql", Path(tempfile.mkdtemp(prefix="sync-bench-")),
                        pg_db=national or (reuse["pg_db"] if reuse else None),
                        keep=args.keep or bool(reuse))
    server.stop()
    server.start(workers=2)
    try:
        if not args.fifty_only:
            if args.changes_only:
                result = changes_only(server, args.profile_changes, max(args.runs, 5))
            else:
                result = first_sync(server, args.quick, reuse, args.same_work, args.runs, args.members,
                                    args.profile, args.profile_changes)
            print(json.dumps(result, ensure_ascii=False), flush=True)
        if not args.no_fifty:
            result50 = fifty_units(server, parents=communes(server) if national else None)
            print(json.dumps({"fifty_units": result50}, ensure_ascii=False), flush=True)
    finally:
        server.close()


if __name__ == "__main__":
    main()
