"""Administrators manage the units below them from the web page; device credentials are
kept on the server only as hashes. Both backends, over real HTTP."""

import hashlib
import re
import uuid
from html import unescape

import requests
from sqlalchemy import select, update

from protocol import PROTOCOL_VERSION, SCHEMA_VERSIONS
from server.base import Base
from server.devices.models import Device
from server.devices.service import _sha
from server.units.models import Unit

HEADERS = {"X-Sync-Protocol": str(PROTOCOL_VERSION), "X-Schema-Version": SCHEMA_VERSIONS[-1]}


def _units(server) -> dict[str, tuple[str, str | None]]:
    """code → (name, parent code), straight from the server database."""
    with server.sessions() as s:
        by_id = {u.id: u for u in s.scalars(select(Unit))}
        return {u.code: (u.name, by_id[u.parent_id].code if u.parent_id else None) for u in by_id.values()}


def _err(html: str) -> str:
    found = re.search(r"<p class='err'>(.*?)</p>", html)
    return unescape(found.group(1)) if found else ""


def test_an_administrator_adds_units_under_their_own(server):
    province = server.unit("Liên đoàn Lao động tỉnh Thử")
    commune = server.unit("Công đoàn xã Tân Hòa", parent=province)
    other = server.unit("Công đoàn xã Bên Cạnh", parent=province)  # a sibling: not the commune's
    server.admin(commune, f"xa-{commune}")
    school = f"TH-{uuid.uuid4().hex[:6].upper()}"

    web = requests.Session()
    page = web.post(server.base + "/admin/login", data={"username": f"xa-{commune}", "password": "matkhau-123"})
    assert page.ok and "Thêm đơn vị trực thuộc" in page.text
    # The parent is chosen among the administrator's own sub-tree, their own unit first.
    options = re.findall(r"<option value='([^']*)'( selected)?>", page.text)
    assert options == [(commune, " selected")]

    # Without a session nothing is created.
    anon = requests.post(server.base + "/admin/units", data={"code": school, "name": "X", "parent": commune})
    assert "Đăng nhập" in anon.text and school not in _units(server)

    r = web.post(server.base + "/admin/units",
                 data={"code": school, "name": "  CĐCS Trường Tiểu học  Tân Hòa ", "parent": commune})
    assert r.ok and r.history and r.history[0].status_code == 303, r.text
    assert "CĐCS Trường Tiểu học Tân Hòa" in r.text and f"?unit={school}'" in r.text
    assert _units(server)[school] == ("CĐCS Trường Tiểu học Tân Hòa", commune)
    options = dict(re.findall(r"<option value='([^']*)'[^>]*>([^<]*)</option>", r.text))
    assert set(options) == {commune, school} and options[school].startswith("— ")

    # A unit below the new one: the parent may be any unit of the sub-tree.
    group = school + "-T1"
    r = web.post(server.base + "/admin/units", data={"code": group, "name": "Tổ công đoàn khối 1", "parent": school})
    assert r.ok and _units(server)[group] == ("Tổ công đoàn khối 1", school)

    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": f"xa-{commune}", "password": "matkhau-123"}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    body = requests.get(server.base + f"/api/v1/units/{commune}/figures", headers=auth).json()
    got = {u["code"]: u for u in body["units"]}
    # A node's figures list the node and the units directly below it (each with its sub-tree).
    assert set(got) == {commune, school} and got[school]["parent_code"] == commune
    r = requests.get(server.base + f"/api/v1/units/{school}/figures", headers=auth)
    assert r.ok and r.json()["unit"] == school
    assert {u["code"]: u["parent_code"] for u in r.json()["units"]} == {school: commune, group: school}

    before = _units(server)
    # A forged parent outside the sub-tree (the sibling, the province above, an unknown
    # code) is refused with the same words, and nothing is created.
    for parent in (other, province, "KHONG-CO"):
        r = web.post(server.base + "/admin/units", data={"code": "GIA-MAO", "name": "Đơn vị giả", "parent": parent})
        assert r.status_code == 403, (parent, r.status_code)
        assert _err(r.text) == "Đơn vị cấp trên phải là đơn vị thuộc phạm vi quản lý của tài khoản.", parent
        assert "Thêm đơn vị trực thuộc" in r.text  # the page again, not a bare error
    r = web.post(server.base + "/admin/units", data={"code": school, "name": "Trùng mã", "parent": commune})
    assert r.status_code == 409 and _err(r.text) == f"Đã có đơn vị mã '{school}'."
    r = web.post(server.base + "/admin/units", data={"code": "TEN-TRONG", "name": "   ", "parent": commune})
    assert r.status_code == 409 and _err(r.text) == "Hãy nhập tên đơn vị."
    assert "value='TEN-TRONG'" in r.text  # what was typed is kept
    r = web.post(server.base + "/admin/units", data={"code": "", "name": "Không mã", "parent": commune})
    assert r.status_code == 409 and _err(r.text) == "Hãy nhập mã đơn vị."
    r = web.post(server.base + "/admin/units", data={"code": "CÓ DẤU/CÁCH", "name": "Mã lạ", "parent": commune})
    assert r.status_code == 409 and "Mã đơn vị chỉ gồm" in _err(r.text)
    r = web.post(server.base + "/admin/units", data={"code": "DAI", "name": "x" * 201, "parent": commune})
    assert r.status_code == 409 and "200 ký tự" in _err(r.text)
    assert _units(server) == before
    body = requests.get(server.base + f"/api/v1/units/{commune}/figures", headers=auth).json()
    assert {u["code"] for u in body["units"]} == {commune, school}


def _everything(s) -> list[str]:
    """Every value of every column of every table of the server database, as text."""
    values = []
    for table in Base.metadata.sorted_tables:
        for row in s.execute(select(table)):
            values += [v.hex() if isinstance(v, bytes) else str(v) for v in row if v is not None]
    return values


def test_device_credentials_are_stored_only_hashed(server):
    unit = server.unit()
    r = requests.post(server.base + "/api/v1/enroll", headers=HEADERS, timeout=30, json={
        "code": server.code(unit), "device_name": "Máy kế toán", "local_device_id": str(uuid.uuid4()),
        "has_data": False})
    assert r.ok, r.text
    token = r.json()["token"]
    device_id, _, secret = token.partition(".")
    assert device_id == r.json()["device_id"] and len(secret) >= 32

    # The credential works…
    r = requests.get(server.base + "/api/v1/sync/status", headers={**HEADERS, "Authorization": f"Bearer {token}"})
    assert r.ok, r.text
    # …yet neither it nor its secret part is in the device's row, nor anywhere else.
    with server.sessions() as s:
        device = s.get(Device, device_id)
        row = [str(getattr(device, c.key)) for c in Device.__table__.columns]
    assert not [v for v in row if token in v or secret in v], row
    with server.sessions() as s:
        assert not [v for v in _everything(s) if secret in v]
    assert device.token_hash == _sha(secret) == hashlib.sha256(secret.encode()).hexdigest()
    # (The scan is not blind: a copy of the secret put in a column, then rolled back, is found.)
    with server.sessions() as s:
        s.execute(update(Device).where(Device.id == device_id).values(name=secret))
        assert [v for v in _everything(s) if secret in v] == [secret]
        s.rollback()
    # The stored value is a hash of the secret, so another secret with the same device id fails.
    forged = f"{device_id}.{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    r = requests.get(server.base + "/api/v1/sync/status", headers={**HEADERS, "Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


def test_the_same_unit_code_added_at_the_same_moment(server):
    """Two administrators add the same code at once: the second has checked the code
    before the first committed, and is told the code is taken instead of a server error."""
    import threading
    import time

    from server.errors import Conflict
    from server.units.service import create_unit

    parent = server.unit("Công đoàn phường Thử")
    code = f"CUNG-{uuid.uuid4().hex[:6].upper()}"
    first = server.sessions()
    first.begin()
    create_unit(first, code, "CĐCS thêm trước", parent)  # written, not yet committed
    outcome = []

    def second():
        with server.sessions() as s:
            try:
                with s.begin():
                    create_unit(s, code, "CĐCS thêm cùng lúc", parent)
                outcome.append("created")
            except Conflict as exc:
                outcome.append(exc.detail)

    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.5)  # the second has found no such code and waits on the first's row
    first.commit()
    first.close()
    t.join(30)
    assert outcome == [f"Đã có đơn vị mã {code!r}."]
    assert _units(server)[code] == ("CĐCS thêm trước", parent)
