"""The faults of issue 4, each on both server backends: no change lost, none applied
twice, and the user told what happened."""

import threading
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.services.backup.service import make_backup, restore
from desktop.services.core.context import open_context
from desktop.services.sync import service as sync_service
from desktop.services.sync.service import SyncFailed, SyncService
from desktop.sync.client import SyncClient
from protocol import BULK_INSERT, SCHEMA_VERSIONS
from server.sync.models import AppliedMutation, Record
from tests.e2e.helpers import add_member, edit_member, person, receipt, rows, snapshot


def server_count(server, unit_code, tbl):
    from server.units.models import Unit
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit_code))
        return s.scalar(select(func.count()).select_from(Record).where(Record.unit_id == unit_id, Record.tbl == tbl))


def pending(svc):
    return svc.status().pending


def test_server_unreachable_before_the_request(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Đỗ Minh Quân")
    server.stop()
    try:
        with pytest.raises(SyncFailed) as err:
            sa.sync_now()
        assert err.value.code == "offline" and "mất mạng" in err.value.message
        st = sa.status()
        assert st.pending > 0 and "mất mạng" in st.last_error
    finally:
        server.start()
    sa.sync_now()
    assert pending(sa) == 0 and sa.status().last_error is None
    assert server_count(server, unit, "member") == 1


def test_answer_lost_after_the_server_committed(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", url=proxy.base)
    for i in range(5):
        add_member(a, person(i), gender="Nữ")
    receipt(a, 75_000)
    proxy.inject("drop_answer", "/api/v1/sync/push")
    with pytest.raises(SyncFailed) as err:
        sa.sync_now()
    assert err.value.code == "offline"
    assert server_count(server, unit, "member") == 5  # the server did apply it
    before = pending(sa)
    assert before > 0  # but the PC does not know yet
    report = sa.sync_now()  # resent under the same mutation ids: acknowledged, not reapplied
    assert report.pushed == before and report.rejected == 0
    assert pending(sa) == 0
    assert server_count(server, unit, "member") == 5
    assert server_count(server, unit, "cash_doc") == 1


def test_pull_page_cut_in_the_middle_resumes(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    for i in range(30):
        add_member(a, person(i), birth=f"0{1 + i % 9}/05/1985")
    sa.sync_now()
    b, sb = make_device(server, unit, "b", url=proxy.base)
    sb.page_size = 10
    sb.snapshots = False  # page by page (test_sync_snapshot.py cuts a snapshot's chunks)
    proxy.inject("cut", "/api/v1/sync/pull?cursor=")  # the first page arrives half
    with pytest.raises(SyncFailed):
        sb.sync_now()
    assert rows(b, "SELECT count(*) FROM member") == [(0,)]  # nothing half-applied
    # Second try: the first page lands, the next one is cut: the cursor stays after the first.
    proxy.faults = [("pass", "/api/v1/sync/pull?cursor=0"), ("cut", "/api/v1/sync/pull?cursor=")]
    with pytest.raises(SyncFailed):
        sb.sync_now()
    cursor = sb.status().cursor
    assert cursor > 0 and rows(b, "SELECT count(*) FROM member")[0][0] < 30
    total = server.last_seq(unit)
    report = sb.sync_now()
    assert rows(b, "SELECT count(*) FROM member") == [(30,)]
    assert snapshot(a) == snapshot(b)
    assert report.pulled <= total - 10  # resumed after the first page, not from the start


def test_the_same_push_arriving_twice(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", url=proxy.base)
    add_member(a, "Bùi Thị Mai", gender="Nữ")
    receipt(a, 30_000)
    proxy.inject("twice", "/api/v1/sync/push")
    report = sa.sync_now()
    assert report.rejected == 0 and pending(sa) == 0
    assert server_count(server, unit, "member") == 1 and server_count(server, unit, "cash_doc") == 1
    from server.units.models import Unit
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit))
        applied = s.scalar(select(func.count()).select_from(AppliedMutation).where(AppliedMutation.unit_id == unit_id))
        # New audit rows go column-wise, applied once by their own ids: records, no mutation ids.
        bulk = s.scalar(select(func.count()).select_from(Record).where(Record.unit_id == unit_id,
                                                                      Record.tbl.in_(BULK_INSERT)))
    assert bulk > 0
    assert applied + bulk == report.pushed  # the second delivery added no mutation and no row


def test_two_syncs_of_one_pc_overlap(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    for i in range(20):
        add_member(a, person(i))
        receipt(a, 1_000 + i)
    second = SyncService(open_context(a.db.path))
    errors, reports = [], []

    def run(svc):
        try:
            reports.append(svc.sync_now(wait=60))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(svc,)) for svc in (sa, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    second.ctx.close()
    assert errors == [] and len(reports) == 2
    assert sorted(r.pushed for r in reports)[0] == 0  # one sent everything; the other, after it, nothing
    assert server_count(server, unit, "cash_doc") == 20
    assert pending(sa) == 0


def test_server_restarts_mid_sync(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    for i in range(10):
        add_member(a, person(i), gender="Nữ")

    def stop_after_push(phase, done, total):
        if phase == "push" and done >= total:
            server.stop()

    try:
        with pytest.raises(SyncFailed):
            sa.sync_now(progress=stop_after_push)
    finally:
        if server.proc is None:
            server.start()
    assert pending(sa) == 0  # the push had completed
    sa.sync_now()
    assert server_count(server, unit, "member") == 10


def test_server_killed_in_the_middle_of_a_large_push(server, make_device):
    """The server process killed outright (power cut, OOM killer) while it applies a PC's
    first upload: the push's transaction is lost whole on the server, the PC keeps all of
    it, and the next sync brings every row exactly once."""
    from desktop.services.demo.service import make_demo

    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    make_demo(a, 3000)
    killed = threading.Event()

    def kill_when_the_upload_is_under_way() -> None:
        deadline = time.time() + 60
        while time.time() < deadline and not killed.is_set():
            # The first batch is being applied once the PC has sent it and waits.
            if server.proc is not None and pending(sa) > 0 and sa.status().cursor == 0:
                time.sleep(0.4)
                server.proc.kill()  # SIGKILL: no shutdown, the transaction is cut
                killed.set()
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_the_upload_is_under_way)
    killer.start()
    try:
        with pytest.raises(SyncFailed):
            sa.sync_now()
    finally:
        killer.join()
        server.proc.wait()
        server.proc = None
        server.start()
    assert killed.is_set() and pending(sa) > 0  # unacknowledged: still queued here
    sa.sync_now()
    assert pending(sa) == 0
    for tbl in ("member", "member_event"):
        assert server_count(server, unit, tbl) == rows(a, f"SELECT count(*) FROM {tbl}")[0][0]


def test_a_pc_clock_days_ahead_does_not_win_later_edits(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Lý Văn Sơn")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    # A's wall clock three days fast, as if nobody had ever set it: its stamps run ahead.
    rows_ = rows(a, "SELECT 1")
    assert rows_
    import sqlite3
    conn = sqlite3.connect(a.db.path)
    conn.execute("UPDATE sync_state SET clock_offset_ms = ?", (3 * 86_400_000,))
    conn.commit()
    conn.close()
    edit_member(a, m, job_title="Kỹ sư")
    sa.sync_now()  # the server caps the stamp, and A learns the real offset
    assert abs(rows(a, "SELECT clock_offset_ms FROM sync_state")[0][0]) < 60_000
    time.sleep(2.2)
    edit_member(b, m, job_title="Trưởng phòng")  # made later in real time: must win
    sb.sync_now()
    sa.sync_now()
    for ctx in (a, b):
        assert rows(ctx, "SELECT job_title FROM member WHERE id = ?", m) == [("Trưởng phòng",)]


def test_a_pc_clock_days_behind_loses_no_edit_and_is_corrected(server, make_device):
    """A's clock three days slow: its edit made offline, at the same time as B's, carries
    an old stamp and loses the field, but the value is kept in the conflict log on both
    PCs; after one sync A's clock is corrected and its next edit wins as it should."""
    import sqlite3

    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Lý Thị Sen", gender="Nữ")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    conn = sqlite3.connect(a.db.path)
    conn.execute("UPDATE sync_state SET clock_offset_ms = ?", (-3 * 86_400_000,))
    conn.commit()
    conn.close()
    edit_member(b, m, job_title="Kế toán trưởng")
    time.sleep(0.05)
    edit_member(a, m, job_title="Thủ quỹ")  # later in real time, stamped three days earlier
    sb.sync_now()
    sa.sync_now()
    assert abs(rows(a, "SELECT clock_offset_ms FROM sync_state")[0][0]) < 60_000  # corrected
    sb.sync_now()
    for ctx, svc in ((a, sa), (b, sb)):
        assert rows(ctx, "SELECT job_title FROM member WHERE id = ?", m) == [("Kế toán trưởng",)]
        logged = [(c.kept_value, c.lost_value) for c in svc.conflicts()]
        assert logged == [("Kế toán trưởng", "Thủ quỹ")]  # A's value is not lost: it is there to review
    edit_member(a, m, job_title="Thủ quỹ")  # the chair decides: A's value after all
    sa.sync_now()
    sb.sync_now()
    assert rows(b, "SELECT job_title FROM member WHERE id = ?", m) == [("Thủ quỹ",)]


def test_a_pc_restored_from_an_old_backup_keeps_numbers_unique(server, make_device, tmp_path):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    sa.sync_now()
    first = [receipt(a, 10_000), receipt(a, 20_000)]
    sa.sync_now()
    old = make_backup(a, tmp_path / "cu.sqlite3")
    later = [receipt(a, 30_000), receipt(a, 40_000)]
    sa.sync_now()
    path = a.db.path
    a.close()
    restore(path, old)
    a2 = open_context(path)
    try:
        sa2 = SyncService(a2)
        assert rows(a2, "SELECT count(*) FROM cash_doc") == [(2,)]
        new_doc = receipt(a2, 50_000)
        report = sa2.sync_now()
        assert report.rejected == 0
        numbers = rows(a2, "SELECT book_code, number FROM cash_doc")
        assert len(numbers) == len(set(numbers)) == 5  # the later two came back, the new one in a new book
        ids = {r[0] for r in rows(a2, "SELECT id FROM cash_doc")}
        assert ids == set(first + later + [new_doc])
        assert server_count(server, unit, "cash_doc") == 5
    finally:
        a2.close()


def test_a_pc_of_one_unit_cannot_touch_another_units_data(server, make_device):
    unit_x, unit_y = server.unit("CĐCS X"), server.unit("CĐCS Y")
    x, sx = make_device(server, unit_x, "x")
    y, sy = make_device(server, unit_y, "y")
    secret = add_member(y, "Người Của Đơn Vị Y")
    sy.sync_now()
    sx.sync_now()
    assert rows(x, "SELECT count(*) FROM member") == [(0,)]
    # A forged change aimed at Y's row lands, at most, in X's own space.
    from desktop.sync import credentials
    st = sx.status()
    client = SyncClient(st.server_url, SCHEMA_VERSIONS[-1], credentials.load(
        rows(x, "SELECT server_device_id FROM sync_state")[0][0]))
    answer = client.call("POST", "/api/v1/sync/push", {"mutations": [{
        "mutation_id": "01900000-0000-7000-8000-000000000001", "tbl": "member", "row_id": secret, "op": "update",
        "fields": {"full_name": "Bị sửa trộm"}, "base_seq": None, "hlc": int(time.time() * 1000) + 1000,
        "device_id": "forger"}]})
    client.close()
    assert answer["results"][0]["status"] == "applied"
    sy.sync_now()
    assert rows(y, "SELECT full_name FROM member WHERE id = ?", secret) == [("Người Của Đơn Vị Y",)]
    # Figures: an administrator of X may not read Y.
    import requests
    server.admin(unit_x, f"admin-{unit_x}")
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": f"admin-{unit_x}", "password": "matkhau-123"}).json()["token"]
    r = requests.get(server.base + f"/api/v1/units/{unit_y}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403 and "phạm vi" in r.json()["detail"]
    r = requests.get(server.base + f"/api/v1/units/{unit_x}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.ok and r.json()["units"][0]["code"] == unit_x


def test_an_old_client_with_pending_changes_meets_a_newer_server(server, make_device, monkeypatch):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Đinh Công Tráng")
    from desktop.services.dues import months as dues_months
    dues_months.refresh(a)  # what a sync writes first (the month figures), so that the count below is all
    waiting = pending(sa)
    monkeypatch.setattr(sync_service, "HEAD_REVISION", "0003")
    with pytest.raises(SyncFailed) as err:
        sa.sync_now()
    assert err.value.code == "update" and "cập nhật phần mềm" in err.value.message
    assert pending(sa) == waiting and "cập nhật" in sa.status().last_error
    monkeypatch.setattr(sync_service, "HEAD_REVISION", "9999")  # a client newer than the server
    with pytest.raises(SyncFailed) as err:
        sa.sync_now()
    assert "máy chủ" in err.value.message.lower() and pending(sa) == waiting
    monkeypatch.setattr(sync_service, "HEAD_REVISION", SCHEMA_VERSIONS[-1])  # updated
    sa.sync_now()
    assert pending(sa) == 0


def test_a_revoked_pc_is_told_and_keeps_its_data(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Mạc Thị Bưởi", gender="Nữ")
    from server.devices.service import revoke
    device_id = rows(a, "SELECT server_device_id FROM sync_state")[0][0]
    with server.sessions() as s, s.begin():
        revoke(s, device_id)
    with pytest.raises(SyncFailed) as err:
        sa.sync_now()
    assert "thu hồi" in err.value.message and pending(sa) > 0


def test_enrolment_codes(server, tmp_path):
    unit = server.unit()
    ctx = open_context(tmp_path / "e.sqlite3")
    try:
        svc = SyncService(ctx)
        with pytest.raises(SyncFailed, match="không đúng"):
            svc.enroll(server.base, "AAAAA-BBBBB")
        expired = server.code(unit, hours=-1)
        with pytest.raises(SyncFailed, match="hết hạn"):
            svc.enroll(server.base, expired)
        code = server.code(unit)
        svc.enroll(server.base, code.lower().replace("-", " "))  # typed loosely, still accepted
        other = open_context(tmp_path / "f.sqlite3")
        try:
            with pytest.raises(SyncFailed, match="đã được dùng"):
                SyncService(other).enroll(server.base, code)
        finally:
            other.close()
    finally:
        ctx.close()


def test_both_sides_having_data_is_refused_without_using_the_code(server, make_device, tmp_path):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Tạ Quang Bửu")
    sa.sync_now()
    other = open_context(tmp_path / "other.sqlite3")
    try:
        add_member(other, "Người Khác")
        code = server.code(unit)
        with pytest.raises(SyncFailed, match="tệp dữ liệu trống"):
            SyncService(other).enroll(server.base, code)
        fresh = open_context(tmp_path / "fresh.sqlite3")
        try:
            SyncService(fresh).enroll(server.base, code)  # the code is still good
            SyncService(fresh).sync_now()
            assert rows(fresh, "SELECT full_name FROM member") == [("Tạ Quang Bửu",)]
        finally:
            fresh.close()
    finally:
        other.close()
    assert date.today()


def test_a_protocol_1_client_is_asked_to_update(server, make_device):
    """Protocol 2 sends rows column-wise: a PC of the version before gets "please update"
    (426) on every device request, and its pending changes stay with it. So does a
    client whose schema is too old, or one that sends no schema version at all (every
    desktop sends it: a request without it comes from one too old to know it)."""
    import uuid

    import requests

    from desktop.sync import credentials
    from protocol import PROTOCOL_VERSION

    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Lý Thường Kiệt")
    token = credentials.load(rows(a, "SELECT server_device_id FROM sync_state")[0][0])
    code = server.code(unit)
    enroll = {"code": code, "device_name": "Máy cũ", "local_device_id": str(uuid.uuid4()), "has_data": False}
    current = {"X-Sync-Protocol": str(PROTOCOL_VERSION), "X-Schema-Version": SCHEMA_VERSIONS[-1]}
    old_clients = {"protocol 1": {**current, "X-Sync-Protocol": "1"},
                   "schema too old": {**current, "X-Schema-Version": "0003"},
                   "no schema header": {"X-Sync-Protocol": str(PROTOCOL_VERSION)},
                   "no headers": {}}
    for client, versions in old_clients.items():
        headers = {"Authorization": f"Bearer {token}", **versions}
        for method, path, body in (("GET", "/api/v1/sync/pull", None),
                                   ("POST", "/api/v1/sync/push", {"mutations": []}),
                                   ("GET", "/api/v1/sync/status", None), ("GET", "/api/v1/sync/devices", None),
                                   ("POST", "/api/v1/books", {"kind": "thu", "year": 2025}),
                                   ("POST", "/api/v1/enroll", enroll)):
            r = requests.request(method, server.base + path, json=body, headers=headers, timeout=10)
            assert r.status_code == 426, (client, path, r.status_code, r.text)
            assert r.json()["code"] == "update_app" and "cập nhật phần mềm" in r.json()["detail"], (client, path)
    assert pending(sa) > 0
    # Refused before anything was done: the enrolment code is still good.
    r = requests.post(server.base + "/api/v1/enroll", json=enroll, headers=current, timeout=10)
    assert r.status_code == 200 and r.json()["device_number"] == 2, r.text
    sa.sync_now()
    assert pending(sa) == 0 and server_count(server, unit, "member") == 1
