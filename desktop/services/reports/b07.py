"""The settlement B07-TLĐ of a year (issue 14, item 8): part A (workers and payroll for
kinh phí, typed by the unit and kept with the year; members at 31/12 and the payroll used
for dues, from the ledger) and part B line by line as the form file says (b07_form.py),
from the cash book (S11-H) and the bank book (S12-H) together.

Two checks become warning lines on the form rather than errors, since the settlement must
still be printable to be corrected: the accumulated balance brought forward (Mã số 10)
against last year's closing as it was reported (recorded when last year's settlement was
saved), and the closing line against the cash and bank balances at 31/12 (money outside
the form's lines, or an account whose opening balance came after its first entries)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankAccount, SettlementFigure, Unit
from desktop.services.bank.totals import money_totals
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.money import format_money
from desktop.services.core.permissions import can, require
from desktop.services.core.statuses import CURRENT_STATUSES, EVENT_KINDS
from desktop.services.dues.arrears import COMMON, special_members
from desktop.services.dues.calc import compute_due, member_due, month_index, month_start
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService, raw_connection
from desktop.services.reports.b07_form import Form, FormLine, form_for_year
from desktop.services.units.service import UnitService
from protocol.fields import MAX_PAYROLL, SETTLEMENT_FIGURES

# The settlement's figures kept per year (models.SettlementFigure, synced): part A's that the
# unit types, and the cash and bank closing as the year's saved settlement reported them.
INPUT_KEYS = ("workers_kpcd", "payroll_kpcd")
assert set(INPUT_KEYS) <= set(SETTLEMENT_FIGURES)
_FIGURES = uuid.UUID("6c1e2f3a-9b4d-4e8f-a2c5-3d7b1e0f9a64")
# The event kinds that leave a member on the books: the statuses of the app's one count.
ON_BOOKS = ", ".join(f"'{k}'" for k, ev in EVENT_KINDS.items() if ev.to_status in CURRENT_STATUSES)
CURRENT = ", ".join(f"'{s}'" for s in CURRENT_STATUSES)
MAX_WORKERS = 10_000_000  # above the whole VGCL's membership: a typing error


@dataclass(frozen=True)
class PartAFigure:
    key: str
    label: str
    unit: str
    value: int | None  # None: an input not given yet (printed blank, never made up)
    source: str
    confirmed: bool


@dataclass(frozen=True)
class LineFigure:
    line: FormLine
    amount: int


@dataclass(frozen=True)
class B07:
    year: int
    form: Form
    part_a: tuple[PartAFigure, ...]
    lines: tuple[LineFigure, ...]
    opening_cash: int
    opening_bank: int
    closing_cash: int
    closing_bank: int
    warnings: tuple[str, ...]

    def amount(self, code: str) -> int:
        return next(f.amount for f in self.lines if f.line.code == code)

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        return tuple(a.label for a in self.part_a if a.value is None)


def _year_check(year: int) -> None:
    if not 2000 <= year <= date.today().year:
        raise ValidationError({"year": f"chỉ lập quyết toán cho năm từ 2000 đến năm nay, không cho năm {year}."})


def figure_id(year: int, key: str) -> str:
    """A settlement figure's row: the same on every PC, so two PCs write one row."""
    return str(uuid.uuid5(_FIGURES, f"settlement_figure/{year}/{key}"))


def _figures(s: Session, year: int) -> dict[str, int]:
    rows = s.execute(select(SettlementFigure.key, SettlementFigure.value).where(
        SettlementFigure.year == year, SettlementFigure.deleted_at.is_(None)))
    return {k: v for k, v in rows if v is not None}


def _put_figures(s: Session, ctx: Context, year: int, values: dict[str, int | None]) -> None:
    for key, value in values.items():
        row = s.get(SettlementFigure, figure_id(year, key))
        if row is None:
            if value is None:
                continue
            row = SettlementFigure(id=figure_id(year, key), year=year, key=key, device_id=ctx.device_id)
            s.add(row)
        if row.value != value:
            row.value = value
    s.flush()


def inputs(ctx: Context, year: int) -> dict[str, int]:
    """The part A figures the unit typed for the year."""
    with ctx.read() as s:
        return {k: v for k, v in _figures(s, year).items() if k in INPUT_KEYS}


def save_inputs(ctx: Context, year: int, values: dict[str, int | None]) -> dict[str, int]:
    """Store part A figures typed by the unit (None removes one). Only the rows the form
    marks "input" are accepted; a count of people and an amount of money each checked.
    They are the accountant's figures: written by those who may keep the money's books."""
    require(ctx, "money")
    _year_check(year)
    form = form_for_year(year, ctx.db.path.parent / "forms")
    typed = {r.key: r for r in form.part_a if r.source == "input"}
    errors = {}
    for key, value in values.items():
        row = typed.get(key)
        if row is None or key not in INPUT_KEYS:  # kept and synced only under the keys the protocol knows
            errors[key] = f"“{key}” không phải số liệu nhập tay của mẫu (có: {', '.join(k for k in typed if k in INPUT_KEYS)})."
        elif value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            errors[key] = f"{row.label}: phải là số nguyên không âm."
        elif value is not None and row.unit == "người" and value > MAX_WORKERS:
            errors[key] = f"{row.label}: {value} người là quá lớn."
        elif value is not None and row.unit == "đồng" and value > MAX_PAYROLL:
            # A year's payroll, not one document: beyond MAX_MONEY for a large employer.
            errors[key] = f"{row.label}: {format_money(value)} là quá lớn."
    if errors:
        raise ValidationError(errors)
    with ctx.write() as s:
        _put_figures(s, ctx, year, values)
        return {k: v for k, v in _figures(s, year).items() if k in INPUT_KEYS}


def record_closing(ctx: Context, st: B07) -> None:
    """Keep the year's closing as the settlement reports it: next year's Mã số 10 is
    checked against it. Only a saving by those who keep the books counts as the one sent
    upward (a viewer's copy is not recorded)."""
    if not can(ctx, "money"):
        return
    with ctx.write() as s:
        _put_figures(s, ctx, st.year, {"reported_closing_cash": st.closing_cash,
                                       "reported_closing_bank": st.closing_bank})


def _members_year_end(s: Session, day: date) -> int:
    """Members on the books (active, suspended, honorary) at the end of the day: the app's
    one count (members.counts: member.status), with the members who had an event after
    the day taken back to their status on it, replayed from their events up to it."""
    conn = raw_connection(s)
    later = "SELECT member_id FROM member_event WHERE deleted_at IS NULL AND event_date > ?"
    unchanged: int = conn.execute(
        f"SELECT COUNT(*) FROM member WHERE deleted_at IS NULL AND status IN ({CURRENT}) AND id NOT IN ({later})",
        (day.isoformat(),)).fetchone()[0]
    replayed: int = conn.execute(
        "SELECT COUNT(*) FROM (SELECT e.member_id, e.kind, ROW_NUMBER() OVER (PARTITION BY e.member_id "
        "ORDER BY e.seq DESC) AS rn FROM member_event e JOIN member m ON m.id = e.member_id "
        f"WHERE e.member_id IN ({later}) AND e.deleted_at IS NULL AND m.deleted_at IS NULL "
        "AND (e.event_date IS NULL OR e.event_date <= ?)) "
        f"WHERE rn = 1 AND kind IN ({ON_BOOKS})", (day.isoformat(), day.isoformat())).fetchone()[0]
    return unchanged + replayed


def _dues_payroll(dues: DuesService, s: Session, year: int) -> int:
    """The year's payroll used for dues: for each month, the salary base (BHXH salary or
    take-home pay) of every member who owed dues for it; a fixed amount has no salary and
    adds nothing. Counted as the month's due total is (dues.arrears.month_due_total): the
    common shape grouped by (basis, salary), the others through their history."""
    unit, _ = dues.unit(s)
    law = dues.law(s)
    conn = raw_connection(s)
    total = 0
    first, last = month_index(date(year, 1, 1)), month_index(date(year, 12, 1))
    ids = special_members(conn)
    histories = dues.histories(s, ids, last + MAX_MONTHS_AHEAD) if ids else {}
    # One read of the common members by (basis, salary, month admitted, month paid to on
    # paper), each month then taken from it: a query per month cost 0.3 s at 100,000 members.
    shapes = conn.execute(
        f"SELECT m.dues_basis, m.salary, substr(e.event_date, 1, 7), substr(m.dues_paid_through, 1, 7), COUNT(*) "
        f"FROM member m JOIN member_event e ON e.member_id = m.id WHERE {COMMON} "
        "AND (e.event_date IS NULL OR e.event_date < ?) GROUP BY 1, 2, 3, 4",
        (month_start(last + 1).isoformat(),)).fetchall()
    # For each (basis, salary): how many of the months from the i-th of the year to
    # December it owes dues in (the law of each month), so that each shape is one product.
    owing: dict[tuple[str | None, int], list[int]] = {}
    for basis, salary, joined, paid_to, n in shapes:
        if basis == "fixed" or not salary:
            continue
        start = max(first, month_index(date.fromisoformat(joined + "-01")) if joined else first)
        if paid_to:
            start = max(start, month_index(date.fromisoformat(paid_to + "-01")) + 1)
        if start > last:
            continue
        months_left = owing.get((basis, salary))
        if months_left is None:
            flags = [compute_due(law, unit, m, basis, salary).total > 0 for m in range(first, last + 1)]
            months_left = owing[(basis, salary)] = [sum(flags[i:]) for i in range(len(flags))]
        total += n * salary * months_left[start - first]
    for h in histories.values():  # only the months each member is on the books for (most left long ago)
        for a, b in h.active:
            for m in range(max(a, first), min(b, last) + 1):
                due = member_due(law, unit, h, m)
                basis, amount = h.basis_at(m)
                if due.total > 0 and basis != "fixed" and amount:
                    total += amount
    return total


def _sums(s: Session, first: date, last: date) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str | None], int]]:
    """Live cash documents by (kind, category) and live bank entries by (kind, category)
    dated in the year."""
    conn = raw_connection(s)
    span = (first.isoformat(), last.isoformat())
    cash = {(k, c): a for k, c, a in conn.execute(
        "SELECT d.kind, d.category, SUM(d.amount) FROM cash_doc d WHERE d.doc_date BETWEEN ? AND ? "
        "AND d.id NOT IN (SELECT doc_id FROM cash_doc_void) GROUP BY 1, 2", span)}
    bank = {(k, c): a for k, c, a in conn.execute(
        "SELECT e.kind, e.category, SUM(e.amount) FROM bank_entry e JOIN bank_account a ON a.id = e.account_id "
        "WHERE a.deleted_at IS NULL AND e.entry_date BETWEEN ? AND ? "
        "AND e.id NOT IN (SELECT entry_id FROM bank_entry_void) GROUP BY 1, 2", span)}
    return cash, bank


def _dues_excess(ctx: Context, year: int) -> int:
    """Dues collected in the year above the law's rate, as the remittance statements count
    it. Only a unit of group 2 or 3 with its own higher rate has any (QĐ 61/QĐ-TLĐ): for the
    others the year's payments are not read at all (about 0.5 s more at 100,000 members)."""
    settings = UnitService(ctx).dues_settings()
    if not settings.higher_rate_percent or settings.dues_group not in (2, 3):
        return 0
    plans = RemittanceService(ctx).plans(month_index(date(year, 1, 1)), month_index(date(year, 12, 1)))
    return sum(p.excess for p in plans)


def _books_start_warnings(ctx: Context, year: int, opening_code: str) -> list[str]:
    """A unit that began its books in the app in the middle of a year (the setup wizard's
    opening balances): its cash book or an account opens after 01/01, so the year's
    figures are only from that day, and Mã số 10 is the balance on that day; a year that
    ended before every book began has nothing of the app's to report. Said, never hidden."""
    with ctx.read() as s:
        cash_from = s.scalar(select(Unit.opening_date))
        accounts = s.execute(select(BankAccount.institution, BankAccount.account_number, BankAccount.opening_date)
                             .where(BankAccount.deleted_at.is_(None))).all()
    starts = ([("Sổ quỹ tiền mặt", cash_from)] if cash_from else []) + [
        (f"Sổ tiền gửi {institution} {number}", opened) for institution, number, opened in accounts]
    if not starts:
        return []
    first, last = date(year, 1, 1), date(year, 12, 31)
    if all(opened > last for _, opened in starts):
        begun = min(opened for _, opened in starts)
        return [(f"Năm {year} kết thúc trước khi sổ sách bắt đầu ghi trên phần mềm (ngày {begun:%d/%m/%Y}): báo cáo "
                 "không có số liệu của năm này; hãy lập quyết toán năm đó theo sổ sách cũ.")]
    return [f"{name} bắt đầu ghi trên phần mềm từ ngày {opened:%d/%m/%Y}: thu, chi trước ngày đó không có trong báo "
            f"cáo, và số dư đầu của sổ được tính vào Mã số {opening_code} như có từ đầu năm; hãy cộng thêm theo sổ "
            "sách cũ." for name, opened in starts if first < opened <= last]


def settlement_b07(ctx: Context, year: int) -> B07:
    """The B07-TLĐ of the year from the ledger, on the form in force for it."""
    _year_check(year)
    form = form_for_year(year, ctx.db.path.parent / "forms")
    first, last = date(year, 1, 1), date(year, 12, 31)
    before, end = money_totals(ctx, date(year - 1, 12, 31)), money_totals(ctx, last)
    dues = DuesService(ctx)
    with ctx.read() as s:
        cash, bank = _sums(s, first, last)
        needs = {r.source for r in form.part_a}
        members = _members_year_end(s, last) if "members_year_end" in needs else 0
        payroll = _dues_payroll(dues, s, year) if "dues_payroll" in needs else 0
        reported = _figures(s, year - 1)
    typed = inputs(ctx, year)
    part_a = tuple(PartAFigure(r.key, r.label, r.unit,
                               typed.get(r.key) if r.source == "input" else
                               members if r.source == "members_year_end" else payroll, r.source, r.confirmed)
                   for r in form.part_a)
    excess = _dues_excess(ctx, year)
    amounts: dict[str, int] = {}

    def flows(ln: FormLine) -> int:
        doc_kind = "thu" if ln.kind == "income" else "chi"
        entry_kind = "credit" if ln.kind == "income" else "debit"
        return (sum(cash.get((doc_kind, c), 0) + bank.get((entry_kind, c), 0) for c in ln.categories)
                + sum(a for (k, _), a in bank.items() if k in ln.bank_kinds))

    dues_income = cash.get(("thu", "doan_phi"), 0) + bank.get(("credit", "doan_phi"), 0)
    simple = {"opening": before.total, "closing_cash": end.cash, "closing_bank": end.bank,
              "dues_excess": excess, "dues_standard": dues_income - excess}

    def value(code: str) -> int:
        if code not in amounts:
            ln = form.line(code)
            if ln.kind == "sum":
                amounts[code] = sum(value(c) for c in ln.plus) - sum(value(c) for c in ln.minus)
            elif ln.kind in ("income", "spending"):
                amounts[code] = flows(ln)
            else:
                amounts[code] = simple[ln.kind]
        return amounts[code]

    lines = tuple(LineFigure(ln, value(ln.code)) for ln in form.lines)
    opening_code = next(ln.code for ln in form.lines if ln.kind == "opening")
    warnings = _books_start_warnings(ctx, year, opening_code)
    if "reported_closing_cash" in reported or "reported_closing_bank" in reported:
        was_cash, was_bank = reported.get("reported_closing_cash", 0), reported.get("reported_closing_bank", 0)
        was_total = was_cash + was_bank
        if was_total != before.total:
            warnings.append(
                f"Mã số {opening_code} ({format_money(before.total)}) khác số tích lũy cuối kỳ đã báo cáo trong quyết "
                f"toán năm {year - 1} ({format_money(was_total)}; tiền mặt {format_money(was_cash)}, "
                f"tiền gửi {format_money(was_bank)}): chứng từ năm {year - 1} đã thay đổi sau khi "
                "quyết toán, cần điều chỉnh.")
    closing = amounts[form.closing_line]
    if closing != end.total:
        warnings.append(
            f"Mã số {form.closing_line} ({format_money(closing)}) khác số dư thực tế ngày {last:%d/%m/%Y} "
            f"(tiền mặt {format_money(end.cash)} + tiền gửi {format_money(end.bank)} = {format_money(end.total)}): "
            "có khoản thu, chi ngoài các dòng của mẫu hoặc số dư đầu của tài khoản ghi sau chứng từ.")
    return B07(year, form, part_a, lines, before.cash, before.bank, end.cash, end.bank, tuple(warnings))
