"""What the transfers between units (issue 15, item 8) add to every sync: each push and
pull first asks whether a letter waits for the device's unit (server/transfers/delivery.py).
Measured with nothing waiting for the unit and 5,000 delivered letters of other units
beside it, against the pull's own read of the unit's counter, on both backends. Each
call in its own transaction, after the connection's first statement (its check-out, ping
and BEGIN are the request's anyway). Median and p95 of RUNS calls.

    .venv/bin/python bench/bench_transfers.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import machine  # first: puts the checkout on sys.path
from sqlalchemy import select

from server.sync.models import UnitSync
from server.transfers.delivery import deliver
from server.transfers.models import TransferLetter
from server.units.models import Unit
from tests.sync_support import SyncServer


def _timed(sessions, runs: int, call) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        with sessions() as s, s.begin():
            s.execute(select(1))
            t0 = time.perf_counter()
            call(s)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=500)
    args = p.parse_args()
    print(machine())
    for backend in ("postgresql", "sqlite"):
        srv = SyncServer(backend, Path(tempfile.mkdtemp()))
        try:
            codes = [srv.unit(f"CĐCS {i}") for i in range(3)]
            with srv.sessions() as s, s.begin():
                ids = [s.scalar(select(Unit.id).where(Unit.code == c)) for c in codes]
                s.add_all([TransferLetter(id=f"{i:036d}", from_unit_id=ids[1], to_unit_id=ids[2], delivered=True,
                                          answer_delivered=True) for i in range(5000)])
            unit = ids[0]
            base = _timed(srv.sessions, args.runs, lambda s, u=unit: s.execute(
                select(UnitSync.last_seq).where(UnitSync.unit_id == u)).first())
            mine = _timed(srv.sessions, args.runs, lambda s, u=unit: deliver(s, u))
            print(f"{backend}: the counter's read {base[0]:.2f} / {base[1]:.2f} ms; "
                  f"deliver() with nothing waiting {mine[0]:.2f} / {mine[1]:.2f} ms (median / p95)")
        finally:
            srv.close()


if __name__ == "__main__":
    main()
