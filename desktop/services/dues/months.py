"""What the unit's dues come to, month by month, kept in dues_month for the upper level
(issue 4, item 4: the server has the payments, not the law and the bases).

Refreshed before each sync: the last twelve months (from the first month the unit tracks),
written only where a figure changed, so that a sync with nothing new sends nothing. A
fingerprint of what the figures follow from (members, events, bases, exemptions, the law,
the unit's settings) skips the computation when none of it changed.

The fingerprint costs the same for 100 members as for 100,000, and a change that leaves
the figures as they are (a phone, an address, a pulled row's server seq) leaves it as it
is: it was the tables' row counts and latest updated_at, read whole at each sync, so that
100 phones edited on one PC made both that PC and the one receiving them compute the
unit's dues again (1.5 s each at 100,000 members, issue 17). Now it is, for each input
table, its largest rowid (a new row: one look at the end of the table) and a counter
that triggers bump when a row is deleted or a column the figures may follow from
changes (every column but those in IGNORED and the sync's bookkeeping). The triggers are
put in place (again) by refresh itself when they are missing or not the current ones:
a migration that rebuilds a table drops them, and then the figures are computed again."""

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


COUNTER = "dues_month_input_changes"  # app_setting: bumped by the triggers below
PREFIX = "dues_input_"
# Columns no figure follows from (arrears.COMMON, FIRST_OWED, DuesService.histories read
# the others): a change of only these is not a change of the dues. A column not named
# here counts, so a column added later is watched until someone says otherwise.
IGNORED = {
    "member": frozenset({
        "full_name", "birth_date", "birth_year_only", "gender", "ethnicity", "religion", "nationality", "id_type",
        "id_number", "id_issue_date", "id_issue_place", "hometown", "permanent_address", "phone", "email",
        "education", "qualification", "job_title", "department", "union_position", "card_number", "party_member",
        "notes", "consent_date", "social_insurance_number", "search_key", "sort_key", "dup_key"}),
    "member_event": frozenset({"reason", "decision_number"}),
}
# The sync's and the ORM's own columns: written when a row is pushed or pulled, never
# what the figures follow from.
BOOKKEEPING = frozenset({"created_at", "updated_at", "server_seq", "device_id"})


def _trigger_ddl(conn: sqlite3.Connection) -> dict[str, str]:
    """The triggers that bump COUNTER, by name, for the input tables as they are now: an
    update that changes a watched column, and any delete (a new row shows in the largest
    rowid; nothing that syncs is hard-deleted, but should it happen it counts)."""
    bump = f"UPDATE app_setting SET value = CAST(value AS INTEGER) + 1 WHERE key = '{COUNTER}'"
    ddl = {}
    for t in INPUTS:
        ignored = IGNORED.get(t, frozenset()) | BOOKKEEPING
        watched = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in ignored]
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in watched)
        ddl[f"{PREFIX}upd_{t}"] = (f"CREATE TRIGGER {PREFIX}upd_{t} AFTER UPDATE OF {', '.join(watched)} ON {t} "
                                   f"WHEN {changed} BEGIN {bump}; END")
        ddl[f"{PREFIX}del_{t}"] = f"CREATE TRIGGER {PREFIX}del_{t} AFTER DELETE ON {t} BEGIN {bump}; END"
    return ddl


def _triggers_current(conn: sqlite3.Connection) -> bool:
    present = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '{PREFIX}*'"))
    counted = conn.execute("SELECT 1 FROM app_setting WHERE key = ?", (COUNTER,)).fetchone() is not None
    return counted and present == _trigger_ddl(conn)


def _install_triggers(conn: sqlite3.Connection) -> None:
    """The triggers made again (in the caller's transaction) and the counter moved on, so
    that no fingerprint taken before matches: what changed while they were missing is
    not known."""
    for (name,) in conn.execute(f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '{PREFIX}*'"
                                ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    for sql in _trigger_ddl(conn).values():
        conn.execute(sql)
    conn.execute("INSERT INTO app_setting(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE "
                 "SET value = CAST(value AS INTEGER) + 1", (COUNTER,))


def _fingerprint(conn: sqlite3.Connection, first: int, last: int) -> str:
    """A few index look-ups, whatever the unit's size (the module's docstring)."""
    row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (COUNTER,)).fetchone()
    parts = [f"{first}-{last}", f"changes:{row[0] if row else None}"]
    for t in INPUTS:
        parts.append(f"{t}:{conn.execute(f'SELECT max(rowid) FROM {t}').fetchone()[0]}")
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
        current = _triggers_current(conn)
    if not current:
        with ctx.write() as s:
            _install_triggers(raw_connection(s))
    with ctx.read() as s:
        conn = raw_connection(s)
        # Taken before the figures are read: a change made meanwhile leaves the mark
        # stored below behind, and the next refresh computes again.
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
        raw_connection(s).execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)", (SETTING, mark))
    return len(changed)
