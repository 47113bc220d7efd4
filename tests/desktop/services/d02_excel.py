"""Social-insurance lists (mẫu D02-LT) shaped as the declaration software and offices
export them, made with openpyxl: a title block, headers over two or three rows with
merged parents, a numbering row, sections (Tăng / Giảm / Điều chỉnh), totals and the
signature block; salaries as amounts or as coefficients."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


def _save(rows, merges, path, *, text_columns=()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "D02-LT"
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, date):
                cell.number_format = "dd/mm/yyyy"
            if c - 1 in text_columns and isinstance(v, str):
                cell.number_format = "@"
    for m in merges:
        ws.merge_cells(m)
        first = ws[m.split(":")[0]]
        first.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        first.font = Font(bold=True)
    wb.save(path)
    return Path(path)


def three_row_layout(path, workers, *, leaving=(), month=(3, 2026)) -> Path:
    """The declaration software's export: title block, header on rows 7-9 ("Tiền lương"
    over "Hệ số/Mức lương" and "Phụ cấp", "Phụ cấp" over five allowances), numbering row,
    "I. Tăng" / "II. Giảm" sections, totals and signatures. workers: (name, mã số BHXH,
    birth, gender, CCCD, position, salary, pc chức vụ, pc lương, bổ sung, from "mm/yyyy")."""
    rows = [
        ["Tên đơn vị: CÔNG TY TNHH MAY MẶC SAO VIỆT", None, None, None, None, None, None, None, None, None,
         None, None, None, None, "Mẫu D02-LT"],
        ["Mã đơn vị: TA0123A", None, None, None, None, None, None, None, None, None, None, None, None, None,
         "(Ban hành kèm theo QĐ số 1040/QĐ-BHXH)"],
        ["Địa chỉ: Lô C5, KCN Sóng Thần 2, Dĩ An, Bình Dương"],
        ["DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ-BNN"],
        [f"Tháng {month[0]:02d} năm {month[1]}"],
        [],
        ["STT", "Họ và tên", "Mã số BHXH", "Ngày sinh", "Giới tính", "Số CCCD/ĐDCN/Hộ chiếu",
         "Cấp bậc, chức vụ, chức danh nghề, điều kiện, nơi làm việc", "Tiền lương", None, None, None, None,
         None, "Từ tháng, năm", "Ghi chú"],
        [None, None, None, None, None, None, None, "Hệ số/ Mức lương", "Phụ cấp", None, None, None, None, None,
         None],
        [None, None, None, None, None, None, None, None, "Chức vụ", "Thâm niên VK (%)", "Thâm niên nghề (%)",
         "Phụ cấp lương", "Các khoản bổ sung", None, None],
        [f"({i})" for i in range(1, 16)],
        ["I", "TĂNG"],
        ["1", "Lao động"],
    ]
    for i, w in enumerate(workers, start=1):
        name, si, birth, gender, cccd, pos, salary, pc_cv, pc_l, extra, frm = w
        rows.append([i, name, si, birth, gender, cccd, pos, salary, pc_cv, None, None, pc_l, extra, frm, None])
    rows.append([None, "Cộng tăng", None, None, None, None, None, None])
    rows.append(["II", "GIẢM"])
    for i, w in enumerate(leaving, start=1):
        name, si, birth, gender, cccd, pos, salary, pc_cv, pc_l, extra, frm = w
        rows.append([i, name, si, birth, gender, cccd, pos, salary, pc_cv, None, None, pc_l, extra, frm, "Nghỉ việc"])
    rows += [
        [None, "Cộng giảm"],
        [None, "Tổng cộng", None, None, None, None, None, None],
        [],
        [None, None, None, None, None, None, None, None, None, None, None, "Bình Dương, ngày 05 tháng 03 năm 2026"],
        [None, "Người lập biểu", None, None, None, None, None, None, None, None, None, "Thủ trưởng đơn vị"],
        [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, None, None, None, None, "(Ký, đóng dấu)"],
        [],
        [None, "Lê Thị Thu Hà", None, None, None, None, None, None, None, None, None, "Nguyễn Văn Sao"],
    ]
    merges = ["A4:O4", "A5:O5", "A7:A9", "B7:B9", "C7:C9", "D7:D9", "E7:E9", "F7:F9", "G7:G9", "H7:M7",
              "H8:H9", "I8:M8", "N7:N9", "O7:O9"]
    return _save(rows, merges, path, text_columns=(2, 5))


def coefficient_layout(path, workers, *, month=(1, 2026)) -> Path:
    """A public body's list: header on row 5 over two rows, the birth date split under
    "Nam" / "Nữ" (no gender column, no CCCD), salary and position allowance as
    coefficients, seniority over the scale in %. workers: (name, mã số BHXH, birth,
    gender, position, hệ số, pc chức vụ hệ số, VK %)."""
    rows = [
        ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", None, None, None, None, None, None, None, None, "Mẫu số D02-LT"],
        ["TRƯỜNG TIỂU HỌC KIM ĐỒNG"],
        ["DANH SÁCH LAO ĐỘNG ĐIỀU CHỈNH TIỀN LƯƠNG ĐÓNG BHXH"],
        [f"Kỳ kê khai: tháng {month[0]} năm {month[1]}"],
        ["STT", "Họ và tên", "Mã số BHXH", "Ngày sinh", None, "Chức vụ", "Tiền lương", None, None, "Ghi chú"],
        [None, None, None, "Nam", "Nữ", None, "Hệ số/Mức lương", "PC chức vụ", "Thâm niên VK (%)", None],
        ["III", "ĐIỀU CHỈNH TIỀN LƯƠNG"],
    ]
    for i, (name, si, birth, gender, pos, k, pc, vk) in enumerate(workers, start=1):
        rows.append([i, name, si, birth if gender == "Nam" else None, birth if gender == "Nữ" else None, pos, k,
                     pc, vk, None])
    rows += [[None, "Cộng: " + str(len(workers)) + " người"], [],
             [None, None, None, None, None, None, None, "Hiệu trưởng"]]
    return _save(rows, ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:F6", "G5:I5", "J5:J6"], path, text_columns=(2,))


def plain_layout(path, workers) -> Path:
    """A one-row header at the top, no title: a list copied out of the software by hand,
    mã số BHXH as numbers (leading zeros lost), salaries as text with dots, the month as
    "mm/yyyy" text. workers: (name, mã số BHXH, birth, gender, CCCD, position, salary text,
    from)."""
    rows = [["STT", "Họ tên", "Mã số BHXH", "Ngày sinh", "Giới tính", "CCCD", "Chức danh", "Mức lương đóng",
             "Từ tháng"]]
    for i, (name, si, birth, gender, cccd, pos, salary, frm) in enumerate(workers, start=1):
        rows.append([i, name, int(si) if si else None, birth, gender, cccd, pos, salary, frm])
    return _save(rows, [], path)


def marks_layout(path, workers) -> Path:
    """An office's own copy: an instructions sheet first; the list with "Giới tính" over
    "Nam" / "Nữ" marked with an x, "Mức lương" and "Phụ cấp lương" as text amounts, and
    "Thời điểm đơn vị bắt đầu đóng BHXH" for the month. workers: (name, mã số BHXH, birth
    text, gender, salary text, allowance text, from)."""
    wb = Workbook()
    info = wb.active
    info.title = "Hướng dẫn"
    info.append(["Danh sách này xuất từ phần mềm kê khai; không sửa tiêu đề cột."])
    ws = wb.create_sheet("D02")
    ws.append(["CÔNG TY CỔ PHẦN GIÀY THƯỢNG ĐÌNH"])
    ws.append(["DANH SÁCH LAO ĐỘNG THAM GIA BẢO HIỂM XÃ HỘI"])
    ws.append([])
    ws.append(["TT", "Họ và tên", "Số sổ BHXH", "Ngày, tháng, năm sinh", "Giới tính", None, "Mức lương",
               "Phụ cấp lương", "Thời điểm đơn vị bắt đầu đóng BHXH"])
    ws.append([None, None, None, None, "Nam", "Nữ", None, None, None])
    ws.merge_cells("E4:F4")
    for i, (name, si, birth, gender, salary, allowance, frm) in enumerate(workers, start=1):
        ws.append([i, name, si, birth, "x" if gender == "Nam" else None, "x" if gender == "Nữ" else None, salary,
                   allowance, frm])
    ws.append([None, "Tổng cộng: " + str(len(workers)) + " người"])
    wb.save(path)
    return Path(path)
