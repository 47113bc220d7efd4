"""The cash book: opening and closing balances, running balance, amounts carried from
page to page, voided documents kept but moving no money."""

from datetime import date, timedelta

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.cash_book import render_cash_book
from desktop.printing.data import CashBook, CashBookLine
from desktop.printing.layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_W, faces
from tests.desktop.printing.pdfcheck import (
    HEADER,
    NAMES,
    amounts,
    assert_our_fonts_only,
    char_boxes,
    column_text,
    find_box,
    lines_of,
    overlaps,
    pages_text,
    shoot,
    text_bounds,
)

OPENING = 5_000_000


def make_book(n: int) -> CashBook:
    lines = []
    balance = OPENING
    total_in = total_out = 0
    d = date(2026, 1, 2)
    n_in = n_out = 0
    for i in range(n):
        d += timedelta(days=i % 2)
        voided = i % 11 == 6
        name = NAMES[i % len(NAMES)]
        if i % 4 == 3:
            n_out += 1
            amount = 300_000 + 10_000 * (i % 7)
            if not voided:
                balance -= amount
                total_out += amount
            lines.append(CashBookLine(d, None, f"C01/{n_out:03d}",
                                      f"Chi thăm hỏi đoàn viên {name} ốm đau nằm viện",
                                      0, 0 if voided else amount, balance, voided))
        else:
            n_in += 1
            amount = 120_000 + 1_000 * (i % 9)
            if not voided:
                balance += amount
                total_in += amount
            reason = f"Thu đoàn phí tháng 01/2026 của {name}"
            if i % 10 == 0:
                reason += " và các tháng còn nợ năm 2025 theo thông báo của Ban Chấp hành"
            lines.append(CashBookLine(d, f"Q01/{n_in:03d}", None, reason,
                                      0 if voided else amount, 0, balance, voided))
    return CashBook("quý I/2026", OPENING, lines, total_in, total_out, balance)


def only(lines: list[str], prefix: str) -> str:
    found = [s for s in lines if s.startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return found[0]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_short_book_on_one_page(tmp_path):
    book = make_book(8)
    path = tmp_path / "book.pdf"
    assert render_cash_book(HEADER, book, path) == 1
    text = pages_text(path)[0]
    lines = lines_of(text)
    for s in ["SỔ QUỸ TIỀN MẶT", "Quý I/2026", "Đơn vị tính: đồng", "Số dư đầu kỳ 5.000.000",
              "THỦ QUỸ", "KẾ TOÁN", "TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "(Ký, họ tên, đóng dấu)"]:
        assert s in lines, s
    body = flat(text)
    assert "Ngày Số phiếu thu Số phiếu chi Diễn giải Thu Chi Tồn" in body
    # Each row: date, number, the reason wrapped in its column, the amount, the balance.
    assert (f"02/01/2026 Q01/001 Thu đoàn phí tháng 01/2026 của {NAMES[0]} và các tháng còn nợ "
            "năm 2025 theo thông báo của Ban Chấp hành 120.000 5.120.000") in body
    assert (f"04/01/2026 C01/001 Chi thăm hỏi đoàn viên {NAMES[3]} ốm đau nằm viện "
            "330.000 5.033.000") in body
    # Row 7 is voided: kept, marked, zero, the balance unchanged.
    assert book.lines[6].voided
    assert (f"05/01/2026 Q01/006 Thu đoàn phí tháng 01/2026 của {NAMES[6]} (đã hủy) 0 "
            "5.282.000") in body
    assert only(lines, "Cộng phát sinh") == f"Cộng phát sinh {money(book.total_in)} {money(book.total_out)}"
    assert only(lines, "Số dư cuối kỳ") == f"Số dư cuối kỳ {money(book.closing)}"
    assert "Trương Thị Thu Hường Huỳnh Thị Mỹ Dung Đặng Quốc Việt" in body
    assert not any(s.startswith("Trang ") for s in lines)
    shoot(path, "cash-book-short")


def money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_a_long_book_carries_its_figures_from_page_to_page(tmp_path):
    book = make_book(150)
    path = tmp_path / "long.pdf"
    pages = render_cash_book(HEADER, book, path)
    shoot(path, "cash-book", pages=(0, -1))
    texts = pages_text(path)
    assert pages == len(texts) >= 4
    carried = []
    for i, t in enumerate(texts):
        lines = lines_of(t)
        assert f"Trang {i + 1}/{pages}" in lines
        assert "Ngày Số phiếu thu Số phiếu chi Diễn giải Thu Chi Tồn" in flat(t)
        if i == 0:
            assert only(lines, "Số dư đầu kỳ") == "Số dư đầu kỳ 5.000.000"
        else:
            assert amounts(only(lines, "Số trang trước chuyển sang")) == carried[-1]
            assert "Công đoàn cơ sở Công ty TNHH Giày Da Phước Bình" in lines[0]
        if i < pages - 1:
            carried.append(amounts(only(lines, "Cộng chuyển sang trang sau")))
            assert "Cộng phát sinh" not in t
    # What is carried is the income and the spending up to the page's last row and the
    # balance after it; each page carries more than the one before.
    prefix = [(0, 0)]
    for ln in book.lines:
        prefix.append((prefix[-1][0] + ln.amount_in, prefix[-1][1] + ln.amount_out))
    last_k = 0
    for in_so_far, out_so_far, bal in carried:
        k = prefix.index((in_so_far, out_so_far), last_k + 1)
        assert book.lines[k - 1].balance == bal == OPENING + in_so_far - out_so_far
        last_k = k
    last = lines_of(texts[-1])
    assert only(last, "Cộng phát sinh") == f"Cộng phát sinh {money(book.total_in)} {money(book.total_out)}"
    assert only(last, "Số dư cuối kỳ") == f"Số dư cuối kỳ {money(book.closing)}"
    assert book.closing == OPENING + book.total_in - book.total_out
    assert sum(" ".join(t.split()).count("(đã hủy)") for t in texts) == sum(l.voided for l in book.lines)
    for page in (0, pages - 1):
        assert overlaps(path, page) == []
        left, _, right, _ = text_bounds(path, page)
        assert left >= MARGIN_LEFT - 1 and right <= PAGE_W - MARGIN_RIGHT + 1
    assert_our_fonts_only(path)


def test_large_sums_get_room_in_the_figure_columns(tmp_path):
    """A large union's quarter: billions in and out; the figures are drawn whole, at
    their natural width, inside the page."""
    lines = [CashBookLine(date(2026, 1, 5), "Q01/001", None, "Thu đoàn phí quý I/2026 (chuyển khoản)",
                          6_624_683_588, 0, 7_624_683_588, False),
             CashBookLine(date(2026, 1, 9), None, "C01/001", "Nộp kinh phí, đoàn phí về công đoàn cấp trên",
                          0, 1_987_405_076, 5_637_278_512, False)]
    book = CashBook("quý I/2026", 1_000_000_000, lines, 6_624_683_588, 1_987_405_076, 5_637_278_512)
    path = tmp_path / "big.pdf"
    render_cash_book(HEADER, book, path)
    text = lines_of(pages_text(path)[0])
    assert only(text, "Cộng phát sinh") == "Cộng phát sinh 6.624.683.588 1.987.405.076"
    assert only(text, "Số dư cuối kỳ") == "Số dư cuối kỳ 5.637.278.512"
    assert overlaps(path) == []
    assert text_bounds(path)[2] <= PAGE_W - MARGIN_RIGHT + 1
    boxes = char_boxes(path)
    chars = "".join(ch for _, ch, _ in boxes)
    i = chars.rindex("6.624.683.588")
    drawn = boxes[i + 12][2][2] - boxes[i][2][0]
    assert drawn == pytest.approx(stringWidth("6.624.683.588", faces().bold, 10.5), abs=1.5)


def test_receipt_numbers_as_on_screen_in_the_body_font_and_a_wide_description(ctx, tmp_path):
    """Issue 16, item 11: a document's number printed as the screen shows it (book/number),
    whole on one line and as large as the text beside it; Diễn giải takes the room the
    figures leave, so that a usual reason fits in one or two lines."""
    from desktop.services.cash.service import CashService
    from desktop.services.demo.service import make_demo
    from desktop.services.documents.service import Documents
    make_demo(ctx, 5)
    cash = CashService(ctx)
    reason = "Nhận kinh phí công đoàn 2% quý I năm 2026 do Công ty TNHH Giày Da Phước Bình chuyển"
    docs = [cash.record(kind="thu", category="kinh_phi", doc_date=date(2026, 3, 2), person_name="Công ty",
                        reason=reason, amount=48_000_000),
            cash.record(kind="chi", category="tham_hoi", doc_date=date(2026, 3, 3), person_name="Phạm Ưng Ửng",
                        reason="Chi thăm hỏi đoàn viên ốm đau", amount=500_000)]
    path = tmp_path / "so-quy.pdf"
    Documents(ctx).cash_book(date(2026, 3, 1), date(2026, 3, 31), path)
    shoot(path, "cash-book-from-the-file")
    text = pages_text(path)[0]
    lines = lines_of(text)
    body = find_box(path, "03/03/2026")
    height = body[3] - body[1]
    for doc in docs:  # "T2026-…/0001" as on the Thu chi page: whole, in the body's size, not squeezed
        book = find_box(path, doc.book_code + "/")
        assert abs((book[3] - book[1]) - height) < 1.5
        assert book[2] - book[0] > 0.97 * stringWidth(doc.book_code + "/", faces().regular, 10.5)
        column = column_text(path, book[0] - 2, book[2] + 2)[0]
        assert doc.ref in "".join(column.split())
    assert sum(1 for s in lines if "Chi thăm hỏi" in s or "ốm đau" in s) <= 2  # one or two lines
    assert overlaps(path) == []
