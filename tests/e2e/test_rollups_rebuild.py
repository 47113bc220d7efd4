"""`congdoan-server rebuild-rollups`: rollups damaged (or missing, after a restore or a
migration) are put back from the stored rows, and the command says what it corrected."""

import json

import requests
from sqlalchemy import delete, select, update

from server.rollups.models import Rollup
from server.rollups.rebuild import rebuild_by_unit
from server.rollups.setwise import rebuild_all
from server.sync.models import Record
from server.units.models import Unit
from tests.e2e.test_upper_level_figures import fill_cooperative, fill_school
from tests.server.test_server_cli import server_cmd


def _figures(server, commune, token):
    r = requests.get(server.base + f"/api/v1/units/{commune}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    body = r.json()
    del body["as_of"]  # when the figures were read, not what they are
    return body


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


def _rollups(s) -> list[tuple]:
    """Every stored rollup row (a fact of nothing, 0 from no rows, counts as none)."""
    return sorted(tuple(r) for r in s.execute(select(
        Rollup.unit_id, Rollup.scope, Rollup.month, Rollup.metric, Rollup.key, Rollup.value, Rollup.n))
        if not (r.value == 0 and r.n == 0))


def _damage(s, ids: dict[str, int]) -> None:
    """Rollups wrong in every way a restore or a migration could leave them, and stored rows
    the pushes never counted (edge values a push may store: nulls, a text date, no status)."""
    school, coop, commune, province = ids["school"], ids["coop"], ids["commune"], ids["province"]
    s.execute(delete(Rollup).where(Rollup.unit_id == school, Rollup.scope == "o", Rollup.metric == "status"))
    s.execute(update(Rollup).where(Rollup.unit_id == coop, Rollup.scope == "o", Rollup.metric == "collected")
              .values(value=Rollup.value + 5, n=Rollup.n + 1))
    s.execute(delete(Rollup).where(Rollup.unit_id == commune, Rollup.scope == "t"))
    s.execute(update(Rollup).where(Rollup.unit_id == province, Rollup.scope == "t", Rollup.metric == "gender")
              .values(value=0, n=0))  # a fact of nothing: as good as none on both sides
    s.add(Rollup(unit_id=coop, scope="o", month="2024-01", metric="due", key="", value=9, n=1))
    s.add(Rollup(unit_id=province, scope="t", month="", metric="status", key="bịa", value=3, n=3))
    unit_data = [
        ("member", {"status": None, "gender": None, "birth_date": None, "group_id": None, "ethnicity": "Tày"}),
        ("member", {"status": "honorary", "gender": "Nữ", "birth_date": "1975-02-30", "ethnicity": None}),
        ("member", {"status": "left", "gender": "Nam", "birth_date": "1980-01-01"}),
        ("member", {"status": "active", "deleted_at": "2025-01-01 00:00:00"}),
        ("member_event", {"kind": "admitted", "event_date": None}),
        ("dues_month", {"month": "2025-07", "due": None}),
        ("dues_month", {"month": "2025-08", "due": 0}),
        ("cash_doc", {"kind": "thu", "category": None, "amount": 50_000, "doc_date": "2025-07-02"}),
        ("remittance", {"period_to": "2025-07", "amount": 12_000, "voucher_id": None}),
        ("activity", {"kind": None, "start_date": "2025-07-01"}),
    ]
    for i, (tbl, data) in enumerate(unit_data):
        row_id = f"00000000-0000-4000-8000-{i:012d}"
        s.add(Record(unit_id=school, tbl=tbl, row_id=row_id, seq=10_000_000 + i, data={"id": row_id, **data},
                     clock={}, deleted=data.get("deleted_at") is not None))
    s.flush()


def test_the_whole_rebuild_at_once_equals_the_rebuild_unit_by_unit(server, make_device):
    """The set-wise rebuild of every unit (rollups/setwise.py) corrects the same facts, to
    the same values, as the rebuild one unit after the other with the push's own facts()."""
    province = server.unit("Liên đoàn Lao động tỉnh Thử")
    commune = server.unit("Công đoàn xã An Lạc", parent=province)
    school = server.unit("CĐCS Trường An Lạc", parent=commune)
    coop = server.unit("CĐCS HTX An Lạc", parent=commune)
    server.unit("Công đoàn xã Trống", parent=province)  # a unit with nothing stored
    a, sa = make_device(server, school, "truong-al")
    b, sb = make_device(server, coop, "htx-al")
    fill_school(a)
    fill_cooperative(b)
    sa.sync_now()
    sb.sync_now()
    with server.sessions() as s:
        ids = {k: s.scalar(select(Unit.id).where(Unit.code == code)) for k, code in
               {"province": province, "commune": commune, "school": school, "coop": coop}.items()}
        assert rebuild_all(s) == {}  # the pushes kept them exact
        s.rollback()

    results = []
    for rebuild in (rebuild_by_unit, rebuild_all):
        with server.sessions() as s:
            _damage(s, ids)
            before = _rollups(s)
            corrected = rebuild(s)
            results.append((corrected, _rollups(s)))
            assert rebuild(s) == {}  # and a second run finds nothing left
            s.rollback()
    (by_unit, rows_by_unit), (at_once, rows_at_once) = results
    assert by_unit == at_once
    assert set(by_unit) == {province, commune, school, coop}
    assert rows_at_once == rows_by_unit != before
