"""What the whole unit's dues come to over months, by group and by month: the figures of
the dues report and of dues_month, the months the upper level is sent (dues.months).

Members of the common shape (one admission, no dues basis history, no exemption) are
counted in SQL by (group, basis, salary, first month owed), and each (basis, salary) is
computed once per month; the others go through their whole history."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.services.core.context import Context
from desktop.services.dues.arrears import COMMON, FIRST_OWED, owed_runs, special_members
from desktop.services.dues.calc import compute_due
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService, raw_connection


class DuesDue(NamedTuple):
    by_group: dict[str | None, int]  # group id (None: no group) → due
    by_month: dict[int, int]  # month → due (a month nothing is due for may be missing)


def due_by_group_and_month(dues: DuesService, s: Session, first: int, last: int) -> DuesDue:
    """What months first..last owe, by group and by month, with the law of each month."""
    unit, _ = dues.unit(s)
    law = dues.law(s)
    conn = raw_connection(s)
    # NOT INDEXED: read through ix_member_group (for the GROUP BY) the rows come in random
    # order, twice as slow with 100,000 members (measured).
    shapes: list[tuple[str | None, str | None, int | None, str | None, int]] = conn.execute(
        f"SELECT m.group_id, m.dues_basis, m.salary, {FIRST_OWED}, COUNT(*) FROM member m NOT INDEXED "
        f"JOIN member_event e ON e.member_id = m.id WHERE {COMMON} GROUP BY 1, 2, 3, 4").fetchall()
    months = range(first, last + 1)
    per: dict[tuple[str | None, int | None], list[int]] = {}
    starts: dict[tuple[str | None, int | None], list[int]] = {}
    due_group: dict[str | None, int] = defaultdict(int)
    due_month: dict[int, int] = defaultdict(int)
    for gid, basis, salary, start, n in shapes:
        k = 0 if start is None else max(0, int(start[:4]) * 12 + int(start[5:7]) - 1 - first)
        if k >= len(months):
            continue
        key = (basis, salary)
        v = per.get(key)
        if v is None:
            v = per[key] = [compute_due(law, unit, m, basis, salary).total for m in months]
            starts[key] = [0] * len(months)
        starts[key][k] += n
        due_group[gid] += n * sum(v[k:])
    for key, v in per.items():
        count = 0
        for j, (m, amount) in enumerate(zip(months, v)):
            count += starts[key][j]
            due_month[m] += count * amount
    special = special_members(conn)
    if special:
        group_of_special: dict[str, str | None] = dict(
            conn.execute("SELECT id, group_id FROM member WHERE deleted_at IS NULL"))
        histories = dues.histories(s, special, last + MAX_MONTHS_AHEAD)
        for mid, h in histories.items():
            for a, b, amount in owed_runs(law, unit, h, first, last):
                due_group[group_of_special[mid]] += amount * (b - a + 1)
                for m in range(a, b + 1):
                    due_month[m] += amount
    return DuesDue(due_group, due_month)


def due_by_month(ctx: Context, first: int, last: int) -> dict[int, int]:
    """The unit's dues due for each month first..last (what the upper level is sent)."""
    with ctx.read() as s:
        due_month = due_by_group_and_month(DuesService(ctx), s, first, last).by_month
    return {m: due_month.get(m, 0) for m in range(first, last + 1)}
