"""Dues use cases: what each member owes and has paid by month, payments with their
receipts, the member's ledger, dues bases and exemptions.

Arrears and advances are never stored: they are derived from what was due (computed by
dues.calc with the law of each month) and what the non-voided receipts paid."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.models import (
    BankEntry,
    BankEntryVoid,
    BaseSalary,
    CashDoc,
    CashDocVoid,
    DuesBasis,
    DuesExemption,
    DuesPayment,
    DuesRule,
    Member,
    Unit,
    UnitGroup,
    new_id,
    utcnow,
)
from desktop.models.audit import bulk_begin, bulk_end
from desktop.models.chunks import in_chunks
from desktop.services.cash.service import CashService, DocInfo, doc_info
from desktop.services.core.context import Context
from desktop.services.core.dates import format_date
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError
from desktop.services.core.money import format_money, money_bound_problem
from desktop.services.core.permissions import mask_id, may_see_personal
from desktop.services.core.statuses import CURRENT_STATUSES, EVENT_KINDS
from desktop.services.core.text import clean
from desktop.services.dues.calc import (
    EXEMPT_REASONS,
    SINCE_ALWAYS,
    Due,
    LawTables,
    MemberHistory,
    Rule,
    UnitDues,
    active_ranges,
    member_due,
    month_index,
    month_label,
    month_start,
    settle_before,
    sum_due,
)
from protocol.tables import derived_id

MAX_MONTHS_AHEAD = 12
# An allocation (dues_payment p) that counts in plain SQL: its receipt, or the bank credit
# it was paid by, not voided. A NULL in NOT IN would drop the row: each side is tested
# only where it is set.
LIVE_PAYMENT = ("(p.doc_id IS NULL OR p.doc_id NOT IN (SELECT doc_id FROM cash_doc_void)) AND "
                "(p.bank_entry_id IS NULL OR p.bank_entry_id NOT IN (SELECT entry_id FROM bank_entry_void))")


def raw_connection(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session, for the few reads of every member of a
    large unit: SQLAlchemy's row objects cost more than the reads themselves (measured)."""
    # The desktop's database is always SQLite (desktop.models.db); SQLAlchemy types the
    # driver's connection as Any.
    return cast(sqlite3.Connection, s.connection().connection.driver_connection)


class PaymentError(DomainError):
    code = "payment"


@dataclass(frozen=True)
class DuesLine:
    """One member's dues for a period (a month or a quarter)."""

    member_id: str
    full_name: str
    birth_text: str
    group_name: str | None
    status: str
    basis_amount: int | None
    due: int
    standard: int
    excess: int
    paid: int
    arrears: int  # owed for months before the period
    advance: int  # paid for months after the period
    why_zero: str | None

    @property
    def owed(self) -> int:
        return max(0, self.due - self.paid)

    @property
    def total_owed(self) -> int:
        return self.owed + self.arrears


@dataclass(frozen=True)
class LedgerMonth:
    month: int
    due: Due
    paid: int
    receipts: tuple[str, ...]
    balance: int  # cumulative due − paid up to this month


@dataclass(frozen=True)
class Ledger:
    member_id: str
    full_name: str
    birth_text: str
    id_number: str | None
    group_name: str | None
    months: list[LedgerMonth]
    total_due: int
    total_paid: int

    @property
    def balance(self) -> int:
        return self.total_due - self.total_paid


class TrackedUnit(NamedTuple):
    """The unit's dues settings, and the first month whose arrears are tracked."""

    dues: UnitDues
    tracked_from: int


class Calculator(NamedTuple):
    """What computing dues needs: the law, the unit's settings, the members' histories."""

    law: LawTables
    unit: UnitDues
    histories: dict[str, MemberHistory]


class ExemptionRow(NamedTuple):
    first: str  # "MM/YYYY"
    last: str
    reason: str  # in words
    note: str | None


class _PeriodMember(NamedTuple):
    """A member as the dues page reads them (plain SQL: see DuesService.period)."""

    id: str
    full_name: str
    birth_date: str | None  # ISO text
    birth_year_only: bool
    status: str
    group_id: str | None
    sort_key: str
    dues_basis: str | None
    salary: int | None


# Allocations: (month, amount) by member id, as checked and then written.
Owed = dict[str, list[tuple[int, int]]]


def months_text(months: list[int]) -> str:
    ordered = sorted(months)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"từ tháng {month_label(ordered[0])} đến tháng {month_label(ordered[-1])}"
    return "tháng " + ", ".join(month_label(m) for m in ordered)


def parse_month(value: str | date) -> int:
    """"2026-03", "03/2026", "3/2026" or a date → month index."""
    if isinstance(value, date):
        return month_index(value)
    s = str(value).strip()
    try:
        if "-" in s:
            year, month = s.split("-")[:2]
        else:
            month, year = s.split("/")[-2:]
        y, m = int(year), int(month)
    except ValueError:
        raise ValidationError({"month": f"không đọc được tháng “{s}” (cần dạng YYYY-MM hoặc MM/YYYY)."}) from None
    if not 1 <= m <= 12:
        raise ValidationError({"month": f"“{s}”: không có tháng {m} (tháng từ 1 đến 12)."})
    if y >= 2200:
        raise ValidationError({"month": f"tháng {m:02d}/{y} ở quá xa trong tương lai."})
    if y <= 1900:
        raise ValidationError({"month": f"tháng {m:02d}/{y} ở quá xa trong quá khứ."})
    return y * 12 + m - 1


class DuesService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cash = CashService(ctx)

    # ---- loading -------------------------------------------------------------------
    def law(self, s: Session) -> LawTables:
        """The dues law in force month by month (rules and lương cơ sở)."""
        rules = [(r.effective_from, r.unit_group, Rule(r.rate_bp, r.cap_bp, r.fixed_min_bp))
                 for r in s.scalars(select(DuesRule).where(DuesRule.deleted_at.is_(None)))]
        bases = [(b.effective_from, b.amount) for b in s.scalars(select(BaseSalary).where(BaseSalary.deleted_at.is_(None)))]
        return LawTables(rules, bases)

    def unit(self, s: Session) -> TrackedUnit:
        """The unit's dues settings, and the first month whose arrears are tracked."""
        u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is None:
            raise DomainError("Chưa khởi tạo đơn vị.")
        start = u.dues_from or u.created_at.date()
        return TrackedUnit(UnitDues(u.dues_group, u.higher_rate_bp, u.rounding or 1), month_index(start))

    def histories(self, s: Session, ids: list[str] | None, open_end: int,
                  fallback: dict[str, tuple[str | None, int | None]] | None = None) -> dict[str, MemberHistory]:
        """What the arithmetic needs of each member (all of them when ids is None), with
        their active months up to open_end. fallback: (dues_basis, salary) by member id
        when the caller has read them."""
        # Plain SQL here: this reads every member of a large unit, and SQLAlchemy's
        # row and type handling tripled the time of these three reads (measured).
        conn = raw_connection(s)
        to_date = date.fromisoformat

        def rows(sql: str, col: str) -> Iterator[Any]:  # sqlite3's rows: typed where they are read
            if ids is None:
                yield from conn.execute(sql.format(where="")).fetchall()
                return
            for part, marks in in_chunks(ids):
                yield from conn.execute(sql.format(where=f" AND {col} IN ({marks})"), part).fetchall()

        status_of = {k: v.to_status for k, v in EVENT_KINDS.items()}
        events: dict[str, list[tuple[str, date | None]]] = defaultdict(list)
        for mid, kind, when in rows("SELECT member_id, kind, event_date FROM member_event "
                                    "WHERE deleted_at IS NULL{where} ORDER BY member_id, seq", "member_id"):
            events[mid].append((status_of[kind], to_date(when) if when else None))
        bases: dict[str, list[tuple[int, str | None, int | None]]] = defaultdict(list)
        for mid, start, basis, amount in rows("SELECT member_id, from_month, basis, amount FROM dues_basis "
                                              "WHERE deleted_at IS NULL{where} ORDER BY member_id, from_month",
                                              "member_id"):
            bases[mid].append((month_index(to_date(start)), basis, amount))
        exempt: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for mid, a, b, reason in rows("SELECT member_id, from_month, to_month, reason FROM dues_exemption "
                                      "WHERE deleted_at IS NULL{where}", "member_id"):
            exempt[mid].append((month_index(to_date(a)), month_index(to_date(b)), reason))
        if fallback is None:
            fallback = {mid: (basis, salary) for mid, basis, salary in rows(
                "SELECT id, dues_basis, salary FROM member WHERE deleted_at IS NULL{where}", "id")}
        # Months paid on paper before the app (few members, or all of a unit that began
        # mid-year): the member owes from the month after.
        settled: dict[str, int] = {mid: month_index(to_date(through)) for mid, through in rows(
            "SELECT id, dues_paid_through FROM member WHERE deleted_at IS NULL "
            "AND dues_paid_through IS NOT NULL{where}", "id")}
        out: dict[str, MemberHistory] = {}
        # Most members share their shape (admitted once, one salary, no exemption): the
        # small read-only lists are shared between them instead of made 100,000 times.
        shared_basis: dict[tuple[str | None, int | None], list[tuple[int, str | None, int | None]]] = {}
        shared_ranges: dict[int, list[tuple[int, int]]] = {}
        for mid, (basis, salary) in fallback.items():
            evs: Sequence[tuple[str, date | None]] = events.get(mid, ())
            if len(evs) == 1 and evs[0][0] == "active":
                start = month_index(evs[0][1]) if evs[0][1] else SINCE_ALWAYS
                ranges = shared_ranges.get(start) or shared_ranges.setdefault(start, [(start, open_end)])
            else:
                ranges = active_ranges(evs, open_end)
            own = bases.get(mid)
            if own is None:
                key = (basis, salary)
                own = shared_basis.get(key) or shared_basis.setdefault(key, [(SINCE_ALWAYS, basis, salary)])
            through = settled.get(mid)
            out[mid] = MemberHistory(evs, settle_before(ranges, through), own, exempt.get(mid, ()), through)
        return out

    def _paid_rows(self, s: Session, ids: list[str] | None, first: int, last: int,
                   by_month: bool) -> Iterator[Any]:
        """(member id, [month,] sum) paid by non-voided receipts and bank credits for months
        first..last."""
        keys = [DuesPayment.member_id] + ([DuesPayment.month] if by_month else [])
        stmt = (select(*keys, func.sum(DuesPayment.amount))
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == DuesPayment.doc_id)
                .outerjoin(BankEntryVoid, BankEntryVoid.entry_id == DuesPayment.bank_entry_id)
                .where(CashDocVoid.id.is_(None), BankEntryVoid.id.is_(None), DuesPayment.month >= month_start(first),
                       DuesPayment.month <= month_start(last))
                .group_by(*keys))
        if ids is None:
            yield from s.execute(stmt)
            return
        for part, _ in in_chunks(ids):
            yield from s.execute(stmt.where(DuesPayment.member_id.in_(part)))

    def paid_by_member(self, s: Session, ids: list[str] | None, first: int, last: int) -> dict[str, int]:
        """What each member paid, by non-voided receipts, for months first..last."""
        return {r[0]: r[1] for r in self._paid_rows(s, ids, first, last, False)}

    def paid_by_month(self, s: Session, ids: list[str] | None, first: int, last: int) -> dict[tuple[str, int], int]:
        """What each member paid, by non-voided receipts, for each month first..last:
        {(member id, month): amount}."""
        return {(r[0], month_index(r[1])): r[2] for r in self._paid_rows(s, ids, first, last, True)}

    def owed_months(self, s: Session, ids: list[str], last: int, first: int | None = None) -> dict[str, dict[int, int]]:
        """What each member still owes for each month up to last: due by the law of the
        month less what non-voided receipts and bank credits paid (0 or less: nothing
        owed), from first, or when it is None from the month the member's arrears are
        tracked. For many members at once (a bank statement's transfers)."""
        if not ids:
            return {}
        _, track_from = self.unit(s)
        law, unit, histories = self.calculator(s, ids, last)
        start = {mid: first if first is not None else tracked_from(h, track_from) for mid, h in histories.items()}
        paid = self.paid_by_month(s, ids, min(start.values(), default=last), last)
        return {mid: {m: member_due(law, unit, h, m).total - paid.get((mid, m), 0) for m in range(start[mid], last + 1)}
                for mid, h in histories.items()}

    def calculator(self, s: Session, ids: list[str], last_month: int) -> Calculator:
        """What other services need to compute dues for these members up to last_month."""
        unit, _ = self.unit(s)
        return Calculator(self.law(s), unit, self.histories(s, ids, last_month + MAX_MONTHS_AHEAD))

    # ---- the numbers ---------------------------------------------------------------
    def due(self, member_id: str, month: str | date) -> Due:
        m = parse_month(month)
        with self.ctx.read() as s:
            if s.get(Member, member_id) is None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            unit, _ = self.unit(s)
            h = self.histories(s, [member_id], m + MAX_MONTHS_AHEAD)[member_id]
            return member_due(self.law(s), unit, h, m)

    def period(self, first: str | date, last: str | date | None = None, *, group_id: str | None = None,
               member_ids: list[str] | None = None, include_departed: bool = False) -> list[DuesLine]:
        """Every member's dues for months first..last, with arrears before and advances after."""
        a = parse_month(first)
        b = parse_month(last) if last is not None else a
        if b < a:
            raise ValidationError({"month": "tháng cuối trước tháng đầu."})
        with self.ctx.read() as s:
            unit, track_from = self.unit(s)
            law = self.law(s)
            sql = ("SELECT id, full_name, birth_date, birth_year_only, status, group_id, sort_key, dues_basis, "
                   "salary FROM member WHERE deleted_at IS NULL")
            params: list[str] = []
            if group_id:
                sql += " AND group_id = ?"
                params.append(group_id)
            if member_ids is not None:
                sql += f" AND id IN ({','.join('?' * len(member_ids))})"
                params.extend(member_ids)
            # One scan of the table, sorted here: reading it in index order costs twice as much.
            members = sorted(map(_PeriodMember._make, raw_connection(s).execute(sql, params)),
                             key=attrgetter("sort_key", "id"))
            group_names: dict[str | None, str] = dict(s.execute(select(UnitGroup.id, UnitGroup.name)).all())
            ids = None if group_id is None and member_ids is None else [r.id for r in members]
            histories = self.histories(s, ids, b + MAX_MONTHS_AHEAD, {r.id: (r.dues_basis, r.salary) for r in members})
            # A member who paid on paper up to a month owes from the month after, even
            # before the month the unit tracks arrears from (issue 12, item 9).
            start_of = {mid: tracked_from(h, track_from) for mid, h in histories.items()}
            start = min([track_from, a, *start_of.values()])
            paid_before = self.paid_by_member(s, ids, start, a - 1) if start < a else {}
            paid_in = self.paid_by_member(s, ids, a, b)
            paid_after = self.paid_by_member(s, ids, b + 1, b + MAX_MONTHS_AHEAD * 2)
        lines = []
        # The salary a due was computed from is shown only to the roles that may see it
        # (services/permissions.py): here, on the dues page and on the collection sheet.
        see = may_see_personal(self.ctx)
        for r in members:
            mid, status, birth = r.id, r.status, r.birth_date
            h = histories[mid]
            arrears_due = sum_due(law, unit, h, start_of[mid], a - 1)
            dues = [member_due(law, unit, h, m) for m in range(a, b + 1)]
            due = sum(d.total for d in dues)
            paid = paid_in.get(mid, 0)
            arrears = max(0, arrears_due - paid_before.get(mid, 0))
            if not include_departed and status not in CURRENT_STATUSES and not (due or paid or arrears):
                continue
            why = next((d.why_zero for d in dues if d.why_zero), None) if due == 0 else None
            # birth is ISO text here: "1990-03-15" → "15/03/1990" (or "1990") without parsing
            birth_text = (birth[:4] if r.birth_year_only else f"{birth[8:10]}/{birth[5:7]}/{birth[:4]}") if birth else ""
            lines.append(DuesLine(mid, r.full_name, birth_text, group_names.get(r.group_id), status,
                                  dues[-1].basis_amount if see else None, due, sum(d.standard for d in dues),
                                  sum(d.excess for d in dues), paid, arrears, paid_after.get(mid, 0), why))
        return lines

    def ledger(self, member_id: str, first: str | date | None = None, last: str | date | None = None) -> Ledger:
        with self.ctx.read() as s:
            m = s.get(Member, member_id)
            if m is None or m.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            unit, track_from = self.unit(s)
            law = self.law(s)
            today = month_index(date.today())
            h = self.histories(s, [member_id], today + MAX_MONTHS_AHEAD)[member_id]
            first_active = min((r[0] for r in h.active), default=track_from)
            a = parse_month(first) if first else max(tracked_from(h, track_from), first_active)
            # Paid on a receipt (its book and number) or by transfer (the bank credit's day).
            paid_rows = s.execute(
                select(DuesPayment.month, DuesPayment.amount, CashDoc.book_code, CashDoc.number, BankEntry.entry_date)
                .outerjoin(CashDoc, CashDoc.id == DuesPayment.doc_id)
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == DuesPayment.doc_id)
                .outerjoin(BankEntry, BankEntry.id == DuesPayment.bank_entry_id)
                .outerjoin(BankEntryVoid, BankEntryVoid.entry_id == DuesPayment.bank_entry_id)
                .where(DuesPayment.member_id == member_id, CashDocVoid.id.is_(None), BankEntryVoid.id.is_(None))
            ).all()
            paid_months = [month_index(r[0]) for r in paid_rows]
            # Up to today, and on to the last month anything is recorded for: paid ahead,
            # a salary change or an exemption already entered for the months to come.
            planned = [start for start, _, _ in h.basis if start > 0] + [to for _, to, _ in h.exempt]
            b = parse_month(last) if last else max([today] + paid_months + planned)
            group = s.get(UnitGroup, m.group_id) if m.group_id else None
        paid: dict[int, int] = defaultdict(int)
        refs: dict[int, list[str]] = defaultdict(list)
        for month, amount, book, number, credited in paid_rows:
            paid[month_index(month)] += amount
            refs[month_index(month)].append(f"{book}/{number:04d}" if credited is None
                                            else f"CK {credited:%d/%m/%Y}")
        months, balance, total_due, total_paid = [], 0, 0, 0
        see = may_see_personal(self.ctx)
        for mi in range(a, b + 1):
            d = member_due(law, unit, h, mi)
            if not see:
                d = replace(d, basis_amount=None)
            balance += d.total - paid[mi]
            total_due += d.total
            total_paid += paid[mi]
            months.append(LedgerMonth(mi, d, paid[mi], tuple(refs[mi]), balance))
        return Ledger(member_id, m.full_name, format_date(m.birth_date, year_only=m.birth_year_only),
                      m.id_number if see else mask_id(m.id_number), group.name if group else None, months,
                      total_due, total_paid)

    # ---- paying --------------------------------------------------------------------
    def check_allocations(self, s: Session, wanted: dict[str, list[int]], skip_settled: bool = False) -> Owed:
        """(month, amount owed) for every member and month asked, or PaymentError naming
        the member and month that cannot be paid. skip_settled: months with nothing owed
        (paid, exempt, not a member then) are left out instead of refused."""
        unit, _ = self.unit(s)
        law = self.law(s)
        today = month_index(date.today())
        ids = list(wanted)
        months = [m for ms in wanted.values() for m in ms]
        histories = self.histories(s, ids, today + MAX_MONTHS_AHEAD)
        paid = self.paid_by_month(s, ids, min(months), max(months))
        names = dict(s.execute(select(Member.id, Member.full_name).where(Member.id.in_(ids))).all())
        out: Owed = {}
        for mid, ms in wanted.items():
            if mid not in histories:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {mid}.")
            if len(set(ms)) != len(ms):
                raise PaymentError(f"{names[mid]}: một tháng được ghi hai lần.")
            rows = []
            for m in sorted(ms):
                if m > today + MAX_MONTHS_AHEAD:
                    raise PaymentError(f"{names[mid]}: chỉ thu trước tối đa {MAX_MONTHS_AHEAD} tháng "
                                       f"(tháng {month_label(m)} quá xa).")
                d = member_due(law, unit, histories[mid], m)
                owed = d.total - paid.get((mid, m), 0)
                if skip_settled and owed <= 0:
                    continue
                if d.total == 0:
                    raise PaymentError(f"{names[mid]} không phải nộp đoàn phí tháng {month_label(m)}: {d.why_zero}.")
                if owed <= 0:
                    raise PaymentError(f"{names[mid]} đã nộp đủ đoàn phí tháng {month_label(m)}.")
                rows.append((m, owed))
            if rows:
                out[mid] = rows
        if not out:
            raise PaymentError("Không còn khoản nào phải thu cho những đoàn viên và tháng đã chọn.")
        return out

    def pay(self, member_id: str, months: list[str | date], *, amount: int | None = None,
            doc_date: date | None = None, payer_name: str | None = None) -> DocInfo:
        """One receipt for one member's months; amount, if given, must match what is owed."""
        if not months:
            raise ValidationError({"months": "chọn ít nhất một tháng."})
        ms = [parse_month(m) for m in months]
        if amount is not None and amount <= 0:
            raise PaymentError(f"Số tiền phải lớn hơn 0 (đang là {format_money(amount)}).")
        if amount is not None and (problem := money_bound_problem(amount, "Số tiền")):
            raise PaymentError(problem)
        with self.ctx.write() as s:
            owed = self.check_allocations(s, {member_id: ms})[member_id]
            total = sum(o for _, o in owed)
            if amount is not None and amount != total:
                raise PaymentError(f"Số tiền {format_money(amount)} không khớp với đoàn phí phải nộp của "
                                   f"{months_text(ms)} là {format_money(total)}.")
            member = s.get(Member, member_id)
            if member is None:  # check_allocations found the member: this only tells the type checker
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            doc = self.cash.issue(s, kind="thu", category="doan_phi", doc_date=doc_date or date.today(),
                                  person_name=payer_name or member.full_name, address=member.department,
                                  member_id=member_id, amount=total,
                                  reason=f"Nộp đoàn phí công đoàn {months_text(ms)} — {member.full_name}")
            self.write_allocations(s, doc, {member_id: owed})
            return doc_info(doc)

    def pay_many(self, wanted: dict[str, list[str | date]], *, one_receipt: bool, payer_name: str | None = None,
                 doc_date: date | None = None, reason: str | None = None,
                 skip_settled: bool = False) -> list[DocInfo]:
        """Collect for many members at once, in one transaction: a receipt each, or one
        receipt for all (a group's collection handed in by its leader)."""
        if not wanted:
            raise ValidationError({"months": "chưa chọn đoàn viên nào."})
        collector = clean(payer_name) if one_receipt else None
        if one_receipt and not collector:
            raise ValidationError({"person_name": "cần họ tên người nộp (ví dụ tổ trưởng)."})
        ms = {mid: [parse_month(m) for m in months] for mid, months in wanted.items()}
        when = doc_date or date.today()
        with self.ctx.write() as s:
            owed = self.check_allocations(s, ms, skip_settled)
            ms = {mid: [m for m, _ in rows] for mid, rows in owed.items()}
            names = dict(s.execute(select(Member.id, Member.full_name).where(Member.id.in_(list(ms)))).all())
            docs = []
            if collector:  # one receipt for all (one_receipt: checked above)
                all_months = sorted({m for v in ms.values() for m in v})
                if not reason and len(ms) == 1:
                    reason = f"Nộp đoàn phí công đoàn {months_text(all_months)} — {names[next(iter(ms))]}"
                total = sum(o for rows in owed.values() for _, o in rows)
                doc = self.cash.issue(s, kind="thu", category="doan_phi", doc_date=when, person_name=collector,
                                      amount=total, attachments=f"Danh sách {len(ms)} đoàn viên" if len(ms) > 1 else None,
                                      reason=reason or f"Thu đoàn phí công đoàn {months_text(all_months)} "
                                                       f"của {len(ms)} đoàn viên")
                self.write_allocations(s, doc, owed)
                docs.append(doc_info(doc))
            else:
                for mid, rows in owed.items():
                    doc = self.cash.issue(s, kind="thu", category="doan_phi", doc_date=when,
                                          person_name=names[mid], member_id=mid, amount=sum(o for _, o in rows),
                                          reason=f"Nộp đoàn phí công đoàn {months_text(ms[mid])} — {names[mid]}")
                    self.write_allocations(s, doc, {mid: rows})
                    docs.append(doc_info(doc))
            return docs

    def write_allocations(self, s: Session, doc: CashDoc, owed: Owed) -> None:
        """What a receipt pays, member by member and month by month, inside the caller's
        transaction (the receipt's own)."""
        now = utcnow()
        # One allocation per receipt, member and month: its id follows from them (the
        # sync then sends no id for it, see protocol.tables.DERIVED_IDS).
        rows = [dict(id=derived_id("dues_payment", {"doc_id": doc.id, "member_id": mid, "month": str(month_start(m))}),
                     doc_id=doc.id, member_id=mid, month=month_start(m), amount=amount,
                     created_at=now, updated_at=now, device_id=self.ctx.device_id)
                for mid, items in owed.items() for m, amount in items]
        self._insert_allocations(s, rows, owed, f"Phiếu {doc.book_code}/{doc.number:04d}", doc.id)

    def write_bank_allocations(self, s: Session, entry: BankEntry, owed: Owed) -> None:
        """What a bank credit pays (dues transferred by a member, found on a statement),
        inside the caller's transaction: the money is in the bank book, so no cash receipt
        is issued; the credit is the document (giấy báo Có). Their ids are the model's own:
        DERIVED_IDS derive from a receipt, which these have not."""
        now = utcnow()
        rows = [dict(id=new_id(), bank_entry_id=entry.id, member_id=mid, month=month_start(m), amount=amount,
                     created_at=now, updated_at=now, device_id=self.ctx.device_id)
                for mid, items in owed.items() for m, amount in items]
        self._insert_allocations(s, rows, owed, f"Giấy báo Có ngày {entry.entry_date:%d/%m/%Y}", entry.id)

    def _insert_allocations(self, s: Session, rows: Sequence[Mapping[str, object]], owed: Owed, what: str,
                            row_id: str) -> None:
        # The receipt itself is audited row by row; its allocations (insert-only, never
        # edited, a group's year is tens of thousands) under one summary row: an audit
        # row each doubled what a unit's first sync carries, for nothing a person reads.
        members = len(owed)
        summary = (f"{what}: {len(rows)} tháng đoàn phí của "
                   f"{members} đoàn viên, {format_money(sum(a for items in owed.values() for _, a in items))}")
        bulk_begin(s.connection(), "dues_payment", summary, row_id=row_id)
        for i in range(0, len(rows), 5000):
            s.execute(insert(DuesPayment), rows[i:i + 5000])
        bulk_end(s.connection())

    # ---- bases and exemptions ------------------------------------------------------
    def set_basis(self, member_id: str, from_month: str | date, basis: str, amount: int) -> None:
        """From this month on, the member's dues are computed from `amount` (a salary, or
        for basis "fixed" the monthly dues themselves). Earlier months keep theirs."""
        m = parse_month(from_month)
        if basis not in ("bhxh", "take_home", "fixed"):
            raise ValidationError({"dues_basis": "chọn lương đóng BHXH, tiền lương thực lĩnh hoặc mức cố định."})
        if not isinstance(amount, int) or amount <= 0:
            raise ValidationError({"salary": "số tiền phải lớn hơn 0."})
        if problem := money_bound_problem(amount, "Căn cứ đóng đoàn phí"):
            raise ValidationError({"dues_basis": problem})
        with self.ctx.write() as s:
            member = s.get(Member, member_id)
            if member is None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            record_basis_change(s, member, m, basis, amount, self.ctx.device_id)

    def add_exemption(self, member_id: str, first: str | date, last: str | date, reason: str,
                      note: str | None = None) -> None:
        a, b = parse_month(first), parse_month(last)
        if b < a:
            raise ValidationError({"month": "tháng cuối trước tháng đầu."})
        if reason not in EXEMPT_REASONS:
            raise ValidationError({"reason": "chọn lý do miễn: " + ", ".join(EXEMPT_REASONS.values()) + "."})
        with self.ctx.write() as s:
            if s.get(Member, member_id) is None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            s.add(DuesExemption(member_id=member_id, from_month=month_start(a), to_month=month_start(b),
                                reason=reason, note=clean(note), device_id=self.ctx.device_id))

    def exemptions(self, member_id: str) -> list[ExemptionRow]:
        with self.ctx.read() as s:
            rows = s.execute(select(DuesExemption).where(DuesExemption.member_id == member_id,
                                                         DuesExemption.deleted_at.is_(None))
                             .order_by(DuesExemption.from_month)).scalars()
            return [ExemptionRow(month_label(month_index(e.from_month)), month_label(month_index(e.to_month)),
                                 EXEMPT_REASONS[e.reason], e.note) for e in rows]


def tracked_from(h: MemberHistory, unit_from: int) -> int:
    """The first month whose arrears are tracked for a member: the one after the months
    paid on paper before the app when the member has them, else the unit's."""
    return unit_from if h.settled_through is None else h.settled_through + 1


def record_basis_change(s: Session, member: Member, m: int, basis: str | None, amount: int | None,
                        device_id: str) -> None:
    """Add a dues basis from month m on. The first change also records the basis in force
    before it, so that earlier months keep being computed as they were."""
    rows = list(s.scalars(select(DuesBasis).where(DuesBasis.member_id == member.id, DuesBasis.deleted_at.is_(None))
                          .order_by(DuesBasis.from_month)))
    if not rows and member.salary:
        s.add(DuesBasis(member_id=member.id, from_month=date(1900, 1, 1), basis=member.dues_basis or "bhxh",
                        amount=member.salary, device_id=device_id))
    same = [r for r in rows if r.from_month == month_start(m)]
    if same:
        # A second change for the same month replaces the first one's effect by a
        # tombstone: the history keeps both rows.
        for r in same:
            r.deleted_at = utcnow()
    s.add(DuesBasis(member_id=member.id, from_month=month_start(m), basis=basis or "bhxh", amount=amount,
                    device_id=device_id))
    member.salary = amount
    member.dues_basis = basis
