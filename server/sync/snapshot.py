"""A new PC's first sync from a snapshot: the unit's rows up to a seq, built once as the
pages an ordinary first pull would get (column-wise, gzipped) and kept on disk until the
unit has moved on, then served chunk by chunk.

Each chunk is exactly one pull page (protocol.PullResponse) of the range
(previous chunk's cursor, its own cursor], read in its own short transaction like an
ordinary pull: a row changed while the snapshot is built, or after, has a seq beyond the
snapshot's and comes by the ordinary pulls that follow it, so the cursors stay gap-free
whatever happens in between. The PC applies a chunk and moves its cursor to the chunk's
cursor in one transaction; an interrupted download resumes at the first chunk it lacks
(or by ordinary pulls from that cursor when the snapshot is gone), never from zero.

The files are a cache (no state the database lacks): any worker, or another machine,
builds the same chunks again from the rows, keyed by the unit's epoch and seq."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import threading
from pathlib import Path

from platformdirs import user_cache_dir
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from protocol import MAX_PULL
from protocol.codec import compact_columns
from server.base import now_ms
from server.config import database_url
from server.devices.models import Device
from server.errors import ServiceError
from server.sync import pull
from server.sync.models import UnitSync

log = logging.getLogger(__name__)

# A snapshot this many seqs behind the unit is still served (the rest comes by ordinary
# pulls); further behind, a new one is built. Two are kept per unit: one being
# downloaded stays while the next is built.
REUSE_LAG = MAX_PULL
KEEP = 2
_NAME = re.compile(r"^[0-9A-Za-z-]{1,80}$")
_locks: dict[int, threading.Lock] = {}
_locks_guard = threading.Lock()


def cache_root() -> Path:
    """SNAPSHOT_DIR, else the server's cache folder; one subfolder per database, so that two
    servers (or two test runs) on one machine never share files."""
    base = Path(os.environ.get("SNAPSHOT_DIR") or Path(user_cache_dir("SoCongDoanServer", appauthor=False)) / "snapshots")
    return base / hashlib.sha1(database_url().encode()).hexdigest()[:16]


def _unit_dir(unit_id: int) -> Path:
    return cache_root() / f"unit-{unit_id}"


def _name(epoch: str | None, seq: int, limit: int, serial: bool) -> str:
    return f"{epoch or 'e0'}-{seq}-{limit}" + ("-u" if serial else "")


def _manifests(folder: Path, epoch: str | None) -> list[dict]:
    out = []
    prefix = f"{epoch or 'e0'}-"
    for path in folder.glob(f"{prefix}*.json") if folder.exists() else ():
        try:
            out.append(json.loads(path.read_text()))
        except (OSError, ValueError):  # half-written by a killed server: built again
            continue
    return sorted(out, key=lambda m: -m["seq"])


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a server killed while writing leaves no half file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def manifest(sessions: sessionmaker, device: Device, limit: int = MAX_PULL, serial: bool = False) -> dict:
    """The unit's snapshot (built now when there is none recent enough): its name, seq and
    chunks [{cursor, rows, bytes}] of pull pages of `limit` rows, with the totals a progress
    bar needs. serial: audit rows' ids as numbers (form "u"), for a client that asked;
    the snapshots with and without are kept apart."""
    limit = max(1, min(limit, MAX_PULL))
    with sessions() as s, s.begin():
        last, epoch, epoch_seq = _counter(s, device.unit_id)
    folder = _unit_dir(device.unit_id)
    with _locks_guard:
        lock = _locks.setdefault(device.unit_id, threading.Lock())
    with lock:  # one build per unit at a time in this worker; others wait and reuse it
        found = [m for m in _manifests(folder, epoch) if m["seq"] >= last - REUSE_LAG and m["limit"] == limit
                 and m.get("serial", False) == serial]
        snap = found[0] if found else _build(sessions, device, folder, limit, serial)
    return {**snap, "server_time_ms": now_ms(), "epoch": epoch, "epoch_seq": epoch_seq}


def _counter(s: Session, unit_id: int) -> tuple[int, str | None, int]:
    return s.execute(select(UnitSync.last_seq, UnitSync.epoch, UnitSync.epoch_seq)
                     .where(UnitSync.unit_id == unit_id)).one()


def _build(sessions: sessionmaker, device: Device, folder: Path, limit: int, serial: bool) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    chunks: list[tuple[bytes, int, int]] = []  # gzipped page, its cursor, its rows
    cursor = 0
    epoch = None
    while True:
        # Each page in its own transaction, as the ordinary pull reads it (a long build never
        # holds the unit's counter or SQLite's write lock).
        with sessions() as s, s.begin():
            page = pull.pull(s, device, cursor, limit, None, serial)
        epoch = page.get("epoch")
        page.pop("server_time_ms", None)  # the clock of when it is served, not of when it was built
        rows = sum(t["n"] for t in page["tables"])
        # The client asked for a snapshot: it reads these forms ("i" and "u" when it said so).
        page["tables"] = [compact_columns(t, numbers=serial) for t in page["tables"]]
        body = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()
        chunks.append((gzip.compress(body, compresslevel=6), page["cursor"], rows))
        cursor = page["cursor"]
        if not page["more"]:
            break
    name = _name(epoch, cursor, limit, serial)
    for k, (data, _, _) in enumerate(chunks):
        _write(folder / f"{name}.{k}.gz", data)
    snap = {"name": name, "seq": cursor, "limit": limit, "serial": serial,
            "chunks": [{"cursor": c, "rows": n, "bytes": len(d)} for d, c, n in chunks],
            "rows": sum(n for _, _, n in chunks), "bytes": sum(len(d) for d, _, _ in chunks)}
    _write(folder / f"{name}.json", json.dumps(snap).encode())  # last: the chunks are all there
    _prune(folder, keep={name})
    log.info("snapshot of unit %s at seq %s: %s rows, %s bytes in %s chunks", device.unit_id, cursor,
             snap["rows"], snap["bytes"], len(chunks))
    return snap


def _prune(folder: Path, keep: set[str]) -> None:
    manifests = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in manifests[KEEP:]:
        name = path.name.removesuffix(".json")
        if name in keep:
            continue
        for f in folder.glob(f"{name}.*"):
            f.unlink(missing_ok=True)


def chunk(sessions: sessionmaker, device: Device, name: str, k: int) -> bytes:
    """Chunk k of a snapshot, gzipped JSON. Gone (410) when the snapshot is no longer kept
    or the server's history changed since (a restore): the PC pulls on from its cursor."""
    gone = ServiceError("snapshot_gone", "Bản chụp dữ liệu này không còn trên máy chủ; máy sẽ nhận tiếp theo "
                                         "cách thông thường.", status=410)
    if not _NAME.match(name):
        raise gone
    with sessions() as s, s.begin():
        _, epoch, _ = _counter(s, device.unit_id)
    if not name.startswith(f"{epoch or 'e0'}-"):
        raise gone
    try:
        return (_unit_dir(device.unit_id) / f"{name}.{k}.gz").read_bytes()
    except OSError:
        raise gone from None
