"""The dues notice with its VietQR code (issue 14, item 4): the unit's receiving account
in its settings, what a member owes month by month, the payment reference and the code's
payload, one notice per member of a group, and the refusals."""

from datetime import date

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from desktop.models import BankAccount, Unit, utcnow
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.receiving import DuesAccountService
from desktop.services.bank.reference import PaymentReferenceError, decode_reference, member_key
from desktop.services.bank.vietqr import crc16_ccitt_false
from desktop.services.core.errors import ValidationError
from desktop.services.documents.dues_notice import DuesNotices, NoticeError
from desktop.services.dues.calc import month_index, month_label
from desktop.services.dues.service import DuesService
from desktop.services.units.service import GroupInfo, UnitService
from tests.desktop.services.dues_helpers import add_member, setup_unit

D = date(2025, 1, 1)
MONTHS = ["2026-01", "2026-02", "2026-03"]
DUE = 40_000  # 0.5 % of 8.000.000 (QĐ 61/QĐ-TLĐ, from 07/2025)


def tlv(payload: str) -> dict[str, str]:
    out, i = {}, 0
    while i < len(payload):
        tag, n = payload[i:i + 2], int(payload[i + 2:i + 4])
        out[tag] = payload[i + 4:i + 4 + n]
        i += 4 + n
    return out


@pytest.fixture
def unit(ctx):
    setup_unit(ctx)
    return ctx


@pytest.fixture
def vcb(unit):
    return BankAccountService(unit).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CONG DOAN CO SO PHU LAM",
        opening_date=D)).id


@pytest.fixture
def receiving(unit, vcb):
    DuesAccountService(unit).set(vcb)
    return unit


def unit_id(ctx):
    with ctx.read() as s:
        return s.scalar(select(Unit.id))


def test_receiving_account_is_chosen_among_the_bank_accounts(unit, vcb):
    accounts = DuesAccountService(unit)
    treasury = BankAccountService(unit).add(AccountInput(
        kind="treasury", institution="KBNN Hà Đông", account_number="9527.1.1054321", account_name="CĐCS Phú Lâm",
        opening_date=D)).id
    assert accounts.get() is None
    assert [a.id for a in accounts.choices()] == [vcb]  # a treasury account cannot take a VietQR transfer
    with pytest.raises(ValidationError) as e:
        accounts.set(treasury)
    assert "kho bạc" in e.value.message
    chosen = accounts.set(vcb)
    assert chosen is not None and chosen.bank.short_name == "Vietcombank"
    got = accounts.get()
    assert got is not None and got.account.account_number == "0071001234567"
    with unit.read() as s:  # kept on the unit row: a synced setting, the same on every PC
        assert s.scalar(select(Unit.dues_account_id)) == vcb
    assert accounts.set(None) is None and accounts.get() is None


def test_a_deleted_receiving_account_is_no_account(receiving, vcb):
    with receiving.write() as s:
        s.get(BankAccount, vcb).deleted_at = utcnow()
    assert DuesAccountService(receiving).get() is None
    with pytest.raises(NoticeError) as e:
        DuesNotices(receiving).notices(MONTHS, member_ids=[add_member(receiving)])
    assert "Chưa chọn tài khoản nhận đoàn phí" in e.value.message


def test_no_receiving_account_refused(unit):
    mid = add_member(unit)
    with pytest.raises(NoticeError) as e:
        DuesNotices(unit).notices(MONTHS, member_ids=[mid])
    assert "Chưa chọn tài khoản nhận đoàn phí" in e.value.message and "trang Ngân hàng" in e.value.message


def test_notice_of_a_member_month_by_month_with_reference_and_code(receiving):
    mid = add_member(receiving)
    DuesService(receiving).pay(mid, ["2026-02"])
    [n] = DuesNotices(receiving).notices(MONTHS, member_ids=[mid])
    assert [(month_label(line.month), line.due, line.paid, line.owed) for line in n.lines] == [
        ("01/2026", DUE, 0, DUE), ("02/2026", DUE, DUE, 0), ("03/2026", DUE, 0, DUE)]
    assert n.total == 2 * DUE
    ref = decode_reference(n.reference, unit_id(receiving))
    assert len(n.reference) <= 19 and n.reference.isascii() and n.reference.isalnum()
    assert ref.member_key == member_key(mid)
    assert (ref.first_month, ref.last_month, ref.months) == (date(2026, 1, 1), date(2026, 3, 1), 3)
    fields = tlv(n.payload)
    assert fields["01"] == "12" and fields["53"] == "704" and fields["58"] == "VN"
    assert fields["54"] == str(2 * DUE)
    assert tlv(fields["62"])["08"] == n.reference
    account = tlv(tlv(fields["38"])["01"])
    assert account == {"00": "970436", "01": "0071001234567"}
    assert fields["63"] == f"{crc16_ccitt_false(n.payload[:-4].encode()):04X}"


def test_one_notice_for_each_member_of_a_group_who_owes(receiving):
    UnitService(receiving).save_groups([GroupInfo(None, "Tổ May 1"), GroupInfo(None, "Tổ May 2")])
    groups = {g.name: g.id for g in UnitService(receiving).groups()}
    lan = add_member(receiving, "Nguyễn Thị Lan", group_id=groups["Tổ May 1"])
    binh = add_member(receiving, "Trần Văn Bình", group_id=groups["Tổ May 1"])
    add_member(receiving, "Lê Thị Cúc", group_id=groups["Tổ May 2"])
    DuesService(receiving).pay(binh, MONTHS)  # paid up: no notice
    notices = DuesNotices(receiving).notices(MONTHS, group_id=groups["Tổ May 1"])
    assert [(n.member_id, n.group_name, n.total) for n in notices] == [(lan, "Tổ May 1", 3 * DUE)]
    DuesService(receiving).pay(lan, MONTHS)
    with pytest.raises(NoticeError) as e:
        DuesNotices(receiving).notices(MONTHS, group_id=groups["Tổ May 1"])
    assert "Không đoàn viên nào của Tổ May 1 còn phải nộp" in e.value.message


def test_a_member_owing_nothing_is_refused_with_the_reason(receiving):
    mid = add_member(receiving)
    DuesService(receiving).pay(mid, MONTHS)
    with pytest.raises(NoticeError) as e:
        DuesNotices(receiving).notices(MONTHS, member_ids=[mid])
    assert "Nguyễn Thị Lan đã nộp đủ đoàn phí" in e.value.message
    other = add_member(receiving, "Trần Văn Bình")
    DuesService(receiving).add_exemption(other, "2026-01", "2026-03", "sickness")
    with pytest.raises(NoticeError) as e:
        DuesNotices(receiving).notices(MONTHS, member_ids=[other])
    assert "Trần Văn Bình không phải nộp đoàn phí" in e.value.message


def test_months_that_cannot_go_on_one_notice_are_refused(receiving):
    mid = add_member(receiving)
    notices = DuesNotices(receiving)
    with pytest.raises(NoticeError) as e:
        notices.notices(["2026-01", "2026-03"], member_ids=[mid])
    assert "phải liền nhau" in e.value.message
    today = month_index(date.today())
    too_far = f"{(today + 13) // 12}-{(today + 13) % 12 + 1:02d}"
    with pytest.raises(NoticeError) as e:
        notices.notices([too_far], member_ids=[mid])
    assert "Chỉ thu trước tối đa 12 tháng" in e.value.message
    # Three years of arrears on one code: the reference counts at most 32 months.
    three_years = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]
    with pytest.raises(PaymentReferenceError) as e:
        notices.notices(three_years, member_ids=[mid])
    assert "tối đa 32 tháng" in e.value.message
    with pytest.raises(ValidationError):
        notices.notices([], member_ids=[mid])


def test_notices_for_the_members_chosen_on_the_page(receiving):
    lan, binh = add_member(receiving), add_member(receiving, "Trần Văn Bình")
    DuesService(receiving).pay(binh, MONTHS)
    notices = DuesNotices(receiving).notices(MONTHS, member_ids=[binh, lan])
    assert [n.member_id for n in notices] == [lan]  # who owes nothing is left out when several are asked
    DuesService(receiving).pay(lan, MONTHS)
    with pytest.raises(NoticeError) as e:
        DuesNotices(receiving).notices(MONTHS, member_ids=[binh, lan])
    assert "Không đoàn viên nào đã chọn còn phải nộp" in e.value.message


def test_notices_printed_with_the_account_of_their_code(receiving, tmp_path):
    mid = add_member(receiving)
    notices = DuesNotices(receiving)
    made = notices.notices(MONTHS[:2], member_ids=[mid])
    DuesAccountService(receiving).set(None)  # changed meanwhile: the paper still matches its code
    out = tmp_path / "tb.pdf"
    assert notices.render(made, out) == 1
    doc = pdfium.PdfDocument(str(out))
    text = " ".join(doc[0].get_textpage().get_text_range().split())
    doc.close()
    for s in ["THÔNG BÁO ĐOÀN PHÍ", "Từ tháng 01/2026 đến tháng 02/2026", "Kính gửi đoàn viên: Nguyễn Thị Lan",
              "Số tiền cần nộp: 80.000 đ", "(Bằng chữ: Tám mươi nghìn đồng)", made[0].reference,
              "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)", "Số tài khoản: 0071001234567",
              "CONG DOAN CO SO PHU LAM"]:
        assert s in text, s
