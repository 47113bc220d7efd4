"""Issue 15, item 3: the first step past one machine, for real. A primary PostgreSQL and a
streaming replica made from it with pg_basebackup (tests/e2e/replica.py); the server
writes the PCs' syncs to the primary and serves the upper levels' pages and figures from
the replica (READ_DATABASE_URL). The pages say as of when their figures are: while the
replica's replay is paused the page shows the figures it had and how late they are; once
it catches up, the new ones; with the replica down, the primary's, saying so."""

import subprocess
import time

import pytest
import requests
from sqlalchemy import create_engine, text

from desktop.services.members.service import MemberService
from tests.e2e.replica import primary_and_replica, stop_all
from tests.e2e.test_upper_level_figures import fill_school
from tests.sync_support import SyncServer

DB = "congdoan_replica"


@pytest.fixture
def clusters():
    try:
        primary, replica = primary_and_replica()
    except subprocess.CalledProcessError:  # a free port taken meanwhile by another process: once more
        primary, replica = primary_and_replica()
    yield primary, replica
    stop_all(replica, primary)


def _members(server, token: str, unit: str) -> tuple[int, dict]:
    r = requests.get(server.base + f"/api/v1/units/{unit}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    body = r.json()
    return sum(v for k, v in body["total"]["members_by_status"].items() if k == "active"), body["as_of"]


def _as_of_line(page: str) -> str:
    at = page.find("Số liệu tính đến")
    return page[at:at + 200] if at >= 0 else "the page says nothing of as of when"


def _until(check, timeout: float = 30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("not reached in time")


def test_upper_levels_read_a_streaming_replica_and_say_as_of_when(clusters, tmp_path, make_device):
    primary, replica = clusters
    server = SyncServer("postgresql", tmp_path, pg_db=DB, pg_admin_url=primary.url(), read_url=replica.url(DB))
    standby = create_engine(replica.url(DB), isolation_level="AUTOCOMMIT")
    try:
        commune = server.unit("Công đoàn xã Tân Hòa")
        school = server.unit("CĐCS Trường Tiểu học Tân Hòa", parent=commune)
        ctx, sync = make_device(server, school, "truong")
        fill_school(ctx)
        assert sync.sync_now().rejected == 0
        server.admin(commune, "xa-admin")
        token = requests.post(server.base + "/api/v1/admin/login",
                              json={"username": "xa-admin", "password": "matkhau-123"}).json()["token"]
        # The replica catches up: the figures read there are the PC's, as of now.
        _until(lambda: _members(server, token, commune)[0] == 3)
        active, as_of = _members(server, token, commune)
        assert as_of["source"] == "replica" and not as_of["fallback"]
        web = requests.Session()
        assert web.post(server.base + "/admin/login", data={"username": "xa-admin", "password": "matkhau-123"}).ok
        page = web.get(server.base + f"/admin/?unit={commune}").text  # just after the login's write
        assert "đọc từ máy chủ bản sao (đã cập nhật đủ)" in page, _as_of_line(page)

        # Replay paused: a sync reaches the primary, the replica keeps what it had and says how late.
        with standby.connect() as c:
            c.execute(text("SELECT pg_wal_replay_pause()"))
        MemberService(ctx).add({"full_name": "Trịnh Văn Mới", "birth_date": "1995", "gender": "Nam",
                                "salary": 6_000_000, "joined_date": "01/01/2024", "dues_basis": "bhxh"},
                               confirm_similar=True)
        assert sync.sync_now().pushed > 0
        time.sleep(1.2)  # a lag long enough to be seen in whole seconds
        active, as_of = _members(server, token, commune)
        assert active == 3, "the replica still has the figures from before the sync"
        assert as_of["source"] == "replica" and as_of["lag_seconds"] >= 1
        page = web.get(server.base + f"/admin/?unit={commune}").text
        assert "đọc từ máy chủ bản sao (chậm" in page
        with create_engine(primary.url(DB)).connect() as c:  # the primary has the new member
            assert c.execute(text("SELECT count(*) FROM record WHERE tbl = 'member' AND deleted = false")).scalar() == 6

        # Replay resumed: the new figures, as of now.
        with standby.connect() as c:
            c.execute(text("SELECT pg_wal_replay_resume()"))
        _until(lambda: _members(server, token, commune)[0] == 4)
        _until(lambda: _members(server, token, commune)[1]["lag_seconds"] == 0)

        # The link to the primary down (the replica's WAL receiver stopped and not retrying):
        # it has replayed all it received, but a sync reaches the primary and not it: that is
        # not "up to date" any more.
        hba = primary.folder / "pg_hba.conf"  # the first line that matches decides: replication refused
        hba.write_text("local replication all reject\nhost replication all 127.0.0.1/32 reject\n"
                       "host replication all ::1/128 reject\n" + hba.read_text())
        with create_engine(primary.url(), isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text("SELECT pg_reload_conf()"))
            c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_replication"))
        MemberService(ctx).add({"full_name": "Đỗ Thị Sau", "birth_date": "1996", "gender": "Nữ",
                                "salary": 6_000_000, "joined_date": "01/01/2024", "dues_basis": "bhxh"},
                               confirm_similar=True)
        assert sync.sync_now().pushed > 0
        time.sleep(1.2)
        _until(lambda: _members(server, token, commune)[1]["lag_seconds"] >= 1)
        assert _members(server, token, commune)[0] == 4, "the replica does not have the new member"
        assert "đọc từ máy chủ bản sao (chậm" in web.get(server.base + f"/admin/?unit={commune}").text

        # The replica down: the pages read the primary and say so; nothing fails.
        standby.dispose()
        replica.stop()
        active, as_of = _members(server, token, commune)
        assert active == 5 and as_of["source"] == "primary" and as_of["fallback"]
        r = web.get(server.base + f"/admin/report?unit={commune}")
        assert r.status_code == 200 and "vì máy chủ bản sao không trả lời" in r.text
    finally:
        standby.dispose()
        server.close()
