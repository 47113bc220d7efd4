"""Minutes, decisions, notices and attendance sheets as printed: the union document format
checked by the text of the PDF (header lines, number, dated place line, titles,
signatures, recipients, page numbers from page 2, margins, sizes), long proceedings
flowing over 40 pages without a word lost, the Word export opened by LibreOffice, and
page images in screenshots/printing/ for a person to compare with the official layout."""

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.units import mm

from desktop.printing.attendance import render_attendance
from desktop.printing.data import AnnexLine, AttendanceLine, AttendanceSheet, DocPerson, Letter, Minutes, MinutesItem
from desktop.printing.layout import PAGE_H, PAGE_W
from desktop.printing.letter import render_letter, write_letter_docx
from desktop.printing.minutes import render_minutes, write_minutes_docx
from tests.desktop.printing.pdfcheck import (
    HEADER,
    NAMES,
    assert_our_fonts_only,
    char_boxes,
    column_text,
    find_box,
    lines_of,
    overlaps,
    page_sizes,
    pages_text,
    shoot,
)

A4 = (595.3, 841.9)
PROCEEDING = ("Đồng chí Chủ tịch báo cáo tình hình thực hiện nhiệm vụ: công đoàn đã phối hợp với Ban Giám đốc "
              "tổ chức thăm hỏi {n} đoàn viên ốm đau, trao quà cho đoàn viên có hoàn cảnh khó khăn, vận động "
              "đoàn viên tham gia phong trào thi đua lao động giỏi, lao động sáng tạo (đoạn {n}).")


def minutes(items=None, **kw) -> Minutes:
    values = dict(
        number="05/BB-CĐCS", place="Đồng Nai", doc_date=date(2026, 3, 7),
        title="Họp Ban Chấp hành Công đoàn cơ sở tháng 3 năm 2026",
        start=datetime(2026, 3, 7, 14, 0), end=datetime(2026, 3, 7, 16, 30),
        location="Phòng họp tầng 2, Văn phòng Công ty",
        chair=DocPerson(NAMES[1], "Chủ tịch Công đoàn cơ sở"), secretary=DocPerson(NAMES[2], "Ủy viên Ban Chấp hành"),
        present=[DocPerson(n, "Ủy viên Ban Chấp hành") for n in NAMES[1:8]],
        absent=[DocPerson(NAMES[8], reason="lý do: ốm"), DocPerson(NAMES[9], reason="vắng có phép: đi công tác")],
        guests=[DocPerson(NAMES[10], "Phó Giám đốc Công ty")],
        items=items or [
            MinutesItem("Đánh giá kết quả hoạt động tháng 02/2026", PROCEEDING.format(n=1) + "\n" + PROCEEDING.format(n=2),
                        "Đồng chí Ửng đề nghị tăng mức thăm hỏi ốm đau lên 500.000 đồng.", (7, 0, 0),
                        "Thống nhất thông qua báo cáo."),
            MinutesItem("Kế hoạch tổ chức Ngày Quốc tế Phụ nữ 8/3", "Tặng quà cho 820 nữ đoàn viên.", None, (6, 1, 0)),
        ],
        conclusions="Ban Chấp hành thống nhất các nội dung trên và giao Ban Nữ công triển khai.",
        closing_note="Biên bản đã được đọc lại cho toàn thể cuộc họp cùng nghe và nhất trí thông qua.",
        recipients=["Công đoàn cấp trên (để báo cáo);", "Các Ủy viên Ban Chấp hành;", "Lưu: VT."])
    values.update(kw)
    return Minutes(**values)


def decision(**kw) -> Letter:
    values = dict(
        kind="qd", number="12/QĐ-CĐCS", place="Đồng Nai", doc_date=date(2026, 3, 7),
        title="Về việc thăm hỏi, trợ cấp đoàn viên (hoàn cảnh khó khăn)",
        paragraphs=["Thăm hỏi, trợ cấp 3 đoàn viên có tên trong danh sách kèm theo, tổng số tiền 1.500.000 đồng.",
                    "Kinh phí chi từ nguồn tài chính của Công đoàn cơ sở theo Quy chế chi tiêu nội bộ.",
                    ("Quyết định có hiệu lực kể từ ngày ký. Ban Chấp hành, kế toán, thủ quỹ Công đoàn cơ sở và các "
                     "đoàn viên có tên tại Điều 1 căn cứ Quyết định thi hành.")],
        signer_title="TM. BAN CHẤP HÀNH\nCHỦ TỊCH", signer_name=NAMES[1], recipients=["Như Điều 3;", "Lưu: VT."],
        authority=f"Ban Chấp hành {HEADER.unit_name}",
        bases=["Căn cứ Điều lệ Công đoàn Việt Nam;", "Căn cứ Quy chế chi tiêu nội bộ của Công đoàn cơ sở;",
               "Xét đề nghị của Ban Nữ công,"],
        annex_title="Danh sách đoàn viên được thăm hỏi, trợ cấp",
        annex=[AnnexLine(NAMES[5], "Tổ May 1", "Hoàn cảnh khó khăn", 500_000),
               AnnexLine(NAMES[6], "Tổ Cắt 2", "Con ốm nặng", 700_000),
               AnnexLine(NAMES[7], None, "Hoàn cảnh khó khăn", 300_000)],
        annex_total_words="Một triệu năm trăm nghìn đồng")
    values.update(kw)
    return Letter(**values)


def header_checks(lines: list[str], number: str) -> None:
    text = "\n".join(lines)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH ĐỒNG NAI" in " ".join(lines[:8])
    assert "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GIÀY DA PHƯỚC BÌNH" in " ".join(lines[:8])
    assert any(f"Số: {number}" in ln for ln in lines)
    assert any("Đồng Nai, ngày 07 tháng 03 năm 2026" in ln for ln in lines)


def font_size_at(path, page: int, needle: str) -> float:
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[page].get_textpage()
        return pdfium_c.FPDFText_GetFontSize(tp.raw, tp.get_text_range().index(needle))
    finally:
        pdf.close()


def within_margins(path, page: int) -> None:
    boxes = [b for _, _, b in char_boxes(path, page)]
    assert min(b[0] for b in boxes) >= 30 * mm - 1, "text left of the 30 mm margin"
    assert max(b[2] for b in boxes) <= PAGE_W - 15 * mm + 1, "text right of the 15 mm margin"
    body = [b for b in boxes if b[3] < PAGE_H - 20 * mm + 1]  # the page number sits in the top margin
    assert min(b[1] for b in body) >= 20 * mm - 4, "text in the bottom margin"


def test_minutes_in_the_union_format(tmp_path):
    out = tmp_path / "bien-ban.pdf"
    pages = render_minutes(HEADER, minutes(), out)
    assert pages == 2 == len(page_sizes(out))
    assert page_sizes(out) == [A4, A4]
    assert_our_fonts_only(out)
    texts = pages_text(out)
    first = lines_of(texts[0])
    header_checks(first, "05/BB-CĐCS")
    assert "BIÊN BẢN" in first and "Họp Ban Chấp hành Công đoàn cơ sở tháng 3 năm 2026" in first
    body = " ".join(lines_of("\n".join(texts)))
    for expected in ("Thời gian: Bắt đầu vào lúc 14 giờ 00 phút, ngày 07 tháng 03 năm 2026.",
                     "Địa điểm: Phòng họp tầng 2, Văn phòng Công ty.",
                     "Tổng số được triệu tập: 9 người; có mặt: 7 người; vắng mặt: 2 người; khách mời: 1 người.",
                     f"{NAMES[8]} (lý do: ốm)", f"{NAMES[9]} (vắng có phép: đi công tác)",
                     f"Chủ tọa: Đồng chí {NAMES[1]} – Chủ tịch Công đoàn cơ sở.",
                     "Biểu quyết: tán thành 7/7 người có mặt (100%); không tán thành 0; không có ý kiến 0.",
                     "tán thành 6/7 người có mặt (85,7%); không tán thành 1",
                     "Cuộc họp kết thúc vào 16 giờ 30 phút, ngày 07 tháng 03 năm 2026."):
        assert expected in body, expected
    last = lines_of(texts[-1])
    assert "THƯ KÝ" in " ".join(last) and "CHỦ TỌA" in " ".join(last)
    assert NAMES[1] in last[-6:] or NAMES[1] in " ".join(last)
    assert "Nơi nhận:" in last and "- Lưu: VT." in last
    # THƯ KÝ at the left, CHỦ TỌA at the right, on one line
    boxes = char_boxes(out, pages - 1)
    text = pdfium.PdfDocument(str(out))[pages - 1].get_textpage().get_text_range()
    thu, chu = text.index("THƯ KÝ"), text.index("CHỦ TỌA")
    box = {i: b for i, _, b in boxes}
    assert box[thu][0] < PAGE_W / 2 < box[chu][0] and abs(box[thu][1] - box[chu][1]) < 1
    # page number: none on page 1, "2" at the top centre of page 2
    assert not lines_of(texts[0])[0].isdigit()
    assert lines_of(texts[1])[0] == "2"
    top = char_boxes(out, 1)[0][2]
    assert top[1] > PAGE_H - 20 * mm and abs((top[0] + top[2]) / 2 - PAGE_W / 2) < 3
    # sizes: body 14 pt, header 13 pt; all within the margins; nothing drawn over anything
    assert font_size_at(out, 0, "Thời gian") == 14
    assert font_size_at(out, 0, "Số: 05") == 13
    for p in range(pages):
        within_margins(out, p)
        assert overlaps(out, p) == []
    shoot(out, "minutes", pages=(0, 1))


def test_forty_pages_of_proceedings_flow_without_a_word_lost(tmp_path):
    items = [MinutesItem(f"Nội dung thứ {k}", "\n".join(PROCEEDING.format(n=k * 100 + j) for j in range(30)),
                         f"Ý kiến của đồng chí {NAMES[k % len(NAMES)]}: nhất trí.", (7, 0, 0), "Thông qua.")
             for k in range(1, 13)]
    out = tmp_path / "dai-hoi.pdf"
    pages = render_minutes(HEADER, minutes(items=items, title="Đại hội Công đoàn cơ sở nhiệm kỳ 2026 - 2031"), out)
    assert pages >= 40
    texts = pages_text(out)
    assert len(texts) == pages
    joined = " ".join(" ".join(lines_of(t)) for t in texts)
    for k in range(1, 13):
        for j in range(30):
            assert f"(đoạn {k * 100 + j})" in joined  # every paragraph is there, none cut at a page foot
    for p in range(1, pages):
        assert lines_of(texts[p])[0] == str(p + 1)  # numbered from page 2
        within_margins(out, p)
    assert "THƯ KÝ" in texts[-1] and len(lines_of(texts[-1])) > 8  # the signatures not alone on the last page
    shoot(out, "minutes-long", pages=(1, -1))


def test_decision_with_its_list_and_a_notice(tmp_path):
    out = tmp_path / "quyet-dinh.pdf"
    pages = render_letter(HEADER, decision(), out)
    assert pages == 2
    assert_our_fonts_only(out)
    texts = pages_text(out)
    first = lines_of(texts[0])
    header_checks(first, "12/QĐ-CĐCS")
    joined = " ".join(first)
    for expected in ("QUYẾT ĐỊNH", "Về việc thăm hỏi, trợ cấp đoàn viên (hoàn cảnh khó khăn)",
                     "BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GIÀY DA PHƯỚC BÌNH", "Căn cứ Điều lệ Công đoàn Việt Nam;",
                     "QUYẾT ĐỊNH:", "Điều 1. Thăm hỏi, trợ cấp 3 đoàn viên", "Điều 3. Quyết định có hiệu lực",
                     "TM. BAN CHẤP HÀNH", "CHỦ TỊCH", NAMES[1], "Nơi nhận:", "- Như Điều 3;"):
        assert expected in joined, expected
    annex = lines_of(texts[1])
    assert annex[0] == "2" and "DANH SÁCH ĐOÀN VIÊN ĐƯỢC THĂM HỎI, TRỢ CẤP" in annex
    assert "Kèm theo Quyết định số 12/QĐ-CĐCS ngày 07/03/2026" in " ".join(annex)
    assert any(ln.startswith("Tổng cộng") and ln.endswith("1.500.000") for ln in annex)
    assert "(Số tiền bằng chữ: Một triệu năm trăm nghìn đồng)" in annex
    for p in range(pages):
        within_margins(out, p)
        assert overlaps(out, p) == []
    shoot(out, "decision", pages=(0, 1))

    notice = tmp_path / "thong-bao.pdf"
    render_letter(HEADER, Letter(kind="tb", number="03/TB-CĐCS", place="Đồng Nai", doc_date=date(2026, 3, 1),
                                 title="Về việc tổ chức gặp mặt nữ đoàn viên nhân ngày 8/3",
                                 paragraphs=["Ban Chấp hành thông báo:", "1. Thời gian: 08/03/2026."],
                                 signer_title="TM. BAN CHẤP HÀNH\nCHỦ TỊCH", signer_name=NAMES[1],
                                 recipients=["Các tổ công đoàn;", "Lưu: VT."]), notice)
    lines = lines_of(pages_text(notice)[0])
    assert "THÔNG BÁO" in lines and "Số: 03/TB-CĐCS" in " ".join(lines) and "Điều 1." not in " ".join(lines)
    shoot(notice, "notice")


def test_attendance_sheet_with_a_column_to_sign(tmp_path):
    lines = [AttendanceLine(i, NAMES[i % len(NAMES)], "Tổ May 1", "Ủy viên Ban Chấp hành",
                            ["Có mặt", "Vắng", "Vắng có phép"][i % 3], "ốm" if i % 3 == 1 else None)
             for i in range(1, 41)]
    out = tmp_path / "diem-danh.pdf"
    pages = render_attendance(HEADER, AttendanceSheet("Họp Ban Chấp hành tháng 3/2026",
                                                      "Ngày 07/03/2026 — Phòng họp tầng 2", lines,
                                                      "Tổng số: 40; có mặt: 14; vắng: 13; vắng có phép: 13"), out)
    assert pages >= 2
    texts = pages_text(out)
    first = " ".join(lines_of(texts[0]))
    assert "DANH SÁCH ĐOÀN VIÊN THAM DỰ" in first and "Họp Ban Chấp hành tháng 3/2026" in first
    assert "Ký tên" in first and "Vắng có phép" in first and "(ốm)" in first
    assert "Ký tên" in texts[1]  # the headings repeat on the next page
    assert "Tổng số: 40; có mặt: 14" in " ".join(lines_of(texts[-1]))
    every = " ".join(" ".join(lines_of(t)) for t in texts)
    assert all(NAMES[i % len(NAMES)] in every for i in range(1, 41))
    # the signature block of the union's other forms (issue 16, item 12)
    last = len(texts) - 1
    board, chair = find_box(out, "TM. BAN CHẤP HÀNH", last), find_box(out, "CHỦ TỊCH", last)
    assert chair[3] <= board[1] + 1 and abs((chair[0] + chair[2]) - (board[0] + board[2])) < 4  # centred under it
    assert "(Ký, họ tên, đóng dấu)" in lines_of(texts[-1])
    shoot(out, "attendance-sheet", pages=(0, -1))


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is installed by dev.sh")
def test_word_export_opens_in_libreoffice_and_looks_like_the_pdf(tmp_path):
    from docx import Document
    m_docx, q_docx = tmp_path / "bien-ban.docx", tmp_path / "quyet-dinh.docx"
    write_minutes_docx(HEADER, minutes(), m_docx)
    write_letter_docx(HEADER, decision(), q_docx)
    doc = Document(str(m_docx))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert [round(x.mm) for x in (sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin)] == [30, 15, 20, 20]
    assert sec.different_first_page_header_footer  # no page number on page 1
    xml = zipfile.ZipFile(m_docx).read("word/header1.xml").decode()
    assert "PAGE" in xml
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size.pt == 14
    # one LibreOffice run for both files: it must open them without complaint
    r = subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(m_docx), str(q_docx)], capture_output=True, text=True, timeout=180,
                       env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    complaints = [ln for ln in (r.stdout + r.stderr).splitlines()
                  if ln.strip() and not ln.startswith("convert ") and "javaldx" not in ln]
    assert complaints == [], complaints
    for name, number in (("bien-ban", "05/BB-CĐCS"), ("quyet-dinh", "12/QĐ-CĐCS")):
        pdf = tmp_path / f"{name}.pdf"
        texts = pages_text(pdf)
        assert page_sizes(pdf)[0] == A4
        first = lines_of(texts[0])
        header_checks(first, number)
        joined = " ".join(" ".join(lines_of(t)) for t in texts)
        assert ("THƯ KÝ" in joined and "CHỦ TỌA" in joined) if name == "bien-ban" else "TM. BAN CHẤP HÀNH" in joined
        assert "Nơi nhận:" in joined
        assert len(texts) == 2 and lines_of(texts[1])[0] == "2"  # as in the PDF: numbered from page 2
        shoot(pdf, f"{name}-docx", pages=(0, 1))
    assert "Cuộc họp kết thúc vào 16 giờ 30 phút" in " ".join(lines_of(" ".join(pages_text(tmp_path / "bien-ban.pdf"))))
    assert Path(tmp_path / "quyet-dinh.pdf").exists()


def test_word_export_keeps_the_names_words_whole(tmp_path):
    """Issue 16, item 12 in Word: the union's and the upper level's names wrap only at
    their spaces, as in the PDF. LibreOffice broke "BÀ RỊA-" / "VŨNG TÀU" at the edge of
    the header's column (this name puts the hyphen there); read back from its PDF."""
    import dataclasses

    from docx import Document

    from desktop.printing.flow import HEADER_SPLIT, text_width
    from desktop.printing.layout import MARGIN_LEFT
    cases = {
        "ba-ria": dataclasses.replace(HEADER, upper_name="Liên đoàn Lao động A Bà Rịa-Vũng Tàu",
                                      unit_name="Công đoàn cơ sở Công ty CP Dệt may-Đầu tư-Thương mại Thành Công"),
        "hcm": dataclasses.replace(HEADER, upper_name="Công đoàn các Khu chế xuất và Công nghiệp Thành phố Hồ Chí Minh",
                                   unit_name="Công đoàn cơ sở Công ty TNHH Thương mại Dịch vụ Xuất nhập khẩu Phước Bình"),
    }
    files = []
    for name, header in cases.items():
        out = tmp_path / f"{name}.docx"
        write_minutes_docx(header, minutes(), out)
        files.append(str(out))
        left = Document(str(out)).tables[0].rows[0].cells[0]
        assert [p.text for p in left.paragraphs if p.text] == [header.upper_name.upper(), header.unit_name.upper()]
    assert zipfile.ZipFile(files[0]).read("word/document.xml").decode().count("<w:noBreakHyphen/>") == 3
    r = subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                       capture_output=True, text=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    x0 = MARGIN_LEFT - 2
    x1 = MARGIN_LEFT + text_width() * HEADER_SPLIT - 1  # the motto begins at the column's edge
    for name, header in cases.items():
        pdf = tmp_path / f"{name}.pdf"
        lines = lines_of(column_text(pdf, x0, x1)[0])
        names = lines[:next(i for i, s in enumerate(lines) if s.startswith("Số:"))]
        words = (header.upper_name + " " + header.unit_name).upper().split()
        assert " ".join(names).split() == words, names  # a word cut at a line's end would be two here
        assert len(names) >= 4
        for line in names:
            assert not line.endswith("-"), names
        shoot(pdf, f"names-{name}-docx")


def test_a_congress_counted_not_named(tmp_path):
    out = tmp_path / "dai-hoi.pdf"
    render_minutes(HEADER, minutes(expected=300, present_count=285, absent=[], title="Đại hội Công đoàn cơ sở",
                                   items=[MinutesItem("Bầu Ban Chấp hành", "Bầu 9 ủy viên.", None, (280, 3, 2))]), out)
    body = " ".join(" ".join(lines_of(t)) for t in pages_text(out))
    assert "Tổng số được triệu tập: 300 người; có mặt: 285 người; vắng mặt: 15 người" in body
    assert "Trong số người có mặt có: Đồng chí" in body  # the presidium named, not the 285
    assert "tán thành 280/285 người có mặt (98,2%); không tán thành 3; không có ý kiến 2." in body
