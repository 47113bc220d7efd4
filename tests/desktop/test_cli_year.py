"""congdoan year close | reopen | status (issue 14, items 11 and 13), run as real processes:
the close prints its totals and fingerprint, a document dated in the closed year is
refused with the reason (exit 1), an adjusting document in the open year names what it
corrects, reopening needs a reason."""

import json
from datetime import date

import pytest

from tests.desktop.test_cli import run

TODAY = date.today()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "year.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty TNHH Điện tử Sao Mai",
        "--upper-name", "Công đoàn KCN Quế Võ")
    run(path, "cash", "record", "--kind", "thu", "--category", "kinh_phi", "--amount", "3000000",
        "--person", "Công ty TNHH Điện tử Sao Mai", "--reason", "Kinh phí công đoàn quý I", "--date", "15/03/2025")
    run(path, "cash", "record", "--kind", "chi", "--category", "tham_hoi", "--amount", "500000",
        "--person", "Nguyễn Thị Mai", "--reason", "Thăm hỏi ốm đau", "--date", "02/04/2025")
    return path


def js(db, *args):
    return json.loads(run(db, "--json", *args).stdout)


def test_close_refuse_adjust_reopen(db):
    r = run(db, "year", "close", str(TODAY.year), ok=False)
    assert r.returncode == 1 and f"Năm {TODAY.year} chưa kết thúc" in r.stderr
    text = run(db, "year", "close", "2025").stdout
    assert "Đã khoá sổ năm 2025" in text and "cuối năm 2.500.000 đ" in text and "Dấu vân tay" in text
    status = js(db, "year", "status")
    assert [(s["year"], s["closed"], s["matches"]) for s in status] == [(2025, True, True)]
    assert status[0]["last"]["income"] == 3_000_000 and status[0]["last"]["spending"] == 500_000

    r = run(db, "cash", "record", "--kind", "thu", "--category", "thu_khac", "--amount", "1000", "--person", "A",
            "--reason", "Thu muộn", "--date", "31/12/2025", ok=False)
    assert r.returncode == 1 and "Năm 2025 đã khoá sổ ngày" in r.stderr and "chứng từ điều chỉnh" in r.stderr
    docs = js(db, "receipts", "list")
    voucher = next(d for d in docs if d["kind"] == "chi")
    r = run(db, "receipts", "void", voucher["ref"], "--reason", "Ghi sai", ok=False)
    assert r.returncode == 1 and "Năm 2025 đã khoá sổ" in r.stderr

    adj = js(db, "cash", "record", "--kind", "thu", "--category", "thu_khac", "--amount", "50000",
             "--person", "Nguyễn Thị Mai", "--reason", "Hoàn lại tiền thăm hỏi chi thừa năm 2025",
             "--corrects", voucher["ref"])
    assert adj["corrects_id"] == voucher["id"] and adj["date"] == TODAY.isoformat()

    assert run(db, "year", "reopen", "2025", ok=False).returncode == 2  # --reason is required
    e = js(db, "year", "reopen", "2025", "--reason", "Cấp trên trả quyết toán để sửa")
    assert e["event"] == "reopen" and e["reason"] == "Cấp trên trả quyết toán để sửa"
    assert js(db, "year", "status")[0]["closed"] is False
    run(db, "receipts", "void", voucher["ref"], "--reason", "Ghi sai")
    again = js(db, "year", "close", "2025")
    assert again["event"] == "close" and again["spending"] == 0
