"""The transfer service on one PC (issue 15, item 8), what the server cannot see: what of
the member the row carries, the refusals before anything is written, the accepting of a
proposal on a member known here, and the erasure of a leaver's copy. Across units through
the real server: tests/e2e/test_sync_member_transfer.py."""

import json
from datetime import date, timedelta

import pytest

from desktop.models import MemberTransfer
from desktop.services.core.errors import StatusChangeError, ValidationError
from desktop.services.members.service import MemberService
from desktop.services.members.transfer import TransferService
from desktop.services.personal_data.service import PersonalDataService
from desktop.services.units.service import UnitInfo, UnitService


@pytest.fixture
def unit(ctx):
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty Dệt may Hòa Thọ", upper_name="LĐLĐ TP Đà Nẵng", code="U0001"))
    return ctx


def _member(ctx, consent: bool = False, **extra) -> str:
    raw = {"full_name": "Trần Thị Hoa", "birth_date": "12/05/1980", "gender": "Nữ", "id_number": "046180000111",
           "phone": "0912345678", "salary": "9000000", "joined_date": "01/06/2001", **extra}
    return MemberService(ctx).add({**raw, "consent_date": "05/01/2005"} if consent else raw).id


def test_what_the_row_carries_follows_the_consent(unit):
    svc = TransferService(unit)
    plain = svc.transfer_out(_member(unit), "U0002", date(2026, 3, 2))
    assert set(plain.member_data) == {"full_name", "birth_date", "birth_year_only", "gender", "joined_date"}
    agreed = svc.transfer_out(_member(unit, consent=True, id_number="046180000222", full_name="Lê Thị Lan"),
                              "U0002", date(2026, 3, 2),
                              with_personal_data=True)
    assert agreed.member_data["id_number"] == "046180000222" and agreed.member_data["phone"] == "0912345678"
    assert agreed.member_data["consent_date"] == "2005-01-05" and "salary" not in agreed.member_data


def test_refusals_write_nothing(unit):
    svc = TransferService(unit)
    mid = _member(unit)
    for code, when, message in (("", date(2026, 3, 2), "không được để trống"),
                                ("u0001", date(2026, 3, 2), "chính đơn vị"),
                                ("U0002", date.today() + timedelta(days=1), "trong tương lai"),
                                ("U" * 51, date(2026, 3, 2), "tối đa 50 ký tự")):
        with pytest.raises(ValidationError, match=message):
            svc.transfer_out(mid, code, when)
    with pytest.raises(ValidationError, match="chưa có ngày đồng ý"):
        svc.transfer_out(mid, "U0002", date(2026, 3, 2), with_personal_data=True)
    assert MemberService(unit).get(mid).status == "active" and svc.transfers() == []
    svc.transfer_out(mid, "U0002", date(2026, 3, 2))
    with pytest.raises(StatusChangeError, match="Đã chuyển đi"):
        svc.transfer_out(mid, "U0003", date(2026, 3, 3))


def _proposal(ctx, **data) -> str:
    with ctx.write() as s:
        t = MemberTransfer(direction="in", to_unit_code="U0001", from_unit_code="U0002", from_unit_name="CĐCS B",
                           transfer_date=date(2026, 3, 2), with_personal_data=True, consent_date=date(2005, 1, 5),
                           status="proposed", member_data=json.dumps(data))
        s.add(t)
        s.flush()
        return t.id


def test_a_member_active_here_by_cccd_is_not_taken_twice(unit):
    _member(unit)
    tid = _proposal(unit, full_name="Trần Thị Hoa", gender="Nữ", birth_date="1980-05-12", id_number="046180000111")
    with pytest.raises(StatusChangeError, match="Đang sinh hoạt"):
        TransferService(unit).accept(tid)
    assert TransferService(unit).get(tid).status == "proposed"  # nothing was written
    with pytest.raises(StatusChangeError, match="đơn vị nhận mới trả lời"):
        TransferService(unit).accept(TransferService(unit).transfer_out(_member(unit, id_number="046180000999", full_name="Võ Văn Nam"),
                                                                        "U0002", date(2026, 3, 2)).id)


def test_the_erasure_of_a_leaver_clears_their_transfer_copy(unit):
    mid = _member(unit, consent=True)
    t = TransferService(unit).transfer_out(mid, "U0002", date(2010, 3, 2), reason="Về quê chăm mẹ ốm",
                                           with_personal_data=True)
    PersonalDataService(unit).erase(mid, confirm="Trần Thị Hoa", today=date(2026, 12, 1))
    with unit.read() as s:
        row = s.get(MemberTransfer, t.id)
        assert (row.member_data, row.reason) == (None, None)


def test_a_role_that_may_not_see_id_numbers_sees_them_masked_on_proposals(unit):
    from desktop.services.units.accounts import AccountService
    tid = _proposal(unit, full_name="Đỗ Văn Hùng", gender="Nam", birth_date="1985-01-02", id_number="046185000321")
    accounts = AccountService(unit)
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    accounts.login("hong", "matkhau1")
    accounts.add("lan", "matkhau1", "staff")
    accounts.login("lan", "matkhau1")
    assert TransferService(unit).get(tid).member_data["id_number"] == "0461******21"
    # Taking the member in is the members' business, which staff may do: the number is kept whole.
    mid = TransferService(unit).accept(tid).member_id
    accounts.login("hong", "matkhau1")
    assert MemberService(unit).get(mid).data.id_number == "046185000321"


def test_a_transfer_proposed_again_after_a_refusal_is_not_undone(unit):
    """Declined, the member is back on the books; proposed again with the same decision
    date, the next sync's restoring must leave the new proposal's event alone (else the
    member would be active here while the other unit may accept them)."""
    svc = TransferService(unit)
    mid = _member(unit)
    first = svc.transfer_out(mid, "U0002", date(2026, 3, 2))
    with unit.write() as s:  # as the sync brings the receiving unit's answer
        s.get(MemberTransfer, first.id).status = "declined"
    assert svc.restore_declined() == 1
    assert MemberService(unit).get(mid).status == "active"
    second = svc.transfer_out(mid, "U0002", date(2026, 3, 2))
    assert svc.restore_declined() == 0
    assert MemberService(unit).get(mid).status == "transferred_out"
    with unit.write() as s:
        s.get(MemberTransfer, second.id).status = "declined"
    assert svc.restore_declined() == 1 and MemberService(unit).get(mid).status == "active"
