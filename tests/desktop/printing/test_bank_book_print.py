"""The bank book (S12-H): the form's head with the account, the opening and closing
lines, the running balance, figures carried from page to page, voided entries kept but
moving no money; and the book printed from the services' entries (issue 14, item 1)."""

from datetime import date, timedelta

from desktop.printing.bank_book import render_bank_book
from desktop.printing.data import BankBook, BankBookLine
from desktop.printing.layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_W
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.documents.service import Documents
from tests.desktop.printing.pdfcheck import (
    HEADER,
    amounts,
    assert_our_fonts_only,
    column_text,
    find_box,
    lines_of,
    overlaps,
    pages_text,
    shoot,
    text_bounds,
)
from tests.desktop.services.dues_helpers import setup_unit

OPENING = 25_000_000


def money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def flat(text: str) -> str:
    return " ".join(text.split())


def only(lines: list[str], prefix: str) -> str:
    found = [s for s in lines if s.startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return found[0]


def make_book(n: int) -> BankBook:
    """Kinh phí credited each week, support paid by transfer, a fee a month, cash
    withdrawn now and then; every ninth entry voided."""
    lines, balance, total_in, total_out = [], OPENING, 0, 0
    d = date(2026, 1, 2)
    for i in range(n):
        d += timedelta(days=i % 2)
        voided = i % 9 == 4
        if i % 3 == 0:
            amount, incoming = 4_800_000 + 1_000 * i, True
            content = "Công ty TNHH Giày Da Phước Bình chuyển kinh phí công đoàn 2% tháng 12/2025"
            ref = f"FT26{i:05d}"
        elif i % 3 == 1:
            amount, incoming = 500_000, False
            content = "Chuyển khoản chi thăm hỏi đoàn viên Phạm Ưng Ửng ốm đau nằm viện"
            ref = f"GBN{i:03d}"
        else:
            amount, incoming = 2_000_000, False
            content = "Rút tiền gửi Vietcombank về quỹ tiền mặt"
            ref = f"T2026-3080/{i:04d}"
        a_in = amount if incoming and not voided else 0
        a_out = amount if not incoming and not voided else 0
        balance += a_in - a_out
        total_in += a_in
        total_out += a_out
        if voided:
            lines.append(BankBookLine(d, ref, content, incoming, 0, 0, balance, True))
        else:
            lines.append(BankBookLine(d, ref, content, incoming, a_in, a_out, balance, False))
    return BankBook("Vietcombank", "0071001234567", "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GIÀY DA PHƯỚC BÌNH",
                    "từ ngày 01/01/2026 đến ngày 31/03/2026", OPENING, lines, total_in, total_out, balance)


def test_a_short_book_on_one_page(tmp_path):
    book = make_book(7)
    path = tmp_path / "s12.pdf"
    assert render_bank_book(HEADER, book, path) == 1
    shoot(path, "bank-book-short")
    text = pages_text(path)[0]
    lines = lines_of(text)
    for s in ["SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC", "Mẫu số S12-H", "Từ ngày 01/01/2026 đến ngày 31/03/2026",
              "Nơi mở tài khoản giao dịch: Vietcombank", "Số hiệu tài khoản tại nơi gửi: 0071001234567",
              "Tên tài khoản: CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GIÀY DA PHƯỚC BÌNH", "Đơn vị tính: đồng",
              f"Số dư đầu kỳ {money(OPENING)}", "NGƯỜI GHI SỔ", "KẾ TOÁN", "TM. BAN CHẤP HÀNH", "CHỦ TỊCH"]:
        assert s in lines, (s, lines)
    body = flat(text)
    assert "Ngày Số hiệu chứng từ Diễn giải Gửi vào Rút ra Còn lại" in body
    assert ("02/01/2026 FT2600000 Công ty TNHH Giày Da Phước Bình chuyển kinh phí công đoàn 2% tháng 12/2025 "
            "4.800.000 29.800.000") in body
    assert "03/01/2026 GBN001 Chuyển khoản chi thăm hỏi đoàn viên Phạm Ưng Ửng ốm đau nằm viện 500.000 29.300.000" \
        in body
    # The fifth entry is voided: kept, marked, 0, the balance unchanged.
    assert book.lines[4].voided
    voided = f"GBN004 Chuyển khoản chi thăm hỏi đoàn viên Phạm Ưng Ửng ốm đau nằm viện (đã hủy) 0 {money(book.lines[3].balance)}"
    assert voided in body
    # Its 0 stands under Rút ra, where the money would have gone out.
    out_column = find_box(path, "Rút ra")
    column = column_text(path, out_column[0] - 2, out_column[2] + 10)[0].split()
    figures = column[column.index("ra") + 1:]
    assert figures[:5] == ["500.000", "2.000.000", "0", "2.000.000", "4.500.000"], figures
    assert only(lines, "Cộng phát sinh") == f"Cộng phát sinh {money(book.total_in)} {money(book.total_out)}"
    assert only(lines, "Số dư cuối kỳ") == f"Số dư cuối kỳ {money(book.closing)}"
    assert "Huỳnh Thị Mỹ Dung Đặng Quốc Việt" in body
    assert overlaps(path) == []
    assert_our_fonts_only(path)


def test_a_long_book_carries_its_figures_from_page_to_page(tmp_path):
    book = make_book(120)
    path = tmp_path / "long.pdf"
    pages = render_bank_book(HEADER, book, path)
    shoot(path, "bank-book", pages=(0, -1))
    texts = pages_text(path)
    assert pages == len(texts) >= 3
    carried = []
    for i, t in enumerate(texts):
        lines = lines_of(t)
        assert f"Trang {i + 1}/{pages}" in lines
        if i == 0:
            assert only(lines, "Số dư đầu kỳ") == f"Số dư đầu kỳ {money(OPENING)}"
        else:
            assert amounts(only(lines, "Số trang trước chuyển sang")) == carried[-1]
        if i < pages - 1:
            carried.append(amounts(only(lines, "Cộng chuyển sang trang sau")))
    for in_so_far, out_so_far, balance in carried:
        assert balance == OPENING + in_so_far - out_so_far
    last = lines_of(texts[-1])
    assert only(last, "Số dư cuối kỳ") == f"Số dư cuối kỳ {money(book.closing)}"
    assert sum(flat(t).count("(đã hủy)") for t in texts) == sum(ln.voided for ln in book.lines)
    for page in (0, pages - 1):
        assert overlaps(path, page) == []
        left, _, right, _ = text_bounds(path, page)
        assert left >= MARGIN_LEFT - 1 and right <= PAGE_W - MARGIN_RIGHT + 1


def test_the_book_of_an_account_printed_from_its_entries(ctx, tmp_path):
    setup_unit(ctx)
    day = date.today() - timedelta(days=20)
    account = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970415", account_number="101870123456", account_name="CONG DOAN CO SO PHU LAM",
        opening_date=day, opening_balance=3_000_000))
    book = BankBookService(ctx)
    book.record(account_id=account.id, kind="credit", entry_date=day, amount=12_000_000, category="kinh_phi",
                content="Nhận kinh phí công đoàn quý I", reference="GBC0015")
    fee = book.record(account_id=account.id, kind="fee", entry_date=day + timedelta(days=1), amount=11_000,
                      content="Phí quản lý tài khoản")
    moved = book.transfer(account_id=account.id, kind="withdrawal", entry_date=day + timedelta(days=2),
                          amount=5_000_000, person_name="Trương Thị Thu Hường")
    book.void(fee.id, "Ngân hàng hoàn phí")
    path = tmp_path / "s12.pdf"
    Documents(ctx).bank_book(account.id, day, date.today(), path)
    shoot(path, "bank-book-from-the-file")
    text = pages_text(path)[0]
    lines, body = lines_of(text), flat(text)
    assert "Nơi mở tài khoản giao dịch: VietinBank" in lines
    assert "Số hiệu tài khoản tại nơi gửi: 101870123456" in lines
    assert f"{day:%d/%m/%Y} GBC0015 Nhận kinh phí công đoàn quý I 12.000.000 15.000.000" in body
    assert "Phí quản lý tài khoản (đã hủy) 0 15.000.000" in body
    # A withdrawal's number is its phiếu thu's, as the cash book shows it (on two lines
    # after the slash when it is wider than its column).
    assert "Rút tiền gửi VietinBank số 101870123456 về quỹ tiền mặt 5.000.000 10.000.000" in body
    assert CashService(ctx).find(moved.cash_doc.id).ref in "".join(body.split())
    assert only(lines, "Số dư cuối kỳ") == "Số dư cuối kỳ 10.000.000"
    assert overlaps(path) == []
