"""BIÊN BẢN HỌP: the minutes of a meeting in the union document format (DOMAIN.md
"Documents: minutes and letters"; QĐ 933/QĐ-TLĐ on NĐ 30/2020).

Header with "Số: 05/BB-CĐCS" and the dated place line; "BIÊN BẢN" and the trích yếu;
when it began and where; who took part (present, absent with reason, guests) with the
counts; chair and secretary; each point of the agenda with its proceedings, opinions,
vote and conclusion; the conclusions; "Cuộc họp kết thúc vào … giờ … phút, ngày …";
signatures THƯ KÝ (left) and CHỦ TỌA (right); Nơi nhận.

The same blocks go to PDF (render_minutes) and to Word (write_minutes_docx).
"""

from __future__ import annotations

from datetime import datetime

from desktop.printing.data import DocPerson, Minutes, UnitHeader
from desktop.printing.flow import INDENT, Block, DocHeader, Para, Rule, Run, Sign, Signatures, para, render_blocks
from desktop.printing.layout import long_date, nfc, place_date


def clock(t: datetime) -> str:
    """"14 giờ 00 phút, ngày 07 tháng 03 năm 2026"."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút, {long_date(t.date())}"


def percent(part: int, whole: int) -> str:
    """"87,5%" (a comma for decimals, as Vietnamese writes them)."""
    if not whole:
        return ""
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def person(p: DocPerson) -> str:
    s = f"Đồng chí {nfc(p.name)}"
    return s + (f" – {nfc(p.role)}" if p.role else "")


def labelled(label: str, text: str, **kw) -> Para:
    """"Label: text", the label bold."""
    return Para((Run(label + " ", bold=True), Run(text)), **kw)


def body(text: str | None, **kw) -> list[Para]:
    """Free text as written: one paragraph per line, indented and justified."""
    out = []
    for line in nfc(text or "").split("\n"):
        if line.strip():
            out.append(Para((Run(line.strip()),), first_indent=INDENT, **kw))
    return out


def people(label: str, persons, *, with_reason: bool = False, counted: bool = True) -> Para:
    names = []
    for p in persons:
        s = person(p)
        if with_reason:
            s += f" ({nfc(p.reason)})" if p.reason else " (không có lý do)"
        names.append(s)
    head = f"- {label} ({len(names)}): " if counted else f"- {label}: "
    return Para((Run(head, italic=True), Run("; ".join(names) + ".")), left_indent=0, first_indent=INDENT)


def build_minutes(header: UnitHeader, m: Minutes) -> list[Block]:
    present_n = m.present_count if m.present_count is not None else len(m.present)
    blocks: list[Block] = [
        DocHeader(header, f"Số: {nfc(m.number)}", place_date(m.place, m.doc_date)),
        para("BIÊN BẢN", bold=True, align="C", space_before=20, space_after=0, keep_with_next=True),
        para(m.title, bold=True, align="C", space_after=2, keep_with_next=True),
        Rule(),
    ]
    if m.note:
        blocks.append(para(m.note, italic=True, align="C", size=12, space_after=8, keep_with_next=True))
    begin = clock(m.start) if m.start else "…… giờ …… phút, ngày …… tháng …… năm ………"
    blocks.append(labelled("Thời gian:", f"Bắt đầu vào lúc {begin}.", first_indent=INDENT, space_before=6))
    blocks.append(labelled("Địa điểm:", f"{nfc(m.location) if m.location else '……………………'}.", first_indent=INDENT))
    blocks.append(para("Thành phần tham dự:", bold=True, first_indent=INDENT, keep_with_next=True))
    expected = m.expected if m.expected is not None else present_n + len(m.absent)
    counts = [f"tổng số được triệu tập: {expected} người", f"có mặt: {present_n} người",
              f"vắng mặt: {max(expected - present_n, 0)} người"]
    if m.guests:
        counts.append(f"khách mời: {len(m.guests)} người")
    blocks.append(Para((Run("- " + counts[0][:1].upper() + counts[0][1:] + "; " + "; ".join(counts[1:]) + "."),),
                       first_indent=INDENT))
    if m.list_present and m.present:
        if m.present_count is None or m.present_count == len(m.present):
            blocks.append(people("Có mặt", m.present))
        else:  # a congress counted: only some of those present are named
            blocks.append(people("Trong số người có mặt có", m.present, counted=False))
    if m.absent:
        blocks.append(people("Vắng mặt", m.absent, with_reason=True))
    if m.guests:
        blocks.append(people("Khách mời", m.guests))
    blocks.append(labelled("Chủ tọa:", f"{person(m.chair)}." if m.chair else "……………………",
                           first_indent=INDENT))
    blocks.append(labelled("Thư ký:", f"{person(m.secretary)}." if m.secretary else "……………………",
                           first_indent=INDENT))
    blocks.append(para("NỘI DUNG CUỘC HỌP", bold=True, align="C", space_before=8, keep_with_next=True))
    for i, item in enumerate(m.items, 1):
        blocks.append(para(f"{i}. {nfc(item.title)}", bold=True, first_indent=INDENT, keep_with_next=True))
        blocks += body(item.proceedings)
        if item.opinions and item.opinions.strip():
            blocks.append(para("Ý kiến thảo luận:", italic=True, bold=True, first_indent=INDENT,
                               keep_with_next=True))
            blocks += body(item.opinions)
        if item.votes is not None:
            yes, no, abstain = item.votes
            share = percent(yes, present_n)
            blocks.append(labelled("Biểu quyết:", (
                f"tán thành {yes}/{present_n} người có mặt" + (f" ({share})" if share else "")
                + f"; không tán thành {no}; không có ý kiến {abstain}."), first_indent=INDENT))
        if item.conclusion and item.conclusion.strip():
            lines = [s.strip() for s in nfc(item.conclusion).split("\n") if s.strip()]
            blocks.append(labelled("Kết luận:", lines[0], first_indent=INDENT))
            blocks += body("\n".join(lines[1:]))
    if m.conclusions and m.conclusions.strip():
        blocks.append(para("KẾT LUẬN CỦA CUỘC HỌP", bold=True, align="C", space_before=8, keep_with_next=True))
        blocks += body(m.conclusions)
    end = clock(m.end) if m.end else "…… giờ …… phút, ngày …… tháng …… năm ………"
    blocks.append(Para((Run(f"Cuộc họp kết thúc vào {end}."),), first_indent=INDENT, space_before=6))
    blocks += body(m.closing_note)
    blocks.append(Signatures((Sign("THƯ KÝ", m.secretary.name if m.secretary else None),
                              Sign("CHỦ TỌA", m.chair.name if m.chair else None)),
                             tuple(nfc(r) for r in m.recipients)))
    return blocks


def document_title(m: Minutes) -> str:
    return f"Biên bản {nfc(m.number)} — {nfc(m.title)}"


def render_minutes(header: UnitHeader, minutes: Minutes, out) -> int:
    """The minutes to a PDF (`out`: a path or a binary file). Returns the pages."""
    return render_blocks(build_minutes(header, minutes), out, document_title(minutes))


def write_minutes_docx(header: UnitHeader, minutes: Minutes, out) -> None:
    """The same minutes as a Word document, to finish the wording in Word."""
    from desktop.printing.word import write_docx
    write_docx(build_minutes(header, minutes), out, document_title(minutes))
