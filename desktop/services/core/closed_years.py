"""Whether a date falls in a closed fiscal year (issue 14, item 11): the one question the
books below the year's own package (cash, bank, dues, activities) must ask before they
write, so it lives here, in the lowest layer, and reads the year_close table directly.
Closing and reopening are desktop/services/year's.

The database refuses the same rows by its own triggers (migration 0019); this check comes
first so that the person reads why, with the date of the close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankEntry, CashDoc, YearClose
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, ValidationError
from protocol.ledger import latest_events

_CACHE = "closed_years"  # Session.info key


class YearClosedError(DomainError):
    code = "year_closed"


@dataclass(frozen=True)
class YearState:
    year: int
    closed: bool
    event_at: datetime  # the last close or reopening, UTC
    by_name: str
    reason: str | None


def year_states(s: Session) -> dict[int, YearState]:
    """The state of every year that was ever closed, by its last event."""
    rows = [{"id": r.id, "year": r.year, "at": r.at.isoformat(sep=" ", timespec="microseconds"), "event": r.event, "row": r}
            for r in s.scalars(select(YearClose).where(YearClose.deleted_at.is_(None)))]
    out = {}
    for year, last in latest_events(rows).items():
        r = last["row"]
        out[year] = YearState(year, r.event == "close", r.at, r.by_name, r.reason)
    return out


def closed_years(s: Session) -> dict[int, YearState]:
    return {y: st for y, st in year_states(s).items() if st.closed}


def local_date(moment: datetime) -> date:
    """The day of a UTC moment as the office sees it (Việt Nam, UTC+7, no summer time)."""
    return (moment + timedelta(hours=7)).date()


def closed_message(state: YearState) -> str:
    return (f"Năm {state.year} đã khoá sổ ngày {local_date(state.event_at):%d/%m/%Y}; lập chứng từ điều chỉnh "
            "trong năm đang mở.")


def check_open(s: Session, *days: date | None, what: str = "Chứng từ") -> None:
    """YearClosedError naming the year and the day it was closed when one of the dates
    falls in a closed year. Read once per session (a statement import posts thousands of
    lines in one): nothing closes or reopens a year inside a write that posts documents."""
    closed = s.info.get(_CACHE)
    if closed is None:
        closed = s.info[_CACHE] = closed_years(s)
    if not closed:
        return
    for day in days:
        if day is not None and day.year in closed:
            raise YearClosedError(f"{what} ngày {day:%d/%m/%Y}: {closed_message(closed[day.year])}")


def closed_on(ctx: Context, day: date) -> str | None:
    """Why nothing dated `day` can be written or voided any more (its year is closed), or
    None: what a page asks before it offers an adjusting document instead of a void."""
    with ctx.read() as s:
        state = closed_years(s).get(day.year)
    return closed_message(state) if state is not None else None


# ---- adjusting documents --------------------------------------------------------------

_CASH_NAMES = {"thu": "Phiếu thu", "chi": "Phiếu chi"}
_ENTRY_NAMES = {"credit": "Giấy báo Có", "debit": "Giấy báo Nợ", "interest": "Lãi tiền gửi", "fee": "Phí ngân hàng",
                "deposit": "Nộp tiền mặt vào tài khoản", "withdrawal": "Rút tiền gửi về quỹ tiền mặt"}


def document_label(s: Session, doc_id: str) -> tuple[str, date] | None:
    """A cash document or bank entry named as people read it ("Phiếu thu T2025-01/0007
    ngày 12/03/2025"), with its date; None if there is none with that id."""
    doc = s.get(CashDoc, doc_id)
    if doc is not None:
        return ((f"{_CASH_NAMES.get(doc.kind, doc.kind)} số {doc.book_code}/{doc.number:04d} ngày "
                f"{doc.doc_date:%d/%m/%Y}"), doc.doc_date)
    entry = s.get(BankEntry, doc_id)
    if entry is not None:
        ref = f" số {entry.reference}" if entry.reference else ""
        return (f"{_ENTRY_NAMES.get(entry.kind, entry.kind)}{ref} ngày {entry.entry_date:%d/%m/%Y} "
                f"({entry.amount:,} đ)".replace(",", "."), entry.entry_date)
    return None


def corrected_document(s: Session, doc_id: str, on: date) -> str:
    """The label of the closed year's document an adjusting document dated `on` corrects;
    ValidationError (field "corrects") when there is none, or its year is still open (a
    document of an open year is voided and written again, not adjusted)."""
    found = document_label(s, doc_id)
    if found is None:
        raise ValidationError({"corrects": f"không tìm thấy chứng từ “{doc_id}” cần điều chỉnh."})
    label, day = found
    if day.year not in closed_years(s):
        raise ValidationError({"corrects": f"{label} thuộc năm {day.year} chưa khoá sổ: hãy hủy chứng từ đó và lập "
                                          "lại, chỉ chứng từ của năm đã khoá sổ mới được điều chỉnh."})
    if on <= day:
        raise ValidationError({"corrects": f"chứng từ điều chỉnh phải lập sau {label}."})
    return label
