"""Bank statements read from the files banks export: every header layout of DOMAIN.md
(made here, with openpyxl, xlwt and plain CSV), their variations, and hostile files."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from desktop.services.bank.statement import StatementFileError, parse_amount, read_statement, statement_from_rows
from desktop.services.core.errors import ImportFileError
from desktop.services.core.money import MoneyFormatError

REF = "CDT451NEQ0D679R5N"


def xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def csv_file(path, rows, sep=",", encoding="utf-8-sig"):
    def cell(v):
        v = "" if v is None else str(v)
        return f'"{v}"' if sep in v or '"' in v else v
    path.write_text("\n".join(sep.join(cell(v) for v in row) for row in rows), encoding=encoding)
    return path


def xls(path, rows, date_rows=()):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, date):
                sheet.write(r, c, v, style)
            else:
                sheet.write(r, c, v)
    book.save(str(path))
    return path


def summary(st):
    return [(ln.row, ln.date, ln.credit, ln.debit) for ln in st.lines]


def test_vietcombank_two_columns_with_balances(tmp_path):
    st = read_statement(xlsx(tmp_path / "vcb.xlsx", [
        ["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"],
        ["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"],
        ["Số tài khoản/Account number: 0011001234567", None, None, "Loại tiền: VND"],
        ["Từ ngày 01/03/2026 đến ngày 31/03/2026"],
        ["Số dư đầu kỳ/ Opening balance :", None, 12_500_000],
        [],
        ["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"],
        [datetime(2026, 3, 2, 9, 15), "5078 - 41223", None, 150_000,
         f"MBVCB.4530998360.{REF}.CT tu 0123456789 NGUYEN VAN A toi 0011001234567"],
        [datetime(2026, 3, 5), "5078 - 41230", 11_000, None, "Thu phi SMS Banking T02/2026"],
        [date(2026, 3, 31), "5078 - 41301", None, 2_345, "Tra lai tien gui"],
        ["Tổng", None, 11_000, 152_345],
        ["Số dư cuối kỳ/ Closing balance :", None, 12_641_345],
    ]))
    assert st.account_number == "0011001234567"
    assert (st.opening_balance, st.closing_balance) == (12_500_000, 12_641_345)
    assert summary(st) == [(8, date(2026, 3, 2), 150_000, 0), (9, date(2026, 3, 5), 0, 11_000),
                           (10, date(2026, 3, 31), 2_345, 0)]
    assert st.lines[0].reference == "5078 - 41223" and REF in st.lines[0].description
    assert st.opening_balance + st.total_credit - st.total_debit == st.closing_balance
    assert st.problems == ()
    assert st.columns["description"] == "Mô tả" and st.columns["credit"] == "Số tiền ghi có"


def test_vietcombank_one_signed_amount_as_csv(tmp_path):
    st = read_statement(csv_file(tmp_path / "vcb.csv", [
        ["Ngày giao dịch", "Số tham chiếu", "Số tiền", "Mô tả"],
        ["02/03/2026", "FT1", "1,500,000", "KINH PHI CONG DOAN QUY 1"],
        ["03/03/2026", "FT2", "-200,000", "CHI THAM HOI"],
        ["2026-03-04", "FT3", "+50.000", "DOAN PHI"],
        ["46087", "FT4", "(1.000)", "PHI"],  # an Excel day number written as text: 06/03/2026
    ]))
    assert summary(st) == [(2, date(2026, 3, 2), 1_500_000, 0), (3, date(2026, 3, 3), 0, 200_000),
                           (4, date(2026, 3, 4), 50_000, 0), (5, date(2026, 3, 6), 0, 1_000)]
    assert st.account_number is None and st.opening_balance is None


def test_bidv_du_dau_du_cuoi(tmp_path):
    st = read_statement(xlsx(tmp_path / "bidv.xlsx", [
        ["BÁO CÁO CHI TIẾT SỐ DƯ TÀI KHOẢN"],
        ["Tài khoản:", "1234 5678 901"],
        [],
        ["STT", "Ngày hiệu lực", "Ghi nợ", "Ghi có", "Mô tả", "Số dư"],
        [None, "Dư đầu", None, None, None, "3.000.000"],
        [1, "02/03/2026 08:01:22", "", "1.500.000", f"{REF} doan phi", "4.500.000"],
        [2, "15/03/2026 17:45:00", "500.000", "", "RUT TIEN MAT", "4.000.000"],
        [None, "Dư cuối", None, None, None, "4.000.000"],
    ]))
    assert st.account_number == "12345678901"
    assert (st.opening_balance, st.closing_balance) == (3_000_000, 4_000_000)
    assert summary(st) == [(6, date(2026, 3, 2), 1_500_000, 0), (7, date(2026, 3, 15), 0, 500_000)]


def test_vietinbank_xls_blank_dates_fill_down(tmp_path):
    st = read_statement(xls(tmp_path / "vietin.xls", [
        ["LỊCH SỬ GIAO DỊCH - TRANSACTION HISTORY"],
        ["Số tài khoản: 101234567890"],
        [],
        ["Ngày hạch toán", "Ngày phát sinh", "Mô tả giao dịch", "Nợ / Debit", "Có / Credit", "Số dư TK", "Số giao dịch"],
        [date(2026, 3, 2), date(2026, 3, 1), "CT DEN:ab12 DOAN PHI", None, 100_000, 1_100_000, "TX1"],
        [None, None, "CT DEN:ab13 DOAN PHI", None, 100_000, 1_200_000, "TX2"],
        [None, None, "PHI QUAN LY TK", 5_500, None, 1_194_500, "TX3"],
        [None, None, "Tong hop phi thang 2", 1_000, None, 1_193_500, None],
        [date(2026, 3, 3), None, "CT DEN:ab14 DOAN PHI", None, 50_000, 1_244_500, "TX4"],
    ]))
    assert st.account_number == "101234567890"
    assert summary(st) == [(5, date(2026, 3, 2), 100_000, 0), (6, date(2026, 3, 2), 100_000, 0),
                           (7, date(2026, 3, 2), 0, 5_500), (8, date(2026, 3, 2), 0, 1_000),
                           (9, date(2026, 3, 3), 50_000, 0)]
    assert [ln.reference for ln in st.lines] == ["TX1", "TX2", "TX3", None, "TX4"]
    assert st.columns["date"] == "Ngày hạch toán"  # the posting day, not the day it was made


def test_mb_decimals_and_iso_dates(tmp_path):
    st = read_statement(xlsx(tmp_path / "mb.xlsx", [
        ["SAO KÊ CHI TIẾT TÀI KHOẢN"],
        ["Số tài khoản: 0801234567890", None, "Chủ tài khoản: CONG DOAN CO SO"],
        ["Ngày hạch toán / Posting date", "Phát sinh nợ", "Phát sinh có", "Số dư", "Nội dung"],
        ["2026-03-02", "0,00", "1.500.000,00", "1.500.000,00", "NHAN KINH PHI TU LDLD"],
        ["2026-03-09", "20.000,50", "0,00", "1.479.999,50", "PHI"],
    ]))
    assert summary(st) == [(4, date(2026, 3, 2), 1_500_000, 0), (5, date(2026, 3, 9), 0, 20_001)]
    assert st.account_number == "0801234567890"


def test_techcombank_negative_debits(tmp_path):
    st = read_statement(xlsx(tmp_path / "tcb.xlsx", [
        ["TRANSACTION ENQUIRY"],
        ["Account: 19034567890123"],
        ["Ngày giao dịch", "Số bút toán", "Ngân hàng đối tác", "Tài khoản đích", "Tên tài khoản đối ứng",
         "Diễn giải", "Nợ", "Có", "Phí/Lãi", "Thuế", "Số dư"],
        ["05/03/2026", "FT26064", "VCB", "0011001234567", "NGUYEN VAN A", f"{REF}", None, 150_000, 0, 0, 150_000],
        ["06/03/2026", "FT26065", "", "", "", "CHI HO TRO OM DAU", -1_000_000, None, 0, 0, -850_000],
    ]))
    assert summary(st) == [(4, date(2026, 3, 5), 150_000, 0), (5, date(2026, 3, 6), 0, 1_000_000)]
    assert st.lines[0].reference == "FT26064" and st.account_number == "19034567890123"


def test_header_over_two_rows_and_spelling_variations(tmp_path):
    st = read_statement(xlsx(tmp_path / "two.xlsx", [
        ["SAO KE"],
        ["NGAY", "SO TIEN", None, "DIEN  GIAI", "so  THAM chieu"],
        [None, "ghi no", "GHI CÓ (VND)", None, None],
        ["01/03/26", None, "200000", "doan phi", "R1"],
    ]))
    assert summary(st) == [(4, date(2026, 3, 1), 200_000, 0)]
    assert st.lines[0].reference == "R1"


@pytest.mark.parametrize("head", [
    ["Thời gian giao dịch", "Mã tham chiếu", "PS Nợ", "PS Có", "Nội dung chuyển khoản"],
    ["Ngày GD\nTransaction date", "Số CT", "Ghi Nợ (Debit)", "Ghi Có (Credit)", "Diễn giải giao dịch"],
    ["NGÀY GIAO DỊCH", "SỐ THAM CHIẾU", "  Số  tiền  ghi   nợ ", "Số tiền ghi có (VND)", "MÔ TẢ"],
    ["Ngay giao dich", "So tham chieu", "Tien ra", "Tien vao", "Noi dung"],
])
def test_header_variations(head):
    st = statement_from_rows([["SAO KÊ"], head, ["02/03/2026 10:01", "R1", None, "150.000", "doan phi"],
                              ["03/03/2026", "R2", "20,000", None, "phi"]])
    assert st is not None
    assert [(ln.date, ln.credit, ln.debit, ln.reference) for ln in st.lines] == [
        (date(2026, 3, 2), 150_000, 0, "R1"), (date(2026, 3, 3), 0, 20_000, "R2")]
    assert st.lines[0].description == "doan phi"


def test_english_headers_semicolon_csv_windows_1258(tmp_path):
    path = tmp_path / "en.csv"
    path.write_bytes("Transaction date;Reference;Debit;Credit;Description\n"
                     "02/03/2026;R9;;120.000;Doan phi\n".encode("cp1258"))
    st = read_statement(path)
    assert summary(st) == [(2, date(2026, 3, 2), 120_000, 0)]


def test_descriptions_continued_and_notes_below(tmp_path):
    st = read_statement(xlsx(tmp_path / "wrap.xlsx", [
        ["Ngày giao dịch", "Ghi nợ", "Ghi có", "Mô tả"],
        ["02/03/2026", None, 100_000, "MBVCB.123.CD0A1B"],
        [None, None, None, "2C3D4E.CT tu NGUYEN VAN A"],
        [],
        ["Người lập biểu", None, None, None],
        [None, "Kế toán trưởng"],
    ]))
    assert summary(st) == [(2, date(2026, 3, 2), 100_000, 0)]
    assert st.lines[0].description == "MBVCB.123.CD0A1B 2C3D4E.CT tu NGUYEN VAN A"
    assert st.problems == ()


def test_rows_not_read_are_named(tmp_path):
    st = read_statement(xlsx(tmp_path / "bad.xlsx", [
        ["Ngày giao dịch", "Ghi nợ", "Ghi có", "Mô tả"],
        [None, None, 5_000, "no date above it"],
        ["02/03/2026", None, "abc", "amount not money"],
        ["32/13/2026", None, 10_000, "no such day"],
        ["03/03/2026", 1_000, 2_000, "both sides"],
        ["03/03/2026", None, 10**13, "too large"],
        ["04/03/2026", None, None, "no amount"],
        ["05/03/2026", None, 70_000, "fine"],
    ]))
    assert summary(st) == [(8, date(2026, 3, 5), 70_000, 0)]
    assert [p.split(":")[0] for p in st.problems] == [f"Dòng {n}" for n in range(2, 8)]
    assert "không có ngày giao dịch" in st.problems[0]
    assert "“abc” không đọc được" in st.problems[1]
    assert "“32/13/2026” không đọc được" in st.problems[2]
    assert "cả số ghi có" in st.problems[3]
    assert "quá lớn" in st.problems[4]
    assert "không có số tiền" in st.problems[5]


def test_fingerprints_stable_across_overlapping_statements(tmp_path):
    head = ["Ngày giao dịch", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"]
    day1 = [["01/03/2026", None, 50_000, "DOAN PHI"], ["01/03/2026", None, 50_000, "DOAN PHI"]]
    day2 = [["02/03/2026", None, 80_000, "MBVCB.1.CT tu A"]]
    day3 = [["03/03/2026", 10_000, None, "PHI"]]
    first = read_statement(xlsx(tmp_path / "a.xlsx", [head] + day1 + day2))
    second = read_statement(csv_file(tmp_path / "b.csv", [["SAO KE"], head] + day1
                                     + [["02/03/2026", "", "80.000", "MBVCB 1 CT  tu A"]] + day3))
    fa = [ln.fingerprint for ln in first.lines]
    fb = [ln.fingerprint for ln in second.lines]
    assert len(set(fa)) == 3  # two equal lines of one day are two lines
    assert fb[:3] == fa  # the same lines, though the bank spaced one differently
    assert fb[3] not in fa
    assert [ln.fingerprint for ln in read_statement(tmp_path / "a.xlsx").lines] == fa


@pytest.mark.parametrize(("cell", "value"), [
    (1500000, 1_500_000), (1500000.0, 1_500_000), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000),
    ("1.500.000,00", 1_500_000), ("1,500,000.00", 1_500_000), ("-200,000", -200_000), ("(200.000)", -200_000),
    ("+50.000", 50_000), ("1 500 000 VND", 1_500_000), ("", None), ("-", None), (None, None), (-11000.0, -11_000),
    (20000.5, 20_001), (-20000.5, -20_001), ("20.000,50", 20_001),
])
def test_amounts(cell, value):
    assert parse_amount(cell) == value


@pytest.mark.parametrize("cell", ["abc", "1.2345", True, "12.000.000.5", "()", "+", float("nan"), float("inf")])
def test_not_amounts(cell):
    with pytest.raises(MoneyFormatError):
        parse_amount(cell)


def test_unknown_columns_refused(tmp_path):
    with pytest.raises(StatementFileError) as e:
        read_statement(csv_file(tmp_path / "x.csv", [["Họ tên", "Ngày sinh", "Tổ"], ["A", "01/01/1990", "T1"]]))
    assert "không có dòng tiêu đề của một sao kê" in e.value.message and "Ghi có / Ghi nợ" in e.value.message
    assert statement_from_rows([["Ngày", "Ghi chú"], ["01/01/2026", "x"]]) is None


def test_password_protected_refused(tmp_path):
    from tests.desktop.services.messy_excel import encrypt_xlsx

    plain = xlsx(tmp_path / "plain.xlsx", [["Ngày giao dịch", "Ghi có", "Mô tả"], ["01/03/2026", 1, "x"]])
    locked = encrypt_xlsx(plain, tmp_path / "locked.xlsx", "matkhau")
    with pytest.raises(ImportFileError, match="mật khẩu"):
        read_statement(locked)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "bị hỏng"),
    ("noise.xlsx", b"\x00\x01garbage", "bị hỏng"),
    ("empty.csv", b"", "không có dữ liệu"),
    ("statement.pdf", b"%PDF-1.4", "không phải tệp Excel"),
])
def test_broken_files_refused(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFileError, match=words):
        read_statement(path)


def test_ten_thousand_lines_read_quickly(tmp_path):
    rows = [["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"]]
    rows += [[f"{1 + i % 28:02d}/03/2026", f"FT{i}", "", f"{50_000 + i:,}", f"MBVCB.{i}.{REF}.CT tu NGUYEN VAN A"]
             for i in range(10_000)]
    path = csv_file(tmp_path / "big.csv", rows)
    started = time.perf_counter()
    st = read_statement(path)
    assert len(st.lines) == 10_000 and st.problems == ()
    assert len({ln.fingerprint for ln in st.lines}) == 10_000
    assert time.perf_counter() - started < 3
