"""How many members a unit has: the one count every page shows (issue 16, item 6). The
figures differ by what they count, so each is shown with its own words: members on the
books (active, suspended, honorary), those "đang sinh hoạt", and those who must pay the
month's dues (the count behind the month's due total, arrears.month_due_total)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.dues.arrears import COMMON, special_members
from desktop.services.dues.calc import compute_due, member_due, month_start
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService, raw_connection

_CURRENT = ", ".join(f"'{s}'" for s in CURRENT_STATUSES)


@dataclass(frozen=True)
class MemberCount:
    month: int  # the month whose dues payers are counted
    current: int  # on the books: CURRENT_STATUSES ("đang là đoàn viên")
    active: int  # status "active" ("đang sinh hoạt")
    dues_payers: int  # owe dues for `month` (not exempt, not suspended, not paid on paper before the app)


def member_count(dues: DuesService, s: Session, m: int) -> MemberCount:
    """The members of the unit, counted the ways the pages show them, for month m."""
    conn = raw_connection(s)
    by_status = dict(conn.execute(
        f"SELECT status, COUNT(*) FROM member WHERE deleted_at IS NULL AND status IN ({_CURRENT}) GROUP BY 1"))
    return MemberCount(m, sum(by_status.values()), by_status.get("active", 0), dues_payers(dues, s, m))


def dues_payers(dues: DuesService, s: Session, m: int) -> int:
    """How many members owe dues for month m: those month_due_total sums, in the same
    two steps (the common shape counted by (basis, salary), the others one by one)."""
    unit, _ = dues.unit(s)
    law = dues.law(s)
    conn = raw_connection(s)
    shapes: list[tuple[str | None, int | None, int]] = conn.execute(
        f"SELECT m.dues_basis, m.salary, COUNT(*) FROM member m JOIN member_event e ON e.member_id = m.id "
        f"WHERE {COMMON} AND (e.event_date IS NULL OR e.event_date < ?) "
        "AND (m.dues_paid_through IS NULL OR m.dues_paid_through < ?) GROUP BY 1, 2",
        (month_start(m + 1).isoformat(), month_start(m).isoformat())).fetchall()
    payers = sum(n for basis, salary, n in shapes if compute_due(law, unit, m, basis, salary).total > 0)
    ids = special_members(conn)
    if ids:
        histories = dues.histories(s, ids, m + MAX_MONTHS_AHEAD)
        payers += sum(1 for h in histories.values() if member_due(law, unit, h, m).total > 0)
    return payers
