"""BÁO CÁO QUYẾT TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN, Mẫu B07-TLĐ (HD 47/HD-TLĐ): A4
portrait, the union's head with "Mẫu số B07-TLĐ" and its guidance line on the right,
the title and the year, "A. Các chỉ tiêu cơ bản" (a small ruled table), "B. Các chỉ
tiêu thu, chi tài chính công đoàn" ruled by Mã số with the form's columns (the first the
year's figures, the others left for the upper level to fill by hand) under a row of
column letters, the warnings the ledger raised, "C." the union's notes and the signatures
of the accountant and the chair, "D." the upper level's remarks and approval (both parts as
on the federation's older B14/B07 forms; HD 47's own text was not found).

The lines come as data (services/reports/forms): this module draws whatever they say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.data import UnitHeader
from desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    SIGN_NOTE,
    SIGN_NOTE_STAMP,
    Pen,
    Signer,
    draw_doc_header,
    draw_signatures,
    draw_title,
    faces,
    money,
    new_canvas,
    nfc,
    place_date,
    signatures_height,
    wrap,
)
from desktop.printing.table import BOLD, ITALIC, NORMAL, Column, Table, running_head

SIZE = 11
UNCONFIRMED_MARK = "*"


@dataclass(frozen=True)
class B07PartA:
    label: str
    unit: str
    value: int | None  # None: not given (printed blank)


@dataclass(frozen=True)
class B07Line:
    section: str | None  # "I", "II"… on a heading line
    label: str
    code: str
    amount: int
    indent: int
    confirmed: bool


@dataclass(frozen=True)
class B07Sheet:
    year: int
    form_code: str  # "B07-TLĐ"
    title: str
    issued: str  # the guidance line under the form code
    used_by: str
    columns: Sequence[str]  # the figures' columns: the first is the year's
    part_a: Sequence[B07PartA]
    lines: Sequence[B07Line]
    warnings: Sequence[str]
    version: str  # the form file's version, printed small at the foot


def _columns(n_figures: int) -> list[Column]:
    width = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
    figures = 92
    return ([Column("STT", 30, "C"), Column("Nội dung", width - 30 - 40 - figures * n_figures, "L", wrap=True),
             Column("Mã số", 40, "C")] + [Column("", figures, "R") for _ in range(n_figures)])


def render_b07(header: UnitHeader, sheet: B07Sheet, out) -> int:
    """The settlement to a PDF (`out`: a path or a binary file). Returns the pages."""
    fc = faces()
    c = new_canvas(out, A4, f"Quyết toán thu chi tài chính công đoàn năm {sheet.year}", fc)
    pen = Pen(c, fc)
    x0, x1 = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    top, bottom = PAGE_H - MARGIN_TOP, MARGIN_BOTTOM
    pages = [1]

    def new_page() -> float:
        c.showPage()
        pen.new_page()
        pages[0] += 1
        pen.centre(PAGE_W / 2, PAGE_H - MARGIN_TOP / 2, str(pages[0]), fc.regular, 11)
        return running_head(pen, top, nfc(header.unit_name), f"Quyết toán năm {sheet.year} (Mẫu {sheet.form_code})")

    y = draw_doc_header(pen, header, x0, x1, top, form_code=sheet.form_code,
                        circular=f"({nfc(sheet.used_by)})\n{nfc(sheet.issued)}")
    y = draw_title(pen, x0, x1, y - 12, sheet.title, [f"Năm {sheet.year}"], size=14, sub_size=12.5,
                   sub_font=fc.bold)
    pen.right(x1, y - 10, "Đơn vị tính: đồng", fc.italic, 10)
    y -= 16

    # A. The basic figures.
    pen.left(x0, y - 13, "A. CÁC CHỈ TIÊU CƠ BẢN", fc.bold, 12)
    y -= 20
    width = x1 - x0
    a = Table(fc, [Column("STT", 30, "C"), Column("Chỉ tiêu", width - 30 - 60 - 130, "L", wrap=True),
                   Column("Đơn vị tính", 60, "C"), Column("Số liệu", 130, "R")], x0, size=SIZE, head_size=10.5)
    rows = [a.prepare((str(i), r.label, r.unit, "" if r.value is None else money(r.value)))
            for i, r in enumerate(sheet.part_a, 1)]
    y = a.draw_header(pen, y)
    y = a.draw_rows(pen, rows, y) - 14

    # B. Income and spending by Mã số.
    pen.left(x0, y - 13, "B. CÁC CHỈ TIÊU THU, CHI TÀI CHÍNH CÔNG ĐOÀN", fc.bold, 12)
    y -= 20
    cols = _columns(len(sheet.columns))
    cols = [*cols[:3], *(Column(nfc(t), col.width, "R") for t, col in zip(sheet.columns, cols[3:]))]
    b = Table(fc, cols, x0, size=SIZE, head_size=10.5)
    letters = b.prepare(["A", "B", "C", *(str(i) for i in range(1, len(sheet.columns) + 1))], ITALIC,
                        align_all="C", size=9.5)
    body = []
    for ln in sheet.lines:
        heading = ln.section is not None
        label = nfc(ln.label)
        code = ln.code + ("" if ln.confirmed else UNCONFIRMED_MARK)
        style = BOLD if heading else (ITALIC if ln.indent else NORMAL)
        body.append(b.prepare((ln.section or "", label, code, money(ln.amount), *([""] * (len(sheet.columns) - 1))),
                              style))
    y = b.draw_header(pen, y)
    y = b.draw_rows(pen, [letters], y)
    i = 0
    while i < len(body):
        room = y - bottom
        chunk = []
        while i < len(body) and body[i].height <= room:
            chunk.append(body[i])
            room -= body[i].height
            i += 1
        if chunk:
            y = b.draw_rows(pen, chunk, y)
        if i < len(body):
            y = new_page()
            y = b.draw_header(pen, y)

    notes = []
    if any(not ln.confirmed for ln in sheet.lines):
        notes.append(f"({UNCONFIRMED_MARK}) Mã số chưa đối chiếu được với văn bản gốc của Hướng dẫn 47/HD-TLĐ; "
                     f"mẫu biểu: tệp {sheet.version}, sửa được mà không cần cài lại phần mềm.")
    y -= 4
    for note in notes:
        for s in wrap(note, fc.italic, 9.5, x1 - x0):
            if y - 12 < bottom:
                y = new_page()
            pen.left(x0, y - 10, s, fc.italic, 9.5)
            y -= 12
    if sheet.warnings:
        y -= 6
        if y - 40 < bottom:
            y = new_page()
        pen.left(x0, y - 12, "Lưu ý khi lập báo cáo:", fc.bold, SIZE)
        y -= 16
        for w in sheet.warnings:
            for j, s in enumerate(wrap(f"- {w}", fc.regular, SIZE, x1 - x0 - 10)):
                if y - 14 < bottom:
                    y = new_page()
                pen.left(x0 + (6 if j == 0 else 14), y - 11, s, fc.regular, SIZE)
                y -= 14

    dots = "." * int((x1 - x0) / stringWidth(".", fc.regular, SIZE))  # a line to write on, margin to margin
    # C. The union's own notes, written by hand under the figures (as on the federation's
    # older B14/B07 forms), then its signatures.
    if y - 70 < bottom:
        y = new_page()
    y -= 12
    pen.left(x0, y - 12, "C. THUYẾT MINH VÀ KIẾN NGHỊ CỦA CÔNG ĐOÀN CƠ SỞ", fc.bold, SIZE)
    y -= 16
    for _ in range(2):
        pen.left(x0, y - 12, dots, fc.regular, SIZE)
        y -= 16
    signers = [Signer("KẾ TOÁN", header.accountant_name),
               Signer("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name, SIGN_NOTE_STAMP)]
    date_line = place_date(header.place, date.today())
    need = signatures_height(pen, signers, x0, x1, date_line=date_line) + 12
    if y - need < bottom:
        y = new_page()
    y = draw_signatures(pen, signers, x0, x1, y - 12, date_line=date_line)

    # D. The upper level's part, left for its hand.
    upper = [Signer("CÁN BỘ QUẢN LÝ", None, SIGN_NOTE), Signer("TRƯỞNG BAN TÀI CHÍNH", None, SIGN_NOTE),
             Signer("TM. BAN THƯỜNG VỤ", None, SIGN_NOTE_STAMP)]
    need = 60 + signatures_height(pen, upper, x0, x1)
    if y - need < bottom:
        y = new_page()
    y -= 14
    for s in wrap(f"D. NHẬN XÉT, XÉT DUYỆT CỦA CÔNG ĐOÀN CẤP TRÊN ({nfc(header.upper_name).upper()})", fc.bold, SIZE,
                  x1 - x0):
        pen.left(x0, y - 12, s, fc.bold, SIZE)
        y -= 15
    for _ in range(2):
        pen.left(x0, y - 12, dots, fc.regular, SIZE)
        y -= 16
    draw_signatures(pen, upper, x0, x1, y - 8)
    c.showPage()
    c.save()
    return pages[0]
