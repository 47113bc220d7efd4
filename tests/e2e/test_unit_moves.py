"""Units moved to a new parent by decision (issue 15, item 7), through real pushes on
SQLite and PostgreSQL: the months before the decision stay with the old parent, those from
it on go to the new one, late pushes land by the month they belong to, and every refusal
names its line and moves nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
import requests
from sqlalchemy import select

from desktop.services.dues.service import DuesService
from server.reports.subtree import Period, build
from server.rollups.rebuild import rebuild, rebuild_by_unit
from server.sync.models import Record
from server.units.history import UnitMove, history
from server.units.models import Unit
from server.units.moves import MovesRefused, move_units
from server.units.service import unit_by_code
from tests.e2e.helpers import rows
from tests.e2e.test_upper_level_figures import fill_school

TODAY = date(2026, 12, 7)


def figures(server, admin: str, code: str) -> dict:
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": admin, "password": "matkhau-123"}).json()["token"]
    r = requests.get(server.base + f"/api/v1/units/{code}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return r.json()["total"]


def move(server, home: str, lines, number="123/QĐ-LĐLĐ", when="10/04/2025"):
    with server.sessions() as s, s.begin():
        return [(m.unit_id, m.valid_from) for m in move_units(s, unit_by_code(s, home), lines, number, when,
                                                               "quantri", today=TODAY)]


def exact(server) -> None:
    """The rollups agree with both rebuilds, of everything and of each sub-tree (rolled
    back: nothing changes)."""
    with server.sessions() as s:
        try:
            assert rebuild(s) == {}
            assert rebuild_by_unit(s) == {}
            for unit in s.scalars(select(Unit)):
                assert rebuild(s, unit) == {}, unit.code
        finally:
            s.rollback()


def test_figures_before_the_decision_stay_with_the_old_parent(server, make_device):
    province = server.unit("LĐLĐ tỉnh Thử")
    old, new = server.unit("Công đoàn xã Cũ", parent=province), server.unit("Công đoàn xã Mới", parent=province)
    school = server.unit("CĐCS Trường Thử", parent=old)
    server.admin(province, f"tinh-{province}")
    ctx, sync = make_device(server, school, f"truong-{school}")
    fill_school(ctx)
    sync.sync_now()
    before = figures(server, f"tinh-{province}", province)
    assert figures(server, f"tinh-{province}", old)["dues_collected_by_month"] == {"2025-03": 200_000,
                                                                                  "2025-04": 60_000}

    move(server, province, [(school, new)])  # in force from April 2025
    admin = f"tinh-{province}"
    assert figures(server, admin, province) == before  # both communes are in the province
    was, now = figures(server, admin, old), figures(server, admin, new)
    assert was["dues_collected_by_month"] == {"2025-03": 200_000}
    assert now["dues_collected_by_month"] == {"2025-04": 60_000}
    assert was["members_by_status"] == {} and sum(now["members_by_status"].values()) == 5  # members are now
    with server.sessions() as s:
        unit = unit_by_code(s, school)
        assert unit.path == unit_by_code(s, new).path + f"{unit.id}/"
        (h,) = history(s, unit.id)
        assert (h.valid_from, h.decision_no, h.decision_date, h.moved_by) == ("2025-04", "123/QĐ-LĐLĐ",
                                                                              date(2025, 4, 10), "quantri")
    exact(server)

    # A PC offline since: dues of March go to the old commune, of May to the new one.
    member = rows(ctx, "SELECT id FROM member WHERE full_name = 'Hoàng Thị Em'")[0][0]
    DuesService(ctx).pay(member, ["2025-03", "2025-05"], doc_date=date(2025, 3, 20))
    sync.sync_now()
    was, now = figures(server, admin, old), figures(server, admin, new)
    assert was["dues_collected_by_month"] == {"2025-03": 260_000}
    assert now["dues_collected_by_month"] == {"2025-04": 60_000, "2025-05": 60_000}
    exact(server)

    # Back to the old commune from June: April and May stay with the new one.
    move(server, province, [(school, old)], number="7/QĐ", when="2025-06-01")
    was, now = figures(server, admin, old), figures(server, admin, new)
    assert was["dues_collected_by_month"] == {"2025-03": 260_000}
    assert now["dues_collected_by_month"] == {"2025-04": 60_000, "2025-05": 60_000}
    assert sum(was["members_by_status"].values()) == 5 and now["members_by_status"] == {}
    exact(server)

    # Stored rows the rollups never counted (as after a restore), in the months of each
    # parent: the rebuild of the school alone corrects those above it under the parent of
    # each month.
    with server.sessions() as s, s.begin():
        for rec in s.scalars(select(Record).where(Record.unit_id == unit_by_code(s, school).id,
                                                  Record.tbl == "dues_payment")):
            if rec.data["month"][:7] in ("2025-03", "2025-05"):
                rec.data = {**rec.data, "amount": rec.data["amount"] + 1}
        s.flush()
        assert set(rebuild(s, unit_by_code(s, school))) == {school}  # the units above it are not counted
    exact(server)
    assert figures(server, admin, old)["dues_collected_by_month"] == {"2025-03": 260_004}
    assert figures(server, admin, new)["dues_collected_by_month"] == {"2025-04": 60_000, "2025-05": 60_001}


def test_refusals_name_every_line_and_move_nothing(server):
    province = server.unit("LĐLĐ tỉnh Từ chối")
    a, b = server.unit("CĐ xã A", parent=province), server.unit("CĐ xã B", parent=province)
    unit = server.unit("CĐCS A1", parent=a)
    elsewhere = server.unit("LĐLĐ tỉnh Khác")
    foreign = server.unit("CĐCS tỉnh khác", parent=elsewhere)
    lines = [(unit, b),            # 1 fine
             (b, unit),            # 2 a parent inside the unit itself (after line 1)
             (foreign, a),         # 3 a unit outside the administrator's sub-tree
             (unit, elsewhere),    # 4 a parent outside it
             (province, b),        # 5 the administrator's own unit
             (b, province),        # 6 already there
             ("KHÔNG-CÓ", a),      # 7 unknown (answered as outside)
             ("\x00", "a" * 500)]  # 8 hostile
    with pytest.raises(MovesRefused) as refused:
        move(server, province, lines)
    assert [n for n, _ in refused.value.problems] == [2, 3, 4, 5, 6, 7, 8]
    assert "nằm trong chính đơn vị" in refused.value.problems[0][1]
    with server.sessions() as s:
        assert s.scalar(select(UnitMove.id).limit(1).where(UnitMove.unit_id == unit_by_code(s, unit).id)) is None
        assert unit_by_code(s, unit).parent_id == unit_by_code(s, a).id

    for when, text in [("08/12/2026", "sau hôm nay"), ("31/02/2025", "không đúng dạng"), ("1999-12-31", "2000"),
                       ("", "không đúng dạng")]:
        with pytest.raises(Exception, match=text):
            move(server, province, [(unit, b)], when=when)
    for number in ["", "   ", "x" * 51, "12\x07"]:
        with pytest.raises(Exception, match="quyết định"):
            move(server, province, [(unit, b)], number=number)

    move(server, province, [(unit, b)], when="01/06/2025")
    with pytest.raises(MovesRefused, match="từ tháng 06/2025"):  # the history runs forward
        move(server, province, [(unit, a)], when="31/05/2025")
    # Two lines of one batch see each other: a then b under a, the same decision.
    move(server, province, [(a, b), (unit, a)], when="15/07/2025")
    with server.sessions() as s:
        ua, ub, uu = (unit_by_code(s, c) for c in (a, b, unit))
        assert ua.parent_id == ub.id and uu.parent_id == ua.id and uu.path == f"{ua.path}{uu.id}/"
        assert [m.valid_from for m in history(s, uu.id)] == ["2025-06", "2025-07"]
    # b was under a in no month from July on, but a moving under b's child would be a cycle.
    with pytest.raises(MovesRefused, match="nằm trong chính đơn vị"):
        move(server, province, [(b, unit)], when="01/08/2025")
    exact(server)


def test_many_units_at_once_with_their_sub_trees(server, make_device):
    province = server.unit("LĐLĐ tỉnh Nhiều")
    district = server.unit("LĐLĐ huyện Nhiều (giải thể)", parent=province)
    commune = server.unit("Công đoàn xã Nhiều", parent=province)
    units = [server.unit(f"CĐCS {i}", parent=district) for i in range(3)]
    group = server.unit("Công đoàn bộ phận", parent=units[0])
    ctx, sync = make_device(server, group, f"bophan-{group}")
    fill_school(ctx)
    sync.sync_now()
    move(server, province, [(u, commune) for u in units], when="01/07/2025")
    with server.sessions() as s:
        c = unit_by_code(s, commune)
        assert {u.code for u in s.scalars(select(Unit).where(Unit.parent_id == c.id))} == set(units)
        assert unit_by_code(s, group).path.startswith(c.path)
    server.admin(province, f"tinh-{province}")
    moved = figures(server, f"tinh-{province}", commune)
    assert moved["dues_collected_by_month"] == {} and sum(moved["members_by_status"].values()) == 5
    exact(server)


def _parents(server) -> dict[str, int | None]:
    with server.sessions() as s:
        return {u.code: u.parent_id for u in s.scalars(select(Unit))}


def test_the_move_forms_over_http_refuse_hostile_input(server):
    province = server.unit("LĐLĐ tỉnh Web")
    district = server.unit("LĐLĐ huyện Web (giải thể)", parent=province)
    commune = server.unit("Công đoàn xã Web", parent=province)
    units = [server.unit(f"CĐCS Web {i}", parent=district) for i in range(3)]
    other = server.unit("LĐLĐ tỉnh Bên")
    server.admin(province, f"tinh-{province}")
    web = requests.Session()
    assert web.post(server.base + "/admin/login", data={"username": f"tinh-{province}", "password": "matkhau-123"}).ok
    before = _parents(server)

    # Without a session: the login form, nothing moved.
    anon = requests.post(server.base + "/admin/moves", data={"units": units[0], "parent": commune,
                                                             "decision": "1/QĐ", "date": "2025-07-01"})
    assert "Đăng nhập" in anon.text and _parents(server) == before

    hostile = [{"units": units[0], "parent": commune, "decision": "1/QĐ", "date": "2099-01-01"},
               {"units": units[0], "parent": commune, "decision": "1/QĐ", "date": "hôm qua"},
               {"units": units[0], "parent": commune, "decision": "", "date": "2025-07-01"},
               {"units": units[0], "parent": commune, "decision": "1\x00", "date": "2025-07-01"},
               {"units": units[0], "parent": other, "decision": "1/QĐ", "date": "2025-07-01"},
               {"units": other, "parent": commune, "decision": "1/QĐ", "date": "2025-07-01"},
               {"units": district, "parent": units[1], "decision": "1/QĐ", "date": "2025-07-01", "from": "unit"},
               {"units": province, "parent": commune, "decision": "1/QĐ", "date": "2025-07-01", "from": "unit"},
               {"units": "x" * 5000, "parent": "\x07" * 100, "decision": "y" * 3000, "date": "\ud7ff" * 20},
               {"parent": commune, "decision": "1/QĐ", "date": "2025-07-01"},
               {"units": [units[0], units[0]], "parent": commune, "decision": "1/QĐ", "date": "2025-07-01",
                "from": "\x00"},
               {}]
    for data in hostile:
        r = web.post(server.base + "/admin/moves", data=data)
        assert 400 <= r.status_code < 500, (data, r.status_code, r.text[:300])
        assert "class='err'" in r.text, data
    r = web.post(server.base + "/admin/moves", data=b"units=\xff\xfe&parent=a",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "UTF-8" in r.text
    r = web.post(server.base + "/admin/moves", data={"units": [units[0], units[0]], "parent": commune,
                                                     "decision": "1/QĐ", "date": "2025-07-01"})
    assert r.status_code == 409 and "dòng 2" in r.text  # the second time it is already there: nothing moved
    assert _parents(server) == before

    # One unit from its page: the history shows on it.
    page = web.get(server.base + f"/admin/units/{units[0]}")
    assert "Chưa được chuyển" in page.text or "chưa được chuyển" in page.text
    assert f"<option value='{commune}'>" in page.text and f"<option value='{units[0]}'>" not in page.text
    r = web.post(server.base + "/admin/moves", data={"units": units[0], "parent": commune, "decision": "12/QĐ-LĐLĐ",
                                                     "date": "2025-07-01", "from": "unit"})
    assert r.ok and r.history[0].status_code == 303, r.text
    assert "12/QĐ-LĐLĐ" in r.text and "07/2025" in r.text and "01/07/2025" in r.text
    assert f"tinh-{province}" in r.text

    # The others at once, from the district's page of moves.
    page = web.get(server.base + f"/admin/moves?unit={district}")
    assert all(f"name='units' value='{u}'" in page.text for u in units[1:])
    r = web.post(server.base + "/admin/moves", data={"units": units[1:], "parent": commune, "decision": "13/QĐ",
                                                     "date": "2025-07-01", "from": district})
    assert r.ok and "Đã chuyển 2 đơn vị" in r.text, r.text
    with server.sessions() as s:
        c = unit_by_code(s, commune).id
    assert all(_parents(server)[u] == c for u in units)
    assert web.get(server.base + f"/admin/moves?unit={other}").status_code == 403


def test_bulk_moves_from_a_csv_all_or_nothing(server, tmp_path):
    from tests.server.test_server_cli import server_cmd

    province = server.unit("LĐLĐ tỉnh CSV")
    district = server.unit("LĐLĐ huyện CSV", parent=province)
    commune = server.unit("Công đoàn xã CSV", parent=province)
    units = [server.unit(f"CĐCS CSV {i}", parent=district) for i in range(4)]
    before = _parents(server)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"mã,mã cấp trên mới\n{units[0]},{commune}\n{units[1]}\n\n{units[2]},KHÔNG-CÓ\n"
                   f"{units[3]},{units[3]}\n", encoding="utf-8")
    r = server_cmd(server.url, "move-units", str(bad), "--decision", "52/QĐ", "--date", "01/07/2025")
    assert r.returncode == 1
    assert "dòng 3" in r.stderr and "dòng 5" in r.stderr and "dòng 6" in r.stderr and "dòng 2" not in r.stderr
    assert _parents(server) == before
    good = tmp_path / "good.csv"
    good.write_text("".join(f"{u},{commune}\n" for u in units), encoding="utf-8")
    r = server_cmd(server.url, "move-units", str(good), "--decision", "52/QĐ", "--date", "01/07/2025", "--json")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == '{"moved": 4}'
    with server.sessions() as s:
        c = unit_by_code(s, commune).id
    assert all(_parents(server)[u] == c for u in units)
    r = server_cmd(server.url, "move-units", str(tmp_path / "none.csv"), "--decision", "1", "--date", "01/07/2025")
    assert r.returncode == 1 and "Không đọc được tệp" in r.stderr


def test_level_names_are_data(server):
    from tests.server.test_server_cli import server_cmd

    province = server.unit("LĐLĐ tỉnh Cấp")
    commune = server.unit("Công đoàn xã Cấp", parent=province)
    server.admin(province, f"tinh-{province}")
    r = server_cmd(server.url, "levels", "--add", "  Công đoàn  cụm khu công nghiệp ", "--rank", "3", "--json")
    assert r.returncode == 0, r.stderr
    added = next(lv for lv in json.loads(r.stdout) if lv["name"] == "Công đoàn cụm khu công nghiệp")
    r = server_cmd(server.url, "levels", "--rename", str(added["id"]), "--name", "Công đoàn khu chế xuất")
    assert r.returncode == 0 and "Công đoàn khu chế xuất" in r.stdout and "Công đoàn cơ sở" in r.stdout
    assert server_cmd(server.url, "levels", "--rename", "999", "--name", "X").returncode == 1
    assert server_cmd(server.url, "levels", "--add", "Công đoàn cơ sở").returncode == 1  # already there
    assert server_cmd(server.url, "set-level", province, "2").returncode == 0

    web = requests.Session()
    web.post(server.base + "/admin/login", data={"username": f"tinh-{province}", "password": "matkhau-123"})
    page = web.get(server.base + f"/admin/units/{province}")
    assert "Cấp: <b>Liên đoàn Lao động tỉnh, thành phố</b>" in page.text and "action='/admin/levels'" not in page.text
    page = web.get(server.base + f"/admin/units/{commune}")
    assert "Cấp: <b>chưa ghi</b>" in page.text and "Công đoàn khu chế xuất</option>" in page.text
    for data in [{"unit": commune, "level": "999"}, {"unit": commune, "level": "-1"}, {"unit": commune, "level": "x" * 99},
                 {"unit": commune, "level": "²"}, {"unit": commune, "level": "٤"}, {"unit": province, "level": "4"}, {"unit": "\x00", "level": "4"}, {}]:
        r = web.post(server.base + "/admin/levels", data=data)
        assert 400 <= r.status_code < 500, (data, r.status_code, r.text[:200])
    r = web.post(server.base + "/admin/levels", data={"unit": commune, "level": "4"})
    assert r.ok and "Cấp: <b>Công đoàn phường, xã, đặc khu</b>" in r.text
    r = web.post(server.base + "/admin/levels", data={"unit": commune, "level": ""})
    assert r.ok and "Cấp: <b>chưa ghi</b>" in r.text


def push_waiting_for(server, sync, mover) -> None:
    """A sync started while `mover` (a session in the middle of a move) holds the unit's
    counter: it must wait on a lock; then the move commits and the sync ends."""
    import threading

    from sqlalchemy import text

    pushed = threading.Thread(target=sync.sync_now)
    pushed.start()
    with server.sessions() as s:
        for _ in range(400):
            if s.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                             "AND datname = current_database()")):
                break
            s.rollback()
            threading.Event().wait(0.05)
        else:
            raise AssertionError("the push never waited for the move")
    mover.commit()
    mover.close()
    pushed.join(60)


def test_a_push_during_a_move_waits_and_lands_under_the_parent_of_its_month(server, make_device):
    """PostgreSQL: a move holds the sync counters of the units it moves, so a push of one of
    them waits, then adds its change under the parents it reads after the move."""


    if not server.url.startswith("postgresql"):
        pytest.skip("SQLite runs one writing transaction at a time: nothing to wait for")
    province = server.unit("LĐLĐ tỉnh Đồng thời")
    old, new = server.unit("CĐ xã Cũ ĐT", parent=province), server.unit("CĐ xã Mới ĐT", parent=province)
    school = server.unit("CĐCS Đồng thời", parent=old)
    ctx, sync = make_device(server, school, f"dt-{school}")
    fill_school(ctx)
    sync.sync_now()
    member = rows(ctx, "SELECT id FROM member WHERE full_name = 'Hoàng Thị Em'")[0][0]
    DuesService(ctx).pay(member, ["2025-03", "2025-05"], doc_date=date(2025, 3, 20))

    mover = server.sessions()
    mover.begin()
    move_units(mover, unit_by_code(mover, province), [(school, new)], "9/QĐ", "10/04/2025", "quantri", today=TODAY)
    push_waiting_for(server, sync, mover)
    server.admin(province, f"dt-{province}")
    was, now = figures(server, f"dt-{province}", old), figures(server, f"dt-{province}", new)
    assert was["dues_collected_by_month"] == {"2025-03": 260_000}
    assert now["dues_collected_by_month"] == {"2025-04": 60_000, "2025-05": 60_000}
    exact(server)


def test_a_push_of_a_unit_that_left_waits_for_a_move_of_its_former_parent(server, make_device):
    """PostgreSQL: a school was under a district union until July 2025, then moved away; the
    district moves from March 2025. A late push of the school for April (when it was under
    the district) waits for the move and lands under the district's new ancestors."""


    if not server.url.startswith("postgresql"):
        pytest.skip("SQLite runs one writing transaction at a time: nothing to wait for")
    province = server.unit("LĐLĐ tỉnh Rời Đi")
    p, q, z = (server.unit(f"Công đoàn xã {n} RĐ", parent=province) for n in ("P", "Q", "Z"))
    district = server.unit("CĐ cụm RĐ", parent=p)
    school = server.unit("CĐCS Rời Đi", parent=district)
    ctx, sync = make_device(server, school, f"rd-{school}")
    fill_school(ctx)
    sync.sync_now()
    move(server, province, [(school, z)], when="01/07/2025")
    member = rows(ctx, "SELECT id FROM member WHERE full_name = 'Hoàng Thị Em'")[0][0]
    DuesService(ctx).pay(member, ["2025-04"], doc_date=date(2025, 4, 20))

    mover = server.sessions()
    mover.begin()
    move_units(mover, unit_by_code(mover, province), [(district, q)], "10/QĐ", "01/03/2025", "quantri", today=TODAY)
    push_waiting_for(server, sync, mover)
    exact(server)


def test_the_sub_tree_report_adds_up_across_a_move(server, make_device):
    """A school moved from one commune union to another from April 2025: each commune's
    yearly report has the school's line for its own months only (named as moved in or out),
    and each report's lines add up to its total."""
    province = server.unit("LĐLĐ tỉnh Báo Cáo")
    old, new = server.unit("Công đoàn xã Trước", parent=province), server.unit("Công đoàn xã Sau", parent=province)
    school = server.unit("CĐCS Trường Báo Cáo", parent=old)
    ctx, sync = make_device(server, school, f"truong-bc-{school}")
    fill_school(ctx)  # dues of March (200,000) and April (60,000) 2025
    sync.sync_now()
    move(server, province, [(school, new)])  # in force from April 2025
    with server.sessions() as s:
        reports = {code: build(s, unit_by_code(s, code), Period(2025), date(2026, 12, 7))
                   for code in (old, new, province)}
    lines = {code: {d.name: d.collected for d in r.dues} for code, r in reports.items()}
    assert lines[old] == {"CĐCS Trường Báo Cáo (đã chuyển đi từ tháng 04/2025)": 200_000, "Tổng cộng": 200_000}
    assert lines[new] == {"CĐCS Trường Báo Cáo (chuyển đến từ tháng 04/2025)": 60_000, "Tổng cộng": 60_000}
    # In the province each commune has the school's months it held.
    assert lines[province] == {"Công đoàn xã Trước": 200_000, "Công đoàn xã Sau": 60_000, "Tổng cộng": 260_000}
    members = {code: {m.name: m.members for m in r.members} for code, r in reports.items()}
    # At the end of 2025 the school's members are under the new commune only.
    assert members[old] == {"CĐCS Trường Báo Cáo (đã chuyển đi từ tháng 04/2025)": 0, "Tổng cộng": 0}
    assert members[new]["Tổng cộng"] == members[province]["Tổng cộng"] > 0
    with server.sessions() as s:  # the first half: the school was under the old commune until March
        first_half = build(s, unit_by_code(s, old), Period(2025, half=True), date(2026, 12, 7))
    assert {d.name: d.collected for d in first_half.dues}["Tổng cộng"] == 200_000
