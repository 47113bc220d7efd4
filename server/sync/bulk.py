"""Many new rows in one statement, for the push and for tools that build large data sets."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

# One encoder for every row: a first upload writes a JSON document per record, 700,000 of them.
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def bulk_insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many new rows at once: COPY on PostgreSQL (a first upload of a large unit is
    hundreds of thousands of rows), executemany elsewhere."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
    driver = conn.connection.driver_connection
    assert driver is not None  # the session's connection is checked out, hence open
    cursor = driver.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            # JSON columns go as their text, which PostgreSQL parses as it stores them.
            copy.write_row([_json(row[n]) if n in json_cols else row[n] for n in names])
