"""Raw sqlite3 access for the sync: values travel exactly as SQLite stores them, and a
page of 5,000 pulled rows is applied without an ORM object per row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from desktop.models.db import Database


@contextmanager
def connection(db: Database) -> Iterator[sqlite3.Connection]:
    raw = db.engine.raw_connection()
    try:
        yield cast(sqlite3.Connection, raw.driver_connection)
    finally:
        raw.close()


@contextmanager
def transaction(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error. Pulled pages are applied with
    foreign keys off: a row may arrive before the row it points to (its parent changed
    later and so has a later seq); the server holds the whole, consistent set."""
    if conn.in_transaction:
        conn.rollback()
    if not foreign_keys:
        conn.execute("PRAGMA foreign_keys=OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    finally:
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys=ON")


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
