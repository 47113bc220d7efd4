"""Issue 15, item 8: a member transferred from one unit's PC to another unit's through the
real server over HTTP (SQLite and PostgreSQL). What of the member arrives depends on their
recorded consent; two PCs of the receiving unit accepting at once make one member; a
decline goes back; the sending unit keeps the member's history; transfers to a unit that
is not on the platform and hostile pushes are refused with a Vietnamese message."""

import json
import threading
import uuid
from datetime import date

import pytest
import requests
from sqlalchemy import select

from desktop.models import Member, MemberEvent
from desktop.services.members.service import MemberService
from desktop.services.members.transfer import TransferService
from protocol import PROTOCOL_VERSION, SCHEMA_VERSIONS
from protocol.messages import HEADER_PROTOCOL, HEADER_SCHEMA
from protocol.transfers import member_id_for

DAY = date(2026, 3, 2)


def _member(ctx, name: str, cccd: str, *, consent: bool) -> str:
    raw = {"full_name": name, "birth_date": "12/05/1990", "gender": "Nữ", "id_number": cccd, "phone": "0912345678",
           "permanent_address": "12 Lê Lợi, Huế", "joined_date": "01/06/2015", "salary": "9000000"}
    if consent:
        raw["consent_date"] = "05/01/2026"
    return MemberService(ctx).add(raw).id


def _units(server):
    return server.unit("CĐCS Công ty Dệt may Hòa Thọ"), server.unit("CĐCS Công ty Cao su Đà Nẵng")


def test_transfer_with_and_without_consent_and_history_kept(server, make_device):
    sender, receiver = _units(server)
    a, sa = make_device(server, sender, "gui")
    b, sb = make_device(server, receiver, "nhan")
    agreed = _member(a, "Trần Thị Hoa", "046190000111", consent=True)
    refused = _member(a, "Lê Thị Lan", "046190000222", consent=False)
    out = TransferService(a)
    with pytest.raises(Exception, match="chưa có ngày đồng ý"):
        out.transfer_out(refused, receiver, DAY, with_personal_data=True)
    t1 = out.transfer_out(agreed, receiver, DAY, reason="Chuyển công tác", with_personal_data=True)
    t2 = out.transfer_out(refused, receiver, DAY)
    t3 = out.transfer_out(_member(a, "Phan Thị Mai", "046190000777", consent=True), receiver, DAY,
                          with_personal_data=True)
    assert sa.sync_now().rejected == 0
    sb.sync_now()

    incoming = {t.id: t for t in TransferService(b).transfers("in", "proposed")}
    assert set(incoming) == {t1.id, t2.id, t3.id}
    assert incoming[t1.id].member_data["id_number"] == "046190000111"
    assert incoming[t1.id].member_data["phone"] == "0912345678"
    assert incoming[t1.id].from_unit.startswith(sender)
    # Without consent: who comes, nothing more; the salary never travels.
    assert set(incoming[t2.id].member_data) == {"full_name", "birth_date", "birth_year_only", "gender", "joined_date"}
    assert "salary" not in incoming[t1.id].member_data

    accepted = TransferService(b).accept(t1.id)
    declined = TransferService(b).decline(t2.id, "Người lao động không về làm việc tại công ty")
    assert declined.full_name == "Lê Thị Lan"
    # A declined person's personal data does not stay with the unit that declined them.
    narrowed = TransferService(b).decline(t3.id, "Không tuyển dụng")
    assert narrowed.full_name == "Phan Thị Mai" and "id_number" not in narrowed.member_data
    assert accepted.member_id == member_id_for(t1.id)
    arrived = MemberService(b).get(accepted.member_id)
    assert arrived.data.id_number == "046190000111" and arrived.data.salary is None
    assert [(e.kind, e.event_date) for e in arrived.events] == [("transferred_in", DAY)]
    assert arrived.status == "active"
    assert declined.status == "declined"
    assert sb.sync_now().rejected == 0

    sa.sync_now()
    answers = {t.id: t for t in TransferService(a).transfers("out")}
    assert answers[t1.id].status == "accepted" and answers[t1.id].answered_at is not None
    assert answers[t2.id].status == "declined"
    assert answers[t2.id].answer_reason == "Người lao động không về làm việc tại công ty"
    # The sending unit keeps the member and their whole history.
    kept = MemberService(a).get(agreed)
    assert kept.status == "transferred_out"
    assert [e.kind for e in kept.events] == ["admitted", "transferred_out"]
    # Declined: the member is back on the sending unit's books (the proposal's event taken
    # back, and that synced), and may be proposed again.
    back = MemberService(a).get(refused)
    assert back.status == "active" and [e.kind for e in back.events] == ["admitted"]
    assert sa.sync_now().pushed == 0  # what the restore wrote went up in the same sync
    again = out.transfer_out(refused, receiver, date(2026, 4, 1))
    assert again.status == "proposed"
    # Nothing of the sending unit reached the receiving unit but the proposals.
    with b.read() as s:
        assert s.scalar(select(Member).where(Member.id == agreed)) is None
    # The letters keep no copy of the member on the server once delivered.
    from server.transfers.models import TransferLetter
    with server.sessions() as s:
        assert all(x.proposal is None for x in s.scalars(select(TransferLetter)))


def test_two_pcs_accept_at_once_make_one_member(server, make_device):
    sender, receiver = _units(server)
    a, sa = make_device(server, sender, "gui")
    b1, s1 = make_device(server, receiver, "nhan-1")
    b2, s2 = make_device(server, receiver, "nhan-2")
    mid = _member(a, "Nguyễn Văn Đức", "046190000333", consent=False)
    t = TransferService(a).transfer_out(mid, receiver, DAY)
    sa.sync_now()
    s1.sync_now()
    s2.sync_now()
    TransferService(b1).accept(t.id)
    TransferService(b2).accept(t.id)
    results = []
    threads = [threading.Thread(target=lambda s=s: results.append(s.sync_now().rejected)) for s in (s1, s2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [0, 0]
    s1.sync_now()
    s2.sync_now()
    for ctx in (b1, b2):
        with ctx.read() as s:
            members = s.scalars(select(Member).where(Member.full_name == "Nguyễn Văn Đức")).all()
            assert len(members) == 1
            events = s.scalars(select(MemberEvent).where(MemberEvent.member_id == members[0].id)).all()
            assert [e.kind for e in events] == ["transferred_in"]
    # A third PC of the unit sees the answer, and the member, and cannot answer again.
    b3, s3 = make_device(server, receiver, "nhan-3")
    s3.sync_now()
    assert TransferService(b3).get(t.id).status == "accepted"
    with b3.read() as s:
        assert s.get(Member, member_id_for(t.id)) is not None
    with pytest.raises(Exception, match="đã được trả lời"):
        TransferService(b3).decline(t.id, "Trùng")


def test_accept_attaches_to_a_member_known_by_cccd(server, make_device):
    sender, receiver = _units(server)
    a, sa = make_device(server, sender, "gui")
    b, sb = make_device(server, receiver, "nhan")
    mid = _member(a, "Phạm Minh Tâm", "046190000444", consent=True)
    # The person was a member here before and left.
    known = MemberService(b).add({"full_name": "Phạm Minh Tâm", "birth_date": "12/05/1990", "gender": "Nữ",
                                  "id_number": "046190000444", "joined_date": "01/06/2010"}).id
    MemberService(b).add_event(known, "left", date(2014, 1, 5))
    t = TransferService(a).transfer_out(mid, receiver, DAY, with_personal_data=True)
    sa.sync_now()
    sb.sync_now()
    assert TransferService(b).accept(t.id).member_id == known
    d = MemberService(b).get(known)
    assert [e.kind for e in d.events] == ["admitted", "left", "transferred_in"] and d.status == "active"
    with b.read() as s:
        assert s.get(Member, member_id_for(t.id)) is None


def test_unknown_unit_refused_naming_the_field(server, make_device):
    sender, receiver = _units(server)
    a, sa = make_device(server, sender, "gui")
    b, sb = make_device(server, receiver, "nhan")
    mid = _member(a, "Võ Thị Sáu", "046190000555", consent=False)
    t = TransferService(a).transfer_out(mid, "KHONG-CO", DAY)
    assert sa.sync_now().rejected == 1
    [r] = sa.rejected()
    assert "Mã đơn vị chuyển đến" in r.reason and "KHONG-CO" in r.reason
    # The code corrected on the PC: the transfer goes again, to the right unit.
    TransferService(a).redirect(t.id, receiver)
    report = sa.sync_now()
    assert report.rejected == 0 and sa.rejected() == []
    sb.sync_now()
    assert [x.id for x in TransferService(b).transfers("in")] == [t.id]
    with pytest.raises(Exception, match="đã đến máy chủ"):
        TransferService(a).redirect(t.id, "U9999")
    # To itself: refused on the PC already when the unit's code is known there.
    with pytest.raises(Exception, match="chính đơn vị"):
        _own_code_transfer(a, sender)


def _own_code_transfer(ctx, code):
    from dataclasses import replace

    from desktop.services.units.service import UnitService
    UnitService(ctx).save(replace(UnitService(ctx).get(), code=code))
    mid = _member(ctx, "Hồ Văn Nam", "046190000666", consent=False)
    TransferService(ctx).transfer_out(mid, code, DAY)


def _enroll(server, unit: str) -> dict:
    """A device of the unit by the real enrolment, driven by hand: the headers of its requests."""
    versions = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: SCHEMA_VERSIONS[-1]}
    r = requests.post(server.base + "/api/v1/enroll", headers=versions, json={
        "code": server.code(unit), "device_name": "Máy lạ", "local_device_id": str(uuid.uuid4()), "has_data": False})
    assert r.status_code == 200, r.text
    return {**versions, "Authorization": f"Bearer {r.json()['token']}"}


def _push(server, headers, rows):
    body = {"mutations": [{"mutation_id": str(uuid.uuid4()), "tbl": "member_transfer", "row_id": row_id, "op": op,
                           "fields": fields, "hlc": 1, "device_id": "x", "base_seq": 10 ** 6}
                          for row_id, op, fields in rows]}
    r = requests.post(f"{server.base}/api/v1/sync/push", json=body, timeout=30, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["results"]


def test_hostile_pushes_are_refused(server, make_device):
    sender, receiver = _units(server)
    b, sb = make_device(server, receiver, "nhan")
    token_a, token_b = _enroll(server, sender), _enroll(server, receiver)
    basic = json.dumps({"full_name": "Giả Mạo", "gender": "Nam"})
    good = {"direction": "out", "member_id": str(uuid.uuid4()), "to_unit_code": receiver, "transfer_date": "2026-03-02",
            "with_personal_data": 0, "member_data": basic, "status": "proposed"}
    forged_in = {**good, "direction": "in"}
    personal = {**good, "member_data": json.dumps({"full_name": "A", "gender": "Nam", "id_number": "0461"})}
    answered = {**good, "status": "accepted"}
    unknown_key = {**good, "member_data": json.dumps({"full_name": "A", "gender": "Nam", "salary": 10})}
    bad_json = {**good, "member_data": "{not json"}
    deep = {**good, "member_data": "[" * 9000 + "]" * 9000}
    # Fields the PCs' table requires left out: the receiving unit could not store it.
    sparse = {k: v for k, v in good.items() if k not in ("transfer_date", "with_personal_data")}
    ids = [str(uuid.uuid4()) for _ in range(8)]
    results = _push(server, token_a, [(ids[0], "insert", forged_in), (ids[1], "insert", personal),
                                      (ids[2], "insert", answered), (ids[3], "insert", unknown_key),
                                      (ids[4], "insert", bad_json), (ids[6], "insert", deep),
                                      (ids[7], "insert", sparse), (ids[5], "insert", good)])
    assert [r["status"] for r in results] == ["rejected"] * 7 + ["applied"]
    assert all("Chuyển sinh hoạt công đoàn" in r["error"] or "không được để trống" in r["error"] for r in results[:7])
    assert "Ngày chuyển sinh hoạt" in results[6]["error"] and "không được để trống" in results[6]["error"]
    assert "chỉ gửi kèm khi đoàn viên đã đồng ý" in results[1]["error"]
    # The sender may not change what it sent, nor answer it itself.
    [edit] = _push(server, token_a, [(ids[5], "update", {"to_unit_code": sender})])
    assert edit["status"] == "rejected"
    sb.sync_now()
    [proposal] = TransferService(b).transfers("in")
    assert proposal.id == ids[5]
    # The receiving unit answers only: it may not rewrite the member it received ...
    [rewrite] = _push(server, token_b, [(ids[5], "update", {"member_data": json.dumps({"full_name": "B", "gender": "Nữ"})})])
    [widen] = _push(server, token_b, [(ids[5], "update", {"status": "declined", "answer_reason": "x", "member_data":
                                                          json.dumps({"full_name": "Giả Mạo", "gender": "Nữ"})})])
    assert rewrite["status"] == "rejected" and widen["status"] == "rejected"
    # ... and the sending unit cannot answer in its place.
    [usurp] = _push(server, token_a, [(ids[5], "update", {"status": "accepted"})])
    assert usurp["status"] == "rejected"
    # A third unit cannot answer a proposal it was not sent.
    third = server.unit("CĐCS Công ty Khác")
    [stranger] = _push(server, _enroll(server, third), [(ids[5], "update", {"status": "declined", "answer_reason": "x"})])
    assert stranger["status"] == "rejected"
    # The first answer stands: a decline after an accept is refused.
    [ok] = _push(server, token_b, [(ids[5], "update", {"status": "accepted", "member_id": member_id_for(ids[5]),
                                                       "answered_at": "2026-03-03 08:00:00"})])
    [late] = _push(server, token_b, [(ids[5], "update", {"status": "declined", "answer_reason": "Không"})])
    assert ok["status"] == "applied" and late["status"] == "rejected"
    assert "đã được trả lời" in late["error"]
    # Either unit may clear the member's data it holds (erasure after the retention period).
    [erased_out] = _push(server, token_a, [(ids[5], "update", {"member_data": None, "reason": None})])
    [erased_in] = _push(server, token_b, [(ids[5], "update", {"member_data": None})])
    assert erased_out["status"] == "applied" and erased_in["status"] == "applied"
