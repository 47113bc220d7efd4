"""`congdoan-server rebuild-rollups`: rollups damaged (or missing, after a restore or a
migration) are put back from the stored rows, and the command says what it corrected."""

import json

import requests
from sqlalchemy import delete, select, update

from server.rollups.models import Rollup
from server.units.models import Unit
from tests.e2e.test_upper_level_figures import fill_cooperative, fill_school
from tests.server.test_server_cli import server_cmd


def _figures(server, commune, token):
    r = requests.get(server.base + f"/api/v1/units/{commune}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return r.json()


def test_rebuild_puts_back_what_the_stored_rows_say(server, make_device):
    commune = server.unit("Công đoàn xã Hòa Bình")
    school = server.unit("CĐCS Trường Hòa Bình", parent=commune)
    coop = server.unit("CĐCS HTX Hòa Bình", parent=commune)
    a, sa = make_device(server, school, "truong-hb")
    b, sb = make_device(server, coop, "htx-hb")
    fill_school(a)
    fill_cooperative(b)
    sa.sync_now()
    sb.sync_now()
    server.admin(commune, f"xa-{commune}")
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": f"xa-{commune}", "password": "matkhau-123"}).json()["token"]
    good = _figures(server, commune, token)
    assert good["total"]["dues_collected_by_month"] == {"2025-03": 200_000, "2025-04": 120_000, "2025-05": 110_000}

    r = server_cmd(server.url, "rebuild-rollups", "--unit", commune, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"corrected": {}}  # the pushes kept them exact

    with server.sessions() as s, s.begin():
        ids = dict(s.execute(select(Unit.code, Unit.id).where(Unit.code.in_([commune, school, coop]))).all())
        s.execute(delete(Rollup).where(Rollup.unit_id == ids[school], Rollup.scope == "o"))
        s.execute(update(Rollup).where(Rollup.unit_id == ids[commune], Rollup.scope == "t",
                                       Rollup.metric == "collected").values(value=Rollup.value + 7))
    assert _figures(server, commune, token)["total"] != good["total"]

    r = server_cmd(server.url, "rebuild-rollups", "--unit", school)
    assert r.returncode == 0, r.stderr
    assert "Đã sửa số liệu tổng hợp" in r.stdout and school in r.stdout and coop not in r.stdout
    r = server_cmd(server.url, "rebuild-rollups", "--json")
    fixed = json.loads(r.stdout)["corrected"]
    assert set(fixed) == {commune}  # the commune's sub-tree total still held the +7
    assert _figures(server, commune, token) == good
    r = server_cmd(server.url, "rebuild-rollups")
    assert r.returncode == 0 and "không phải sửa gì" in r.stdout
    with server.sessions() as s:
        assert s.scalar(select(Rollup.value).where(Rollup.unit_id == ids[commune], Rollup.scope == "t",
                                                   Rollup.metric == "collected", Rollup.month == "2025-03")) == 200_000
