"""Many new rows in one statement, for the push and for tools that build large data sets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session


def bulk_insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many new rows at once: COPY on PostgreSQL (a first upload of a large unit is
    hundreds of thousands of rows), executemany elsewhere."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    # Only PostgreSQL's driver is needed here, and only once a PostgreSQL database is in use.
    from psycopg.types.json import Jsonb

    names = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
    driver = conn.connection.driver_connection
    assert driver is not None  # the session's connection is checked out, hence open
    cursor = driver.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([Jsonb(row[n]) if n in json_cols else row[n] for n in names])
