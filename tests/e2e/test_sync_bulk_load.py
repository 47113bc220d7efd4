"""A first upload as a bulk load (issue 17): a PC's new rows go up as column-wise pages,
each applied at most once, and survive a cut connection and a killed server, on both
server backends: every row on the server exactly once, with the clocks and the rollups
a mutation would have left."""

import json
import threading
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.services.demo.service import make_demo
from desktop.services.dues.service import DuesService
from desktop.services.sync.service import SyncFailed
from protocol import BULK_LOAD
from server.rollups.rebuild import computed, rebuild
from server.sync.models import AppliedMutation, Record
from server.units.models import Unit
from tests.e2e.helpers import edit_member, rows, snapshot

TABLES = ("member", "member_event", "cash_doc", "dues_payment", "audit_log")


def a_unit_with_receipts(ctx, members: int) -> None:
    """The issue's same work, small: the demo and one receipt per active member."""
    make_demo(ctx, members)
    active = [r[0] for r in rows(ctx, "SELECT id FROM member WHERE status = 'active' ORDER BY id")]
    today = date.today()
    y, m = divmod(today.year * 12 + today.month - 2, 12)
    DuesService(ctx).pay_many({mid: [f"{y}-{m + 1:02d}"] for mid in active}, one_receipt=False, skip_settled=True,
                              doc_date=date(y, m + 1, 20))


def on_server(server, unit_code):
    """{tbl: (records, distinct row ids)}, the unit's last seq and its mutation ids kept."""
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit_code))
        counts = {tbl: tuple(s.execute(select(func.count(), func.count(Record.row_id.distinct())).where(
            Record.unit_id == unit_id, Record.tbl == tbl)).one()) for tbl in TABLES}
        applied = s.scalar(select(func.count()).select_from(AppliedMutation).where(AppliedMutation.unit_id == unit_id))
    return counts, applied


def seqs(server, unit_code):
    """{(tbl, row id): seq} of the unit's stored rows of TABLES."""
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit_code))
        return {(tbl, row_id): seq for tbl, row_id, seq in s.execute(select(Record.tbl, Record.row_id, Record.seq).where(
            Record.unit_id == unit_id, Record.tbl.in_(TABLES)))}


def assert_all_once(server, unit_code, ctx):
    counts, _ = on_server(server, unit_code)
    for tbl in TABLES:
        here = rows(ctx, f"SELECT count(*) FROM {tbl}")[0][0]
        assert counts[tbl] == (here, here), tbl


def assert_rollups_as_rebuilt(server, unit_code):
    """The rollups kept push by push are what a rebuild from the stored rows makes
    (tests/e2e/test_rollups_properties.py's check; rolled back: nothing changes)."""
    with server.sessions() as s:
        unit = s.scalar(select(Unit).where(Unit.code == unit_code))
        try:
            assert computed(s, unit.id), "the unit has figures"
            assert rebuild(s) == {}
        finally:
            s.rollback()


def test_a_first_upload_goes_as_bulk_pages(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False, url=proxy.base)
    a_unit_with_receipts(a, 400)
    report = sa.sync_now()
    assert report.rejected == 0 and sa.status().pending == 0
    assert_all_once(server, unit, a)
    pushes = [json.loads(body) for body in proxy.bodies]
    # The first push carries a few mutations; then members, receipts and the rest go as pages.
    assert len(pushes[0]["mutations"]) <= 100
    paged = {g["tbl"] for p in pushes[1:] for g in p["inserts"]}
    assert {"member", "member_event", "cash_doc"} <= paged <= BULK_LOAD
    counts, applied = on_server(server, unit)
    assert applied <= sum(len(p["mutations"]) for p in pushes) < counts["member"][0]
    assert_rollups_as_rebuilt(server, unit)
    # Field clocks kept: a second PC's edit of a bulk-loaded member merges as after a mutation.
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    assert snapshot(a) == snapshot(b)
    member = rows(a, "SELECT id FROM member ORDER BY id LIMIT 1")[0][0]
    edit_member(b, member, phone="0912345678")
    sb.sync_now()
    sa.sync_now()
    assert rows(a, "SELECT phone FROM member WHERE id = ?", member) == [("0912345678",)]
    assert rows(a, "SELECT count(*) FROM sync_conflict")[0][0] == 0


def test_a_bulk_page_whose_answer_is_lost_is_applied_once(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False, url=proxy.base)
    a_unit_with_receipts(a, 300)
    # The first push passes; the server commits the second (bulk pages), its answer is lost.
    proxy.faults = [("pass", "/api/v1/sync/push"), ("drop_answer", "/api/v1/sync/push")]
    with pytest.raises(SyncFailed):
        sa.sync_now()
    stored = seqs(server, unit)
    assert len(stored) > 0 and sa.status().pending > 0
    report = sa.sync_now()  # the same pages again: duplicates, then the rest
    assert report.rejected == 0 and sa.status().pending == 0
    assert_all_once(server, unit, a)
    # The rows sent twice were not applied again: each kept the seq of its first arrival.
    after = seqs(server, unit)
    assert {k: after[k] for k in stored} == stored
    assert_rollups_as_rebuilt(server, unit)
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    assert snapshot(a) == snapshot(b)


def test_the_server_killed_in_the_middle_of_a_bulk_upload(server, make_device, proxy):
    """The server process killed outright while it applies a bulk page: the page's
    transaction is lost whole, the PC keeps it, and the next sync brings every row once."""
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False, url=proxy.base)
    a_unit_with_receipts(a, 3000)
    killed = threading.Event()

    def kill_during_a_bulk_page() -> None:
        deadline = time.time() + 120
        while time.time() < deadline and not killed.is_set():
            # A page of members is on its way once a push with inserts has been sent.
            if server.proc is not None and any(b"\"member\"" in body and b"\"inserts\":[{" in body
                                               for body in list(proxy.bodies)):
                time.sleep(0.3)
                server.proc.kill()  # SIGKILL: no shutdown, the transaction is cut
                killed.set()
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_during_a_bulk_page)
    killer.start()
    try:
        with pytest.raises(SyncFailed):
            sa.sync_now()
    finally:
        killer.join()
        server.proc.wait()
        server.proc = None
        server.start()
    assert killed.is_set() and sa.status().pending > 0
    sa.sync_now()
    assert sa.status().pending == 0
    assert_all_once(server, unit, a)
    assert_rollups_as_rebuilt(server, unit)


def test_the_next_page_is_read_while_the_server_applies_this_one(server, make_device, proxy, monkeypatch):
    """A large upload reads and encodes its next page while the server applies the one on
    its way; still one push at a time, in outbox order, and every row sent once."""
    from desktop.sync import outbox
    from desktop.sync.client import SyncClient

    monkeypatch.setattr(outbox, "MAX_LOAD_ROWS", 150)  # pages of 150 members: many of them
    in_flight = threading.Event()
    overlapped: list[int] = []
    pushes_at_once: list[int] = []
    real_call, real_batch = SyncClient.call, outbox.batch
    flying = [0]

    def call(self, method, path, *args, **kwargs):
        flying[0] += 1
        pushes_at_once.append(flying[0])
        in_flight.set()
        try:
            time.sleep(0.05)  # the server's work on a page, long enough to be seen
            return real_call(self, method, path, *args, **kwargs)
        finally:
            flying[0] -= 1
            in_flight.clear()

    def batch(*args, **kwargs):
        # A batch after another one is read while that one is on its way (its push may
        # have been handed to the sending thread a moment before it starts).
        if kwargs.get("after", 0) > 0 and in_flight.wait(1):
            overlapped.append(kwargs["after"])
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(SyncClient, "call", call)
    monkeypatch.setattr(outbox, "batch", batch)
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False, url=proxy.base)
    a_unit_with_receipts(a, 600)
    report = sa.sync_now()
    assert report.rejected == 0 and sa.status().pending == 0
    assert len(overlapped) >= 3
    assert max(pushes_at_once) == 1
    pushes = [json.loads(body) for body in proxy.bodies]
    members_sent = sum(g["n"] for p in pushes for g in p["inserts"] if g["tbl"] == "member") + sum(
        1 for p in pushes for m in p["mutations"] if m["tbl"] == "member")
    assert members_sent == 600  # no page sent twice, none left out
    assert_all_once(server, unit, a)
    assert_rollups_as_rebuilt(server, unit)


def test_an_upload_stopped_between_pages_has_settled_every_page_the_server_took(server, make_device, monkeypatch):
    """A person stops a large upload (its pages settled one behind, while the next is on
    its way): whatever the server took is settled on the PC, nothing it holds is still
    waiting to go, and the next sync sends the rest once."""
    from desktop.services.sync.service import SyncFailed
    from desktop.sync import outbox

    monkeypatch.setattr(outbox, "MAX_LOAD_ROWS", 100)
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    a_unit_with_receipts(a, 500)
    stop = threading.Event()

    def progress(phase, done, total, transfer=None):
        if phase == "push" and done >= 400:
            stop.set()

    with pytest.raises(SyncFailed):
        sa.sync_now(progress=progress, cancel=stop)
    on_server_now = set(seqs(server, unit))
    assert on_server_now and sa.status().pending > 0
    waiting = set(rows(a, "SELECT tbl, row_id FROM sync_outbox WHERE rejected IS NULL"))
    assert not on_server_now & waiting, "rows the server took are still waiting to go"
    sa.sync_now()
    assert sa.status().pending == 0
    assert_all_once(server, unit, a)


def test_a_large_uploads_progress_counts_rows_and_mb_to_the_end(server, make_device, monkeypatch):
    """Issue 17, item 4: a first upload says rows and MB done and to go, and the time left."""
    import re

    from desktop.sync import engine

    monkeypatch.setattr(engine, "UPLOAD_PROGRESS_FROM", 50)  # the 400-member unit's upload counts as large
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    a_unit_with_receipts(a, 400)
    pending = sa.status().pending
    seen = []

    def progress(phase, done, total, transfer=None):
        if phase == "push":
            assert transfer is not None
            seen.append((done, total, transfer.rows_done, transfer.bytes_done, transfer.bytes_total,
                         transfer.describe()))

    report = sa.sync_now(progress=progress)
    assert report.rejected == 0 and len(seen) >= 2
    assert [s[2] for s in seen] == sorted(s[2] for s in seen) and [s[3] for s in seen] == sorted(s[3] for s in seen)
    done, total, rows_done, bytes_done, bytes_total, text = seen[-1]
    assert 0 < done == rows_done == total <= pending  # outbox rows of one record go as one
    assert bytes_done == bytes_total <= report.bytes_sent
    assert re.fullmatch(r"[\d.]+ / [\d.]+ dòng, \d+\.\d / \d+\.\d MB", text), text
    assert re.fullmatch(r"[\d.]+ / [\d.]+ dòng, \d+\.\d / khoảng \d+\.\d MB(, còn khoảng .*)?", seen[0][5]), seen[0][5]


def test_the_uploading_pc_does_not_download_its_own_rows_again(server, make_device, monkeypatch):
    """A unit's first PC, right after its upload, pulls by ordinary pulls (which leave out
    its own rows), not by the snapshot (which would bring all of them back); a second PC's
    first sync still takes the snapshot."""
    from desktop.sync.client import SyncClient

    seen: list[str] = []
    real = SyncClient.call

    def call(self, method, path, *args, **kwargs):
        seen.append(path)
        return real(self, method, path, *args, **kwargs)

    monkeypatch.setattr(SyncClient, "call", call)
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    a_unit_with_receipts(a, 60)
    report = sa.sync_now()
    assert report.rejected == 0 and report.pushed > 0 and report.pulled == 0
    assert "/api/v1/sync/pull" in seen and not any("snapshot" in p for p in seen)
    seen.clear()
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    assert any(p.startswith("/api/v1/sync/snapshot") for p in seen)
    assert snapshot(a) == snapshot(b)


def test_the_pc_killed_at_random_points_of_a_bulk_upload(server, make_device):
    """The uploading PC's sync killed outright (SIGKILL) again and again, at random moments:
    while it reads its outbox, sends a page, or marks a page the server took. Each run goes
    on from what is still in the outbox; a page the server took before the kill and that is
    sent again is not applied twice; at the end every row is on the server exactly once."""
    import random
    import signal
    import subprocess
    import sys

    from tests.e2e.test_sync_snapshot import PC

    # Pages of 60 members: the next page is read while the one before is on its way, so
    # kills land in both.
    small_pages = PC.replace("ctx = open_context", "import desktop.sync.outbox\n"
                                                   "desktop.sync.outbox.MAX_LOAD_ROWS = 60\nctx = open_context")
    assert small_pages != PC
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    a_unit_with_receipts(a, 250)
    rnd = random.Random(23)
    outbox = [rows(a, "SELECT count(*) FROM sync_outbox")[0][0]]  # rows still to send
    finished = False
    def pending() -> int:
        return rows(a, "SELECT count(*) FROM sync_outbox")[0][0]

    for _ in range(60):
        proc = subprocess.Popen([sys.executable, "-c", small_pages, str(a.db.path)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        # Killed a random moment after it marked a page taken: while it sends or marks the next.
        deadline = time.time() + 120
        while proc.poll() is None and pending() == outbox[-1] and time.time() < deadline:
            time.sleep(0.02)
        time.sleep(rnd.uniform(0, 0.15))  # a bulk page of this unit takes about that
        if proc.poll() is not None:
            finished = proc.returncode == 0
            break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outbox.append(pending())
    print("outbox after each kill", outbox)
    assert finished, "the sync never ran to its end"
    assert len(outbox) > 2 and outbox == sorted(outbox, reverse=True)  # never grows back
    assert any(0 < n < outbox[0] for n in outbox[1:])  # killed in the middle of the upload
    sa.sync_now()
    assert sa.status().pending == 0
    assert_all_once(server, unit, a)
    assert_rollups_as_rebuilt(server, unit)
    # A new PC of the unit receives exactly what the killed one holds.
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    for tbl in TABLES:
        assert rows(a, f"SELECT * FROM {tbl} ORDER BY id") == rows(b, f"SELECT * FROM {tbl} ORDER BY id"), tbl
