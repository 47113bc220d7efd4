"""Issue 14, item 8 across PCs: the settlement's part A figures typed on one PC, and the
closing its saved settlement reported, reach the unit's other PC through the real server,
so that both print the same part A and both check next year's Mã số 10 against the report."""

from datetime import date

from desktop.services.cash.service import CashService
from desktop.services.reports import inputs, record_closing, save_inputs, settlement_b07

Y = date.today().year - 1


def test_part_a_and_the_reported_closing_reach_the_other_pc(server, make_device):
    unit = server.unit("CĐCS Công ty Dệt may Hòa Thọ")
    a, sa = make_device(server, unit, "ke-toan")
    CashService(a).record(kind="thu", category="kinh_phi", doc_date=date(Y, 3, 10), person_name="LĐLĐ",
                          reason="Kinh phí công đoàn quý I", amount=7_654_321)
    # A large employer's payroll for a year is beyond one document's bound, and is kept.
    save_inputs(a, Y, {"workers_kpcd": 105_000, "payroll_kpcd": 12_600_000_000_000})
    record_closing(a, settlement_b07(a, Y))
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    assert inputs(b, Y) == {"workers_kpcd": 105_000, "payroll_kpcd": 12_600_000_000_000}
    # Last year's documents changed on the other PC after the report: its next settlement says so.
    CashService(b).record(kind="thu", category="thu_khac", doc_date=date(Y, 12, 30), person_name="Ông Bình",
                          reason="Thu thanh lý", amount=100_000)
    assert any("khác số tích lũy cuối kỳ đã báo cáo" in w for w in settlement_b07(b, Y + 1).warnings)
