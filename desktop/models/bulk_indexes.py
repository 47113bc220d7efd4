"""Secondary indexes set aside while an empty table is filled in bulk, and made again.

A new PC's first sync fills empty tables with hundreds of thousands of rows, chunk by
chunk, each chunk in its own transaction. Kept up row by row, a table's plain indexes
cost more than the rows themselves (random keys land all over them, and each chunk
writes their pages again); built once from the whole table, they cost a sort. So the
first chunk that fills an empty table drops them, and the last chunk makes them again,
each in its own chunk's transaction.

In between, a kill (or a cut connection) can leave tables without their indexes: what
was dropped is written down (app_setting, in the same transaction as the drop), and
whoever opens the database next makes them again (open_database, before any migration,
which may expect them), as does the next applied page. Only plain indexes are set
aside: a unique index enforces a rule (a second receipt with the same number is
refused as it comes), and a partial one costs nothing for the rows it leaves out (the
erased members, looked for after every page)."""

from __future__ import annotations

import json
import sqlite3

KEY = "deferred_indexes"  # app_setting: {index name: its CREATE statement}


def _saved(conn: sqlite3.Connection) -> dict[str, str]:
    row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        return {}
    try:
        saved = json.loads(row[0])
    except ValueError:
        return {}
    return saved if isinstance(saved, dict) else {}


def set_aside(conn: sqlite3.Connection, table: str) -> int:
    """Drop the table's plain indexes (neither unique nor partial), written down so that
    restore() makes them again; in the caller's transaction. Returns how many."""
    plain = [r[0] for r in conn.execute(
        "SELECT name FROM pragma_index_list(?) WHERE origin = 'c' AND \"unique\" = 0 AND partial = 0", (table,))]
    if not plain:
        return 0
    marks = ",".join("?" * len(plain))
    found = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",
                              plain).fetchall())
    saved = _saved(conn)
    saved.update(found)
    conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)", (KEY, json.dumps(saved)))
    for name in found:
        conn.execute(f'DROP INDEX "{name}"')
    return len(found)


def restore(conn: sqlite3.Connection) -> int:
    """Make again every index set aside (from its own text) and forget them; in the
    caller's transaction. Returns how many were made."""
    if conn.execute("SELECT 1 FROM app_setting WHERE key = ?", (KEY,)).fetchone() is None:
        return 0  # the usual case: nothing set aside
    saved = _saved(conn)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    made = 0
    for name, sql in saved.items():
        if name not in present:
            conn.execute(sql)
            made += 1
    conn.execute("DELETE FROM app_setting WHERE key = ?", (KEY,))
    return made


def restore_on_open(conn: sqlite3.Connection) -> int:
    """At opening: the indexes a killed first sync left set aside, made again in their own
    transaction (nothing to do, the usual case, is one look-up)."""
    has_settings = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_setting'").fetchone()
    if not has_settings or not conn.execute("SELECT 1 FROM app_setting WHERE key = ?", (KEY,)).fetchone():
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        made = restore(conn)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return made
