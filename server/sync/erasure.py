"""A member's erasure reaches the server's copies of the audit log (personal data law,
DOMAIN.md): when a push brings a member's erased_at, the audit rows about them are
redacted in place; an audit row that arrives after the erasure (made on a PC before it
heard of it) is stored redacted. The rule is protocol.erasure's, the one the PCs apply.

Redacted rows keep their seq: every PC redacts its own copies when it pulls the
erasure, and a PC enrolled later pulls them as they are now."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from protocol.erasure import MEMBER_ROWS, redacted, redacted_conflict
from protocol.tables import CONFLICT_TABLE
from server.sync.idlist import one_of
from server.sync.models import Record

CHUNK = 2000


def _member_of_rows(s: Session, unit_id: int, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(table, row id) of MEMBER_ROWS rows -> their member's id, as stored."""
    out: dict[tuple[str, str], str] = {}
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in keys:
        by_table.setdefault(tbl, []).append(row_id)
    for tbl, ids in by_table.items():
        for match in one_of(s, Record.row_id, ids):
            for row_id, member_id in s.execute(
                    select(Record.row_id, Record.data["member_id"].as_string())
                    .where(Record.unit_id == unit_id, Record.tbl == tbl, match)):
                out[(tbl, row_id)] = member_id
    return out


def _erased(s: Session, unit_id: int, member_ids: set[str]) -> set[str]:
    ids = list(member_ids)
    found: set[str] = set()
    for match in one_of(s, Record.row_id, ids):
        found.update(s.scalars(select(Record.row_id).where(
            Record.unit_id == unit_id, Record.tbl == "member", match,
            Record.data["erased_at"].as_string().is_not(None))))
    return found


def redact_arriving(s: Session, unit_id: int, touched: dict, conflicts: list) -> None:
    """Audit rows and conflicts of this push (touched: (tbl, row id) -> a record being
    written, with .data; conflicts: the same for the conflicts it logs) that are about an
    erased member: stored redacted."""
    members = {key[1]: rec for key, rec in touched.items() if key[0] == "member"}
    about_members = [rec for rec in conflicts if rec.data.get("tbl") == "member"]
    if about_members:
        erased = {m for m, rec in members.items() if rec.data.get("erased_at")}
        erased |= _erased(s, unit_id, {rec.data["row_id"] for rec in about_members} - set(members))
        for rec in about_members:
            if rec.data["row_id"] in erased:
                rec.data = redacted_conflict(rec.data) or rec.data
    audits = [rec for key, rec in touched.items() if key[0] == "audit_log" and rec.data.get("row_id")]
    if not audits:
        return
    owner: dict[int, str] = {}
    rows_wanted: set[tuple[str, str]] = set()
    for k, rec in enumerate(audits):
        tbl, row_id = rec.data.get("tbl"), rec.data["row_id"]
        if tbl == "member":
            owner[k] = row_id
        elif tbl in MEMBER_ROWS:
            row = touched.get((tbl, row_id))
            if row is not None and row.data.get("member_id"):
                owner[k] = row.data["member_id"]
            else:
                rows_wanted.add((tbl, row_id))
    if rows_wanted:
        stored = _member_of_rows(s, unit_id, rows_wanted)
        for k, rec in enumerate(audits):
            key = (rec.data.get("tbl"), rec.data["row_id"])
            if k not in owner and stored.get(key):
                owner[k] = stored[key]
    if not owner:
        return
    erased = {m for m, rec in members.items() if rec.data.get("erased_at")}
    erased |= _erased(s, unit_id, set(owner.values()) - set(members))
    for k, rec in enumerate(audits):
        if owner.get(k) in erased:
            rec.data = redacted(rec.data) or rec.data


def redact_stored(s: Session, unit_id: int, member_id: str) -> int:
    """The stored audit rows and conflicts about an erased member, redacted in place.
    Scans the unit's rows of the member's tables: an erasure is rare (a leaver, years after)."""
    theirs = {member_id}
    for tbl in MEMBER_ROWS:
        theirs.update(s.scalars(select(Record.row_id).where(
            Record.unit_id == unit_id, Record.tbl == tbl, Record.data["member_id"].as_string() == member_id)))
    changed = []
    ids = list(theirs)
    for i in range(0, len(ids), CHUNK):
        for row_id, data in s.execute(select(Record.row_id, Record.data).where(
                Record.unit_id == unit_id, Record.tbl == "audit_log",
                Record.data["row_id"].as_string().in_(ids[i:i + CHUNK]))):
            new = redacted(data)
            if new is not None:
                changed.append({"u": unit_id, "t": "audit_log", "r": row_id, "data": new})
    for row_id, data in s.execute(select(Record.row_id, Record.data).where(
            Record.unit_id == unit_id, Record.tbl == CONFLICT_TABLE, Record.data["tbl"].as_string() == "member",
            Record.data["row_id"].as_string() == member_id)):
        new = redacted_conflict(data)
        if new is not None:
            changed.append({"u": unit_id, "t": CONFLICT_TABLE, "r": row_id, "data": new})
    for row in changed:
        s.execute(update(Record).where(Record.unit_id == row["u"], Record.tbl == row["t"], Record.row_id == row["r"])
                  .values(data=row["data"]))
    return len(changed)
