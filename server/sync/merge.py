"""How a push's rows meet the stored ones (DESIGN.md, Sync): the rules of one push
transaction, row by row, before anything is written.

Ordinary rows merge field by field, last writer by hybrid logical clock wins, and a field
that two devices changed between syncs leaves a conflict row that every device of the
unit pulls. Documents (receipts, vouchers, payments, voids) are insert-only; new rows of
the BULK_INSERT tables (month allocations, audit rows), and of the BULK_LOAD ones in a
first upload, come column-wise without mutation ids and are applied at most once by
their own ids (the record's key)."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from protocol import BULK_INSERT, BULK_LOAD, HLC_COLUMN, INSERT_ONLY, TABLES, Mutation, MutationResult
from protocol.erasure import KEPT_FIELDS, redacted
from protocol.fields import column_fits, row_problem
from protocol.tables import CONFLICT_TABLE, LOCKED_WHEN, VOIDS
from server.base import new_id, now_ms, table_of, utcnow
from server.devices.models import Device
from server.sync.bulk import bulk_insert
from server.sync.idlist import one_of
from server.sync.models import Record
from server.sync.receipt_books import BookRules
from server.sync.refusal import Refusal, shown
from server.sync.years import YearLocks
from server.transfers.rules import TABLE as TRANSFERS
from server.transfers.rules import TransferRules

# A PC whose clock runs ahead must not win every later edit: its stamps are capped here.
# Devices correct their clock by the offset they measure at each sync, so an honest
# stamp is never more than a round trip ahead.
MAX_SKEW_MS = 2_000
# What an erased member's record still takes (the erasure itself writes erased_at).
ERASURE_KEPT = frozenset(KEPT_FIELDS)

# What a voided document is called in the refusal of a second void (protocol VOIDS).
VOIDED_NAMES = {"cash_doc_void": "Phiếu", "bank_entry_void": "Bút toán"}
# A stamp: [hlc, local device id, seq] of the last write of a field ("*": the insert that
# made the row).
Stamp = list[Any]


class Rec:
    """A record being pushed to: plain attributes, written back in bulk (no ORM object
    per row: a first upload brings 100,000 members in batches of 1,000)."""

    __slots__ = ("clock", "data", "is_new", "origin", "row_id", "seq", "tbl")

    def __init__(self, tbl: str, row_id: str, seq: int, data: dict[str, Any], clock: dict[str, Stamp],
                 origin: str | None, is_new: bool) -> None:
        self.tbl, self.row_id, self.seq, self.data, self.clock, self.origin, self.is_new = (
            tbl, row_id, seq, data, clock, origin, is_new)


class RowOutcome(NamedTuple):
    """What became of one new row of a BULK_INSERT table."""

    status: str  # applied, duplicate or rejected
    rec: Rec | None  # the record, unless rejected
    refusal: Refusal | None  # why, when rejected


def load_records(s: Session, unit_id: int, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Rec]:
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in keys:
        by_table.setdefault(tbl, []).append(row_id)
    found: dict[tuple[str, str], Rec] = {}
    for tbl, ids in by_table.items():
        for match in one_of(s, Record.row_id, ids):
            for row_id, seq, data, clock, origin in s.execute(
                    select(Record.row_id, Record.seq, Record.data, Record.clock, Record.origin)
                    .where(Record.unit_id == unit_id, Record.tbl == tbl, match)):
                found[(tbl, row_id)] = Rec(tbl, row_id, seq, data, clock, origin, False)
    return found


class Push:
    """The state of one push transaction."""

    def __init__(self, s: Session, device: Device) -> None:
        self.s = s
        self.device = device
        self.unit_id = device.unit_id
        self.now = now_ms()
        self.touched: dict[tuple[str, str], Rec] = {}
        self.conflicts: list[Rec] = []
        self.books = BookRules(s, device)
        self.void_docs: set[object] = set()
        # The unit's closed years (server/sync/years.py): set by push() before the rows.
        self.locks: YearLocks | None = None
        self.transfers = TransferRules(s, device.unit_id)

    def reject(self, m: Mutation, code: str, error: str) -> MutationResult:
        return MutationResult(mutation_id=m.mutation_id, status="rejected", code=code, error=error)

    def apply(self, m: Mutation, rec: Rec | None) -> MutationResult:
        allowed = TABLES.get(m.tbl)
        if allowed is None:
            return self.reject(m, "unknown_table", f"Máy chủ chưa biết loại dữ liệu “{shown([m.tbl])}”: cần cập "
                                                   "nhật máy chủ.")
        unknown = m.fields.keys() - allowed
        if unknown:
            return self.reject(m, "unknown_field",
                               f"Máy chủ chưa biết trường {shown(unknown)} của “{m.tbl}”: cần cập nhật máy chủ.")
        # Every value as the protocol defines its field (kind, length, lines, allowed
        # values, money bounds): what the server stores, every PC of the unit must take.
        problem = row_problem(m.tbl, {**m.fields, "created_at": m.created_at, "updated_at": m.updated_at,
                                      "device_id": m.device_id})
        if problem is not None:
            return self.reject(m, "invalid_field", f"Thay đổi không được lưu: {problem[1]}")
        hlc = min(m.hlc, self.now + MAX_SKEW_MS)
        if self.locks is not None and (rec is None or m.tbl == "activity_payment"):
            # A new row of the ledger (or a changed activity payment) dated in a closed year.
            row = {**rec.data, **m.fields} if rec is not None else m.fields
            locked = self.locks.refusals(m.tbl, [row], self.touched, [m.row_id]).get(0)
            if locked is not None:
                return self.reject(m, *locked)
        if m.tbl in INSERT_ONLY:
            return self._insert_only(m, rec, hlc)
        stamp = rec.clock.get("*") if rec is not None else None
        if rec is not None and m.op == "insert" and stamp is not None and _same_insert(stamp, m, hlc):
            # The same insert again (a bulk page or a mutation whose answer was lost): applied once.
            return MutationResult(mutation_id=m.mutation_id, status="applied", seq=rec.seq)
        if m.tbl == TRANSFERS:  # a transfer crosses units: its own rules (server/transfers/rules.py)
            refusal = self.transfers.check(m, rec.data if rec is not None else None)
            if refusal is not None:
                return self.reject(m, *refusal)
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
                refusal = self.books.register_book(m)
                if refusal:
                    return self.reject(m, *refusal)
            rec = self._new_record(m, hlc)
        else:
            self._merge(m, rec, hlc)
        self.touched[(m.tbl, m.row_id)] = rec
        return MutationResult(mutation_id=m.mutation_id, status="applied")

    def _new_record(self, m: Mutation, hlc: int) -> Rec:
        data: dict[str, Any] = dict.fromkeys(TABLES[m.tbl])
        data.update(m.fields)
        data.update(id=m.row_id, created_at=m.created_at, updated_at=m.updated_at, device_id=m.device_id)
        device = m.device_id
        if m.op == "insert":
            # One stamp for every field the insert wrote; only this device has the same row.
            return Rec(m.tbl, m.row_id, 0, data, {"*": insert_stamp(hlc, m.hlc, device)}, device, True)
        return Rec(m.tbl, m.row_id, 0, data, {f: [hlc, device, 0] for f in m.fields}, None, True)

    def _merge(self, m: Mutation, rec: Rec, hlc: int) -> None:
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
                    assert old_clock is not None  # concurrent only against a stored write
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

    def _conflict(self, m: Mutation, field: str, kept: tuple[Any, str, int], lost: tuple[Any, str, int]) -> None:
        row_id = new_id()
        data = {"id": row_id, "tbl": m.tbl, "row_id": m.row_id, "field": field,
                "kept_value": json.dumps(kept[0], ensure_ascii=False), "kept_device": kept[1], "kept_hlc": kept[2],
                "lost_value": json.dumps(lost[0], ensure_ascii=False), "lost_device": lost[1], "lost_hlc": lost[2],
                "created_at": utcnow().isoformat(sep=" ")}
        self.conflicts.append(Rec(CONFLICT_TABLE, row_id, 0, data, {}, None, True))

    def _insert_only(self, m: Mutation, rec: Rec | None, hlc: int) -> MutationResult:
        if m.op != "insert":
            return self.reject(m, "insert_only", "Chứng từ đã lập không được sửa hay xóa: hãy hủy phiếu và lập phiếu mới.")
        if rec is not None:
            if _same_row(m.tbl, rec.data, m.fields):
                return MutationResult(mutation_id=m.mutation_id, status="applied", seq=rec.seq)
            return self.reject(m, "document_clash", "Máy chủ đã có một chứng từ khác mang cùng mã nội bộ.")
        if m.tbl == "cash_doc":
            refusal = self.books.claim_number(m)
            if refusal:
                return self.reject(m, *refusal)
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

    def insert_rows(self, tbl: str, row_ids: list[str], cols: dict[str, list[Any]],
                    records: dict[tuple[str, str], Rec]) -> list[RowOutcome]:
        """New rows of a BULK_INSERT or BULK_LOAD table, each applied at most once by its id.
        A row the server already has is, for an insert-only table, a duplicate when its
        fields are the same and refused otherwise; for a table that merges, a duplicate when
        it is the same insert (its stamp), otherwise merged as its mutation would be.
        Returns the outcome of each row, in order."""
        allowed = TABLES.get(tbl)
        if tbl not in BULK_INSERT | BULK_LOAD or allowed is None:
            return _refused(len(row_ids), "not_bulk", f"Máy chủ không nhận “{tbl}” theo lô: cần cập nhật máy chủ.")
        clocked = tbl not in INSERT_ONLY
        hlcs = cols.pop(HLC_COLUMN, None)
        if clocked and (hlcs is None or not all(type(h) is int and 0 <= h < 2 ** 63 for h in hlcs)):
            return _refused(len(row_ids), "invalid_field", "Dòng không được lưu: thiếu đồng hồ của thay đổi.")
        unknown = cols.keys() - allowed - {"created_at", "updated_at", "device_id"}
        if unknown:
            return _refused(len(row_ids), "unknown_field",
                            f"Máy chủ chưa biết trường {shown(unknown)} của “{tbl}”: cần cập nhật máy chủ.")
        invalid = _invalid_rows(tbl, cols)
        fields = [f for f in cols if f in allowed]
        meta = {k: cols.get(k) or [None] * len(row_ids) for k in ("created_at", "updated_at")}
        devices = cols.get("device_id") or [None] * len(row_ids)
        blank: dict[str, Any] = dict.fromkeys(allowed)
        cap = self.now + MAX_SKEW_MS
        # Rows of a closed year first: a refused receipt claims no number.
        locked = self._locked_rows(tbl, row_ids, cols, invalid, records)
        taken = self._claim_numbers(tbl, row_ids, cols, {**invalid, **dict.fromkeys(locked, "")}, records)
        taken.update(locked)
        out = []
        touched = self.touched
        stamped = hlcs is not None and clocked
        # Each row's values in the order of `fields`, read once (a page is up to 20,000 rows).
        values_of = zip(*(cols[f] for f in fields)) if fields else iter(lambda: (), None)
        for i, (row_id, values) in enumerate(zip(row_ids, values_of)):
            if i in invalid:
                out.append(RowOutcome("rejected", None, Refusal("invalid_field", f"Dòng không được lưu: {invalid[i]}")))
                continue
            if i in taken:
                out.append(RowOutcome("rejected", None, taken[i]))
                continue
            key = (tbl, row_id)
            rec = touched.get(key) or records.get(key)
            if rec is not None:
                if stamped:
                    assert hlcs is not None  # stamped says so
                    out.append(self._insert_again(rec, tbl, row_id, dict(zip(fields, values)), hlcs[i],
                                                  devices[i], meta["created_at"][i], meta["updated_at"][i]))
                elif _same_row(tbl, rec.data, dict(zip(fields, values))):
                    out.append(RowOutcome("duplicate", rec, None))
                else:
                    out.append(RowOutcome("rejected", None, Refusal(
                        "document_clash", "Máy chủ đã có một chứng từ khác mang cùng mã nội bộ.")))
                continue
            data = blank.copy()
            data.update(zip(fields, values))
            device = devices[i]
            data["id"] = row_id
            data["created_at"] = meta["created_at"][i]
            data["updated_at"] = meta["updated_at"][i]
            data["device_id"] = device
            # As an insert mutation leaves it: one stamp for every field the insert wrote.
            if stamped:
                assert hlcs is not None  # stamped says so
                hlc = hlcs[i]
                clock = {"*": insert_stamp(min(hlc, cap), hlc, device)}
            else:
                clock = {}
            rec = touched[key] = Rec(tbl, row_id, 0, data, clock, device, True)
            out.append(RowOutcome("applied", rec, None))
        return out

    def _claim_numbers(self, tbl: str, row_ids: list[str], cols: dict[str, list[Any]], invalid: dict[int, str],
                       records: dict[tuple[str, str], Rec]) -> dict[int, Refusal]:
        """The (book, number) of each new cash document, claimed set-wise as each of its
        mutations would (server/sync/receipt_books.py): {index: refusal} of those whose
        number another document holds."""
        if tbl != "cash_doc":
            return {}
        new = [i for i, row_id in enumerate(row_ids) if i not in invalid
               and (tbl, row_id) not in self.touched and (tbl, row_id) not in records]
        none: list[Any] = [None] * len(row_ids)
        books, numbers, codes = (cols.get(f) or none for f in ("book_id", "number", "book_code"))
        refusals = self.books.claim_numbers([(row_ids[i], books[i], numbers[i], codes[i]) for i in new])
        return {i: r for i, r in zip(new, refusals) if r is not None}

    def _locked_rows(self, tbl: str, row_ids: list[str], cols: dict[str, list[Any]], invalid: dict[int, str],
                     records: dict[tuple[str, str], Rec]) -> dict[int, Refusal]:
        """{index: refusal} of the new rows dated in a closed year (server/sync/years.py)."""
        if self.locks is None or not self.locks.closed:
            return {}
        new = [i for i, row_id in enumerate(row_ids) if i not in invalid
               and (tbl, row_id) not in self.touched and (tbl, row_id) not in records]
        rows = [{f: v[i] for f, v in cols.items()} for i in new]
        found = self.locks.refusals(tbl, rows, self.touched, [row_ids[i] for i in new])
        return {new[j]: r for j, r in found.items()}

    def _insert_again(self, rec: Rec, tbl: str, row_id: str, fields: dict[str, Any], hlc: int, device: str | None,
                      created_at: str | None, updated_at: str | None) -> RowOutcome:
        """A new row of a table that merges, which the server already has: as its insert
        mutation would be, the same insert again (sent after a lost answer) a duplicate, any
        other (the PC sends again what a restored server lost) merged field by field."""
        m = Mutation(mutation_id=row_id, tbl=tbl, row_id=row_id, op="insert", fields=fields, hlc=hlc,
                     device_id=device or "", created_at=created_at, updated_at=updated_at)
        result = self.apply(m, rec)
        if result.status == "rejected":
            return RowOutcome("rejected", None, Refusal(result.code or "rejected", result.error or ""))
        touched = self.touched.get((tbl, row_id))
        return RowOutcome("applied", touched, None) if touched is not None else RowOutcome("duplicate", rec, None)

    def write(self, changed: list[Rec]) -> None:
        now = utcnow()
        rows = [{"unit_id": self.unit_id, "tbl": r.tbl, "row_id": r.row_id, "seq": r.seq, "data": r.data,
                 "clock": r.clock, "deleted": r.data.get("deleted_at") is not None, "origin": r.origin,
                 "updated_at": now} for r in changed]
        new = [row for row, r in zip(rows, changed) if r.is_new]
        old = [row for row, r in zip(rows, changed) if not r.is_new]
        bulk_insert(self.s, table_of(Record), new)
        if old:
            self.s.execute(update(Record), old)  # bulk UPDATE by primary key


def _same_row(tbl: str, stored: dict[str, Any], sent: dict[str, Any]) -> bool:
    """Whether a row of an insert-only table sent again is the one stored: the same values,
    or, for an audit row of a member erased meanwhile, the values the server redacted on
    arrival (the PC still has them as it made them until it pulls the erasure)."""
    if all(stored.get(f) == v for f, v in sent.items()):
        return True
    if tbl != "audit_log":
        return False
    kept = redacted({**stored, **sent})
    return kept is not None and all(stored.get(f) == kept.get(f) for f in sent)


def insert_stamp(hlc: int, sent: int, device: str | None) -> Stamp:
    """The stamp of every field an insert wrote: the insert's clock, capped at the server's
    time (a PC's clock may run ahead), and when capped the clock it was sent with, which
    knows the same insert sent again (its answer lost, or the PC killed before it marked
    the page sent) when it arrives later, capped higher or not at all."""
    return [hlc, device, 0] if hlc == sent else [hlc, device, 0, sent]


def _same_insert(stamp: Stamp, m: Mutation, hlc: int) -> bool:
    """Whether an insert of a row the server has is the insert that made it, sent again:
    from the same device with the same clock (as stored, or as sent when it was capped).
    Any other insert of the row (a PC sending again what a restored server lost, stamped
    now) is merged field by field."""
    return stamp[1] == m.device_id and (stamp[0] == hlc or stamp[3:4] == [m.hlc])


def _refused(n: int, code: str, error: str) -> list[RowOutcome]:
    return [RowOutcome("rejected", None, Refusal(code, error))] * n


def _invalid_rows(tbl: str, cols: dict[str, list[Any]]) -> dict[int, str]:
    """The rows of a pushed table whose values do not fit their fields: {index: message}.
    Checked column by column: a column whose values all fit (column_fits) needs nothing
    more; the others value by value, each distinct value once (a year of allocations
    repeats a few), for the message naming the row."""
    out: dict[int, str] = {}
    for name, values in cols.items():
        if column_fits(tbl, name, values):
            continue
        verdicts: dict[tuple[type, Any], tuple[str, str] | None] = {}
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
