"""A pull: a page of a unit's changes since a cursor (DESIGN.md, Sync).

A page is a whole seq range (cursor, end], so cursors stay gap-free (server/sync/paging.py);
it is sent column by column (protocol/codec.py), a large table read as columns by the
database (server/sync/columns.py)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol import MAX_PULL, TABLES
from protocol.codec import Ids
from server.base import now_ms, utcnow
from server.devices.models import Device
from server.sync.columns import FAST_ROWS, SCALARS, Columns, PageQuery
from server.sync.models import UnitSync
from server.sync.paging import page_end

log = logging.getLogger("server.sync")


def pull(s: Session, device: Device, cursor: int, limit: int, me: str | None, serial: bool = False,
         counter: tuple[int, str | None, int] | None = None) -> dict[str, Any]:
    """A page of changes since the cursor, as the JSON-ready dict of PullResponse (serial:
    the ids of audit rows as numbers, protocol/codec.py form "u", for a client that reads it).
    counter: the unit's (last_seq, epoch, epoch_seq) as a push in this transaction left
    them, its counter row locked: the page of a push's answer reads them from there."""
    limit = max(1, min(limit, MAX_PULL))
    # The counter first: every row up to it is committed (rows and counter commit together),
    # so a cursor moved to it never skips a change still in flight.
    last, epoch, epoch_seq = counter or s.execute(select(UnitSync.last_seq, UnitSync.epoch, UnitSync.epoch_seq)
                                                  .where(UnitSync.unit_id == device.unit_id)).one()
    end = page_end(s, device.unit_id, cursor, last, limit)
    page = PageQuery(s, device.unit_id, cursor, end, me)
    groups: dict[tuple[str, tuple[str, ...] | None], Columns] = {}
    big = end - cursor >= FAST_ROWS  # seqs are unique: a shorter range holds fewer rows
    for tbl, n in (page.counts() if big else {}).items():
        if tbl in TABLES and n >= FAST_ROWS:
            groups[(tbl, None)] = page.fast(tbl, n)
    skipped: list[dict[str, Any]] = []
    for tbl, row_id, seq, data in page.rest(fast=[t for t, _ in groups], stream=big):
        if not _sendable(data):
            skipped.append(_skip(device, tbl, row_id, seq))
            continue
        names = tuple(k for k in data if k != "id")
        group = groups.get((tbl, names))
        if group is None:
            group = groups[(tbl, names)] = Columns(tbl, names)
        group.add(row_id, seq, data)
    ids = Ids()
    # The largest tables first: their rows' ids get the first, shortest indexes, in the
    # order the rows came (a group's members in the same order in each month's receipt).
    tables = [g.encode(ids, serial) for g in sorted(groups.values(), key=lambda g: -len(g.seqs)) if g.seqs]
    if counter is None:  # a push in this transaction has noted the sync already
        device.last_sync_at = utcnow()
    more = end < last
    for g in groups.values():
        skipped += [_skip(device, g.tbl, *r) for r in g.skipped]
    out = {"ids": ids.list, "tables": tables, "cursor": end if more else max(last, cursor),
           "last_seq": last, "more": more, "server_time_ms": now_ms(), "epoch": epoch, "epoch_seq": epoch_seq}
    if skipped:
        out["skipped"] = skipped
    return out


def _sendable(data: object) -> bool:
    """A stored row the pull can send: a JSON object of plain values (a row stored before
    the server checked pushed values may hold a list or an object)."""
    return type(data) is dict and all(type(v) in SCALARS for v in data.values())


def _skip(device: Device, tbl: str, row_id: object, seq: int) -> dict[str, Any]:
    """A stored row a pull cannot send: left out, logged for the administrator, and named
    in the page ("skipped") so that the PC can tell the user; the pull goes on."""
    log.error("pull: unit %s: row %s %s (seq %s) holds values the protocol cannot carry; skipped",
              device.unit_id, tbl, str(row_id)[:36], seq)
    return {"tbl": tbl, "row_id": str(row_id)[:36], "seq": seq,
            "reason": "Dòng dữ liệu trên máy chủ bị hỏng nên không gửi được; hãy báo cấp trên kiểm tra máy chủ."}
