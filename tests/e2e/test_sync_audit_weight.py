"""The audit log's weight (issue 17, item 3): audit rows travel as numbers where they can
(their ids as the PC's clock, device and a counter; old and new values that are whole
numbers), grouped by the table they are about, and arrive identical: what a person reads
in the log is the same on the first PC, on the server after a bulk upload, and on a new
PC after a snapshot or after ordinary pulls. An older client is never sent the new forms,
and a hostile encoded page is refused in Vietnamese, never a 500."""

from __future__ import annotations

import json

import requests
from sqlalchemy import select

from desktop.services.audit import AuditQuery, AuditService
from protocol import TABLES
from server.sync.models import Record
from server.units.models import Unit
from tests.e2e.helpers import rows
from tests.e2e.test_server_hardening import enroll, push
from tests.e2e.test_sync_bulk_load import a_unit_with_receipts

AUDIT_FIELDS = sorted(TABLES["audit_log"] | {"id", "created_at", "updated_at", "device_id"})


def the_log_as_read(ctx) -> list[tuple]:
    """Every audit row as the audit window shows it: when, who, what record, which field,
    old and new value in words, and the record's name."""
    svc = AuditService(ctx)
    return [(r.id, r.at, r.user_name, r.table_label, r.row_id, r.action_label, r.field_label, r.old_text, r.new_text,
             r.label) for r in svc.page(AuditQuery(), limit=svc.count() + 1)]


def audit_rows(ctx) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(ctx, f"SELECT id, {', '.join(AUDIT_FIELDS)} FROM audit_log ORDER BY id")}


def on_server(server, unit_code) -> dict[str, tuple]:
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit_code))
        records = s.scalars(select(Record).where(Record.unit_id == unit_id, Record.tbl == "audit_log")).all()
        return {r.row_id: tuple(r.data.get(f) for f in AUDIT_FIELDS) for r in records}


def id_forms(page: dict) -> set[str]:
    """The forms the audit rows' ids and values came in, in one pull page or pushed body."""
    groups = page.get("tables") or page.get("inserts") or []
    out: set[str] = set()
    for g in groups:
        if g["tbl"] == "audit_log":
            out |= set(g.get("id") or {})
            out |= {k for c in ("old_value", "new_value") for k in g["cols"].get(c, {})}
    return out


def test_audit_rows_arrive_identical_after_a_bulk_upload_and_a_snapshot(server, make_device, proxy):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False, url=proxy.base)
    a_unit_with_receipts(a, 400)  # over a thousand audit rows: a page reads them column-wise
    read_on_a = the_log_as_read(a)
    assert len(read_on_a) > 1000 and {r[5] for r in read_on_a} >= {"Thêm", "Sửa", "Ghi hàng loạt"}
    report = sa.sync_now()
    assert report.rejected == 0 and sa.status().pending == 0
    # The bulk upload sent the audit rows' ids and numbers as numbers once the server said it reads them.
    pushes = [json.loads(body) for body in proxy.bodies]
    assert "u" not in id_forms(pushes[0]) and {"u", "w", "i"} <= set().union(*map(id_forms, pushes[1:]))
    # On the server: every audit row, field for field, as the PC wrote it.
    assert on_server(server, unit) == audit_rows(a)

    # A new PC by the snapshot (the new forms, asked for), another by ordinary pulls.
    b, sb = make_device(server, unit, "b", setup=False)
    c, sc = make_device(server, unit, "c", setup=False)
    sc.snapshots = False
    sb.sync_now()
    sc.sync_now()
    assert the_log_as_read(b) == the_log_as_read(c) == read_on_a
    assert audit_rows(b) == audit_rows(c) == audit_rows(a)


def test_an_older_client_is_never_sent_the_new_forms(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a", setup=False)
    a_unit_with_receipts(a, 40)
    sa.sync_now()
    headers = enroll(server, unit)  # a client that speaks protocol 2 as it was

    def get(path, **params):
        r = requests.get(server.base + path, headers=headers, params=params, timeout=60)
        assert r.status_code == 200, r.text
        return r.json()

    for forms, expected in (("", {"r"}), ("t,e,u,i", {"u", "w", "i"})):
        snap = get("/api/v1/sync/snapshot", limit=10_000, **({"forms": forms} if forms else {}))
        chunks = [get(f"/api/v1/sync/snapshot/{snap['name']}/{k}") for k in range(len(snap["chunks"]))]
        seen = set().union(*map(id_forms, chunks))
        assert expected <= seen and ("u" in seen) == bool(forms), (forms, seen)
    # The ordinary pull, which older clients use, keeps the first forms of protocol 2.
    page = get("/api/v1/sync/pull", cursor=0)
    assert {"u", "i"}.isdisjoint(id_forms(page)) and id_forms(page)


HOSTILE_IDS = [
    {"u": [2 ** 48, 0], "w": [0, 1]},  # beyond a UUID's 48 bits of time
    {"u": [0, 0], "w": [-1, 0]},  # below zero
    {"u": [0, 0], "w": [2 ** 80, 0]},  # beyond its other 80 bits
    {"u": [0], "w": [0, 1]},  # halves of different lengths
    {"u": [0.5, 1], "w": [1, 1]},  # not whole numbers
    {"u": ["0", "1"], "w": [1, 1]},
    {"u": [True, 1], "w": [1, 1]},
    {"u": [0, 0], "w": [10 ** 40, 0]},
]


def test_a_hostile_encoded_page_is_refused_in_vietnamese(server):
    headers = enroll(server, server.unit())
    cols = {"at": {"c": "2026-01-05 10:00:00.000000"}, "tbl": {"c": "member"}, "action": {"c": "insert"}}
    for hostile in HOSTILE_IDS:
        r = push(server, headers, inserts=[{"tbl": "audit_log", "n": 2, "id": hostile, "cols": cols}])
        assert r.status_code == 400, (hostile, r.status_code, r.text)
        assert "không đúng định dạng" in r.json()["detail"], r.text
    for values in ({"i": [1, "2"]}, {"i": [0.5, 1]}, {"i": [1]}, {"t": [1, 10 ** 30]}, {"e": "old_value"}):
        r = push(server, headers, inserts=[{"tbl": "audit_log", "n": 2, "id": {"u": [1, 0], "w": [1, 1]},
                                            "cols": {**cols, "new_value": values}}])
        assert r.status_code == 400, (values, r.status_code, r.text)
        assert "không đúng định dạng" in r.json()["detail"], r.text
    # Well-formed numbers are taken: two new audit rows, their ids given back as UUIDs.
    r = push(server, headers, inserts=[{"tbl": "audit_log", "n": 2, "id": {"u": [0x01A250E08405, 0], "w": [5, 1]},
                                        "cols": {**cols, "new_value": {"i": [41, 1]}}}])
    assert r.status_code == 200, r.text
    assert r.json()["inserted"][0]["rejected"] == [] and "u" in r.json()["forms"]
    page = requests.get(server.base + "/api/v1/sync/pull", headers=headers, params={"cursor": 0}, timeout=60).json()
    audit = next(g for g in page["tables"] if g["tbl"] == "audit_log")
    got = [page["ids"][i] for i in _refs(audit["id"]["r"])]
    assert got == ["01a250e0-8405-0000-0000-000000000005", "01a250e0-8405-0000-0000-000000000006"]


def _refs(deltas):
    out, prev = [], 0
    for d in deltas:
        prev += d
        out.append(prev)
    return out
