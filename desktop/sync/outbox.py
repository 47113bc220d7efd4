"""The outbox side of a sync: give pending changes their mutation ids, read what to
send, and settle what the server answered.

An outbox row leaves only when the server acknowledged it; a refused change stays with
the server's reason for the user to see. Several changes of one row that were never
sent are merged into one mutation first (an import followed by edits sends each
member once).

New rows of the BULK_INSERT tables (allocations, audit rows) go column-wise, many in one
push, without their mutation ids: the server applies each at most once by its row id. So
do new rows of the BULK_LOAD tables (members, their events, ...: a first upload), with the
clock of their insert, once the server said it takes them (protocol.BULK_LOAD)."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from uuid6 import uuid7

from desktop.models.chunks import in_chunks
from desktop.models.sync import synced_fields, synced_tables
from desktop.sync import capture
from desktop.sync.rawdb import transaction
from protocol import BULK_INSERT, HLC_COLUMN, INSERT_ONLY, MAX_PUSH_ROWS
from protocol.codec import Ids, compact_columns, decode_column, encode_rows

_FIELDS = {t.name: synced_fields(t) for t in synced_tables()}
OP_RANK = {"delete": 0, "update": 1, "insert": 2}
# New rows of BULK_LOAD tables in one push: a member is a few hundred bytes of JSON, and
# the server reads at most 64 MB of it per push (server/body.py).
MAX_LOAD_ROWS = 20_000
LIFT_ROWS = 500  # from this many seqs of one table in an answer, its triggers are lifted
Row = dict[str, Any]  # a row of a synced table, by column name
Mutation = dict[str, Any]  # one change as the push sends it (protocol.messages.Mutation)


class _Unsent(NamedTuple):
    local_seq: int
    tbl: str
    row_id: str
    op: str
    fields: str
    base_seq: int | None
    hlc: int


@dataclass
class _Merged:
    """The changes of one row not yet sent, as one mutation."""

    local_seq: int
    op: str
    fields: set[str]
    base_seq: int | None
    hlc: int


class _Queued(NamedTuple):
    local_seq: int
    mutation_id: str
    tbl: str
    row_id: str
    op: str
    fields: str
    base_seq: int | None
    hlc: int

    def bulk(self, tables: frozenset[str]) -> bool:
        """A new row of one of these tables (BULK_INSERT, and BULK_LOAD ones the server
        takes), sent column-wise."""
        return self.tbl in tables and self.op == "insert" and self.fields == "*"


def prepare(conn: sqlite3.Connection) -> int:
    """Merge unsent changes per row and fix their mutation ids; returns how many are ready."""
    with transaction(conn):
        # A new row of an insert-only BULK_INSERT table is one outbox row that nothing can
        # merge into (those tables take no updates): it is fixed by its own id, which is
        # all the server needs to apply it once (a first upload holds a million of them).
        conn.execute(f"UPDATE OR IGNORE sync_outbox SET mutation_id = row_id WHERE mutation_id IS NULL AND rejected IS NULL "
                     f"AND op = 'insert' AND fields = '*' AND tbl IN ({', '.join('?' * len(BULK_INSERT))}) "
                     f"AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.mutation_id = sync_outbox.row_id)",
                     sorted(BULK_INSERT))
        rows = map(_Unsent._make, conn.execute(
            "SELECT local_seq, tbl, row_id, op, fields, base_seq, hlc FROM sync_outbox "
            "WHERE mutation_id IS NULL AND rejected IS NULL ORDER BY local_seq"))
        merged: dict[tuple[str, str], _Merged] = {}
        drop: list[tuple[int]] = []
        for r in rows:
            fields = set(r.fields.split(",")) if r.fields else set()
            first = merged.get((r.tbl, r.row_id))
            if first is None:
                merged[(r.tbl, r.row_id)] = _Merged(r.local_seq, r.op, fields, r.base_seq, r.hlc)
                continue
            drop.append((r.local_seq,))
            first.op = max(first.op, r.op, key=OP_RANK.__getitem__)
            first.fields |= fields
            first.base_seq = min((b for b in (first.base_seq, r.base_seq) if b is not None), default=None)
            first.hlc = max(first.hlc, r.hlc)
        conn.executemany("DELETE FROM sync_outbox WHERE local_seq = ?", drop)
        updates = []
        for m in merged.values():
            fields_text = "*" if "*" in m.fields else ",".join(sorted(m.fields))
            updates.append((str(uuid7()), m.op, fields_text, m.base_seq, m.hlc, m.local_seq))
        conn.executemany("UPDATE sync_outbox SET mutation_id = ?, op = ?, fields = ?, base_seq = ?, hlc = ? "
                         "WHERE local_seq = ?", updates)
        ready: int = conn.execute(
            "SELECT count(*) FROM sync_outbox WHERE mutation_id IS NOT NULL AND rejected IS NULL").fetchone()[0]
        return ready


@dataclass
class Inserts:
    """New rows of one BULK_INSERT or BULK_LOAD table, sent column-wise without their
    mutation ids (with the clock of each insert for a table that merges)."""

    tbl: str
    local_seqs: list[int] = field(default_factory=list)
    mutation_ids: list[str] = field(default_factory=list)
    row_ids: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    hlcs: list[int] = field(default_factory=list)

    def group_by(self, name: str) -> None:
        """The rows grouped by a field's value, in their order within each group: audit
        rows by the table they are about (a receipt's payer names together, then the
        receipts' summaries, then the book's numbers), which compresses best. The server
        answers row by row in the order sent, and settles them by the same lists."""
        order = sorted(range(len(self.rows)), key=lambda i: str(self.rows[i].get(name)))
        self.local_seqs = [self.local_seqs[i] for i in order]
        self.mutation_ids = [self.mutation_ids[i] for i in order]
        self.row_ids = [self.row_ids[i] for i in order]
        self.rows = [self.rows[i] for i in order]
        self.hlcs = [self.hlcs[i] for i in order]


@dataclass
class Batch:
    mutations: list[Mutation]
    inserts: list[Inserts]
    full: bool = False  # as many as one push takes: more may be waiting
    last: int = 0  # the local_seq of its last outbox row: the next batch starts after it

    def __bool__(self) -> bool:
        return bool(self.mutations or self.inserts)

    def mutation_ids(self) -> set[str]:
        return {m["mutation_id"] for m in self.mutations} | {i for g in self.inserts for i in g.mutation_ids}

    def without(self, sent: set[str]) -> Batch:
        if not sent:
            return self
        inserts = []
        for g in self.inserts:
            keep = [k for k, mid in enumerate(g.mutation_ids) if mid not in sent]
            if keep:
                inserts.append(Inserts(g.tbl, [g.local_seqs[k] for k in keep], [g.mutation_ids[k] for k in keep],
                                       [g.row_ids[k] for k in keep], [g.rows[k] for k in keep],
                                       [g.hlcs[k] for k in keep]))
        return Batch([m for m in self.mutations if m["mutation_id"] not in sent], inserts, self.full, self.last)

    def body(self, device_id: str, compact: bool = False) -> dict[str, Any]:
        """The push's JSON. compact: the server reads COMPACT_FORMS in pushed rows
        (timestamps as numbers, equal columns named, audit rows' ids as numbers)."""
        ids = Ids()
        inserts = []
        for g in self.inserts:
            names = [f for f in _FIELDS[g.tbl] if f in g.rows[0]]
            columns: dict[str, list[Any]] = {f: [r.get(f) for r in g.rows] for f in names}
            columns["created_at"] = [r.get("created_at") for r in g.rows]
            columns["updated_at"] = [r.get("updated_at") for r in g.rows]
            columns["device_id"] = [device_id] * len(g.rows)
            if g.tbl not in INSERT_ONLY:  # the clock of a row that merges (documents take none)
                columns[HLC_COLUMN] = g.hlcs
            rows = encode_rows(g.tbl, g.row_ids, None, columns, ids, serial=compact)
            inserts.append(compact_columns(rows, numbers=True) if compact else rows)
        return {"mutations": self.mutations, "ids": ids.list, "inserts": inserts}


def batch(conn: sqlite3.Connection, device_id: str, limit: int, max_rows: int = MAX_PUSH_ROWS,
          bulk_tables: frozenset[str] = BULK_INSERT, after: int = 0) -> Batch:
    """The next changes to send, in outbox order: at most `limit` mutations (with the
    current values of the fields they changed) and `max_rows` new rows of `bulk_tables`
    (BULK_INSERT, and the BULK_LOAD tables the server takes: at most MAX_LOAD_ROWS of those).
    after: only outbox rows after this local_seq (the batch before, still on its way, is
    not settled yet)."""
    # Read as far as the batch goes, not `limit + max_rows` rows each time: a first upload's
    # batch stops at MAX_LOAD_ROWS members, a tenth of that, forty times over.
    queued = conn.execute(
        "SELECT local_seq, mutation_id, tbl, row_id, op, fields, base_seq, hlc FROM sync_outbox "
        "WHERE mutation_id IS NOT NULL AND rejected IS NULL AND local_seq > ? ORDER BY local_seq LIMIT ?",
        (after, limit + max_rows))
    taken: list[_Queued] = []
    n_mut, n_bulk, n_load = 0, 0, 0
    full = False
    for r in map(_Queued._make, queued):
        bulk = r.bulk(bulk_tables)
        load = bulk and r.tbl not in BULK_INSERT
        if (n_bulk >= max_rows or (load and n_load >= MAX_LOAD_ROWS)) if bulk else (n_mut >= limit):
            full = True
            break
        n_bulk += bulk
        n_load += load
        n_mut += not bulk
        taken.append(r)
    else:
        full = len(taken) == limit + max_rows
    queued.close()
    by_table: dict[str, list[str]] = {}
    for r in taken:
        by_table.setdefault(r.tbl, []).append(r.row_id)
    current: dict[tuple[str, str], Row] = {}
    for tbl, ids in by_table.items():
        for chunk, marks in in_chunks(ids):
            cur = conn.execute(f"SELECT * FROM {tbl} WHERE id IN ({marks})", chunk)
            names = [d[0] for d in cur.description]
            for values in cur:
                row = dict(zip(names, values))
                current[(tbl, row["id"])] = row
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    out: list[Mutation] = []
    inserts: dict[str, Inserts] = {}
    for r in taken:
        found = current.get((r.tbl, r.row_id))
        if found is None:  # hard-deleted: the server keeps a tombstone
            out.append(dict(mutation_id=r.mutation_id, tbl=r.tbl, row_id=r.row_id, op="delete",
                            fields={"deleted_at": now}, base_seq=r.base_seq, hlc=r.hlc, device_id=device_id,
                            updated_at=now))
            continue
        if r.bulk(bulk_tables):
            g = inserts.get(r.tbl)
            if g is None:
                g = inserts[r.tbl] = Inserts(r.tbl)
            g.local_seqs.append(r.local_seq)
            g.mutation_ids.append(r.mutation_id)
            g.row_ids.append(r.row_id)
            g.rows.append(found)
            g.hlcs.append(r.hlc)
            continue
        names = _FIELDS.get(r.tbl, []) if r.fields == "*" else r.fields.split(",")
        out.append(dict(mutation_id=r.mutation_id, tbl=r.tbl, row_id=r.row_id, op=r.op,
                        fields={f: found.get(f) for f in names if f in found}, base_seq=r.base_seq, hlc=r.hlc,
                        device_id=device_id, created_at=found.get("created_at"),
                        updated_at=found.get("updated_at")))
    audit = inserts.get("audit_log")
    if audit is not None:
        audit.group_by("tbl")
    return Batch(out, list(inserts.values()), full, taken[-1].local_seq if taken else after)


def settle(conn: sqlite3.Connection, sent: Batch, answer: dict[str, Any]) -> tuple[int, int]:
    """Remove what the server took (and note its seq on the row); keep what it refused.
    Rows the answer says nothing of stay, and go again at the next sync."""
    by_id = {m["mutation_id"]: m for m in sent.mutations}
    done: list[tuple[str]] = []
    refused: list[tuple[str, str]] = []
    done_rows: list[tuple[int]] = []
    refused_rows: list[tuple[str, int]] = []
    seqs: dict[str, list[tuple[int, str, int]]] = {}
    for r in answer.get("results", []):
        m = by_id.get(r["mutation_id"])
        if m is None:
            continue
        if r["status"] == "rejected":
            refused.append((r.get("error") or r.get("code") or "Máy chủ từ chối.", r["mutation_id"]))
            continue
        done.append((r["mutation_id"],))
        if r.get("seq"):
            seqs.setdefault(m["tbl"], []).append((r["seq"], m["row_id"], r["seq"]))
    for g, res in zip(sent.inserts, answer.get("inserted") or []):
        n = len(g.row_ids)
        statuses = decode_column(res["status"], n, [])
        row_seqs = decode_column(res["seq"], n, [])
        if len(statuses) != n or len(row_seqs) != n:
            continue  # not an answer to these rows: they stay, and go again
        errors = {i: error or code for i, code, error in res.get("rejected") or []}
        table_seqs = seqs.setdefault(g.tbl, [])
        for i, (status, seq) in enumerate(zip(statuses, row_seqs)):
            if status == "rejected":
                refused_rows.append((errors.get(i) or "Máy chủ từ chối.", g.local_seqs[i]))
            elif status in ("applied", "duplicate"):
                done_rows.append((g.local_seqs[i],))
                if seq:
                    table_seqs.append((seq, g.row_ids[i], seq))
    with transaction(conn):
        conn.executemany("UPDATE sync_outbox SET rejected = ? WHERE mutation_id = ?", refused)
        conn.executemany("DELETE FROM sync_outbox WHERE mutation_id = ?", done)
        conn.executemany("UPDATE sync_outbox SET rejected = ? WHERE local_seq = ?", refused_rows)
        conn.executemany("DELETE FROM sync_outbox WHERE local_seq = ?", done_rows)
        for tbl, rows in seqs.items():
            # server_seq is not captured nor audited: a large answer (a bulk page) writes it
            # with the table's triggers lifted, which otherwise cost ~25 µs a row doing nothing.
            with capture.lifted(conn, [tbl]) if len(rows) >= LIFT_ROWS else nullcontext():
                conn.executemany(f"UPDATE {tbl} SET server_seq = ? WHERE id = ? AND (server_seq IS NULL OR "
                                 "server_seq < ?)", rows)
    return len(done) + len(done_rows), len(refused) + len(refused_rows)


def retry_refused(conn: sqlite3.Connection, tbl: str, row_id: str) -> int:
    """The refused changes of one row sent again at the next sync, with the row's values
    of then (a transfer whose receiving unit's code was corrected). Returns how many."""
    return conn.execute("UPDATE sync_outbox SET rejected = NULL, mutation_id = NULL "
                        "WHERE tbl = ? AND row_id = ? AND rejected IS NOT NULL", (tbl, row_id)).rowcount


# Rows that a whole upload queues right after the row they point to: a member's events
# after it, a receipt's allocations after it, an audit row after the record it is about.
# The server gives them
# the next seqs (server/sync/push.py), so that a page of a new PC's first sync holds both
# and lists the record's id once: queued table by table, a receipt's id was listed again
# in the pages of its audit rows, 16 bytes gzipped each time (issue 17).
FOLLOWERS: dict[str, tuple[str, str | None]] = {
    "member_event": ("member_id", "member"), "dues_payment": ("doc_id", "cash_doc"), "audit_log": ("row_id", None)}


def capture_all(conn: sqlite3.Connection) -> int:
    """Queue every synced row as an insert: the first device of a unit uploads its whole
    database, including what was entered before sync existed. Rows go in the order they
    were written (rowid), each followed by the rows that point to it (FOLLOWERS): a
    receipt's allocations together, its members in the same order each month, its audit
    rows beside it, which is what the server's pages compress best. Rows that point to
    nothing queued go last."""
    total = 0
    with transaction(conn):
        conn.execute("DELETE FROM sync_outbox WHERE rejected IS NULL")
        for table in synced_tables():
            if table.name not in FOLLOWERS:
                total += capture.queue_with_followers(conn, table.name, FOLLOWERS)
        for tbl in FOLLOWERS:
            total += capture.queue_rows(conn, tbl, f"WHERE id NOT IN (SELECT row_id FROM sync_outbox "
                                                   f"WHERE tbl = '{tbl}' AND rejected IS NULL)")
    return total


def requeue_since(conn: sqlite3.Connection, seq: int, epoch: str) -> int:
    """The server was put back from a backup that ends at `seq` (its new epoch): every row
    this PC holds in a later version (its own changes the server acknowledged, and others'
    it pulled) goes up again as an insert; the pull goes on from `seq`. One transaction
    with the epoch noted, so an interrupted one is done again. Returns the rows queued."""
    total = 0
    with transaction(conn):
        for table in synced_tables():
            t = table.name
            total += capture.queue_rows(
                conn, t, f"WHERE server_seq > ? AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tbl = '{t}' "
                f"AND o.row_id = {t}.id AND o.rejected IS NULL)", (seq,))
        conn.execute("UPDATE sync_state SET cursor = min(cursor, ?) WHERE id = 1", (seq,))
        conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('sync_epoch', ?)", (epoch,))
    return total
