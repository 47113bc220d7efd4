"""A sub-tree's report (subtree.py) as an Excel workbook and as a PDF with the union header,
to send upward or print. Both lay out the same tables as the screen."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from server.reports.subtree import SubtreeReport

MEMBER_HEAD = ["Mã", "Đơn vị", "Đoàn viên cuối kỳ", "Nữ (hiện nay)", "Kết nạp mới", "Chuyển đến", "Chuyển đi",
               "Ra khỏi tổ chức"]
DUES_HEAD = ["Mã", "Đơn vị", "Phải thu", "Đã thu", "Chưa thu", "Phải nộp cấp trên (30 % số đã thu)",
             "Đã nộp cấp trên", "Còn phải nộp"]
SETTLEMENT_HEAD = ["Mã", "Đơn vị", "CĐCS", "Đã gửi quyết toán", "Tồn đầu năm (quỹ + tiền gửi)", "Tổng thu",
                   "Tổng chi", "Tồn cuối năm (quỹ + tiền gửi)"]
NOTE = ("Đoàn viên cuối kỳ: số đang sinh hoạt hôm nay trừ người đến sau kỳ, cộng người đi sau kỳ. Nữ: số hiện nay. "
        "Phải thu: theo số các máy của đơn vị tính và gửi lên (12 tháng gần nhất); «—» là chưa có. "
        "Số liệu theo các tháng các đơn vị đã đồng bộ.")
NOT_KNOWN = "—"


def tables(r: SubtreeReport) -> list[tuple[str, list[str], list[list[object]]]]:
    """(title, header, rows) of each section: what the workbook and the PDF print."""
    Section = tuple[str, list[str], list[list[object]]]
    out: list[Section] = [("I. Đoàn viên", MEMBER_HEAD,
            [[m.code, m.name, m.members, m.women, m.admitted, m.transferred_in, m.transferred_out, m.left]
             for m in r.members]),
           ("II. Đoàn phí và nộp cấp trên (đồng)", DUES_HEAD,
            [[d.code, d.name, NOT_KNOWN if d.due is None else d.due, d.collected,
              NOT_KNOWN if d.outstanding is None else d.outstanding, d.expected, d.remitted, d.remit_outstanding]
             for d in r.dues])]
    if r.activities:
        names = [(m.code, m.name) for m in r.members]
        head = ["Mã", "Đơn vị", *[label for label, _c in r.activities]]
        out.append(("III. Hoạt động (số hoạt động)", head,
                    [[code, name, *[counts[i] for _l, counts in r.activities]] for i, (code, name) in enumerate(names)]))
    if r.settlements:
        out.append(("IV. Quyết toán năm của công đoàn cơ sở đã nhận (đồng)", SETTLEMENT_HEAD,
                    [[t.code, t.name, t.grassroots, t.closed, t.cash_opening + t.bank_opening, t.income, t.spending,
                      t.cash_closing + t.bank_closing] for t in r.settlements]))
    return out


def title(r: SubtreeReport) -> str:
    return f"BÁO CÁO TỔNG HỢP {r.period.label.upper()}"


def _text_cell(ws, row: int, col: int, value: str, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"  # a name like "=HYPERLINK(…)" stays text, never a formula
    if bold:
        cell.font = Font(bold=True)


def xlsx(r: SubtreeReport) -> bytes:
    wb = Workbook()
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, (section, head, rows) in enumerate(tables(r)):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = section.split(".")[0] + ". " + section.split(". ", 1)[1][:24].rstrip(" (")
        _text_cell(ws, 1, 1, (r.parent_name or "").upper())
        _text_cell(ws, 2, 1, r.name.upper(), bold=True)
        _text_cell(ws, 3, 1, title(r), bold=True)
        _text_cell(ws, 4, 1, section, bold=True)
        _text_cell(ws, 5, 1, r.as_of)
        for c, h in enumerate(head, 1):
            _text_cell(ws, 6, c, h, bold=True)
            ws.cell(row=6, column=c).alignment = Alignment(wrap_text=True, vertical="center")
            ws.cell(row=6, column=c).border = box
        for rr, values in enumerate(rows, 7):
            last = rr == 6 + len(rows)
            for c, v in enumerate(values, 1):
                if isinstance(v, int):
                    cell = ws.cell(row=rr, column=c, value=v)
                    cell.number_format = "#,##0"
                    if last:
                        cell.font = Font(bold=True)
                else:
                    _text_cell(ws, rr, c, str(v), bold=last)
                ws.cell(row=rr, column=c).border = box
        _text_cell(ws, 8 + len(rows), 1, NOTE)
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["B"].width = 42
        for c in range(3, len(head) + 1):
            ws.column_dimensions[get_column_letter(c)].width = 16
        ws.freeze_panes = "C7"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FONT = "ReportSerif"


def _font_files() -> tuple[Path, Path]:
    """Liberation Serif (OFL, full Vietnamese): the copy in the project's resources, else the
    system's (Debian's fonts-liberation). Never the PDF standard fonts: no Vietnamese letters."""
    here = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    for folder in (here, Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/liberation2")):
        regular, bold = folder / "LiberationSerif-Regular.ttf", folder / "LiberationSerif-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise RuntimeError("Không tìm thấy phông chữ Liberation Serif để in báo cáo.")


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = _font_files()
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT + "-Bold", str(bold)))


def _n(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def pdf(r: SubtreeReport) -> bytes:
    _fonts()
    small = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=11)
    bold_small = ParagraphStyle("bsmall", parent=small, fontName=FONT + "-Bold")
    centre = ParagraphStyle("centre", parent=small, alignment=1, fontSize=11, leading=14)
    centre_bold = ParagraphStyle("cbold", parent=centre, fontName=FONT + "-Bold")
    heading = ParagraphStyle("head", parent=centre_bold, fontSize=14, leading=18, spaceBefore=6, spaceAfter=4)
    section = ParagraphStyle("section", parent=bold_small, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    page_w = landscape(A4)[0] - 30 * mm
    today = r.today
    header = Table([[Paragraph(_esc((r.parent_name or "").upper()), centre),
                     Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre_bold)],
                    [Paragraph(_esc(r.name.upper()), centre_bold), Paragraph("Độc lập - Tự do - Hạnh phúc", centre_bold)],
                    ["", Paragraph(f"<i>ngày {today.day:02d} tháng {today.month:02d} năm {today.year}</i>"
                                   if today else "", centre)]],
                   colWidths=[page_w * 0.45, page_w * 0.55])
    story: list = [header, Spacer(1, 4 * mm), Paragraph(title(r), heading),
                   Paragraph(f"(Đơn vị và các đơn vị trực thuộc: {_esc(r.name)})", centre),
                   Paragraph(_esc(r.as_of), centre), Spacer(1, 2 * mm)]
    for name, head, rows in tables(r):
        story.append(Paragraph(_esc(name), section))
        widths = [22 * mm, 70 * mm]
        rest = (page_w - sum(widths)) / max(1, len(head) - 2)
        data = [[Paragraph(_esc(h), bold_small) for h in head]]
        for i, values in enumerate(rows):
            style = bold_small if i == len(rows) - 1 else small
            data.append([Paragraph(_esc(str(v)), style) if c < 2 else _n(v) for c, v in enumerate(values)])
        table = Table(data, colWidths=widths + [rest] * (len(head) - 2), repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, 9), ("FONT", (0, -1), (-1, -1), FONT + "-Bold", 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8"))]))
        story.append(table)
    story += [Spacer(1, 2 * mm), Paragraph(_esc(NOTE), small), Spacer(1, 8 * mm),
              Table([[Paragraph("NGƯỜI LẬP BIỂU", centre_bold), Paragraph("TM. BAN THƯỜNG VỤ", centre_bold)],
                     [Paragraph("<i>(Ký, ghi rõ họ tên)</i>", centre),
                      Paragraph("<i>(Ký tên, đóng dấu)</i>", centre)]], colWidths=[page_w / 2, page_w / 2])]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=title(r), author="Sổ Công đoàn")
    doc.build(story)
    return out.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

