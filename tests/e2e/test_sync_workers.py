"""Several server worker processes, several PCs of one unit syncing at the same time:
the per-unit counter row serialises their pushes, so nothing is lost or doubled and
every pull cursor sees every change."""

import threading
from dataclasses import replace

import pytest

from desktop.services.members.service import MemberService
from tests.e2e.helpers import add_member, person, receipt, rows, snapshot


@pytest.fixture(scope="module")
def two_workers(server):
    server.stop()
    server.start(workers=2)
    yield server
    server.stop()
    server.start()


def test_concurrent_pcs_on_two_workers_converge(two_workers, make_device):
    server = two_workers
    unit = server.unit()
    pcs = [make_device(server, unit, f"pc{i}") for i in range(4)]
    pcs[0][1].sync_now()
    for _, svc in pcs[1:]:
        svc.sync_now()
    errors = []

    def work(i, ctx, svc):
        try:
            for r in range(4):
                mid = add_member(ctx, person(40 * i + r))
                receipt(ctx, 1_000 * (i + 1))
                ms = MemberService(ctx)
                ms.update(mid, replace(ms.get(mid).data, notes=f"máy {i} vòng {r}"), confirm_similar=True)
                svc.sync_now(wait=60)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(i, ctx, svc)) for i, (ctx, svc) in enumerate(pcs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for _ in range(2):
        for _, svc in pcs:
            svc.sync_now()
    first = snapshot(pcs[0][0])
    for ctx, _ in pcs[1:]:
        assert snapshot(ctx) == first
    assert len(first["members"]) == 16 and len(first["docs"]) == 16
    numbers = rows(pcs[0][0], "SELECT book_code, number FROM cash_doc")
    assert len(set(numbers)) == 16
    assert server.last_seq(unit) > 0


def test_pcs_of_one_unit_enrolling_at_once_get_distinct_numbers(server):
    """Eight PCs of one office enrolled in the same second (an IT person setting up a
    room): every one is taken, each with its own number (and so its own receipt books)."""
    import threading
    import uuid

    import requests

    from protocol import PROTOCOL_VERSION, SCHEMA_VERSIONS

    unit = server.unit()
    codes = [server.code(unit) for _ in range(8)]
    answers, barrier = [], threading.Barrier(len(codes))

    def enroll(code):
        barrier.wait()
        r = requests.post(server.base + "/api/v1/enroll", timeout=30, json={
            "code": code, "device_name": "Máy", "local_device_id": str(uuid.uuid4()), "has_data": False},
            headers={"X-Sync-Protocol": str(PROTOCOL_VERSION), "X-Schema-Version": SCHEMA_VERSIONS[-1]})
        answers.append((r.status_code, r.json()))

    threads = [threading.Thread(target=enroll, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [status for status, _ in answers] == [200] * 8, answers
    assert sorted(a["device_number"] for _, a in answers) == list(range(1, 9))
