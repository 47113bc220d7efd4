"""The papers the books need, from the services' data to the printing layer's forms:
receipts and vouchers, the dues collection sheet, a member's dues ledger, the cash book,
the bank book and the remittance statement."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Literal, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CashDoc, Unit
from desktop.printing import data as p
from desktop.printing import (
    render_cash_book,
    render_collection_sheet,
    render_member_ledger,
    render_receipts,
    render_remittance,
)
from desktop.printing.bank_advice import render_bank_advices
from desktop.printing.bank_book import render_bank_book
from desktop.services.bank.accounts import BankAccountService
from desktop.services.bank.book import BankBookService, EntryInfo
from desktop.services.cash import KIND_LABELS, book_label, number_text
from desktop.services.cash.service import INCOME, SPENDING, CashService, DocInfo, words
from desktop.services.core.closed_years import document_label
from desktop.services.core.context import Context
from desktop.services.core.errors import SetupError, ValidationError
from desktop.services.core.safe_files import write_to
from desktop.services.core.statuses import STATUS_LABELS
from desktop.services.dues.calc import month_label
from desktop.services.dues.remittance import RemittancePlan
from desktop.services.dues.service import DuesService, parse_month
from desktop.services.units.service import DEFAULT_CIRCULAR

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_title(first: int, last: int) -> str:
    """"tháng 03/2026", "quý I/2026" or "từ tháng 01/2026 đến tháng 05/2026"."""
    if first == last:
        return f"tháng {month_label(first)}"
    if last - first == 2 and first % 3 == 0:
        return f"quý {ROMAN[first % 12 // 3 + 1]}/{first // 12}"
    return f"từ tháng {month_label(first)} đến tháng {month_label(last)}"


def _corrected(s: Session, doc_id: str) -> str | None:
    """The closed year's document an adjusting one corrects, as its own form printed it
    (a receipt or voucher by its book's printed name and number) or as the bank book does."""
    doc = s.get(CashDoc, doc_id)
    if doc is not None:
        return (f"{KIND_LABELS[doc.kind]} quyển số {book_label(doc.book_code)} số {number_text(doc.number)} "
                f"ngày {doc.doc_date:%d/%m/%Y}")
    found = document_label(s, doc_id)
    return found[0] if found else None


class Documents:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def header(self) -> p.UnitHeader:
        with self.ctx.read() as s:
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is None:
            raise SetupError("Chưa khởi tạo đơn vị: chưa in được biểu mẫu.")
        return p.UnitHeader(unit_name=u.name, upper_name=u.upper_name, qhns_code=u.qhns_code, address=u.address,
                            place=u.place or "", circular_c40=u.circular_c40 or DEFAULT_CIRCULAR,
                            circular_c41=u.circular_c41 or DEFAULT_CIRCULAR, chair_name=u.chair_name,
                            accountant_name=u.accountant_name, treasurer_name=u.treasurer_name)

    def _cash_doc(self, d: DocInfo, in_words: str, corrects: str | None = None) -> p.CashDoc:
        # The cash service writes only these two kinds; p.CashDoc checks it again.
        return p.CashDoc(kind=cast(Literal["thu", "chi"], d.kind), book=d.book_label, number=d.number,
                         doc_date=d.doc_date, person_name=d.person_name, address=d.address, reason=d.reason, amount=d.amount,
                         amount_words=in_words, attachments=d.attachments, debit_account=d.debit_account,
                         credit_account=d.credit_account, voided=d.voided, void_reason=d.void_reason,
                         corrects=corrects)

    def receipts(self, docs: Iterable[DocInfo], out: Path | str, *, layout: str = "a5",
                 progress: Callable[[int, int], None] | None = None) -> int:
        docs = list(docs)
        if not docs:
            raise ValidationError({"number": "chưa chọn phiếu nào để in."})
        with self.ctx.read() as s:
            printable = []
            for i, d in enumerate(docs):
                corrects = _corrected(s, d.corrects_id) if d.corrects_id else None
                printable.append(self._cash_doc(d, words(s, d.amount), corrects))
                if progress and i % 100 == 0:
                    progress(i, len(docs))
        header = self.header()
        write_to(out, lambda f: render_receipts(header, printable, f, layout=layout))
        return len(printable)

    def collection_sheet(self, first: str | date, last: str | date | None, out: Path | str, *,
                         group_id: str | None = None, group_name: str | None = None) -> int:
        a = parse_month(first)
        b = parse_month(last) if last else a
        lines = DuesService(self.ctx).period(first, last, group_id=group_id)
        rows = [p.CollectionRow(no=i, full_name=l.full_name, birth=l.birth_text, basis_amount=l.basis_amount,
                                due=l.due, arrears=l.arrears, total=max(0, l.due + l.arrears - l.paid), paid=l.paid,
                                status=None if l.status == "active" else STATUS_LABELS.get(l.status, l.status))
                for i, l in enumerate(lines, start=1)]
        header, sheet = self.header(), p.CollectionSheet(period_title(a, b), group_name, rows)
        write_to(out, lambda f: render_collection_sheet(header, sheet, f))
        return len(rows)

    def ledger(self, member_id: str, out: Path | str) -> None:
        led = DuesService(self.ctx).ledger(member_id)
        lines = [p.LedgerLine(month=month_label(m.month), basis_amount=m.due.basis_amount, due=m.due.total,
                              paid=m.paid, receipts=", ".join(m.receipts), balance=m.balance,
                              note=m.due.why_zero or ("gồm thu thêm theo nghị quyết" if m.due.excess else ""))
                 for m in led.months]
        first = month_label(led.months[0].month) if led.months else ""
        last = month_label(led.months[-1].month) if led.months else ""
        header, data = self.header(), p.MemberLedger(
            member_name=led.full_name, birth=led.birth_text, id_number=led.id_number, group_name=led.group_name,
            from_month=first, to_month=last, lines=lines, total_due=led.total_due, total_paid=led.total_paid,
            balance=led.balance)
        write_to(out, lambda f: render_member_ledger(header, data, f))

    def cash_book(self, date_from: date, date_to: date, out: Path | str) -> None:
        book = CashService(self.ctx).cash_book(date_from, date_to)
        # A document's number as the screen and the receipt itself show it (BOOK/NUMBER).
        lines = [p.CashBookLine(doc_date=l.doc.doc_date, number_in=l.doc.ref if l.doc.kind == "thu" else None,
                                number_out=l.doc.ref if l.doc.kind == "chi" else None, reason=l.doc.reason,
                                amount_in=l.amount_in, amount_out=l.amount_out, balance=l.balance,
                                voided=l.doc.voided) for l in book.lines]
        period = f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"
        header, data = self.header(), p.CashBook(period=period, opening=book.opening, lines=lines,
                                                 total_in=book.total_in, total_out=book.total_out,
                                                 closing=book.closing)
        write_to(out, lambda f: render_cash_book(header, data, f))

    def bank_book(self, account_id: str, date_from: date, date_to: date, out: Path | str) -> None:
        """The bank book (S12-H) of one account for a period."""
        account = BankAccountService(self.ctx).get(account_id)
        book = BankBookService(self.ctx).book(account_id, date_from, date_to)
        refs = self._transfer_refs(line.entry for line in book.lines)
        # The advice's number as the bank gave it; a transfer's, the cash document's
        # (its receipt or voucher is the voucher of both sides).
        lines = [p.BankBookLine(entry_date=l.entry.entry_date,
                                reference=l.entry.reference or refs.get(l.entry.cash_doc_id or ""),
                                content=l.entry.content, incoming=l.entry.incoming, amount_in=l.amount_in, amount_out=l.amount_out,
                                balance=l.balance, voided=l.entry.voided) for l in book.lines]
        period = f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"
        header, data = self.header(), p.BankBook(
            institution=account.institution, account_number=account.account_number,
            account_name=account.account_name, period=period, opening=book.opening, lines=lines,
            total_in=book.total_in, total_out=book.total_out, closing=book.closing)
        write_to(out, lambda f: render_bank_book(header, data, f))

    def bank_advices(self, entries: Iterable[EntryInfo], out: Path | str) -> int:
        """Giấy báo Có / Nợ of bank book entries, one A5 page each, with their account pairs."""
        entries = list(entries)
        if not entries:
            raise ValidationError({"entry": "chưa chọn bút toán nào để in."})
        accounts = BankAccountService(self.ctx)
        refs = self._transfer_refs(entries)
        with self.ctx.read() as s:
            in_words = {e.id: words(s, e.amount) for e in entries}
        advices = []
        for e in entries:
            account = accounts.get(e.account_id)
            advices.append(p.BankAdvice(
                incoming=e.incoming,
                # What the money was: its kind of income or spending when it has one
                # ("Kinh phí công đoàn (2%)"), else the entry's own kind ("Phí ngân hàng").
                kind_label=(INCOME | SPENDING).get(e.category or "", e.kind_label),
                reference=e.reference or refs.get(e.cash_doc_id or ""), entry_date=e.entry_date,
                institution=account.institution, account_number=account.account_number,
                account_name=account.account_name,
                # Fees and interest come from the bank itself.
                counterpart=e.counterpart or (account.institution if e.kind in ("fee", "interest") else None),
                content=e.content, amount=e.amount,
                amount_words=in_words[e.id], debit_account=e.debit_account, credit_account=e.credit_account,
                voided=e.voided, void_reason=e.void_reason))
        header = self.header()
        write_to(out, lambda f: render_bank_advices(header, advices, f))
        return len(advices)

    def _transfer_refs(self, entries: Iterable[EntryInfo]) -> dict[str, str]:
        """A transfer with the cash book has no bank number: its cash document's stands for it."""
        ids = [e.cash_doc_id for e in entries if e.cash_doc_id and not e.reference]
        if not ids:
            return {}
        cash = CashService(self.ctx)
        return {i: cash.find(i).ref for i in ids}

    def remittance(self, plan: RemittancePlan, out: Path | str, voucher: DocInfo | None = None) -> None:
        with self.ctx.read() as s:
            in_words = words(s, plan.amount) if plan.amount else "Không đồng"
        rows = [(month_label(m.month), m.collected, m.due) for m in plan.months]
        header, data = self.header(), p.RemittanceStatement(
            period=plan.period_text, collected=plan.collected, standard_part=plan.standard,
            excess_part=plan.excess, share_percent=plan.share_text, remit_amount=plan.amount,
            kept_amount=plan.kept, amount_words=in_words, voucher_ref=voucher.ref if voucher else None,
            rows=rows, made_on=voucher.doc_date if voucher else date.today())
        write_to(out, lambda f: render_remittance(header, data, f))
