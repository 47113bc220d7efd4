"""Members behind with their dues, in months (DOMAIN.md, QĐ 5130/QĐ-TLĐ art. 25: 6 months
unpaid → khiển trách, 9 → cảnh cáo, 12 → khai trừ; the software flags, people decide),
and the whole unit's dues of one month. Both use DuesService's histories and the
arithmetic of dues_calc, read with plain SQL as the dues page does.

"Months behind" of a member at month `ref` (the month being collected, not yet late) are
the months after the last month they paid anything for, up to the month before `ref`,
in which they owed dues: months not owed (exempt, suspended, not yet a member, before
the unit tracks arrears) neither count nor break the run."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop.services.dues import CHUNK, MAX_MONTHS_AHEAD, DuesService, raw_connection
from desktop.services.dues_calc import compute_due, member_due, month_index, month_start
from desktop.services.statuses import CURRENT_STATUSES

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


def _voided_members(conn) -> set[str]:
    """Members with a voided receipt: read from the few voids, through ix_dues_payment_doc_id
    (a join from dues_payment would scan every payment)."""
    docs = [r[0] for r in conn.execute("SELECT doc_id FROM cash_doc_void")]
    out: set[str] = set()
    for i in range(0, len(docs), CHUNK):
        chunk = docs[i:i + CHUNK]
        out.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT member_id FROM dues_payment WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk))
    return out


def last_paid_months(s: Session, before: int, ids: list[str] | None = None, with_ids: bool = False):
    """The last month (< before) each member on the books paid anything for, by
    non-voided receipts; with_ids, also the ids of all those members."""
    conn = raw_connection(s)
    limit = month_start(before).isoformat()
    out: dict[str, int] = {}
    # One index seek per member (ix_dues_payment_member_month): a scan of every payment
    # of two years costs several times more.
    sql = ("SELECT m.id, (SELECT MAX(p.month) FROM dues_payment p WHERE p.member_id = m.id AND p.month < ?) "
           f"FROM member m WHERE m.deleted_at IS NULL AND m.status IN ({_CURRENT})")
    if ids is None:
        rows = conn.execute(sql, (limit,)).fetchall()
    else:
        rows = [r for i in range(0, len(ids), CHUNK) for r in conn.execute(
            sql + f" AND m.id IN ({','.join('?' * len(ids[i:i + CHUNK]))})", (limit, *ids[i:i + CHUNK]))]
    index_of: dict[str, int] = {}
    for mid, last in rows:
        if last:
            m = index_of.get(last)
            if m is None:
                m = index_of[last] = month_index(date.fromisoformat(last))
            out[mid] = m
    voided = _voided_members(conn)
    if voided:  # a voided receipt paid nothing: look again at those members, without it
        part = [m for m in voided if ids is None or m in set(ids)]
        for m in part:
            out.pop(m, None)
        for i in range(0, len(part), CHUNK):
            chunk = part[i:i + CHUNK]
            for mid, last in conn.execute(
                    "SELECT p.member_id, MAX(p.month) FROM dues_payment p LEFT JOIN cash_doc_void v "
                    "ON v.doc_id = p.doc_id WHERE v.id IS NULL AND p.month < ? "
                    f"AND p.member_id IN ({','.join('?' * len(chunk))}) GROUP BY p.member_id", (limit, *chunk)):
                if last:
                    out[mid] = month_index(date.fromisoformat(last))
    return (out, [r[0] for r in rows]) if with_ids else out


def members_behind(dues: DuesService, s: Session, ref: int, min_months: int = THRESHOLDS[0]) -> list[ArrearsMember]:
    """Members on the books who owe at least `min_months` months in a row before month
    `ref`, most months first."""
    unit, track_from = dues._unit(s)
    law = dues._law(s)
    conn = raw_connection(s)
    last_paid, current = last_paid_months(s, ref, with_ids=True)
    # Only members whose unpaid stretch could be long enough are looked at closely.
    start_of = {}
    for mid in current:
        start = max(track_from, last_paid.get(mid, track_from - 1) + 1)
        if ref - start >= min_months:
            start_of[mid] = start
    ids = list(start_of)
    info = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        for r in conn.execute("SELECT m.id, m.full_name, g.name, m.dues_basis, m.salary FROM member m "
                              "LEFT JOIN unit_group g ON g.id = m.group_id "
                              f"WHERE m.id IN ({','.join('?' * len(chunk))})", chunk):
            info[r[0]] = r
    histories = dues._histories(s, ids, ref + MAX_MONTHS_AHEAD, {mid: (info[mid][3], info[mid][4]) for mid in ids}) \
        if ids else {}
    out = []
    for mid in ids:
        h = histories[mid]
        owed = [(m, d.total) for m in range(start_of[mid], ref) if (d := member_due(law, unit, h, m)).total > 0]
        if len(owed) >= min_months:
            _, name, group, _, _ = info[mid]
            out.append(ArrearsMember(mid, name, group, len(owed), owed[0][0], sum(a for _, a in owed)))
    out.sort(key=lambda a: (-a.months, a.full_name))
    return out


# Members of the common shape: one event, an admission (or transfer in), no dues basis
# history, no exemption: their due depends only on (basis, salary) and the month.
_SPECIAL = ("SELECT member_id FROM member_event GROUP BY member_id HAVING COUNT(*) <> 1 "
            "UNION SELECT member_id FROM dues_basis UNION SELECT member_id FROM dues_exemption")
COMMON = (f"m.deleted_at IS NULL AND e.deleted_at IS NULL AND e.kind IN ('admitted', 'transferred_in') "
          f"AND m.id NOT IN ({_SPECIAL})")


def special_members(conn) -> list[str]:
    """The live members not of the common shape: computed through their whole history."""
    return [r[0] for r in conn.execute(f"SELECT id FROM member WHERE deleted_at IS NULL AND id IN ({_SPECIAL})")]


def month_due_total(dues: DuesService, s: Session, m: int) -> int:
    """What the whole unit owes for month m (the sum of DuesService.period's `due`).

    Most members have one admission event, no dues basis history and no exemption:
    their due depends only on (basis, salary), so those are counted by (basis, salary)
    and each pair is computed once; the others go through their full history."""
    unit, _ = dues._unit(s)
    law = dues._law(s)
    conn = raw_connection(s)
    shapes = conn.execute(
        f"SELECT m.dues_basis, m.salary, COUNT(*) FROM member m JOIN member_event e ON e.member_id = m.id "
        f"WHERE {COMMON} AND (e.event_date IS NULL OR e.event_date < ?) GROUP BY 1, 2",
        (month_start(m + 1).isoformat(),)).fetchall()
    total = sum(n * compute_due(law, unit, m, basis, salary).total for basis, salary, n in shapes)
    ids = special_members(conn)
    if ids:
        histories = dues._histories(s, ids, m + MAX_MONTHS_AHEAD)
        total += sum(member_due(law, unit, h, m).total for h in histories.values())
    return total
