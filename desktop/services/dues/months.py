"""What the unit's dues come to, month by month, kept in dues_month for the upper level
(issue 4, item 4: the server has the payments, not the law and the bases).

Refreshed before each sync: the last twelve months (from the first month the unit tracks),
written only where a figure changed, so that a sync with nothing new sends nothing. A
quick fingerprint of what the figures follow from (members, events, bases, exemptions,
the law, the unit's settings) skips the computation when none of it changed."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date

from desktop.models import DuesMonth, utcnow
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService, raw_connection
from desktop.services.dues.totals import due_by_month

MONTHS = 12
INPUTS = ("member", "member_event", "dues_basis", "dues_exemption", "dues_rule", "base_salary", "unit")
_NS = uuid.UUID("6f1c2b7e-93d4-4c58-a0e1-5d2f8b9c7a31")
SETTING = "dues_month_inputs"


def month_id(month: date) -> str:
    """The same id for a month on every PC of the unit: their rows are one record."""
    return str(uuid.uuid5(_NS, f"dues_month/{month:%Y-%m}"))


def _fingerprint(conn: sqlite3.Connection, first: int, last: int) -> str:
    parts = [f"{first}-{last}"]
    for t in INPUTS:
        n, changed, seq = conn.execute(f"SELECT count(*), max(updated_at), max(server_seq) FROM {t}").fetchone()
        parts.append(f"{t}:{n}:{changed}:{seq}")
    return "|".join(parts)


def refresh(ctx: Context, today: date | None = None) -> int:
    """Bring dues_month up to date; returns how many months were written."""
    dues = DuesService(ctx)
    with ctx.read() as s:
        try:
            _, tracked = dues.unit(s)
        except DomainError:  # no unit set up yet: nothing is due
            return 0
        conn = raw_connection(s)
        last = month_index(today or date.today())
        first = max(tracked, last - MONTHS + 1)
        if first > last:
            return 0
        mark = _fingerprint(conn, first, last)
        known = conn.execute("SELECT value FROM app_setting WHERE key = ?", (SETTING,)).fetchone()
        if known and known[0] == mark:
            return 0
        stored = {row[0]: row[1] for row in conn.execute("SELECT month, due FROM dues_month WHERE deleted_at IS NULL")}
    figures = due_by_month(ctx, first, last)
    changed = {m: due for m, due in figures.items() if stored.get(month_start(m).isoformat()) != due}
    with ctx.write() as s:
        now = utcnow()
        for m, due in changed.items():
            month = month_start(m)
            row = s.get(DuesMonth, month_id(month))
            if row is None:
                s.add(DuesMonth(id=month_id(month), month=month, due=due, device_id=ctx.device_id))
            else:
                row.due, row.deleted_at, row.updated_at, row.device_id = due, None, now, ctx.device_id
        s.flush()
        conn = raw_connection(s)
        conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)",
                     (SETTING, _fingerprint(conn, first, last)))
    return len(changed)
