"""Activities on a real SQLite file: what they are, whom they concern, who came, what was
paid for them through the cash book, and finding them again."""

import unicodedata
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from desktop.models import Activity, ActivityMember, Member
from desktop.services.activities.service import ActivityInput, ActivityQuery, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError
from desktop.services.demo.service import make_demo
from desktop.services.members.rules import MemberInput
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import UnitService

D = date(2026, 3, 7)


@pytest.fixture
def svc(ctx):
    make_demo(ctx, 80, today=date(2026, 11, 1))
    return ActivityService(ctx)


def members(ctx, n, status="current"):
    return MemberService(ctx).page(MemberQuery(status=status), 0, n)


def fund(ctx, amount=20_000_000):
    CashService(ctx).record(kind="thu", category="kinh_phi", doc_date=date(2026, 1, 5),
                            person_name="Công ty TNHH May mặc Sao Việt", reason="Kinh phí công đoàn quý I",
                            amount=amount)


def test_add_list_search_and_show(svc, ctx):
    nfd = unicodedata.normalize("NFD", "Hội nghị người lao động năm 2026")
    a = svc.add(ActivityInput(kind="hop", subkind="nld", title="  " + nfd, start_date=D, end_date=D,
                              place="Hội trường A", organiser="Ban Chấp hành", budget=5_000_000))
    assert a.data.title == "Hội nghị người lao động năm 2026"  # NFC, trimmed
    svc.add(ActivityInput(kind="ky_niem", subkind="8_3", title="Gặp mặt nữ đoàn viên 8/3",
                          start_date=date(2026, 3, 8)))
    svc.add(ActivityInput(kind="tap_huan", title="Tập huấn an toàn lao động", start_date=date(2025, 6, 1),
                          end_date=date(2025, 6, 3)))
    rows = svc.list(ActivityQuery(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)))
    assert [r.title for r in rows] == ["Gặp mặt nữ đoàn viên 8/3", "Hội nghị người lao động năm 2026"]
    assert rows[1].kind_label == "Họp, hội nghị — Hội nghị người lao động" and rows[1].budget == 5_000_000
    assert [r.title for r in svc.list(ActivityQuery(search="nguoi lao dong"))] == [
        "Hội nghị người lao động năm 2026"]
    assert [r.title for r in svc.list(ActivityQuery(search="hoi truong"))] == [
        "Hội nghị người lao động năm 2026"]  # the place is searched too
    assert [r.title for r in svc.list(ActivityQuery(kind="tap_huan"))] == ["Tập huấn an toàn lao động"]
    # a three-day training overlaps a period that starts on its last day
    assert [r.title for r in svc.list(ActivityQuery(date_from=date(2025, 6, 3), date_to=date(2025, 6, 30)))] == [
        "Tập huấn an toàn lao động"]
    shown = svc.get(a.id)
    assert shown.data.place == "Hội trường A" and shown.spent == 0


def test_bad_activities_are_refused_naming_the_field(svc):
    with pytest.raises(ValidationError) as e:
        svc.add(ActivityInput(kind="hop", title="Họp", start_date=D, end_date=D - timedelta(days=1)))
    assert "end_date" in e.value.errors
    assert "trước ngày bắt đầu 07/03/2026" in e.value.errors["end_date"]
    with pytest.raises(ValidationError) as e:
        svc.parse({"kind": "tham_hoi", "title": "", "start_date": "31/02/2026", "budget": "abc"})
    assert set(e.value.errors) >= {"title", "start_date", "budget"}
    with pytest.raises(ValidationError) as e:
        svc.add(ActivityInput(kind="tham_hoi", subkind="tet", title="Thăm", start_date=D))
    assert "subkind" in e.value.errors
    v = svc.parse({"kind": "tham_hoi", "subkind": "om_dau", "title": "Thăm hỏi ốm đau", "start_date": "07/03/2026",
                   "end_date": "2026-03-09", "budget": "1.500.000 đ"})
    assert (v.start_date, v.end_date, v.budget) == (D, date(2026, 3, 9), 1_500_000)
    assert svc.list() == []


def test_members_picked_by_group_and_all(svc, ctx):
    group = UnitService(ctx).groups()[0]
    a = svc.add(ActivityInput(kind="hop", subkind="to", title="Họp tổ", start_date=D, scope="group",
                              group_id=group.id))
    in_group = MemberService(ctx).count(MemberQuery(group_id=group.id))
    assert len(a.participants) == in_group > 0
    assert a.group_name == group.name
    everyone = svc.add(ActivityInput(kind="ky_niem", subkind="tet", title="Quà Tết", start_date=D), all_members=True)
    assert len(everyone.participants) == MemberService(ctx).count(MemberQuery())
    # the same member twice is one row; removed and added again is the same row brought back
    m = members(ctx, 1)[0]
    b = svc.add(ActivityInput(kind="tham_hoi", subkind="om_dau", title="Thăm ốm", start_date=D), member_ids=[m.id, m.id])
    assert [p.member_id for p in b.participants] == [m.id]
    b = svc.remove_members(b.id, [m.id])
    assert b.participants == ()
    b, warnings = svc.add_members(b.id, [m.id])
    assert [p.member_id for p in b.participants] == [m.id] and warnings == []
    with ctx.read() as s:
        assert s.scalar(text("SELECT count(*) FROM activity_member WHERE activity_id = :a"), {"a": b.id}) == 1
    # someone who left is kept on an old activity's list, with a warning
    left = members(ctx, 1, status="left")[0]
    b, warnings = svc.add_members(b.id, [left.id])
    assert len(warnings) == 1 and left.full_name in warnings[0] and "ra khỏi tổ chức" in warnings[0]
    with pytest.raises(NotFoundError):
        svc.add_members(b.id, ["khong-co"])


def test_attendance(svc, ctx):
    ms = members(ctx, 5)
    a = svc.add(ActivityInput(kind="hop", subkind="bch", title="Họp BCH", start_date=D), member_ids=[m.id for m in ms])
    a = svc.set_attendance(a.id, {ms[0].id: ("present", None), ms[1].id: ("present", "ignored"),
                                  ms[2].id: ("absent", " ốm  "), ms[3].id: ("excused", "đi công tác")})
    by = {p.member_id: p for p in a.participants}
    assert (by[ms[1].id].attendance, by[ms[1].id].reason) == ("present", None)
    assert (by[ms[2].id].attendance_label, by[ms[2].id].reason) == ("Vắng", "ốm")
    assert by[ms[3].id].attendance_label == "Vắng có phép"
    assert (a.count("present"), a.count("absent"), a.count("excused"), a.count(None)) == (2, 1, 1, 1)
    row = svc.list(ActivityQuery(search="hop bch"))[0]
    assert (row.members, row.present) == (5, 2)
    with pytest.raises(ValidationError):
        svc.set_attendance(a.id, {ms[4].id: ("maybe", None)})
    outsider = members(ctx, 10)[9]
    with pytest.raises(NotFoundError):
        svc.set_attendance(a.id, {outsider.id: ("present", None)})


def test_support_payments_through_the_cash_book(svc, ctx):
    fund(ctx)
    ms = members(ctx, 3)
    a = svc.add(ActivityInput(kind="tham_hoi", subkind="kho_khan", title="Trợ cấp khó khăn quý I/2026",
                              start_date=D, budget=2_000_000), member_ids=[m.id for m in ms])
    a = svc.set_amounts(a.id, {ms[0].id: (500_000, "Nhà bị ngập"), ms[1].id: (700_000, None)})
    docs = svc.pay(a.id, D)
    assert sorted(d.amount for d in docs) == [500_000, 700_000]
    assert {d.member_id for d in docs} == {ms[0].id, ms[1].id}
    assert all(d.kind == "chi" and d.category == "tham_hoi" and "Trợ cấp khó khăn quý I/2026" in d.reason
               for d in docs)
    a = svc.get(a.id)
    assert a.spent == 1_200_000
    assert {p.member_id: p.paid_ref for p in a.participants if p.paid_ref} == {d.member_id: d.ref for d in docs}
    assert svc.list(ActivityQuery(search="tro cap"))[0].spent == 1_200_000
    assert CashService(ctx).balance(D) == 20_000_000 - 1_200_000
    # paid already: nothing more to pay, and the amount is fixed while the voucher stands
    with pytest.raises(ValidationError):
        svc.pay(a.id, D)
    with pytest.raises(DomainError):
        svc.set_amounts(a.id, {ms[0].id: (900_000, None)})
    with pytest.raises(DomainError):
        svc.remove_members(a.id, [ms[0].id])
    # a voided voucher no longer counts, and the member may be paid again
    CashService(ctx).void(docs[0].id, "Ghi sai số tiền")
    assert svc.get(a.id).spent == 1_200_000 - docs[0].amount
    again = svc.pay(a.id, D)
    assert [d.member_id for d in again] == [docs[0].member_id]
    # money spent for the activity as a whole, and money outside the cash box
    svc.spend(a.id, amount=150_000, person_name="Lê Thị Thu Hà", reason="Mua quà kèm theo", doc_date=D)
    v = svc.get(a.id).data
    from dataclasses import replace
    svc.update(a.id, replace(v, spent_outside=300_000))
    assert svc.get(a.id).spent == 1_200_000 + 150_000 + 300_000


def person(ctx, name, gender="Nam", joined=date(2020, 1, 6)):
    """A member admitted long before the activities of these tests."""
    return MemberService(ctx).add(MemberInput(full_name=name, gender=gender, birth_date=date(1990, 5, 1),
                                              joined_date=joined))


def test_no_support_payment_to_a_departed_member(svc, ctx):
    fund(ctx)
    events = MemberService(ctx)
    active = members(ctx, 1)[0]
    moved = person(ctx, "Nguyễn Văn An")
    events.add_event(moved.id, "transferred_out", date(2026, 3, 5))
    a = svc.add(ActivityInput(kind="tham_hoi", subkind="om_dau", title="Thăm hỏi ốm đau", start_date=D),
                member_ids=[active.id, moved.id])
    # gone two days before the visit: no amount can be written for them (nor for anyone in that call)
    with pytest.raises(ValidationError) as e:
        svc.set_amounts(a.id, {active.id: (300_000, None), moved.id: (300_000, None)})
    assert e.value.errors["member"] == "Nguyễn Văn An đã chuyển đi từ 05/03/2026: không thể ghi khoản hỗ trợ."
    assert "Đoàn viên: Nguyễn Văn An đã chuyển đi từ 05/03/2026" in e.value.message
    assert [p.amount for p in svc.get(a.id).participants] == [None, None]
    svc.set_amounts(a.id, {active.id: (300_000, None), moved.id: (0, "Đã chuyển công tác")})  # no money: fine
    assert svc.pay(a.id, D)[0].member_id == active.id
    # a voucher of the cash page paying them cannot be counted as this activity's spending
    doc = CashService(ctx).record(kind="chi", category="tham_hoi", doc_date=D, person_name="Nguyễn Văn An",
                                  reason="Thăm hỏi ốm đau", amount=200_000)
    with pytest.raises(ValidationError) as e:
        svc.link_voucher(a.id, doc.id, member_id=moved.id)
    assert "Nguyễn Văn An đã chuyển đi từ 05/03/2026" in e.value.errors["voucher"]
    assert len(svc.get(a.id).payments) == 1

    # one who left after the activity's date was a member on it: their support is written and paid
    later = person(ctx, "Trần Thị Bích", "Nữ")
    b = svc.add(ActivityInput(kind="tham_hoi", subkind="sinh_con", title="Thăm hỏi sinh con",
                              start_date=date(2026, 3, 2)), member_ids=[later.id])
    events.add_event(later.id, "left", date(2026, 3, 20), reason="Nghỉ việc")
    svc.set_amounts(b.id, {later.id: (500_000, None)})
    assert svc.pay(b.id, date(2026, 3, 25))[0].member_id == later.id
    assert svc.link_voucher(b.id, doc.id, member_id=later.id).spent == 700_000

    # an amount written before a departure that was recorded afterwards with an earlier date:
    # the vouchers are refused, all or nothing
    late = person(ctx, "Lê Văn Cường")
    c = svc.add(ActivityInput(kind="tham_hoi", subkind="om_dau", title="Thăm ốm", start_date=D),
                member_ids=[active.id, late.id])
    svc.set_amounts(c.id, {active.id: (300_000, None), late.id: (300_000, None)})
    events.add_event(late.id, "left", date(2026, 3, 1))
    issued = len(CashService(ctx).docs(kind="chi"))
    with pytest.raises(ValidationError) as e:
        svc.pay(c.id, D)
    assert "Lê Văn Cường đã ra khỏi tổ chức từ 01/03/2026" in e.value.errors["member"]
    assert len(CashService(ctx).docs(kind="chi")) == issued and svc.get(c.id).payments == ()

    # a member who died: the family is given the bereavement support, nothing else
    dead = person(ctx, "Phạm Văn Dũng")
    events.add_event(dead.id, "deceased", date(2026, 3, 1), reason="Tai nạn giao thông")
    h = svc.add(ActivityInput(kind="tham_hoi", subkind="hieu", title="Phúng viếng đoàn viên", start_date=D),
                member_ids=[dead.id])
    svc.set_amounts(h.id, {dead.id: (2_000_000, None)})
    paid = svc.pay(h.id, D)[0]
    assert paid.person_name == "Thân nhân đoàn viên Phạm Văn Dũng"
    o = svc.add(ActivityInput(kind="tham_hoi", subkind="om_dau", title="Thăm ốm", start_date=D), member_ids=[dead.id])
    with pytest.raises(ValidationError) as e:
        svc.set_amounts(o.id, {dead.id: (300_000, None)})
    assert e.value.errors["member"] == "Phạm Văn Dũng đã từ trần ngày 01/03/2026: không thể ghi khoản hỗ trợ."


def test_departed_on_a_day_replays_the_events(svc, ctx):
    """Transferred out, then admitted again: a member between the two, not before or after."""
    from desktop.services.activities.service import departures
    m = person(ctx, "Hoàng Văn Em")
    MemberService(ctx).add_event(m.id, "transferred_out", date(2024, 6, 1))
    MemberService(ctx).add_event(m.id, "admitted", date(2025, 9, 1))
    with ctx.read() as s:
        assert departures(s, [m.id], date(2024, 5, 31)) == {}
        assert departures(s, [m.id], date(2024, 6, 1))[m.id].since == date(2024, 6, 1)
        assert departures(s, [m.id], date(2025, 8, 31))[m.id].status == "transferred_out"
        assert departures(s, [m.id], date(2026, 3, 7)) == {}


def test_not_enough_cash_writes_nothing(svc, ctx):
    fund(ctx, 400_000)
    ms = members(ctx, 2)
    a = svc.add(ActivityInput(kind="khen_thuong", subkind="nam", title="Khen thưởng cuối năm", start_date=D),
                member_ids=[m.id for m in ms])
    svc.set_amounts(a.id, {ms[0].id: (300_000, None), ms[1].id: (300_000, None)})
    with pytest.raises(ValidationError) as e:
        svc.pay(a.id, D)
    assert "tồn quỹ" in e.value.errors["amount"]
    assert CashService(ctx).docs(kind="chi") == [] and svc.get(a.id).payments == ()


def test_link_a_voucher_made_on_the_cash_page(svc, ctx):
    fund(ctx)
    a = svc.add(ActivityInput(kind="van_the", title="Giải bóng đá công nhân", start_date=D))
    doc = CashService(ctx).record(kind="chi", category="hoat_dong", doc_date=D, person_name="Nguyễn Văn Nam",
                                  reason="Thuê sân bóng", amount=800_000)
    voided = CashService(ctx).record(kind="chi", category="hoat_dong", doc_date=D, person_name="Trần Văn Bình",
                                     reason="Mua nước", amount=200_000)
    CashService(ctx).void(voided.id, "Ghi nhầm")
    free = [v.id for v in svc.free_vouchers()]
    assert doc.id in free and voided.id not in free  # payment vouchers only, not voided ones
    a = svc.link_voucher(a.id, doc.id)
    assert a.spent == 800_000 and a.payments[0].doc.ref == doc.ref
    assert doc.id not in [v.id for v in svc.free_vouchers()]
    other = svc.add(ActivityInput(kind="van_the", title="Văn nghệ", start_date=D))
    with pytest.raises(ValidationError):
        svc.link_voucher(other.id, doc.id)
    receipt = CashService(ctx).docs(kind="thu")[0]
    with pytest.raises(ValidationError):
        svc.link_voucher(other.id, receipt.id)
    assert svc.unlink_voucher(a.id, doc.id).spent == 0
    assert doc.id in [v.id for v in svc.free_vouchers()]


def test_delete_keeps_the_row_and_refuses_when_money_was_paid(svc, ctx):
    fund(ctx)
    m = members(ctx, 1)[0]
    a = svc.add(ActivityInput(kind="tham_hoi", subkind="sinh_con", title="Thăm hỏi sinh con", start_date=D),
                member_ids=[m.id])
    svc.set_amounts(a.id, {m.id: (500_000, None)})
    doc = svc.pay(a.id, D)[0]
    with pytest.raises(DomainError):
        svc.delete(a.id)
    CashService(ctx).void(doc.id, "Nhầm")
    svc.delete(a.id)
    with pytest.raises(NotFoundError):
        svc.get(a.id)
    with ctx.read() as s:
        row = s.get(Activity, a.id)
        assert row is not None and row.deleted_at is not None  # a tombstone: it syncs
        assert all(r.deleted_at is not None for r in s.scalars(
            select(ActivityMember).where(ActivityMember.activity_id == a.id)))
        changes = s.execute(text("SELECT op FROM sync_outbox WHERE tbl = 'activity' AND row_id = :i"),
                            {"i": a.id}).scalars().all()
    assert changes[0] == "insert" and changes[-1] == "delete"


def test_calendar_birthdays_and_a_members_activities(svc, ctx):
    ms = members(ctx, 4)
    with ctx.write() as s:
        s.get(Member, ms[0].id).birth_date = date(1990, 3, 15)
        s.get(Member, ms[1].id).birth_date = date(1988, 3, 2)
        s.get(Member, ms[2].id).birth_date = date(1992, 4, 1)
        left = s.scalars(select(Member).where(Member.status == "left")).first()
        left.birth_date = date(1991, 3, 20)
    a = svc.add(ActivityInput(kind="ky_niem", subkind="8_3", title="Gặp mặt 8/3", start_date=date(2026, 3, 8)),
                member_ids=[ms[0].id])
    svc.add(ActivityInput(kind="hop", subkind="bch", title="Họp BCH tháng 4", start_date=date(2026, 4, 2)))
    cal = svc.calendar(date(2026, 3, 1), date(2026, 3, 31))
    assert [x.title for x in cal.activities] == ["Gặp mặt 8/3"]
    names = [b.full_name for b in cal.birthdays]
    assert names.index(ms[1].full_name) < names.index(ms[0].full_name)  # in day order
    assert ms[2].full_name not in names and left.full_name not in names  # April; left the union
    b = next(b for b in cal.birthdays if b.member_id == ms[0].id)
    assert b.on(2026) == date(2026, 3, 15) and b.age_in(2026) == 36
    up = svc.upcoming(date(2026, 3, 30), days=7)
    assert [x.title for x in up.activities] == ["Họp BCH tháng 4"]
    assert ms[2].id in [b.member_id for b in up.birthdays]  # 1 April, within the week
    assert cal.birthday_total == len(cal.birthdays) and cal.birthday_days[date(2026, 3, 15)] >= 1
    few = svc.calendar(date(2026, 3, 1), date(2026, 3, 31), birthdays=1)
    assert len(few.birthdays) == 1 and few.birthday_total == cal.birthday_total  # counted all, listed one
    with ctx.write() as s:  # over New Year: December first
        s.get(Member, ms[3].id).birth_date = date(1985, 1, 1)
        s.get(Member, ms[2].id).birth_date = date(1992, 12, 30)
    wrap = svc.calendar(date(2026, 12, 28), date(2027, 1, 3))
    order = [b.member_id for b in wrap.birthdays]
    assert order.index(ms[2].id) < order.index(ms[3].id)
    assert wrap.birthday_days[date(2027, 1, 1)] >= 1
    svc.set_attendance(a.id, {ms[0].id: ("present", None)})
    mine = svc.for_member(ms[0].id)
    assert [(x.title, x.attendance_label) for x in mine] == [("Gặp mặt 8/3", "Có mặt")]
    assert svc.for_member(ms[3].id) == []
