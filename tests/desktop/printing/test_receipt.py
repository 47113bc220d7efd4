"""Phiếu thu C40-BB and phiếu chi C41-BB: the official fields in their places, wrapping,
voids, A5 and two to an A4 sheet."""

import io
import re
import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from desktop.printing.data import CashDoc
from desktop.printing.fonts import VIETNAMESE_LETTERS
from desktop.printing.receipt import MARGIN_LEFT, MARGIN_RIGHT, render_receipts
from tests.desktop.printing.pdfcheck import (
    HEADER,
    D,
    assert_our_fonts_only,
    lines_of,
    overlaps,
    page_sizes,
    pages_text,
    shoot,
    text_bounds,
)

THU = CashDoc(kind="thu", book="Q01", number=125, doc_date=D, person_name="Nguyễn Thị Ngọc Ánh",
              address="Tổ May 3, Xưởng May 2",
              reason="Nộp đoàn phí công đoàn tháng 01, 02, 03/2026", amount=120_000,
              amount_words="Một trăm hai mươi nghìn đồng", attachments="01",
              debit_account="111", credit_account="3382")
CHI = CashDoc(kind="chi", book="C01", number=18, doc_date=date(2026, 3, 9),
              person_name="Lương Thế Vinh", address="Phòng Hành chính – Nhân sự",
              reason="Chi thăm hỏi đoàn viên Trương Thị Thu Hường (Tổ Cắt 1) ốm đau nằm viện dài "
                     "ngày theo Quyết định số 05/QĐ-CĐCS ngày 08/03/2026 của Ban Chấp hành công "
                     "đoàn cơ sở, kèm giấy ra viện",
              amount=1_500_000, amount_words="Một triệu năm trăm nghìn đồng", attachments="02",
              debit_account="3371", credit_account="111")
VOID = replace(THU, number=126, person_name="Huỳnh Thị Mỹ Dung", address=None, amount=60_000,
               amount_words="Sáu mươi nghìn đồng", attachments=None, debit_account=None,
               credit_account=None, voided=True,
               void_reason="Ghi sai số tiền, đã lập lại phiếu số 127")

A5 = (595.3, 419.5)
A4 = (595.3, 841.9)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_phieu_thu_has_the_fields_of_c40_bb_in_order(tmp_path):
    path = tmp_path / "thu.pdf"
    assert render_receipts(HEADER, [THU], path) == 1
    shoot(path, "receipt-a5-thu")
    assert page_sizes(path) == [A5]
    text = pages_text(path)[0]
    lines = lines_of(text)
    expected = [
        "Mã QHNS: 1123456",
        "Mẫu số C40-BB",
        "PHIẾU THU",
        "Ngày 07 tháng 03 năm 2026",
        "Quyển số: Q01",
        "Số: 0125",
        "Nợ: 111",
        "Có: 3382",
        "Họ và tên người nộp tiền: Nguyễn Thị Ngọc Ánh",
        "Địa chỉ: Tổ May 3, Xưởng May 2",
        "Lý do nộp: Nộp đoàn phí công đoàn tháng 01, 02, 03/2026",
        "Số tiền: 120.000 đ",
        "(Viết bằng chữ): Một trăm hai mươi nghìn đồng",
        "Kèm theo: 01 chứng từ gốc",
    ]
    positions = [lines.index(s) for s in expected]
    assert positions == sorted(positions), "the fields are out of order"
    for s in ["THỦ TRƯỞNG ĐƠN VỊ", "KẾ TOÁN TRƯỞNG", "NGƯỜI LẬP", "NGƯỜI NỘP TIỀN", "THỦ QUỸ",
              "(Ký, họ tên, đóng dấu)",
              "Đặng Quốc Việt", "Huỳnh Thị Mỹ Dung", "Trương Thị Thu Hường",
              "Đã nhận đủ số tiền (viết bằng chữ): Một trăm hai mươi nghìn đồng"]:
        assert s in lines, s
    assert lines.count("(Ký, họ tên)") == 4
    assert lines.count("Ngày 07 tháng 03 năm 2026") == 2   # under the title, over the signatures
    assert lines.count("Nguyễn Thị Ngọc Ánh") == 1          # the payer's name under the signature
    assert "Đơn vị: Công đoàn cơ sở Công ty TNHH Giày Da Phước Bình" in flat(text)
    assert flat(HEADER.circular_c40) in flat(text)
    assert "ĐÃ HỦY" not in text and "C41-BB" not in text and "PHIẾU CHI" not in text
    assert_our_fonts_only(path)


def test_phieu_chi_is_c41_bb_with_the_payee(tmp_path):
    path = tmp_path / "chi.pdf"
    render_receipts(HEADER, [CHI], path)
    shoot(path, "receipt-a5-chi")
    text = pages_text(path)[0]
    lines = lines_of(text)
    for s in ["Mẫu số C41-BB", "PHIẾU CHI", "Ngày 09 tháng 03 năm 2026", "Quyển số: C01", "Số: 0018",
              "Nợ: 3371", "Có: 111", "Họ và tên người nhận tiền: Lương Thế Vinh",
              "Địa chỉ: Phòng Hành chính – Nhân sự", "Số tiền: 1.500.000 đ",
              "(Viết bằng chữ): Một triệu năm trăm nghìn đồng", "Kèm theo: 02 chứng từ gốc",
              "NGƯỜI NHẬN TIỀN", "Lương Thế Vinh"]:
        assert s in lines, s
    # The long reason wraps onto a second line with every word kept.
    assert f"Lý do chi: {CHI.reason}" in flat(text)
    assert not any(s.startswith("Lý do chi:") and s.endswith("giấy ra viện") for s in lines)
    assert "PHIẾU THU" not in text and "NGƯỜI NỘP TIỀN" not in text and "Lý do nộp" not in text


def test_nothing_overlaps_or_crosses_the_margins(tmp_path):
    long = replace(CHI, person_name="Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh Ngọc Bảo Quyên",
                   address="Số 123/45/6 đường Nguyễn Thị Minh Khai, phường Bến Thành, Thành phố Hồ "
                           "Chí Minh, khu phố 3, tổ dân phố 12, gần chợ Bến Thành cũ",
                   reason=CHI.reason + "; đồng thời chi hỗ trợ thêm cho gia đình đoàn viên có hoàn "
                                       "cảnh đặc biệt khó khăn theo đề nghị của tổ công đoàn",
                   amount=1_234_567_890,
                   amount_words="Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám "
                                "trăm chín mươi đồng",
                   attachments="Bảng kê chi tiết, giấy ra viện, biên bản họp Ban Chấp hành")
    for layout, size in (("a5", A5), ("a4x2", A4)):
        path = tmp_path / f"long-{layout}.pdf"
        render_receipts(HEADER, [long, THU], path, layout=layout)
        if layout == "a5":
            shoot(path, "receipt-a5-long-text")
        for page in range(len(page_sizes(path))):
            assert overlaps(path, page) == [], (layout, page)
            left, bottom, right, top = text_bounds(path, page)
            assert left >= MARGIN_LEFT - 1 and right <= size[0] - MARGIN_RIGHT + 1, (layout, page)
            assert bottom > 10 and top < size[1] - 10
        text = flat(pages_text(path)[0])
        for field in (long.person_name, long.address, long.reason, long.amount_words):
            assert field in text


def test_a_voided_receipt_says_so_with_its_reason(tmp_path):
    path = tmp_path / "void.pdf"
    render_receipts(HEADER, [THU, VOID], path)
    shoot(path, "receipt-a5-voided", pages=(1,))
    first, second = pages_text(path)
    assert "ĐÃ HỦY" not in first
    assert "ĐÃ HỦY" in second
    assert "Lý do hủy: Ghi sai số tiền, đã lập lại phiếu số 127" in lines_of(second)
    # still a complete receipt under the stamp, empty fields left to fill by hand
    lines = lines_of(second)
    assert "Số: 0126" in lines and "Số tiền: 60.000 đ" in lines
    assert "Nợ: …………" in lines and "Địa chỉ: …………" in lines
    assert "Kèm theo: ………… chứng từ gốc" in lines


def test_two_receipts_to_an_a4_sheet_take_half_the_pages(tmp_path):
    docs = [replace(THU, number=200 + i, person_name=name) for i, name in enumerate(
        ["Nguyễn Thị Ngọc Ánh", "Đặng Quốc Việt", "Huỳnh Thị Mỹ Dung", "Lương Thế Vinh",
         "Trương Thị Thu Hường"])]
    a5 = tmp_path / "a5.pdf"
    a4 = tmp_path / "a4.pdf"
    assert render_receipts(HEADER, docs, a5, layout="a5") == 5
    assert render_receipts(HEADER, docs + [CHI], a4, layout="a4x2") == 3
    shoot(a4, "receipt-a4x2")
    assert page_sizes(a5) == [A5] * 5
    assert page_sizes(a4) == [A4] * 3
    for i, text in enumerate(pages_text(a5)):
        assert re.findall(r"Số: (\d+)", text) == [f"{200 + i:04d}"]
    sheets = [re.findall(r"Số: (\d+)", t) for t in pages_text(a4)]
    assert sheets == [["0200", "0201"], ["0202", "0203"], ["0204", "0018"]]  # as on screen (issue 16)
    assert "PHIẾU CHI" in pages_text(a4)[2]
    for page in range(3):
        assert overlaps(a4, page) == []
    assert_our_fonts_only(a4)


def test_every_vietnamese_letter_comes_out_intact(tmp_path):
    words = [VIETNAMESE_LETTERS[i:i + 12] for i in range(0, len(VIETNAMESE_LETTERS), 12)]
    doc = replace(THU, person_name=unicodedata.normalize("NFD", "Trương Thị Thu Hường"),
                  reason=unicodedata.normalize("NFD", " ".join(words)),
                  address=unicodedata.normalize("NFD", "Khu phố Ửng Ữ Ỹ, phường Đông Hưng Thuận"))
    buf = io.BytesIO()
    render_receipts(HEADER, [doc], buf)
    path = tmp_path / "letters.pdf"
    path.write_bytes(buf.getvalue())
    text = pages_text(path)[0]
    assert unicodedata.is_normalized("NFC", text)  # drawn composed, not put back together here
    assert "Họ và tên người nộp tiền: Trương Thị Thu Hường" in lines_of(text)
    assert "Địa chỉ: Khu phố Ửng Ữ Ỹ, phường Đông Hưng Thuận" in lines_of(text)
    for w in words:
        assert w in text
    assert set(VIETNAMESE_LETTERS) <= set(text)


def test_bad_calls_are_refused():
    with pytest.raises(ValueError):
        render_receipts(HEADER, [THU], io.BytesIO(), layout="a6")
    with pytest.raises(ValueError):
        render_receipts(HEADER, [], io.BytesIO())
    with pytest.raises(ValueError):
        replace(THU, kind="nop")
