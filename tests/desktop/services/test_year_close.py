"""Closing the fiscal year (issue 14, item 11) through the services on a real SQLite file:
the rules of a close, its fingerprint and totals against the books, the lock on a closed
year's documents (in the services and in the database's own triggers), adjusting
documents in the open year, reopening by the chair with a reason, audited."""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from desktop.models import AuditLog, CashDoc
from desktop.services.bank.book import BankBookService
from desktop.services.bank.totals import money_totals
from desktop.services.cash.service import CashService
from desktop.services.core.closed_years import YearClosedError
from desktop.services.core.errors import ValidationError
from desktop.services.core.permissions import PermissionDeniedError
from desktop.services.dues.service import DuesService
from desktop.services.units.accounts import AccountService
from desktop.services.year import YearCloseError, YearService
from protocol.ledger import year_figures
from tests.desktop.services.year_helpers import money_year

TODAY = date.today()


@pytest.fixture
def year(ctx):
    ids = money_year(ctx, 2025)
    return ctx, ids


def closed(ctx):
    y = YearService(ctx)
    y.close(2024)
    return y, y.close(2025)


def raw(ctx):
    return sqlite3.connect(ctx.db.path)


def test_the_close_records_the_books_figures_and_they_carry_forward(year):
    ctx, _ = year
    y, event = closed(ctx)
    f = event.figures
    assert (f.cash_opening, f.cash_closing, f.bank_opening, f.bank_closing) == (1_300_000, 2_210_000, 5_000_000,
                                                                               6_489_000)
    # Dues 2 × 80.000 đ, other income 450.000 đ, kinh phí 2.000.000 đ; the voided receipt
    # and the withdrawal (cash from the bank) are not income.
    assert (f.income, f.spending) == (2_610_000, 211_000)
    assert f.cash_opening + f.bank_opening + f.income - f.spending == f.cash_closing + f.bank_closing
    end = money_totals(ctx, date(2025, 12, 31))
    assert (end.cash, end.bank) == (f.cash_closing, f.bank_closing)
    # Next year opens with this year's closing: the books run on across the year end.
    nxt = y.figures(2026)
    assert (nxt.cash_opening, nxt.bank_opening) == (f.cash_closing, f.bank_closing)
    assert len(f.fingerprint) == 64 and f.rows == 11
    st = {s.year: s for s in y.status()}
    assert st[2025].closed and st[2025].matches is True and st[2025].last.by_name
    assert st[2024].closed


def test_a_close_is_refused_before_the_year_ends_when_an_earlier_year_is_open_or_twice(year):
    ctx, _ = year
    y = YearService(ctx)
    with pytest.raises(YearCloseError, match=f"Năm {TODAY.year} chưa kết thúc"):
        y.close(TODAY.year)
    with pytest.raises(YearCloseError, match="Năm 2024 còn chứng từ mà chưa khoá sổ"):
        y.close(2025)
    y.close(2024)
    with pytest.raises(YearCloseError, match="Năm 2024 đã khoá sổ ngày"):
        y.close(2024)


def test_a_closed_year_refuses_new_documents_and_voids_in_the_services(year):
    ctx, ids = year
    closed(ctx)
    cash, bank = CashService(ctx), BankBookService(ctx)
    with pytest.raises(YearClosedError, match=r"Năm 2025 đã khoá sổ ngày \d\d/\d\d/\d{4}; lập chứng từ điều chỉnh "
                                              "trong năm đang mở"):
        cash.record(kind="thu", category="thu_khac", doc_date=date(2025, 12, 30), person_name="Ông Bình",
                    reason="Thu muộn", amount=10_000)
    with pytest.raises(YearClosedError, match="Hủy phiếu thu"):
        cash.void(ids["receipt"], "Ghi sai")
    with pytest.raises(YearClosedError, match="Hủy giấy báo có"):
        bank.void(ids["credit"], "Ghi sai")
    with pytest.raises(YearClosedError, match="Năm 2025 đã khoá sổ"):
        bank.record(account_id=ids["account"], kind="fee", entry_date=date(2025, 12, 31), amount=1_000,
                    content="Phí")
    with pytest.raises(YearClosedError, match="Năm 2025 đã khoá sổ"):
        bank.transfer(account_id=ids["account"], kind="deposit", entry_date=date(2025, 12, 31), amount=1_000,
                      person_name="Thủ quỹ")
    with pytest.raises(YearClosedError, match="Năm 2025 đã khoá sổ"):
        DuesService(ctx).pay(ids["member"], ["2025-03"], doc_date=date(2025, 3, 10))
    # Nothing was written by any of them.
    assert YearService(ctx).status()[-1].matches in (True, None)
    assert {s.year: s.matches for s in YearService(ctx).status()}[2025] is True


def test_the_database_refuses_them_too(year):
    ctx, ids = year
    closed(ctx)
    con = raw(ctx)
    with pytest.raises(sqlite3.IntegrityError, match="khoá sổ"):
        con.execute("INSERT INTO cash_doc (id, kind, book_id, book_code, number, doc_date, category, person_name, "
                    "reason, amount, created_at, updated_at) SELECT 'x', kind, book_id, book_code, 999, "
                    "'2025-12-30', category, person_name, reason, 1, created_at, updated_at FROM cash_doc "
                    "WHERE id = ?", (ids["receipt"],))
    with pytest.raises(sqlite3.IntegrityError, match="khoá sổ"):
        # A void dated in the open year of a document of the closed year.
        con.execute("INSERT INTO cash_doc_void (id, doc_id, void_date, reason, created_at, updated_at) "
                    "VALUES ('v', ?, '2026-01-05', 'x', '2026-01-05', '2026-01-05')", (ids["receipt"],))
    with pytest.raises(sqlite3.IntegrityError, match="khoá sổ"):
        con.execute("INSERT INTO bank_entry_void (id, entry_id, void_date, reason, created_at, updated_at) "
                    "VALUES ('v', ?, '2026-01-05', 'x', '2026-01-05', '2026-01-05')", (ids["credit"],))
    with pytest.raises(sqlite3.IntegrityError, match="khoá sổ"):
        con.execute("INSERT INTO dues_payment (id, doc_id, member_id, month, amount, created_at, updated_at) "
                    "VALUES ('p', ?, ?, '2025-05-01', 1, '2026-01-05', '2026-01-05')", (ids["dues"], ids["member"]))
    with pytest.raises(sqlite3.IntegrityError, match="không được sửa hay xóa"):
        con.execute("UPDATE year_close SET reason = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="không được sửa hay xóa"):
        con.execute("DELETE FROM year_close")
    con.rollback()
    # A row another PC wrote before the close, arriving by the sync after it: the pull
    # applies it (the server decided), and this PC's ledger then no longer gives the
    # close's fingerprint, which the status says.
    con.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
    con.execute("INSERT INTO cash_doc (id, kind, book_id, book_code, number, doc_date, category, person_name, "
                "reason, amount, created_at, updated_at) SELECT 'late', kind, book_id, book_code, 999, "
                "'2025-12-30', category, person_name, reason, 1, created_at, updated_at FROM cash_doc "
                "WHERE id = ?", (ids["receipt"],))
    con.execute("UPDATE sync_state SET applying = 0 WHERE id = 1")
    con.commit()
    con.close()
    assert {s.year: s.matches for s in YearService(ctx).status()}[2025] is False


def test_an_adjusting_document_in_the_open_year_names_what_it_corrects(year):
    ctx, ids = year
    closed(ctx)
    cash = CashService(ctx)
    old = cash.find(ids["receipt"])
    adj = cash.record(kind="chi", category="chi_khac", doc_date=TODAY, person_name="Ông Bình",
                      reason="Điều chỉnh giảm thu thanh lý năm 2025", amount=50_000, corrects=old.ref)
    with ctx.read() as s:
        assert s.get(CashDoc, adj.id).corrects_id == old.id
    entry = BankBookService(ctx).record(account_id=ids["account"], kind="debit", entry_date=TODAY, amount=100_000,
                                        content="Điều chỉnh kinh phí năm 2025", category="chi_khac",
                                        corrects_id=ids["credit"])
    assert entry.id
    # Only a closed year's documents are adjusted; an open year's are voided and written again.
    mine = cash.record(kind="thu", category="thu_khac", doc_date=TODAY, person_name="A", reason="Thu", amount=1_000)
    with pytest.raises(ValidationError, match=r"Chứng từ được điều chỉnh: .* chưa khoá sổ"):
        cash.record(kind="thu", category="thu_khac", doc_date=TODAY, person_name="A", reason="Sửa", amount=1_000,
                    corrects=mine.id)
    with pytest.raises(ValidationError, match="Chứng từ được điều chỉnh: không tìm thấy chứng từ"):
        cash.record(kind="thu", category="thu_khac", doc_date=TODAY, person_name="A", reason="Sửa", amount=1_000,
                    corrects="0190f000-0000-7000-8000-000000000000")
    # The closed year's ledger is untouched by its corrections.
    assert {s.year: s.matches for s in YearService(ctx).status()}[2025] is True


def test_reopening_is_the_chairs_with_a_reason_audited_and_then_allows_writing(year):
    ctx, ids = year
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    accounts.login("hong", "matkhau1")
    accounts.add("binh", "matkhau2", "accountant", "Trần Văn Bình")
    y, _ = closed(ctx)
    with pytest.raises(YearCloseError, match="mở lại sổ năm 2025 trước"):
        y.reopen(2024, "Sửa số liệu năm 2024")
    accounts.login("binh", "matkhau2")
    with pytest.raises(PermissionDeniedError, match="khoá sổ hay mở lại sổ"):
        y.reopen(2025, "Sửa sai")
    with pytest.raises(PermissionDeniedError):
        y.close(2025)
    accounts.login("hong", "matkhau1")
    with pytest.raises(ValidationError, match="lý do"):
        y.reopen(2025, "  ")
    event = y.reopen(2025, "Cấp trên yêu cầu sửa quyết toán")
    assert (event.event, event.reason, event.by_name) == ("reopen", "Cấp trên yêu cầu sửa quyết toán",
                                                         "Nguyễn Thị Hồng")
    assert not y.is_closed(2025) and y.is_closed(2024)
    with ctx.read() as s:
        trail = s.scalars(select(AuditLog).where(AuditLog.tbl == "year_close", AuditLog.row_id == event.id)).all()
    assert [(a.action, a.user_name, a.label) for a in trail] == [("insert", "hong", "Năm 2025")]
    from desktop.services.audit.log import AuditQuery, AuditService
    rows = AuditService(ctx).page(AuditQuery(tbl="year_close"))
    assert {(r.table_label, r.label) for r in rows} == {("Khoá sổ, mở lại sổ năm", "Năm 2025"),
                                                       ("Khoá sổ, mở lại sổ năm", "Năm 2024")}
    CashService(ctx).void(ids["receipt"], "Ghi sai số tiền", date(2025, 12, 31))
    # Closed again: a new close event with the new figures; the history keeps all three.
    again = y.close(2025)
    assert again.figures.income == 2_610_000 - 450_000
    assert [e.event for e in y.events(2025)] == ["close", "reopen", "close"]


def test_the_figures_are_the_protocols_on_the_rows_as_stored(year):
    """The fingerprint is made from the rows as they are stored and travel (dates as text)."""
    ctx, _ = year
    from desktop.services.year import ledger_rows
    with ctx.read() as s:
        rows = ledger_rows(s, 2025)
    assert all(isinstance(r["doc_date"], str) for r in rows["cash_doc"])
    assert year_figures(2025, rows) == YearService(ctx).figures(2025)
    changed = [dict(r) for r in rows["cash_doc"]]
    changed[-1]["amount"] += 1
    assert year_figures(2025, {**rows, "cash_doc": changed}).fingerprint != YearService(ctx).figures(2025).fingerprint


def test_the_adjusting_document_prints_what_it_corrects(year, tmp_path):
    from desktop.services.documents.service import Documents
    from tests.desktop.printing.pdfcheck import pages_text

    ctx, ids = year
    closed(ctx)
    cash = CashService(ctx)
    old = cash.find(ids["voucher"])
    adj = cash.record(kind="thu", category="thu_khac", doc_date=TODAY, person_name="Chị Hoa",
                      reason="Hoàn lại tiền thăm hỏi chi thừa năm 2025", amount=50_000, corrects=old.ref)
    out = tmp_path / "adj.pdf"
    Documents(ctx).receipts([adj], out)
    text = " ".join(pages_text(out)[0].split())
    assert f"Điều chỉnh cho: Phiếu chi quyển số {old.book_label} số {old.number_text} ngày 02/04/2025" in text


def test_the_settlement_of_a_closed_year_names_its_close(year):
    from desktop.services.reports import service as reports

    ctx, _ = year
    before = reports.build(ctx, "settlement", date(2025, 1, 1), date(2025, 12, 31))
    assert "khoá sổ" not in before.period
    _, event = closed(ctx)
    r = reports.build(ctx, "settlement", date(2025, 1, 1), date(2025, 12, 31))
    assert r.period.startswith("năm 2025 — đã khoá sổ ngày") and event.figures.fingerprint[:16] in r.period
