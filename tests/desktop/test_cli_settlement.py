"""The yearly settlement (quyết toán) is for the fiscal year, which is the calendar year
(DOMAIN.md "Money and receipts"): a period that is not one whole year is refused with a
message naming the field that is off, never silently widened to the year; part of a year
is the cash book's. Through the services and through `congdoan report settlement` run as
a user runs it."""

import json
from datetime import date

import pytest

from desktop.services.core.errors import ValidationError
from desktop.services.reports import service as reports
from tests.desktop.test_cli import run

# (kind, category, date, amount): a 2025 that leaves 7.000.000 in the box, then 2026.
DOCS = [("thu", "kinh_phi", "2025-04-10", 9_000_000), ("chi", "tham_hoi", "2025-11-20", 2_000_000),
        ("thu", "kinh_phi", "2026-02-10", 12_000_000), ("chi", "hoat_dong", "2026-02-25", 3_000_000),
        ("thu", "cap_tren", "2026-05-05", 4_000_000), ("chi", "tham_hoi", "2026-09-15", 1_500_000)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("settlement")
    path = folder / "settlement.sqlite3"
    with pytest.MonkeyPatch.context() as mp:  # made before the per-test fixtures: the same care
        mp.setenv("CONGDOAN_CREDENTIALS_DIR", str(folder / "credentials"))
        run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Điện tử Sông Hồng",
            "--upper-name", "Công đoàn KCN Thăng Long")
        for kind, category, when, amount in DOCS:
            run(path, "cash", "record", "--kind", kind, "--category", category, "--date", when, "--amount",
                str(amount), "--person", "Nguyễn Thị Lan", "--reason", "Thu chi trong năm")
    return path


def test_a_settlement_covers_exactly_one_calendar_year(db):
    from desktop.services.core.context import open_context
    ctx = open_context(db)
    try:
        r = reports.build(ctx, "settlement", date(2026, 1, 1), date(2026, 12, 31))
        summary = {item[0]: item[1] for item in r.summary}
        assert r.period == "năm 2026"
        # the form B07-TLĐ's figures, cash and bank (no bank account here: all of it cash)
        assert summary == {"Số dư đầu năm": 7_000_000, "Tổng thu trong năm": 16_000_000,
                           "Tổng chi trong năm": 4_500_000, "Số dư cuối năm": 18_500_000,
                           "Trong đó tiền mặt": 18_500_000, "Trong đó tiền gửi ngân hàng, kho bạc": 0}
        # part of a year: refused, naming the field that is off, and pointing to the cash book
        with pytest.raises(ValidationError) as e:
            reports.build(ctx, "settlement", date(2026, 3, 1), date(2026, 12, 31))
        assert set(e.value.errors) == {"date_from"}
        assert e.value.message.startswith("Từ ngày: quyết toán năm 2026 tính từ ngày 01/01/2026, không phải từ ngày "
                                          "01/03/2026.")
        assert "Sổ quỹ tiền mặt" in e.value.message
        with pytest.raises(ValidationError) as e:
            reports.build(ctx, "settlement", date(2026, 1, 1), date(2026, 6, 30))
        assert set(e.value.errors) == {"date_to"} and ("Đến ngày: quyết toán năm 2026 tính đến ngày 31/12/2026, "
                                                      "không phải đến ngày 30/06/2026.") in e.value.message
        with pytest.raises(ValidationError) as e:  # twelve months, but not a fiscal year
            reports.build(ctx, "settlement", date(2025, 7, 1), date(2026, 6, 30))
        assert set(e.value.errors) == {"date_from", "date_to"}
        # the part of the year is the cash book, opening and closing at the period's ends
        book = reports.build(ctx, "cashbook", date(2026, 3, 1), date(2026, 12, 31))
        assert {item[0]: item[1] for item in book.summary} == {
            "Số dư đầu kỳ": 16_000_000, "Tổng thu": 4_000_000, "Tổng chi": 1_500_000, "Số dư cuối kỳ": 18_500_000}
    finally:
        ctx.close()


def test_cli_settlement_refuses_part_of_a_year(db, tmp_path):
    r = run(db, "report", "settlement", "--from", "01/03/2026", "--to", "31/12/2026", "--out",
            str(tmp_path / "qt.pdf"), ok=False)
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("Lỗi: --from: quyết toán năm 2026 tính từ ngày 01/01/2026, không phải từ ngày "
                               "01/03/2026.")
    assert "báo cáo Sổ quỹ tiền mặt (cashbook)" in r.stderr
    assert not (tmp_path / "qt.pdf").exists()
    r = run(db, "report", "settlement", "--from", "2026-01-01", "--to", "2026-09-30", ok=False)
    assert r.returncode == 1 and "--to: quyết toán năm 2026 tính đến ngày 31/12/2026" in r.stderr
    assert "--from" not in r.stderr
    # the whole year: the figures of the year, saved
    obj = json.loads(run(db, "--json", "report", "settlement", "--from", "01/01/2026", "--to", "31/12/2026",
                         "--out", str(tmp_path / "qt.pdf")).stdout)
    assert obj["period"] == "năm 2026" and obj["summary"]["Số dư đầu năm"] == 7_000_000
    assert obj["summary"]["Số dư cuối năm"] == 18_500_000 and (tmp_path / "qt.pdf").stat().st_size > 0
    # and part of it through the cash book
    obj = json.loads(run(db, "--json", "report", "cashbook", "--from", "01/03/2026", "--to", "31/12/2026").stdout)
    assert obj["summary"]["Số dư đầu kỳ"] == 16_000_000 and obj["summary"]["Số dư cuối kỳ"] == 18_500_000


def test_cli_settlement_by_year_is_the_form_b07(db, tmp_path):
    """`report settlement --year`: the form's lines by Mã số, part A with what the unit
    typed (kept for the year: a later run without the options still has them)."""
    import openpyxl
    out = tmp_path / "b07.xlsx"
    obj = json.loads(run(db, "--json", "report", "settlement", "--year", "2026", "--workers", "120",
                         "--payroll", "960.000.000", "--out", str(out)).stdout)
    assert obj["form"] == "B07-TLĐ" and obj["year"] == 2026 and obj["out"] == str(out)
    lines = {ln["code"]: ln["amount"] for ln in obj["lines"]}
    # by hand from DOCS: 2025 left 7.000.000; 2026 kinh phí 12.000.000, cấp trên 4.000.000,
    # hoạt động 3.000.000, thăm hỏi 1.500.000; all in cash
    assert lines["10"] == 7_000_000 and lines["23"] == 12_000_000 and lines["24"] == 4_000_000
    assert lines["32"] == 3_000_000 and lines["31"] == 1_500_000
    assert lines["40"] == lines["41"] == 18_500_000 and lines["42"] == 0
    assert not any(ln["confirmed"] for ln in obj["lines"])
    part_a = {a["key"]: a["value"] for a in obj["part_a"]}
    assert part_a["workers_kpcd"] == 120 and part_a["payroll_kpcd"] == 960_000_000 and part_a["members"] == 0
    ws = openpyxl.load_workbook(out).active
    assert {r[2]: r[3] for r in ws.iter_rows(values_only=True) if len(r) > 3 and isinstance(r[2], str)}["40"] \
        == 18_500_000
    text = run(db, "report", "settlement", "--year", "2026").stdout
    assert "Số lao động làm căn cứ tính tổng quỹ lương đóng kinh phí công đoàn: 120 người" in text
    assert "   10*  Tài chính công đoàn tích lũy đầu kỳ: 7.000.000" in text
    # bad usage
    r = run(db, "report", "settlement", "--year", "26", ok=False)
    assert r.returncode == 2 and "cần 4 chữ số" in r.stderr
    r = run(db, "report", "settlement", "--year", "2026", "--from", "01/01/2026", ok=False)
    assert r.returncode == 1 and "không dùng cả hai" in r.stderr
    r = run(db, "report", "settlement", "--year", "2030", ok=False)
    assert r.returncode == 1 and r.stderr.startswith("Lỗi: --year: chỉ lập quyết toán cho năm từ 2000 đến năm nay, không cho năm 2030")
    r = run(db, "report", "members", "--year", "2026", ok=False)
    assert r.returncode == 1 and "chỉ dùng cho quyết toán" in r.stderr


def test_cli_settlement_checks_the_output_file_before_storing_part_a(db, tmp_path):
    """A path that cannot be written is refused before --workers and --payroll are kept
    for the year: the command fails whole, nothing of it stays behind."""
    def part_a() -> dict:
        obj = json.loads(run(db, "--json", "report", "settlement", "--year", "2025").stdout)
        return {a["key"]: a["value"] for a in obj["part_a"]}

    before = part_a()
    (tmp_path / "thu-muc.pdf").mkdir()
    for out, words in ((tmp_path / "khong-co" / "b07.pdf", "không có thư mục"),
                       (tmp_path / "thu-muc.pdf", "là một thư mục")):
        r = run(db, "report", "settlement", "--year", "2025", "--workers", "77", "--payroll", "5.000.000",
                "--out", str(out), ok=False)
        assert r.returncode == 1 and r.stderr.startswith("Lỗi: --out: ") and words in r.stderr, r.stderr
    assert part_a() == before and before["workers_kpcd"] != 77
