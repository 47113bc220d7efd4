"""The Excel member import against the files union offices really have: title rows,
merged and two-row headers, dates and ID numbers in every form Excel leaves them, totals
rows, duplicates, damaged and protected files, cancel, and a process killed mid-import.
Every file is made by the test itself (messy_excel.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from messy_excel import (
    BIG_HEADER,
    GROUPS,
    add_big_member,
    encrypt_xlsx,
    fake_members,
    member_row,
    write_big,
    write_sheet,
)
from openpyxl import load_workbook

from desktop.services.core.context import open_context
from desktop.services.core.errors import CancelledError, ImportFileError
from desktop.services.members.export import export_members
from desktop.services.members.importing import service as mi
from desktop.services.members.importing.service import MemberImport, guess_header
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import GroupInfo, UnitService

NFD = lambda s: unicodedata.normalize("NFD", s)


# ---- helpers ---------------------------------------------------------------------------------
@pytest.fixture
def groups(ctx):
    UnitService(ctx).save_groups([GroupInfo(None, g) for g in ["Tổ 1", "Tổ 2"] + GROUPS])
    return ctx


def members(ctx) -> dict[str, object]:
    """Every member on the books, by name, with its group's name."""
    svc = MemberService(ctx)
    out = {}
    for row in svc.page(MemberQuery(status=None), 0, 100_000):
        out[row.full_name] = svc.get(row.id)
    return out


def db_state(ctx) -> tuple:
    """What must not change when an import fails: the rows of both tables."""
    with ctx.db.engine.connect() as c:
        return (c.exec_driver_sql("SELECT count(*), group_concat(id) FROM (SELECT id FROM member ORDER BY id)").one(),
                c.exec_driver_sql("SELECT count(*), group_concat(id) FROM (SELECT id FROM member_event ORDER BY id)").one())


def seed_member(ctx) -> None:
    MemberService(ctx).add({"full_name": "Đoàn Viên Cũ", "birth_date": "01/02/1980", "gender": "Nam",
                            "id_number": "001080000001"})


def by_row(preview):
    return {r.row_number: r for r in preview.rows}


# ---- header finding ------------------------------------------------------------------------------
def test_titles_merged_two_row_header_and_numbering_row(groups, tmp_path):
    """The federation's form: unit and list titles merged across the sheet, "Ngày sinh"
    merged over "Nam" | "Nữ" (the date written under the member's sex), STT and name
    merged down two rows, a numbering row (1) (2) (3)…, an empty row and a totals row."""
    rows = [
        ["CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY XUẤT KHẨU THÀNH CÔNG"],
        ["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN"],
        [None, None, None, "(Kèm theo báo cáo 6 tháng đầu năm 2025)"],
        [],
        ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Tổ CĐ", "Ghi chú"],
        [None, None, "Nam", "Nữ", None, None, None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "Nguyễn Văn Đức", date(1990, 3, 15), None, "001090012345", "Tổ 1", None],
        [2, "Trần Thị Ánh", None, "20/10/1992", "079192000111", "Tổ 2", "chuyển đến"],
        [],
        ["Tổng cộng", None, 1, 1],
    ]
    path = write_sheet(tmp_path / "mau-lddl.xlsx", rows,
                       merges=["A1:G1", "A2:G2", "C5:D5", "A5:A6", "B5:B6", "E5:E6", "F5:F6", "G5:G6"])
    imp = MemberImport(groups)
    _, _, guess = imp.read(path)
    assert (guess.header_row, guess.data_start) == (4, 7)
    assert guess.mapping == {1: "full_name", 2: "birth_male", 3: "birth_female", 4: "id_number", 5: "group",
                             6: "notes"}
    assert guess.headers[2:4] == ("Ngày sinh Nam", "Ngày sinh Nữ")
    result = imp.run(path)
    assert (result.imported, result.rejected, result.duplicates, result.skipped) == (2, 0, 0, 2)
    got = members(groups)
    duc, anh = got["Nguyễn Văn Đức"], got["Trần Thị Ánh"]
    assert (duc.data.gender, duc.data.birth_date, duc.group_name) == ("Nam", date(1990, 3, 15), "Tổ 1")
    assert (anh.data.gender, anh.data.birth_date, anh.group_name) == ("Nữ", date(1992, 10, 20), "Tổ 2")
    assert anh.data.notes == "chuyển đến"


HEADER_VARIANTS = [
    ["HO TEN", "NGAY SINH", "GIOI TINH", "SO CCCD/CMND", "SDT", "TO CD", "NGAY VAO CD", "MUC LUONG DONG BHXH"],
    ["Họ và tên", "Ngày, tháng, năm sinh", "Giới tính", "Số CCCD/CMND", "SĐT", "Tổ CĐ", "Ngày vào CĐ",
     "Mức lương đóng BHXH"],
    ["họ và tên đoàn viên", "năm sinh", "nam/nữ", "cccd", "số điện thoại", "tổ công đoàn", "ngày kết nạp",
     "lương đóng bhxh"],
    [NFD("Họ tên"), NFD("Ngày sinh (dd/mm/yyyy)"), NFD("Giới"), NFD("Số định danh cá nhân"), NFD("Điện thoại"),
     NFD("Tổ"), NFD("Ngày vào công đoàn"), NFD("Tiền lương")],
    ["Họ và\ntên", "Ngày\nsinh", "Giới\ntính", "Số CMND/CCCD", "ĐT", "Tổ CĐ:", "Ngày vào CĐ *", "Lương"],
]


@pytest.mark.parametrize("header", HEADER_VARIANTS, ids=["no-marks", "official", "lower", "nfd", "newlines"])
def test_header_variants(header):
    rows = [["STT"] + header, [1, "Nguyễn Văn An", "01/01/1990", "Nam", "001090000001", "0912345678", "Tổ 1",
                               "01/01/2015", 5500000]]
    guess = guess_header(rows)
    assert guess.mapping == {1: "full_name", 2: "birth_date", 3: "gender", 4: "id_number", 5: "phone", 6: "group",
                             7: "joined_date", 8: "salary"}
    assert guess.data_start == 1


def test_name_in_two_columns(groups, tmp_path):
    """"Họ đệm" | "Tên" headers, or "Họ và tên" merged over two columns: both halves
    make the name; "Tên" alone must not become the whole name."""
    split = [["STT", "Họ và tên đệm", "Tên", "Ngày sinh", "Giới tính"],
             [1, "Nguyễn Văn", "An", "01/01/1990", "Nam"],
             [2, "Nguyễn Văn", "Bình", "02/02/1991", "Nam"],
             [3, "Lê Thị Thu", "Hà", "1993", "Nữ"]]
    merged = [["STT", "Họ và tên", None, "Ngày sinh", "Giới tính"]] + [r for r in split[1:]]
    for i, rows in enumerate([split, merged]):
        path = write_sheet(tmp_path / f"ten-{i}.xlsx", rows, merges=["B1:C1"] if i else [])
        guess = MemberImport(groups).read(path)[2]
        assert guess.mapping[1] == "name_family" and guess.mapping[2] == "name_given"
    result = MemberImport(groups).run(tmp_path / "ten-1.xlsx")
    assert result.imported == 3
    assert set(members(groups)) == {"Nguyễn Văn An", "Nguyễn Văn Bình", "Lê Thị Thu Hà"}


def test_unlabelled_column_after_name_is_not_a_given_name():
    """A header-less column of Nam / Nữ after the name is not the second half of it."""
    rows = [["Họ và tên", None, "Ngày sinh"], ["Nguyễn Văn An", "Nam", "1990"], ["Lê Thị Hà", "Nữ", "1991"],
            ["Trần Văn Cường", "Nam", "1992"]]
    assert guess_header(rows).mapping == {0: "full_name", 2: "birth_date"}


def test_list_on_second_sheet_after_instructions(groups, tmp_path):
    guide = [["HƯỚNG DẪN NHẬP DANH SÁCH"], ["1. Ghi họ và tên đầy đủ, có dấu."], ["2. Ngày sinh dạng dd/mm/yyyy."]]
    rows = [["Họ và tên", "Ngày sinh", "Giới tính"], ["Phạm Minh Tuấn", "03/04/1988", "Nam"]]
    path = write_sheet(tmp_path / "co-huong-dan.xlsx", rows, title="Danh sách", sheets_before=[("Hướng dẫn", guide)])
    sheet, _, guess = MemberImport(groups).read(path)
    assert sheet == "Danh sách" and guess.mapping == {0: "full_name", 1: "birth_date", 2: "gender"}
    assert MemberImport(groups).run(path).imported == 1


# ---- values as Excel leaves them --------------------------------------------------------------
def test_dates_ids_salaries_and_names_in_every_form(groups, tmp_path):
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Mức lương đóng BHXH", "SĐT"]
    rows = [header,
            [1, "Nguyễn Văn An", date(1990, 3, 15), "Nam", 1090012345, 5500000, 912345678],
            [2, "Trần Văn Bình", "15/03/1990", "Nam", "001 090 012 346", "5.500.000", "0912 345 679"],
            [3, "Lê Văn Cường", "1990-03-15", "nam", "001090012347", "5,500,000 đ", "+84912345680"],
            [4, "Phạm Văn Dũng", "15-3-1990", "NAM", 1090012348.0, "5\u00a0500\u00a0000", "0912.345.681"],
            [5, "Hoàng Thị Em", "1990", "Nữ", "001190012349", "5500000.0", None],
            [6, "Võ Thị Gấm", 1990, "nữ", 1190012350, 5500000.0, None],
            [7, NFD("  NGUYỄN   THỊ  HOÀI  "), "01/06/1995", "Nữ", "036195000001", None, None],
            [8, "đỗ  văn\u00a0hải", "02/06/1995", "Nam", "036095000002", None, None]]
    path = write_sheet(tmp_path / "gia-tri.xlsx", rows, text_columns=[4])
    result = MemberImport(groups).run(path)
    assert (result.imported, result.rejected) == (8, 0)
    got = members(groups)
    for name, cccd_ in [("Nguyễn Văn An", "001090012345"), ("Trần Văn Bình", "001090012346"),
                        ("Lê Văn Cường", "001090012347"), ("Phạm Văn Dũng", "001090012348")]:
        d = got[name].data
        assert (d.birth_date, d.birth_year_only, d.id_number, d.id_type) == (date(1990, 3, 15), False, cccd_, "CCCD")
        assert d.salary == 5_500_000
        assert d.phone and d.phone.startswith("0912345")
    for name in ("Hoàng Thị Em", "Võ Thị Gấm"):
        d = got[name].data
        assert (d.birth_date, d.birth_year_only, d.salary) == (date(1990, 1, 1), True, 5_500_000)
    assert got["Võ Thị Gấm"].data.id_number == "001190012350"
    hoai = got["Nguyễn Thị Hoài"].data.full_name
    assert hoai == "Nguyễn Thị Hoài" and unicodedata.is_normalized("NFC", hoai)
    assert "Đỗ Văn Hải" in got
    assert MemberService(groups).count(MemberQuery(search="hoai")) == 1


def test_bad_values_rejected_naming_field_and_row(groups, tmp_path):
    future = (date.today() + timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [["DANH SÁCH ĐOÀN VIÊN"],
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Tổ CĐ", "Mức lương đóng BHXH", "Ngày vào CĐ"],
            [1, "Nguyễn Văn Hợp Lệ", "01/01/1990", "Nam", "001090000001", "Tổ 1", 6_000_000, "01/05/2015"],
            [2, "Lê Văn Ngày Sai", "31/02/1990", "Nam", None, "Tổ 1", None, None],
            [3, "Trần Thị Tương Lai", future, "Nữ", None, None, None, None],
            [4, "Phạm Văn Tổ Lạ", "01/01/1990", "Nam", None, "Tổ 99", None, None],
            [5, "Hồ Văn Hệ Số", "01/01/1990", "Nam", None, None, "2,34", None],
            [6, "Mai Văn Mã Tỉnh", "01/01/1990", "Nam", "099090000001", None, None, None],
            [7, "Đinh Văn Chỉ Năm", "01/01/1990", "Nam", None, None, None, 2015],
            [8, None, "01/01/1990", "Nam", None, None, None, None],
            [9, "Vũ Văn Thiếu Giới", "01/01/1990", None, None, None, None, None]]
    path = write_sheet(tmp_path / "loi.xlsx", rows)
    report = tmp_path / "khong-nhap.xlsx"
    pv = MemberImport(groups).preview(path)
    r = by_row(pv)
    # Only what a member cannot exist without refuses a row: a name, a birth date, a sex.
    refused = {4: ("Ngày sinh", "31/02/1990"), 5: ("Ngày sinh", "tương lai"), 10: ("Họ và tên", "trống"),
               11: ("Giới tính", "Nam hoặc Nữ")}
    for row_number, (field, words) in refused.items():
        text = " ".join(r[row_number].problems)
        assert r[row_number].status == "error" and text.startswith(field + ":") and words in text, (row_number, text)
    # Anything else is left empty (or read as meant) with a warning naming the cell.
    warned = {7: "“2,34” là hệ số lương", 8: "Cột E “Số CCCD”: Số CCCD bắt đầu bằng 099",
              9: "Ngày vào công đoàn chỉ ghi “2015”: lấy ngày 01/01/2015"}
    for row_number, words in warned.items():
        text = " ".join(r[row_number].problems)
        assert r[row_number].status == "warning" and words in text, (row_number, text)
    assert r[6].status == "ok"  # its group is made (listed by groups_to_make), not a problem
    assert pv.groups_to_make() == ["Tổ 99"]
    result = MemberImport(groups).commit(pv, report=report)
    assert (result.imported, result.rejected, result.groups_created) == (5, 4, ("Tổ 99",))
    got = members(groups)
    assert got["Đinh Văn Chỉ Năm"].data.joined_date == date(2015, 1, 1)
    assert got["Mai Văn Mã Tỉnh"].data.id_number is None and got["Phạm Văn Tổ Lạ"].group_name == "Tổ 99"
    # the report: the refused rows as they were, under the file's header, with the row and the reason
    ws = load_workbook(report).active
    table = [[c.value for c in row] for row in ws.iter_rows()]
    assert table[0][:2] == ["STT", "Họ và tên"] and table[0][-2:] == ["Dòng trong tệp gốc", "Lý do không nhập"]
    assert [t[-2] for t in table[1:]] == list(refused)
    for t in table[1:]:
        field, words = refused[t[-2]]
        assert field in t[-1] and words in t[-1] and ".;" not in t[-1]
    assert table[1][1] == "Lê Văn Ngày Sai" and table[1][2] == "31/02/1990"


def test_empty_and_totals_rows_skipped_but_tong_cong_is_a_name(groups, tmp_path):
    rows = [["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mức lương"],
            [1, "Tống Công Minh", "01/01/1985", "Nam", 7_000_000],
            [None, None, None, None, None],
            [3, "TONG CONG HIEU", "01/01/1987", "Nam", 7_000_000],  # typed without marks: a person
            [],
            ["Cộng", None, None, None, 14_000_000],
            [None, "TONG CONG", None, "2 nam", 14_000_000],
            [None, NFD("Tổng số đoàn viên: 3"), None, None, None]]
    result = MemberImport(groups).run(write_sheet(tmp_path / "tong.xlsx", rows))
    assert set(members(groups)) == {"Tống Công Minh", "Tong Cong Hieu"}
    assert (result.imported, result.skipped) == (2, 5)


# ---- duplicates ------------------------------------------------------------------------------------
def test_duplicates_in_file_and_in_database_never_created(groups, tmp_path):
    seed_member(groups)
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số thẻ đoàn viên"],
            ["Ngô Văn Một", "01/01/1990", "Nam", "001090000011", "CD-1"],
            ["Ngô Văn Một Khác", "01/01/1990", "Nam", "001090000011", None],  # same CCCD, row 2
            ["Ngô Văn Hai", "02/02/1990", "Nam", None, "cd-1"],  # same card, row 2
            ["Ngô Văn Ba", "03/03/1990", "Nam", None, None],
            ["NGÔ VĂN BA", "1990", "Nam", None, None],  # year only: same person as row 5
            ["Người Trùng Số", "01/02/1980", "Nam", 1080000001, None],  # CCCD of the seeded member
            ["Đoàn Viên Cũ", "1980", "Nam", None, None]]  # name and birth year of the seeded member
    path = write_sheet(tmp_path / "trung.xlsx", rows)
    pv_rows = by_row(MemberImport(groups).preview(path))
    assert [pv_rows[n].status for n in range(2, 9)] == ["ok", "duplicate", "duplicate", "ok", "duplicate",
                                                         "duplicate", "duplicate"]
    assert "dòng 2" in pv_rows[3].problems[0] and "001090000011" in pv_rows[3].problems[0]
    assert "số thẻ CD-1" in pv_rows[4].problems[0]
    assert "dòng 5" in pv_rows[6].problems[0]
    assert "Đoàn Viên Cũ" in pv_rows[7].problems[0]
    result = MemberImport(groups).run(path)
    assert (result.imported, result.duplicates) == (2, 5)
    assert MemberService(groups).count(MemberQuery(status=None)) == 3
    # the same file again: nothing new
    before = db_state(groups)
    again = MemberImport(groups).run(path)
    assert again.imported == 0 and again.duplicates == 7
    assert db_state(groups) == before


def test_member_added_between_preview_and_commit(groups, tmp_path):
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"],
            ["Bùi Văn Nhanh", "01/01/1990", "Nam", "001090000021"],
            ["Bùi Văn Chậm", "01/01/1991", "Nam", "001091000022"]]
    imp = MemberImport(groups)
    pv = imp.preview(write_sheet(tmp_path / "dua.xlsx", rows))
    MemberService(groups).add({"full_name": "Bùi Văn Nhanh", "birth_date": "01/01/1990", "gender": "Nam",
                               "id_number": "001090000021"})
    before = db_state(groups)
    with pytest.raises(ImportFileError) as e:
        imp.commit(pv)
    assert "Dòng 2" in e.value.message and "xem trước lại" in e.value.message
    assert db_state(groups) == before


# ---- export → import --------------------------------------------------------------------------
ROUND_TRIP = [
    {"full_name": "Nguyễn Văn Đức", "birth_date": "15/03/1990", "gender": "Nam", "id_number": "001090012345",
     "phone": "0912345678", "salary": "7.200.000", "group": "Tổ 1", "joined_date": "01/06/2012",
     "card_number": "CĐ-0001", "party_member": "x", "dues_basis": "bhxh", "email": "duc@congty.vn",
     "ethnicity": "Kinh", "hometown": "Nam Định", "job_title": "Tổ trưởng", "department": "Xưởng May 1"},
    {"full_name": "Trần Thị Ánh", "birth_date": "1992", "gender": "Nữ", "id_number": "079192000111",
     "salary": 5_500_000, "group": "Tổ 2", "notes": "=== chuyển từ Tổ 1 ===", "dues_basis": "take_home",
     "dues_paid_through": "T6/2026"},
    {"full_name": "Lê Văn Cường", "birth_date": "02/09/1975", "gender": "Nam", "id_number": "123456789",
     "phone": "02438251234", "joined_date": "20/11/1999"},
    {"full_name": "Kim Min Jun", "birth_date": "05/05/1988", "gender": "Nam", "id_number": "M12345678",
     "nationality": "Hàn Quốc", "salary": 30_000_000, "dues_basis": "fixed"},
    {"full_name": "Đặng Thị Mai", "birth_date": "1968", "gender": "Nữ", "group": "Tổ 1"},
]


def comparable(detail):
    return replace(detail.data, group_id=None), detail.group_name


def test_export_import_round_trip(groups, tmp_path):
    svc = MemberService(groups)
    for raw in ROUND_TRIP:
        svc.add(raw)
    out = tmp_path / "xuat.xlsx"
    assert export_members(groups, out) == len(ROUND_TRIP)
    original = {n: comparable(d) for n, d in members(groups).items()}

    fresh = open_context(tmp_path / "moi.sqlite3")
    try:
        UnitService(fresh).save_groups([GroupInfo(None, "Tổ 1"), GroupInfo(None, "Tổ 2")])
        result = MemberImport(fresh).run(out)
        assert (result.imported, result.rejected, result.duplicates) == (len(ROUND_TRIP), 0, 0)
        assert {n: comparable(d) for n, d in members(fresh).items()} == original
        assert members(fresh)["Trần Thị Ánh"].data.birth_year_only
    finally:
        fresh.close()

    before = db_state(groups)
    again = MemberImport(groups).run(out)
    assert (again.imported, again.duplicates) == (0, len(ROUND_TRIP))
    assert db_state(groups) == before


# ---- files that are not member lists ---------------------------------------------------------
def _small_list(path):
    return write_sheet(path, [["Họ và tên", "Ngày sinh", "Giới tính"], ["Lý Văn Tèo", "01/01/1990", "Nam"]])


def _bad_file(kind, tmp_path) -> tuple[Path, str]:
    good = _small_list(tmp_path / "tot.xlsx")
    if kind == "renamed-text":
        p = tmp_path / "danh-sach.xlsx"
        p.write_text("Họ và tên;Ngày sinh\nLý Văn Tèo;01/01/1990\n", encoding="utf-8")
        return p, "không phải tệp Excel thật"
    if kind == "renamed-pdf":
        p = tmp_path / "scan.xlsx"
        p.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
        return p, "không phải tệp Excel thật"
    if kind == "empty-file":
        p = tmp_path / "rong.xlsx"
        p.write_bytes(b"")
        return p, "không phải tệp Excel thật"
    if kind == "truncated":
        p = tmp_path / "chep-do.xlsx"
        data = good.read_bytes()
        p.write_bytes(data[: len(data) // 2])
        return p, "bị hỏng"
    if kind == "broken-zip":
        p = tmp_path / "hong.xlsx"
        data = bytearray(good.read_bytes())
        i = data.find(b"xl/worksheets/sheet1.xml", 40)
        data[i + 60:i + 260] = b"\xff" * 200  # the sheet's compressed bytes damaged
        p.write_bytes(bytes(data))
        return p, "không đọc được tệp"
    if kind == "no-header":
        p = write_sheet(tmp_path / "so-lieu.xlsx", [["Báo cáo quý"], [1, 2, 3], ["a", "b", "c"], [4, 5, 6]])
        return p, "không tìm thấy dòng tiêu đề"
    if kind == "no-data":
        p = write_sheet(tmp_path / "trang.xlsx", [])
        return p, "không có dữ liệu"
    if kind == "password":
        p = encrypt_xlsx(good, tmp_path / "mat-khau.xlsx", "congdoan2025")
        return p, "bảo vệ bằng mật khẩu"
    if kind == "excel-named-csv":
        p = tmp_path / "danh-sach.csv"
        p.write_bytes(good.read_bytes())
        return p, "tệp Excel bị đổi đuôi"
    if kind == "folder":
        p = tmp_path / "thu-muc.xlsx"
        p.mkdir()
        return p, "là một thư mục"
    if kind == "odt":
        p = tmp_path / "danh-sach.docx"
        p.write_text("Họ và tên,Ngày sinh,Giới tính\nLý Văn Tèo,01/01/1990,Nam\n", encoding="utf-8")
        return p, "không phải tệp Excel"
    if kind == "missing":
        return tmp_path / "khong-co.xlsx", "không tìm thấy tệp"
    raise AssertionError(kind)


BAD_KINDS = ["renamed-text", "renamed-pdf", "empty-file", "truncated", "broken-zip", "no-header", "no-data",
             "password", "excel-named-csv", "folder", "odt", "missing"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_file_clear_error_and_nothing_written(groups, tmp_path, kind):
    seed_member(groups)
    path, words = _bad_file(kind, tmp_path)
    before = db_state(groups)
    with pytest.raises(ImportFileError) as e:
        MemberImport(groups).run(path, report=tmp_path / "bao-cao.xlsx")
    msg = e.value.message
    assert words.lower() in msg.lower(), msg
    assert path.name in msg or kind in ("no-header",), msg
    assert db_state(groups) == before
    assert not (tmp_path / "bao-cao.xlsx").exists()


def test_bad_file_from_the_command_line(tmp_path, capsys):
    from desktop.cli import main

    path, _ = _bad_file("password", tmp_path)
    assert main(["--db", str(tmp_path / "cli.sqlite3"), "members", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Tệp mat-khau.xlsx được bảo vệ bằng mật khẩu") and err.count("\n") == 1


def test_50_mb_file_imports(groups, tmp_path):
    rows = [BIG_HEADER] + [member_row(i, m) for i, m in enumerate(fake_members(40, seed=3), start=1)]
    path = write_sheet(tmp_path / "co-anh.xlsx", rows)
    add_big_member(path, 50 * 1024 * 1024)
    assert path.stat().st_size > 50_000_000
    assert zipfile.ZipFile(path).testzip() is None
    result = MemberImport(groups).run(path)
    assert result.imported + result.duplicates == 40 and result.rejected == 0


# ---- cancel, progress, atomic writes ---------------------------------------------------------------
@pytest.fixture(scope="module")
def list_5000(tmp_path_factory):
    return write_big(tmp_path_factory.mktemp("lon") / "5000.xlsx", 5000, seed=21)


def test_cancel_preview_writes_nothing(groups, list_5000):
    seed_member(groups)
    before = db_state(groups)
    with pytest.raises(CancelledError) as e:
        MemberImport(groups).preview(list_5000, cancel=lambda: True)
    assert "hủy" in e.value.message
    assert db_state(groups) == before


@pytest.mark.parametrize("rebuild", [False, True], ids=["indexes-updated", "indexes-rebuilt"])
def test_cancel_commit_after_first_chunk_rolls_back(groups, list_5000, monkeypatch, rebuild):
    monkeypatch.setattr(mi, "REBUILD_INDEXES_FROM", 1 if rebuild else 10 ** 9)
    seed_member(groups)
    before = db_state(groups)
    indexes = _member_indexes(groups)
    imp = MemberImport(groups)
    preview = imp.preview(list_5000)
    assert len(preview.importable) > 2 * mi.COMMIT_CHUNK
    asked = []
    with pytest.raises(CancelledError):
        imp.commit(preview, cancel=lambda: asked.append(1) or len(asked) > 1)
    assert len(asked) == 2  # the first chunk was written, then cancelled
    assert db_state(groups) == before
    assert _member_indexes(groups) == indexes
    # and the same preview still imports completely afterwards
    result = imp.commit(preview)
    assert MemberService(groups).count(MemberQuery(status=None)) == 1 + result.imported
    assert _member_indexes(groups) == indexes


def _member_indexes(ctx):
    with ctx.db.engine.connect() as c:
        return sorted(c.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='member'").all())


def test_large_import_rebuilds_the_same_indexes(groups, list_5000, monkeypatch):
    monkeypatch.setattr(mi, "REBUILD_INDEXES_FROM", 1)
    indexes = _member_indexes(groups)
    result = MemberImport(groups).run(list_5000)
    assert result.imported > 4900
    assert _member_indexes(groups) == indexes
    with groups.db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        plan = " ".join(r[-1] for r in c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM member WHERE id_number = '001090012345'"))
    assert "ix_member_id_number" in plan
    svc = MemberService(groups)
    some = svc.page(MemberQuery(), 0, 3)
    assert [r.full_name for r in svc.page(MemberQuery(search=some[0].full_name))]


def test_progress_reaches_total(groups, list_5000):
    calls = []
    result = MemberImport(groups).run(list_5000, progress=lambda done, total: calls.append((done, total)))
    end_of_preview = calls.index((5000, 5000)) + 1
    preview_calls, commit_calls = calls[:end_of_preview], calls[end_of_preview:]
    assert all(t == 5000 for _, t in preview_calls)
    assert preview_calls[-1] == (5000, 5000) and len(preview_calls) >= 10
    assert [d for d, _ in preview_calls] == sorted(d for d, _ in preview_calls)
    assert commit_calls and commit_calls[-1] == (result.imported, result.imported)
    assert [d for d, _ in commit_calls] == sorted(d for d, _ in commit_calls)


def test_cli_import_json_and_report(tmp_path, capsys):
    from desktop.cli import main

    db = tmp_path / "cli.sqlite3"
    ctx = open_context(db)
    UnitService(ctx).save_groups([GroupInfo(None, g) for g in GROUPS])
    ctx.close()
    rows = [BIG_HEADER] + [member_row(i, m) for i, m in enumerate(fake_members(30, seed=9), start=1)]
    rows[5][2] = "31/02/1990"
    path = write_sheet(tmp_path / "ds.xlsx", rows)
    report = tmp_path / "bao-cao.xlsx"
    assert main(["--db", str(db), "members", "import", str(path), "--report", str(report), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["imported"] + summary["duplicates"] == 29 and summary["rejected"] == 1
    assert summary["report"] == str(report)
    table = [[c.value for c in row] for row in load_workbook(report).active.iter_rows()]
    assert table[0][:len(BIG_HEADER)] == BIG_HEADER  # the file's own header, then the row and the reason
    assert table[1][table[0].index("Dòng trong tệp gốc")] == 6
    assert "31/02/1990" in table[1][table[0].index("Lý do không nhập")]


# ---- a killed process --------------------------------------------------------------------------------
KILL_ROWS = 60_000


@pytest.mark.slow
def test_killed_import_is_all_or_nothing(tmp_path):
    db = tmp_path / "unit.sqlite3"
    ctx = open_context(db)
    UnitService(ctx).save_groups([GroupInfo(None, g) for g in GROUPS])
    small = [BIG_HEADER] + [member_row(i, m) for i, m in
                            enumerate(fake_members(10, seed=99, start_serial=900_000, min_year=1950), start=1)]
    assert MemberImport(ctx).run(write_sheet(tmp_path / "nho.xlsx", small)).imported == 10
    ctx.close()
    big = write_big(tmp_path / "60k.xlsx", KILL_ROWS, seed=5, title_rows=False)

    congdoan = Path(sys.executable).with_name("congdoan")
    cmd = [str(congdoan)] if congdoan.exists() else [sys.executable, "-m", "desktop"]
    proc = subprocess.Popen(cmd + ["--db", str(db), "members", "import", str(big), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wal = Path(str(db) + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + 120
    killed = False
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start + 2_000_000:  # writing the members
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    proc.wait(30)
    assert killed or proc.returncode == 0, proc.stderr.read()

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = con.execute("SELECT count(*) FROM member").fetchone()[0]
        events = con.execute("SELECT count(*) FROM member_event").fetchone()[0]
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='member'")}
    finally:
        con.close()
    print(f"killed mid-import: {killed}; members after: {n}")
    assert n in (10, 10 + KILL_ROWS), n  # never in between
    assert events == n
    assert {"ix_member_list", "ix_member_id_number", "ix_member_card_number", "ix_member_dup_key"} <= indexes
    # and the database takes the whole list afterwards
    ctx = open_context(db)
    try:
        result = MemberImport(ctx).run(big)
        assert result.imported == 10 + KILL_ROWS - n
        assert MemberService(ctx).count(MemberQuery(status=None)) == 10 + KILL_ROWS
    finally:
        ctx.close()


# ---- the rules the import leans on ------------------------------------------------------------
@pytest.mark.parametrize("text, amount", [
    (5500000, 5_500_000), (5500000.0, 5_500_000), ("5.500.000", 5_500_000), ("5,500,000 đ", 5_500_000),
    ("5 500 000 VNĐ", 5_500_000), ("5\u00a0500\u00a0000 đồng", 5_500_000), ("5.500.000,00", 5_500_000),
    ("5,500,000.50", 5_500_001), ("5500000.0", 5_500_000), ("5500000,00", 5_500_000), ("1.234", 1_234),
    ("12.000.000.5", None), ("1.2345", None), ("5.500,000", None), ("5tr5", None), ("-5.000", None),
])
def test_money_as_offices_type_it(text, amount):
    from desktop.services.core.money import MoneyFormatError, parse_money

    if amount is None:
        with pytest.raises(MoneyFormatError):
            parse_money(text)
    else:
        assert parse_money(text) == amount


def test_a_year_is_not_a_day_of_1905():
    from desktop.services.core.dates import DateFormatError, parse_date

    assert parse_date(1990.0, allow_year_only=True).year_only
    with pytest.raises(DateFormatError):
        parse_date(2015.0)  # "Ngày vào CĐ: 2015" is not the 2015th day after 30/12/1899
    assert parse_date(33000.0).value == date(1990, 5, 7)


def test_member_keys_are_the_three_keys():
    from desktop.services.core.text import sort_key
    from desktop.services.members.rules import dup_key, member_keys, parse_member, search_key

    for raw in ROUND_TRIP:
        value = parse_member(raw, groups={"to 1": "g1", "to 2": "g2"}).value
        assert member_keys(value) == (search_key(value), sort_key(value.full_name),
                                      dup_key(value.full_name, value.birth_date))


def _ref_clean(value):
    import re

    if value is None:
        return None
    s = unicodedata.normalize("NFC", str(value)).translate({0x200B: None, 0x2060: None, 0xFEFF: None})
    return re.sub(r"\s+", " ", s).strip() or None


def _ref_fold(value):
    from desktop.services.core.text import _fold_word

    return " ".join(_fold_word(w) for w in unicodedata.normalize("NFC", value).split()) if value else ""


def _ref_clean_name(value):
    s = _ref_clean(value)
    if s is None:
        return None
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w for w in s.split(" "))


def test_text_shortcuts_match_the_rules():
    """clean(), clean_name() and fold() take shortcuts for the usual text; they must give
    exactly what the plain rules give, whatever the text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from desktop.services.core.text import clean, clean_name, fold

    letters = ("aAđĐeEoOyY ÀÁẢÃẠàáảãạĂẰẮăằắÂẦẤâầấƯỪỨưừứỜỚờớỆệỶỷỸỹ\u0300\u0301\u0303\u0309\u0323\u00a0\t\n\u200b\ufeff\u2060"
               "\u3000'.-1ǅǆßİﬁ" + "  ")
    texts = st.text(alphabet=letters, max_size=24)

    @settings(max_examples=400, deadline=None)
    @given(texts)
    def check(s):
        assert clean(s) == _ref_clean(s)
        assert clean_name(s) == _ref_clean_name(s)
        assert fold(s) == _ref_fold(s)
        nfd = NFD(s)
        assert fold(nfd) == _ref_fold(nfd) and clean(nfd) == _ref_clean(nfd)

    check()


def test_old_excel_xls_file(ctx, tmp_path):
    """Offices still keep lists as .xls (Excel 97–2003): python-calamine reads them."""
    import xlwt

    from desktop.services.members.importing.service import MemberImport
    from desktop.services.members.service import MemberQuery, MemberService

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sách")
    sheet.write(0, 0, "DANH SÁCH ĐOÀN VIÊN")
    for c, h in enumerate(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]):
        sheet.write(2, c, h)
    rows = [(1, "Nguyễn Thị Hường", "12/05/1990", "Nữ", "001190012345"),
            (2, "Trịnh Văn Đạt", "1988", "Nam", "038088004321")]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
    path = tmp_path / "ds-cu.xls"
    book.save(str(path))
    result = MemberImport(ctx).run(path)
    assert result.imported == 2 and result.rejected == 0
    names = {r.full_name for r in MemberService(ctx).page(MemberQuery())}
    assert names == {"Nguyễn Thị Hường", "Trịnh Văn Đạt"}
