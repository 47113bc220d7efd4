"""The bank book (sổ tiền gửi ngân hàng, kho bạc, S12-H): per account, the entries from
bank advices (giấy báo Có: money in; giấy báo Nợ: money out), interest and fees, and the
transfers with the cash book, each one operation that writes both sides together; the
running balance. Entries are never edited or deleted: a mistake is voided with a reason
(the void of a transfer voids its cash receipt or voucher with it) and written again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankAccount, BankEntry, BankEntryVoid, CashDoc, CashDocVoid
from desktop.services.bank.accounts import live_account
from desktop.services.bank.ledger import (
    ENTRY_KINDS,
    IN_KINDS,
    OUT_KINDS,
    TRANSFER_KINDS,
    balance_on,
    lowest_balance_from,
)
from desktop.services.cash import BANK, INCOME, SPENDING, CashService, DocInfo, VoidError, pair_for
from desktop.services.core.closed_years import check_open, corrected_document
from desktop.services.core.context import Context
from desktop.services.core.errors import NotFoundError, ValidationError
from desktop.services.core.money import format_money, money_bound_problem
from desktop.services.core.text import clean

# The kind whose account pair (Nợ / Có) an entry prints, with 112 where cash prints 111
# (desktop/services/cash/accounts.py): a credit's or debit's category, else its kind's.
PAIR_KINDS = {"interest": "lai_tien_gui", "fee": "phi_ngan_hang", "deposit": "nop_ngan_hang",
              "withdrawal": "rut_ngan_hang"}
# The cash document a transfer writes: a withdrawal brings cash in (phiếu thu), a deposit
# takes it out (phiếu chi); their categories are cash.TRANSFERS.
CASH_SIDE = {"withdrawal": ("thu", "rut_ngan_hang"), "deposit": ("chi", "nop_ngan_hang")}
# What money going out of the account does, as a refusal says it is not covered.
OUT_VERBS = {"debit": "chi", "fee": "trả phí", "withdrawal": "rút về quỹ"}


@dataclass(frozen=True)
class EntryInfo:
    id: str
    account_id: str
    kind: str
    entry_date: date
    amount: int
    category: str | None
    content: str
    counterpart: str | None
    reference: str | None
    cash_doc_id: str | None
    debit_account: str | None
    credit_account: str | None
    voided: bool
    void_reason: str | None
    void_date: date | None
    corrects_id: str | None = None  # an adjusting entry: the closed year's document it corrects

    @property
    def kind_label(self) -> str:
        return ENTRY_KINDS[self.kind]

    @property
    def incoming(self) -> bool:
        return self.kind in IN_KINDS


@dataclass(frozen=True)
class TransferInfo:
    entry: EntryInfo
    cash_doc: DocInfo


@dataclass(frozen=True)
class BankBookLine:
    entry: EntryInfo
    amount_in: int  # 0 when voided: a void line is shown, not counted
    amount_out: int
    balance: int


@dataclass(frozen=True)
class BankBookData:
    account_id: str
    date_from: date
    date_to: date
    opening: int
    lines: list[BankBookLine]
    total_in: int
    total_out: int
    closing: int


def _info(e: BankEntry, void: BankEntryVoid | None) -> EntryInfo:
    return EntryInfo(e.id, e.account_id, e.kind, e.entry_date, e.amount, e.category, e.content, e.counterpart,
                     e.reference, e.cash_doc_id, e.debit_account, e.credit_account, void is not None,
                     void.reason if void else None, void.void_date if void else None, e.corrects_id)


def _cash_info(doc: CashDoc) -> DocInfo:
    return DocInfo(doc.id, doc.kind, doc.book_code, doc.number, doc.doc_date, doc.category, doc.person_name,
                   doc.address, doc.reason, doc.amount, doc.attachments, doc.debit_account, doc.credit_account,
                   doc.member_id, False, None, None, doc.corrects_id)


def _amount_problem(amount: object) -> str | None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        return f"Số tiền phải lớn hơn 0 (đang là {amount})."
    return money_bound_problem(amount, "Số tiền")


def _covered(s: Session, account: BankAccount, on: date, amount: int, what: str) -> None:
    """ValidationError unless the account holds amount on that day and every day since."""
    lowest = lowest_balance_from(s, account, on)
    if amount > lowest.amount:
        when = f"ngày {on:%d/%m/%Y}" if lowest.on <= on else f"ngày {lowest.on:%d/%m/%Y} (sau các bút toán đã ghi)"
        raise ValidationError({"amount": (
            f"Số tiền {format_money(amount)} lớn hơn số dư tài khoản {account.institution} {account.account_number} "
            f"{when}: chỉ còn {format_money(max(lowest.amount, 0))}, không đủ {what}.")})


class BankBookService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- writing -------------------------------------------------------------------
    def post(self, s: Session, *, account_id: str, kind: str, entry_date: date, amount: int, content: str,
             category: str | None = None, counterpart: str | None = None,
             reference: str | None = None, fingerprint: str | None = None,
             corrects_id: str | None = None) -> BankEntry:
        """Check and write a bank advice, interest or a fee inside the caller's transaction
        (a statement import writes many in one, each with its statement line's fingerprint).
        A credit's category is a source of cash.INCOME, a debit's an item of cash.SPENDING;
        interest and fees carry none."""
        if kind in TRANSFER_KINDS:
            raise ValidationError({"entry_kind": "Nộp hay rút tiền mặt được ghi bằng chuyển tiền: cả phiếu thu/chi "
                                                 "và sổ tiền gửi cùng lúc."})
        self._check(s, account_id=account_id, kind=kind, entry_date=entry_date, amount=amount, content=content,
                    category=category)
        if corrects_id is not None:
            corrected_document(s, corrects_id, entry_date)
        return self._write(s, account_id=account_id, kind=kind, entry_date=entry_date, amount=amount, content=content,
                           category=category, counterpart=counterpart, reference=reference, fingerprint=fingerprint,
                           corrects_id=corrects_id)

    def _check(self, s: Session, *, account_id: str, kind: str, entry_date: date, amount: int, content: str,
               category: str | None) -> None:
        """ValidationError naming every field that is wrong; money going out must be covered
        on its date and since."""
        errors: dict[str, str] = {}
        if kind not in ENTRY_KINDS:
            raise ValidationError({"entry_kind": "Loại bút toán không đúng: giấy báo Có, giấy báo Nợ, lãi, phí, "
                                                 "nộp hay rút tiền mặt."})
        account = live_account(s, account_id)
        if problem := _amount_problem(amount):
            errors["amount"] = problem
        if entry_date > date.today():
            errors["entry_date"] = f"Ngày ghi sổ {entry_date:%d/%m/%Y} ở trong tương lai."
        elif entry_date < account.opening_date:
            errors["entry_date"] = (f"Ngày ghi sổ {entry_date:%d/%m/%Y} trước ngày số dư đầu kỳ của tài khoản "
                                    f"({account.opening_date:%d/%m/%Y}).")
        if kind in ("credit", "debit"):
            allowed = INCOME if kind == "credit" else SPENDING
            if category not in allowed:
                errors["category"] = "Loại thu/chi: cần chọn nguồn thu (giấy báo Có) hoặc mục chi (giấy báo Nợ)."
        elif category is not None:
            errors["category"] = f"Loại thu/chi: {ENTRY_KINDS[kind].lower()} không mang loại thu/chi."
        if not clean(content):
            errors["content"] = "Nội dung: cần ghi nội dung của giấy báo."
        if errors:
            raise ValidationError(errors)
        check_open(s, entry_date, what=ENTRY_KINDS[kind])
        if kind in OUT_VERBS:
            _covered(s, account, entry_date, amount, OUT_VERBS[kind])

    def _write(self, s: Session, *, account_id: str, kind: str, entry_date: date, amount: int, content: str,
               category: str | None, counterpart: str | None, reference: str | None,
               cash_doc_id: str | None = None, fingerprint: str | None = None,
               corrects_id: str | None = None) -> BankEntry:
        # Stored on the entry: it keeps the pair it printed if the unit changes it later.
        debit, credit = pair_for(s, category or PAIR_KINDS[kind], BANK)
        entry = BankEntry(account_id=account_id, kind=kind, entry_date=entry_date, amount=amount, category=category,
                          content=clean(content), counterpart=clean(counterpart), reference=clean(reference),
                          cash_doc_id=cash_doc_id, debit_account=debit, credit_account=credit,
                          fingerprint=fingerprint, corrects_id=corrects_id, device_id=self.ctx.device_id)
        s.add(entry)
        s.flush()
        return entry

    def record(self, *, account_id: str, kind: str, entry_date: date, amount: int, content: str,
               category: str | None = None, counterpart: str | None = None,
               reference: str | None = None, corrects_id: str | None = None) -> EntryInfo:
        """A bank advice, interest or a fee, as its own entry (see post); corrects_id: the
        closed year's document it adjusts."""
        if kind == "credit" and category == "doan_phi":
            raise ValidationError({"category": "Loại thu/chi: đoàn phí được thu theo từng đoàn viên (trang Đoàn phí "
                                               "hoặc nhập sao kê ngân hàng)."})
        with self.ctx.write() as s:
            return _info(self.post(s, account_id=account_id, kind=kind, entry_date=entry_date, amount=amount,
                                   content=content, category=category, counterpart=counterpart,
                                   reference=reference, corrects_id=corrects_id), None)

    def transfer(self, *, account_id: str, kind: str, entry_date: date, amount: int, person_name: str,
                 content: str | None = None, reference: str | None = None) -> TransferInfo:
        """Cash withdrawn from the account (kind "withdrawal": the bank side out, a cash
        receipt in) or deposited into it ("deposit": a cash voucher out, the bank side in),
        both written in one transaction or neither. person_name is who carried the cash."""
        if kind not in TRANSFER_KINDS:
            raise ValidationError({"entry_kind": "Chuyển tiền là rút tiền gửi về quỹ hoặc nộp tiền mặt vào tài khoản."})
        doc_kind, category = CASH_SIDE[kind]
        with self.ctx.write() as s:
            account = live_account(s, account_id)
            where = f"{account.institution} số {account.account_number}"
            text = clean(content) or (f"Rút tiền gửi {where} về quỹ tiền mặt" if kind == "withdrawal"
                                      else f"Nộp tiền mặt vào tài khoản {where}")
            # The bank side's checks (a withdrawal must be covered), then the cash side's
            # (a deposit must be on hand) as the cash service makes them when it issues.
            self._check(s, account_id=account_id, kind=kind, entry_date=entry_date, amount=amount, content=text,
                        category=None)
            doc = CashService(self.ctx).issue(s, kind=doc_kind, category=category, doc_date=entry_date,
                                              person_name=person_name, reason=text, amount=amount)
            entry = self._write(s, account_id=account_id, kind=kind, entry_date=entry_date, amount=amount,
                                content=text, category=None, counterpart=doc.person_name, reference=reference,
                                cash_doc_id=doc.id)
            return TransferInfo(_info(entry, None), _cash_info(doc))

    def void(self, entry_id: str, reason: str, void_date: date | None = None) -> EntryInfo:
        """Voids the entry (and the cash document of a transfer) unless that would leave the
        account, or the cash box, short on a day since: money already spent from it."""
        text = clean(reason)
        if not text:
            raise ValidationError({"void_reason": "Lý do hủy: cần ghi lý do hủy bút toán."})
        when = void_date or date.today()
        if when > date.today():
            raise ValidationError({"void_date": f"Ngày hủy {when:%d/%m/%Y} ở trong tương lai."})
        doc_id = self._entry_doc(entry_id)
        if doc_id is not None:
            self._check_cash_void(doc_id)
        with self.ctx.write() as s:
            entry = s.get(BankEntry, entry_id)
            if entry is None:
                raise NotFoundError(f"Không tìm thấy bút toán “{entry_id}” trong sổ tiền gửi.")
            old = s.scalar(select(BankEntryVoid).where(BankEntryVoid.entry_id == entry_id))
            if old is not None:
                raise VoidError(f"{ENTRY_KINDS[entry.kind]} ngày {entry.entry_date:%d/%m/%Y} "
                                f"({format_money(entry.amount)}) đã hủy ngày {old.void_date:%d/%m/%Y} ({old.reason}).")
            check_open(s, entry.entry_date, when, what=f"Hủy {ENTRY_KINDS[entry.kind].lower()}")
            if entry.kind in IN_KINDS:
                _covered(s, live_account(s, entry.account_id), entry.entry_date, entry.amount,
                         "để hủy khoản tiền vào này: tiền đã được chi")
            void = BankEntryVoid(entry_id=entry_id, void_date=when, reason=text, device_id=self.ctx.device_id)
            s.add(void)
            if entry.cash_doc_id is not None:
                # The cash side of the same operation, voided with it as CashService.void
                # would (it refuses transfers, so that one side is never voided alone).
                s.add(CashDocVoid(doc_id=entry.cash_doc_id, void_date=when, reason=text,
                                  device_id=self.ctx.device_id))
            s.flush()
            return _info(entry, void)

    def _entry_doc(self, entry_id: str) -> str | None:
        with self.ctx.read() as s:
            return s.scalar(select(BankEntry.cash_doc_id).where(BankEntry.id == entry_id))

    def _check_cash_void(self, doc_id: str) -> None:
        """A withdrawal's receipt brought cash in: voiding it must not leave the cash box
        short on its day or after (a deposit's voucher only gives cash back)."""
        cash = CashService(self.ctx)
        doc = cash.find(doc_id)
        if doc.kind != "thu" or doc.voided:
            return
        lines = cash.cash_book(doc.doc_date, max(doc.doc_date, date.today())).lines
        # The balances from the receipt's line on are those its void lowers.
        start = next(i for i, line in enumerate(lines) if line.doc.id == doc.id)
        lowest = min(line.balance for line in lines[start:])
        if doc.amount > lowest:
            raise ValidationError({"amount": (
                f"Số tiền {format_money(doc.amount)} của phiếu thu {doc.ref} đã được chi: tồn quỹ tiền mặt từ ngày "
                f"{doc.doc_date:%d/%m/%Y} có lúc chỉ còn {format_money(max(lowest, 0))}. Hãy hủy trước các phiếu chi "
                "dùng khoản tiền này.")})

    # ---- reading -------------------------------------------------------------------
    def entry(self, entry_id: str) -> EntryInfo:
        with self.ctx.read() as s:
            found = s.execute(select(BankEntry, BankEntryVoid).outerjoin(
                BankEntryVoid, BankEntryVoid.entry_id == BankEntry.id).where(BankEntry.id == entry_id)).first()
        if found is None:
            raise NotFoundError(f"Không tìm thấy bút toán “{entry_id}” trong sổ tiền gửi.")
        return _info(*found)

    def entries(self, account_id: str, *, date_from: date | None = None,
                date_to: date | None = None) -> list[EntryInfo]:
        stmt = (select(BankEntry, BankEntryVoid).outerjoin(BankEntryVoid, BankEntryVoid.entry_id == BankEntry.id)
                .where(BankEntry.account_id == account_id))
        if date_from:
            stmt = stmt.where(BankEntry.entry_date >= date_from)
        if date_to:
            stmt = stmt.where(BankEntry.entry_date <= date_to)
        # Money in before money out on a day, then in the order written (ids are UUIDv7).
        stmt = stmt.order_by(BankEntry.entry_date, BankEntry.kind.in_(tuple(OUT_KINDS)), BankEntry.id)
        with self.ctx.read() as s:
            return [_info(e, v) for e, v in s.execute(stmt).all()]

    def book(self, account_id: str, date_from: date, date_to: date) -> BankBookData:
        """The S12-H page of one account for a period: the balance brought forward, every
        entry (voided ones shown, not counted) with the balance after it, the totals."""
        with self.ctx.read() as s:
            account = live_account(s, account_id)
            opening = balance_on(s, account, date_from - timedelta(days=1)) if date_from > date.min \
                else account.opening_balance
        lines, balance, total_in, total_out = [], opening, 0, 0
        for e in self.entries(account_id, date_from=date_from, date_to=date_to):
            amount_in = e.amount if e.incoming and not e.voided else 0
            amount_out = e.amount if not e.incoming and not e.voided else 0
            balance += amount_in - amount_out
            total_in += amount_in
            total_out += amount_out
            lines.append(BankBookLine(e, amount_in, amount_out, balance))
        return BankBookData(account_id, date_from, date_to, opening, lines, total_in, total_out, balance)

    def balance(self, account_id: str, on: date | None = None) -> int:
        with self.ctx.read() as s:
            return balance_on(s, live_account(s, account_id), on or date.today())
