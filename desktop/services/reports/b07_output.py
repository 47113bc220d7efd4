"""The B07-TLĐ out of the program: its PDF in the form's layout (printing/b07.py), its
Excel sheet (codes as text, amounts as numbers the upper level can add up again) and the
Report the Báo cáo page shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.printing.b07 import B07Line, B07PartA, B07Sheet, render_b07
from desktop.printing.data import UnitHeader
from desktop.printing.reports import Report, Table
from desktop.services.core.errors import ValidationError
from desktop.services.core.excel_io import column_letter
from desktop.services.core.safe_files import atomic_write, write_to
from desktop.services.reports.b07 import B07

FORM_CODE = "B07-TLĐ"


def b07_sheet(st: B07) -> B07Sheet:
    return B07Sheet(
        year=st.year, form_code=st.form.form, title=st.form.title, issued=st.form.issued, used_by=st.form.used_by,
        columns=st.form.columns, part_a=[B07PartA(a.label, a.unit, a.value) for a in st.part_a],
        lines=[B07Line(f.line.section, f.line.label, f.line.code, f.amount, f.line.indent, f.line.confirmed)
               for f in st.lines],
        warnings=list(st.warnings) + [f"Chưa nhập số liệu: {label}." for label in st.missing_inputs],
        version=st.form.path.name)


def b07_view(st: B07) -> Report:
    """The settlement as the Báo cáo page shows it: part A, part B by Mã số, warnings."""
    part_a = Table("A. Các chỉ tiêu cơ bản", ("Chỉ tiêu", "Đơn vị tính", "Số liệu"), ("text", "text", "int"),
                   [(a.label, a.unit, a.value if a.value is not None else "chưa nhập") for a in st.part_a],
                   widths=(0.6, 0.15, 0.25))
    part_b = Table("B. Các chỉ tiêu thu, chi tài chính công đoàn", ("", "Nội dung", "Mã số", st.form.columns[0]),
                   ("text", "text", "text", "money"),
                   [(f.line.section or "", f.line.label, f.line.code + ("" if f.line.confirmed else "*"), f.amount)
                    for f in st.lines], widths=(0.06, 0.6, 0.1, 0.24))
    income = sum(f.amount for f in st.lines if f.line.kind == "income")
    spending = sum(f.amount for f in st.lines if f.line.kind == "spending")
    summary = [("Số dư đầu năm", st.opening_cash + st.opening_bank, "money"),
               ("Tổng thu trong năm", income, "money"), ("Tổng chi trong năm", spending, "money"),
               ("Số dư cuối năm", st.amount(st.form.closing_line), "money"),
               ("Trong đó tiền mặt", st.closing_cash, "money"),
               ("Trong đó tiền gửi ngân hàng, kho bạc", st.closing_bank, "money"),
               *((f"Lưu ý: {w}", "") for w in st.warnings)]
    return Report("settlement", st.form.title, f"năm {st.year}", summary, [part_a, part_b],
                  [], dates=(date(st.year, 1, 1), date(st.year, 12, 31)))


def write_b07_pdf(header: UnitHeader, st: B07, out: Path | str) -> Path:
    sheet = b07_sheet(st)
    write_to(out, lambda f: render_b07(header, sheet, f))
    return Path(out)


def write_b07_xlsx(header: UnitHeader, st: B07, out: Path | str) -> Path:
    """One sheet: the head, part A, part B with Mã số as text and amounts as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    sheet = b07_sheet(st)
    wb = Workbook()
    ws = wb.active
    ws.title = f"B07-TLĐ {st.year}"
    bold = Font(bold=True)
    money_format = "#,##0"

    def put(row: list[object], font: Font | None = None) -> int:
        ws.append(row)
        r: int = ws.max_row
        for i, v in enumerate(row, 1):
            cell = ws.cell(r, i)
            if isinstance(v, str):
                # Text, never a formula: a union named "=HYPERLINK(…)" or "=== Tổ 1 ===" would
                # otherwise be run by Excel, or make a file it refuses to open.
                cell.data_type = "s"
            if font is not None:
                cell.font = font
        return r

    put([header.upper_name.upper(), None, None, f"Mẫu số {sheet.form_code}"])
    put([header.unit_name.upper(), None, None, sheet.used_by], bold)
    put([None, None, None, sheet.issued])
    put([])
    put([sheet.title], Font(bold=True, size=14))
    put([f"Năm {st.year}"], bold)
    put([None, None, None, "Đơn vị tính: đồng"])
    put(["A. CÁC CHỈ TIÊU CƠ BẢN"], bold)
    put(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"], bold)
    for i, a in enumerate(sheet.part_a, 1):
        r = put([i, a.label, a.unit, a.value])
        ws.cell(r, 4).number_format = money_format
    put([])
    put(["B. CÁC CHỈ TIÊU THU, CHI TÀI CHÍNH CÔNG ĐOÀN"], bold)
    head = put(["STT", "Nội dung", "Mã số", *sheet.columns], bold)
    for i in range(1, 4 + len(sheet.columns)):
        ws.cell(head, i).alignment = Alignment(wrap_text=True, horizontal="center")
    put(["A", "B", "C", *range(1, len(sheet.columns) + 1)])
    for ln in sheet.lines:
        r = put([ln.section or "", ln.label, ln.code, ln.amount], bold if ln.section else None)
        ws.cell(r, 3).data_type = "s"
        ws.cell(r, 3).number_format = "@"
        ws.cell(r, 4).number_format = money_format
    if any(not ln.confirmed for ln in sheet.lines):
        put([])
        put([None, ("Mã số chưa đối chiếu được với văn bản gốc của Hướng dẫn 47/HD-TLĐ; mẫu biểu: tệp "
                    f"{sheet.version}.")])
    if sheet.warnings:
        put([])
        put([None, "Lưu ý khi lập báo cáo:"], bold)
        for w in sheet.warnings:
            put([None, w])
    for i, width in enumerate((6, 70, 10, 20, 18)):
        ws.column_dimensions[column_letter(i)].width = width
    with atomic_write(Path(out)) as tmp:
        wb.save(tmp)
    return Path(out)


def write_b07(header: UnitHeader, st: B07, out: Path | str) -> Path:
    suffix = Path(out).suffix.lower()
    if suffix == ".pdf":
        return write_b07_pdf(header, st, out)
    if suffix == ".xlsx":
        return write_b07_xlsx(header, st, out)
    raise ValidationError({"out": f"tệp {Path(out).name}: chỉ lưu được .pdf hoặc .xlsx."})
