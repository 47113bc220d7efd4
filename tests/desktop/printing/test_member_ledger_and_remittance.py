"""A member's dues ledger and the remittance statement to the upper level."""

from desktop.printing.data import LedgerLine, MemberLedger, RemittanceStatement
from desktop.printing.member_ledger import render_member_ledger
from desktop.printing.remittance import render_remittance
from tests.desktop.printing.pdfcheck import (
    HEADER,
    assert_our_fonts_only,
    find_box,
    lines_of,
    overlaps,
    page_sizes,
    pages_text,
    shoot,
)


def flat(text: str) -> str:
    return " ".join(text.split())


def make_ledger(months: int) -> MemberLedger:
    lines = []
    balance = due_sum = paid_sum = 0
    for m in range(months):
        year, month = 2024 + m // 12, m % 12 + 1
        due = 24_800 if (year, month) < (2025, 7) else 12_400   # 1% then 0.5% of 2,480,000
        paid = 0 if m % 7 in (3, 4) else due
        note = ""
        if (year, month) == (2025, 7):
            note = "Mức 0,5% từ 01/07/2025 (QĐ 61/QĐ-TLĐ)"
        if m % 7 == 4:
            note = "Nghỉ ốm dài ngày, chưa nộp"
        balance += due - paid
        due_sum += due
        paid_sum += paid
        lines.append(LedgerLine(f"{month:02d}/{year}", 4_960_000, due, paid,
                                f"Q01/{100 + m}" if paid else "", balance, note))
    first, last = lines[0].month, lines[-1].month
    return MemberLedger("Trương Thị Thu Hường", "12/05/1990", "079190001234", "Tổ May 3 – Xưởng May 2",
                        first, last, lines, due_sum, paid_sum, balance)


def test_member_ledger(tmp_path):
    ledger = make_ledger(15)
    path = tmp_path / "ledger.pdf"
    assert render_member_ledger(HEADER, ledger, path) == 1
    shoot(path, "member-ledger")
    text = pages_text(path)[0]
    lines = lines_of(text)
    for s in ["SỔ THEO DÕI ĐOÀN PHÍ CỦA ĐOÀN VIÊN", "Từ tháng 01/2024 đến tháng 03/2025",
              "Họ và tên: Trương Thị Thu Hường", "Ngày sinh: 12/05/1990",
              "Số định danh cá nhân (CCCD): 079190001234", "Tổ công đoàn: Tổ May 3 – Xưởng May 2",
              "01/2024 4.960.000 24.800 24.800 Q01/100 0",
              "04/2024 4.960.000 24.800 - 24.800",
              f"Số đoàn phí còn nợ đến tháng 03/2025: {ledger.balance:,} đ".replace(",", "."),
              "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "Huỳnh Thị Mỹ Dung"]:
        assert s in lines, s
    total = [s for s in lines if s.startswith("Cộng ")]
    assert total == [f"Cộng {ledger.total_due:,} {ledger.total_paid:,} {ledger.balance:,}".replace(",", ".")]
    assert "Nghỉ ốm dài ngày, chưa nộp" in flat(text)
    assert overlaps(path) == []
    assert_our_fonts_only(path)


def test_member_ledger_over_several_pages_and_the_balance_words(tmp_path):
    ledger = make_ledger(70)
    path = tmp_path / "long.pdf"
    pages = render_member_ledger(HEADER, ledger, path)
    texts = pages_text(path)
    assert pages == len(texts) >= 2
    months = [ln.month for ln in ledger.lines]
    body = flat(" ".join(texts))
    assert all(m in body for m in months)
    for i, t in enumerate(texts, 1):
        assert f"Trang {i}/{pages}" in lines_of(t)
        assert "Tháng Tiền lương/ căn cứ đóng Phải nộp Đã nộp Phiếu thu (quyển/số) Còn nợ Ghi chú" in flat(t)
    settled = MemberLedger("Lương Thế Vinh", "1979", None, None, "01/2026", "03/2026",
                           [LedgerLine("01/2026", None, 12_650, 12_650, "Q01/7", 0, "")],
                           12_650, 12_650, 0)
    p2 = tmp_path / "settled.pdf"
    render_member_ledger(HEADER, settled, p2)
    lines = lines_of(pages_text(p2)[0])
    assert "Năm sinh: 1979" in lines and "Đã nộp đủ đoàn phí đến tháng 03/2026." in lines
    assert not any("CCCD" in s or s.startswith("Tổ công đoàn") for s in lines)
    ahead = MemberLedger("Lương Thế Vinh", "1979", None, None, "01/2026", "03/2026",
                         [LedgerLine("01/2026", None, 12_650, 50_600, "Q01/7", -37_950, "Nộp trước")],
                         12_650, 50_600, -37_950)
    render_member_ledger(HEADER, ahead, p2)
    assert "Số đoàn phí nộp thừa đến tháng 03/2026 (trừ vào kỳ sau): 37.950 đ" in lines_of(pages_text(p2)[0])


STATEMENT = RemittanceStatement(
    period="quý I/2026", collected=3_000_000, standard_part=2_600_000, excess_part=400_000,
    share_percent="30%", remit_amount=780_000, kept_amount=2_220_000,
    amount_words="Bảy trăm tám mươi nghìn đồng", voucher_ref="Ủy nhiệm chi số 15 ngày 05/04/2026",
    rows=[("Tháng 01/2026", 1_000_000, 260_000), ("Tháng 02/2026", 900_000, 240_000),
          ("Tháng 03/2026", 1_100_000, 280_000)])


def test_remittance_statement(tmp_path):
    path = tmp_path / "remit.pdf"
    assert render_remittance(HEADER, STATEMENT, path) == 1
    shoot(path, "remittance")
    text = pages_text(path)[0]
    lines = lines_of(text)
    for s in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Đồng Nai, ngày ….. tháng ….. năm ………",
              "BẢNG KÊ TRÍCH NỘP ĐOÀN PHÍ CÔNG ĐOÀN CẤP TRÊN", "Quý I/2026",
              "Kính gửi: Công đoàn các Khu công nghiệp tỉnh Đồng Nai",
              "1 Tháng 01/2026 1.000.000 260.000", "3 Tháng 03/2026 1.100.000 280.000",
              "Cộng 3.000.000 780.000",
              "1. Tổng số đoàn phí đã thu trong kỳ: 3.000.000 đ",
              "- Đoàn phí theo mức quy định: 2.600.000 đ",
              "- Đoàn phí thu cao hơn mức quy định (công đoàn cơ sở giữ lại 100%): 400.000 đ",
              "2. Số trích nộp công đoàn cấp trên (30% đoàn phí theo mức quy định): 780.000 đ",
              "(Viết bằng chữ: Bảy trăm tám mươi nghìn đồng)",
              "3. Số công đoàn cơ sở được giữ lại: 2.220.000 đ",
              "4. Chứng từ nộp tiền: Ủy nhiệm chi số 15 ngày 05/04/2026",
              "NGƯỜI LẬP BIỂU", "TM. BAN CHẤP HÀNH", "CHỦ TỊCH"]:
        assert s in lines, s
    assert "Huỳnh Thị Mỹ Dung Đặng Quốc Việt" in flat(text)
    assert overlaps(path) == []
    assert_our_fonts_only(path)


def test_an_empty_ledger_still_prints(tmp_path):
    empty = MemberLedger("Lương Thế Vinh", "1979", None, None, "", "", [], 0, 0, 0)
    path = tmp_path / "empty.pdf"
    assert render_member_ledger(HEADER, empty, path) == 1
    lines = lines_of(pages_text(path)[0])
    assert "Cộng 0 0 0" in lines and "Đã nộp đủ đoàn phí." in lines
    assert not any(s.startswith("Từ tháng") for s in lines)


def test_remittance_statement_carries_its_date_and_number(tmp_path):
    """Issue 16, item 12: "Số:" under the union's name at the left, the date at the right
    under the motto, as on an administrative document."""
    from dataclasses import replace
    from datetime import date
    path = tmp_path / "remit.pdf"
    render_remittance(HEADER, replace(STATEMENT, made_on=date(2026, 4, 5), number="07/BK-CĐCS"), path)
    shoot(path, "remittance-dated")
    lines = lines_of(pages_text(path)[0])
    assert "Số: 07/BK-CĐCS" in lines and "Đồng Nai, ngày 05 tháng 04 năm 2026" in lines
    width = page_sizes(path)[0][0]
    number, unit = find_box(path, "Số: 07/BK-CĐCS"), find_box(path, "PHƯỚC BÌNH")
    dated, motto = find_box(path, "ngày 05 tháng 04 năm 2026"), find_box(path, "Độc lập - Tự do - Hạnh phúc")
    assert number[2] < width / 2 and number[3] < unit[1]  # left column, under the union's name
    assert dated[0] > width / 2 and dated[3] < motto[1]  # right column, under the motto
    assert overlaps(path) == []
