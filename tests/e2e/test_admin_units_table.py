"""/admin/: the table of the units directly below a node, paged, sorted, searched without
diacritics and filtered on the server, each row opening that unit (real server, real HTTP)."""

import re

import requests

from tests.e2e.test_upper_level_figures import Tables, fill_school


def _table(html: str) -> list[list[str]]:
    return [r for r in Tables(html).tables[next(k for k in Tables(html).tables if k and k.startswith(
        "Đơn vị trực thuộc"))][1:] if len(r) == 8]


def test_units_below_a_node_paged_searched_filtered_sorted(server, make_device):
    commune = server.unit("Công đoàn phường Bến Thành")
    school = server.unit("CĐCS Trường Tiểu học Bến Thành", parent=commune)
    others = [server.unit(f"CĐCS Công ty số {i:02d}", parent=commune) for i in range(24)]
    below = server.unit("Tổ công đoàn khối văn phòng", parent=school)  # two levels down: not listed here
    a, sa = make_device(server, school, "truong-bt")
    fill_school(a)
    assert sa.sync_now().rejected == 0
    server.admin(commune, f"p-{commune}")
    web = requests.Session()
    page = web.post(server.base + "/admin/login", data={"username": f"p-{commune}", "password": "matkhau-123"})
    assert page.ok and "Đơn vị trực thuộc (25)" in page.text
    first = _table(page.text)
    assert len(first) == 20 and "Trang 1/2" in page.text
    assert [r[0] for r in first] == sorted([school, *others])[:20]  # by code first
    second = _table(web.get(server.base + "/admin/", params={"unit": commune, "page": "2"}).text)
    assert [r[0] for r in second] == sorted([school, *others])[20:] and below not in {r[0] for r in first + second}

    found = _table(web.get(server.base + "/admin/", params={"unit": commune, "q": "truong tieu hoc ben"}).text)
    assert [(r[0], r[1], r[2]) for r in found] == [(school, "CĐCS Trường Tiểu học Bến Thành", "4")]  # 4 on the books
    assert found[0][5] != "0 đ" and found[0][6] == "260.000 đ"  # due, collected (one receipt voided)

    stale_page = web.get(server.base + "/admin/", params={"unit": commune, "filter": "no_sync_30"}).text
    stale = _table(stale_page)
    # 24 never synced, on two pages; not the school, which synced (the union group
    # registered as a unit below it has no PC of its own: it is not a silent unit).
    assert school not in {r[0] for r in stale} and len(stale) == 20 and "Trang 1/2" in stale_page
    low = web.get(server.base + "/admin/", params={"unit": commune, "filter": "collected_below_80"}).text
    assert [r[0] for r in _table(low)] == [school]  # the only unit with dues due

    by_name = web.get(server.base + "/admin/", params={"unit": commune, "sort": "name", "desc": "1"}).text
    names = [r[1] for r in _table(by_name)]
    assert names[0] == "CĐCS Trường Tiểu học Bến Thành" and names[1:] == sorted(names[1:], reverse=True)

    # A row opens its unit: its own page, with the unit below it in its table.
    link = re.search(r"<a href='(/admin/\?unit=" + school + r")'>", page.text)
    opened = web.get(server.base + link.group(1).replace("&amp;", "&"))
    assert "<h1>CĐCS Trường Tiểu học Bến Thành</h1>" in opened.text
    assert [r[0] for r in _table(opened.text)] == [below]
    # Nothing odd in the parameters breaks the page.
    odd = web.get(server.base + "/admin/", params={"unit": commune, "page": "x", "sort": "'; drop", "filter": "?"})
    assert odd.status_code == 200 and len(_table(odd.text)) == 20


def test_last_sync_of_a_unit_below_is_its_whole_sub_tree(server, make_device):
    """A commune union's own PCs rarely sync: its line shows the latest sync of any PC of
    its sub-tree (its units and theirs), and the filter and the states chart mean the same."""
    from datetime import timedelta

    from sqlalchemy import update

    from server.base import utcnow
    from server.devices.models import Device

    province = server.unit("Liên đoàn Lao động tỉnh Thử")
    near = server.unit("Công đoàn xã Gần", parent=province)  # a grassroots unit below it synced today
    far = server.unit("Công đoàn xã Xa", parent=province)  # a unit two levels below it synced 40 days ago
    idle = server.unit("Công đoàn xã Lặng", parent=province)  # no PC synced anywhere below it
    school = server.unit("CĐCS Trường Mầm non Gần", parent=near)
    team = server.unit("Tổ công đoàn Xa", parent=server.unit("CĐCS Công ty Xa", parent=far))
    server.unit("CĐCS Chưa có máy", parent=idle)
    for unit, name in ((school, f"gan-{school}"), (team, f"xa-{team}"), (school, f"gan2-{school}")):
        _ctx, sync = make_device(server, unit, name)
        assert sync.sync_now().rejected == 0
    with server.sessions() as s, s.begin():  # the second PC of the school and the far team's synced long ago
        old = utcnow() - timedelta(days=40)
        s.execute(update(Device).where(Device.name.in_([f"xa-{team}", f"gan2-{school}"])).values(last_sync_at=old))
    server.admin(province, f"t-{province}")
    web = requests.Session()
    page = web.post(server.base + "/admin/login", data={"username": f"t-{province}", "password": "matkhau-123"})
    assert page.ok
    rows = {r[0]: r for r in _table(page.text)}
    today, forty = utcnow().date().isoformat(), (utcnow() - timedelta(days=40)).date().isoformat()
    assert rows[near][4].startswith(today)  # the latest of the school's two PCs
    assert rows[far][4] == f"{rows[far][4][:19]} · 1 đơn vị chưa đồng bộ 30 ngày" and rows[far][4].startswith(forty)
    assert rows[idle][4] == "chưa"  # its unit never enrolled a PC: never synced, none silent
    stale = _table(web.get(server.base + "/admin/", params={"unit": province, "filter": "no_sync_30"}).text)
    assert sorted(r[0] for r in stale) == sorted([far, idle])
    assert "Đồng bộ trong 30 ngày: 1 · Chưa đồng bộ 30 ngày: 2" in page.text
    by_sync = _table(web.get(server.base + "/admin/", params={"unit": province, "sort": "sync", "desc": "1"}).text)
    assert [r[0] for r in by_sync] == [near, far, idle]
    # The school's own line, one level down, is its own PCs' (its sub-tree is itself).
    assert _table(web.get(server.base + "/admin/", params={"unit": near}).text)[0][4].startswith(today)


def test_silent_units_below_a_row(server):
    """A commune union one of whose units synced yesterday still shows, filters and counts
    the units below it whose PCs have not synced for 30 days: each row counts the units of
    its sub-tree that have had a PC and have no live one synced in 30 days (a unit whose
    only PC was revoked included; a unit that never enrolled one not: it may be a union
    group registered as a unit, or an emptied district union)."""
    import uuid
    from datetime import timedelta

    from sqlalchemy import select

    from server.base import utcnow
    from server.devices.models import Device
    from server.reports.service import last_syncs_below
    from server.units.models import Unit

    province = server.unit("Liên đoàn Lao động tỉnh Lặng")
    busy = server.unit("Công đoàn xã Bận", parent=province)  # its own PC and one unit synced today, two silent
    fine = server.unit("Công đoàn xã Đủ", parent=province)  # every unit with a PC synced within 30 days
    alone = server.unit("CĐCS Trực thuộc tỉnh", parent=province)  # a row with none below, silent itself
    today, forty, two = utcnow() - timedelta(hours=1), utcnow() - timedelta(days=40), utcnow() - timedelta(days=2)
    revoked = utcnow() - timedelta(minutes=10)
    pcs = {busy: [(today, None)],
           server.unit("CĐCS Bận 1", parent=busy): [(today, None)],
           server.unit("CĐCS Bận 2", parent=busy): [(forty, None), (None, None)],  # long ago; enrolled, never synced
           server.unit("CĐCS Bận 3", parent=busy): [],  # never enrolled: not counted
           server.unit("CĐCS Bận 4", parent=busy): [(today, revoked)],  # its only PC revoked: silent
           server.unit("CĐCS Đủ 1", parent=fine): [(today, None)],
           server.unit("CĐCS Đủ 2", parent=fine): [(forty, None), (two, None)],  # its latest PC counts
           alone: [(forty, None)]}
    with server.sessions() as s, s.begin():
        ids = {code: uid for code, uid in s.execute(select(Unit.code, Unit.id))}
        for code, syncs in pcs.items():
            for number, (at, gone) in enumerate(syncs, 1):
                s.add(Device(id=str(uuid.uuid4()), unit_id=ids[code], number=number, name=f"may {number}",
                             local_device_id=str(uuid.uuid4()), token_hash=uuid.uuid4().hex, last_sync_at=at,
                             revoked_at=gone))
    with server.sessions() as s:
        found = last_syncs_below(s, s.scalars(select(Unit).where(Unit.code == province)).one())
    assert {uid: (f.silent, f.units) for uid, f in found.items()} == {
        ids[busy]: (2, 5), ids[fine]: (0, 3), ids[alone]: (1, 1)}
    assert found[ids[busy]].last.date() == today.date() and found[ids[alone]].last.date() == forty.date()

    server.admin(province, f"l-{province}")
    web = requests.Session()
    page = web.post(server.base + "/admin/login", data={"username": f"l-{province}", "password": "matkhau-123"})
    assert page.ok
    rows = {r[0]: r[4] for r in _table(page.text)}
    assert rows[busy].startswith(today.date().isoformat()) and rows[busy].endswith(" · 2 đơn vị chưa đồng bộ 30 ngày")
    assert rows[fine].startswith(today.date().isoformat()) and "đơn vị" not in rows[fine]
    assert rows[alone].startswith(forty.date().isoformat()) and "đơn vị" not in rows[alone]  # its date says it
    stale = _table(web.get(server.base + "/admin/", params={"unit": province, "filter": "no_sync_30"}).text)
    assert sorted(r[0] for r in stale) == sorted([busy, alone])
    assert "Đồng bộ trong 30 ngày: 1 · Chưa đồng bộ 30 ngày: 2" in page.text
    # One level down, the commune's own units: the silent ones and the one that never synced.
    below = web.get(server.base + "/admin/", params={"unit": busy, "filter": "no_sync_30"}).text
    assert sorted(r[4][:10] for r in _table(below)) == sorted([forty.date().isoformat(), "chưa",
                                                               today.date().isoformat()])

    # A unit's page: its silent units below, linked to the filtered table.
    unit = web.get(server.base + f"/admin/units/{province}").text
    assert "<b>3</b> đơn vị cấp dưới có máy mà chưa đồng bộ 30 ngày" in unit
    assert f"href='/admin/?unit={province}&amp;filter=no_sync_30'" in unit
    assert "Không đơn vị cấp dưới nào có máy mà đã quá 30 ngày chưa đồng bộ." in web.get(
        server.base + f"/admin/units/{fine}").text
    assert "đơn vị cấp dưới" not in web.get(server.base + f"/admin/units/{alone}").text
