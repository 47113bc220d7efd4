"""The outbox side of a sync: give pending changes their mutation ids, read what to
send, and settle what the server answered.

An outbox row leaves only when the server acknowledged it; a refused change stays with
the server's reason for the user to see. Several changes of one row that were never
sent are merged into one mutation first (an import followed by edits sends each
member once)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from uuid6 import uuid7

from desktop.models.sync import synced_fields, synced_tables
from desktop.sync.rawdb import transaction

_FIELDS = {t.name: synced_fields(t) for t in synced_tables()}
OP_RANK = {"delete": 0, "update": 1, "insert": 2}


def prepare(conn: sqlite3.Connection) -> int:
    """Merge unsent changes per row and fix their mutation ids; returns how many are ready."""
    with transaction(conn):
        rows = conn.execute("SELECT local_seq, tbl, row_id, op, fields, base_seq, hlc FROM sync_outbox "
                            "WHERE mutation_id IS NULL AND rejected IS NULL ORDER BY local_seq").fetchall()
        merged: dict[tuple[str, str], list] = {}
        drop = []
        for seq, tbl, row_id, op, fields, base, hlc in rows:
            first = merged.get((tbl, row_id))
            if first is None:
                merged[(tbl, row_id)] = [seq, op, set(fields.split(",")) if fields else set(), base, hlc, False]
                continue
            drop.append((seq,))
            first[1] = max(first[1], op, key=OP_RANK.__getitem__)
            first[2] |= set(fields.split(",")) if fields else set()
            first[3] = min((b for b in (first[3], base) if b is not None), default=None)
            first[4] = max(first[4], hlc)
            first[5] = True
        conn.executemany("DELETE FROM sync_outbox WHERE local_seq = ?", drop)
        updates = []
        for seq, op, fields, base, hlc, changed in merged.values():
            fields_text = "*" if "*" in fields else ",".join(sorted(fields))
            updates.append((str(uuid7()), op, fields_text, base, hlc, seq))
        conn.executemany("UPDATE sync_outbox SET mutation_id = ?, op = ?, fields = ?, base_seq = ?, hlc = ? "
                         "WHERE local_seq = ?", updates)
        return conn.execute("SELECT count(*) FROM sync_outbox WHERE mutation_id IS NOT NULL AND rejected IS NULL"
                            ).fetchone()[0]


def batch(conn: sqlite3.Connection, device_id: str, limit: int) -> list[dict]:
    """The next mutations to send, with the current values of the fields they changed."""
    rows = conn.execute("SELECT mutation_id, tbl, row_id, op, fields, base_seq, hlc FROM sync_outbox "
                        "WHERE mutation_id IS NOT NULL AND rejected IS NULL ORDER BY local_seq LIMIT ?",
                        (limit,)).fetchall()
    by_table: dict[str, list[str]] = {}
    for r in rows:
        by_table.setdefault(r[1], []).append(r[2])
    current: dict[tuple[str, str], dict] = {}
    for tbl, ids in by_table.items():
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            cur = conn.execute(f"SELECT * FROM {tbl} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            names = [d[0] for d in cur.description]
            for values in cur:
                row = dict(zip(names, values))
                current[(tbl, row["id"])] = row
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    out = []
    for mutation_id, tbl, row_id, op, fields, base, hlc in rows:
        row = current.get((tbl, row_id))
        if row is None:  # hard-deleted: the server keeps a tombstone
            out.append(dict(mutation_id=mutation_id, tbl=tbl, row_id=row_id, op="delete",
                            fields={"deleted_at": now}, base_seq=base, hlc=hlc, device_id=device_id,
                            updated_at=now))
            continue
        names = _FIELDS.get(tbl, []) if fields == "*" else fields.split(",")
        out.append(dict(mutation_id=mutation_id, tbl=tbl, row_id=row_id, op=op,
                        fields={f: row.get(f) for f in names if f in row}, base_seq=base, hlc=hlc,
                        device_id=device_id, created_at=row.get("created_at"), updated_at=row.get("updated_at")))
    return out


def settle(conn: sqlite3.Connection, sent: list[dict], results: list[dict]) -> tuple[int, int]:
    """Remove what the server took (and note its seq on the row); keep what it refused."""
    by_id = {m["mutation_id"]: m for m in sent}
    done: list[tuple[str]] = []
    refused: list[tuple[str, str]] = []
    seqs: dict[str, list[tuple[int, str, int]]] = {}
    for r in results:
        m = by_id.get(r["mutation_id"])
        if m is None:
            continue
        if r["status"] == "rejected":
            refused.append((r.get("error") or r.get("code") or "Máy chủ từ chối.", r["mutation_id"]))
            continue
        done.append((r["mutation_id"],))
        if r.get("seq"):
            seqs.setdefault(m["tbl"], []).append((r["seq"], m["row_id"], r["seq"]))
    with transaction(conn):
        conn.executemany("UPDATE sync_outbox SET rejected = ? WHERE mutation_id = ?", refused)
        conn.executemany("DELETE FROM sync_outbox WHERE mutation_id = ?", done)
        for tbl, rows in seqs.items():
            conn.executemany(f"UPDATE {tbl} SET server_seq = ? WHERE id = ? AND (server_seq IS NULL OR server_seq < ?)",
                             rows)
    return len(done), len(refused)


def capture_all(conn: sqlite3.Connection) -> int:
    """Queue every synced row as an insert: the first device of a unit uploads its whole
    database, including what was entered before sync existed."""
    total = 0
    with transaction(conn):
        conn.execute("DELETE FROM sync_outbox WHERE rejected IS NULL")
        for table in synced_tables():
            cur = conn.execute(
                f"INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc) "
                f"SELECT '{table.name}', id, 'insert', '*', NULL, (SELECT hlc FROM sync_state WHERE id = 1) "
                f"FROM {table.name}")
            total += cur.rowcount
    return total
