"""QUYẾT ĐỊNH and THÔNG BÁO of the union's executive committee about an activity, in the
union document format (QĐ 933/QĐ-TLĐ on NĐ 30/2020), e.g. a decision to give support
payments to a list of members, the list attached on a page of its own.

The same blocks go to PDF (render_letter) and to Word (write_letter_docx).
"""

from __future__ import annotations

from desktop.printing.data import Letter, UnitHeader
from desktop.printing.flow import (
    INDENT,
    Block,
    Col,
    DocHeader,
    PageBreak,
    Para,
    Rule,
    Run,
    Sign,
    Signatures,
    TableBlock,
    para,
    render_blocks,
)
from desktop.printing.layout import money, nfc, place_date, short_date

TITLES = {"qd": "QUYẾT ĐỊNH", "tb": "THÔNG BÁO"}


def build_letter(header: UnitHeader, doc: Letter) -> list[Block]:
    blocks: list[Block] = [
        DocHeader(header, f"Số: {nfc(doc.number)}", place_date(doc.place, doc.doc_date)),
        para(TITLES[doc.kind], bold=True, align="C", space_before=20, space_after=0, keep_with_next=True),
        para(doc.title, bold=True, align="C", space_after=2, keep_with_next=True),
        Rule(),
    ]
    if doc.note:
        blocks.append(para(doc.note, italic=True, align="C", size=12, space_after=8, keep_with_next=True))
    if doc.kind == "qd":
        if doc.authority:
            blocks.append(para(nfc(doc.authority).upper(), bold=True, align="C", space_before=6, space_after=10,
                               keep_with_next=True))
        for line in doc.bases:
            if line.strip():
                blocks.append(para(line.strip(), italic=True, first_indent=INDENT, keep_with_next=True))
        blocks.append(para("QUYẾT ĐỊNH:", bold=True, align="C", space_before=6, space_after=8, keep_with_next=True))
        for i, text in enumerate(doc.paragraphs, 1):
            lines = [s.strip() for s in nfc(text).split("\n") if s.strip()]
            if not lines:
                continue
            blocks.append(Para((Run(f"Điều {i}. ", bold=True), Run(lines[0])), first_indent=INDENT))
            blocks += [Para((Run(s),), first_indent=INDENT) for s in lines[1:]]
    else:
        for text in doc.paragraphs:
            blocks += [Para((Run(s.strip()),), first_indent=INDENT) for s in nfc(text).split("\n") if s.strip()]
    blocks.append(Signatures((Sign(nfc(doc.signer_title).upper(), doc.signer_name),),
                             tuple(nfc(r) for r in doc.recipients)))
    if doc.annex:
        blocks.append(PageBreak())
        blocks.append(para(nfc(doc.annex_title or "DANH SÁCH KÈM THEO").upper(), bold=True, align="C",
                           space_after=2, keep_with_next=True))
        what = "Quyết định" if doc.kind == "qd" else "Thông báo"
        when = f" ngày {short_date(doc.doc_date)}" if doc.doc_date else ""
        by = f" của {nfc(doc.authority)}" if doc.authority else ""
        blocks.append(para(f"(Kèm theo {what} số {nfc(doc.number)}{when}{by})", italic=True, align="C",
                           space_after=10, keep_with_next=True))
        rows = tuple((str(i), a.name, a.group or "", a.content or "", money(a.amount) if a.amount else "")
                     for i, a in enumerate(doc.annex, 1))
        total = sum(a.amount or 0 for a in doc.annex)
        blocks.append(TableBlock(
            (Col("STT", 0.08, "C"), Col("Họ và tên", 0.30), Col("Tổ công đoàn", 0.19),
             Col("Nội dung", 0.25), Col("Số tiền (đồng)", 0.18, "R")),
            rows, ("", "Tổng cộng", "", "", money(total)), size=12))
        if doc.annex_total_words:
            blocks.append(para(f"(Số tiền bằng chữ: {nfc(doc.annex_total_words)})", italic=True, size=13,
                               space_before=4))
    return blocks


def document_title(doc: Letter) -> str:
    return f"{'Quyết định' if doc.kind == 'qd' else 'Thông báo'} {nfc(doc.number)} — {nfc(doc.title)}"


def render_letter(header: UnitHeader, doc: Letter, out) -> int:
    """The decision or notice to a PDF (`out`: a path or a binary file). Returns the pages."""
    return render_blocks(build_letter(header, doc), out, document_title(doc))


def write_letter_docx(header: UnitHeader, doc: Letter, out) -> None:
    from desktop.printing.word import write_docx
    write_docx(build_letter(header, doc), out, document_title(doc))
