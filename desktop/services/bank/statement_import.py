"""A bank statement brought into the bank book (issue 14, items 2, 3 and 5): for a chosen
account and a file, a preview of every line with what it is proposed to be and its state
(new, already imported, problem), then the lines a person accepted written in one
transaction.

- A credit whose description carries this unit's dues payment reference pays that
  member's dues for its months, when the amount is what they owe for them; a partial or
  larger payment is shown with the reason, as the dues service refuses it at the desk.
- A credit from the upper level (the federation, "cấp trên", "kinh phí công đoàn") is
  kinh phí received.
- Any other line is proposed by CCCD or name (dues for the oldest months owed that its
  amount pays exactly), by its words (a bank fee, interest), or left for a person to
  record by hand with a source of income or an item of spending.
- A line naming two members, a reference that does not decode or is another unit's:
  shown with the reason, never recorded without a person's choice.

Dues paid by transfer are allocated on the bank credit itself (dues_payment.bank_entry_id):
the money is in the bank, so no cash receipt is issued and the cash book is untouched.
A line recorded keeps its fingerprint: a later or overlapping statement finds it again.
Only what the preview showed can be confirmed, and it is checked again when written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankEntry, BankEntryVoid, Member, Unit
from desktop.models.chunks import in_chunks
from desktop.services.bank.accounts import AccountInfo, account_info, live_account
from desktop.services.bank.book import BankBookService
from desktop.services.bank.ledger import balance_on
from desktop.services.bank.matching import Found, MemberIndex, looks_like_fee
from desktop.services.bank.statement import Statement, StatementLine, read_statement
from desktop.services.cash.service import INCOME, SPENDING
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.core.money import format_money
from desktop.services.dues import MAX_MONTHS_AHEAD, DuesService, PaymentError, month_index, months_text, raw_connection

NEW, IMPORTED, PROBLEM = "new", "imported", "problem"
STATES = {NEW: "Mới", IMPORTED: "Đã nhập", PROBLEM: "Cần xem lại"}
# What a line becomes: dues of a member (on the bank credit), another credit (a source
# of cash.INCOME), a debit (an item of cash.SPENDING), a bank fee, interest.
DUES, INCOME_KIND, SPENDING_KIND, FEE, INTEREST = "dues", "income", "spending", "fee", "interest"
CHOICE_KINDS = {DUES: "Đoàn phí", INCOME_KIND: "Thu", SPENDING_KIND: "Chi", FEE: "Phí ngân hàng",
                INTEREST: "Lãi tiền gửi"}
_ENTRY_KIND = {DUES: "credit", INCOME_KIND: "credit", SPENDING_KIND: "debit", FEE: "fee", INTEREST: "interest"}


class StatementImportError(DomainError):
    code = "statement_import"


@dataclass(frozen=True)
class Choice:
    """What a line is recorded as: the proposal, or what a person changed it to."""

    kind: str  # a key of CHOICE_KINDS
    member_id: str | None = None  # dues
    months: tuple[int, ...] = ()  # dues: month indexes (dues.month_index)
    category: str | None = None  # income: a key of cash.INCOME; spending: of cash.SPENDING


@dataclass(frozen=True)
class PreviewLine:
    line: StatementLine
    state: str  # NEW, IMPORTED or PROBLEM
    proposal: Choice | None
    automatic: bool  # recorded without a person's choice (dues by reference, kinh phí)
    note: str  # what was found, or why the line needs a person, in words
    candidates: tuple[tuple[str, str], ...] = ()  # (member id, name) the line may be

    @property
    def row(self) -> int:
        return self.line.row


@dataclass(frozen=True)
class ImportPreview:
    account: AccountInfo
    statement: Statement
    lines: tuple[PreviewLine, ...]
    last_date: date | None
    book_balance: int | None  # the bank book's balance at the statement's last date, as it is now

    @property
    def pending_net(self) -> int:
        """Money in less money out of the lines not yet in the book."""
        return sum(p.line.credit - p.line.debit for p in self.lines if p.state != IMPORTED)

    @property
    def difference(self) -> int | None:
        """The statement's closing balance less the book's once every line not yet in it is
        recorded: not 0 means the book and the bank disagree beyond this statement."""
        if self.statement.closing_balance is None or self.book_balance is None:
            return None
        return self.statement.closing_balance - self.book_balance - self.pending_net

    def automatic(self) -> dict[int, Choice]:
        """The choices recorded without a person: new lines matched for sure."""
        return {p.row: p.proposal for p in self.lines if p.state == NEW and p.automatic and p.proposal is not None}

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for p in self.lines:
            out[p.state] += 1
        return out


@dataclass(frozen=True)
class ImportResult:
    recorded: tuple[tuple[int, str], ...]  # (statement row, bank entry id)
    skipped: tuple[int, ...]  # rows already in the book (recorded meanwhile, or by another PC)
    book_balance: int | None  # at the statement's last date, after recording
    difference: int | None  # the statement's closing balance less that


def _choice_text(choice: Choice, names: dict[str, str]) -> str:
    if choice.kind == DUES and choice.member_id is not None:
        return f"Đoàn phí {months_text(list(choice.months))} — {names.get(choice.member_id, choice.member_id)}"
    if choice.kind == INCOME_KIND:
        return f"Thu: {INCOME.get(choice.category or '', '?')}"
    if choice.kind == SPENDING_KIND:
        return f"Chi: {SPENDING.get(choice.category or '', '?')}"
    return CHOICE_KINDS[choice.kind]


class _Owed:
    """What members owe by month while a statement is gone through line by line: a month
    paid by an earlier line is not paid again by a later one."""

    def __init__(self, owed: dict[str, dict[int, int]]) -> None:
        self.owed = {mid: dict(months) for mid, months in owed.items()}

    def take(self, member_id: str, months: Iterable[int], amount: int) -> list[tuple[int, int]] | str:
        """(month, amount) when amount pays exactly what is owed for the months (then taken
        off), else why not, in words."""
        have = self.owed.get(member_id, {})
        wanted = sorted(months)
        settled = [m for m in wanted if have.get(m, 0) <= 0]
        if settled:
            return f"không còn phải nộp đoàn phí {months_text(settled)} (đã nộp đủ, được miễn hoặc chưa là đoàn viên)"
        shares = [(m, have[m]) for m in wanted]
        total = sum(a for _, a in shares)
        if amount != total:
            more = "thiếu" if amount < total else "thừa"
            return (f"số tiền {format_money(amount)} {more} so với đoàn phí phải nộp {months_text(wanted)} là "
                    f"{format_money(total)}: hãy ghi bằng tay sau khi hỏi người nộp")
        for m in wanted:
            have[m] = 0
        return shares

    def oldest(self, member_id: str, amount: int) -> tuple[int, ...] | None:
        """The oldest months owed that the amount pays exactly, or None."""
        total, months = 0, []
        for m, owed in sorted(self.owed.get(member_id, {}).items()):
            if owed <= 0:
                continue
            total += owed
            months.append(m)
            if total >= amount:
                break
        return tuple(months) if months and total == amount else None


class StatementImportService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)
        self.book = BankBookService(ctx)

    # ---- the preview ---------------------------------------------------------------
    def preview(self, account_id: str, path: Path | str) -> ImportPreview:
        """Read the file and propose what each line is; writes nothing. The reader's
        refusal (unknown columns, a broken or password-protected file) is raised as is."""
        return self.preview_statement(account_id, read_statement(path))

    def preview_statement(self, account_id: str, statement: Statement) -> ImportPreview:
        with self.ctx.read() as s:
            account = live_account(s, account_id)
            info = account_info(account)
            _check_account(statement, info)
            index = _member_index(s, [line.description for line in statement.lines if line.credit])
            imported = _fingerprints(s, account_id, [line.fingerprint for line in statement.lines])
            found = {line.row: index.find(line.description) for line in statement.lines if line.credit}
            owed = self._owed(s, statement.lines, found)
            last = max((line.date for line in statement.lines), default=None)
            balance = balance_on(s, account, last) if last is not None else None
        lines = tuple(_propose(line, found.get(line.row), index, owed, info, line.fingerprint in imported)
                      for line in statement.lines)
        return ImportPreview(info, statement, lines, last, balance)

    def _owed(self, s: Session, lines: Sequence[StatementLine], found: dict[int, Found]) -> _Owed:
        """What the members a statement may pay owe: for the months their references name,
        and from their arrears on for those found by CCCD or name."""
        by_ref: set[str] = set()
        months: list[int] = []
        by_name: set[str] = set()
        for f in found.values():
            for ref, ids in f.references:
                if len(ids) == 1:
                    by_ref.add(ids[0])
                    first = month_index(ref.first_month)
                    months += [first, first + ref.months - 1]
            ids = f.by_id_number or f.by_name
            if not f.references and len(ids) == 1:  # two or more: a person chooses, nothing is proposed
                by_name.add(ids[0])
        today = month_index(date.today())
        owed = self.dues.owed_months(s, sorted(by_name), today + MAX_MONTHS_AHEAD)
        if by_ref:
            for mid, row in self.dues.owed_months(s, sorted(by_ref), max(months), min(months)).items():
                owed[mid] = owed.get(mid, {}) | row
        return _Owed(owed)

    # ---- recording -----------------------------------------------------------------
    def confirm(self, preview: ImportPreview, choices: dict[int, Choice]) -> ImportResult:
        """Write the chosen lines (statement row → choice) in one transaction: all of them
        or, when one cannot be written, none (the reason raised). Rows not in the preview,
        or shown as already imported, are refused; a line recorded meanwhile (another PC,
        an overlapping statement) is skipped, never written twice."""
        shown = {p.row: p for p in preview.lines}
        for row in choices:
            if row not in shown:
                raise StatementImportError(f"Dòng {row} không có trong bản xem trước của sao kê.")
            if shown[row].state == IMPORTED:
                raise StatementImportError(f"Dòng {row} đã nhập vào sổ tiền gửi từ trước.")
        wanted = sorted((shown[row].line for row in choices),
                        key=lambda line: (line.date, line.debit > 0, line.row))  # money in before money out
        account_id = preview.account.id
        recorded: list[tuple[int, str]] = []
        skipped: list[int] = []
        with self.ctx.write() as s:
            done = _fingerprints(s, account_id, [line.fingerprint for line in wanted])
            fresh = [line for line in wanted if line.fingerprint not in done]
            skipped = [line.row for line in wanted if line.fingerprint in done]
            owed = self._confirm_owed(s, [(line, choices[line.row]) for line in fresh])
            names = dict(s.execute(select(Member.id, Member.full_name).where(
                Member.id.in_(sorted({c.member_id for c in choices.values() if c.member_id})))).all())
            for line in fresh:
                entry = self._write(s, account_id, line, choices[line.row], owed, names)
                recorded.append((line.row, entry.id))
            last = preview.last_date
            balance = balance_on(s, live_account(s, account_id), last) if last is not None else None
        closing = preview.statement.closing_balance
        difference = closing - balance if closing is not None and balance is not None else None
        return ImportResult(tuple(recorded), tuple(skipped), balance, difference)

    def _confirm_owed(self, s: Session, chosen: list[tuple[StatementLine, Choice]]) -> _Owed:
        dues = [(line, c) for line, c in chosen if c.kind == DUES]
        for line, c in dues:
            if c.member_id is None or not c.months:
                raise ValidationError({"months": f"Dòng {line.row}: đoàn phí cần đoàn viên và các tháng nộp."})
            if not line.credit:
                raise ValidationError({"entry_kind": f"Dòng {line.row}: đoàn phí chỉ ghi từ một khoản tiền vào."})
        if not dues:
            return _Owed({})
        ids = sorted({c.member_id for _, c in dues if c.member_id})
        months = [m for _, c in dues for m in c.months]
        return _Owed(self.dues.owed_months(s, ids, max(months), min(months)))

    def _write(self, s: Session, account_id: str, line: StatementLine, choice: Choice, owed: _Owed,
               names: dict[str, str]) -> BankEntry:
        if choice.kind not in _ENTRY_KIND:
            raise ValidationError({"entry_kind": f"Dòng {line.row}: chọn đoàn phí, thu, chi, phí hay lãi."})
        kind = _ENTRY_KIND[choice.kind]
        if (kind == "debit" or kind == "fee") != bool(line.debit):
            raise ValidationError({"entry_kind": f"Dòng {line.row}: {CHOICE_KINDS[choice.kind].lower()} không đúng "
                                                 f"chiều tiền của dòng ({'ra' if line.debit else 'vào'})."})
        amount = line.credit or line.debit
        category = "doan_phi" if choice.kind == DUES else choice.category
        content = line.description or _choice_text(choice, names)
        counterpart = names.get(choice.member_id) if choice.member_id else None
        shares: list[tuple[int, int]] = []
        if choice.kind == DUES and choice.member_id is not None:
            taken = owed.take(choice.member_id, choice.months, amount)
            if isinstance(taken, str):
                raise PaymentError(f"Dòng {line.row} ({names.get(choice.member_id, '')}): {taken}.")
            shares = taken
        entry = self.book.post(s, account_id=account_id, kind=kind, entry_date=line.date, amount=amount,
                               content=content, category=category, counterpart=counterpart,
                               reference=line.reference, fingerprint=line.fingerprint)
        if shares and choice.member_id is not None:
            self.dues.write_bank_allocations(s, entry, {choice.member_id: shares})
        return entry


def _check_account(statement: Statement, account: AccountInfo) -> None:
    """A statement of another account is refused: its lines would land in the wrong book."""
    number = statement.account_number
    mine = "".join(ch for ch in account.account_number if ch.isdigit())
    if number and mine and number != mine:
        raise StatementImportError(f"Sao kê {statement.file_name} là của tài khoản số {number}, không phải tài "
                                   f"khoản {account.title} đã chọn.")


def _member_index(s: Session, descriptions: Iterable[str]) -> MemberIndex:
    """The index of the unit's members for these descriptions: every member's reference
    key, and the members the descriptions may name by CCCD or full name, found through
    member's indexes (ix_member_list leads with sort_key, ix_member_id_number)."""
    unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
    if unit is None:
        raise DomainError("Chưa khởi tạo đơn vị.")
    # Plain SQL: every member of a large unit (see dues.raw_connection).
    conn = raw_connection(s)
    index = MemberIndex(unit.id, (r[0] for r in conn.execute("SELECT id FROM member WHERE deleted_at IS NULL")),
                        unit.upper_name)
    names: set[str] = set()
    digits: set[str] = set()
    ids: set[str] = set()
    for text in descriptions:
        grams, numbers, refs = index.wanted(text)
        names.update(grams)
        digits.update(numbers)
        ids.update(refs)
    # member.sort_key is the given name, then the whole name folded (core.text.sort_key).
    keys = sorted({f"{g.rsplit(' ', 1)[-1]} {g}" for g in names})
    columns = "SELECT id, full_name, id_number, sort_key FROM member WHERE deleted_at IS NULL AND "
    for column, values in (("sort_key", keys), ("id_number", sorted(digits)), ("id", sorted(ids))):
        for chunk, marks in in_chunks(values):
            index.learn((mid, name, number, key.partition(" ")[2] or None)
                        for mid, name, number, key in conn.execute(f"{columns}{column} IN ({marks})", chunk))
    return index


def _fingerprints(s: Session, account_id: str, wanted: Sequence[str]) -> set[str]:
    """Those of the fingerprints already on a live entry of the account."""
    if not wanted:
        return set()
    rows = s.scalars(select(BankEntry.fingerprint)
                     .outerjoin(BankEntryVoid, BankEntryVoid.entry_id == BankEntry.id)
                     .where(BankEntry.account_id == account_id, BankEntry.fingerprint.is_not(None),
                            BankEntryVoid.id.is_(None)))
    want = set(wanted)
    return {f for f in rows if f in want}


def _propose(line: StatementLine, found: Found | None, index: MemberIndex, owed: _Owed, account: AccountInfo,
             imported: bool) -> PreviewLine:
    proposal, automatic, note, candidates = _match(line, found, index, owed)
    if imported:
        return PreviewLine(line, IMPORTED, proposal, False, "Đã có trong sổ tiền gửi (nhập từ một sao kê trước).",
                           candidates)
    if line.date > date.today():
        return PreviewLine(line, PROBLEM, proposal, False, f"Ngày {line.date:%d/%m/%Y} ở trong tương lai.", candidates)
    if line.date < account.opening_date:
        return PreviewLine(line, PROBLEM, proposal, False,
                           f"Trước ngày số dư đầu kỳ của tài khoản ({account.opening_date:%d/%m/%Y}): số dư đầu kỳ "
                           "đã gồm khoản này.", candidates)
    state = PROBLEM if proposal is None and (candidates or (found is not None and found.problems)) else NEW
    return PreviewLine(line, state, proposal, automatic, note, candidates)


def _named(ids: Iterable[str], index: MemberIndex) -> tuple[tuple[str, str], ...]:
    return tuple((i, index.names.get(i, i)) for i in ids)


def _match(line: StatementLine, found: Found | None, index: MemberIndex,
           owed: _Owed) -> tuple[Choice | None, bool, str, tuple[tuple[str, str], ...]]:
    """(proposal, automatic, note, candidates) of one line."""
    if line.debit:
        if looks_like_fee(line.description):
            return Choice(FEE), False, "Có thể là phí ngân hàng: hãy xác nhận.", ()
        return None, False, "Khoản chi: chọn mục chi (hoặc phí ngân hàng) để ghi.", ()
    if found is None:
        return None, False, "Chưa nhận ra khoản thu này: chọn nguồn thu để ghi.", ()
    if found.references:
        return _by_reference(line, found, index, owed)
    if found.problems:
        return None, False, " ".join(found.problems), ()
    if found.upper:
        return Choice(INCOME_KIND, category="kinh_phi"), True, "Kinh phí công đoàn do cấp trên chuyển về.", ()
    if found.interest:
        return Choice(INTEREST), False, "Có thể là lãi tiền gửi: hãy xác nhận.", ()
    ids = found.by_id_number or found.by_name
    how = "số CCCD" if found.by_id_number else "họ tên"
    if len(ids) > 1:
        return None, False, f"Theo {how}, khoản này ứng với {len(ids)} đoàn viên: hãy chọn đúng người.", \
            _named(ids, index)
    if len(ids) == 1:
        months = owed.oldest(ids[0], line.credit)
        if months is None:
            return None, False, (f"Theo {how} có thể là đoàn phí của {index.names[ids[0]]}, nhưng số tiền "
                                 f"{format_money(line.credit)} không khớp với các tháng còn nợ: hãy chọn tháng."), \
                _named(ids, index)
        owed.take(ids[0], months, line.credit)
        return Choice(DUES, ids[0], months), False, (f"Theo {how}: đoàn phí {months_text(list(months))} của "
                                                     f"{index.names[ids[0]]}, hãy xác nhận."), _named(ids, index)
    return None, False, "Chưa nhận ra khoản thu này: chọn nguồn thu để ghi.", ()


def _by_reference(line: StatementLine, found: Found, index: MemberIndex,
                  owed: _Owed) -> tuple[Choice | None, bool, str, tuple[tuple[str, str], ...]]:
    if len(found.references) > 1:
        return None, False, "Nội dung có nhiều mã thanh toán: hãy ghi bằng tay.", ()
    ref, ids = found.references[0]
    if not ids:
        return None, False, (f"Mã thanh toán “{ref.text}” không ứng với đoàn viên nào của đơn vị: hãy ghi bằng tay "
                             "sau khi hỏi người chuyển."), ()
    if len(ids) > 1:
        return None, False, f"Mã thanh toán “{ref.text}” ứng với {len(ids)} đoàn viên: hãy chọn đúng người.", \
            _named(ids, index)
    first = month_index(ref.first_month)
    months = tuple(range(first, first + ref.months))
    if months[-1] > month_index(date.today()) + MAX_MONTHS_AHEAD:
        return None, False, (f"Mã {ref.text}: chỉ thu trước tối đa {MAX_MONTHS_AHEAD} tháng (mã ghi đến tháng "
                             f"{ref.last_month:%m/%Y})."), _named(ids, index)
    choice = Choice(DUES, ids[0], months)
    taken = owed.take(ids[0], months, line.credit)
    name = index.names[ids[0]]
    if isinstance(taken, str):
        return None, False, f"Mã {ref.text} — {name}: {taken}.", _named(ids, index)
    return choice, True, f"Mã {ref.text}: đoàn phí {months_text(list(months))} của {name}.", _named(ids, index)

