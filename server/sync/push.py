"""A push: one transaction that first locks the unit's counter row, so pushes of one unit
are serialised and every change gets its seq in commit order (DESIGN.md, Sync). Each
mutation is applied at most once (applied_mutation keeps its result for a retry); how
rows merge is server/sync/merge.py's, what the books allow server/sync/receipt_books.py's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from protocol import BULK_LOAD, HLC_COLUMN, MAX_PUSH_ROWS, TABLES, Mutation, MutationResult, PushResponse, TableRows
from protocol.codec import COMPACT_FORMS, Ids, decode_rows, encode_column
from protocol.fields import is_uuid
from protocol.messages import InsertResult
from server.base import now_ms, table_of, utcnow
from server.devices.models import Device
from server.errors import ServiceError
from server.rollups import service as rollups
from server.sync import erasure
from server.sync.bulk import bulk_insert
from server.sync.counter import lock_counter
from server.sync.merge import Push, RowOutcome, load_records
from server.sync.models import AppliedMutation
from server.sync.refusal import shown
from server.sync.years import YearLocks, check

# What a pushed row carries beside its table's fields.
ROW_META = ("created_at", "updated_at", "device_id", HLC_COLUMN)


def _decode_inserts(inserts: list[TableRows], ids: list[str]) -> list[tuple[str, list[str], dict[str, list[Any]]]]:
    out: list[tuple[str, list[str], dict[str, list[Any]]]] = []
    total = 0
    try:
        for g in inserts:
            if not 0 <= g.n <= MAX_PUSH_ROWS - total:  # before anything is made n times
                raise ServiceError("bad_body", f"Một lần gửi tối đa {MAX_PUSH_ROWS} dòng mới.")
            if g.tbl not in TABLES:  # a newer PC's table: refused row by row (insert_rows), not decoded
                out.append((g.tbl, [""] * g.n, {}))
                total += g.n
                continue
            # A constant or a copied column is a few bytes that decode into n values: no
            # more columns than the table has fields (and the row's clock and metadata).
            if len(g.cols) > len(TABLES[g.tbl]) + len(ROW_META):
                raise ServiceError("bad_body", f"Bảng “{shown([g.tbl])}” gửi lên nhiều cột hơn số trường của nó.")
            decoded, _, cols = decode_rows({"tbl": g.tbl, "n": g.n, "id": g.id, "cols": g.cols}, ids)
            row_ids = list(decoded)
            if len(row_ids) != g.n or any(len(v) != g.n for v in cols.values()):
                raise ValueError("lengths")
            if g.id is not None and not all(map(is_uuid, row_ids)):  # derived ids are made here
                raise ValueError("ids")
            total += g.n
            out.append((g.tbl, row_ids, cols))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ServiceError("bad_body", "Dữ liệu gửi lên không đúng định dạng (các dòng mới).") from exc
    if total > MAX_PUSH_ROWS:
        raise ServiceError("bad_body", f"Một lần gửi tối đa {MAX_PUSH_ROWS} dòng mới.")
    return out


def push(s: Session, device: Device, mutations: list[Mutation], inserts: list[TableRows] | None = None,
         ids: list[str] | None = None) -> PushResponse:
    bulk = _decode_inserts(inserts or [], ids or [])
    counter = lock_counter(s, device.unit_id)
    # A mutation or row id is a UUID (the PCs make UUIDv7): anything else is refused
    # before it reaches a query or a stored result (PostgreSQL refuses NUL in text).
    bad_ids = {id(m) for m in mutations if not (is_uuid(m.mutation_id) and is_uuid(m.row_id))}
    with s.no_autoflush:
        mutation_ids = [m.mutation_id for m in mutations if id(m) not in bad_ids]
        stored = {a.mutation_id: (a.unit_id, a.result) for a in s.execute(
            select(AppliedMutation.mutation_id, AppliedMutation.unit_id, AppliedMutation.result)
            .where(AppliedMutation.mutation_id.in_(mutation_ids)))}
        keys = {(m.tbl, m.row_id) for m in mutations if id(m) not in bad_ids and m.tbl in TABLES}
        for tbl, row_ids, _ in bulk:
            keys.update((tbl, r) for r in row_ids)
        records = load_records(s, device.unit_id, keys)
        before = {key: rec.data for key, rec in records.items()}  # what the rollups hold now
        was_erased = {k[1] for k, r in records.items() if k[0] == "member" and r.data.get("erased_at")}
        p = Push(s, device)
        # A push that closes or reopens a year is not held to that year's stored state.
        changing = {y for m in mutations if m.tbl == "year_close" and type(y := m.fields.get("year")) is int}
        changing.update(y for tbl, _, cols in bulk if tbl == "year_close" for y in cols.get("year") or ()
                        if type(y) is int)
        p.locks = YearLocks.load(s, device.unit_id, changing)
        results: list[MutationResult] = []
        fresh: dict[str, tuple[MutationResult, tuple[str, str]]] = {}
        for m in mutations:
            if id(m) in bad_ids:
                results.append(p.reject(m, "bad_id", "Mã thay đổi hoặc mã dòng không đúng dạng (UUID): thay đổi "
                                                     "không được lưu."))
                continue
            old = stored.get(m.mutation_id)
            if old is not None or m.mutation_id in fresh:
                if old is not None and old[0] != device.unit_id:
                    results.append(p.reject(m, "foreign", "Mã thay đổi thuộc đơn vị khác."))
                    continue
                prior = MutationResult(**old[1]) if old is not None else fresh[m.mutation_id][0]
                results.append(prior.model_copy(update={"status": "duplicate" if prior.status != "rejected"
                                                        else "rejected"}))
                continue
            key = (m.tbl, m.row_id)
            result = p.apply(m, p.touched.get(key) or records.get(key))
            results.append(result)
            fresh[m.mutation_id] = (result, key)
        outcomes = [p.insert_rows(tbl, row_ids, cols, records) for tbl, row_ids, cols in bulk]
        # A member's erasure, or an audit row made before it, leaves no erased value here.
        erasure.redact_arriving(s, device.unit_id, p.touched, p.conflicts)
        for key, rec in p.touched.items():
            if key[0] == "member" and rec.data.get("erased_at") and key[1] not in was_erased:
                erasure.redact_stored(s, device.unit_id, key[1])

        # The upper levels' figures change with the rows, in this transaction (read before
        # the rows are written; added last, so the rows of the units above stay locked briefly).
        delta = rollups.push_delta(s, device.unit_id, before, {key: rec.data for key, rec in p.touched.items()})
        changed = beside_what_they_point_to(list(p.touched.values())) + p.conflicts
        seq = counter.last_seq
        for rec in changed:
            seq += 1
            rec.seq = seq
            if rec.clock:
                # The fields written by this push carry the seq they were written at: a later
                # change made on an older copy (base_seq below it) is a concurrent one.
                rec.clock = {f: (c if c[2] != 0 else [c[0], c[1], seq, *c[3:]]) for f, c in rec.clock.items()}
        grew = seq.bit_length() > counter.last_seq.bit_length() and seq >= 1024
        counter.last_seq = seq
        s.flush()  # book codes and receipt numbers first: their unique keys guard the rows
        p.write(changed)
        # A close that arrived: its figures computed again from the rows stored now.
        closes = {r.data.get("year") for r in changed if r.tbl == "year_close" and r.is_new
                  and r.data.get("event") == "close"}
        if closes:
            check(s, device.unit_id, {y for y in closes if isinstance(y, int)})
    applied = []
    for mutation_id, (result, key) in fresh.items():
        if result.status == "applied" and key in p.touched:
            result.seq = p.touched[key].seq
        applied.append({"mutation_id": mutation_id, "unit_id": device.unit_id, "device_id": device.id,
                        "result": result.model_dump(), "applied_at": utcnow()})
    bulk_insert(s, table_of(AppliedMutation), applied)
    rollups.apply(s, device.unit_id, delta)
    inserted = [_inserted(outcome) for outcome in outcomes]
    if grew and s.connection().dialect.name == "postgresql":
        # A unit's first upload grows the tables from nothing to a million rows within
        # minutes, faster than autovacuum looks: without fresh statistics PostgreSQL
        # reads a whole table per batch instead of its primary key. Each doubling refreshes them.
        s.execute(text("ANALYZE record"))
        s.execute(text("ANALYZE applied_mutation"))
    device.last_sync_at = utcnow()
    return PushResponse(results=results, inserted=inserted, bulk=sorted(BULK_LOAD), forms=list(COMPACT_FORMS),
                        last_seq=counter.last_seq,
                        server_time_ms=now_ms(), epoch=counter.epoch, epoch_seq=counter.epoch_seq)


# Rows given the seqs right after the row they point to when it is in the same push: an
# audit row after the record it is about, a receipt's allocations and a member's events
# after it. A pull page is
# a seq range: it then holds both and lists the record's id once (issue 17: a receipt's id
# was listed again in the pages of its audit rows, 16 bytes gzipped each time).
FOLLOWERS = {"audit_log": "row_id", "dues_payment": "doc_id", "member_event": "member_id"}


def beside_what_they_point_to(recs: list[Any]) -> list[Any]:
    """recs reordered: each row, then the rows that point to it (and theirs), then any left
    (rows pointing at each other in a circle, which no PC makes): every row exactly once."""
    by_id = {r.row_id for r in recs}
    followers: dict[str, list[Any]] = {}
    for r in recs:
        field = FOLLOWERS.get(r.tbl)
        target = r.data.get(field) if field else None
        if type(target) is str and target in by_id and target != r.row_id:
            followers.setdefault(target, []).append(r)
    following = {id(r) for group in followers.values() for r in group}
    out: list[Any] = []
    seen: set[int] = set()

    def emit(first: Any) -> None:
        stack = [first]
        while stack:
            r = stack.pop()
            if id(r) in seen:
                continue
            seen.add(id(r))
            out.append(r)
            stack.extend(reversed(followers.get(r.row_id, ())))

    for r in recs:
        if id(r) not in following:
            emit(r)
    for r in recs:
        emit(r)
    return out


def _inserted(outcome: list[RowOutcome]) -> InsertResult:
    statuses = [o.status for o in outcome]
    seqs = [o.rec.seq if o.rec is not None else 0 for o in outcome]
    rejected = [(i, *o.refusal) for i, o in enumerate(outcome) if o.refusal is not None]
    plain = Ids()
    return InsertResult(status=encode_column(statuses, plain) if outcome else {"v": []},
                        seq=encode_column(seqs, plain) if outcome else {"v": []}, rejected=rejected)
