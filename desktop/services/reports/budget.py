"""The budget estimate (dự toán thu, chi tài chính công đoàn, form B14-TLĐ) for a year:
for each line of the form (budget_form.py), last year's actual from both books, this year's
estimate and what the upper level approved.

The app proposes each estimate from the ledger and the members (PROPOSALS); the accountant
edits any line, and only what a person typed is stored (budget_line, synced and audited).
Totals are never typed: they follow from their lines. A proposal that depends on another
line (kinh phí on the payroll A2, the remittance on the dues line) follows that line's
value as edited."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.models import BudgetLine, utcnow
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.money import money_bound_problem
from desktop.services.core.text import clean
from desktop.services.dues.calc import month_index, round_to
from desktop.services.dues.remittance import RemittanceService, share_text
from desktop.services.dues.service import DuesService, TrackedUnit
from desktop.services.dues.totals import due_by_group_and_month, due_by_month
from desktop.services.reports.budget_form import BudgetForm, FormLine, budget_form, kinh_phi_rate
from desktop.services.reports.ledger_year import ledger_year
from desktop.services.reports.service import member_stats

MIN_YEAR = 2000
MAX_PEOPLE = 10_000_000  # more members than the whole VGCL has: a typing mistake
_NS = uuid.UUID("0b6f3d62-51c4-4d0e-9a55-1c2e8f7b9d20")


def line_id(year: int, code: str) -> str:
    """The row of a line's edit: the same on every PC, so two PCs write one row."""
    return str(uuid.uuid5(_NS, f"budget_line/{year}/{code}"))


@dataclass(frozen=True)
class BudgetRow:
    line: FormLine
    actual: int | None  # last year's (ước thực hiện năm trước)
    proposed: int | None  # what the app proposes
    estimate: int | None  # the value: typed, else proposed
    approved: int | None
    note: str | None
    edited: bool  # the estimate was typed by a person
    how: str  # how the proposal was made, in words

    @property
    def code(self) -> str:
        return self.line.code


@dataclass(frozen=True)
class Budget:
    year: int
    form: BudgetForm
    rows: tuple[BudgetRow, ...]
    notes: tuple[str, ...]  # the rates and shares the proposals used, with their sources

    def row(self, code: str) -> BudgetRow:
        return next(r for r in self.rows if r.code == code)


@dataclass(frozen=True)
class LineEdit:
    code: str
    estimate: int | None  # None: back to the proposal
    approved: int | None
    note: str | None


def check_year(year: object) -> int:
    """A budget is made for next year at the latest."""
    limit = date.today().year + 1
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= limit:
        raise ValidationError({"year": f"dự toán lập cho năm từ {MIN_YEAR} đến {limit} (năm sau), không cho năm "
                                       f"{year}."})
    return year


def _amount_problem(line: FormLine, value: object, what: str) -> str | None:
    label = f"{what} của dòng {line.code} ({line.label})"
    if not isinstance(value, int) or isinstance(value, bool):
        return f"{label} phải là số nguyên."
    if not line.money and not 0 <= value <= MAX_PEOPLE:
        return f"{label} phải từ 0 đến {MAX_PEOPLE:,}".replace(",", ".") + " người."
    return money_bound_problem(value, label)


class _LawRateOnly(DuesService):
    """The unit as if it had no higher rate of its own: its dues at the law's rate, the part
    whose share goes upward (the excess stays in full with the unit, QĐ 61/QĐ-TLĐ)."""

    def unit(self, s: Session) -> TrackedUnit:
        tracked = super().unit(s)
        return tracked._replace(dues=replace(tracked.dues, higher_rate_bp=None))


class _Figures:
    """What the proposals are made of, read once for a year."""

    def __init__(self, ctx: Context, year: int) -> None:
        self.year = year
        self.last = ledger_year(ctx, year - 1)
        self.before = ledger_year(ctx, year - 2)
        asof = min(date.today(), date(year - 1, 12, 31))
        self.members = member_stats(ctx, date(asof.year, 1, 1), asof).total
        with ctx.read() as s:
            row = s.execute(text(
                "SELECT COALESCE(SUM(CASE WHEN COALESCE(dues_basis, 'bhxh') = 'bhxh' THEN salary END), 0), "
                "COALESCE(SUM(CASE WHEN COALESCE(dues_basis, 'bhxh') <> 'fixed' THEN salary END), 0) "
                "FROM member WHERE deleted_at IS NULL AND status = 'active' AND salary > 0")).one()
        self.payroll_kinh_phi, self.payroll_dues = 12 * int(row[0]), 12 * int(row[1])
        first, last = month_index(date(year, 1, 1)), month_index(date(year, 12, 31))
        self.dues = sum(due_by_month(ctx, first, last).values())
        self.standard = self.dues
        with ctx.read() as s:
            if DuesService(ctx).unit(s).dues.higher_rate_bp:
                self.standard = sum(due_by_group_and_month(_LawRateOnly(ctx), s, first, last).by_month.values())
        self.share = RemittanceService(ctx).share_for(last)
        self.rate = kinh_phi_rate(date(year, 1, 1))


def _actual(line: FormLine, f: _Figures) -> int | None:
    if line.proposal == "members":
        return f.members
    if line.part == "A":
        return None
    if line.sources == ("opening",):
        return f.last.opening
    return f.last.amount(line.sources)


def _proposal(line: FormLine, f: _Figures, values: Mapping[str, int | None], actual: int | None) -> tuple[int, str]:
    p = line.proposal
    if p == "members":
        return f.members, "số đoàn viên đang sinh hoạt"
    if p == "payroll_kinh_phi":
        return f.payroll_kinh_phi, "tiền lương đóng BHXH của đoàn viên đang sinh hoạt × 12 tháng"
    if p == "payroll_dues":
        return f.payroll_dues, "tiền lương làm căn cứ đóng đoàn phí của đoàn viên đang sinh hoạt × 12 tháng"
    if p == "closing_of_previous":
        return f.last.closing, f"số dư tiền mặt và tiền gửi cuối năm {f.year - 1}"
    if p == "dues_expected":
        return f.dues, f"đoàn phí phải thu 12 tháng năm {f.year} theo đoàn viên, tiền lương và quy định từng tháng"
    if p == "kinh_phi_expected":
        payroll = values.get("A2") or 0
        if f.rate is None:
            return 0, "chưa có tỷ lệ kinh phí công đoàn cho năm này"
        amount = round_to(payroll * f.rate.rate_bp * f.rate.kept_bp, 10000 * 10000, 1)
        return amount, (f"quỹ lương dòng A2 × {share_text(f.rate.rate_bp)} × {share_text(f.rate.kept_bp)} "
                        "công đoàn cơ sở được sử dụng")
    if p == "remittance_expected":
        if f.share is None:
            return 0, "chưa có quy định tỷ lệ nộp cấp trên"
        dues = values.get("B22") or 0
        if f.standard == f.dues or not f.dues:
            return round_to(dues * f.share.share_bp, 10000, 1), f"đoàn phí dự toán × {share_text(f.share.share_bp)}"
        # The share of the part at the law's rate only, in the proportion the members' dues show.
        return (round_to(dues * f.standard * f.share.share_bp, f.dues * 10000, 1),
                f"phần đoàn phí theo mức quy định × {share_text(f.share.share_bp)} (phần thu cao hơn giữ lại 100%)")
    return actual or 0, "bằng ước thực hiện năm trước"


def _total(line: FormLine, values: Mapping[str, int | None]) -> int | None:
    parts = [(-1 if t.startswith("-") else 1, values.get(t.lstrip("-"))) for t in line.terms]
    if all(v is None for _, v in parts):
        return None
    return sum(sign * (v or 0) for sign, v in parts)


class BudgetService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.form = budget_form()

    def _stored(self, year: int) -> dict[str, tuple[int | None, int | None, str | None]]:
        with self.ctx.read() as s:
            return {r.code: (r.estimate, r.approved, r.note) for r in s.scalars(select(BudgetLine).where(
                BudgetLine.year == year, BudgetLine.deleted_at.is_(None)))}

    def show(self, year: int) -> Budget:
        year = check_year(year)
        f = _Figures(self.ctx, year)
        stored = self._stored(year)
        values: dict[str, int | None] = {}
        actuals: dict[str, int | None] = {}
        approvals: dict[str, int | None] = {}
        rows: list[BudgetRow] = []
        for line in self.form.lines:
            st = stored.get(line.code)
            if line.heading:
                rows.append(BudgetRow(line, None, None, None, None, None, False, ""))
                continue
            if line.total:
                actual, value, approved = _total(line, actuals), _total(line, values), _total(line, approvals)
                row = BudgetRow(line, actual, value, value, approved, None, False, "cộng các dòng")
            else:
                actual = _actual(line, f)
                proposed, how = _proposal(line, f, values, actual)
                typed, approved, note = st or (None, None, None)
                row = BudgetRow(line, actual, proposed, typed if typed is not None else proposed, approved, note,
                                typed is not None, how)
            actuals[line.code], values[line.code], approvals[line.code] = row.actual, row.estimate, row.approved
            rows.append(row)
        notes = []
        if f.rate is not None:
            notes.append(f"Kinh phí công đoàn: {share_text(f.rate.rate_bp)} quỹ lương, công đoàn cơ sở được sử dụng "
                         f"{share_text(f.rate.kept_bp)} ({f.rate.source}).")
        if f.share is not None:
            notes.append(f"Nộp cấp trên {share_text(f.share.share_bp)} đoàn phí ({f.share.source}).")
        return Budget(year, self.form, tuple(rows), tuple(notes))

    def _check(self, year: int, edits: list[LineEdit]) -> list[tuple[LineEdit, str | None]]:
        errors: dict[str, str] = {}
        out = []
        for e in edits:
            line = self.form.line(e.code)
            if line is None or not line.editable:
                known = ", ".join(ln.code for ln in self.form.lines if ln.editable)
                what = "là dòng cộng, không sửa được" if line is not None else "không có trong biểu mẫu"
                errors[f"line {e.code}"] = f"dòng “{e.code}” {what}: các dòng sửa được là {known}."
                continue
            for field, value, what in (("estimate", e.estimate, "Dự toán"), ("approved", e.approved,
                                                                              "Số cấp trên duyệt")):
                if value is not None and (problem := _amount_problem(line, value, what)):
                    errors[f"{field} {e.code}"] = problem
            out.append((e, clean(e.note)))
        if errors:
            raise ValidationError(errors)
        return out

    def save(self, year: int, edits: list[LineEdit]) -> Budget:
        """The lines as the accountant left them, all in one transaction: a line with no
        estimate, approval or note goes back to the proposal (its row tombstoned)."""
        year = check_year(year)
        checked = self._check(year, edits)
        with self.ctx.write() as s:
            for e, note in checked:
                row = s.get(BudgetLine, line_id(year, e.code))
                empty = e.estimate is None and e.approved is None and not note
                if row is None:
                    if empty:
                        continue
                    row = BudgetLine(id=line_id(year, e.code), year=year, code=e.code, device_id=self.ctx.device_id)
                    s.add(row)
                if empty:
                    if row.deleted_at is None:
                        row.deleted_at = utcnow()
                    continue
                if (row.estimate, row.approved, row.note, row.deleted_at) != (e.estimate, e.approved, note, None):
                    row.estimate, row.approved, row.note, row.deleted_at = e.estimate, e.approved, note, None
            s.flush()
        return self.show(year)

    def set_line(self, year: int, code: str, *, estimate: int | None, approved: int | None = None,
                 note: str | None = None) -> BudgetRow:
        """One line (the CLI's `budget set`): what is not given keeps its stored value."""
        year = check_year(year)
        current = self.show(year)
        line = self.form.line(code)
        if line is not None and line.editable:
            old = current.row(code)
            edit = LineEdit(code, estimate if estimate is not None else (old.estimate if old.edited else None),
                            approved if approved is not None else old.approved,
                            note if note is not None else old.note)
        else:
            edit = LineEdit(code, estimate, approved, note)
        return self.save(year, [edit]).row(code)


def as_edits(budget: Budget) -> list[LineEdit]:
    """The budget's editable lines as they stand (what a dialog starts from)."""
    return [LineEdit(r.code, r.estimate if r.edited else None, r.approved, r.note)
            for r in budget.rows if r.line.editable]

