"""THÔNG BÁO ĐOÀN PHÍ: the text of the notice, two to a sheet or one a page, and the
printed VietQR code read back from the rendered page to the very payload it was made of."""

from datetime import date

import pypdfium2 as pdfium
import pytest

from desktop.printing.data import DuesNotice, NoticeMonth
from desktop.printing.dues_notice import HALF_PAGE_MONTHS, render_dues_notices
from desktop.services.bank.vietqr import qr_png, vietqr_payload
from tests.desktop.printing.pdfcheck import (
    HEADER,
    assert_our_fonts_only,
    lines_of,
    overlaps,
    page_sizes,
    pages_text,
    shoot,
)

REFERENCE = "CD7K2M4X9QP3T1A8B"
ACCOUNT = "0071001234567"


def notice(months: int, name: str = "Tôn Nữ Hoàng Thị Phương Thảo") -> tuple[DuesNotice, str]:
    rows = [NoticeMonth(f"{m:02d}/2026", 40_000, 40_000 if m == 2 else 0, 0 if m == 2 else 40_000,
                        "Đã nộp tiền mặt" if m == 2 else "") for m in range(1, months + 1)]
    total = sum(r.owed for r in rows)
    payload = vietqr_payload("970436", ACCOUNT, total, REFERENCE)
    return DuesNotice(name, "12/05/1990", "Tổ May 3 – Xưởng May 2", "quý I/2026", rows, total,
                      "Tám mươi nghìn đồng", REFERENCE, qr_png(payload),
                      "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)", ACCOUNT, "CONG DOAN CO SO PHUOC BINH",
                      date(2026, 3, 7)), payload


def test_notice_text(tmp_path):
    n, _ = notice(3)
    path = tmp_path / "notice.pdf"
    assert render_dues_notices(HEADER, [n], path) == 1
    shoot(path, "dues-notice")
    assert_our_fonts_only(path)
    assert overlaps(path) == []
    lines = lines_of(pages_text(path)[0])
    for s in ["THÔNG BÁO ĐOÀN PHÍ", "Quý I/2026", "Kính gửi đoàn viên: Tôn Nữ Hoàng Thị Phương Thảo",
              "Ngày sinh: 12/05/1990; Tổ công đoàn: Tổ May 3 – Xưởng May 2",
              "Đồng Nai, ngày 07 tháng 03 năm 2026",
              "01/2026 40.000 - 40.000", "02/2026 40.000 40.000 0 Đã nộp tiền mặt",
              "Cộng 120.000 40.000 80.000", "Số tiền cần nộp: 80.000 đ", "(Bằng chữ: Tám mươi nghìn đồng)",
              f"Số tài khoản: {ACCOUNT}"]:
        assert s in lines, (s, lines)
    text = " ".join(lines)  # the reference and the bank's name stand on one baseline, side by side
    assert f"Nội dung chuyển khoản (mã thanh toán): {REFERENCE}" in text
    assert "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)" in text
    assert "Chủ tài khoản: CONG DOAN CO SO PHUOC BINH" in text
    assert "Quét mã bằng ứng dụng ngân hàng" in text


def test_two_to_a_sheet_or_one_a_page(tmp_path):
    short = tmp_path / "short.pdf"
    assert render_dues_notices(HEADER, [notice(HALF_PAGE_MONTHS)[0]] * 3, short) == 2
    assert page_sizes(short) == [(595.3, 841.9)] * 2
    assert pages_text(short)[0].count("THÔNG BÁO ĐOÀN PHÍ") == 2
    assert pages_text(short)[1].count("THÔNG BÁO ĐOÀN PHÍ") == 1
    shoot(short, "dues-notice-two-a-sheet")
    long = tmp_path / "long.pdf"
    assert render_dues_notices(HEADER, [notice(3)[0], notice(12, "Lê Thị Ơn")[0]], long) == 2
    shoot(long, "dues-notice-a-year")
    assert overlaps(long, 1) == []
    assert "12/2026 40.000 - 40.000" in lines_of(pages_text(long)[1])
    with pytest.raises(ValueError):
        render_dues_notices(HEADER, [], tmp_path / "none.pdf")


def test_the_printed_code_reads_back_as_the_payload(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    n, payload = notice(3)
    path = tmp_path / "notice.pdf"
    render_dues_notices(HEADER, [n, n], path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        image = pdf[0].render(scale=150 / 72).to_pil()  # a phone photo of the sheet is coarser still
    finally:
        pdf.close()
    found = zxingcpp.read_barcodes(image)
    assert [b.text for b in found] == [payload, payload]  # both notices of the sheet
