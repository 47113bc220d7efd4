"""Push, pull and receipt books: the server side of the sync protocol (DESIGN.md, Sync).

A push is one transaction that first locks the unit's counter row, so pushes of one
unit are serialised and every change gets its seq in commit order; each mutation is
applied at most once (applied_mutation keeps its result for a retry). Ordinary rows
merge field by field, last writer by hybrid logical clock wins, and a field that two
devices changed between syncs leaves a conflict row that every device of the unit
pulls. Documents (receipts, vouchers, payments, voids) are insert-only; new rows of the
BULK_INSERT tables (month allocations, audit rows) come column-wise without mutation ids
and are applied at most once by their own ids (the record's key).

A pull page is a whole seq range (cursor, end], so cursors stay gap-free; it is sent
column by column (protocol/codec.py), a large table read as columns by the database."""

from __future__ import annotations

import json
import logging

from sqlalchemy import JSON, func, insert, select, text, update
from sqlalchemy.orm import Session

from protocol import (
    BULK_INSERT,
    INSERT_ONLY,
    MAX_PULL,
    MAX_PUSH_ROWS,
    PACKED_WEIGHT,
    PROTOCOL_VERSION,
    SCHEMA_VERSIONS,
    TABLES,
    Mutation,
    MutationResult,
    PushResponse,
)
from protocol.codec import DerivedIds, Ids, decode_rows, derived_id_of, encode_column, encode_rows
from protocol.erasure import KEPT_FIELDS
from protocol.fields import is_uuid as _is_uuid
from protocol.fields import row_problem
from protocol.limits import strip_control
from protocol.messages import InsertResult
from protocol.tables import CONFLICT_TABLE, DERIVED_IDS, LOCKED_WHEN, VOIDS
from server.base import new_id, now_ms, utcnow
from server.devices.models import Device
from server.errors import ServiceError, UpgradeRequired
from server.rollups import service as rollups
from server.sync import erasure
from server.sync.models import AppliedMutation, BookCode, ReceiptNumber, Record, UnitSync

# A PC whose clock runs ahead must not win every later edit: its stamps are capped here.
# Devices correct their clock by the offset they measure at each sync, so an honest
# stamp is never more than a round trip ahead.
MAX_SKEW_MS = 2_000
# What an erased member's record still takes (the erasure itself writes erased_at).
ERASURE_KEPT = frozenset(KEPT_FIELDS)
META = ("id", "created_at", "updated_at", "device_id")
log = logging.getLogger("server.sync")


def _shown(names, most: int = 5) -> str:
    """Names a sender gave, for a message: a few, short, without control characters."""
    names = sorted(names)
    out = ", ".join(strip_control(str(n))[:40] for n in names[:most])
    return out + (f" và {len(names) - most} trường khác" if len(names) > most else "")




def check_versions(protocol: str | None, schema: str | None) -> None:
    try:
        proto = int(protocol or "0")
    except ValueError:
        proto = 0
    # Every desktop sends both headers (desktop/sync/client.py): a request without the
    # schema version comes from a client too old to know it, and is told to update.
    if proto < PROTOCOL_VERSION or not schema or schema < SCHEMA_VERSIONS[0]:
        raise UpgradeRequired("update_app", "Phiên bản Sổ Công đoàn trên máy này đã cũ so với máy chủ. Hãy cập nhật "
                                            "phần mềm rồi đồng bộ lại; dữ liệu chưa gửi vẫn được giữ nguyên trên máy.")
    if proto > PROTOCOL_VERSION or (schema and schema not in SCHEMA_VERSIONS):
        raise UpgradeRequired("update_server", "Máy chủ đồng bộ chưa được cập nhật cho phiên bản phần mềm này. Hãy "
                                               "báo cấp trên cập nhật máy chủ; dữ liệu vẫn được giữ trên máy này.")


def _lock_counter(s: Session, unit_id: int) -> UnitSync:
    # FOR UPDATE on PostgreSQL; on SQLite the whole transaction began IMMEDIATE.
    return s.execute(select(UnitSync).where(UnitSync.unit_id == unit_id).with_for_update()).scalar_one()


# What a voided document is called in the refusal of a second void (protocol VOIDS).
VOIDED_NAMES = {"cash_doc_void": "Phiếu", "bank_entry_void": "Bút toán"}


class _Rec:
    """A record being pushed to: plain attributes, written back in bulk (no ORM object
    per row: a first upload brings 100,000 members in batches of 1,000)."""

    __slots__ = ("clock", "data", "is_new", "origin", "row_id", "seq", "tbl")

    def __init__(self, tbl, row_id, seq, data, clock, origin, is_new):
        self.tbl, self.row_id, self.seq, self.data, self.clock, self.origin, self.is_new = (
            tbl, row_id, seq, data, clock, origin, is_new)

    def stamp(self, field: str) -> list | None:
        """[hlc, device, seq] of the last write of a field ("*": the insert that made the row)."""
        return self.clock.get(field) or self.clock.get("*")


def _load_records(s: Session, unit_id: int, keys: set[tuple[str, str]]) -> dict[tuple[str, str], _Rec]:
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in keys:
        by_table.setdefault(tbl, []).append(row_id)
    found: dict[tuple[str, str], _Rec] = {}
    for tbl, ids in by_table.items():
        for i in range(0, len(ids), 2000):
            for row_id, seq, data, clock, origin in s.execute(
                    select(Record.row_id, Record.seq, Record.data, Record.clock, Record.origin)
                    .where(Record.unit_id == unit_id, Record.tbl == tbl, Record.row_id.in_(ids[i:i + 2000]))):
                found[(tbl, row_id)] = _Rec(tbl, row_id, seq, data, clock, origin, False)
    return found


class _Push:
    """The state of one push transaction."""

    def __init__(self, s: Session, device: Device) -> None:
        self.s = s
        self.device = device
        self.unit_id = device.unit_id
        self.now = now_ms()
        self.touched: dict[tuple[str, str], _Rec] = {}
        self.conflicts: list[_Rec] = []
        self.numbers: set[tuple[str, int]] = set()
        self.void_docs: set[str] = set()

    def reject(self, m: Mutation, code: str, error: str) -> MutationResult:
        return MutationResult(mutation_id=m.mutation_id, status="rejected", code=code, error=error)

    def apply(self, m: Mutation, rec: _Rec | None) -> MutationResult:
        allowed = TABLES.get(m.tbl)
        if allowed is None:
            return self.reject(m, "unknown_table", f"Máy chủ chưa biết loại dữ liệu “{_shown([m.tbl])}”: cần cập "
                                                   "nhật máy chủ.")
        unknown = m.fields.keys() - allowed
        if unknown:
            return self.reject(m, "unknown_field",
                               f"Máy chủ chưa biết trường {_shown(unknown)} của “{m.tbl}”: cần cập nhật máy chủ.")
        # Every value as the protocol defines its field (kind, length, lines, allowed
        # values, money bounds): what the server stores, every PC of the unit must take.
        problem = row_problem(m.tbl, {**m.fields, "created_at": m.created_at, "updated_at": m.updated_at,
                                      "device_id": m.device_id})
        if problem is not None:
            return self.reject(m, "invalid_field", f"Thay đổi không được lưu: {problem[1]}")
        hlc = min(m.hlc, self.now + MAX_SKEW_MS)
        if m.tbl in INSERT_ONLY:
            return self._insert_only(m, rec, hlc)
        lock = LOCKED_WHEN.get(m.tbl)
        if rec is not None and lock and rec.data.get(lock[0]) == lock[1]:
            if all(rec.data.get(f) == v for f, v in m.fields.items()):
                return MutationResult(mutation_id=m.mutation_id, status="applied", seq=rec.seq)
            return self.reject(m, "locked", "Văn bản đã hoàn tất trên một máy khác nên không sửa được nữa; "
                                            "nếu cần sửa, hãy lập bản điều chỉnh.")
        if rec is not None and m.tbl == "member" and rec.data.get("erased_at") and m.fields.keys() - ERASURE_KEPT:
            return self.reject(m, "erased", "Dữ liệu cá nhân của đoàn viên này đã được xóa trên một máy khác (hết thời "
                                            "hạn lưu giữ): thay đổi không được lưu.")
        if rec is None:
            if m.tbl == "receipt_book":
                refusal = self._register_book(m)
                if refusal:
                    return refusal
            rec = self._new_record(m, hlc)
        else:
            self._merge(m, rec, hlc)
        self.touched[(m.tbl, m.row_id)] = rec
        return MutationResult(mutation_id=m.mutation_id, status="applied")

    def _new_record(self, m: Mutation, hlc: int) -> _Rec:
        data = dict.fromkeys(TABLES[m.tbl])
        data.update(m.fields)
        data.update(id=m.row_id, created_at=m.created_at, updated_at=m.updated_at, device_id=m.device_id)
        device = m.device_id
        if m.op == "insert":
            # One stamp for every field the insert wrote; only this device has the same row.
            return _Rec(m.tbl, m.row_id, 0, data, {"*": [hlc, device, 0]}, device, True)
        return _Rec(m.tbl, m.row_id, 0, data, {f: [hlc, device, 0] for f in m.fields}, None, True)

    def _merge(self, m: Mutation, rec: _Rec, hlc: int) -> None:
        data = dict(rec.data)
        clock = dict(rec.clock)
        won_all = True
        for field, value in m.fields.items():
            old_clock = clock.get(field) or clock.get("*")
            old = data.get(field)
            # The device had already seen the stored value when it made its change: its
            # change comes after it, whatever the clocks say (a PC whose clock ran ahead
            # during a burst of writes must not beat a later edit made on its own data).
            seen = old_clock is not None and m.base_seq is not None and old_clock[2] <= m.base_seq
            concurrent = (old_clock is not None and old_clock[1] != m.device_id and not seen and old != value)
            if old_clock is None or seen or (hlc, m.device_id) > (old_clock[0], old_clock[1]):
                if concurrent:
                    self._conflict(m, field, kept=(value, m.device_id, hlc), lost=(old, old_clock[1], old_clock[0]))
                data[field] = value
                # Stamps never go backwards, so later comparisons between devices stay fair.
                stamp = max(hlc, old_clock[0] + 1) if old_clock is not None else hlc
                clock[field] = [stamp, m.device_id, 0]
            else:
                won_all = False
                if concurrent:
                    self._conflict(m, field, kept=(old, old_clock[1], old_clock[0]), lost=(value, m.device_id, hlc))
        data["updated_at"] = max(filter(None, [data.get("updated_at"), m.updated_at]), default=None)
        data["device_id"] = m.device_id if won_all else data.get("device_id")
        rec.origin = m.device_id if (won_all and rec.origin == m.device_id) else None
        rec.data = data
        rec.clock = clock

    def _conflict(self, m: Mutation, field: str, kept: tuple, lost: tuple) -> None:
        row_id = new_id()
        data = {"id": row_id, "tbl": m.tbl, "row_id": m.row_id, "field": field,
                "kept_value": json.dumps(kept[0], ensure_ascii=False), "kept_device": kept[1], "kept_hlc": kept[2],
                "lost_value": json.dumps(lost[0], ensure_ascii=False), "lost_device": lost[1], "lost_hlc": lost[2],
                "created_at": utcnow().isoformat(sep=" ")}
        self.conflicts.append(_Rec(CONFLICT_TABLE, row_id, 0, data, {}, None, True))

    def _insert_only(self, m: Mutation, rec: _Rec | None, hlc: int) -> MutationResult:
        if m.op != "insert":
            return self.reject(m, "insert_only", "Chứng từ đã lập không được sửa hay xóa: hãy hủy phiếu và lập phiếu mới.")
        if rec is not None:
            if all(rec.data.get(f) == v for f, v in m.fields.items()):
                return MutationResult(mutation_id=m.mutation_id, status="applied", seq=rec.seq)
            return self.reject(m, "document_clash", "Máy chủ đã có một chứng từ khác mang cùng mã nội bộ.")
        if m.tbl == "cash_doc":
            refusal = self._claim_number(m)
            if refusal:
                return refusal
        voided = VOIDS.get(m.tbl)
        if voided is not None:
            doc_id = m.fields.get(voided)
            taken = doc_id in self.void_docs or self.s.scalar(select(Record.row_id).where(
                Record.unit_id == self.unit_id, Record.tbl == m.tbl,
                Record.data[voided].as_string() == doc_id))
            if taken:
                return self.reject(m, "already_void",
                                   f"{VOIDED_NAMES[m.tbl]} này đã được hủy trên một máy khác của đơn vị.")
            self.void_docs.add(doc_id)
        rec = self._new_record(m, hlc)
        rec.clock = {}  # never merged: no clocks to keep
        self.touched[(m.tbl, m.row_id)] = rec
        return MutationResult(mutation_id=m.mutation_id, status="applied")

    def insert_rows(self, tbl: str, row_ids: list[str], cols: dict[str, list],
                    records: dict[tuple[str, str], _Rec]) -> list[tuple[str, _Rec | None, str | None, str | None]]:
        """New rows of a BULK_INSERT table, each applied at most once by its id: a row the
        server already has, with the same fields, is a duplicate; with other fields, refused.
        Returns (status, record, code, error) per row, in order."""
        allowed = TABLES.get(tbl)
        if tbl not in BULK_INSERT or allowed is None:
            return [("rejected", None, "not_bulk", f"Máy chủ không nhận “{tbl}” theo lô: cần cập nhật máy chủ.")
                    ] * len(row_ids)
        unknown = cols.keys() - allowed - {"created_at", "updated_at", "device_id"}
        if unknown:
            return [("rejected", None, "unknown_field", f"Máy chủ chưa biết trường {_shown(unknown)} "
                                                        f"của “{tbl}”: cần cập nhật máy chủ.")] * len(row_ids)
        invalid = _invalid_rows(tbl, cols)
        fields = [f for f in cols if f in allowed]
        meta = {k: cols.get(k) or [None] * len(row_ids) for k in ("created_at", "updated_at")}
        devices = cols.get("device_id") or [None] * len(row_ids)
        blank = dict.fromkeys(allowed)
        out = []
        for i, row_id in enumerate(row_ids):
            if i in invalid:
                out.append(("rejected", None, "invalid_field", f"Dòng không được lưu: {invalid[i]}"))
                continue
            key = (tbl, row_id)
            rec = self.touched.get(key) or records.get(key)
            if rec is not None:
                if all(rec.data.get(f) == cols[f][i] for f in fields):
                    out.append(("duplicate", rec, None, None))
                else:
                    out.append(("rejected", None, "document_clash",
                                "Máy chủ đã có một chứng từ khác mang cùng mã nội bộ."))
                continue
            data = dict(blank)
            for f in fields:
                data[f] = cols[f][i]
            data.update(id=row_id, created_at=meta["created_at"][i], updated_at=meta["updated_at"][i],
                        device_id=devices[i])
            rec = self.touched[key] = _Rec(tbl, row_id, 0, data, {}, devices[i], True)
            out.append(("applied", rec, None, None))
        return out

    def _claim_number(self, m: Mutation) -> MutationResult | None:
        book_id, number = m.fields.get("book_id"), m.fields.get("number")
        key = (book_id, number)
        held = self.s.get(ReceiptNumber, (self.unit_id, book_id, number))
        if key in self.numbers or (held is not None and held.doc_id != m.row_id):
            return self.reject(m, "number_taken",
                               f"Số phiếu {m.fields.get('book_code')}/{int(number or 0):04d} đã có trên máy chủ cho một "
                               "phiếu khác (máy này có thể đã được khôi phục từ bản sao lưu cũ). Phiếu vẫn được giữ "
                               "trên máy này: hãy hủy nó và lập lại ở quyển mới.")
        self.numbers.add(key)
        if held is None:
            self.s.add(ReceiptNumber(unit_id=self.unit_id, book_id=book_id, number=number, doc_id=m.row_id))
        return None

    def _register_book(self, m: Mutation) -> MutationResult | None:
        kind, code = m.fields.get("kind"), m.fields.get("code")
        row = self.s.scalar(select(BookCode).where(BookCode.unit_id == self.unit_id, BookCode.kind == kind,
                                                   BookCode.code == code))
        if row is None:
            self.s.add(BookCode(unit_id=self.unit_id, kind=kind, code=code, device_id=self.device.id, book_id=m.row_id))
        elif row.book_id is None and row.device_id == self.device.id:
            row.book_id = m.row_id
        elif row.book_id != m.row_id:
            return self.reject(m, "book_code_taken", f"Quyển số {code} đã được một máy khác của đơn vị dùng.")
        return None

    def write(self, changed: list[_Rec]) -> None:
        now = utcnow()
        rows = [{"unit_id": self.unit_id, "tbl": r.tbl, "row_id": r.row_id, "seq": r.seq, "data": r.data,
                 "clock": r.clock, "deleted": r.data.get("deleted_at") is not None, "origin": r.origin,
                 "updated_at": now} for r in changed]
        new = [row for row, r in zip(rows, changed) if r.is_new]
        old = [row for row, r in zip(rows, changed) if not r.is_new]
        bulk_insert(self.s, Record.__table__, new)
        if old:
            self.s.execute(update(Record), old)  # bulk UPDATE by primary key


def bulk_insert(s: Session, table, rows: list[dict]) -> None:
    """Many new rows at once: COPY on PostgreSQL (a first upload of a large unit is
    hundreds of thousands of rows), executemany elsewhere."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    from psycopg.types.json import Jsonb

    names = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([Jsonb(row[n]) if n in json_cols else row[n] for n in names])


def _invalid_rows(tbl: str, cols: dict[str, list]) -> dict[int, str]:
    """The rows of a pushed table whose values do not fit their fields: {index: message}.
    Checked column by column, each distinct value once (a year of allocations repeats a few)."""
    out: dict[int, str] = {}
    for name, values in cols.items():
        verdicts: dict = {}
        for i, v in enumerate(values):
            key = (type(v), v) if isinstance(v, (str, int, float, type(None))) else None
            if key is not None and key in verdicts:
                problem = verdicts[key]
            else:
                problem = row_problem(tbl, {name: v})
                if key is not None:
                    verdicts[key] = problem
            if problem is not None and i not in out:
                out[i] = problem[1]
    return out


def _decode_inserts(inserts: list, ids: list[str]) -> list[tuple[str, list[str], dict[str, list]]]:
    out = []
    total = 0
    try:
        for g in inserts:
            if not 0 <= g.n <= MAX_PUSH_ROWS - total:  # before anything is made n times
                raise ServiceError("bad_body", f"Một lần gửi tối đa {MAX_PUSH_ROWS} dòng mới.")
            row_ids, _, cols = decode_rows({"tbl": g.tbl, "n": g.n, "id": g.id, "cols": g.cols}, ids)
            row_ids = list(row_ids)
            if len(row_ids) != g.n or any(len(v) != g.n for v in cols.values()):
                raise ValueError("lengths")
            if g.id is not None and not all(map(_is_uuid, row_ids)):  # derived ids are made here
                raise ValueError("ids")
            total += g.n
            out.append((g.tbl, row_ids, cols))
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ServiceError("bad_body", "Dữ liệu gửi lên không đúng định dạng (các dòng mới).") from exc
    if total > MAX_PUSH_ROWS:
        raise ServiceError("bad_body", f"Một lần gửi tối đa {MAX_PUSH_ROWS} dòng mới.")
    return out


def push(s: Session, device: Device, mutations: list[Mutation], inserts: list | None = None,
         ids: list[str] | None = None) -> PushResponse:
    bulk = _decode_inserts(inserts or [], ids or [])
    counter = _lock_counter(s, device.unit_id)
    # A mutation or row id is a UUID (the PCs make UUIDv7): anything else is refused
    # before it reaches a query or a stored result (PostgreSQL refuses NUL in text).
    bad_ids = {id(m) for m in mutations if not (_is_uuid(m.mutation_id) and _is_uuid(m.row_id))}
    with s.no_autoflush:
        ids = [m.mutation_id for m in mutations if id(m) not in bad_ids]
        stored = {a.mutation_id: (a.unit_id, a.result) for a in s.execute(
            select(AppliedMutation.mutation_id, AppliedMutation.unit_id, AppliedMutation.result)
            .where(AppliedMutation.mutation_id.in_(ids)))}
        keys = {(m.tbl, m.row_id) for m in mutations if id(m) not in bad_ids and m.tbl in TABLES}
        for tbl, row_ids, _ in bulk:
            keys.update((tbl, r) for r in row_ids)
        records = _load_records(s, device.unit_id, keys)
        before = {key: rec.data for key, rec in records.items()}  # what the rollups hold now
        was_erased = {k[1] for k, r in records.items() if k[0] == "member" and r.data.get("erased_at")}
        p = _Push(s, device)
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
        changed = list(p.touched.values()) + p.conflicts
        seq = counter.last_seq
        for rec in changed:
            seq += 1
            rec.seq = seq
            if rec.clock:
                # The fields written by this push carry the seq they were written at: a later
                # change made on an older copy (base_seq below it) is a concurrent one.
                rec.clock = {f: (c if c[2] != 0 else [c[0], c[1], seq]) for f, c in rec.clock.items()}
        grew = seq.bit_length() > counter.last_seq.bit_length() and seq >= 1024
        counter.last_seq = seq
        s.flush()  # book codes and receipt numbers first: their unique keys guard the rows
        p.write(changed)
    applied = []
    for mutation_id, (result, key) in fresh.items():
        if result.status == "applied" and key in p.touched:
            result.seq = p.touched[key].seq
        applied.append({"mutation_id": mutation_id, "unit_id": device.unit_id, "device_id": device.id,
                        "result": result.model_dump(), "applied_at": utcnow()})
    bulk_insert(s, AppliedMutation.__table__, applied)
    rollups.apply(s, device.unit_id, delta)
    inserted = [_inserted(outcome) for outcome in outcomes]
    if grew and s.connection().dialect.name == "postgresql":
        # A unit's first upload grows the tables from nothing to a million rows within
        # minutes, faster than autovacuum looks: without fresh statistics PostgreSQL
        # reads a whole table per batch instead of its primary key. Each doubling refreshes them.
        s.execute(text("ANALYZE record"))
        s.execute(text("ANALYZE applied_mutation"))
    device.last_sync_at = utcnow()
    return PushResponse(results=results, inserted=inserted, last_seq=counter.last_seq, server_time_ms=now_ms(),
                        epoch=counter.epoch, epoch_seq=counter.epoch_seq)


def _inserted(outcome: list[tuple[str, _Rec | None, str | None, str | None]]) -> InsertResult:
    statuses = [o[0] for o in outcome]
    seqs = [o[1].seq if o[1] is not None else 0 for o in outcome]
    rejected = [(i, o[2], o[3]) for i, o in enumerate(outcome) if o[0] == "rejected"]
    plain = Ids()
    return InsertResult(status=encode_column(statuses, plain) if outcome else {"v": []},
                        seq=encode_column(seqs, plain) if outcome else {"v": []}, rejected=rejected)


def _page_end(s: Session, unit_id: int, cursor: int, last: int, limit: int) -> int:
    """The last seq of the page after `cursor`: at most `limit` ordinary rows and at most
    `limit` * PACKED_WEIGHT rows of DERIVED_IDS tables (a few integers each on the wire: a
    unit's year of allocations comes in one page, its members' ids listed once). Pages are
    whole seq ranges, so cursors stay gap-free."""
    light_cap = limit * PACKED_WEIGHT
    # Most pages are `limit` ordinary rows or fewer: one aggregate query tells.
    first = (select(Record.seq, Record.tbl).where(Record.unit_id == unit_id, Record.seq > cursor, Record.seq <= last)
             .order_by(Record.seq).limit(limit).subquery())
    n, top, light = s.execute(select(func.count(), func.max(first.c.seq),
                                     func.count().filter(first.c.tbl.in_(list(DERIVED_IDS))))).one()
    if n < limit:
        return last
    if not light:
        return top
    # A run of allocations: whole chunks are counted in the database, the last one row by row.
    end, ordinary, packed, chunk = cursor, 0, 0, limit
    while end < last:
        part = (select(Record.seq, Record.tbl).where(Record.unit_id == unit_id, Record.seq > end, Record.seq <= last)
                .order_by(Record.seq).limit(chunk).subquery())
        n, top, light = s.execute(select(func.count(), func.max(part.c.seq),
                                         func.count().filter(part.c.tbl.in_(list(DERIVED_IDS))))).one()
        if not n:
            return last
        if ordinary + n - light <= limit and packed + light <= light_cap:
            ordinary += n - light
            packed += light
            end = top
            if n < chunk:
                return last
            chunk = min(chunk * 4, light_cap)
            continue
        for seq, tbl in s.execute(select(Record.seq, Record.tbl).where(
                Record.unit_id == unit_id, Record.seq > end, Record.seq <= last).order_by(Record.seq).limit(chunk)):
            if tbl in DERIVED_IDS:
                packed += 1
            else:
                ordinary += 1
            if ordinary > limit or packed > light_cap:
                return end if end > cursor else seq
            end = seq
        return end
    return last


def pull(s: Session, device: Device, cursor: int, limit: int, me: str | None) -> dict:
    """A page of changes since the cursor, as the JSON-ready dict of PullResponse."""
    limit = max(1, min(limit, MAX_PULL))
    # The counter first: every row up to it is committed (rows and counter commit together),
    # so a cursor moved to it never skips a change still in flight.
    last, epoch, epoch_seq = s.execute(select(UnitSync.last_seq, UnitSync.epoch, UnitSync.epoch_seq)
                                       .where(UnitSync.unit_id == device.unit_id)).one()
    end = _page_end(s, device.unit_id, cursor, last, limit)
    page = _PageQuery(s, device.unit_id, cursor, end, me)
    groups: dict[tuple, _Columns] = {}
    big = end - cursor >= FAST_ROWS  # seqs are unique: a shorter range holds fewer rows
    for tbl, n in (page.counts() if big else {}).items():
        if tbl in TABLES and n >= FAST_ROWS:
            groups[(tbl, None)] = page.fast(tbl, n)
    skipped: list[dict] = []
    for tbl, row_id, seq, data in page.rest(fast=[t for t, _ in groups], stream=big):
        if not _sendable(data):
            skipped.append(_skip(device, tbl, row_id, seq))
            continue
        names = tuple(k for k in data if k != "id")
        group = groups.get((tbl, names))
        if group is None:
            group = groups[(tbl, names)] = _Columns(tbl, names)
        group.add(row_id, seq, data)
    ids = Ids()
    # The largest tables first: their rows' ids get the first, shortest indexes, in the
    # order the rows came (a group's members in the same order in each month's receipt).
    tables = [g.encode(ids) for g in sorted(groups.values(), key=lambda g: -len(g.seqs)) if g.seqs]
    device.last_sync_at = utcnow()
    more = end < last
    for g in groups.values():
        skipped += [_skip(device, g.tbl, *r) for r in g.skipped]
    out = {"ids": ids.list, "tables": tables, "cursor": end if more else max(last, cursor),
           "last_seq": last, "more": more, "server_time_ms": now_ms(), "epoch": epoch, "epoch_seq": epoch_seq}
    if skipped:
        out["skipped"] = skipped
    return out


SCALARS = (str, int, float, bool, type(None))


def _sendable(data) -> bool:
    """A stored row the pull can send: a JSON object of plain values (a row stored before
    the server checked pushed values may hold a list or an object)."""
    return type(data) is dict and all(type(v) in SCALARS for v in data.values())


def _skip(device: Device, tbl: str, row_id, seq: int) -> dict:
    """A stored row a pull cannot send: left out, logged for the administrator, and named
    in the page ("skipped") so that the PC can tell the user; the pull goes on."""
    log.error("pull: unit %s: row %s %s (seq %s) holds values the protocol cannot carry; skipped",
              device.unit_id, tbl, str(row_id)[:36], seq)
    return {"tbl": tbl, "row_id": str(row_id)[:36], "seq": seq,
            "reason": "Dòng dữ liệu trên máy chủ bị hỏng nên không gửi được; hãy báo cấp trên kiểm tra máy chủ."}


# A table with this many rows in a page is read column by column by the database itself
# (one JSON array per chunk of rows, not a parsed document per row): a first sync's page
# holds a million month allocations.
FAST_ROWS = 1000
FAST_CHUNK = 100_000


class _PageQuery:
    """The rows of one pull page: (cursor, end] of a unit, without the asking device's own."""

    def __init__(self, s: Session, unit_id: int, cursor: int, end: int, me: str | None) -> None:
        self.s = s
        self.pg = s.connection().dialect.name == "postgresql"
        self.params = {"u": unit_id, "c": cursor, "e": end} | ({"me": me} if me else {})
        self.where = "unit_id = :u AND seq > :c AND seq <= :e" + (
            " AND (origin IS NULL OR origin <> :me)" if me else "")

    def counts(self) -> dict[str, int]:
        return dict(self.s.execute(text(f"SELECT tbl, count(*) FROM record WHERE {self.where} GROUP BY tbl"),
                                   self.params).all())

    def _has_keys(self, keys: list[str]) -> str:
        if self.pg:
            return "data ?& ARRAY[" + ", ".join(f"'{k}'" for k in keys) + "]"
        return " AND ".join(f"json_type(data, '$.{k}') IS NOT NULL" for k in keys)

    @staticmethod
    def keys(tbl: str) -> list[str]:
        return sorted(TABLES[tbl] | {"created_at", "updated_at", "device_id"})

    def fast(self, tbl: str, n: int) -> _Columns:
        """The rows of `tbl` that have every field (all of them but for a record made before
        a field was added), as columns: one JSON array of [seq, id, values…] per chunk."""
        keys = self.keys(tbl)
        # Rows of a derived table in key order (receipt, member, month): a receipt's
        # allocations together, its members in one order every month, whatever order they
        # were pushed in. Their order within a page means nothing to the receiver.
        order = ", ".join(f"data->>'{k}'" for k in DERIVED_IDS.get(tbl, ())) or "seq"
        if self.pg:
            values = ", ".join(f"data->'{k}'" for k in keys)
            agg = f"json_agg(json_build_array(seq, row_id, {values}) ORDER BY {order})::text"
            source = "record"
        else:
            values = ", ".join(f"data -> '$.{k}'" for k in keys)
            agg = f"json_group_array(json_array(seq, row_id, {values}))"
            order = ", ".join(f"data ->> '$.{k}'" for k in DERIVED_IDS.get(tbl, ())) or "seq"
            source = "(SELECT * FROM record WHERE {where} ORDER BY {order})"
        group = _Columns(tbl, tuple(keys))
        lo, hi = self.params["c"], self.params["e"]
        step = max(1, (hi - lo) * FAST_CHUNK // max(n, 1))
        for a in range(lo, hi, step):
            where = f"{self.where} AND tbl = :t AND seq > :a AND seq <= :b AND {self._has_keys(keys)}"
            raw = self.s.execute(text(f"SELECT {agg} FROM {source.format(where=where, order=order)} WHERE {where}"),
                                 {**self.params, "t": tbl, "a": a, "b": min(a + step, hi)}).scalar()
            if raw:
                group.extend(json.loads(raw))
        return group

    def rest(self, fast: list[str], stream: bool):
        """Every other row, one document each (streamed from a server-side cursor when the
        page is large; a small one comes in one round trip)."""
        skip = " OR ".join(f"(tbl = '{t}' AND {self._has_keys(self.keys(t))})" for t in fast)
        c = Record.__table__.c
        stmt = text(f"SELECT tbl, row_id, seq, data FROM record WHERE {self.where}"
                    + (f" AND NOT ({skip})" if skip else "") + " ORDER BY seq").columns(c.tbl, c.row_id, c.seq, c.data)
        return self.s.execute(stmt.execution_options(yield_per=5000) if stream else stmt, self.params)


class _Columns:
    """The rows of one table in a pull page, gathered column by column. Equal values are
    kept once (a page may hold a million allocations of a hundred thousand members), and
    the ids of a derived table only while one is not the derived one."""

    def __init__(self, tbl: str, names: tuple[str, ...]) -> None:
        self.tbl = tbl
        self.names = names
        keys = DERIVED_IDS.get(tbl)
        self.keys = [names.index(k) for k in keys] if keys and all(k in names for k in keys) else None
        self.row_ids: list[str] | None = None if self.keys else []
        self.seqs: list[int] = []
        self.columns: list[list] = [[] for _ in names]
        self.seen: dict = {}
        self.skipped: list[tuple[str, int]] = []  # (row id, seq) of stored rows that cannot be sent

    def _own_ids(self, row_ids) -> None:
        """A row whose id is not derived: from now on every id is kept."""
        self.row_ids = list(DerivedIds([self.columns[k] for k in self.keys]))
        self.row_ids.extend(row_ids)

    def add(self, row_id: str, seq: int, data: dict) -> None:
        seen = self.seen
        values = []
        for name in self.names:
            v = data[name]
            if v is not None:
                v = seen.setdefault((type(v), v), v)
            values.append(v)
        if self.row_ids is None and row_id != derived_id_of(*(values[k] for k in self.keys)):
            self._own_ids([])
        if self.row_ids is not None:
            self.row_ids.append(row_id)
        self.seqs.append(seq)
        for column, v in zip(self.columns, values):
            column.append(v)

    def extend(self, rows: list[list]) -> None:
        """Rows as [seq, id, value for each name…]."""
        if not rows:
            return
        try:
            self._extend(rows)
        except TypeError:  # a stored list or object (unhashable): those rows are not sent
            good = [r for r in rows if all(type(v) in SCALARS for v in r[2:])]
            self.skipped += [(r[1], r[0]) for r in rows if not all(type(v) in SCALARS for v in r[2:])]
            if good:
                self._extend(good)

    def _extend(self, rows: list[list]) -> None:
        seqs, row_ids, *columns = zip(*rows)
        seen = self.seen
        # Equal values kept once (a million allocations repeat a few thousand amounts).
        columns = [[seen.setdefault((type(v), v), v) if v is not None else v for v in values] for values in columns]
        if self.row_ids is None and any(map(str.__ne__, row_ids, map(derived_id_of, *(columns[k] for k in self.keys)))):
            self._own_ids([])
        if self.row_ids is not None:
            self.row_ids.extend(row_ids)
        self.seqs.extend(seqs)
        for column, values in zip(self.columns, columns):
            column.extend(values)

    def encode(self, ids: Ids) -> dict:
        return encode_rows(self.tbl, self.row_ids, self.seqs, dict(zip(self.names, self.columns)), ids)


def reserve_book(s: Session, device: Device, kind: str, year: int) -> str:
    """A new book code for this device: T2026-02 for the first receipt book of device 2
    in 2026, then T2026-02-2 and so on."""
    base = f"{'T' if kind == 'thu' else 'C'}{year}-{device.number:02d}"
    taken = set(s.scalars(select(BookCode.code).where(BookCode.unit_id == device.unit_id, BookCode.kind == kind,
                                                      BookCode.code.startswith(base))))
    n = 1
    code = base
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    s.add(BookCode(unit_id=device.unit_id, kind=kind, code=code, device_id=device.id))
    return code


def record_schema(device: Device, schema: str | None) -> None:
    if schema:
        device.last_schema = schema


def unit_has_data(s: Session, unit_id: int) -> bool:
    return (s.scalar(select(UnitSync.last_seq).where(UnitSync.unit_id == unit_id)) or 0) > 0


def mark_restored(s: Session) -> int:
    """After the database was put back from a backup: a new epoch for every unit, from the
    counter the backup holds. Each device, at its next sync, sends again everything it
    holds beyond it (what the server lost) and pulls on from there. Returns the units."""
    n = 0
    for counter in s.scalars(select(UnitSync)):
        counter.epoch = new_id()
        counter.epoch_seq = counter.last_seq
        n += 1
    return n
