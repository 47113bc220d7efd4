from datetime import date

import pytest
from openpyxl import Workbook

from desktop.services.cash.service import CashService
from desktop.services.core.errors import ImportFileError, ValidationError
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService, PaymentError
from desktop.services.payroll.service import PayrollService
from desktop.services.units.service import DuesSettings, UnitService
from tests.desktop.services.dues_helpers import add_member, setup_unit


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    return ctx


def payroll_file(path, rows, header=("STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Số tiền trích (đồng)")):
    wb = Workbook()
    ws = wb.active
    ws.append(["BẢNG KÊ TRÍCH ĐOÀN PHÍ QUA LƯƠNG THÁNG 03/2026"])
    ws.append(list(header))
    for i, r in enumerate(rows, start=1):
        ws.append([i, *r])
    ws.append(["", "Tổng cộng", "", "", None])
    wb.save(path)
    return path


def test_payroll_list_matched_and_recorded_as_one_receipt(unit, tmp_path):
    a = add_member(unit, name="Lâm Thị Mỹ Duyên", salary=8_000_000, id_number="079195001234", birth="12/05/1995")
    b = add_member(unit, name="Tạ Văn Cường", gender="Nam", salary=10_000_000, birth="03/04/1988")
    c = add_member(unit, name="Kiều Thị Oanh", salary=6_000_000, card_number="DV-77", birth="1992")
    path = payroll_file(tmp_path / "bk.xlsx", [
        ["LÂM THỊ MỸ DUYÊN", 79195001234, None, 40_000],       # by CCCD (lost its zero)
        ["Tạ Văn Cường", None, "03/04/1988", 50_000],          # by name and birth date
        ["Kiều Thị Oanh", None, 1992, "30.000"],               # by name and year
    ])
    svc = PayrollService(unit)
    p = svc.preview(path, "2026-03")
    assert [r.status for r in p.rows] == ["ok", "warning", "warning"]
    assert [r.member_id for r in p.rows] == [a, b, c] and p.total == 120_000
    with pytest.raises(PaymentError, match="khác số tiền chuyển khoản"):
        svc.commit(p, employer="Công ty TNHH Giày Da Phú Lâm", declared_total=125_000, doc_date=date(2026, 3, 31))
    doc = svc.commit(p, employer="Công ty TNHH Giày Da Phú Lâm", declared_total=120_000, doc_date=date(2026, 3, 31))
    assert doc.amount == 120_000 and len(CashService(unit).allocations(doc.id)) == 3
    lines = {l.member_id: l for l in DuesService(unit).period("2026-03")}
    assert lines[a].owed == lines[b].owed == lines[c].owed == 0
    again = svc.preview(path, "2026-03")
    assert all(r.status == "error" and "đã nộp đủ" in r.problem for r in again.rows)


def test_payroll_with_unknown_people_is_refused(unit, tmp_path):
    add_member(unit, name="Lâm Thị Mỹ Duyên", salary=8_000_000, id_number="079195001234", birth="12/05/1995")
    path = payroll_file(tmp_path / "bk.xlsx", [["Lâm Thị Mỹ Duyên", "079195001234", None, 40_000],
                                               ["Người Lạ Hoắc", "001090099999", None, 40_000]])
    svc = PayrollService(unit)
    p = svc.preview(path, "2026-03")
    assert [r.status for r in p.rows] == ["ok", "unmatched"]
    with pytest.raises(PaymentError, match="chưa khớp"):
        svc.commit(p, employer="Công ty", declared_total=80_000)
    assert CashService(unit).docs() == []


def test_payroll_file_without_amount_column(unit, tmp_path):
    path = payroll_file(tmp_path / "bk.xlsx", [["A", None, None, 1]], header=("STT", "Họ và tên", "CCCD", "Ngày sinh", "Ghi chú"))
    with pytest.raises(ImportFileError, match="Số tiền"):
        PayrollService(unit).preview(path, "2026-03")


def test_remittance_takes_the_share_of_the_standard_part(unit):
    UnitService(unit).save_dues_settings(DuesSettings(dues_group=3, higher_rate_percent="1", dues_from=date(2026, 1, 1)))
    dues = DuesService(unit)
    a = add_member(unit, salary=8_000_000)
    b = add_member(unit, name="Hà Văn Sáu", gender="Nam", salary=12_000_000)
    dues.pay(a, ["2026-09"], doc_date=date(2026, 9, 10))  # 40,000 standard + 40,000 excess
    dues.pay(b, ["2026-09", "2026-10"], doc_date=date(2026, 9, 12))  # 2 × (60,000 + 60,000)
    plan = RemittanceService(unit).plan("2026-09")
    assert (plan.collected, plan.standard, plan.excess) == (320_000, 160_000, 160_000)
    assert plan.share_bp == 3000 and plan.amount == 48_000 and plan.kept == 272_000
    rem = RemittanceService(unit)
    plan, voucher = rem.record("2026-09", doc_date=date(2026, 10, 5))
    assert voucher.kind == "chi" and voucher.amount == 48_000 and voucher.category == "nop_cap_tren"
    with pytest.raises(PaymentError, match="Đã nộp cấp trên"):
        rem.record("2026-09", doc_date=date(2026, 10, 6))
    CashService(unit).void(voucher.id, "Lập nhầm kỳ")
    rem.record("2026-09", doc_date=date(2026, 10, 6))


def test_remittance_share_was_40_percent_in_2022_and_30_from_2023(unit):
    # QĐ 8108/QĐ-TLĐ: the grassroots keeps 70 % from the 2023 fiscal year (migration 0012).
    UnitService(unit).save_dues_settings(DuesSettings(dues_group=3, dues_from=date(2022, 12, 1)))
    a = add_member(unit, salary=10_000_000, joined="01/01/2021")
    DuesService(unit).pay(a, ["2022-12"], doc_date=date(2022, 12, 15))
    DuesService(unit).pay(a, ["2023-01"], doc_date=date(2023, 1, 15))
    DuesService(unit).pay(a, ["2025-05"], doc_date=date(2025, 5, 15))
    plans = [RemittanceService(unit).plan(m) for m in ("2022-12", "2023-01", "2025-05")]
    assert [(p.collected, p.share_bp, p.amount) for p in plans] == [(100_000, 4000, 40_000), (100_000, 3000, 30_000),
                                                                     (100_000, 3000, 30_000)]
    assert "QĐ 8108/QĐ-TLĐ" in plans[1].share_source


def test_dues_settings_are_checked(unit):
    units = UnitService(unit)
    with pytest.raises(ValidationError) as e:
        units.save_dues_settings(DuesSettings(dues_group=1, higher_rate_percent="1", rounding=7))
    assert {"higher_rate", "rounding"} <= set(e.value.errors)
    s = units.save_dues_settings(DuesSettings(dues_group=2, higher_rate_percent="0,8", rounding=100,
                                              words_linh_le="lẻ", words_nghin_ngan="ngàn"))
    assert (s.dues_group, s.higher_rate_percent, s.rounding) == (2, "0,8", 100)
    mid = add_member(unit, salary=1_234_000)
    doc = DuesService(unit).pay(mid, ["2026-02"], doc_date=date(2026, 2, 2))
    from desktop.services.cash.service import words
    with unit.read() as s:
        assert doc.amount == 9_900 and words(s, 105_000) == "Một trăm lẻ năm ngàn đồng"
