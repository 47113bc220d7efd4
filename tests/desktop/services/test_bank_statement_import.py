"""A bank statement brought into the bank book (issue 14, items 2, 3 and 5): statements in
the header layouts of DOMAIN.md (made here), the preview's matches (dues by reference,
kinh phí from the upper level, CCCD and name, two members, bad references), confirming in
one transaction, re-import and overlapping statements without doubles, the closing
balance against the book, and dues paid by transfer counted by the dues service, the
arrears, the reports and the member's ledger, while the cash book stays untouched."""

from __future__ import annotations

import zlib
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.models import BankEntry, CashDoc, DuesPayment, Unit
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.bank.reference import make_reference
from desktop.services.bank.statement import StatementFileError
from desktop.services.bank.statement_import import (
    DUES,
    FEE,
    IMPORTED,
    INCOME_KIND,
    NEW,
    PROBLEM,
    SPENDING_KIND,
    Choice,
    StatementImportError,
    StatementImportService,
)
from desktop.services.cash.service import CashService
from desktop.services.dues import DuesService, PaymentError, members_behind, month_index
from desktop.services.dues.remittance import RemittanceService
from desktop.services.reports.service import dues_report
from tests.desktop.services.dues_helpers import add_member, setup_unit

OPENED = date(2026, 1, 1)
MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


@pytest.fixture
def unit(ctx):
    setup_unit(ctx)
    return ctx


@pytest.fixture
def account(unit):
    return BankAccountService(unit).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0011001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=OPENED, opening_balance=1_000_000)).id


def unit_id(ctx):
    with ctx.read() as s:
        return s.scalar(select(Unit.id))


def ref(ctx, member_id, first=MARCH, last=MARCH):
    return make_reference(unit_id(ctx), member_id, first, last)


def monthly(ctx, member_id, month=MARCH):
    return DuesService(ctx).due(member_id, month).total


def xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def vcb(path, lines, opening=1_000_000, closing=None):
    """Vietcombank's layout: a title block, balances, debit and credit in two columns."""
    net = sum(c - d for _, c, d, _ in lines)
    return xlsx(path, [
        ["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"],
        ["Số tài khoản/Account number: 0011001234567"],
        ["Số dư đầu kỳ/ Opening balance :", None, opening],
        ["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"],
        # The bank's own reference of a line stays the same in every statement that holds it.
        *[[day, f"FT{zlib.crc32(text.encode())}", debit or None, credit or None, text]
          for day, credit, debit, text in lines],
        ["Số dư cuối kỳ/ Closing balance :", None, opening + net if closing is None else closing],
    ])


def count(ctx, model):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def by_row(preview):
    return {p.row: p for p in preview.lines}


def test_dues_by_reference_kinh_phi_and_the_rest(unit, account, tmp_path):
    lan = add_member(unit, "Nguyễn Thị Lan", id_number="079190001234")
    hoa = add_member(unit, "Trần Thị Hoa")
    due = monthly(unit, lan)
    path = vcb(tmp_path / "vcb.xlsx", [
        (datetime(2026, 3, 2, 9, 15), 2 * due, 0, f"MBVCB.4530998360.{ref(unit, lan, MARCH, APRIL)}.CT tu NGUYEN THI LAN"),
        (date(2026, 3, 3), 5_000_000, 0, "LDLD QUAN 6 CHUYEN KINH PHI CONG DOAN QUY I/2026"),
        (date(2026, 3, 4), monthly(unit, hoa, date(2025, 1, 1)), 0, "TRAN THI HOA NOP TIEN"),
        (date(2026, 3, 5), 0, 11_000, "Thu phi SMS Banking"),
        (date(2026, 3, 6), 300_000, 0, "ung ho quy tu thien"),
    ])
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    rows = by_row(preview)
    assert [p.state for p in preview.lines] == [NEW] * 5
    dues = rows[5]
    assert dues.automatic and dues.proposal == Choice(DUES, lan, (month_index(MARCH), month_index(APRIL)))
    assert rows[6].automatic and rows[6].proposal == Choice(INCOME_KIND, category="kinh_phi")
    # By name only: the oldest month Hoa owes (01/2025, the unit tracks from then), for a person to confirm.
    assert not rows[7].automatic and rows[7].proposal == Choice(DUES, hoa, (month_index(date(2025, 1, 1)),))
    assert rows[8].proposal == Choice(FEE) and not rows[8].automatic  # "phí SMS": a fee, for a person to confirm
    assert rows[9].proposal is None
    assert set(preview.automatic()) == {5, 6}
    assert preview.difference == 0

    result = service.confirm(preview, preview.automatic() | {
        7: rows[7].proposal, 8: Choice(SPENDING_KIND, category="hanh_chinh"),
        9: Choice(INCOME_KIND, category="thu_khac")})
    assert [r for r, _ in result.recorded] == [5, 6, 7, 8, 9]
    assert result.difference == 0
    assert result.book_balance == BankBookService(unit).balance(account, date(2026, 3, 6))
    # The transfer paid Lan's March and April: on the bank credit, not on a cash receipt.
    assert count(unit, CashDoc) == 0 and CashService(unit).balance(date(2026, 3, 31)) == 0
    assert DuesService(unit).period("2026-03", "2026-04", member_ids=[lan])[0].owed == 0
    ledger = DuesService(unit).ledger(lan, "2026-03", "2026-04")
    assert [m.paid for m in ledger.months] == [due, due] and ledger.months[0].receipts == ("CK 02/03/2026",)
    with unit.read() as s:
        paid = s.execute(select(DuesPayment.doc_id, DuesPayment.bank_entry_id, DuesPayment.amount)
                         .where(DuesPayment.member_id == lan)).all()
    assert len(paid) == 2 and all(doc is None and entry is not None for doc, entry, _ in paid)


def test_voiding_the_bank_credit_brings_the_arrears_back(unit, account, tmp_path):
    lan = add_member(unit, "Nguyễn Thị Lan")
    due = monthly(unit, lan)
    path = vcb(tmp_path / "vcb.xlsx", [(date(2026, 3, 2), due, 0, f"{ref(unit, lan)} doan phi")])
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    (_, entry_id), = service.confirm(preview, preview.automatic()).recorded
    assert DuesService(unit).period("2026-03", member_ids=[lan])[0].paid == due
    BankBookService(unit).void(entry_id, "Chuyển nhầm")
    assert DuesService(unit).period("2026-03", member_ids=[lan])[0].paid == 0
    assert DuesService(unit).ledger(lan, "2026-03", "2026-03").total_paid == 0
    # Voided, the line may be recorded again from the statement.
    again = service.preview(account, path)
    assert again.lines[0].state == NEW and again.lines[0].automatic


def test_reports_arrears_and_remittance_count_dues_paid_by_transfer(unit, account, tmp_path):
    lan = add_member(unit, "Nguyễn Thị Lan", joined="01/01/2026")
    hoa = add_member(unit, "Trần Thị Hoa", joined="01/01/2026")
    due = monthly(unit, lan)
    months = (date(2026, 1, 1), date(2026, 4, 1))
    path = vcb(tmp_path / "vcb.xlsx", [(date(2026, 3, 2), 4 * due, 0, f"{ref(unit, lan, *months)}")])
    april = month_index(date(2026, 4, 1))
    with unit.read() as s:
        before = {m.member_id for m in members_behind(DuesService(unit), s, april + 2, 3)}
    assert {lan, hoa} <= before
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    service.confirm(preview, preview.automatic())
    report = dues_report(unit, month_index(months[0]), april)
    assert report.collected == 4 * due
    with unit.read() as s:
        after = {m.member_id for m in members_behind(DuesService(unit), s, april + 2, 3)}
    assert lan not in after and hoa in after
    # Collected in March by transfer: the remittance of the quarter counts it.
    plan = RemittanceService(unit).plan("2026-01", "2026-03")
    assert plan.collected == 4 * due


def test_reimport_and_overlapping_statement_record_nothing_twice(unit, account, tmp_path):
    lan = add_member(unit, "Nguyễn Thị Lan")
    due = monthly(unit, lan)
    march = [(date(2026, 3, 2), 5_000_000, 0, "KINH PHI CONG DOAN TU CAP TREN"),
             (date(2026, 3, 20), due, 0, f"{ref(unit, lan)} doan phi")]
    april = [(date(2026, 4, 1), 0, 200_000, "CHI THAM HOI")]
    service = StatementImportService(unit)
    first = service.preview(account, vcb(tmp_path / "march.xlsx", march))
    service.confirm(first, first.automatic())
    assert count(unit, BankEntry) == 2
    again = service.preview(account, vcb(tmp_path / "march.xlsx", march))
    assert [p.state for p in again.lines] == [IMPORTED, IMPORTED] and again.automatic() == {}
    with pytest.raises(StatementImportError, match="đã nhập"):
        service.confirm(again, {5: Choice(INCOME_KIND, category="kinh_phi")})
    # March 20 to April: the shared line is known, only April's is new.
    overlap = service.preview(account, vcb(tmp_path / "overlap.xlsx", march[1:] + april, opening=6_000_000))
    assert [p.state for p in overlap.lines] == [IMPORTED, NEW]
    assert overlap.difference == 0
    service.confirm(overlap, {6: Choice(SPENDING_KIND, category="tham_hoi")})
    assert count(unit, BankEntry) == 3
    # A preview made before another import of the same lines (another window, another PC
    # synced meanwhile) skips them when confirmed.
    stale = service.preview(account, vcb(tmp_path / "may.xlsx", [(date(2026, 4, 2), 10_000, 0, "Tra lai tien gui")]))
    service.confirm(stale, {5: Choice("interest")})
    result = service.confirm(stale, {5: Choice("interest")})
    assert result.recorded == () and result.skipped == (5,)
    assert count(unit, BankEntry) == 4


def test_closing_balance_difference_is_shown(unit, account, tmp_path):
    path = vcb(tmp_path / "vcb.xlsx", [(date(2026, 3, 2), 5_000_000, 0, "KINH PHI CONG DOAN")], closing=6_100_000)
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    assert preview.book_balance == 1_000_000 and preview.difference == 100_000
    result = service.confirm(preview, preview.automatic())
    assert result.book_balance == 6_000_000 and result.difference == 100_000


def test_two_members_one_name_and_bad_references(unit, account, tmp_path):
    a = add_member(unit, "Lê Văn Nam", birth="1980")
    b = add_member(unit, "Lê Văn Nam", birth="1992")
    lan = add_member(unit, "Nguyễn Thị Lan")
    good = ref(unit, lan)
    broken = good[:-1] + ("0" if good[-1] != "0" else "1")
    other_unit = make_reference("another-unit", lan, MARCH, MARCH)
    due = monthly(unit, lan)
    path = vcb(tmp_path / "vcb.xlsx", [
        (date(2026, 3, 2), 80_000, 0, "LE VAN NAM DOAN PHI THANG 3"),
        (date(2026, 3, 3), due, 0, f"{broken} doan phi"),
        (date(2026, 3, 4), due, 0, f"{other_unit} doan phi"),
        (date(2026, 3, 5), due // 2, 0, f"{good} nop mot nua"),
        (date(2026, 3, 6), due, 0, ref(unit, lan, date(2029, 1, 1), date(2029, 1, 1))),
    ])
    preview = StatementImportService(unit).preview(account, path)
    rows = by_row(preview)
    assert rows[5].state == PROBLEM and rows[5].proposal is None
    assert {c for c, _ in rows[5].candidates} == {a, b} and "2 đoàn viên" in rows[5].note
    assert rows[6].state == PROBLEM and "ký tự kiểm tra" in rows[6].note
    assert rows[7].state == PROBLEM and "công đoàn khác" in rows[7].note
    assert rows[8].proposal is None and "thiếu" in rows[8].note
    assert rows[9].proposal is None and "tối đa 12 tháng" in rows[9].note
    assert preview.automatic() == {}
    # A person may still choose one of the two; a wrong amount is refused with the reason.
    with pytest.raises(PaymentError, match="thiếu"):
        StatementImportService(unit).confirm(preview, {8: Choice(DUES, lan, (month_index(MARCH),))})
    assert count(unit, BankEntry) == 0


def test_one_bad_line_writes_nothing(unit, account, tmp_path):
    lan = add_member(unit, "Nguyễn Thị Lan")
    path = vcb(tmp_path / "vcb.xlsx", [(date(2026, 3, 2), 5_000_000, 0, "KINH PHI CONG DOAN"),
                                       (date(2026, 3, 3), 0, 90_000_000, "CHI QUA SO DU")])
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    with pytest.raises(Exception, match="số dư"):
        service.confirm(preview, preview.automatic() | {6: Choice(SPENDING_KIND, category="chi_khac")})
    assert count(unit, BankEntry) == 0 and lan


def test_rows_not_in_the_preview_and_wrong_direction_are_refused(unit, account, tmp_path):
    path = vcb(tmp_path / "vcb.xlsx", [(date(2026, 3, 2), 5_000, 0, "ABC")])
    service = StatementImportService(unit)
    preview = service.preview(account, path)
    with pytest.raises(StatementImportError, match="Dòng 99"):
        service.confirm(preview, {99: Choice(INCOME_KIND, category="thu_khac")})
    with pytest.raises(Exception, match="chiều tiền"):
        service.confirm(preview, {5: Choice(SPENDING_KIND, category="chi_khac")})
    assert count(unit, BankEntry) == 0


def test_statement_of_another_account_is_refused(unit, account, tmp_path):
    path = xlsx(tmp_path / "other.xlsx", [
        ["Số tài khoản: 999888777666"],
        ["Ngày giao dịch", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"],
        ["02/03/2026", None, 5_000, "X"]])
    with pytest.raises(StatementImportError, match="999888777666"):
        StatementImportService(unit).preview(account, path)


@pytest.mark.parametrize("rows", [
    # BIDV: "Dư đầu / Dư cuối" rows, dates with times.
    [["BÁO CÁO CHI TIẾT SỐ DƯ TÀI KHOẢN"], ["STT", "Ngày hiệu lực", "Ghi nợ", "Ghi có", "Mô tả", "Số dư"],
     [None, "Dư đầu", None, None, None, "1.000.000"],
     [1, "02/03/2026 08:01:22", "", "{due}", "{ref} doan phi", ""],
     [None, "Dư cuối", None, None, None, "{closing}"]],
    # VietinBank: "Nợ / Debit", "Có / Credit", the posting date.
    [["Ngày hạch toán", "Ngày phát sinh", "Mô tả giao dịch", "Nợ / Debit", "Có / Credit", "Số giao dịch"],
     ["02/03/2026", "01/03/2026", "CT DEN {ref}", None, "{due}", "TX1"]],
    # MB: "Phát sinh có", decimals with commas, ISO dates.
    [["Ngày hạch toán / Posting date", "Phát sinh nợ", "Phát sinh có", "Số dư", "Nội dung"],
     ["2026-03-02", "0,00", "{due},00", "", "{ref}"]],
    # Techcombank-like: one signed amount, "Diễn giải".
    [["Ngày giao dịch", "Số tiền", "Diễn giải", "Số bút toán"], ["02/03/2026", "+{due}", "{ref} DP", "B1"]],
    # English headers.
    [["Transaction date", "Debit", "Credit", "Description", "Reference"], ["02/03/2026", "", "{due}", "{ref}", "R"]],
], ids=["bidv", "vietinbank", "mb", "signed", "english"])
def test_each_header_layout_matches_dues_by_reference(unit, account, tmp_path, rows):
    lan = add_member(unit, "Nguyễn Thị Lan")
    due = monthly(unit, lan)
    values = {"due": f"{due:,}".replace(",", "."), "ref": ref(unit, lan), "closing": f"{1_000_000 + due:,}"}
    filled = [[c.format(**values) if isinstance(c, str) else c for c in row] for row in rows]
    service = StatementImportService(unit)
    preview = service.preview(account, xlsx(tmp_path / "s.xlsx", filled))
    (line,) = preview.lines
    assert line.state == NEW and line.automatic and line.proposal == Choice(DUES, lan, (month_index(MARCH),))
    service.confirm(preview, preview.automatic())
    assert DuesService(unit).period("2026-03", member_ids=[lan])[0].owed == 0
    assert service.preview(account, tmp_path / "s.xlsx").lines[0].state == IMPORTED


def test_bad_files_give_the_readers_message(unit, account, tmp_path):
    service = StatementImportService(unit)
    unknown = xlsx(tmp_path / "unknown.xlsx", [["Cột A", "Cột B"], ["x", "y"]])
    with pytest.raises(StatementFileError, match="tiêu đề"):
        service.preview(account, unknown)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(Exception) as e:
        service.preview(account, broken)
    assert getattr(e.value, "message", "")
    mixed = xlsx(tmp_path / "mixed.xlsx", [
        ["Ngày giao dịch", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"],
        ["02/03/2026", None, "1.500.000", "KINH PHI CONG DOAN"],
        ["2026-03-03", None, "1,500,000", "KINH PHI CONG DOAN"],
        ["hôm qua", None, "100", "X"]])
    preview = service.preview(account, mixed)
    assert [p.line.credit for p in preview.lines] == [1_500_000, 1_500_000]
    assert any("Dòng 4" in p for p in preview.statement.problems)
