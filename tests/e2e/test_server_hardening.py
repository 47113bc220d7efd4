"""Hostile input against the real server over real HTTP (issue 11, the server's items):
bodies bounded before and after decompression, every pushed value checked against
protocol/fields.py, pulls that survive rows stored before the checks, 4xx instead of 500,
administrator logins throttled, and the dashboard's count of members by status."""

from __future__ import annotations

import gzip
import json
import time
import unicodedata
import uuid
import zlib

import pytest
import requests

from protocol import SCHEMA_VERSIONS
from protocol.messages import HEADER_PROTOCOL, HEADER_SCHEMA, PROTOCOL_VERSION
from tests.e2e.helpers import add_member, rows

VERSIONS = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: SCHEMA_VERSIONS[-1]}


def enroll(server, unit: str) -> dict:
    """A device credential by the real enrolment: the headers of its requests."""
    r = requests.post(server.base + "/api/v1/enroll", headers=VERSIONS, json={
        "code": server.code(unit), "device_name": "Máy thử", "local_device_id": str(uuid.uuid4()),
        "has_data": False})
    assert r.status_code == 200, r.text
    return {**VERSIONS, "Authorization": f"Bearer {r.json()['token']}"}


def new_id() -> str:
    return str(uuid.uuid4())


def mutation(tbl: str, fields: dict, op: str = "insert", **extra) -> dict:
    return {"mutation_id": new_id(), "tbl": tbl, "row_id": new_id(), "op": op, "fields": fields,
            "base_seq": None, "hlc": int(time.time() * 1000), "device_id": "pc-thu", **extra}


def push(server, headers, mutations=(), **body) -> requests.Response:
    return requests.post(server.base + "/api/v1/sync/push", headers=headers,
                         json={"mutations": list(mutations), **body}, timeout=120)


def pull_all(server, headers) -> list[dict]:
    pages, cursor = [], 0
    while True:
        r = requests.get(server.base + "/api/v1/sync/pull", headers=headers, params={"cursor": cursor}, timeout=120)
        assert r.status_code == 200, r.text
        page = r.json()
        pages.append(page)
        cursor = page["cursor"]
        if not page["more"]:
            return pages


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def poison(server, unit: str, tbl: str, data: dict) -> str:
    """A row stored straight into the server's database, as a push before the checks could
    leave it: the counter moved with it, as a push would."""
    from sqlalchemy import select

    from server.sync.models import Record, UnitSync
    from server.units.models import Unit

    row_id = new_id()
    with server.sessions() as s, s.begin():
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit))
        counter = s.get(UnitSync, unit_id, with_for_update=True)
        counter.last_seq += 1
        s.add(Record(unit_id=unit_id, tbl=tbl, row_id=row_id, seq=counter.last_seq, data={**data, "id": row_id},
                     clock={}, deleted=False, origin=None))
    return row_id


# ---- 1. bodies: the credential first, then a bounded read -------------------------------

@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """Half a megabyte of gzip that expands to 512 MB of JSON text."""
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    out = [c.compress(b'{"mutations": [], "ids": ["')]
    zeros = b"0" * (16 << 20)
    out += [c.compress(zeros) for _ in range(32)]
    out.append(c.compress(b'"]}'))
    out.append(c.flush())
    return b"".join(out)


def test_a_gzip_bomb_is_refused_without_and_with_a_credential_in_bounded_memory(server, gzip_bomb):
    unit = server.unit()
    headers = enroll(server, unit)
    before = rss_mb(server.proc.pid)
    bomb = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    # Anonymous: refused before a byte of the body is read.
    r = requests.post(server.base + "/api/v1/sync/push", headers={**VERSIONS, **bomb}, data=gzip_bomb, timeout=120)
    assert r.status_code == 401
    r = requests.post(server.base + "/api/v1/sync/push", headers={**VERSIONS, **bomb, "Authorization": "Bearer x.y"},
                      data=gzip_bomb, timeout=120)
    assert r.status_code == 401
    # With a credential: decompressed as a stream and stopped at the cap.
    for _ in range(3):
        r = requests.post(server.base + "/api/v1/sync/push", headers={**headers, **bomb}, data=gzip_bomb, timeout=120)
        assert r.status_code == 413, r.text
        assert "quá lớn" in r.json()["detail"]
    grown = rss_mb(server.proc.pid) - before
    assert grown < 300, f"the server grew by {grown:.0f} MB"
    # The server still serves.
    assert push(server, headers).status_code == 200


def test_every_body_is_capped_on_the_wire(server):
    unit = server.unit()
    headers = enroll(server, unit)
    big = b"x" * (40 << 20)
    r = requests.post(server.base + "/api/v1/sync/push", headers={**headers, "Content-Type": "application/json"},
                      data=big, timeout=120)
    assert r.status_code == 413
    # Endpoints with small bodies take small bodies, declared length or not.
    r = requests.post(server.base + "/api/v1/enroll", headers={**VERSIONS, "Content-Type": "application/json"},
                      data=b"{" + b" " * (1 << 20) + b"}", timeout=60)
    assert r.status_code == 413
    r = requests.post(server.base + "/admin/login", data=iter([b"username=a&password=" + b"b" * (1 << 20)]),
                      timeout=60)  # chunked: no declared length
    assert r.status_code == 413
    r = requests.post(server.base + "/api/v1/books", headers={**VERSIONS, "Content-Type": "application/json"},
                      data=json.dumps({"kind": "thu", "year": 2026}), timeout=60)
    assert r.status_code == 401  # no credential: the body is not read


# ---- 2, 3, 5. every pushed value checked; a damaged stored row never stops a pull -------

def test_hostile_values_are_rejected_with_a_message_naming_the_field(server):
    unit = server.unit()
    headers = enroll(server, unit)
    cases = [
        ({"full_name": {"a": [1]}, "gender": "Nam"}, "Họ và tên"),
        ({"full_name": "Lê Văn Bình", "salary": [1, 2]}, "Tiền lương"),
        ({"full_name": "Lê\x00 Văn Bình"}, "ký tự điều khiển"),  # PostgreSQL's jsonb refuses NUL
        ({"full_name": "Lê Văn\nBình"}, "Họ và tên"),  # one line only
        ({"notes": "dòng\x07 chuông"}, "Ghi chú"),
        ({"salary": 10 ** 19}, "999.999.999.999"),
        ({"salary": -5}, "Tiền lương"),
        ({"status": "ghost"}, "Trạng thái"),
        ({"gender": "X"}, "Giới tính"),
        ({"birth_date": "1990-02-30"}, "Ngày sinh"),
        ({"group_id": "not an id"}, "Tổ công đoàn"),
        ({"party_member": 7}, "Đảng viên"),
        ({"full_name": None}, "không được để trống"),
        ({"full_name": unicodedata.normalize("NFD", "Nguyễn Thị Ánh")}, "NFC"),  # decomposed accents
    ]
    r = push(server, headers, [mutation("member", fields) for fields, _ in cases])
    assert r.status_code == 200, r.text
    for (fields, expected), result in zip(cases, r.json()["results"]):
        assert result["status"] == "rejected", fields
        assert result["code"] == "invalid_field"
        assert expected in result["error"], (fields, result["error"])
        assert "full_name" not in result["error"] and "salary" not in result["error"]  # named by label
    # Meta columns and ids too.
    results = push(server, headers, [
        mutation("member", {"full_name": "An"}, created_at="x" * 1000),
        mutation("member", {"full_name": "An"}, device_id="pc\x00"),
        mutation("member", {"full_name": "An"}, mutation_id="abc\x00"),
        mutation("member\x00", {"full_name": "An"}),
        mutation("member", {f"k{i}\x00": 1 for i in range(2000)}),
    ]).json()["results"]
    assert [x["status"] for x in results] == ["rejected"] * 5
    assert all(len(x["error"]) < 300 and "\x00" not in x["error"] for x in results)
    assert server.last_seq(unit) == 0  # nothing of it was stored


def test_a_ten_megabyte_name_is_refused_naming_the_field_and_its_limit(server):
    unit = server.unit()
    headers = enroll(server, unit)
    body = gzip.compress(json.dumps({"mutations": [mutation("member", {"full_name": "Nguyễn " * 1_500_000,
                                                                       "gender": "Nam"})]}).encode())
    r = requests.post(server.base + "/api/v1/sync/push", headers={**headers, "Content-Encoding": "gzip",
                                                                  "Content-Type": "application/json"},
                      data=body, timeout=120)
    assert r.status_code == 200
    result = r.json()["results"][0]
    assert result["status"] == "rejected"
    assert "Họ và tên" in result["error"] and "tối đa 200 ký tự" in result["error"]
    assert len(result["error"]) < 200  # the name is not repeated


def test_bulk_rows_with_hostile_values_are_rejected_one_by_one(server):
    unit = server.unit()
    headers = enroll(server, unit)
    doc, member = new_id(), new_id()
    good, bad, worse, decomposed = new_id(), new_id(), new_id(), new_id()
    ids = [good, bad, worse, decomposed, doc, member]
    r = push(server, headers, ids=ids, inserts=[{
        "tbl": "audit_log", "n": 4, "id": {"r": [0, 1, 1, 1]},
        "cols": {"at": {"c": "2026-01-05 10:00:00.000000"}, "tbl": {"c": "member"},
                 "action": {"v": ["insert", "insert", "update", "update"]},
                 "label": {"v": ["Nguyễn Văn An", [1, 2], "x\x00", unicodedata.normalize("NFD", "Võ Thị Ánh")]}}}])
    assert r.status_code == 200, r.text
    inserted = r.json()["inserted"][0]
    assert [i for i, _, _ in inserted["rejected"]] == [1, 2, 3]
    assert all("Mô tả" in msg for _, _, msg in inserted["rejected"])
    # A bulk insert whose id column decodes to integers: 400, not 500.
    r = push(server, headers, ids=ids, inserts=[{"tbl": "audit_log", "n": 2, "id": {"s": [1, 1]},
                                                 "cols": {"at": {"c": "2026-01-05 10:00:00"}}}])
    assert r.status_code == 400 and "định dạng" in r.json()["detail"]
    # n says a billion rows: refused before anything is made n times.
    r = push(server, headers, ids=ids, inserts=[{"tbl": "dues_payment", "n": 10 ** 9, "cols": {
        "doc_id": {"c": 3}, "member_id": {"c": 4}, "month": {"c": "2026-01-01"}, "amount": {"c": 1}}}])
    assert r.status_code == 400


def test_hostile_column_forms_are_refused_small_and_quick(server):
    """A bulk page's columns in every wrong shape a sender can write: a 400 naming the
    format, never a 500; and a few hundred bytes that would decode into gigabytes (a huge
    first difference repeated 200,000 times, a list far longer than its n) are refused
    before they are decoded, in bounded memory."""
    unit = server.unit()
    headers = enroll(server, unit)
    ids = [new_id() for _ in range(3)]
    before = rss_mb(server.proc.pid)
    n = 200_000
    at = {"c": "2026-01-05 10:00:00.000000"}
    hostile = [
        {"d": 3, "x": [0]},  # distinct values that are not a list
        {"d": None, "x": [0]},
        {"v": {"x": 1}},  # values that are an object
        {"v": "ab"},  # a text, not a list of two
        {"r": [-1]},  # a reference before the page's first id
        {"r": [7]},
        {"x": [0], "d": []},
        {"c": [1, 2]},
        {"zz": 1},
        [1],
        {"i": [True]},
        {"s": [0.5]},
    ]
    for form in hostile:
        r = push(server, headers, ids=ids, inserts=[{"tbl": "audit_log", "n": 1, "id": {"r": [0]},
                                                     "cols": {"at": at, "label": form}}])
        assert r.status_code == 400 and "định dạng" in r.json()["detail"], (form, r.status_code, r.text[:300])
    bombs = [{"i": [10 ** 4000] + [0] * (n - 1)}, {"s": [10 ** 4000] + [0] * (n - 1)},
             {"t": [0] * (5 * n)}, {"i": [10 ** 17] * n}]
    for form in bombs:
        body = gzip.compress(json.dumps({"mutations": [], "ids": ids, "inserts": [{
            "tbl": "audit_log", "n": n, "cols": {"at": at, "label": form}}]}).encode())
        r = requests.post(server.base + "/api/v1/sync/push", data=body, timeout=120,
                          headers={**headers, "Content-Encoding": "gzip", "Content-Type": "application/json"})
        assert r.status_code == 400, (str(form)[:40], r.status_code, r.text[:300])
    # Constant and copied columns, a few bytes each, that would be n values each.
    many = {f"k{i}": {"c": 1} for i in range(100)} | {f"e{i}": {"e": "k0"} for i in range(100)}
    r = push(server, headers, ids=ids, inserts=[{"tbl": "audit_log", "n": n, "cols": many}])
    assert r.status_code == 400 and "nhiều cột" in r.json()["detail"], r.text[:300]
    grown = rss_mb(server.proc.pid) - before
    assert grown < 300, f"the server grew by {grown:.0f} MB"
    assert push(server, headers).status_code == 200
    # A table of a newer PC is not decoded, and its rows are refused one by one, saying why.
    r = push(server, headers, ids=ids, inserts=[{"tbl": "bang_moi", "n": 2, "id": {"r": [0, 1]},
                                                 "cols": {"a": {"c": 1}}}])
    assert r.status_code == 200, r.text[:300]
    assert [code for _, code, _ in r.json()["inserted"][0]["rejected"]] == ["not_bulk", "not_bulk"]


def test_a_bulk_row_sent_again_is_the_same_insert_though_the_pcs_clock_ran_ahead(server):
    """A PC whose clock ran a minute ahead (a burst of writes moves its clock past the wall
    clock) sends a bulk page, is killed before it marks it sent, and sends it again a
    moment later: the server capped the stamp at its own time the first time, and must
    still know the same insert. Between the two, another PC edited the phone: the insert
    sent again must not bring the old phone back."""
    from sqlalchemy import select

    from protocol.codec import decode_column
    from server.sync.models import Record

    unit = server.unit()
    headers, other = enroll(server, unit), enroll(server, unit)
    member = new_id()
    ahead = int(time.time() * 1000) + 60_000
    page = {"tbl": "member", "n": 1, "id": {"r": [0]}, "cols": {
        "full_name": {"v": ["Nguyễn Thị Lan"]}, "gender": {"v": ["Nữ"]}, "phone": {"v": ["0912000111"]},
        "status": {"v": ["active"]}, "hlc": {"v": [ahead]}, "device_id": {"v": ["pc-a"]},
        "created_at": {"v": ["2026-12-01 08:00:00"]}, "updated_at": {"v": ["2026-12-01 08:00:00"]}}}

    def send() -> tuple[str, int]:
        r = push(server, headers, ids=[member], inserts=[page])
        assert r.status_code == 200, r.text
        answer = r.json()["inserted"][0]
        assert not answer["rejected"], answer
        return decode_column(answer["status"], 1, [])[0], decode_column(answer["seq"], 1, [])[0]

    status, seq = send()
    assert status == "applied"
    time.sleep(1.1)
    assert send()[0] in ("applied", "duplicate") and server.last_seq(unit) == seq  # not stored again
    edit = mutation("member", {"phone": "0988777666"}, op="update", row_id=member, base_seq=seq,
                    device_id="pc-b", hlc=int(time.time() * 1000))
    assert push(server, other, [edit]).json()["results"][0]["status"] == "applied"
    time.sleep(1.1)
    send()
    assert server.last_seq(unit) == seq + 1, "the insert sent again was stored as a new change"
    with server.sessions() as s:
        data = s.scalar(select(Record.data).where(Record.row_id == member))
    assert data["phone"] == "0988777666" and data["full_name"] == "Nguyễn Thị Lan"
    # The row sent as an insert stamped now (what a PC sends again after the server was
    # restored from a backup that lacks its later edit) is not that insert: it is merged.
    page["cols"]["hlc"] = {"v": [int(time.time() * 1000)]}
    page["cols"]["phone"] = {"v": ["0911222333"]}
    assert send()[0] == "applied"
    with server.sessions() as s:
        data = s.scalar(select(Record.data).where(Record.row_id == member))
    assert data["phone"] == "0911222333"


def test_a_damaged_stored_row_is_skipped_and_reported_and_a_new_pc_finishes_its_first_sync(
        server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Trần Thị Hoa", gender="Nữ")
    sa.sync_now()
    poisoned = poison(server, unit, "member", {"full_name": {"a": [1]}, "salary": [1, 2], "gender": "Nam",
                                                "status": "active"})
    add_member(a, "Phạm Văn Đức")
    sa.sync_now()
    headers = enroll(server, unit)
    pages = pull_all(server, headers)
    skipped = [s for p in pages for s in p.get("skipped", [])]
    assert [s["row_id"] for s in skipped] == [poisoned] and "hỏng" in skipped[0]["reason"]
    # A PC enrolled now gets everything else.
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    assert sorted(r[0] for r in rows(b, "SELECT full_name FROM member")) == ["Phạm Văn Đức", "Trần Thị Hoa"]


def test_a_large_page_with_a_damaged_row_is_sent_without_it(server):
    """Tables with many rows in a page are read column by column by the database: the same."""
    from server.sync.columns import FAST_ROWS

    unit = server.unit()
    headers = enroll(server, unit)
    mutations = [mutation("unit_group", {"name": f"Tổ {i}", "kind": "to", "sort_order": i})
                 for i in range(FAST_ROWS + 5)]
    assert all(x["status"] == "applied" for x in push(server, headers, mutations).json()["results"])
    poisoned = poison(server, unit, "unit_group", {"name": ["Tổ"], "kind": "to", "sort_order": 1, "parent_id": None,
                                                   "deleted_at": None, "created_at": None, "updated_at": None,
                                                   "device_id": None})
    pages = pull_all(server, headers)
    assert sum(t["n"] for p in pages for t in p["tables"]) == FAST_ROWS + 5
    assert [s["row_id"] for p in pages for s in p.get("skipped", [])] == [poisoned]


# ---- 4. other ways to a 500 --------------------------------------------------------------

def test_out_of_range_cursors_limits_and_unreadable_forms_are_4xx(server):
    unit = server.unit()
    headers = enroll(server, unit)
    for params in ({"cursor": 2 ** 63}, {"cursor": 2 ** 64}, {"cursor": -1}, {"limit": 10 ** 12},
                   {"limit": -3}, {"me": "x" * 100}, {"me": "a\x00b"}):
        r = requests.get(server.base + "/api/v1/sync/pull", headers=headers, params=params)
        assert 400 <= r.status_code < 500, (params, r.status_code)
        r = requests.post(server.base + "/api/v1/sync/push", headers=headers, json={"mutations": []},
                          params={"cursor": 0, **params})
        assert 400 <= r.status_code < 500, (params, r.status_code)
    r = requests.post(server.base + "/admin/login", data=b"username=\xff\xfe&password=\xc3(",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= r.status_code < 500 and "UTF-8" in r.text
    server.admin(unit, f"admin-{unit}")
    session = requests.Session()
    assert session.post(server.base + "/admin/login",
                        data={"username": f"admin-{unit}", "password": "matkhau-123"}).ok
    r = session.post(server.base + "/admin/units", data=b"code=\xff&name=\xfe",
                     headers={"Content-Type": "application/x-www-form-urlencoded"}, allow_redirects=False)
    assert 400 <= r.status_code < 500 and "UTF-8" in r.json()["detail"]
    r = session.post(server.base + "/admin/units", data={"code": "CD-NUL", "name": "Tên\x00ẩn"},
                     allow_redirects=False)
    assert 400 <= r.status_code < 500
    for credential in ("Bearer a\x00.b", "Bearer " + "é" * 40 + ".b", "Bearer " + "x" * 5000):
        r = requests.get(server.base + "/api/v1/sync/status",
                         headers={**VERSIONS, "Authorization": credential.encode()})
        assert 400 <= r.status_code < 500


# ---- 6. administrator logins --------------------------------------------------------------

def _login(server, username, password):
    return requests.post(server.base + "/api/v1/admin/login", json={"username": username, "password": password})


def test_wrong_passwords_slow_down_then_lock_the_account_visibly(server):
    from sqlalchemy import update

    from server.units.models import LoginThrottle

    unit = server.unit()
    name = f"admin-{unit}"
    server.admin(unit, name)
    answers = [_login(server, name, f"sai-{i}") for i in range(8)]
    assert [a.status_code for a in answers[:3]] == [401, 401, 401]  # a few typos are free
    assert answers[3].status_code == 401  # the fourth wrong one is counted and starts the wait
    locked = answers[4:]
    assert all(a.status_code == 429 for a in locked)
    assert "tạm bị khóa" in locked[-1].json()["detail"] and "thử lại sau" in locked[-1].json()["detail"]
    # Even the right password waits, and the web page says so in Vietnamese.
    assert _login(server, name, "matkhau-123").status_code == 429
    page = requests.post(server.base + "/admin/login", data={"username": name, "password": "matkhau-123"})
    assert page.status_code == 429 and "tạm bị khóa" in page.text
    # Once the wait is over, the right password gets in and the count starts again.
    with server.sessions() as s, s.begin():
        s.execute(update(LoginThrottle).values(locked_until=None))
    assert _login(server, name, "matkhau-123").status_code == 200


def test_wrong_passwords_from_one_address_lock_it_whatever_the_account(server):
    from sqlalchemy import delete

    from server.units.models import LoginThrottle

    with server.sessions() as s, s.begin():
        s.execute(delete(LoginThrottle))
    codes = [_login(server, f"doan-{i}", "sai").status_code for i in range(14)]
    assert codes[:10] == [401] * 10 and 429 in codes[10:]
    assert "Máy tính này" in _login(server, "nguoi-khac", "sai").json()["detail"]
    with server.sessions() as s, s.begin():
        s.execute(delete(LoginThrottle))


def test_units_and_devices_of_others_cannot_be_probed(server, make_device):
    home, other = server.unit("CĐCS Nhà"), server.unit("CĐCS Khác")
    server.admin(home, f"admin-{home}")
    make_device(server, other, "x")
    token = _login(server, f"admin-{home}", "matkhau-123").json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    exists = requests.get(server.base + f"/api/v1/units/{other}/figures", headers=auth)
    missing = requests.get(server.base + "/api/v1/units/KHONG-CO/figures", headers=auth)
    assert exists.status_code == missing.status_code == 403
    assert exists.json() == missing.json()
    web = requests.Session()
    web.post(server.base + "/admin/login", data={"username": f"admin-{home}", "password": "matkhau-123"})
    pages = [web.get(server.base + "/admin/", params={"unit": u}) for u in (other, "KHONG-CO")]
    assert pages[0].status_code == pages[1].status_code == 403 and pages[0].json() == pages[1].json()
    codes = [web.post(server.base + "/admin/enroll-code", data={"unit": u}) for u in (other, "KHONG-CO")]
    assert codes[0].status_code == codes[1].status_code == 403 and codes[0].json() == codes[1].json()
    from sqlalchemy import select

    from server.devices.models import Device
    from server.units.models import Unit
    with server.sessions() as s:
        other_device = s.scalar(select(Device.id).join(Unit, Unit.id == Device.unit_id).where(Unit.code == other))
    revokes = [web.post(server.base + "/admin/revoke", data={"device": d}, allow_redirects=False)
               for d in (other_device, str(uuid.uuid4()))]
    assert revokes[0].status_code == revokes[1].status_code == 403 and revokes[0].json() == revokes[1].json()
    with server.sessions() as s:
        assert s.get(Device, other_device).revoked_at is None


# ---- 7. the dashboard's members by status -------------------------------------------------

def test_a_member_record_without_status_adds_to_the_actives(server):
    unit = server.unit()
    server.admin(unit, f"admin-{unit}")
    for _ in range(3):
        poison(server, unit, "member", {"full_name": "Đoàn Viên", "gender": "Nam", "status": "active"})
    poison(server, unit, "member", {"full_name": "Không Trạng Thái", "gender": "Nữ"})  # no status field at all
    poison(server, unit, "member", {"full_name": "Trạng Thái Rỗng", "gender": "Nữ", "status": None})
    poison(server, unit, "member", {"full_name": "Đã Chuyển", "gender": "Nam", "status": "transferred_out"})
    # Rows stored by an older server reach the rollups by the rebuild (migration 0004 runs it).
    from tests.server.test_server_cli import server_cmd
    assert server_cmd(server.url, "rebuild-rollups", "--unit", unit).returncode == 0
    token = _login(server, f"admin-{unit}", "matkhau-123").json()["token"]
    figures = requests.get(server.base + f"/api/v1/units/{unit}/figures",
                           headers={"Authorization": f"Bearer {token}"}).json()
    assert figures["units"][0]["members_by_status"] == {"active": 5, "transferred_out": 1}


def test_a_pc_with_a_nul_and_an_overlong_name_gets_everything_else_on_and_sees_the_rejections(server, make_device):
    """The reproduction of item 3: one NUL (from an Excel escape _x0000_) made the whole
    batch answer 500 on PostgreSQL, and no change of the PC ever reached the server."""
    import sqlite3

    from tests.e2e.helpers import person

    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    ids = [add_member(a, person(i)) for i in range(30)]
    conn = sqlite3.connect(a.db.path)  # past the services, as a file edited elsewhere would be
    conn.execute("UPDATE member SET full_name = 'Nguyễn Văn' || char(0) || 'An' WHERE id = ?", (ids[3],))
    conn.execute("UPDATE member SET job_title = ? WHERE id = ?", ("Kỹ sư " * 60, ids[7]))
    conn.commit()
    conn.close()
    sa.sync_now()
    assert server.last_seq(unit) > 30
    refused = sa.rejected()
    # The two members, and the audit row that copied the NUL; nothing else.
    assert len(refused) == 3
    assert sum("Nhật ký thay đổi — “Giá trị mới”" in r.reason for r in refused) == 1
    messages = " | ".join(r.reason for r in refused)
    assert "Họ và tên" in messages and "ký tự điều khiển" in messages
    assert "Công việc" in messages and "tối đa 200 ký tự" in messages
    b, sb = make_device(server, unit, "b", setup=False)
    sb.sync_now()
    assert rows(b, "SELECT count(*) FROM member") == [(28,)]
