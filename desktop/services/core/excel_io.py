"""Reading spreadsheet files (python-calamine) with clear Vietnamese errors, and writing
simple .xlsx tables (openpyxl, write-only so that 100,000 rows stay small in memory)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from desktop.services.core.errors import ImportFileError
from desktop.services.core.safe_files import atomic_write

if TYPE_CHECKING:  # types only: the printing package stays unloaded until a report is written
    from desktop.printing.data import UnitHeader
    from desktop.printing.reports import Report

# python-calamine, openpyxl and the report printing (reportlab) are imported inside the
# functions that use them: they load only when a file is read or written, not with every
# service (the command line and the window start without them).

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
READABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")
TEXT_TABLES = (".csv", ".txt")

# A cell as python-calamine reads it ("" when empty); a text table's cells are all str.
Cell: TypeAlias = int | float | str | bool | time | date | datetime | timedelta
Row: TypeAlias = list[Cell]


def read_rows(path: Path | str, sheet: str | None = None) -> tuple[str, list[Row]]:
    """All rows of one sheet (the named one, else the first with data)."""
    for name, rows in iter_sheets(path, sheet):
        return name, rows
    raise ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")


def iter_sheets(path: Path | str, sheet: str | None = None) -> Iterator[tuple[str, list[Row]]]:
    """(name, rows) of each sheet that has data, in the workbook's order (only the named
    one when sheet is given). The file is checked and opened once, before the first."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise ImportFileError(f"“{path}” là một thư mục, không phải tệp: hãy chọn tệp danh sách (.xlsx, .xls, .csv).")
    if path.suffix.lower() not in READABLE:
        raise ImportFileError(
            f"Tệp {path.name} không phải tệp Excel (.xlsx, .xls), .ods hoặc .csv: hãy lưu lại bằng Excel dạng .xlsx.")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:  # no permission, a file locked by another program, a disk error
        raise ImportFileError(
            f"Không mở được tệp {path.name}: tệp đang được chương trình khác mở, không có quyền đọc hoặc ổ đĩa "
            "bị lỗi. Hãy đóng tệp trong Excel (hoặc chép tệp ra chỗ khác) rồi nhập lại.") from exc
    if path.suffix.lower() in TEXT_TABLES:
        if head[:4] == ZIP_MAGIC or head == OLE_MAGIC:
            raise ImportFileError(f"Tệp {path.name} là tệp Excel bị đổi đuôi thành {path.suffix}: hãy đổi lại "
                                  "đuôi .xlsx (hoặc .xls) rồi nhập lại.")
        if sheet is not None and sheet != path.stem:
            raise ImportFileError(f"Tệp {path.name} không có trang tính “{sheet}”.")
        rows = read_text_table(path)
        if any(any(c != "" for c in r) for r in rows):
            yield path.stem, rows
        return
    if path.suffix.lower() in (".xlsx", ".xlsm") and head == OLE_MAGIC:
        # An encrypted OOXML file is an OLE container holding EncryptedPackage.
        raise ImportFileError(
            f"Tệp {path.name} được bảo vệ bằng mật khẩu: hãy mở bằng Excel, bỏ mật khẩu "
            "(Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại.")
    if head[:4] not in (ZIP_MAGIC,) and head != OLE_MAGIC:
        raise ImportFileError(f"Tệp {path.name} bị hỏng hoặc không phải tệp Excel thật (chỉ đổi đuôi tên tệp).")
    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = wb.sheet_names
    except Exception as exc:  # calamine raises its own types for each kind of damage
        raise _unreadable(path, exc) from exc
    if sheet is not None and sheet not in names:
        raise ImportFileError(f"Tệp {path.name} không có trang tính “{sheet}”.")
    for name in ([sheet] if sheet else names):
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise _unreadable(path, exc) from exc
        if any(any(c not in ("", None) for c in r) for r in rows):
            yield name, rows


def read_text_table(path: Path) -> list[Row]:
    """The rows of a .csv file as text cells, whatever old tool wrote it: UTF-8 (with or
    without its mark), UTF-16 (with its mark), else Windows-1258 (Vietnamese Windows);
    fields separated by a comma, a semicolon (Excel in Vietnamese settings) or a tab."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp {path.name}: tệp đang mở ở chương trình khác hoặc không có "
                              "quyền đọc.") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
    if "\x00" in text[:4000] and text.count("\x00") > len(text) // 4:
        raise ImportFileError(f"Tệp {path.name} không phải tệp văn bản .csv (có thể là tệp Excel bị đổi đuôi).")
    first_lines = "\n".join(text.splitlines()[:50])
    counts = {d: first_lines.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    # NFC: Windows-1258 writes a tone as a mark after its letter ("à" = "a" + U+0300).
    text = unicodedata.normalize("NFC", text)
    rows: list[Row] = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _unreadable(path: Path, exc: Exception) -> ImportFileError:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return ImportFileError(f"Tệp {path.name} được bảo vệ bằng mật khẩu: bỏ mật khẩu rồi nhập lại.")
    return ImportFileError(
        f"Không đọc được tệp {path.name}: tệp bị hỏng (có thể chép chưa hết) hoặc không đúng định dạng "
        f"Excel. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi nhập lại. (Chi tiết: {exc})")


def write_table(path: Path | str, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
                *, date_columns: Sequence[int] = (), text_columns: Sequence[int] = ()) -> Path:
    """A plain table with a bold header row; dates shown dd/mm/yyyy; IDs kept as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    # Never a half-written file under the real name, nor a temporary one left over; a
    # folder that refuses files says so before the rows are read.
    with atomic_write(path) as tmp:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title[:31])
        bold = Font(bold=True)
        head = []
        for h in headers:
            c = WriteOnlyCell(ws, value=h)
            if isinstance(h, str):
                c.data_type = "s"  # a header is text, even one that starts with "="
            c.font = bold
            head.append(c)
        ws.append(head)
        for i, width in enumerate(headers):
            ws.column_dimensions[column_letter(i)].width = max(10, min(40, len(str(width)) + 4))
        dates = set(date_columns)
        texts = set(text_columns)
        for row in rows:
            out = []
            for i, v in enumerate(row):
                if i in dates and isinstance(v, date):
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = "dd/mm/yyyy"
                    out.append(c)
                elif i in texts and v is not None:
                    c = WriteOnlyCell(ws, value=str(v))
                    c.data_type = "s"
                    c.number_format = "@"
                    out.append(c)
                elif isinstance(v, str) and v.startswith("="):
                    # Text, not a formula: "=== Tổ 1 ===" would otherwise be written as a broken
                    # formula that Excel refuses to open (or one that it runs).
                    c = WriteOnlyCell(ws, value=v)
                    c.data_type = "s"
                    out.append(c)
                else:
                    out.append(v)
            ws.append(out)
        wb.save(tmp)
    return path


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: a column as Excel names it (index counted from 0)."""
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index + 1)
    return letter


def write_report(path: Path | str, header: UnitHeader, report: Report) -> Path:
    """A report (printing.reports.Report) as one sheet: the unit, title and period, the
    main figures, then each table under its title, money as numbers with thousands
    separators, so that the upper level can add them up again."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from desktop.printing.reports import summary_text

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = report.kind[:31]
    bold = Font(bold=True)
    row = 0

    def append(values: list[object]) -> int:
        # ws.max_row walks every cell: asked once a row it made a long report take a minute.
        nonlocal row
        ws.append(values)
        row += 1
        return row

    append([header.upper_name.upper()])
    append([header.unit_name.upper()])
    ws["A2"].font = bold
    append([])
    ws.cell(append([report.title]), 1).font = Font(bold=True, size=14)
    append([report.period[:1].upper() + report.period[1:]])
    append([])
    for item in report.summary:
        label, _ = summary_text(item)
        r = append([label, item[1]])
        if len(item) > 2 and item[2] == "money":
            ws.cell(r, 2).number_format = "#,##0"
    widths = [10] * 8
    for t in report.tables:
        append([])
        ws.cell(append([t.title]), 1).font = bold
        r = append(list(t.headers))
        for i in range(len(t.headers)):
            ws.cell(r, i + 1).font = bold
            ws.cell(r, i + 1).alignment = Alignment(wrap_text=True, horizontal="center")
        for values, style in [(v, None) for v in t.rows] + ([(t.total, bold)] if t.total is not None else []):
            r = append([("" if v is None else v) for v in values])
            for i, (v, kind) in enumerate(zip(values, t.kinds)):
                c = ws.cell(r, i + 1)
                if kind in ("money", "int") and isinstance(v, int):
                    c.number_format = "#,##0"
                elif kind == "date" and isinstance(v, date):
                    c.number_format = "dd/mm/yyyy"
                elif isinstance(v, str) and v.startswith("="):
                    c.data_type = "s"
                if style is not None:
                    c.font = style
                if i < len(widths):
                    widths[i] = max(widths[i], min(60, len(str(v)) + 2))
    for i, w in enumerate(widths):
        ws.column_dimensions[column_letter(i)].width = w
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path
