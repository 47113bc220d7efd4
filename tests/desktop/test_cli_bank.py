"""The bank commands of DESIGN.md's CLI contract, run as real processes: accounts added by
the bank's name or BIN, advices, a transfer that writes the cash book too, a void, the
book as JSON and printed (S12-H); refusals exit 1 with the service's Vietnamese message."""

import json
from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest

from tests.desktop.test_cli import run

START = date.today() - timedelta(days=10)


def day(n: int) -> str:
    return (START + timedelta(days=n)).strftime("%d/%m/%Y")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "bank.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Cổ phần Dệt may Hòa Thọ",
        "--upper-name", "Công đoàn ngành Dệt may Đà Nẵng")
    return path


def js(db, *args):
    return json.loads(run(db, "--json", *args).stdout)


def test_accounts_entries_transfer_void_and_book(db, tmp_path):
    assert js(db, "bank", "accounts") == []
    assert "chưa có tài khoản" in run(db, "bank", "accounts").stdout
    vcb = js(db, "bank", "add", "--bank", "vietcombank", "--number", "0041000123456",
             "--name", "CONG DOAN CO SO CONG TY CP DET MAY HOA THO", "--opening-balance", "10000000",
             "--opening-date", day(0))
    assert vcb["id"] and vcb["bank_bin"] == "970436" and vcb["institution"] == "Vietcombank"
    kb = js(db, "bank", "add", "--treasury", "KBNN Hải Châu", "--number", "9527.1.1054321", "--name", "CĐCS HÒA THỌ",
            "--opening-date", day(0))
    assert kb["kind"] == "treasury" and kb["bank_bin"] is None

    r = run(db, "bank", "record", "--kind", "interest", "--amount", "1", "--content", "Lãi", ok=False)
    assert r.returncode == 1 and "có 2 tài khoản tiền gửi: ghi --account" in r.stderr
    credit = js(db, "bank", "record", "--account", "0041000123456", "--kind", "credit", "--category", "kinh_phi",
                "--amount", "4800000", "--content", "Công ty chuyển kinh phí công đoàn tháng 11",
                "--date", day(1), "--reference", "FT2611")
    assert credit["amount"] == 4_800_000 and credit["debit_account"] == "112" and credit["reference"] == "FT2611"
    fee = js(db, "bank", "record", "--account", vcb["id"], "--kind", "fee", "--amount", "11000", "--content", "Phí SMS",
             "--date", day(2))
    moved = js(db, "bank", "transfer", "--account", vcb["id"], "--kind", "withdrawal", "--amount", "3000000",
               "--person", "Lê Thị Thu", "--date", day(3))
    assert moved["kind"] == "withdrawal" and moved["cash_doc"]["kind"] == "thu"
    assert moved["cash_doc"]["amount"] == 3_000_000
    voided = js(db, "bank", "void", fee["id"], "--reason", "Ngân hàng hoàn phí")
    assert voided["voided"] and voided["void_reason"] == "Ngân hàng hoàn phí"

    accounts = {a["id"]: a for a in js(db, "bank", "accounts")}
    assert accounts[vcb["id"]]["balance"] == 10_000_000 + 4_800_000 - 3_000_000
    assert accounts[kb["id"]]["balance"] == 0
    text = run(db, "bank", "accounts").stdout
    assert "Tiền mặt 3.000.000 đ; tiền gửi 11.800.000 đ; cộng 14.800.000 đ" in text

    out = tmp_path / "s12.pdf"
    book = js(db, "bank", "book", "--account", vcb["id"], "--from", day(0), "--to", day(10), "--out", str(out))
    assert book["opening"] == 10_000_000 and book["closing"] == 11_800_000
    assert [(ln["kind"], ln["in"], ln["out"], ln["balance"]) for ln in book["lines"]] == [
        ("credit", 4_800_000, 0, 14_800_000), ("fee", 0, 0, 14_800_000), ("withdrawal", 0, 3_000_000, 11_800_000)]
    pdf = pdfium.PdfDocument(str(out))
    try:
        printed = " ".join(pdf[0].get_textpage().get_text_range().split())
    finally:
        pdf.close()
    assert "SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC" in printed and "0041000123456" in printed
    assert "Số dư cuối kỳ 11.800.000" in printed
    # The transfer's cash side is in the cash book.
    cash = js(db, "cash", "book", "--from", day(0), "--to", day(10))
    assert cash["closing"] == 3_000_000

    # Each entry printed as its giấy báo, with the pair stored on it.
    advices = tmp_path / "giay-bao.pdf"
    credit = book["lines"][0]
    done = js(db, "bank", "advice", credit["id"], book["lines"][1]["id"], "--out", str(advices))
    assert [e["id"] for e in done["entries"]] == [credit["id"], book["lines"][1]["id"]]
    pdf = pdfium.PdfDocument(str(advices))
    try:
        assert len(pdf) == 2
        first = " ".join(pdf[0].get_textpage().get_text_range().split())
    finally:
        pdf.close()
    assert "GIẤY BÁO CÓ" in first and "Số tiền: 4.800.000 đ" in first
    assert f"Nợ: {credit['debit_account']}" in first and f"Có: {credit['credit_account']}" in first


def test_refusals_exit_1_with_the_reason(db):
    acc = js(db, "bank", "add", "--bank", "970418", "--number", "12010000123456", "--name", "CĐCS HÒA THỌ",
             "--opening-balance", "1000000", "--opening-date", day(0))
    # The unit's only account need not be named.
    r = run(db, "bank", "record", "--kind", "debit", "--category", "tham_hoi", "--amount", "5000000",
            "--content", "Chi thăm hỏi", "--date", day(1), ok=False)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "không đủ chi" in r.stderr
    r = run(db, "bank", "transfer", "--kind", "deposit", "--amount", "500000", "--person", "Lê Thị Thu",
            ok=False)
    assert r.returncode == 1 and "Lỗi:" in r.stderr  # no cash on hand to deposit
    r = run(db, "bank", "add", "--bank", "ngan hang", "--number", "1", "--name", "X", ok=False)
    assert r.returncode == 1 and "khớp nhiều ngân hàng" in r.stderr
    r = run(db, "bank", "add", "--bank", "BIDV", "--number", "12010000123456", "--name", "X", ok=False)
    assert r.returncode == 1 and "đã có trong sổ" in r.stderr
    r = run(db, "bank", "book", "--account", "999", "--from", day(0), "--to", day(1), ok=False)
    assert r.returncode == 1 and "Không có tài khoản tiền gửi" in r.stderr
    r = run(db, "bank", "void", "khong-co", "--reason", "x", ok=False)
    assert r.returncode == 1 and "Không tìm thấy bút toán" in r.stderr
    r = run(db, "bank", "advice", "khong-co", "--out", "x.pdf", ok=False)
    assert r.returncode == 1 and "Không tìm thấy bút toán" in r.stderr
    assert run(db, "bank", "record", "--account", acc["id"], "--kind", "deposit", "--amount", "1", "--content", "x",
               ok=False).returncode == 2
