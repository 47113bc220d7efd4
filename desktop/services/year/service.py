"""Closing the fiscal year and reopening it (issue 14, item 11).

After the settlement the chair closes the year: from then on nothing is written, voided
or edited with a date in it (services/core/closed_years.py asks before every write, the
database's triggers refuse what would slip past); a correction is an adjusting document
in the open year naming what it corrects (cash_doc / bank_entry corrects_id). The close
records the fingerprint and totals of the year's ledger (protocol/ledger.py, the same
computation the server makes from the rows the unit synced); the books run on across the
year end, so next year's opening is this year's closing, and the close checks that its
totals are what the cash and bank books show. Reopening is the chair's, with a reason;
both are rows of year_close, audited by the audit triggers like every synced table, and
synced."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.models import Unit, YearClose, utcnow
from desktop.services.bank.totals import money_totals
from desktop.services.core.closed_years import YearState, local_date, year_states
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.core.money import format_money
from desktop.services.core.permissions import require
from desktop.services.core.text import clean
from protocol.ledger import YearFigures, year_figures

# What each table gives the computation (protocol/ledger.py), read as stored: dates as
# "YYYY-MM-DD" text, money as integers, exactly as the rows travel to the server.
_COLUMNS = {
    "cash_doc": "id, kind, book_code, number, doc_date, category, amount, corrects_id, deleted_at",
    "cash_doc_void": "id, doc_id, void_date, deleted_at",
    "bank_entry": "id, account_id, kind, entry_date, category, amount, corrects_id, deleted_at",
    "bank_entry_void": "id, entry_id, void_date, deleted_at",
    "unit": "id, opening_balance, opening_date, deleted_at",
    "bank_account": "id, opening_balance, opening_date, deleted_at",
}


class YearCloseError(DomainError):
    code = "year_close"


@dataclass(frozen=True)
class YearEvent:
    """A close or a reopening, as year_close keeps it."""

    id: str
    event: str  # close | reopen
    year: int
    at: datetime  # UTC
    by_name: str
    reason: str | None
    figures: YearFigures | None  # a close's

    @property
    def day(self) -> date:
        return local_date(self.at)


@dataclass(frozen=True)
class YearStatus:
    year: int
    closed: bool
    last: YearEvent | None  # the event that says so; None: never closed
    documents: int  # cash documents and bank entries dated in the year
    # A closed year: whether the ledger on this PC still gives the close's fingerprint
    # (not when rows another PC wrote before the close arrived after it, or were altered).
    matches: bool | None


def _event(r: YearClose) -> YearEvent:
    figures = None
    if r.event == "close" and r.fingerprint is not None:
        figures = YearFigures(r.fingerprint, r.rows or 0, r.cash_opening or 0, r.cash_closing or 0,
                              r.bank_opening or 0, r.bank_closing or 0, r.income or 0, r.spending or 0)
    return YearEvent(r.id, r.event, r.year, r.at, r.by_name, r.reason, figures)


def _rows(s: Session, table: str, where: str = "", params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    result = s.execute(text(f"SELECT {_COLUMNS.get(table, '*')} FROM {table} {where}"), params or {})
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result]


def ledger_rows(s: Session, year: int) -> dict[str, list[dict[str, Any]]]:
    """The unit's rows the year's figures are computed from (protocol/ledger.py): all of
    the books' (the balances run from the opening dates), the dues payments only of the
    year's documents (a large unit has a million of them a year)."""
    tables = {t: _rows(s, t) for t in _COLUMNS}
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    tables["dues_payment"] = _rows(
        s, "dues_payment", "WHERE doc_id IN (SELECT id FROM cash_doc WHERE doc_date BETWEEN :a AND :b) "
        "OR bank_entry_id IN (SELECT id FROM bank_entry WHERE entry_date BETWEEN :a AND :b)", {"a": first, "b": last})
    return tables


def _documents(s: Session, year: int) -> int:
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    return int(s.execute(text(
        "SELECT (SELECT count(*) FROM cash_doc WHERE doc_date BETWEEN :a AND :b) "
        "+ (SELECT count(*) FROM bank_entry WHERE entry_date BETWEEN :a AND :b)"), {"a": first, "b": last}).scalar()
        or 0)


def _ledger_years(s: Session) -> set[int]:
    return {int(y) for (y,) in s.execute(text(
        "SELECT DISTINCT substr(doc_date, 1, 4) FROM cash_doc UNION SELECT DISTINCT substr(entry_date, 1, 4) "
        "FROM bank_entry")) if y and str(y).isdigit()}


class YearService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- reading -------------------------------------------------------------------
    def figures(self, year: int) -> YearFigures:
        """The fingerprint and totals of the year's ledger as it is now on this PC."""
        with self.ctx.read() as s:
            return year_figures(year, ledger_rows(s, year))

    def events(self, year: int | None = None) -> list[YearEvent]:
        """Every close and reopening (of one year), oldest first."""
        stmt = select(YearClose).where(YearClose.deleted_at.is_(None)).order_by(YearClose.at, YearClose.id)
        if year is not None:
            stmt = stmt.where(YearClose.year == year)
        with self.ctx.read() as s:
            return [_event(r) for r in s.scalars(stmt)]

    def status(self, *, verify: bool = True) -> list[YearStatus]:
        """Every year with documents or ever closed, oldest first; verify: whether the
        ledger of each closed year is computed again (matches; None without it)."""
        with self.ctx.read() as s:
            states = year_states(s)
            years = sorted(_ledger_years(s) | set(states))
            out = []
            for y in years:
                last = self._last(s, y)
                closed = bool(states.get(y) and states[y].closed)
                matches = None
                if verify and closed and last is not None and last.figures is not None:
                    matches = year_figures(y, ledger_rows(s, y)).fingerprint == last.figures.fingerprint
                out.append(YearStatus(y, closed, last, _documents(s, y), matches))
            return out

    def is_closed(self, year: int) -> bool:
        with self.ctx.read() as s:
            st = year_states(s).get(year)
            return bool(st and st.closed)

    def _last(self, s: Session, year: int) -> YearEvent | None:
        r = s.scalar(select(YearClose).where(YearClose.year == year, YearClose.deleted_at.is_(None))
                     .order_by(YearClose.at.desc(), YearClose.id.desc()).limit(1))
        return _event(r) if r is not None else None

    # ---- closing and reopening -----------------------------------------------------
    def preview(self, year: int) -> YearFigures:
        """What a close of the year would record, once every rule allows it (the
        confirmation the chair reads before closing)."""
        require(self.ctx, "year_close")
        with self.ctx.read() as s:
            self._may_close(s, year)
        return self._checked_figures(year)

    def close(self, year: int) -> YearEvent:
        require(self.ctx, "year_close")
        figures = self._checked_figures(year)
        with self.ctx.write() as s:
            self._may_close(s, year)
            # The ledger cannot have changed between the figures and here in a way that
            # matters to a close: computed again inside the writing transaction.
            now_figures = year_figures(year, ledger_rows(s, year))
            if now_figures != figures:
                raise YearCloseError("Sổ sách của năm vừa thay đổi trong lúc khoá sổ: hãy khoá sổ lại.")
            row = YearClose(event="close", year=year, at=self._after(year_states(s).get(year)), by_name=self._who(s),
                            reason=None,
                            fingerprint=figures.fingerprint, rows=figures.rows, cash_opening=figures.cash_opening,
                            cash_closing=figures.cash_closing, bank_opening=figures.bank_opening,
                            bank_closing=figures.bank_closing, income=figures.income, spending=figures.spending,
                            device_id=self.ctx.device_id)
            s.add(row)
            s.flush()
            return _event(row)

    def reopen(self, year: int, reason: str) -> YearEvent:
        require(self.ctx, "year_close")
        why = clean(reason)
        if not why:
            raise ValidationError({"reason": f"cần ghi lý do mở lại sổ năm {year}."})
        with self.ctx.write() as s:
            states = year_states(s)
            st = states.get(year)
            if st is None or not st.closed:
                raise YearCloseError(f"Năm {year} chưa khoá sổ: không có gì để mở lại.")
            later = sorted(y for y, other in states.items() if y > year and other.closed)
            if later:
                raise YearCloseError(f"Năm {later[-1]} đã khoá sổ: số dư của năm {year} chuyển sang năm đó, hãy mở lại "
                                     f"sổ năm {later[-1]} trước.")
            row = YearClose(event="reopen", year=year, at=self._after(st), by_name=self._who(s), reason=why,
                            device_id=self.ctx.device_id)
            s.add(row)
            s.flush()
            return _event(row)

    @staticmethod
    def _after(st: YearState | None) -> datetime:
        # The events of a year are ordered by their moment: a reopening made on a PC whose
        # clock is behind the one that closed still comes after the close it undoes.
        now = utcnow()
        return now if st is None or now > st.event_at else st.event_at + timedelta(milliseconds=1)

    def _may_close(self, s: Session, year: int) -> None:
        today = date.today()
        if year >= today.year:
            raise YearCloseError(f"Năm {year} chưa kết thúc (hết ngày 31/12/{year}): chưa khoá sổ được.")
        states = year_states(s)
        st = states.get(year)
        if st is not None and st.closed:
            raise YearCloseError(f"Năm {year} đã khoá sổ ngày {local_date(st.event_at):%d/%m/%Y} ({st.by_name}).")
        open_before = sorted(y for y in _ledger_years(s) if y < year and not (states.get(y) and states[y].closed))
        if open_before:
            raise YearCloseError(f"Năm {open_before[-1]} còn chứng từ mà chưa khoá sổ: hãy khoá sổ năm "
                                 f"{open_before[-1]} trước năm {year}.")

    def _checked_figures(self, year: int) -> YearFigures:
        """The year's figures, which must be what the cash and bank books show on 31/12 of
        the year before and of the year (they run on across the year end: next year opens
        with this year's closing)."""
        figures = self.figures(year)
        before = money_totals(self.ctx, date(year - 1, 12, 31))
        after = money_totals(self.ctx, date(year, 12, 31))
        books = (before.cash, after.cash, before.bank, after.bank)
        ours = (figures.cash_opening, figures.cash_closing, figures.bank_opening, figures.bank_closing)
        if books != ours:
            names = ("tồn quỹ đầu năm", "tồn quỹ cuối năm", "tiền gửi đầu năm", "tiền gửi cuối năm")
            diffs = "; ".join(f"{n}: sổ {format_money(b)}, khoá sổ {format_money(o)}"
                              for n, b, o in zip(names, books, ours) if b != o)
            raise YearCloseError(f"Số dư của năm {year} không khớp với sổ sách ({diffs}): chưa khoá sổ được.")
        return figures

    def _who(self, s: Session) -> str:
        user = self.ctx.user
        if user is not None:
            return user.full_name or user.username
        unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        return (unit.chair_name if unit and unit.chair_name else None) or platform.node() or "Chủ tịch"
