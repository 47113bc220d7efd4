"""What the upper levels' rollups add to a push (issue 15: "a push of 100 changes updates
the rollups with at most 20 % added to its time"), on PostgreSQL, in process.

A grassroots unit four levels down (root, province, commune, unit: its rollups reach
four sub-tree rows per fact) holds --members members and a month of dues; each measured
push carries 100 changes as a PC sends them (50 members edited, 50 dues payments new),
in its own transaction, commit included. The same pushes run alternately with the
rollups' two calls (`push_delta`, `apply`) and without them (replaced by no-ops for that
push only), --runs times each; the medians and their ratio are printed, and the median
time spent inside the two calls in the pushes with them (the same share read directly).

    .venv/bin/python bench/bench_push_rollups.py [--members 2000] [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from contextlib import contextmanager

from common import machine, scratch_database  # first: puts the checkout on sys.path
from sqlalchemy import text

from protocol.messages import EnrollRequest, Mutation
from server.db import make_sessions
from server.devices.models import Device
from server.devices.service import enroll, make_enroll_code
from server.rollups import service as rollups
from server.sync import push as push_module
from server.units.service import create_unit

CHANGES = 100


def _uuid() -> str:
    return str(uuid.uuid4())


class Pc:
    """Makes the mutations a PC of the unit would send: members, then edits and payments."""

    def __init__(self, device_id: str, rnd: random.Random) -> None:
        self.device_id, self.rnd = device_id, rnd
        self.hlc = int(time.time() * 1000)
        self.members: list[str] = []

    def _m(self, tbl: str, row_id: str, op: str, fields: dict) -> Mutation:
        self.hlc += 1
        return Mutation(mutation_id=_uuid(), tbl=tbl, row_id=row_id, op=op, fields=fields, hlc=self.hlc,
                        device_id=self.device_id)

    def new_member(self) -> Mutation:
        row = _uuid()
        self.members.append(row)
        return self._m("member", row, "insert", {
            "full_name": f"Nguyễn Văn {len(self.members)}", "gender": self.rnd.choice(["Nam", "Nữ"]),
            "birth_date": f"{self.rnd.randint(1965, 2004)}-0{self.rnd.randint(1, 9)}-1{self.rnd.randint(0, 9)}",
            "status": "active", "ethnicity": "Kinh", "salary": 6_000_000, "dues_basis": "bhxh"})

    def edit(self) -> Mutation:
        return self._m("member", self.rnd.choice(self.members), "update",
                       {"phone": f"09{self.rnd.randint(10_000_000, 99_999_999)}"})

    def payment(self) -> Mutation:
        return self._m("dues_payment", _uuid(), "insert", {
            "member_id": self.rnd.choice(self.members), "month": "2026-11-01", "amount": 30_000, "doc_id": _uuid()})


class Timed:
    """The rollups' two calls with their own time summed per push (what the rollups add,
    read directly: the difference of two medians is noisier than the thing measured)."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.saved = rollups.push_delta, rollups.apply

    def wrap(self, f):
        def timed(*a, **k):
            t0 = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                self.spent += time.perf_counter() - t0
        return timed

    def __enter__(self) -> Timed:
        rollups.push_delta, rollups.apply = self.wrap(self.saved[0]), self.wrap(self.saved[1])
        return self

    def __exit__(self, *_exc) -> None:
        rollups.push_delta, rollups.apply = self.saved


@contextmanager
def rollups_off():
    saved = rollups.push_delta, rollups.apply
    rollups.push_delta = lambda *_a, **_k: {}
    rollups.apply = lambda *_a, **_k: None
    try:
        yield
    finally:
        rollups.push_delta, rollups.apply = saved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    rnd = random.Random(7)
    with scratch_database("congdoan_bench_push") as engine:
        sessions = make_sessions(engine)
        with sessions() as s, s.begin():
            create_unit(s, "TLD", "Tổng Liên đoàn Lao động Việt Nam", None)
            create_unit(s, "T01", "Liên đoàn Lao động tỉnh Một", "TLD")
            create_unit(s, "X001", "Công đoàn xã Một", "T01")
            for i in range(20):  # siblings, so the commune's rows are shared as in life
                create_unit(s, f"C{i:03d}", f"CĐCS số {i}", "X001")
            code = make_enroll_code(s, "C000")
        with sessions() as s, s.begin():
            device_id = enroll(s, EnrollRequest(code=code, device_name="may", local_device_id=_uuid(),
                                                has_data=False)).device_id
        pc = Pc(device_id, rnd)

        def run(mutations: list[Mutation]) -> float:
            t0 = time.perf_counter()
            with sessions() as s, s.begin():
                result = push_module.push(s, s.get_one(Device, device_id), mutations)
            elapsed = time.perf_counter() - t0
            assert all(r.status == "applied" for r in result.results), [r.error for r in result.results][:3]
            return elapsed

        for i in range(0, args.members, CHANGES):  # the unit's members, pushed with their rollups
            run([pc.new_member() for _ in range(min(CHANGES, args.members - i))])
        on, off, own = [], [], []
        for i in range(args.runs * 2):
            batch = [pc.edit() for _ in range(CHANGES // 2)] + [pc.payment() for _ in range(CHANGES // 2)]
            if i % 2:
                with rollups_off():
                    off.append(run(batch))
            else:
                with Timed() as timed:
                    on.append(run(batch))
                own.append(timed.spent)
        with sessions() as s:
            rollup_rows = s.execute(text("SELECT count(*) FROM rollup")).scalar()
        m_on, m_off = statistics.median(on), statistics.median(off)
        print(machine())
        print(f"unit with {args.members} members, {rollup_rows} rollup rows; push of {CHANGES} changes "
              f"(50 member edits, 50 new dues payments), {args.runs} runs each, alternately")
        print(f"with rollups: median {m_on * 1000:.1f} ms (p90 {sorted(on)[int(len(on) * 0.9)] * 1000:.1f}); "
              f"without: median {m_off * 1000:.1f} ms (p90 {sorted(off)[int(len(off) * 0.9)] * 1000:.1f}); "
              f"added: {(m_on / m_off - 1) * 100:.1f} %")
        m_own = statistics.median(own)
        print(f"the rollups' two calls themselves: median {m_own * 1000:.2f} ms a push, "
              f"{m_own / m_off * 100:.1f} % of the median push without them")


if __name__ == "__main__":
    main()
