"""The blocks of desktop.printing.flow written as a Word document (python-docx), for
offices that finish the wording in Word: the same page (A4, margins, Times New Roman
14), the same header, paragraphs, tables and signatures as the PDF; the page number at
the top centre from page 2 (a PAGE field in a header that page 1 does not have).
LibreOffice opens it as it is."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.printing.flow import (
    HEAD_SIZE,
    HEADER_SPLIT,
    LEAD,
    SIGN_SPACE,
    SIZE,
    Block,
    DocHeader,
    PageBreak,
    Para,
    Rule,
    Signatures,
    TableBlock,
    motto_size,
    text_width,
)
from desktop.printing.layout import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W, faces, nfc

FONT = "Times New Roman"
ALIGN = {"J": WD_ALIGN_PARAGRAPH.JUSTIFY, "L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER,
         "R": WD_ALIGN_PARAGRAPH.RIGHT}


def _font(run, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    if underline:
        run.font.underline = True


def _spacing(p, size: float = SIZE, before: float = 0.0, after: float = 0.0) -> None:
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = Pt(size * LEAD)
    pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST  # never clips the marks over capitals


def _text(p, text: str, size: float, **style) -> None:
    for i, part in enumerate(nfc(text).split("\n")):
        run = p.add_run(part)
        if i:
            run._r.insert(0, OxmlElement("w:br"))
        _font(run, size, **style)


# A hyphen inside a word of a name ("Bà Rịa-Vũng Tàu", "Dệt may-Đầu tư").
_HYPHEN = re.compile(r"(?<=\S)-(?=\S)")


def _whole_words(p, text: str, size: float, **style) -> None:
    """A unit's or upper level's name wrapped only at its spaces, as the PDF wraps it
    (layout.wrap): LibreOffice and Word would also break after a hyphen inside a word
    ("BÀ RỊA-" / "VŨNG TÀU"), so such a hyphen is Word's non-breaking hyphen (printed
    as "-"). A slash between letters is not a break there (tried: "XUẤT/NHẬP" moves whole)."""
    for i, part in enumerate(_HYPHEN.split(nfc(text))):
        if i:
            run = p.add_run()
            run._r.append(OxmlElement("w:noBreakHyphen"))
            _font(run, size, **style)
        if part:
            _font(p.add_run(part), size, **style)


def _border_bottom(p) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)


def _short_rule(container, width: float, room: float, after: float = 0.0) -> None:
    """A short centred line: an empty paragraph with a bottom border, narrowed by indents."""
    p = container.add_paragraph()
    side = max(0.0, (room - width) / 2)
    p.paragraph_format.left_indent = Pt(side)
    p.paragraph_format.right_indent = Pt(side)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.line_spacing = Pt(2)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _border_bottom(p)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.append(borders)


def _no_padding(table, pad: float = 0.0) -> None:
    """Cells with side margins of `pad` points (Word's default is 5.4), as in the PDF."""
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(round(pad * 20)))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    table._tbl.tblPr.append(mar)


def _widths(table, widths: Sequence[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, w in zip(table.columns, widths):
        col.width = Pt(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = Pt(w)


def _cell_para(cell, first: bool):
    return cell.paragraphs[0] if first and not cell.paragraphs[0].text else cell.add_paragraph()


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = p.add_run("2" if kind == "text" else "")
        _font(run, HEAD_SIZE)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind != "text":
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def _header(doc, b: DocHeader, avail: float) -> None:
    f = faces()
    left_w, right_w = avail * HEADER_SPLIT, avail * (1 - HEADER_SPLIT)
    t = doc.add_table(rows=2, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(t)
    _no_padding(t)
    _widths(t, (left_w, right_w))
    left, right = t.rows[0].cells
    p = _cell_para(left, True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, HEAD_SIZE)
    _whole_words(p, nfc(b.header.upper_name).upper(), HEAD_SIZE)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, HEAD_SIZE)
    _whole_words(p, nfc(b.header.unit_name).upper(), HEAD_SIZE, bold=True)
    _short_rule(left, min(left_w * 0.4, 90.0), left_w, after=2)
    size = motto_size(right_w, f.bold)
    p = _cell_para(right, True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, HEAD_SIZE)
    _text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, HEAD_SIZE)
    _text(p, "Độc lập - Tự do - Hạnh phúc", size + 1, bold=True, underline=True)
    number, dated = t.rows[1].cells
    for cell, text, italic in ((number, b.number, False), (dated, b.date_line, True)):
        p = _cell_para(cell, True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, HEAD_SIZE, before=6)
        _text(p, text, HEAD_SIZE, italic=italic)


def _para(doc, b: Para, page_break: bool):
    p = doc.add_paragraph()
    p.alignment = ALIGN[b.align]
    _spacing(p, b.size, b.space_before, b.space_after)
    pf = p.paragraph_format
    if b.first_indent:
        pf.first_line_indent = Pt(b.first_indent)
    if b.left_indent:
        pf.left_indent = Pt(b.left_indent)
    pf.keep_with_next = b.keep_with_next or None
    pf.widow_control = True
    if page_break:
        pf.page_break_before = True
    for r in b.runs:
        _text(p, r.text, b.size, bold=r.bold, italic=r.italic)
    return p


def _recipients(container, recipients: Sequence[str], first: bool = False) -> None:
    p = _cell_para(container, True) if first else container.add_paragraph()
    _spacing(p, 12)
    _text(p, "Nơi nhận:", 12, bold=True, italic=True)
    for r in recipients:
        p = container.add_paragraph()
        _spacing(p, 11)
        _text(p, f"- {nfc(r)}", 11)


def _signer(cell, sign, width: float) -> None:
    first = True
    for part in nfc(sign.title).split("\n"):
        p = _cell_para(cell, first)
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, SIZE)
        p.paragraph_format.keep_with_next = True
        _text(p, part, SIZE, bold=True)
    p = cell.add_paragraph()
    _spacing(p, SIZE, after=SIGN_SPACE - SIZE * LEAD)
    p.paragraph_format.keep_with_next = True
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, SIZE)
    if sign.name:
        _text(p, sign.name, SIZE, bold=True)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    e = OxmlElement("w:cantSplit")
    tr_pr.append(e)


def _signatures(doc, b: Signatures, avail: float) -> None:
    n = len(b.signers)
    if n == 1:
        widths = [avail * HEADER_SPLIT, avail * (1 - HEADER_SPLIT)]
    else:
        widths = [avail / n for _ in range(n)]
    t = doc.add_table(rows=1, cols=len(widths))
    _no_borders(t)
    _no_padding(t)
    _widths(t, widths)
    _cant_split(t.rows[0])
    cells = t.rows[0].cells
    if n == 1:
        if b.recipients:
            _recipients(cells[0], b.recipients, first=True)
        _signer(cells[1], b.signers[0], widths[1])
    else:
        for cell, sign, w in zip(cells, b.signers, widths):
            _signer(cell, sign, w)
        if b.recipients:
            p = doc.add_paragraph()
            _spacing(p, 6)
            _recipients(doc, b.recipients)


def _repeat_heading(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    e = OxmlElement("w:tblHeader")
    tr_pr.append(e)


def _table(doc, b: TableBlock, avail: float) -> None:
    rows = list(b.rows) + ([b.total] if b.total else [])
    t = doc.add_table(rows=1 + len(rows), cols=len(b.columns))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_padding(t, 4.0)  # the PDF's cell padding
    _widths(t, [avail * c.share for c in b.columns])
    _repeat_heading(t.rows[0])
    for r, cells in enumerate([tuple(c.title for c in b.columns)] + rows):
        row = t.rows[r]
        _cant_split(row)
        bold = r == 0 or (b.total is not None and r == len(rows))
        for k, (cell, value) in enumerate(zip(row.cells, cells)):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else ALIGN[b.columns[k].align]
            _spacing(p, b.size, 1, 1)
            _text(p, value or "", b.size, bold=bold)


def write_docx(blocks: Sequence[Block], out, title: str) -> None:
    """Write the blocks to a .docx (`out`: a path or a binary file)."""
    doc = Document()
    doc.core_properties.title = nfc(title)
    doc.core_properties.author = "Sổ Công đoàn"
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(k), FONT)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Pt(PAGE_W), Pt(PAGE_H)
    sec.left_margin, sec.right_margin = Pt(MARGIN_LEFT), Pt(MARGIN_RIGHT)
    sec.top_margin, sec.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)
    sec.header_distance = Pt(MARGIN_TOP / 2 - 4)
    _page_number_header(sec)
    avail = text_width()
    page_break = False
    last_para = None
    for b in blocks:
        if isinstance(b, DocHeader):
            _header(doc, b, avail)
        elif isinstance(b, Para):
            last_para = _para(doc, b, page_break)
            page_break = False
        elif isinstance(b, Rule):
            _short_rule(doc, b.width, avail, after=b.space_after)
        elif isinstance(b, Signatures):
            if last_para is not None:
                last_para.paragraph_format.keep_with_next = True
            p = doc.add_paragraph()
            _spacing(p, 6, after=max(0.0, b.space_before - 6))
            p.paragraph_format.keep_with_next = True
            _signatures(doc, b, avail)
        elif isinstance(b, TableBlock):
            _table(doc, b, avail)
        elif isinstance(b, PageBreak):
            page_break = True
    if blocks and isinstance(blocks[-1], (TableBlock, Signatures)):
        _spacing(doc.add_paragraph(), 2)  # a document ends with a paragraph, not a table
    if isinstance(out, os.PathLike):
        out = os.fspath(out)
    doc.save(out)
