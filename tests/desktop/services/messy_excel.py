"""Builders of member lists shaped like the ones Vietnamese union offices really keep:
title rows, merged headers, two-row headers, numbering rows, text dates, numbers that
lost their leading zeros, totals rows. Every test file is made here with openpyxl."""

from __future__ import annotations

import os
import random
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from desktop.services.core.text import fold


def write_sheet(path: Path | str, rows: Sequence[Sequence], *, merges: Iterable[str] = (),
                title: str = "Danh sách", text_columns: Iterable[int] = (),
                sheets_before: Sequence[tuple[str, Sequence[Sequence]]] = ()) -> Path:
    """Rows as given (None = empty cell) on one sheet, with merged ranges ("A1:H1") styled
    as offices style their titles; date values shown dd/mm/yyyy; columns in text_columns
    (0-based) stored as text cells. sheets_before come first (an instructions sheet)."""
    path = Path(path)
    wb = Workbook()
    sheets = [(name, srows) for name, srows in sheets_before] + [(title, rows)]
    for i, (name, srows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        last = i == len(sheets) - 1
        texts = set(text_columns) if last else set()
        for r_i, row in enumerate(srows, start=1):
            for c_i, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r_i, column=c_i, value=v)
                if isinstance(v, date):
                    cell.number_format = "dd/mm/yyyy"
                elif (c_i - 1) in texts:
                    cell.number_format = "@"
        if last:
            for ref in merges:
                ws.merge_cells(ref)
                top_left = ws[ref.split(":")[0]]
                top_left.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                top_left.font = Font(bold=True)
    wb.save(path)
    return path


# ---- realistic member data -----------------------------------------------------------------
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Tống", "Đinh", "Lương", "Trịnh"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Công", "Minh", "Quang", "Thành", "Xuân"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Mai", "Kim", "Hồng", "Bích"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc",
           "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Hiếu", "Toàn", "Trung"]
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
           "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến"]
PROVINCES = ["001", "031", "036", "038", "040", "048", "075", "079", "089", "092"]
GROUPS = ["Tổ Văn phòng", "Tổ May 1", "Tổ May 2", "Tổ Cắt", "Tổ Hoàn thiện", "Tổ Kho vận"]


def cccd(province: str, male: bool, birth_year: int, serial: int) -> str:
    century = (birth_year - 1900) // 100
    return f"{province}{2 * century + (0 if male else 1)}{birth_year % 100:02d}{serial % 1_000_000:06d}"


def fake_members(n: int, *, seed: int = 7, start_serial: int = 0, min_year: int = 1965) -> list[dict]:
    """n members that are all different people by the import's rules: distinct CCCD, and
    no two with the same name and birth date (min_year=1950 gives a set born before any
    of the default one)."""
    rnd = random.Random(seed)
    out = []
    seen = set()
    for i in range(n):
        male = rnd.random() < 0.45
        while True:
            year = rnd.randint(min_year, 1964 if min_year < 1965 else 2004)
            birth = date(year, rnd.randint(1, 12), rnd.randint(1, 28))
            name = " ".join([rnd.choice(FAMILY), rnd.choice(MIDDLE_M if male else MIDDLE_F),
                             rnd.choice(GIVEN_M if male else GIVEN_F)])
            if (fold(name), birth) not in seen:
                seen.add((fold(name), birth))
                break
        out.append(dict(
            name=name, male=male, birth=birth,
            cccd=cccd(rnd.choice(PROVINCES), male, year, start_serial + i),
            phone="0" + rnd.choice("3789") + f"{rnd.randint(0, 99_999_999):08d}",
            salary=rnd.randrange(4_960_000, 25_000_000, 10_000),
            group=rnd.choice(GROUPS),
            joined=date(max(year + 18, 2005), rnd.randint(1, 12), rnd.randint(1, 28)),
            job=rnd.choice(["Công nhân may", "Tổ trưởng", "Kế toán", "Thủ kho", "Lái xe", "Kỹ thuật viên"]),
        ))
    return out


BIG_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Tổ công đoàn",
              "Công việc", "Ngày vào công đoàn", "Mức lương đóng BHXH", "Ghi chú"]


def member_row(i: int, m: dict) -> list:
    return [i, m["name"], m["birth"], "Nam" if m["male"] else "Nữ", m["cccd"], m["phone"], m["group"],
            m["job"], m["joined"], m["salary"], None]


def write_big(path: Path | str, n: int, *, seed: int = 11, title_rows: bool = True) -> Path:
    """A large member list written with openpyxl's write-only mode (fast, little memory).

    Dates are real Excel dates, CCCD text cells, salaries numbers: a typical HR export.
    """
    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đoàn viên")
    if title_rows:
        ws.append(["CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY XUẤT KHẨU THÀNH CÔNG"])
        ws.append(["DANH SÁCH ĐOÀN VIÊN NĂM 2025"])
        ws.append([])
    ws.append(BIG_HEADER)

    def date_cell(d):
        c = WriteOnlyCell(ws, value=d)
        c.number_format = "dd/mm/yyyy"
        return c

    for i, m in enumerate(fake_members(n, seed=seed), start=1):
        row = member_row(i, m)
        row[2] = date_cell(row[2])
        row[8] = date_cell(row[8])
        ws.append(row)
    wb.save(path)
    return path


def add_big_member(path: Path | str, size: int) -> Path:
    """Append an incompressible member (a picture-like blob) stored without compression,
    so that the .xlsx is `size` bytes bigger but still a valid workbook."""
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo("xl/media/big.bin"), os.urandom(size))
    return Path(path)


def encrypt_xlsx(src: Path | str, dest: Path | str, password: str) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(src, "rb") as f_in, open(dest, "wb") as f_out:
        OOXMLFile(f_in).encrypt(password, f_out)
    return Path(dest)
