"""Giấy báo Có / Nợ: an entry of the bank book printed with its account pair, its number
(the bank's, or the cash document's for a transfer), the amount in figures and in words,
the signatures; a voided entry with its reason (issue 14, item 6)."""

from datetime import date, timedelta

import pytest

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import ValidationError
from desktop.services.documents.service import Documents
from tests.desktop.printing.pdfcheck import assert_our_fonts_only, lines_of, overlaps, pages_text, shoot
from tests.desktop.services.dues_helpers import setup_unit


def flat(text: str) -> str:
    return " ".join(text.split())


def test_credit_fee_and_transfer_print_as_advices_with_their_accounts(ctx, tmp_path):
    setup_unit(ctx)
    day = date.today() - timedelta(days=10)
    account = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970415", account_number="101870123456", account_name="CONG DOAN CO SO PHU LAM",
        opening_date=day, opening_balance=3_000_000))
    book = BankBookService(ctx)
    credit = book.record(account_id=account.id, kind="credit", entry_date=day, amount=12_500_000,
                         category="kinh_phi", content="Nhận kinh phí công đoàn quý I năm 2026",
                         counterpart="Liên đoàn Lao động quận Tân Phú", reference="GBC0015")
    fee = book.record(account_id=account.id, kind="fee", entry_date=day + timedelta(days=1), amount=11_000,
                      content="Phí quản lý tài khoản")
    moved = book.transfer(account_id=account.id, kind="withdrawal", entry_date=day + timedelta(days=2),
                          amount=5_000_000, person_name="Trương Thị Thu Hường")
    book.void(fee.id, "Ngân hàng hoàn phí")
    entries = [book.entry(credit.id), book.entry(fee.id), book.entry(moved.entry.id)]
    path = tmp_path / "giay-bao.pdf"
    assert Documents(ctx).bank_advices(entries, path) == 3
    shoot(path, "bank-advices", pages=(0, 1, 2))
    pages = pages_text(path)
    assert len(pages) == 3
    first, second, third = (flat(t) for t in pages)
    assert "GIẤY BÁO CÓ" in first and "Số: GBC0015" in first
    assert "Tài khoản: 101870123456" in first and "VietinBank" in first
    assert "Đơn vị, người nộp: Liên đoàn Lao động quận Tân Phú" in first
    assert "Nội dung: Nhận kinh phí công đoàn quý I năm 2026" in first
    assert "Số tiền: 12.500.000 đ" in first
    assert "Mười hai triệu năm trăm nghìn đồng" in first
    assert "Khoản: Kinh phí công đoàn (2%)" in first
    # The pair stored on the entry when it was written, as the bank book keeps it.
    assert f"Nợ: {credit.debit_account}" in first and f"Có: {credit.credit_account}" in first
    assert credit.debit_account == "112"
    assert "NGƯỜI LẬP" in first and "KẾ TOÁN TRƯỞNG" in first and "THỦ TRƯỞNG ĐƠN VỊ" in first
    assert "GIẤY BÁO NỢ" in second and "Lý do hủy: Ngân hàng hoàn phí" in second and "ĐÃ HỦY" in second
    assert "Mười một nghìn đồng" in second
    assert "Đơn vị, người nhận: VietinBank" in second and "Khoản: Phí ngân hàng" in second
    # A withdrawal has no number of the bank's: its phiếu thu's stands for it.
    ref = CashService(ctx).find(moved.cash_doc.id).ref
    assert "GIẤY BÁO NỢ" in third and f"Số: {ref}" in third
    assert "Đơn vị, người nhận: Trương Thị Thu Hường" in third
    for lines in map(lines_of, pages):
        assert any(s.startswith("Ngày") for s in lines)
    assert_our_fonts_only(path)
    assert overlaps(path) == []


def test_nothing_chosen_is_refused(ctx, tmp_path):
    setup_unit(ctx)
    with pytest.raises(ValidationError):
        Documents(ctx).bank_advices([], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
