"""The personal data the union keeps about one member, printed for them (law 91/2025/QH15:
a data subject may ask for their data). A4 portrait in the union document format: the
header, a title, one ruled table per part (fields, status history, dues, receipts,
activities), the chair's signature. Empty parts say so instead of an empty table."""

from __future__ import annotations

from desktop.printing.data import PersonalDataSheet, UnitHeader
from desktop.printing.flow import Block, Col, DocHeader, Rule, Sign, Signatures, TableBlock, para, render_blocks
from desktop.printing.layout import nfc, place_date

TITLE = "DỮ LIỆU CÁ NHÂN CỦA ĐOÀN VIÊN"


def build_personal_data(header: UnitHeader, sheet: PersonalDataSheet) -> list[Block]:
    blocks: list[Block] = [
        DocHeader(header, "", place_date(header.place, sheet.made_on)),
        para(TITLE, bold=True, align="C", space_before=18, space_after=0, keep_with_next=True),
        para(f"Đoàn viên: {nfc(sheet.subject)}", bold=True, align="C", space_after=2, keep_with_next=True),
        Rule(),
        para(f"{nfc(header.unit_name)} cung cấp toàn bộ dữ liệu cá nhân đang lưu giữ về đoàn viên, theo Luật "
             "Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15). Dữ liệu chỉ dùng cho việc quản lý đoàn viên và "
             "thu đoàn phí.", italic=True, size=13, space_after=8),
    ]
    for i, sec in enumerate(sheet.sections, 1):
        blocks.append(para(f"{i}. {nfc(sec.title)}", bold=True, space_before=6, space_after=2, keep_with_next=True))
        if not sec.rows:
            blocks.append(para("(Không có.)", italic=True, size=13, left_indent=12))
            continue
        n = len(sec.headers)
        shares = sec.shares or tuple(1 / n for _ in range(n))
        blocks.append(TableBlock(tuple(Col(nfc(h), share) for h, share in zip(sec.headers, shares)),
                                 tuple(tuple(nfc(v) for v in row) for row in sec.rows),
                                 size=11 if n > 3 else 12, space_before=2))
    blocks.append(Signatures((Sign("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", header.chair_name),)))
    return blocks


def render_personal_data(header: UnitHeader, sheet: PersonalDataSheet, out) -> int:
    """The member's data to a PDF (`out`: a path or a binary file). Returns the pages."""
    return render_blocks(build_personal_data(header, sheet), out, f"Dữ liệu cá nhân — {nfc(sheet.subject)}")
