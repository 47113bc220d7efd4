"""Text on the ways in that do not go through a form's clean(): rows pulled by the sync,
the QR code of a CCCD; and the protocol's text limits (protocol.fields) checked before
anything is written, with a message naming the field and its limit (issue 11, items 3, 5)."""

import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import Activity, CashDoc
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import ValidationError
from desktop.services.members.cccd import QrFormatError, parse_cccd_qr
from desktop.services.units.service import UnitInfo, UnitService
from desktop.sync.apply import apply_page
from desktop.sync.rawdb import connection
from protocol.limits import has_control

CONGDOAN = str(Path(sys.executable).with_name("congdoan"))
NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")


@pytest.fixture
def unit(ctx):
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty Dệt Nam Định", upper_name="LĐLĐ tỉnh Nam Định"))
    return ctx


def test_pulled_rows_are_nfc_and_free_of_control_characters(unit):
    mid = "0190a5e0-0000-7000-8000-000000000001"
    page = [("member", [mid], [1], {
        "full_name": [NFD_NAME + "\x00\x85"], "gender": ["Nữ"], "status": ["active"], "birth_year_only": [0],
        "party_member": [0], "department": ["Phòng\tKế\x1btoán"], "notes": ["Dòng một\x07\nDòng hai\tcột"],
        "phone": [["0912", "345"]],  # a list where text belongs: a row stored before the server checked
        "created_at": ["2026-03-01 00:00:00"], "updated_at": ["2026-03-01 00:00:00"]})]
    with connection(unit.db) as conn:
        result = apply_page(conn, page, 1, 1)
        assert result.applied == 1
        name, dept, notes, phone = conn.execute(
            "SELECT full_name, department, notes, phone FROM member WHERE id = ?", (mid,)).fetchone()
    assert name == "Nguyễn Thị Hằng" and unicodedata.is_normalized("NFC", name)
    assert dept == "Phòng Kếtoán" and not has_control(dept)  # one line: the tab separates, the escape goes
    assert notes == "Dòng một\nDòng hai\tcột"  # several lines allowed in notes, the bell is not
    assert phone is None


def test_cccd_qr_takes_ascii_digits_only_and_the_name_within_its_limit():
    q = parse_cccd_qr("079195001234|012345678|" + NFD_NAME + "\x00|09051995|Nữ|12 Lê Lợi\x07, Huế|01022021")
    assert q.full_name == "Nguyễn Thị Hằng" and q.address == "12 Lê Lợi, Huế"
    with pytest.raises(QrFormatError):  # fullwidth digits are digits to re's \d, not a CCCD
        parse_cccd_qr("０７９１９５００１２３４|012345678|Nguyễn An|09051995|Nữ|Huế|01022021")
    with pytest.raises(QrFormatError) as e:
        parse_cccd_qr("079195001234|012345678|" + "Nguyễn " * 40 + "|09051995|Nữ|Huế|01022021")
    assert "Họ và tên" in str(e.value) and "tối đa 200 ký tự" in str(e.value) and "Nguyễn Nguyễn" not in str(e.value)


def count(ctx, model):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_text_longer_than_the_protocol_allows_is_refused_naming_field_and_limit(unit):
    with pytest.raises(ValidationError) as e:
        CashService(unit).record(kind="thu", category="thu_khac", doc_date=date(2026, 3, 1),
                                 person_name="Trần Văn Bình " * 30, reason="Ủng hộ", amount=50_000)
    assert "Họ tên người nộp/nhận tiền" in e.value.message and "tối đa 200 ký tự" in e.value.message
    assert "Trần Văn Bình Trần" not in e.value.message and count(unit, CashDoc) == 0
    with pytest.raises(ValidationError) as e:
        ActivityService(unit).add(ActivityInput(kind="hop", title="Họp " * 200, start_date=date(2026, 3, 1)))
    assert "Tên hoạt động" in e.value.message and "tối đa 500 ký tự" in e.value.message
    assert count(unit, Activity) == 0
    with pytest.raises(ValidationError) as e:
        UnitService(unit).save(UnitInfo(name="CĐCS " * 60, upper_name="LĐLĐ"))
    assert "Tên đơn vị" in e.value.message and "tối đa 200 ký tự" in e.value.message
    assert UnitService(unit).get().name == "CĐCS Công ty Dệt Nam Định"
    # within the limits: written
    CashService(unit).record(kind="thu", category="thu_khac", doc_date=date(2026, 3, 1), person_name="Trần Bình",
                             reason="Ủng hộ\n" * 100, amount=50_000)
    assert count(unit, CashDoc) == 1


def test_cli_refuses_overlong_text_in_one_line(tmp_path):
    db = tmp_path / "m.sqlite3"
    r = subprocess.run([CONGDOAN, "--db", str(db), "init", "--unit-name", "A" * 300, "--upper-name", "LĐLĐ"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "“Tên đơn vị” dài 300 ký tự, tối đa 200 ký tự" in r.stderr
    assert "AAAA" not in r.stderr
