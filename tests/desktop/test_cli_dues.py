"""The dues, receipts and cash commands of DESIGN.md's CLI contract, run as real processes."""

import json

import pypdfium2 as pdfium
import pytest

from tests.desktop.test_cli import run


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "dues.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Cổ phần Dệt may Hòa Thọ",
        "--upper-name", "Công đoàn ngành Dệt may Đà Nẵng", "--groups", "Tổ Dệt 1,Tổ Dệt 2")
    run(path, "unit", "set", "--dues-group", "3", "--dues-from", "2026-01", "--place", "Đà Nẵng", "--qhns", "1088123")
    return path


def add(db, name, salary, gender="Nữ", group="Tổ Dệt 1"):
    r = run(db, "--json", "members", "add", "--name", name, "--birth", "1991", "--gender", gender,
            "--salary", str(salary), "--joined", "01/01/2020", "--group", group)
    return json.loads(r.stdout)["id"]


def pdf_text(path):
    doc = pdfium.PdfDocument(str(path))
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_assess_pay_void_print(db, tmp_path):
    a = add(db, "Trương Thị Bích Ngọc", 8_000_000)
    b = add(db, "Huỳnh Văn Lợi", 10_000_000, gender="Nam", group="Tổ Dệt 2")
    assessed = {x["member_id"]: x for x in json.loads(run(db, "--json", "dues", "assess", "--month", "2026-03").stdout)}
    assert assessed[a]["due"] == 40_000 and assessed[b]["due"] == 50_000
    assert assessed[a]["arrears"] == 80_000  # January and February
    paid = json.loads(run(db, "--json", "dues", "pay", a, "--months", "2026-01,2026-02,2026-03",
                          "--amount", "120000", "--date", "2026-03-15").stdout)
    assert paid["id"] and paid["amount"] == 120_000 and paid["kind"] == "thu"
    bad = run(db, "dues", "pay", b, "--months", "2026-03", "--amount", "1", ok=False)
    assert bad.returncode == 1 and "không khớp" in bad.stderr
    out = tmp_path / "phieu.pdf"
    run(db, "receipts", "print", paid["ref"], "--out", str(out))
    text = pdf_text(out)
    assert "PHIẾU THU" in text and "Trương Thị Bích Ngọc" in text and "Một trăm hai mươi nghìn đồng" in text
    run(db, "receipts", "void", paid["ref"], "--reason", "Thu nhầm tháng")
    again = run(db, "receipts", "void", paid["ref"], "--reason", "lần nữa", ok=False)
    assert again.returncode == 1 and "đã hủy" in again.stderr
    listed = json.loads(run(db, "--json", "receipts", "list").stdout)
    assert [d["voided"] for d in listed] == [True]
    run(db, "receipts", "print", paid["ref"], "--out", str(out))
    assert "ĐÃ HỦY" in pdf_text(out)


def test_sheet_ledger_cash_book_remit(db, tmp_path):
    a = add(db, "Phan Thị Thu Trang", 9_000_000)
    run(db, "dues", "pay", a, "--months", "2026-09,2026-10", "--date", "2026-10-05")
    run(db, "cash", "record", "--kind", "thu", "--category", "kinh_phi", "--amount", "5000000",
        "--person", "Công ty Cổ phần Dệt may Hòa Thọ", "--reason", "Kinh phí công đoàn quý III/2026", "--date", "2026-10-06")
    sheet = tmp_path / "ds.pdf"
    r = json.loads(run(db, "--json", "dues", "sheet", "--month", "2026-10", "--group", "Tổ Dệt 1", "--out", str(sheet)).stdout)
    assert r["rows"] == 1 and "DANH SÁCH THU ĐOÀN PHÍ" in pdf_text(sheet)
    ledger = json.loads(run(db, "--json", "dues", "ledger", a, "--out", str(tmp_path / "so.pdf")).stdout)
    assert ledger["total_paid"] == 90_000 and "SỔ THEO DÕI ĐOÀN PHÍ" in pdf_text(tmp_path / "so.pdf")
    remit = json.loads(run(db, "--json", "dues", "remit", "--month", "2026-10", "--date", "2026-10-31",
                           "--out", str(tmp_path / "bk.pdf")).stdout)
    assert remit["amount"] == 27_000 and remit["voucher"]["kind"] == "chi"  # 30% of 90,000
    book = json.loads(run(db, "--json", "cash", "book", "--from", "2026-10-01", "--to", "2026-10-31",
                          "--out", str(tmp_path / "sq.pdf")).stdout)
    assert (book["total_in"], book["total_out"], book["closing"]) == (5_090_000, 27_000, 5_063_000)
    assert "SỔ QUỸ TIỀN MẶT" in pdf_text(tmp_path / "sq.pdf")


def test_law_is_data(db):
    run(db, "dues", "law", "add", "base-salary", "--from", "2027-07-01", "--amount", "2700000",
        "--source", "Nghị định giả định cho thử nghiệm")
    rows = json.loads(run(db, "--json", "dues", "law", "list").stdout)
    assert any(r["from"] == "2027-07-01" and "2.700.000" in r["text"] for r in rows)
    a = add(db, "Đoàn Văn Mạnh", 80_000_000, gender="Nam")
    due = {x["member_id"]: x["due"] for x in json.loads(run(db, "--json", "dues", "assess", "--month", "2027-07").stdout)}
    assert due[a] == 270_000  # the cap follows the new lương cơ sở
    bad = run(db, "dues", "law", "add", "base-salary", "--from", "2027-07-15", "--amount", "1", "--source", "x", ok=False)
    assert bad.returncode == 1 and "ngày 1" in bad.stderr
