"""A condition "this column is one of these ids", in as few statements as the database takes.

A first upload looks up tens of thousands of ids at a time. On PostgreSQL they go as one
array parameter (`= ANY`): a list of thousands of bind parameters cost more to render and
parse than the lookup itself. SQLite takes a list of parameters, in chunks under its limit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, any_, cast
from sqlalchemy.orm import Session

SQLITE_CHUNK = 2000
POSTGRES_CHUNK = 20_000


def one_of(s: Session, column: Any, ids: Sequence[str]) -> Iterator[ColumnElement[bool]]:
    """Conditions that together match the rows whose column is in ids (one per chunk)."""
    pg = s.connection().dialect.name == "postgresql"
    step = POSTGRES_CHUNK if pg else SQLITE_CHUNK
    for i in range(0, len(ids), step):
        chunk = list(ids[i:i + step])
        yield column == any_(cast(chunk, ARRAY(String))) if pg else column.in_(chunk)
