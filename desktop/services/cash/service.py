"""Receipts (phiếu thu) and payment vouchers (phiếu chi): numbering in the device's
book, voids, the cash book with its running balance, other income and spending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import AppSetting, CashDoc, CashDocVoid, DuesPayment, Member, ReceiptBook, Unit
from desktop.services.cash.accounts import CASH, pair_for
from desktop.services.cash.books import book_codes, book_label, number_text

# The kinds live in kinds.py (accounts.py needs them, and this module needs accounts.py);
# named here too, as callers have long imported them from this module.
from desktop.services.cash.kinds import INCOME as INCOME
from desktop.services.cash.kinds import KIND_LABELS as KIND_LABELS
from desktop.services.cash.kinds import SPENDING as SPENDING
from desktop.services.cash.kinds import TRANSFER_KINDS as TRANSFER_KINDS
from desktop.services.cash.kinds import TRANSFERS as TRANSFERS
from desktop.services.core.amount_words import amount_in_words
from desktop.services.core.closed_years import check_open, corrected_document
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError
from desktop.services.core.money import format_money, money_bound_problem
from desktop.services.core.text import clean


class VoidError(DomainError):
    code = "void"


@dataclass(frozen=True)
class DocInfo:
    id: str
    kind: str
    book_code: str
    number: int
    doc_date: date
    category: str
    person_name: str
    address: str | None
    reason: str
    amount: int
    attachments: str | None
    debit_account: str | None
    credit_account: str | None
    member_id: str | None
    voided: bool
    void_reason: str | None
    void_date: date | None
    # An adjusting document: the closed year's document it corrects (cash_doc or bank_entry id).
    corrects_id: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.book_code}/{self.number_text}"

    @property
    def number_text(self) -> str:
        """The number as the screen shows it and the form prints it."""
        return number_text(self.number)

    @property
    def book_label(self) -> str:
        """The book as the form names it (02/2026), its code staying inside."""
        return book_label(self.book_code)

    @property
    def category_label(self) -> str:
        return (INCOME | SPENDING | TRANSFERS).get(self.category, self.category)


@dataclass(frozen=True)
class CashBookLine:
    doc: DocInfo
    amount_in: int
    amount_out: int
    balance: int


@dataclass(frozen=True)
class CashBookData:
    date_from: date
    date_to: date
    opening: int
    lines: list[CashBookLine]
    total_in: int
    total_out: int
    closing: int


class ReceiptAllocation(NamedTuple):
    """What a receipt paid for: one member's dues of one month."""

    member_id: str
    full_name: str
    month: date
    amount: int


def doc_info(doc: CashDoc, void: CashDocVoid | None = None) -> DocInfo:
    """The document as the services hand it out; `void`: its void, if it has one."""
    return DocInfo(doc.id, doc.kind, doc.book_code, doc.number, doc.doc_date, doc.category, doc.person_name,
                   doc.address, doc.reason, doc.amount, doc.attachments, doc.debit_account, doc.credit_account,
                   doc.member_id, void is not None, void.reason if void else None, void.void_date if void else None,
                   doc.corrects_id)


def words(session: Session, amount: int) -> str:
    unit = session.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
    return amount_in_words(amount, southern_linh=bool(unit and unit.words_linh_le == "lẻ"),
                           southern_nghin=bool(unit and unit.words_nghin_ngan == "ngàn"))


class CashService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- issuing -------------------------------------------------------------------
    def book(self, s: Session, kind: str, year: int) -> ReceiptBook:
        """This device's book of the kind for the year; made on first use."""
        book = s.scalar(select(ReceiptBook).where(
            ReceiptBook.kind == kind, ReceiptBook.year == year, ReceiptBook.owner_device == self.ctx.device_id,
            ReceiptBook.deleted_at.is_(None), ReceiptBook.closed_at.is_(None)))
        if book is None:
            # A code the sync server gave this PC (T2026-02) if it has one in hand; else,
            # before enrolment, one made from this PC's id, registered at the first sync.
            # T… for receipts, C… for vouchers: one printed number never names two documents.
            spare = s.get(AppSetting, f"book_spare:{kind}:{year}")
            code = spare.value if spare else f"{'T' if kind == 'thu' else 'C'}{year}-{self.ctx.device_id[-4:].upper()}"
            if spare:
                s.delete(spare)
            book = ReceiptBook(kind=kind, code=code, year=year, owner_device=self.ctx.device_id, next_number=1,
                               device_id=self.ctx.device_id)
            s.add(book)
            s.flush()
        return book

    def issue(self, s: Session, *, kind: str, category: str, doc_date: date, person_name: str, reason: str,
              amount: int, address: str | None = None, member_id: str | None = None,
              attachments: str | None = None, corrects_id: str | None = None) -> CashDoc:
        """Number and write a document inside the caller's transaction: the number and
        the document are saved together or not at all, so numbers never skip or repeat.
        Refused in a closed year; corrects_id makes it an adjusting document naming the
        closed year's document it corrects."""
        errors = {}
        if kind not in KIND_LABELS:
            raise ValidationError({"kind": "chỉ có phiếu thu hoặc phiếu chi."})
        if category not in (INCOME if kind == "thu" else SPENDING) and TRANSFER_KINDS.get(category) != kind:
            errors["category"] = "không đúng loại thu/chi."
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            errors["amount"] = f"số tiền phải lớn hơn 0 (đang là {amount})."
        elif problem := money_bound_problem(amount, "Số tiền"):
            errors["amount"] = problem
        if doc_date > date.today():
            errors["doc_date"] = "ngày lập phiếu ở trong tương lai."
        if not clean(person_name):
            errors["person_name"] = "cần họ tên người nộp/nhận tiền."
        if not clean(reason):
            errors["reason"] = "cần nội dung thu/chi."
        if errors:
            raise ValidationError(errors)
        check_open(s, doc_date, what=KIND_LABELS[kind])
        if corrects_id is not None:
            corrected_document(s, corrects_id, doc_date)
        if kind == "chi":
            self._check_cash_on_hand(s, doc_date, amount)
        book = self.book(s, kind, doc_date.year)
        number = book.next_number
        book.next_number = number + 1
        # Stored on the document: it keeps the pair it printed if the unit changes it later.
        debit, credit = pair_for(s, category, CASH)
        doc = CashDoc(kind=kind, book_id=book.id, book_code=book.code, number=number, doc_date=doc_date,
                      category=category, person_name=clean(person_name), address=clean(address),
                      member_id=member_id, reason=clean(reason), amount=amount, attachments=clean(attachments),
                      debit_account=debit, credit_account=credit, corrects_id=corrects_id,
                      device_id=self.ctx.device_id)
        s.add(doc)
        s.flush()
        return doc

    def _check_cash_on_hand(self, s: Session, doc_date: date, amount: int) -> None:
        """Cash cannot go below zero: a voucher must be covered on its date and since."""
        unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        start = unit.opening_date if unit and unit.opening_date else date.min
        rows = s.execute(select(CashDoc.doc_date, CashDoc.kind, CashDoc.amount)
                         .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                         .where(CashDocVoid.id.is_(None), CashDoc.doc_date >= start)
                         .order_by(CashDoc.doc_date)).all()
        opening = unit.opening_balance if unit else 0
        running, at_date, lowest_after = opening, opening, None
        for when, kind, value in rows:
            running += value if kind == "thu" else -value
            if when <= doc_date:
                at_date = running
            else:
                lowest_after = running if lowest_after is None else min(lowest_after, running)
        on_hand = at_date if lowest_after is None else min(at_date, lowest_after)
        if amount > on_hand:
            raise ValidationError({"amount": (
                f"tồn quỹ tiền mặt ngày {doc_date:%d/%m/%Y} chỉ còn {format_money(max(on_hand, 0))}, không đủ chi "
                f"{format_money(amount)}. Nếu quỹ có tiền từ trước khi dùng phần mềm, hãy nhập số dư đầu kỳ "
                "trong Cài đặt đơn vị → Đoàn phí và biểu mẫu.")})

    def record(self, *, kind: str, category: str, doc_date: date, person_name: str, reason: str, amount: int,
               address: str | None = None, attachments: str | None = None,
               corrects: str | None = None) -> DocInfo:
        """Other income (kinh phí, allocations…) and spending, each with its document.
        corrects: the closed year's document this one adjusts (its id, or BOOK/NUMBER)."""
        if kind == "thu" and category == "doan_phi":
            raise ValidationError({"category": "đoàn phí được thu theo từng đoàn viên (trang Đoàn phí)."})
        if category in TRANSFERS:
            raise ValidationError({"category": "rút hay nộp tiền gửi được ghi ở sổ tiền gửi, cả hai bên cùng lúc."})
        corrects_id = self._corrected_id(corrects) if corrects else None
        with self.ctx.write() as s:
            doc = self.issue(s, kind=kind, category=category, doc_date=doc_date, person_name=person_name,
                             reason=reason, amount=amount, address=address, attachments=attachments,
                             corrects_id=corrects_id)
            return doc_info(doc)

    def _corrected_id(self, ref: str) -> str:
        """The id of a corrected document named by its id or BOOK/NUMBER (a cash document),
        or by its id (a bank entry: issue() checks that it exists)."""
        try:
            return self.find(ref).id
        except NotFoundError:
            return clean(ref) or ref

    def void(self, doc_id: str, reason: str, void_date: date | None = None) -> DocInfo:
        why = clean(reason)
        if not why:
            raise ValidationError({"reason": "cần ghi lý do hủy phiếu."})
        with self.ctx.write() as s:
            doc = s.get(CashDoc, doc_id)
            if doc is None:
                raise NotFoundError("Không tìm thấy phiếu.")
            if doc.category in TRANSFERS:
                raise VoidError(f"{KIND_LABELS[doc.kind]} số {doc.book_code}/{doc.number:04d} ghi một lần chuyển tiền "
                                "giữa quỹ và tài khoản: hãy hủy ở sổ tiền gửi, cả hai bên cùng lúc.")
            old = s.scalar(select(CashDocVoid).where(CashDocVoid.doc_id == doc_id))
            if old is not None:
                raise VoidError(f"{KIND_LABELS[doc.kind]} số {doc.book_code}/{doc.number:04d} đã hủy ngày "
                                f"{old.void_date:%d/%m/%Y} ({old.reason}).")
            check_open(s, doc.doc_date, void_date or date.today(),
                       what=f"Hủy {KIND_LABELS[doc.kind].lower()} số {doc.book_code}/{doc.number:04d}")
            void = CashDocVoid(doc_id=doc_id, void_date=void_date or date.today(), reason=why,
                               device_id=self.ctx.device_id)
            s.add(void)
            s.flush()
            return doc_info(doc, void)

    # ---- reading -------------------------------------------------------------------
    def find(self, ref: str) -> DocInfo:
        """A document by id, or by "BOOK/NUMBER" as the screen shows it (T2026-02/0001) or
        as the form prints it (02/2026/0001), or by its number alone when only one book has it."""
        with self.ctx.read() as s:
            doc = s.get(CashDoc, ref)
            if doc is None:
                book, _, number = ref.rpartition("/")
                if number.isdigit():
                    stmt = select(CashDoc).where(CashDoc.number == int(number))
                    if book:
                        # The book's code as the screen shows it, or its name as printed (02/2026).
                        stmt = stmt.where(CashDoc.book_code.in_((book, *(book_codes(book) or ()))))
                    found = list(s.scalars(stmt.limit(2)))
                    if len(found) > 1:
                        raise ValidationError({"number": f"số {number} có ở nhiều quyển (phiếu thu và phiếu chi): "
                                                         "ghi dạng MÃ QUYỂN/SỐ như trên màn hình."})
                    doc = found[0] if found else None
            if doc is None:
                raise NotFoundError(f"Không tìm thấy phiếu “{ref}”.")
            return doc_info(doc, s.scalar(select(CashDocVoid).where(CashDocVoid.doc_id == doc.id)))

    def docs(self, *, date_from: date | None = None, date_to: date | None = None, kind: str | None = None,
             member_id: str | None = None, limit: int | None = None) -> list[DocInfo]:
        stmt = select(CashDoc, CashDocVoid).outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
        if date_from:
            stmt = stmt.where(CashDoc.doc_date >= date_from)
        if date_to:
            stmt = stmt.where(CashDoc.doc_date <= date_to)
        if kind:
            stmt = stmt.where(CashDoc.kind == kind)
        if member_id:
            stmt = stmt.where(CashDoc.member_id == member_id)
        stmt = stmt.order_by(CashDoc.doc_date, CashDoc.kind.desc(), CashDoc.book_code, CashDoc.number)
        if limit:
            stmt = stmt.limit(limit)
        with self.ctx.read() as s:
            return [doc_info(d, v) for d, v in s.execute(stmt)]

    def allocations(self, doc_id: str) -> list[ReceiptAllocation]:
        """What a receipt paid for, member by member and month by month."""
        with self.ctx.read() as s:
            rows = s.execute(select(DuesPayment.member_id, Member.full_name, DuesPayment.month, DuesPayment.amount)
                             .join(Member, Member.id == DuesPayment.member_id)
                             .where(DuesPayment.doc_id == doc_id).order_by(Member.sort_key, DuesPayment.month))
            return [ReceiptAllocation(*r) for r in rows]

    def cash_book(self, date_from: date, date_to: date) -> CashBookData:
        with self.ctx.read() as s:
            unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            opening = unit.opening_balance if unit else 0
            start = unit.opening_date if unit and unit.opening_date else date.min
            live = select(CashDoc.kind, func.sum(CashDoc.amount)).outerjoin(
                CashDocVoid, CashDocVoid.doc_id == CashDoc.id).where(
                CashDocVoid.id.is_(None), CashDoc.doc_date < date_from, CashDoc.doc_date >= start
            ).group_by(CashDoc.kind)
            before = dict(s.execute(live).all())
        opening += (before.get("thu") or 0) - (before.get("chi") or 0)
        lines, balance, total_in, total_out = [], opening, 0, 0
        for d in self.docs(date_from=date_from, date_to=date_to):
            amount_in = d.amount if d.kind == "thu" and not d.voided else 0
            amount_out = d.amount if d.kind == "chi" and not d.voided else 0
            balance += amount_in - amount_out
            total_in += amount_in
            total_out += amount_out
            lines.append(CashBookLine(d, amount_in, amount_out, balance))
        return CashBookData(date_from, date_to, opening, lines, total_in, total_out, balance)

    def balance(self, on: date | None = None) -> int:
        on = on or date.today()
        return self.cash_book(on, on).closing


def describe(d: DocInfo) -> str:
    state = " (ĐÃ HỦY)" if d.voided else ""
    return f"{KIND_LABELS[d.kind]} {d.ref} ngày {d.doc_date:%d/%m/%Y}: {format_money(d.amount)} — {d.person_name}{state}"
