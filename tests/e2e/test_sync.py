"""Two or three PCs of one office converge through a real server over real HTTP, on
SQLite and on PostgreSQL; documents are never merged; conflicts are logged."""

import time

from desktop.services.cash.service import CashService
from desktop.services.members.service import MemberQuery, MemberService
from tests.e2e.helpers import add_member, edit_member, receipt, rows, snapshot


def test_two_pcs_converge(server, make_device):
    unit = server.unit("CĐCS Trường Tiểu học Kim Đồng")
    a, sa = make_device(server, unit, "ke-toan")
    m1 = add_member(a, "Nguyễn Thị Đức", gender="Nữ", phone="0912345678")
    doc = receipt(a, 120_000)
    sa.sync_now()
    b, sb = make_device(server, unit, "chu-tich")
    report = sb.sync_now()
    assert report.pulled > 0
    # The pulled member is found by search like one typed here (local keys rebuilt).
    assert [r.id for r in MemberService(b).page(MemberQuery(search="duc"))] == [m1]
    edit_member(b, m1, phone="0987654321")
    m2 = add_member(b, "Trần Văn Bình")
    sb.sync_now()
    sa.sync_now()
    assert snapshot(a) == snapshot(b)
    assert rows(a, "SELECT phone FROM member WHERE id = ?", m1) == [("0987654321",)]
    assert {r[0] for r in rows(a, "SELECT id FROM member")} == {m1, m2}
    assert rows(b, "SELECT amount FROM cash_doc WHERE id = ?", doc) == [(120_000,)]


def test_nothing_to_do_is_one_small_round_trip(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    add_member(a, "Lê Văn Cường")
    sa.sync_now()
    report = sa.sync_now()
    assert report.requests == 1
    assert report.bytes_sent + report.bytes_received < 2048
    assert (report.pushed, report.pulled) == (0, 0)


def test_fields_merge_and_a_conflict_is_logged(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Phạm Thị Hoa", gender="Nữ")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    # Different fields on each PC: both kept. The same field: the later one wins, and
    # the other value is logged for review on every PC.
    edit_member(a, m, phone="0911111111", job_title="Giáo viên")
    time.sleep(0.01)
    edit_member(b, m, email="hoa@truong.edu.vn", job_title="Tổ trưởng chuyên môn")
    sa.sync_now()
    sb.sync_now()
    sa.sync_now()
    for ctx in (a, b):
        assert rows(ctx, "SELECT phone, email, job_title FROM member WHERE id = ?", m) == [
            ("0911111111", "hoa@truong.edu.vn", "Tổ trưởng chuyên môn")]
    for svc in (sa, sb):
        conflicts = svc.conflicts()
        assert len(conflicts) == 1
        c = conflicts[0]
        assert (c.record_label, c.kept_value, c.lost_value) == ("Phạm Thị Hoa", "Tổ trưởng chuyên môn", "Giáo viên")
        assert {c.kept_device, c.lost_device} & {"Máy này"}
        assert {c.kept_device, c.lost_device} - {"Máy này"} <= {"Máy 1 — a", "Máy 2 — b"}
    sa.mark_reviewed([c.id for c in sa.conflicts()])
    assert sa.conflicts() == [] and len(sb.conflicts()) == 1


def test_receipts_are_insert_only_and_numbers_unique(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    b, sb = make_device(server, unit, "b")
    sa.sync_now()
    sb.sync_now()  # both now hold a server-given book code
    docs_a = [receipt(a, 10_000 * (i + 1)) for i in range(3)]
    docs_b = [receipt(b, 1_000 * (i + 1)) for i in range(2)]
    CashService(a).void(docs_a[1], "Viết sai số tiền")
    for svc in (sa, sb, sa):
        svc.sync_now()
    assert snapshot(a) == snapshot(b)
    numbers = rows(a, "SELECT book_code, number FROM cash_doc")
    assert len(numbers) == len(set(numbers)) == 5
    books = {code for code, _ in numbers}
    assert len(books) == 2 and all(code.startswith(("T20", "T21")) and "-0" in code for code in books)
    assert rows(b, "SELECT doc_id FROM cash_doc_void") == [(docs_a[1],)]
    assert sum(r[0] for r in rows(b, "SELECT amount FROM cash_doc")) == 60_000 + 3_000
    assert docs_b


def test_deletes_are_tombstones(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    from desktop.services.units.service import GroupInfo, UnitService
    units = UnitService(a)
    info = units.get()
    units.save_settings(info, [GroupInfo(id=None, name="Tổ Văn phòng"), GroupInfo(id=None, name="Tổ Kỹ thuật")])
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    groups = units.groups()
    units.save_settings(info, [g for g in groups if g.name == "Tổ Văn phòng"])
    sa.sync_now()
    sb.sync_now()
    assert rows(b, "SELECT name, deleted_at IS NOT NULL FROM unit_group ORDER BY name") == [
        ("Tổ Kỹ thuật", 1), ("Tổ Văn phòng", 0)]


def test_a_finished_minute_is_never_changed_by_a_late_draft_edit(server, make_device):
    from desktop.sync import credentials
    from desktop.sync.client import SyncClient
    from protocol import SCHEMA_VERSIONS

    unit = server.unit()
    a, _ = make_device(server, unit, "a")
    device = rows(a, "SELECT server_device_id FROM sync_state")[0][0]
    client = SyncClient(server.base, SCHEMA_VERSIONS[-1], credentials.load(device))

    def push(mid, op, fields, hlc):
        return client.call("POST", "/api/v1/sync/push", {"mutations": [{
            "mutation_id": mid, "tbl": "activity_doc", "row_id": "01900000-0000-7000-8000-0000000000bb", "op": op,
            "fields": fields, "base_seq": None, "hlc": hlc, "device_id": "pc-b"}]})["results"][0]

    now = int(time.time() * 1000)
    assert push("01900000-0000-7000-8000-000000000101", "insert",
                {"doc_type": "bb", "status": "final", "title": "Họp Ban Chấp hành"}, now)["status"] == "applied"
    late = push("01900000-0000-7000-8000-000000000102", "update", {"title": "Sửa muộn"}, now + 500)
    assert late["status"] == "rejected" and "đã hoàn tất" in late["error"]
    client.close()


def test_an_edit_made_after_seeing_the_value_wins_even_against_a_clock_ahead(server, make_device):
    """A PC whose logical clock ran ahead (a burst of writes, or a fast wall clock) must not
    beat a later edit another PC made after pulling its value: that edit follows it."""
    import sqlite3

    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Quách Thị Hồng", gender="Nữ")
    conn = sqlite3.connect(a.db.path)
    conn.execute("UPDATE sync_state SET hlc = hlc + 3600000")  # A's stamps an hour ahead
    conn.commit()
    conn.close()
    edit_member(a, m, job_title="Thủ quỹ")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    edit_member(b, m, job_title="Kế toán trưởng")  # made after B saw "Thủ quỹ"
    sb.sync_now()
    sa.sync_now()
    for ctx in (a, b):
        assert rows(ctx, "SELECT job_title FROM member WHERE id = ?", m) == [("Kế toán trưởng",)]
    assert sb.conflicts() == []  # not concurrent: nothing to review


def test_one_receipt_voided_on_two_pcs(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    doc = receipt(a, 90_000)
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    CashService(a).void(doc, "Thu trùng")
    CashService(b).void(doc, "Ghi sai")
    sa.sync_now()
    report = sb.sync_now()
    assert report.rejected == 1 and report.problems == []
    refused = sb.rejected()
    assert len(refused) == 1 and "đã được hủy trên một máy khác" in refused[0].reason
    assert sb.conflicts() == []  # nothing else to review: the receipt is void on both
    assert rows(b, "SELECT count(*) FROM cash_doc_void WHERE doc_id = ?", doc) == [(1,)]


def test_a_large_unit_comes_whole_in_column_wise_pages(server, make_device, tmp_path):
    """Enough rows that the server reads them column by column (server.sync.columns
    FAST_ROWS) and a month's allocations travel packed; one member stored before a field
    existed comes the slow way. The new PC ends equal to the first, row for row."""
    from datetime import date

    from sqlalchemy import select

    from desktop.services.core.context import open_context
    from desktop.services.demo.service import make_demo
    from desktop.services.dues.service import DuesService
    from desktop.services.sync.service import SyncService
    from server.sync.columns import FAST_ROWS
    from server.sync.models import Record
    from server.units.models import Unit

    unit = server.unit("CĐCS Công ty Lớn")
    a = open_context(tmp_path / "big.sqlite3")
    try:
        make_demo(a, 1_300)
        active = [r[0] for r in rows(a, "SELECT id FROM member WHERE status = 'active'")]
        DuesService(a).pay_many({m: ["2026-03"] for m in active}, one_receipt=True, payer_name="Tổ trưởng",
                                doc_date=date(2026, 3, 28), skip_settled=True)
        allocations = rows(a, "SELECT id, doc_id, member_id, month, amount FROM dues_payment ORDER BY id")
        assert len(allocations) >= FAST_ROWS
        sa = SyncService(a)
        sa.enroll(server.base, server.code(unit), "a")
        sa.sync_now()
        with server.sessions() as s, s.begin():
            unit_id = s.scalar(select(Unit.id).where(Unit.code == unit))
            old = s.scalars(select(Record).where(Record.unit_id == unit_id, Record.tbl == "member")
                            .order_by(Record.seq).limit(1)).one()
            data = dict(old.data)
            del data["notes"]  # as if stored before the field was added
            old.data = data
        b, sb = make_device(server, unit, "b")
        report = sb.sync_now()
        assert report.problems == []
        assert snapshot(a) == snapshot(b)
        assert rows(b, "SELECT id, doc_id, member_id, month, amount FROM dues_payment ORDER BY id") == allocations
        member_cols = "id, full_name, birth_date, gender, phone, id_number, group_id, salary, joined_date, status"
        assert rows(b, f"SELECT {member_cols} FROM member ORDER BY id") == rows(
            a, f"SELECT {member_cols} FROM member ORDER BY id")
        assert rows(b, "SELECT count(*) FROM member WHERE id = ?", old.row_id) == [(1,)]
        # Found by search as if typed here: the local keys were rebuilt for pulled members.
        name = rows(a, "SELECT full_name FROM member LIMIT 1")[0][0]
        assert rows(b, "SELECT count(*) FROM member WHERE search_key IS NULL") == [(0,)]
        assert rows(b, "SELECT count(*) FROM member WHERE full_name = ?", name)[0][0] >= 1
    finally:
        a.close()


def test_a_status_corrected_by_a_pull_goes_up_in_the_same_sync(server, make_device):
    """Two PCs record events of one member offline; the status the merge keeps is not the
    one the events lead to. The PC that corrects it sends the correction at once: nothing
    it made itself is left pending, and a third PC gets the right status straight away."""
    from datetime import date, timedelta

    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m = add_member(a, "Đỗ Minh Khoa", joined_date="01/01/2020")
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    MemberService(a).add_event(m, "left", date.today(), reason="Nghỉ việc")
    time.sleep(0.01)
    MemberService(b).add_event(m, "suspended", date.today() - timedelta(days=1), reason="Đi học dài hạn")
    sa.sync_now()
    sb.sync_now()  # b's own "suspended" wins the field; the events say "left"
    assert sb.status().pending == 0
    c, sc = make_device(server, unit, "c")
    sc.sync_now()
    sa.sync_now()
    for ctx in (a, b, c):
        assert rows(ctx, "SELECT status FROM member WHERE id = ?", m) == [("left",)]
    assert sa.status().pending == 0
