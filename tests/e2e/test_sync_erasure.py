"""A member's data erased on one PC leaves no copy in the audit log anywhere: not on the
server, not on the PCs that had pulled it, not on a PC enrolled later, nor in an audit
row or a conflict that another PC made before it heard of the erasure."""

from datetime import date

from sqlalchemy import select

from desktop.services.members.service import MemberService
from desktop.services.personal_data.service import PersonalDataService
from server.sync.models import Record
from server.units.models import Unit
from tests.e2e.helpers import add_member, edit_member, rows

SECRETS = ("Trần Thị Mai", "001190012345", "0912345678", "0987000111", "Hay ốm", "chăm mẹ")


def audit_dump(ctx) -> str:
    return " ".join(str(x) for r in rows(
        ctx, "SELECT label, old_value, new_value FROM audit_log WHERE tbl != 'cash_doc' UNION ALL "
             "SELECT row_id, kept_value, lost_value FROM sync_conflict") for x in r)


def test_an_erasure_reaches_every_copy_of_the_audit_log(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Trần Thị Mai", birth="15/03/1990", gender="Nữ", id_number="001190012345",
                   phone="0912345678", joined_date="01/01/2010")
    edit_member(a, m, phone="0987000111")
    MemberService(a).add_event(m, "left", date(2015, 4, 15), reason="Nghỉ việc, về quê chăm mẹ")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    assert "0987000111" in audit_dump(b)  # b has the history as it was

    edit_member(b, m, notes="Hay ốm")  # offline on b, before it hears of the erasure
    PersonalDataService(a).erase(m, confirm="Trần Thị Mai")
    sa.sync_now()
    sb.sync_now()  # b's edit and its audit row arrive after the erasure; b pulls the erasure
    sa.sync_now()
    c, sc = make_device(server, unit, "c")
    sc.sync_now()

    for ctx in (a, b, c):
        dump = audit_dump(ctx)
        for secret in SECRETS:
            assert secret not in dump, (ctx.db.path.name, secret)
        assert rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'erase'") == [(1,)]
        assert rows(ctx, "SELECT notes, phone FROM member WHERE id = ?", m) == [(None, None)]
    assert "Hay ốm" not in str(rows(b, "SELECT * FROM audit_log WHERE row_id = ?", m))
    assert rows(b, "SELECT count(*) FROM audit_log WHERE row_id = ? AND field = 'notes'", m) == [(1,)]
    with server.sessions() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit))
        stored = [r.data for r in s.scalars(select(Record).where(
            Record.unit_id == unit_id, Record.tbl.in_(["audit_log", "sync_conflict"])))]
    assert any(d.get("field") == "notes" for d in stored)  # b's audit row is there, redacted
    for secret in SECRETS:
        assert secret not in str(stored), secret
    # b's late edit of the erased record was not kept, and b is told why
    assert [r.reason for r in sb.rejected()] == [
        ("Dữ liệu cá nhân của đoàn viên này đã được xóa trên một máy khác (hết thời hạn lưu giữ): thay đổi không "
         "được lưu.")]
    for svc in (sa, sb, sc):
        assert svc.status().pending == 0


def test_an_audit_row_stored_redacted_and_sent_again_is_the_same_row(server, make_device, proxy):
    """b's audit row about a member erased meanwhile is stored redacted; its push arrives
    twice (the answer lost, or b killed before it marked the page sent): the second copy,
    as b still has it, is the same row, not "another document with the same id"."""
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Trần Thị Mai", birth="15/03/1990", gender="Nữ", phone="0912345678",
                   joined_date="01/01/2010")
    MemberService(a).add_event(m, "left", date(2015, 4, 15), reason="Nghỉ việc")
    sa.sync_now()
    b, sb = make_device(server, unit, "b", url=proxy.base)
    sb.sync_now()
    edit_member(b, m, notes="Hay ốm")  # offline on b, before it hears of the erasure
    PersonalDataService(a).erase(m, confirm="Trần Thị Mai")
    sa.sync_now()
    proxy.inject("twice", "/api/v1/sync/push")
    sb.sync_now()
    reasons = [r.reason for r in sb.rejected()]
    assert reasons == [
        ("Dữ liệu cá nhân của đoàn viên này đã được xóa trên một máy khác (hết thời hạn lưu giữ): thay đổi không "
         "được lưu.")], reasons
    assert sb.status().pending == 0
