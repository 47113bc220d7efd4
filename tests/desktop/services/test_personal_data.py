"""Personal data (issue 7, item 8): CCCD and salary only for the roles that need them,
a member's data exported for them, erased after they left and the retention period."""

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.core.errors import DuplicateMemberError, ValidationError
from desktop.services.core.permissions import PermissionDeniedError, mask_id
from desktop.services.documents.service import Documents
from desktop.services.dues.service import DuesService
from desktop.services.members.export import export_members
from desktop.services.members.service import MemberQuery, MemberService, input_as_raw
from desktop.services.personal_data.service import DEFAULT_RETENTION_YEARS, ErasureError, PersonalDataService
from desktop.services.units.accounts import AccountService
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.services.dues_helpers import add_member, setup_unit

CCCD = "001190012345"  # Hà Nội, born 1990, female


def pdf_text(path) -> str:
    return " ".join(" ".join(page.split()) for page in pages_text(path))


@pytest.fixture
def unit(ctx):
    """A unit with a chair, an accountant, a staff member and a viewer, and one member
    with a CCCD and a salary; the chair is signed in."""
    setup_unit(ctx)
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    accounts.login("hong", "matkhau1")
    for name, role in (("binh", "accountant"), ("lan", "staff"), ("xem", "viewer")):
        accounts.add(name, "matkhau1", role)
    mid = add_member(ctx, "Trần Thị Mai", salary=8_000_000, joined="01/01/2020", birth="15/03/1990",
                     id_number=CCCD, phone="0912345678", permanent_address="Số 5 ngõ 10 Kim Mã, Hà Nội")
    return accounts, mid


def login(ctx, accounts, name):
    accounts.login(name, "matkhau1")


def test_mask_keeps_only_the_ends():
    assert mask_id("001190012345") == "0011******45"
    assert mask_id("123456789") == "1234***89"
    assert mask_id("B123") == "**23"
    assert mask_id(None) is None


@pytest.mark.parametrize("role_user,sees", [("hong", True), ("binh", True), ("lan", False), ("xem", False)])
def test_cccd_and_salary_only_for_the_roles_that_need_them(ctx, unit, tmp_path, role_user, sees):
    accounts, mid = unit
    login(ctx, accounts, role_user)
    members = MemberService(ctx)
    row = members.page(MemberQuery(), 0, 10)[0]
    detail = members.get(mid)
    assert row.id_number == (CCCD if sees else "0011******45")
    assert detail.data.id_number == row.id_number
    assert detail.data.salary == (8_000_000 if sees else None)
    assert detail.hidden == (frozenset() if sees else frozenset({"id_number", "salary"}))
    # the Excel list
    export_members(ctx, tmp_path / "list.xlsx", MemberQuery())
    ws = load_workbook(tmp_path / "list.xlsx").active
    headers = [c.value for c in ws[1]]
    values = dict(zip(headers, [c.value for c in ws[2]]))
    assert values["Số CCCD"] == row.id_number
    assert values["Tiền lương"] == (8_000_000 if sees else None)
    # the dues page, the collection sheet and the member's ledger
    line = DuesService(ctx).period("2025-03")[0]
    assert line.basis_amount == (8_000_000 if sees else None) and line.due == 80_000  # 1% until 06/2025
    ledger = DuesService(ctx).ledger(mid)
    assert ledger.id_number == row.id_number
    assert {m.due.basis_amount for m in ledger.months} == ({8_000_000} if sees else {None})
    Documents(ctx).ledger(mid, tmp_path / "ledger.pdf")
    Documents(ctx).collection_sheet("2025-03", None, tmp_path / "sheet.pdf")
    ledger_text = pdf_text(tmp_path / "ledger.pdf")
    assert (CCCD in ledger_text) == sees
    assert ("8.000.000" in ledger_text) == sees
    assert ("8.000.000" in pdf_text(tmp_path / "sheet.pdf")) == sees


def test_a_search_never_matches_a_hidden_number(ctx, unit):
    accounts, mid = unit
    members = MemberService(ctx)
    assert [r.id for r in members.page(MemberQuery(search="0011900"), 0, 10)] == [mid]
    login(ctx, accounts, "lan")
    # digit by digit a search would spell the masked part out: it finds nothing
    assert members.count(MemberQuery(search="0011900")) == 0
    assert members.page(MemberQuery(search="0011900"), 0, 10) == []
    # the name, the phone and the card still find the member
    assert members.count(MemberQuery(search="tran thi mai")) == 1
    assert members.count(MemberQuery(search="0912345")) == 1
    # sorting by the hidden column sorts by name instead
    assert members.page(MemberQuery(sort="id_number"), 0, 10)[0].id == mid


def test_staff_cannot_overwrite_what_they_cannot_see(ctx, unit):
    accounts, mid = unit
    login(ctx, accounts, "lan")
    members = MemberService(ctx)
    shown = members.get(mid).data
    # saving the form as shown (CCCD masked, salary empty) keeps both and changes the rest
    members.update(mid, {**input_as_raw(shown), "phone": "0987654321"})
    members.update(mid, members.get(mid).data)  # the masked value itself, as a MemberInput
    with pytest.raises(PermissionDeniedError, match="không xem được số CCCD"):
        members.update(mid, {**input_as_raw(shown), "id_number": "001190099999"})
    with pytest.raises(PermissionDeniedError, match="tiền lương"):
        members.update(mid, {**input_as_raw(shown), "salary": "9.000.000"})
    login(ctx, accounts, "hong")
    d = members.get(mid)
    assert (d.data.id_number, d.data.salary, d.data.id_type, d.data.phone) == (CCCD, 8_000_000, "CCCD", "0987654321")


def test_staff_may_enter_a_number_not_recorded_yet(ctx, unit):
    accounts, _ = unit
    login(ctx, accounts, "lan")
    members = MemberService(ctx)
    new = members.add({"full_name": "Lê Văn Nam", "birth_date": "02/02/1991", "gender": "Nam",
                       "salary": "7.000.000"})
    assert new.data.salary is None and new.hidden == {"salary"}
    members.update(new.id, {**input_as_raw(new.data), "id_number": "001091000123"})
    d = members.get(new.id)
    assert d.data.id_number == "0010******23" and d.data.salary is None
    # and now it is recorded, it is theirs no more to change
    with pytest.raises(PermissionDeniedError):
        members.update(new.id, {**input_as_raw(new.data), "id_number": "001091000124"})
    # a clash with another member's number is said without showing that member's number
    with pytest.raises(DuplicateMemberError) as exc:
        members.add({"full_name": "Phạm Thị Hoa", "birth_date": "03/03/1990", "gender": "Nữ",
                     "id_number": CCCD})
    assert exc.value.matches[0].id_number == "0011******45"


def test_consent_date_is_recorded(ctx, unit):
    _, mid = unit
    members = MemberService(ctx)
    raw = {**input_as_raw(members.get(mid).data), "consent_date": "05/01/2026"}
    assert members.update(mid, raw).data.consent_date == date(2026, 1, 5)
    with pytest.raises(ValidationError, match="Ngày đồng ý"):
        members.update(mid, {**raw, "consent_date": "01/01/1980"})


def _history(ctx, mid):
    """Dues paid for three months, an activity with an absence reason, then leaving."""
    dues = DuesService(ctx)
    receipt = dues.pay(mid, ["2025-01", "2025-02", "2025-03"])
    acts = ActivityService(ctx)
    a = acts.add(ActivityInput(kind="hop", title="Hội nghị người lao động 2025", start_date=date(2025, 2, 10)),
                 member_ids=[mid])
    acts.set_attendance(a.id, {mid: ("absent", "ốm, nằm viện")})
    MemberService(ctx).add_event(mid, "left", date(2025, 4, 15), reason="Nghỉ việc, về quê chăm mẹ ốm")
    return receipt


def test_export_gives_the_member_everything_kept_about_them(ctx, unit, tmp_path):
    accounts, mid = unit
    receipt = _history(ctx, mid)
    svc = PersonalDataService(ctx)
    data = json.loads(svc.export(mid, tmp_path / "mai.json").read_text(encoding="utf-8"))
    assert data["member"]["full_name"] == "Trần Thị Mai"
    assert data["member"]["id_number"] == CCCD and data["member"]["salary"] == 8_000_000
    assert data["member"]["permanent_address"] == "Số 5 ngõ 10 Kim Mã, Hà Nội"
    assert [e["kind"] for e in data["events"]] == ["Kết nạp", "Ra khỏi tổ chức / xóa tên"]
    assert [(p["month"], p["amount"], p["receipt"]) for p in data["dues_paid"]] == [
        ("2025-01-01", 80_000, receipt.ref), ("2025-02-01", 80_000, receipt.ref), ("2025-03-01", 80_000, receipt.ref)]
    assert data["cash_docs"][0]["amount"] == 240_000
    assert data["activities"][0]["title"] == "Hội nghị người lao động 2025"
    assert data["activities"][0]["reason"] == "ốm, nằm viện"

    pdf = pdf_text(svc.export(mid, tmp_path / "mai.pdf"))
    for expected in ("DỮ LIỆU CÁ NHÂN CỦA ĐOÀN VIÊN", "Trần Thị Mai", CCCD, "8.000.000", "Kim Mã",
                     "Ra khỏi tổ chức", receipt.ref, "Hội nghị người lao động 2025"):
        assert expected in pdf, expected
    wb = load_workbook(svc.export(mid, tmp_path / "mai.xlsx"))
    assert "Đoàn phí đã nộp" in wb.sheetnames
    with ctx.read() as s:
        rows = s.execute(text("SELECT user_name, action, new_value FROM audit_log WHERE action = 'export'")).all()
    assert rows == [("hong", "export", "mai.json"), ("hong", "export", "mai.pdf"), ("hong", "export", "mai.xlsx")]
    with pytest.raises(ValidationError, match=r"\.pdf"):
        svc.export(mid, tmp_path / "mai.docx")
    login(ctx, accounts, "lan")
    with pytest.raises(PermissionDeniedError):
        svc.export(mid, tmp_path / "lan.json")
    assert not (tmp_path / "lan.json").exists()


def test_erasure_waits_for_the_retention_period_and_the_chair(ctx, unit):
    accounts, mid = unit
    svc = PersonalDataService(ctx)
    assert svc.retention_years() == DEFAULT_RETENTION_YEARS == 5
    check = svc.check_erasure(mid)
    assert not check.allowed and "đang là đoàn viên" in check.reason
    _history(ctx, mid)
    check = svc.check_erasure(mid, today=date(2030, 4, 14))
    assert not check.allowed and check.erasable_from == date(2030, 4, 15)
    with pytest.raises(ErasureError, match="15/04/2030"):
        svc.erase(mid, confirm="Trần Thị Mai", today=date(2030, 4, 14))
    assert svc.check_erasure(mid, today=date(2030, 4, 15)).allowed
    svc.set_retention_years(10)
    assert not svc.check_erasure(mid, today=date(2030, 4, 15)).allowed
    with pytest.raises(ValidationError):
        svc.set_retention_years(0)
    svc.set_retention_years(5)
    with pytest.raises(ErasureError, match="gõ đúng họ tên"):
        svc.erase(mid, confirm="Trần Thị", today=date(2030, 4, 15))
    login(ctx, accounts, "binh")  # the accountant sees the data but may not erase it
    with pytest.raises(PermissionDeniedError, match="xóa dữ liệu cá nhân"):
        svc.erase(mid, confirm="Trần Thị Mai", today=date(2030, 4, 15))
    with pytest.raises(PermissionDeniedError):
        svc.set_retention_years(3)
    assert MemberService(ctx).get(mid).data.full_name == "Trần Thị Mai"


def test_erasure_anonymises_the_person_and_keeps_the_books(ctx, unit, tmp_path):
    _, mid = unit
    receipt = _history(ctx, mid)
    dues = DuesService(ctx)
    before = [(l.member_id, l.due, l.paid) for l in dues.period("2025-01", "2025-03", include_departed=True)]
    svc = PersonalDataService(ctx)
    done = svc.erase(mid, confirm=" trần  thị mai ", today=date(2030, 5, 1))
    assert done.erased_at is not None and not done.allowed

    d = MemberService(ctx).get(mid)
    v = d.data
    assert v.full_name.startswith("Đoàn viên đã xóa dữ liệu #")
    assert (v.birth_date, v.id_number, v.phone, v.permanent_address, v.salary) == (None,) * 5
    assert (v.gender, d.status, v.joined_date) == ("Nữ", "left", date(2020, 1, 1))
    assert d.erased_at is not None and [e.reason for e in d.events] == [None, None]
    # the books: the receipt as issued, the dues paid, every past figure unchanged
    doc = dues.cash.docs(date_from=date(2025, 1, 1))[0]
    assert (doc.ref, doc.person_name, doc.amount) == (receipt.ref, "Trần Thị Mai", 240_000)
    after = [(l.member_id, l.due, l.paid) for l in dues.period("2025-01", "2025-03", include_departed=True)]
    assert after == before
    # nothing left to find the person by, nor in the audit log
    assert MemberService(ctx).count(MemberQuery(search="mai", status=None)) == 0
    assert MemberService(ctx).count(MemberQuery(search="0011900", status=None)) == 0
    with ctx.read() as s:
        dump = " ".join(str(x) for r in s.execute(text(
            "SELECT label, old_value, new_value FROM audit_log WHERE tbl != 'cash_doc'")) for x in r)
        activity_reason = s.execute(text("SELECT reason FROM activity_member")).scalar()
        erase_rows = s.execute(text("SELECT user_name, row_id, label FROM audit_log WHERE action = 'erase'")).all()
    for secret in ("Trần Thị Mai", CCCD, "0912345678", "Kim Mã", "1990-03-15", "8000000", "nằm viện", "chăm mẹ"):
        assert secret not in dump, secret
    assert activity_reason is None
    assert erase_rows == [("hong", mid, v.full_name)]
    # a record kept for the books is not edited any more, nor erased twice
    with pytest.raises(PermissionDeniedError, match="đã được xóa"):
        MemberService(ctx).update(mid, {**input_as_raw(v), "full_name": "Trần Thị Mai", "birth_date": "1990"})
    with pytest.raises(ErasureError, match="đã được xóa"):
        svc.erase(mid, confirm=v.full_name, today=date(2030, 5, 1))
    data = json.loads(svc.export(mid, tmp_path / "after.json").read_text(encoding="utf-8"))
    assert data["member"]["full_name"] == v.full_name and data["dues_paid"][0]["amount"] == 80_000


def test_the_date_of_leaving_is_the_first_departure(ctx, unit):
    _, mid = unit
    members = MemberService(ctx)
    members.add_event(mid, "left", date(2020, 6, 1))
    members.add_event(mid, "deceased", date(2024, 1, 1))
    check = PersonalDataService(ctx).check_erasure(mid, today=date(2025, 6, 2))
    assert check.left_on == date(2020, 6, 1) and check.allowed


def test_an_erasure_cut_short_changes_nothing(ctx, unit, monkeypatch):
    """One transaction: a disk that fills up half way leaves the member, the audit log
    and the per-row auditing switch as they were."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import desktop.services.personal_data.service as pd
    from desktop.services.core.safe_files import WriteError

    _, mid = unit
    _history(ctx, mid)

    def disk_full(*_args):
        raise OperationalError("UPDATE audit_log …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(pd, "_redact_audit", disk_full)
    with pytest.raises(WriteError, match="đã đầy"):
        PersonalDataService(ctx).erase(mid, confirm="Trần Thị Mai", today=date(2030, 5, 1))
    d = MemberService(ctx).get(mid)
    assert (d.data.full_name, d.data.id_number, d.erased_at) == ("Trần Thị Mai", CCCD, None)
    with ctx.read() as s:
        assert s.execute(text("SELECT bulk FROM audit_session")).scalar() == 0
        assert not s.execute(text("SELECT 1 FROM audit_log WHERE action = 'erase' OR label = '(đã xóa)'")).first()
    # and with the disk freed it goes through
    monkeypatch.undo()
    assert PersonalDataService(ctx).erase(mid, confirm="Trần Thị Mai", today=date(2030, 5, 1)).erased_at
