"""Member lists laid out as union offices lay them out, made by the tests themselves: a
title block over a header on row 7, "Ngày sinh" split under "Nam" / "Nữ", a numbering
row "(1) (2) (3)", blank spacer rows, a "Ghi chú" of free text, group names typed in
several ways, a totals line and the signature block under the list; one sheet per
group; the same list as .csv from old tools.

EXPECTED describes, for each person of OFFICE_LIST, what the import must make of them."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

NFD = lambda s: unicodedata.normalize("NFD", s)

TITLE_BLOCK = [
    ["LIÊN ĐOÀN LAO ĐỘNG QUẬN HOÀNG MAI", None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["CĐCS CÔNG TY TNHH MAY AN PHÚ", None, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN NĂM 2026"],
    ["(Kèm theo báo cáo số 12/BC-CĐ ngày 05/01/2026)"],
    [],
]
HEADER = ["STT", "Họ và tên", "Ngày tháng năm sinh", None, "Số CCCD", "Tổ công đoàn", "Ngày vào Công đoàn",
          "Mức lương đóng BHXH", "Điện thoại", "Ghi chú"]
SUB_HEADER = [None, None, "Nam", "Nữ", None, None, None, None, None, None]
NUMBERING = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"]
MERGES = ["A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8", "G7:G8", "H7:H8", "I7:I8", "J7:J8", "A4:J4", "A5:J5"]


def person(name, birth, female, cccd=None, group=None, joined=None, salary=None, phone=None, notes=None):
    return dict(name=name, birth=birth, female=female, cccd=cccd, group=group, joined=joined, salary=salary,
                phone=phone, notes=notes)


# The people of the list, in order, and what each must become. "group" is as typed.
PEOPLE = [
    person("Nguyễn Văn An", date(1980, 3, 4), False, "001080000101", "Tổ 1 ", date(2005, 6, 1), 6_500_000,
           "0912345678"),
    person("Trần Thị Bình", date(1985, 5, 6), True, "001185000102", "Tổ 1", "2013", "5tr2", "0987654321",
           "Chuyển từ CĐ cũ sang, đã có thẻ"),
    person("Lê Thị Cúc", date(1990, 7, 8), True, None, "tổ 1", "03/2018", "5 triệu"),
    person("Phạm Văn Dũng", date(1979, 9, 10), False, "001079000104", "Tổ 2", "T5/2019", 2.34),
    person("Hoàng Thị Hoa", date(1992, 11, 12), True, "0011920001055", "Tổ 2", date(2015, 1, 2), "abc",
           "09x1234567"),  # 13 digits; a salary and a phone that say nothing
    person("Vũ Văn Giang", date(1988, 1, 2), False, None, "Tổ 3", "ngày 5 tháng 3 năm 2018", 10 ** 20),
    person("Đặng Thị Hạnh", date(1991, 2, 3), True, None, "tổ 3", None, 7_000_000),
    person("Bùi Văn Khánh", date(1975, 4, 5), False, None, NFD("Tổ 3"), None, None, None,
           "Nghỉ ốm dài ngày từ tháng 10, vẫn đóng đoàn phí; xem hồ sơ"),
    person("Nguyễn Thị Bích Ngọc, Trần Văn Tý", date(1987, 6, 7), True, None, "Tổ Văn phòng"),  # two people
    person("Đỗ Văn Long", "31/02/1990", False, None, "Tổ Văn phòng"),  # no such day
    person("Ngô Thị Mai", date(1993, 8, 9), True, "001193000111", "Tổ Văn phòng", date(2016, 9, 1), 8_000_000),
    person("Dương Văn Nam", 1970, False, None, "TỔ KHO", "2001", 4_680_000),
    person("Lý Thị Oanh", date(1996, 10, 11), True, None, "Tổ Kho", None, "4,68"),
    person("Hồ Văn Phúc", date(1989, 12, 13), False, "001089000114", "Tổ Cắt"),
    person("Trịnh Thị Quyên", date(1994, 1, 14), True, "001194000115", "Tổ Cắt"),
    person("Trịnh Thị Quyên", date(1994, 1, 14), True, "001194000116", "Tổ Cắt"),  # a namesake: another CCCD
]
SPACER_AFTER = 7  # a blank row after the 7th person (between groups)
FOOTER = [
    ["Tổng cộng: 15 đoàn viên (Nữ: 9)"],
    [],
    [None, None, None, None, None, "Hà Nội, ngày 05 tháng 01 năm 2026"],
    [None, "NGƯỜI LẬP BIỂU", None, None, None, "TM. BAN CHẤP HÀNH"],
    [None, None, None, None, None, "CHỦ TỊCH"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, "(Ký tên, đóng dấu)"],
    [],
    [None, "Trần Văn Lập", None, None, None, "Nguyễn Thị Chủ Tịch"],
]

# What becomes of each person (by index in PEOPLE): None = refused; else the member's
# (group, joined date, salary, phone, CCCD) and words each warning must hold. A salary
# ("×", k) is the pay coefficient k times the base salary (lương cơ sở) in force.
IMPORTED = {
    0: ("Tổ 1", date(2005, 6, 1), 6_500_000, "0912345678", "001080000101", []),
    1: ("Tổ 1", date(2013, 1, 1), 5_200_000, "0987654321", "001185000102", ["“2013”"]),
    2: ("Tổ 1", date(2018, 3, 1), 5_000_000, None, None, ["“03/2018”"]),
    3: ("Tổ 2", date(2019, 5, 1), ("×", 2.34), None, "001079000104", ["“T5/2019”", "hệ số lương"]),
    4: ("Tổ 2", date(2015, 1, 2), None, None, None, ["12 chữ số", "“abc”", "“09x1234567”"]),
    5: ("Tổ 3", date(2018, 3, 5), None, None, None, ["quá lớn"]),
    6: ("Tổ 3", None, 7_000_000, None, None, []),
    7: ("Tổ 3", None, None, None, None, []),
    10: ("Tổ Văn phòng", date(2016, 9, 1), 8_000_000, None, "001193000111", []),
    11: ("TỔ KHO", date(2001, 1, 1), 4_680_000, None, None, ["“2001”"]),
    12: ("TỔ KHO", None, ("×", 4.68), None, None, ["hệ số lương"]),
    13: ("Tổ Cắt", None, None, None, "001089000114", []),
    14: ("Tổ Cắt", None, None, None, "001194000115", []),
    15: ("Tổ Cắt", None, None, None, "001194000116", ["khác số giấy tờ"]),
}
REFUSED = {8: "2 người", 9: "31/02/1990"}
GROUPS_MADE = ["Tổ 1", "Tổ 2", "Tổ 3", "Tổ Văn phòng", "TỔ KHO", "Tổ Cắt"]
FOOTER_SKIPPED = 6  # totals, place-and-date, two title lines, "(Ký…)", the signers' names


def person_row(i: int, p: dict) -> list:
    birth = p["birth"]
    return [i + 1, p["name"], None if p["female"] else birth, birth if p["female"] else None, p["cccd"],
            p["group"], p["joined"], p["salary"], p["phone"], p["notes"]]


def office_rows() -> list[list]:
    rows = [list(r) for r in TITLE_BLOCK] + [HEADER, SUB_HEADER, NUMBERING]
    for i, p in enumerate(PEOPLE):
        rows.append(person_row(i, p))
        if i + 1 == SPACER_AFTER:
            rows.append([])
    return rows + [list(r) for r in FOOTER]


def row_of(index: int) -> int:
    """The Excel row number of PEOPLE[index] in OFFICE_LIST."""
    return len(TITLE_BLOCK) + 3 + index + 1 + (1 if index >= SPACER_AFTER else 0)


def write_book(path: Path | str, sheets: list[tuple[str, list[list]]], merges: dict[str, list[str]] | None = None
               ) -> Path:
    wb = Workbook()
    for n, (name, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = name
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, date):
                        cell.number_format = "dd/mm/yyyy"
                    elif c == 5:
                        cell.number_format = "@"
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
            ws[ref.split(":")[0]].alignment = Alignment(horizontal="center", wrap_text=True)
            ws[ref.split(":")[0]].font = Font(bold=True)
    wb.save(path)
    return Path(path)


def office_list(path: Path | str) -> Path:
    """The list of one office: title block, header on row 7 over "Nam" / "Nữ", numbering
    row, PEOPLE with a blank row between groups, totals and signature block under it."""
    return write_book(path, [("DS đoàn viên", office_rows())], {"DS đoàn viên": MERGES})


# ---- one sheet per group -------------------------------------------------------------------
SHEET_GROUPS = {
    "Tổ May 1": [("Nguyễn Thị Lan", 1990, "Nữ", "001190000201"), ("Phan Văn Minh", 1984, "Nam", None),
                 ("Lương Thị Nga", "12/04/1993", "Nữ", None)],
    "Tổ May 2": [("Võ Văn Ơn", "1986", "Nam", "001086000204"), ("Huỳnh Thị Phương", "7/8/1995", "nữ", None)],
    "Tổ Bảo vệ": [("Tống Văn Quý", 1970, "NAM", None)],
}


def sheet_per_group(path: Path | str) -> Path:
    """A workbook of one sheet per group: each a title, a header on row 3, the list, and
    a line "Cộng: n người"; an instructions sheet first."""
    sheets = [("Hướng dẫn", [["Mỗi tổ một trang; cập nhật hằng tháng."], ["Người lập: Trần Văn Lập"]])]
    for group, people in SHEET_GROUPS.items():
        rows = [[f"DANH SÁCH ĐOÀN VIÊN {group.upper()}"], [],
                ["TT", "Họ và tên", "Năm sinh", "Giới tính", "CCCD", "Ghi chú"]]
        rows += [[i + 1, n, b, g, c, None] for i, (n, b, g, c) in enumerate(people)]
        rows.append([None, f"Cộng: {len(people)} người"])
        sheets.append((group, rows))
    return write_book(path, sheets)


# ---- .csv from old tools -------------------------------------------------------------------
CSV_PEOPLE = [("Nguyễn Văn Tâm", "05/06/1982", "Nam", "001082000301", "Tổ 1", "5.500.000"),
              ("Trần Thị Uyên", "1991", "Nữ", "001191000302", "Tổ 2", "6tr"),
              ("Lê Văn Vĩnh", "ngày 3 tháng 4 năm 1978", "Nam", "", "Tổ 2", "")]


def csv_text(sep: str = ",") -> str:
    lines = ["DANH SÁCH ĐOÀN VIÊN", "",
             sep.join(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Tổ", "Lương"])]
    lines += [sep.join([str(i + 1), *p]) for i, p in enumerate(CSV_PEOPLE)]
    return "\r\n".join(lines) + "\r\n"
