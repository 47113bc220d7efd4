"""Members behind with their dues, in months (DOMAIN.md, QĐ 5130/QĐ-TLĐ art. 25: 6 months
unpaid → khiển trách, 9 → cảnh cáo, 12 → khai trừ; the software flags, people decide),
and the whole unit's dues of one month. Both use DuesService's histories and the
arithmetic of dues.calc, read with plain SQL as the dues page does.

"Months behind" of a member at month `ref` (the month being collected, not yet late) are
the months after the last month they paid anything for, up to the month before `ref`,
in which they owed dues: months not owed (exempt, suspended, not yet a member, before
the unit tracks arrears, paid on paper before the app) neither count nor break the run."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.models.chunks import in_chunks
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.dues.calc import (
    LawTables,
    MemberHistory,
    UnitDues,
    compute_due,
    member_due,
    month_index,
    month_start,
)
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService, raw_connection, tracked_from

THRESHOLDS = (6, 9, 12)  # khiển trách, cảnh cáo, khai trừ
THRESHOLD_LABELS = {6: "khiển trách", 9: "cảnh cáo", 12: "khai trừ"}
_CURRENT = ", ".join(f"'{s}'" for s in CURRENT_STATUSES)


@dataclass(frozen=True, slots=True)
class ArrearsMember:
    member_id: str
    full_name: str
    group_name: str | None
    months: int  # months owed in a row, up to the month before the reference month
    first_month: int  # the first of them (month index)
    amount: int  # what those months owe, đồng


class Candidate(NamedTuple):
    """A member who may be behind, as behind_candidates reads them."""

    last_paid: int | None  # the last month paid for before the reference month
    full_name: str
    group_name: str | None
    dues_basis: str | None
    salary: int | None


def _voided_members(conn: sqlite3.Connection) -> set[str]:
    """Members with a voided receipt or bank credit: read from the few voids, through
    ix_dues_payment_doc_id and ix_dues_payment_bank_entry_id (a join from dues_payment
    would scan every payment)."""
    out: set[str] = set()
    for column, voids in (("doc_id", "SELECT doc_id FROM cash_doc_void"),
                          ("bank_entry_id", "SELECT entry_id FROM bank_entry_void")):
        docs: list[str] = [r[0] for r in conn.execute(voids)]
        for chunk, marks in in_chunks(docs):
            out.update(r[0] for r in conn.execute(
                f"SELECT DISTINCT member_id FROM dues_payment WHERE {column} IN ({marks})", chunk))
    return out


def behind_candidates(s: Session, ref: int, min_months: int, track_from: int | None = None) -> dict[str, Candidate]:
    """Members on the books who paid, by non-voided receipts, for none of the `min_months`
    months before `ref`, and whose arrears are tracked since before those months (months
    paid on paper before the app, or the unit's `track_from`). Only they can be that far
    behind.

    One index seek per member (ix_dues_payment_member_month) tells who paid in those
    months; the last month paid and the rest are read only for the few who did not. (A
    scan of every payment of two years costs several times more; reading the last month
    paid of every member and sorting them out in Python took 1.6 times as long: measured
    with 100,000 members, 5% of them behind.)"""
    conn = raw_connection(s)
    since, before = month_start(ref - min_months).isoformat(), month_start(ref).isoformat()
    out: dict[str, Candidate] = {}
    index_of: dict[str, int] = {}

    def month_of(iso: str | None) -> int | None:
        if not iso:
            return None
        m = index_of.get(iso)
        if m is None:
            m = index_of[iso] = month_index(date.fromisoformat(iso))
        return m

    # Tracked too late to owe that many months: a member who paid on paper into them, and,
    # when the unit began tracking within them, one who paid nothing on paper (a unit that
    # has just started, its 100,000 members paid up on paper, is not read whole).
    late = "m.dues_paid_through < ?" if track_from is not None and track_from > ref - min_months else \
        "(m.dues_paid_through IS NULL OR m.dues_paid_through < ?)"
    cols = ("m.full_name, (SELECT g.name FROM unit_group g WHERE g.id = m.group_id), m.dues_basis, m.salary "
            f"FROM member m WHERE m.deleted_at IS NULL AND m.status IN ({_CURRENT}) AND {late}")
    for mid, last, *rest in conn.execute(
            "SELECT m.id, (SELECT MAX(p.month) FROM dues_payment p WHERE p.member_id = m.id AND p.month < ?), "
            f"{cols} AND NOT EXISTS (SELECT 1 FROM dues_payment p WHERE p.member_id = m.id "
            "AND p.month >= ? AND p.month < ?)", (before, since, since, before)):
        out[mid] = Candidate(month_of(last), *rest)
    voided = sorted(_voided_members(conn))
    # A voided receipt paid nothing: those members are looked at again without it.
    for chunk, marks in in_chunks(voided):
        last_paid: dict[str, str] = dict(conn.execute(
            "SELECT p.member_id, MAX(p.month) FROM dues_payment p LEFT JOIN cash_doc_void v ON v.doc_id = p.doc_id "
            "LEFT JOIN bank_entry_void bv ON bv.entry_id = p.bank_entry_id "
            f"WHERE v.id IS NULL AND bv.id IS NULL AND p.month < ? AND p.member_id IN ({marks}) GROUP BY p.member_id",
            (before, *chunk)))
        for mid, *rest in conn.execute(f"SELECT m.id, {cols} AND m.id IN ({marks})", (since, *chunk)):
            last = month_of(last_paid.get(mid))
            if last is None or last < ref - min_months:
                out[mid] = Candidate(last, *rest)
    return out


def owed_runs(law: LawTables, unit: UnitDues, h: MemberHistory, a: int, b: int) -> list[tuple[int, int, int]]:
    """The months a..b in which the member owes dues, as runs (first, last, due of each
    month), in order: what member_due gives month by month, but computed once for each
    run of months in which neither the law, nor the member's status, basis or exemptions
    change (as sum_due does), and only over the months the member was active."""
    out: list[tuple[int, int, int]] = []
    memo = law.memo
    cuts = law.change_months
    for lo, hi in h.active:
        m, hi = max(lo, a), min(hi, b)
        while m <= hi:
            i = bisect_right(cuts, m)
            end = min(hi, cuts[i] - 1) if i < len(cuts) else hi
            for start, _, _ in h.basis:
                if m < start <= end:
                    end = start - 1
            exempt = False
            for x, y, _ in h.exempt:
                if x <= m <= y:
                    exempt, end = True, min(end, y)
                elif m < x <= end:
                    end = x - 1
            if not exempt:
                basis, amount = h.basis_at(m)
                key = (unit, cuts[i - 1] if i else m, basis, amount)  # the same due all through the law's run
                due = memo.get(key)
                if due is None:
                    due = memo[key] = compute_due(law, unit, key[1], basis, amount)
                if due.total > 0:
                    out.append((m, end, due.total))
            m = end + 1
    return out


def members_behind(dues: DuesService, s: Session, ref: int, min_months: int = THRESHOLDS[0]) -> list[ArrearsMember]:
    """Members on the books who owe at least `min_months` months in a row before month
    `ref`, most months first."""
    unit, track_from = dues.unit(s)
    # Members who paid on paper before the app are tracked from the month after, which
    # may come before the unit's first tracked month.
    settled = raw_connection(s).execute(
        "SELECT MIN(dues_paid_through) FROM member WHERE deleted_at IS NULL").fetchone()[0]
    earliest = min(track_from, month_index(date.fromisoformat(settled)) + 1) if settled else track_from
    if ref - earliest < min_months:
        return []
    law = dues.law(s)
    info = behind_candidates(s, ref, min_months, track_from)
    ids = list(info)
    histories = dues.histories(s, ids, ref + MAX_MONTHS_AHEAD,
                               {mid: (c.dues_basis, c.salary) for mid, c in info.items()}) if ids else {}
    out = []
    for mid, c in info.items():
        start = tracked_from(histories[mid], track_from)
        first_owed = start if c.last_paid is None else max(start, c.last_paid + 1)
        runs = owed_runs(law, unit, histories[mid], first_owed, ref - 1)
        months = sum(last - first + 1 for first, last, _ in runs)
        if months >= min_months:
            out.append(ArrearsMember(mid, c.full_name, c.group_name, months, runs[0][0],
                                     sum((last - first + 1) * due for first, last, due in runs)))
    out.sort(key=lambda a: (-a.months, a.full_name))
    return out


# Members of the common shape: one event, an admission (or transfer in), no dues basis
# history, no exemption: their due depends only on (basis, salary) and the month.
_SPECIAL = ("SELECT member_id FROM member_event GROUP BY member_id HAVING COUNT(*) <> 1 "
            "UNION SELECT member_id FROM dues_basis UNION SELECT member_id FROM dues_exemption")
COMMON = (f"m.deleted_at IS NULL AND e.deleted_at IS NULL AND e.kind IN ('admitted', 'transferred_in') "
          f"AND m.id NOT IN ({_SPECIAL})")
# The first month such a member owes, as "YYYY-MM" (NULL: since always): the month of
# the admission, or the one after the months paid on paper before the app.
FIRST_OWED = ("CASE WHEN m.dues_paid_through IS NOT NULL AND (e.event_date IS NULL "
              "OR substr(m.dues_paid_through, 1, 7) >= substr(e.event_date, 1, 7)) "
              "THEN substr(date(m.dues_paid_through, '+1 month'), 1, 7) ELSE substr(e.event_date, 1, 7) END")


def special_members(conn: sqlite3.Connection) -> list[str]:
    """The live members not of the common shape: computed through their whole history."""
    return [r[0] for r in conn.execute(f"SELECT id FROM member WHERE deleted_at IS NULL AND id IN ({_SPECIAL})")]


def month_due_total(dues: DuesService, s: Session, m: int) -> int:
    """What the whole unit owes for month m (the sum of DuesService.period's `due`).

    Most members have one admission event, no dues basis history and no exemption:
    their due depends only on (basis, salary), so those are counted by (basis, salary)
    and each pair is computed once; the others go through their full history."""
    unit, _ = dues.unit(s)
    law = dues.law(s)
    conn = raw_connection(s)
    shapes: list[tuple[str | None, int | None, int]] = conn.execute(
        f"SELECT m.dues_basis, m.salary, COUNT(*) FROM member m JOIN member_event e ON e.member_id = m.id "
        f"WHERE {COMMON} AND (e.event_date IS NULL OR e.event_date < ?) "
        "AND (m.dues_paid_through IS NULL OR m.dues_paid_through < ?) GROUP BY 1, 2",
        (month_start(m + 1).isoformat(), month_start(m).isoformat())).fetchall()
    total: int = sum(n * compute_due(law, unit, m, basis, salary).total for basis, salary, n in shapes)
    ids = special_members(conn)
    if ids:
        histories = dues.histories(s, ids, m + MAX_MONTHS_AHEAD)
        total += sum(member_due(law, unit, h, m).total for h in histories.values())
    return total
