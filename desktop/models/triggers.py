"""Triggers generated from the model metadata (the sync capture, the audit log) are put
in place at each start: kept when exactly the current ones are there, otherwise dropped
and made again."""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text


def install_triggers(conn: Connection, ddl: list[str], prefix: str, state_table: str) -> bool:
    """(Re)create the triggers named prefix* from ddl unless exactly these are there; True if
    it did. Checked by content (a hash kept in state_table's row 1, column trigger_hash) and
    by presence: a migration that rebuilds a table drops that table's triggers without
    touching the hash."""
    digest = hashlib.sha256("\n".join(ddl).encode()).hexdigest()
    wanted = {statement.split()[2] for statement in ddl}
    present = set(conn.execute(text(
        f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '{prefix}*'")).scalars())
    current = conn.execute(text(f"SELECT trigger_hash FROM {state_table} WHERE id = 1")).scalar()
    if current == digest and present == wanted:
        return False
    for name in present:
        conn.execute(text(f"DROP TRIGGER {name}"))
    for statement in ddl:
        conn.execute(text(statement))
    conn.execute(text(f"UPDATE {state_table} SET trigger_hash = :h WHERE id = 1"), {"h": digest})
    return True
