"""Requests and answers of the sync API (pydantic), and the version rules.

Every request carries X-Sync-Protocol and X-Schema-Version; the server answers 426
with a clear message when either is outside what it supports. Values inside rows are
plain JSON (text, integers, null) exactly as SQLite stores them on the desktop: dates as
"YYYY-MM-DD", timestamps as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, booleans as 0/1."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
# Desktop database schemas (Alembic revisions) whose tables this protocol carries.
SCHEMA_VERSIONS: tuple[str, ...] = ("0004", "0005", "0006")

HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_SCHEMA = "X-Schema-Version"

# Largest batch a push may carry and a pull page may return.
MAX_PUSH = 5000
MAX_PULL = 10000


def changes_of(page: dict) -> list[dict]:
    """The rows of a pull page as {tbl, row_id, seq, data} dicts, in seq order."""
    from protocol.tables import derived_id

    out = []
    for group in page["tables"]:
        cols = group["columns"]
        tbl = group["tbl"]
        for row in group["rows"]:
            data = dict(zip(cols, row[2:]))
            row_id = row[0] or derived_id(tbl, data)
            data["id"] = row_id
            out.append({"tbl": tbl, "row_id": row_id, "seq": row[1], "data": data})
    out.sort(key=lambda c: c["seq"])
    return out

Value = Any  # str | int | float | None


class Mutation(BaseModel):
    mutation_id: str = Field(min_length=1, max_length=36)
    tbl: str = Field(max_length=40)
    row_id: str = Field(min_length=1, max_length=36)
    op: Literal["insert", "update", "delete"]
    fields: dict[str, Value]
    base_seq: int | None = None  # the server_seq the device had when it made the change
    hlc: int  # hybrid logical clock, milliseconds since 1970 (server-corrected)
    device_id: str = Field(max_length=36)  # the local device that made the change
    created_at: str | None = None
    updated_at: str | None = None


class MutationResult(BaseModel):
    mutation_id: str
    status: Literal["applied", "duplicate", "rejected"]
    seq: int | None = None
    code: str | None = None
    error: str | None = None  # Vietnamese, for the treasurer


class PushRequest(BaseModel):
    mutations: list[Mutation] = Field(max_length=MAX_PUSH)


class PushResponse(BaseModel):
    results: list[MutationResult]
    last_seq: int
    server_time_ms: int


class Change(BaseModel):
    tbl: str
    row_id: str
    seq: int
    data: dict[str, Value]  # every field and the meta columns, deleted_at included


class TableRows(BaseModel):
    """Changed rows of one table, column-wise: [row_id, seq, *values in `columns` order].
    Repeating no field names keeps a first pull of 100,000 members small and quick. The
    id is not among the columns (it is row_id); row_id is null where it is derived
    (protocol.tables.DERIVED_IDS)."""

    tbl: str
    columns: list[str]
    rows: list[list[Value]]


class PullResponse(BaseModel):
    tables: list[TableRows]
    cursor: int  # give this back to get the next page
    last_seq: int  # where the unit is now: progress of a long first pull
    more: bool
    server_time_ms: int


class EnrollRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(max_length=100)
    local_device_id: str = Field(max_length=36)
    has_data: bool  # the desktop already holds members or documents


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    device_number: int
    unit_code: str
    unit_name: str
    server_has_data: bool
    server_time_ms: int


class BookRequest(BaseModel):
    kind: Literal["thu", "chi"]
    year: int = Field(ge=2000, le=2200)


class BookResponse(BaseModel):
    code: str


class StatusResponse(BaseModel):
    unit_code: str
    unit_name: str
    device_number: int
    last_seq: int
    server_time_ms: int


class ErrorBody(BaseModel):
    code: str
    detail: str
