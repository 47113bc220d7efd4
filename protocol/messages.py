"""Requests and answers of the sync API (pydantic), and the version rules.

Every request carries X-Sync-Protocol and X-Schema-Version; the server answers 426
with a clear message when either is outside what it supports. Protocol 2 sends rows
column by column (protocol/codec.py): pull pages, and pushes of new insert-only rows
(BULK_INSERT tables) and of a first upload's new rows (BULK_LOAD tables, once the server
lists them), which need no mutation id each. Values inside rows are
plain JSON (text, integers, null) exactly as SQLite stores them on the desktop: dates as
"YYYY-MM-DD", timestamps as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, booleans as 0/1.

A new PC's first sync may come from the unit's snapshot (added within protocol 2: a
client that never asks is served as before; a server without it answers 404 and the
client pulls page by page): GET /sync/snapshot?limit= gives a SnapshotManifest, then
GET /sync/snapshot/{name}/{k} chunk k, a PullResponse of the seqs (chunks[k-1].cursor,
chunks[k].cursor]; 410 when that snapshot is gone (the client pulls on from its cursor).

Audit rows' ids as numbers (issue 17, within protocol 2; protocol/codec.py form "u"): a
client asks for them in a snapshot with ?forms=t,e,u and sends them in pushes once the
server lists the form in PushResponse.forms (a server from before lists none: the client
sends them as before, and a client that does not ask never gets them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from protocol.codec import decode_rows
from protocol.tables import TABLES, VOIDS

PROTOCOL_VERSION = 2
# Desktop database schemas (Alembic revisions) whose tables this protocol carries.
SCHEMA_VERSIONS: tuple[str, ...] = ("0004", "0005", "0006", "0008", "0009", "0010", "0011", "0012", "0013", "0014",
                                   "0015", "0016", "0020", "0019", "0021", "0022", "0023")

HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_SCHEMA = "X-Schema-Version"

# Largest batch a push may carry and a pull page may return: MAX_PULL ordinary rows, and
# besides them up to MAX_PULL * PACKED_WEIGHT rows of DERIVED_IDS tables (a few integers
# each on the wire: a large unit's year of month allocations comes in one page, which
# lists each member's id once).
MAX_PUSH = 5000
MAX_PULL = 10000
PACKED_WEIGHT = 128
# New rows of these insert-only tables are pushed column-wise without a mutation id each:
# a row is applied at most once by its own id (the server keeps one record per id and
# answers "duplicate" when the same row comes again). A push carries at most MAX_PUSH_ROWS.
BULK_INSERT: frozenset[str] = frozenset({"audit_log", "dues_payment", "remittance"})
MAX_PUSH_ROWS = 200_000
# A first upload as a bulk load (issue 17): new rows of these tables may come column-wise
# too, each with the clock of its insert (an "hlc" column; documents have none), once
# the server has listed them in PushResponse.bulk (a server from before lists none: they
# go as mutations). A row the server already has is applied once: the same insert again
# is a duplicate, any other merges as its mutation would; a cash document's number is
# claimed as its mutation's is. Receipt books and voids keep their per-row rules (book
# codes, one void per document) and go as mutations.
# A member's transfer too: the server checks each and hands it to the receiving unit
# (protocol/transfers.py), which a column-wise load would pass by.
BULK_LOAD: frozenset[str] = frozenset(TABLES) - {"receipt_book", "member_transfer", *VOIDS}
HLC_COLUMN = "hlc"


def page_rows(page: dict[str, Any]) -> list[tuple[str, Sequence[str], list[int], dict[str, list[Any]]]]:
    """The tables of a pull page decoded: (tbl, row ids, seqs, {field: values}); the ids
    of a derived table are made as they are read."""
    ids = page.get("ids") or []
    out = []
    for g in page.get("tables") or []:
        row_ids, seqs, cols = decode_rows(g, ids)
        if seqs is None:  # only a push's rows come without (the server gives them)
            raise ValueError(f"the rows of {g['tbl']} in a pull page come without their seqs")
        out.append((g["tbl"], row_ids, seqs, cols))
    return out


def changes_of(page: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a pull page as {tbl, row_id, seq, data} dicts, in seq order."""
    out: list[dict[str, Any]] = []
    for tbl, row_ids, seqs, cols in page_rows(page):
        names = list(cols)
        for i, row_id in enumerate(row_ids):
            data = {n: cols[n][i] for n in names}
            data["id"] = row_id
            out.append({"tbl": tbl, "row_id": row_id, "seq": seqs[i], "data": data})
    out.sort(key=lambda c: c["seq"])
    return out

Value = Any  # str | int | float | None


class Mutation(BaseModel):
    mutation_id: str = Field(min_length=1, max_length=36)
    tbl: str = Field(max_length=40)
    row_id: str = Field(min_length=1, max_length=36)
    op: Literal["insert", "update", "delete"]
    fields: dict[str, Value]
    base_seq: int | None = Field(None, ge=0, le=2 ** 63 - 1)  # the server_seq the device had when it made the change
    hlc: int = Field(ge=0, le=2 ** 63 - 1)  # hybrid logical clock, milliseconds since 1970 (server-corrected)
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
    # New rows of BULK_INSERT tables, column-wise; ids in them index `ids`.
    ids: list[str] = []
    inserts: list[TableRows] = []


class PushResponse(BaseModel):
    results: list[MutationResult]
    inserted: list[InsertResult] = []  # one per pushed TableRows, in order
    bulk: list[str] = []  # the BULK_LOAD tables this server takes column-wise
    forms: list[str] = []  # the column forms beyond protocol 2's first ones it reads in pushed rows
    page: PullResponse | None = None  # asked for with ?cursor= on the push: its first pull page
    last_seq: int
    server_time_ms: int
    # The server's history: a new epoch after it was restored from a backup; what devices
    # saw after epoch_seq is lost to it, and they send it again (desktop/sync/engine.py).
    epoch: str | None = None
    epoch_seq: int = 0


class Change(BaseModel):
    tbl: str
    row_id: str
    seq: int
    data: dict[str, Value]  # every field and the meta columns, deleted_at included


class TableRows(BaseModel):
    """Rows of one table, column by column (protocol/codec.py): n rows; their ids (left out
    for DERIVED_IDS tables: the receiver derives them); their seqs (pull pages only); and
    each field as one encoded column. Ids anywhere in it are indexes into the page's `ids`."""

    tbl: str
    n: int
    id: dict[str, Any] | None = None
    seq: dict[str, Any] | None = None
    cols: dict[str, dict[str, Any]]


class PullResponse(BaseModel):
    ids: list[str]
    tables: list[TableRows]
    cursor: int  # give this back to get the next page
    last_seq: int  # where the unit is now: progress of a long first pull
    more: bool
    server_time_ms: int
    epoch: str | None = None  # as in PushResponse
    epoch_seq: int = 0
    # Stored rows the server could not send (damaged before it checked pushed values):
    # {tbl, row_id, seq, reason}; the page goes on without them.
    skipped: list[dict[str, Any]] = []


class SnapshotChunk(BaseModel):
    cursor: int  # the cursor once this chunk is applied
    rows: int
    bytes: int  # gzipped, as it travels


class SnapshotManifest(BaseModel):
    """The unit's rows up to `seq` as pull pages built in advance (server/sync/snapshot.py),
    with the totals that a first sync's progress shows."""

    name: str
    seq: int
    limit: int
    chunks: list[SnapshotChunk]
    rows: int
    bytes: int
    server_time_ms: int
    epoch: str | None = None
    epoch_seq: int = 0


class InsertResult(BaseModel):
    """What became of each row of one pushed TableRows, in its order: `status` and `seq`
    as encoded columns ("applied", "duplicate" or "rejected"; seq 0 when rejected), and
    for each rejected row its index, code and reason."""

    status: dict[str, Any]
    seq: dict[str, Any]
    rejected: list[tuple[int, str, str]] = []


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


PushRequest.model_rebuild()
PushResponse.model_rebuild()
