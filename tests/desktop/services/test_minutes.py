"""Minutes, decisions and notices of an activity: templates from the attendance, drafts
saved and reopened, the checks that refuse a finished minute with no chair, a vote larger
than the meeting, numbers per year and kind, locking (service and database) and
corrections as new versions."""

import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop.models import ActivityDoc
from desktop.models.activity import LOCKED_DOC_COLUMNS
from desktop.services.activities.minutes import AgendaItem, MinutesService, Person
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.demo.service import make_demo
from desktop.services.members.rules import MemberInput
from desktop.services.members.service import MemberQuery, MemberService

D = date(2026, 3, 7)


@pytest.fixture
def meeting(ctx):
    """An executive committee meeting of 9, 7 present, one absent, one excused."""
    make_demo(ctx, 60, today=date(2026, 11, 1))
    ms = MemberService(ctx).page(MemberQuery(), 0, 9)
    acts = ActivityService(ctx)
    a = acts.add(ActivityInput(kind="hop", subkind="bch", title="Họp Ban Chấp hành tháng 3/2026", start_date=D,
                               place="Phòng họp tầng 2"), member_ids=[m.id for m in ms])
    marks = {m.id: ("present", None) for m in ms[:7]}
    marks[ms[7].id] = ("absent", "ốm")
    marks[ms[8].id] = ("excused", "đi công tác")
    acts.set_attendance(a.id, marks)
    return a.id, ms


def ready(c, ms):
    return replace(c, chair_name=ms[0].full_name, secretary_name=ms[1].full_name,
                   start_at=datetime(2026, 3, 7, 14, 0), end_at=datetime(2026, 3, 7, 16, 30))


def test_template_from_attendance(ctx, meeting):
    aid, ms = meeting
    c = MinutesService(ctx).template(aid, "bb")
    assert c.meeting_kind == "bch" and c.title == "Họp Ban Chấp hành tháng 3/2026"
    assert c.location == "Phòng họp tầng 2" and c.doc_date == D
    assert [p.status for p in c.participants].count("present") == 7
    absent = next(p for p in c.participants if p.status == "absent")
    assert (absent.name, absent.reason) == (ms[7].full_name, "ốm")
    assert c.present_total == 7
    assert c.agenda[0].title.startswith("Đánh giá kết quả") and "Lưu: VT." in c.recipients
    assert c.suffix == "CĐCS"
    assert c.place_name == "Bình Dương"  # no place set: the end of the unit's address


def test_draft_saved_with_warnings_then_finished_and_numbered(ctx, meeting):
    aid, ms = meeting
    svc = MinutesService(ctx)
    c = svc.template(aid, "bb")
    saved = svc.save(aid, "bb", c)
    assert saved.doc.status == "draft" and saved.doc.number_text == "……/BB-CĐCS"
    assert any("Chủ tọa" in w for w in saved.warnings) and any("Thư ký" in w for w in saved.warnings)
    # reopened as it was saved
    again = svc.get(saved.doc.id)
    assert again.content == svc.save(aid, "bb", c, doc_id=saved.doc.id).doc.content
    assert again.content.participants == c.participants
    # finishing refuses what the draft only warned about, naming each field
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", c, doc_id=saved.doc.id, finish=True)
    assert {"chair_name", "secretary_name", "end_at"} <= set(e.value.errors)
    assert "Chủ tọa: biên bản phải có chủ tọa." in e.value.message
    assert svc.get(saved.doc.id).status == "draft"
    done = svc.save(aid, "bb", ready(c, ms), doc_id=saved.doc.id, finish=True).doc
    assert done.final and done.number_text == "01/BB-CĐCS" and done.finished_at is not None
    # the next minutes of the year get 02; decisions are numbered on their own
    second = svc.save(aid, "bb", ready(c, ms), finish=True).doc
    assert second.number_text == "02/BB-CĐCS"
    q = svc.save(aid, "qd", svc.template(aid, "qd"), finish=True).doc
    assert q.number_text == "01/QĐ-CĐCS"
    # another year starts again at 01; a number already used is refused
    other = replace(ready(c, ms), doc_date=date(2027, 1, 5), start_at=datetime(2027, 1, 5, 8), end_at=datetime(2027, 1, 5, 9))
    assert svc.save(aid, "bb", other, finish=True).doc.number_text == "01/BB-CĐCS"
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", replace(ready(c, ms), number=2))
    assert "02/BB-CĐCS" in e.value.errors["number"] and "đã dùng" in e.value.errors["number"]
    # the suffix is the unit's: the one used last is offered next
    svc.save(aid, "tb", replace(svc.template(aid, "tb"), suffix="CĐCS-SV"))
    assert svc.template(aid, "bb").suffix == "CĐCS-SV"


def test_votes_chair_times_and_counts(ctx, meeting):
    aid, ms = meeting
    svc = MinutesService(ctx)
    c = ready(svc.template(aid, "bb"), ms)
    too_many = replace(c, agenda=(AgendaItem("Thông qua kế hoạch 8/3", "Thảo luận", vote_for=6, vote_against=1,
                                             vote_abstain=1),))
    draft = svc.save(aid, "bb", too_many)
    assert any("biểu quyết 8 người" in w and "nhiều hơn số người có mặt (7)" in w for w in draft.warnings)
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", too_many, doc_id=draft.doc.id, finish=True)
    assert "“Thông qua kế hoạch 8/3”" in e.value.errors["agenda"]
    ok = replace(too_many, agenda=(AgendaItem("Thông qua kế hoạch 8/3", vote_for=6, vote_against=1, vote_abstain=0),))
    assert svc.save(aid, "bb", ok, doc_id=draft.doc.id, finish=True).doc.final
    # guests do not vote; a chair from outside the meeting is refused, a guest chair is not
    guest = Person("Trần Quốc Toản", "Phó Giám đốc Công ty", "guest")
    outsider = replace(c, chair_name="Nguyễn Văn Ngoài")
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", outsider, finish=True)
    assert "không có trong danh sách người có mặt" in e.value.errors["chair_name"]
    absent_chair = replace(c, chair_name=ms[7].full_name)  # marked absent
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", absent_chair, finish=True)
    assert "chair_name" in e.value.errors
    guest_chair = replace(c, participants=c.participants + (guest,), chair_name="trần quốc toản")
    assert svc.save(aid, "bb", guest_chair, finish=True).doc.content.chair_name == "Trần Quốc Toản"
    # an end before the start is refused even in a draft; so is a count that cannot be
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", replace(c, end_at=datetime(2026, 3, 7, 13, 0)))
    assert "trước khi bắt đầu" in e.value.errors["end_at"]
    with pytest.raises(ValidationError) as e:
        svc.save(aid, "bb", replace(c, expected_count=5))
    assert "nhiều hơn số người triệu tập" in e.value.errors["present_count"]
    with pytest.raises(ValidationError):
        svc.save(aid, "bb", replace(c, agenda=(AgendaItem("Bầu", vote_for=-1),)))
    # a congress counted, not named: the count decides the votes
    counted = replace(c, participants=(Person(ms[0].full_name), Person(ms[1].full_name)), expected_count=300,
                      present_count=285, agenda=(AgendaItem("Thông qua nghị quyết", vote_for=280, vote_against=5,
                                                            vote_abstain=0),))
    assert svc.save(aid, "bb", counted, finish=True).doc.content.present_total == 285


def test_finished_minutes_are_locked_and_corrected_by_a_new_version(ctx, meeting):
    aid, ms = meeting
    svc = MinutesService(ctx)
    done = svc.save(aid, "bb", ready(svc.template(aid, "bb"), ms), finish=True).doc
    with pytest.raises(DomainError) as e:
        svc.save(aid, "bb", replace(done.content, title="Sửa lén"), doc_id=done.id)
    assert "bản sửa" in e.value.message
    with pytest.raises(DomainError):
        svc.delete_draft(done.id)
    # the database refuses it too, whoever writes
    path = ctx.db.path
    with sqlite3.connect(path) as raw:
        for sql in ("UPDATE activity_doc SET title = 'x' WHERE id = ?",
                    "UPDATE activity_doc SET status = 'draft' WHERE id = ?",
                    "UPDATE activity_doc SET deleted_at = '2026-04-01' WHERE id = ?",
                    "DELETE FROM activity_doc WHERE id = ?"):
            with pytest.raises(sqlite3.IntegrityError, match="đã hoàn thành"):
                raw.execute(sql, (done.id,))
        raw.execute("UPDATE activity_doc SET server_seq = 41 WHERE id = ?", (done.id,))  # the sync may
        raw.execute("UPDATE activity_doc SET title = title WHERE id = ?", (done.id,))  # nothing changes
    with pytest.raises(ValidationError):
        svc.correct(done.id, "  ")
    v2 = svc.correct(done.id, "Ghi sai giờ kết thúc")
    assert (v2.version, v2.status, v2.chain_id, v2.number_text) == (2, "draft", done.chain_id, "01/BB-CĐCS")
    assert svc.get(done.id).superseded_by == 2
    v2 = svc.save(aid, "bb", replace(v2.content, end_at=datetime(2026, 3, 7, 17, 0)), doc_id=v2.id, finish=True).doc
    assert v2.final and v2.number_text == "01/BB-CĐCS"  # a correction keeps its number
    old = svc.get(done.id)
    assert old.final and old.content.end_at == datetime(2026, 3, 7, 16, 30)  # kept as it was
    assert [v for _, v, _ in old.versions] == [1, 2]
    with pytest.raises(DomainError):
        svc.correct(done.id, "sửa bản cũ")  # only the newest version is corrected
    current = [d for d in svc.for_activity(aid) if d.current]
    assert [d.id for d in current] == [v2.id]
    # numbering goes on past the chain, not per version
    assert svc.save(aid, "bb", ready(svc.template(aid, "bb"), ms), finish=True).doc.number_text == "02/BB-CĐCS"


def test_every_content_column_is_locked():
    meta = {"id", "created_at", "updated_at", "server_seq", "device_id", "search_key"}
    columns = {c.name for c in ActivityDoc.__table__.columns} - meta
    assert columns == set(LOCKED_DOC_COLUMNS)
    import importlib
    mig = importlib.import_module("desktop.models.migrations.versions.0005_activities_attendance_and_minutes")
    assert set(mig.LOCKED) == columns


def test_decision_with_the_list_of_members_paid(ctx, meeting):
    _aid, ms = meeting
    acts = ActivityService(ctx)
    t = acts.add(ActivityInput(kind="tham_hoi", subkind="kho_khan", title="Trợ cấp khó khăn quý I/2026",
                               start_date=D, organiser="Ban Nữ công"), member_ids=[m.id for m in ms[:3]])
    acts.set_amounts(t.id, {ms[0].id: (500_000, None), ms[1].id: (1_000_000, "Con ốm nặng")})
    svc = MinutesService(ctx)
    c = svc.template(t.id, "qd")
    assert c.title == "Về việc thăm hỏi, trợ cấp đoàn viên (hoàn cảnh khó khăn)"
    assert c.body[0].startswith("Thăm hỏi, trợ cấp 2 đoàn viên")
    assert "1.500.000 đồng (Một triệu năm trăm nghìn đồng)" in c.body[0]
    assert {(r.name, r.amount) for r in c.annex} == {(ms[0].full_name, 500_000), (ms[1].full_name, 1_000_000)}
    assert next(r.content for r in c.annex if r.name == ms[1].full_name) == "Con ốm nặng"
    assert "Xét đề nghị của Ban Nữ công," in c.bases
    assert c.signer_title == "TM. BAN CHẤP HÀNH\nCHỦ TỊCH" and c.signer_name == "Nguyễn Thị Hồng Nhung"
    with pytest.raises(ValidationError) as e:
        svc.save(t.id, "qd", replace(c, body=()), finish=True)
    assert "body" in e.value.errors
    doc = svc.save(t.id, "qd", c, finish=True).doc
    _header, letter = svc.printable(doc.id)
    assert letter.number == "01/QĐ-CĐCS" and letter.authority.startswith("Ban Chấp hành Công đoàn cơ sở")
    assert letter.annex_total_words == "Một triệu năm trăm nghìn đồng"
    notice = svc.template(t.id, "tb")
    assert notice.title == "Về việc trợ cấp khó khăn quý I/2026" and notice.body


def test_a_decision_paying_a_departed_member_is_warned_then_refused(ctx, meeting):
    _aid, ms = meeting
    acts, people = ActivityService(ctx), MemberService(ctx)

    def person(name):
        return people.add(MemberInput(full_name=name, gender="Nam", birth_date=date(1990, 5, 1),
                                      joined_date=date(2020, 1, 6)))

    gone, later, dead = person("Nguyễn Văn An"), person("Trần Văn Bảo"), person("Phạm Văn Dũng")
    t = acts.add(ActivityInput(kind="tham_hoi", subkind="kho_khan", title="Trợ cấp khó khăn quý I/2026",
                               start_date=D), member_ids=[ms[0].id, gone.id, later.id])
    acts.set_amounts(t.id, {ms[0].id: (500_000, None), gone.id: (800_000, None), later.id: (300_000, None)})
    # recorded afterwards: one had moved away before the activity's date, one left after it
    people.add_event(gone.id, "transferred_out", date(2026, 3, 5))
    people.add_event(later.id, "left", date(2026, 3, 20))
    svc = MinutesService(ctx)
    c = svc.template(t.id, "qd")
    assert {r.name for r in c.annex} == {ms[0].full_name, "Nguyễn Văn An", "Trần Văn Bảo"}
    draft = svc.save(t.id, "qd", c)  # a draft is kept, with the warning
    said = [w for w in draft.warnings if w.startswith("Danh sách kèm theo:")]
    assert len(said) == 1 and "Nguyễn Văn An đã chuyển đi từ 05/03/2026" in said[0] and "800.000 đ" in said[0]
    assert svc.check("qd", c, activity_id=t.id)[1] == list(draft.warnings)
    with pytest.raises(ValidationError) as e:
        svc.finish(draft.doc.id)
    assert set(e.value.errors) == {"annex"} and "Nguyễn Văn An đã chuyển đi từ 05/03/2026" in e.value.errors["annex"]
    assert "Trần Văn Bảo" not in e.value.errors["annex"]  # a member on the activity's date
    assert svc.get(draft.doc.id).status == "draft"
    # the amount taken off and the list taken again: the decision is finished
    acts.set_amounts(t.id, {gone.id: (None, None)})
    c = svc.template(t.id, "qd")
    done = svc.save(t.id, "qd", c, doc_id=draft.doc.id, finish=True)
    assert done.doc.final and not any(w.startswith("Danh sách kèm theo") for w in done.warnings)
    # a bereavement decision for a member who died before it: their family is paid
    people.add_event(dead.id, "deceased", date(2026, 3, 1))
    h = acts.add(ActivityInput(kind="tham_hoi", subkind="hieu", title="Phúng viếng", start_date=D),
                 member_ids=[dead.id])
    acts.set_amounts(h.id, {dead.id: (2_000_000, None)})
    assert svc.save(h.id, "qd", svc.template(h.id, "qd"), finish=True).doc.final


def test_the_text_of_the_minutes_is_searched(ctx, meeting):
    from desktop.services.activities.service import ActivityQuery
    aid, ms = meeting
    svc = MinutesService(ctx)
    c = replace(ready(svc.template(aid, "bb"), ms),
                agenda=(AgendaItem("Bữa ăn giữa ca", "Đoàn viên phản ánh suất ăn ca chưa đủ chất."),))
    svc.save(aid, "bb", c)
    found = ActivityService(ctx).list(ActivityQuery(search="suat an ca"))
    assert [a.id for a in found] == [aid]
    assert ActivityService(ctx).list(ActivityQuery(search="suat an ca khong co")) == []
