"""A condition "this column is one of these ids", in as few statements as the database takes.

A first upload looks up tens of thousands of ids at a time. On PostgreSQL they go as one
array parameter (`= ANY`): a list of thousands of bind parameters cost more to render and
parse than the lookup itself. SQLite takes a list of parameters, in chunks under its limit."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, any_, cast, literal
from sqlalchemy.orm import Session

SQLITE_CHUNK = 2000
POSTGRES_CHUNK = 20_000
# Ids that an array's text may hold as they are: no comma, brace, quote, backslash or
# space to escape, and never the word NULL.
_PLAIN_IDS = re.compile(r"[0-9A-Fa-f-]{36}(?:,[0-9A-Fa-f-]{36})*")


def one_of(s: Session, column: Any, ids: Sequence[str]) -> Iterator[ColumnElement[bool]]:
    """Conditions that together match the rows whose column is in ids (one per chunk)."""
    pg = s.connection().dialect.name == "postgresql"
    step = POSTGRES_CHUNK if pg else SQLITE_CHUNK
    for i in range(0, len(ids), step):
        chunk = list(ids[i:i + step])
        yield column == any_(_array(chunk)) if pg else column.in_(chunk)


def _array(ids: list[str]) -> ColumnElement[Any]:
    """The ids as one PostgreSQL array. UUIDs go as the array's text, one string: psycopg
    turns a list into an array item by item in Python (1.6 s of a 100,000-member upload's
    look-ups); anything else goes as a list, which psycopg escapes."""
    try:
        joined = ",".join(ids)
    except TypeError:  # not all texts
        joined = ""
    if joined and _PLAIN_IDS.fullmatch(joined):
        return cast(literal("{" + joined + "}", String), ARRAY(String))
    return cast(ids, ARRAY(String))
