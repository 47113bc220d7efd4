"""Sync as the user sees it: enrol this PC with the server, sync now, what is pending,
what the server refused, and the conflicts to review ("Cần xem xét")."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import repeat
from typing import Any, NamedTuple

from filelock import FileLock, Timeout

from desktop.models.audit import redaction_sql
from desktop.models.chunks import in_chunks
from desktop.models.db import HEAD_REVISION
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError
from desktop.services.core.fields import label as field_label
from desktop.services.core.permissions import require
from desktop.services.core.statuses import status_after
from desktop.services.core.text import clean
from desktop.services.dues import months as dues_months
from desktop.services.members.rules import member_keys_many
from desktop.services.members.transfer import TransferService
from desktop.services.units.first_sync import PENDING_KEY, first_sync_unfinished
from desktop.sync import credentials, outbox
from desktop.sync.client import SyncClient
from desktop.sync.engine import Progress, SyncEngine, SyncReport
from desktop.sync.errors import BusyError, SyncError
from desktop.sync.rawdb import connection, transaction
from protocol import MAX_PULL
from protocol.fields import FIELDS as PROTOCOL_FIELDS
from protocol.fields import TABLE_LABELS

SPARE_KEY = "book_spare:{kind}:{year}"


class SyncFailed(DomainError):
    code = "sync"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    unit_code: str | None
    unit_name: str | None
    device_number: int | None
    pending: int
    rejected: int
    open_conflicts: int
    last_sync_at: datetime | None
    last_error: str | None
    cursor: int
    target_seq: int | None


@dataclass(frozen=True)
class _State:
    """The row of sync_state as the service reads it (last_sync_at: ISO text)."""

    server_url: str | None
    server_device_id: str | None
    unit_code: str | None
    unit_name: str | None
    device_number: int | None
    last_sync_at: str | None
    last_error: str | None
    cursor: int
    target_seq: int | None


@dataclass(frozen=True)
class RejectedChange:
    local_seq: int
    what: str
    row_id: str
    reason: str


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    what: str
    row_id: str
    record_label: str
    field: str
    kept_value: str
    lost_value: str
    kept_device: str
    lost_device: str
    created_at: str
    reviewed: bool


def _utc_now() -> str:
    """Now in UTC as the sync tables keep it: naive, "2026-03-05 08:15:00.123456"."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _field_label(tbl: str, fld: str) -> str:
    """A field's Vietnamese label: the protocol's for its table, else the desktop's."""
    spec = PROTOCOL_FIELDS.get(tbl, {}).get(fld)
    return spec.label if spec is not None else field_label(fld)


def _value(text: str | None) -> str:
    if text is None:
        return ""
    try:
        v = json.loads(text)
    except ValueError:
        return text
    return "(trống)" if v is None else str(v)


class SyncService:
    def __init__(self, ctx: Context, page_size: int = MAX_PULL) -> None:
        self.ctx = ctx
        self.page_size = page_size
        self.snapshots = True  # a new PC's first sync from the server's snapshot (False: page by page)

    # ---- state -----------------------------------------------------------------------
    def _state(self, conn: sqlite3.Connection) -> _State:
        return _State(*conn.execute(
            "SELECT server_url, server_device_id, unit_code, unit_name, device_number, last_sync_at, last_error, "
            "cursor, target_seq FROM sync_state WHERE id = 1").fetchone())

    def status(self) -> SyncStatus:
        with connection(self.ctx.db) as conn:
            st = self._state(conn)
            pending, rejected = conn.execute(
                "SELECT count(*) FILTER (WHERE rejected IS NULL), count(*) FILTER (WHERE rejected IS NOT NULL) "
                "FROM sync_outbox").fetchone()
            conflicts = conn.execute("SELECT count(*) FROM sync_conflict WHERE reviewed_at IS NULL").fetchone()[0]
        last = st.last_sync_at
        return SyncStatus(enrolled=bool(st.server_device_id), server_url=st.server_url,
                          unit_code=st.unit_code, unit_name=st.unit_name, device_number=st.device_number,
                          pending=pending, rejected=rejected, open_conflicts=conflicts,
                          last_sync_at=datetime.fromisoformat(last) if last else None, last_error=st.last_error,
                          cursor=st.cursor, target_seq=st.target_seq)

    def first_sync_unfinished(self) -> bool:
        """Enrolled, and the unit's data not all pulled yet: resume the sync, no setup."""
        with self.ctx.read() as s:
            return first_sync_unfinished(s)

    def _client(self, st: _State) -> SyncClient:
        token = credentials.load(st.server_device_id) if st.server_device_id else None
        if not token:
            raise SyncFailed("Không tìm thấy thông tin đăng ký của máy này (có thể tệp dữ liệu được chép từ máy khác). "
                             "Hãy đăng ký lại trong Cài đặt → Đồng bộ bằng mã mới do cấp trên cấp.")
        return SyncClient(st.server_url or "", HEAD_REVISION, token)

    # ---- enrolment -------------------------------------------------------------------
    def enroll(self, server_url: str, code: str, device_name: str | None = None) -> SyncStatus:
        require(self.ctx, "sync_enroll")  # where accounts exist, the chair
        server_url = clean(server_url) or ""
        if not server_url.startswith(("http://", "https://")):
            raise SyncFailed("Địa chỉ máy chủ phải bắt đầu bằng https:// (hoặc http:// trong mạng nội bộ).")
        with connection(self.ctx.db) as conn:
            if self._state(conn).server_device_id:
                raise SyncFailed("Máy này đã đăng ký đồng bộ với máy chủ.")
            has_data = conn.execute(
                "SELECT EXISTS(SELECT 1 FROM member) OR EXISTS(SELECT 1 FROM cash_doc)").fetchone()[0] == 1
        client = SyncClient(server_url, HEAD_REVISION)
        try:
            answer = client.call("POST", "/api/v1/enroll", {
                "code": clean(code) or "", "device_name": clean(device_name) or socket.gethostname()[:100],
                "local_device_id": self.ctx.device_id, "has_data": has_data})
        except SyncError as exc:
            raise SyncFailed(exc.message, code=type(exc).code) from exc
        finally:
            client.close()
        credentials.save(answer["device_id"], answer["token"])
        with connection(self.ctx.db) as conn:
            if answer["server_has_data"]:
                # This PC joins a unit whose books are on the server: its own empty set-up
                # (unit row, groups, unused books) gives way to what the pull brings.
                with transaction(conn, foreign_keys=False):
                    # Until the whole first pull is in, this PC resumes it and never sets up a unit.
                    conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, '1')", (PENDING_KEY,))
                    conn.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
                    for tbl in ("unit_group", "receipt_book", "unit"):
                        conn.execute(f"DELETE FROM {tbl}")
                    conn.execute("DELETE FROM sync_outbox")
                    conn.execute("UPDATE sync_state SET applying = 0 WHERE id = 1")
            else:
                outbox.capture_all(conn)
            with transaction(conn):
                conn.execute(
                    "UPDATE sync_state SET server_url = ?, server_device_id = ?, unit_code = ?, unit_name = ?, "
                    "device_number = ?, enrolled_at = ?, cursor = 0, target_seq = NULL, last_error = NULL, "
                    "clock_offset_ms = ? WHERE id = 1",
                    (server_url.rstrip("/"), answer["device_id"], answer["unit_code"], answer["unit_name"],
                     answer["device_number"], _utc_now(), client.clock_offset_ms or 0))
                conn.execute("DELETE FROM app_setting WHERE key = 'sync_epoch'")  # learnt at the first sync
        return self.status()

    # ---- syncing ---------------------------------------------------------------------
    def sync_now(self, progress: Progress | None = None, cancel: threading.Event | None = None,
                 wait: float = 0) -> SyncReport:
        """One whole sync. Another sync of this database (a timer, a second window) already
        running: wait up to `wait` seconds, then give up with BusyError's message."""
        lock = FileLock(f"{self.ctx.db.path}.sync.lock")
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise SyncFailed("Đang có một lần đồng bộ khác chạy; hãy đợi nó xong.", code=BusyError.code) from None
        try:
            with connection(self.ctx.db) as conn:
                st = self._state(conn)
            if not st.server_device_id:
                raise SyncFailed("Máy này chưa đăng ký đồng bộ: vào Cài đặt → Đồng bộ, nhập địa chỉ máy chủ và mã "
                                 "đăng ký do cấp trên cấp.")
            dues_months.refresh(self.ctx)  # the unit's dues by month, for the upper level
            client = self._client(st)
            try:
                engine = SyncEngine(self.ctx.db, self.ctx.device_id, after_apply=after_page, page_size=self.page_size,
                                    snapshots=self.snapshots, local_values=member_local_values)
                report = engine.run(client, progress, cancel)
                self._remember_devices(client, report)
                if report.touched and self._fix_statuses(report):
                    # The corrected statuses go up in the same sync: a sync leaves nothing
                    # pending that it made itself, and the other PCs see the same status.
                    again = engine.run(client, progress, cancel)
                    report.add(again)
                    if again.touched:
                        self._fix_statuses(again)
                if TransferService(self.ctx).restore_declined():
                    # A declined transfer out puts the member back: that, and the dues by
                    # month it changes, go up now.
                    dues_months.refresh(self.ctx)
                    report.add(engine.run(client, progress, cancel))
                self._reserve_books(client)
            except SyncError as exc:
                self._note(error=exc.message)
                raise SyncFailed(exc.message, code=type(exc).code) from exc
            finally:
                client.close()
            self._note(error=None, synced=True)
            return report
        finally:
            lock.release()

    def _fix_statuses(self, report: SyncReport) -> int:
        with connection(self.ctx.db) as conn, transaction(conn):
            return fix_statuses(conn, member_ids(conn, report.touched))

    def _note(self, error: str | None, synced: bool = False) -> None:
        with connection(self.ctx.db) as conn, transaction(conn):
            if synced:
                conn.execute("UPDATE sync_state SET last_error = NULL, last_sync_at = ? WHERE id = 1",
                             (_utc_now(),))
                conn.execute("DELETE FROM app_setting WHERE key = ?", (PENDING_KEY,))  # the first pull is whole
            else:
                conn.execute("UPDATE sync_state SET last_error = ? WHERE id = 1", (error,))

    def _reserve_books(self, client: SyncClient) -> None:
        """Keep a server-given book code in hand for this year (and next, in December), so
        that a new book opened offline still has a number no other PC can produce."""
        today = date.today()
        years = [today.year] + ([today.year + 1] if today.month == 12 else [])
        with connection(self.ctx.db) as conn:
            for kind in ("thu", "chi"):
                for year in years:
                    key = SPARE_KEY.format(kind=kind, year=year)
                    has_book = conn.execute(
                        "SELECT 1 FROM receipt_book WHERE kind = ? AND year = ? AND owner_device = ? AND "
                        "deleted_at IS NULL AND closed_at IS NULL", (kind, year, self.ctx.device_id)).fetchone()
                    has_spare = conn.execute("SELECT 1 FROM app_setting WHERE key = ?", (key,)).fetchone()
                    if has_book or has_spare:
                        continue
                    code = client.call("POST", "/api/v1/books", {"kind": kind, "year": year})["code"]
                    with transaction(conn):
                        conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)", (key, code))

    # ---- review ----------------------------------------------------------------------
    def rejected(self) -> list[RejectedChange]:
        with connection(self.ctx.db) as conn:
            rows = conn.execute("SELECT local_seq, tbl, row_id, rejected FROM sync_outbox WHERE rejected IS NOT NULL "
                                "ORDER BY local_seq").fetchall()
        return [RejectedChange(seq, TABLE_LABELS.get(tbl, tbl), row_id, reason) for seq, tbl, row_id, reason in rows]

    def retry_rejected(self) -> int:
        """Send refused changes again (after the server or this app was updated)."""
        with connection(self.ctx.db) as conn, transaction(conn):
            return conn.execute("UPDATE sync_outbox SET rejected = NULL, mutation_id = NULL "
                                "WHERE rejected IS NOT NULL").rowcount

    def conflicts(self, include_reviewed: bool = False) -> list[ConflictInfo]:
        with connection(self.ctx.db) as conn:
            rows = conn.execute(
                "SELECT c.id, c.tbl, c.row_id, c.field, c.kept_value, c.lost_value, c.kept_device, c.lost_device, "
                "c.created_at, c.reviewed_at, m.full_name FROM sync_conflict c "
                "LEFT JOIN member m ON c.tbl = 'member' AND m.id = c.row_id "
                + ("" if include_reviewed else "WHERE c.reviewed_at IS NULL ") + "ORDER BY c.created_at DESC").fetchall()
            names = self._device_names(conn)
        out = []
        for cid, tbl, row_id, fld, kept, lost, kd, ld, created, reviewed, member_name in rows:
            out.append(ConflictInfo(
                id=cid, what=TABLE_LABELS.get(tbl, tbl), row_id=row_id, record_label=member_name or row_id[-8:],
                field="(cả dòng)" if fld == "*" else _field_label(tbl, fld), kept_value=_value(kept),
                lost_value=_value(lost), kept_device=names.get(kd, kd or ""), lost_device=names.get(ld, ld or ""),
                created_at=str(created or "")[:16], reviewed=reviewed is not None))
        return out

    def _remember_devices(self, client: SyncClient, report: SyncReport) -> None:
        """The unit's PCs by name, for the review page: asked for when conflicts came (they
        may name a PC enrolled since) or when none are known yet, not at every sync."""
        with connection(self.ctx.db) as conn:
            known = conn.execute("SELECT 1 FROM app_setting WHERE key = 'sync_device_names'").fetchone()
        if known and not report.conflicts:
            return
        names = client.call("GET", "/api/v1/sync/devices")
        with connection(self.ctx.db) as conn, transaction(conn):
            conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('sync_device_names', ?)",
                         (json.dumps(names, ensure_ascii=False),))

    def _device_names(self, conn: sqlite3.Connection) -> dict[str, str]:
        row = conn.execute("SELECT value FROM app_setting WHERE key = 'sync_device_names'").fetchone()
        names = json.loads(row[0]) if row else {}
        names[self.ctx.device_id] = "Máy này"
        return names

    def mark_reviewed(self, ids: list[str]) -> int:
        with connection(self.ctx.db) as conn, transaction(conn):
            now = _utc_now()
            return sum(conn.execute("UPDATE sync_conflict SET reviewed_at = ? WHERE id = ? AND reviewed_at IS NULL",
                                    (now, i)).rowcount for i in ids)


# From this many rows to look at, one pass over the whole table (a new PC's first sync:
# every member and event) costs less than looking each one up.
WHOLE_TABLE = 10_000


def member_ids(conn: sqlite3.Connection, touched: dict[str, set[str]]) -> list[str]:
    """Members whose row or events a pull changed."""
    ids = set(touched.get("member", ()))
    events = touched.get("member_event", set())
    if len(events) >= WHOLE_TABLE:
        owner = dict(conn.execute("SELECT id, member_id FROM member_event"))
        ids.update(owner[e] for e in events if e in owner)
        return list(ids)
    for chunk, marks in in_chunks(list(events)):
        ids.update(r[0] for r in conn.execute(f"SELECT member_id FROM member_event WHERE id IN ({marks})", chunk))
    return list(ids)


def _statuses(conn: sqlite3.Connection, chunk: list[str], marks: str) -> dict[str, str]:
    kinds: dict[str, list[str]] = {}
    for member_id, kind in conn.execute(
            f"SELECT member_id, kind FROM member_event WHERE member_id IN ({marks}) "
            f"AND deleted_at IS NULL ORDER BY member_id, event_date, seq, id", chunk):
        kinds.setdefault(member_id, []).append(kind)
    return {mid: status_after(k) for mid, k in kinds.items()}


class _Keyed(NamedTuple):
    """What a member's search keys are made of (rules.KeyedMember), as stored."""

    full_name: str
    id_number: str | None
    phone: str | None
    card_number: str | None
    birth_date: date | None


def after_page(conn: sqlite3.Connection, touched: dict[str, set[str]], keyed: dict[str, set[str]]) -> None:
    """After each pulled page, in its transaction and silently: the local search keys of
    changed members (not of those inserted with theirs: `keyed`, member_local_values), and
    no erased member's data left in the audit log (their erasure, or an audit row made on
    another PC before it, may have come with the page)."""
    if conn.execute("SELECT EXISTS(SELECT 1 FROM member WHERE erased_at IS NOT NULL)").fetchone()[0]:
        for sql, params in redaction_sql(None):
            conn.execute(sql, params)
    sort_keys: dict[str, str] = {}  # names repeat: each one's sort key made once
    fresh = keyed.get("member") or set()
    for chunk, marks in in_chunks([m for m in touched.get("member", ()) if m not in fresh]):
        rows = conn.execute(f"SELECT id, full_name, id_number, phone, card_number, birth_date, "
                            f"search_key, sort_key, dup_key FROM member WHERE id IN ({marks})", chunk).fetchall()
        search, sort, dup = _member_keys([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
                                         [r[4] for r in rows], [r[5] for r in rows], sort_keys)
        # Only the rows whose keys are not already right (an edit of a name's case, say).
        conn.executemany("UPDATE member SET search_key = ?, sort_key = ?, dup_key = ? WHERE id = ?",
                         [(*keys, r[0]) for keys, r in zip(zip(search, sort, dup), rows) if keys != r[6:]])


def _member_keys(names: Sequence[str | None], id_numbers: Sequence[str | None], phones: Sequence[str | None],
                 cards: Sequence[str | None], births: Sequence[str | None], sort_keys: dict[str, str]
                 ) -> tuple[list[str], list[str], list[str]]:
    """The search, sort and dup keys of members given as stored, field by field."""
    keyed = [_Keyed(name or "", id_number, phone, card, date.fromisoformat(birth[:10]) if birth else None)
             for name, id_number, phone, card, birth in zip(names, id_numbers, phones, cards, births)]
    return member_keys_many(keyed, repeat(None), sort_keys)


def member_local_values(tbl: str, value: Callable[[str], Sequence[Any] | None]) -> dict[str, Sequence[Any]]:
    """New pulled members' search keys, worked out before they are inserted
    (apply.LocalValues); none when the page lacks one of the fields (after_page then
    makes them from what was stored)."""
    if tbl != "member":
        return {}
    names, id_numbers, phones, cards, births = (value(name) for name in (
        "full_name", "id_number", "phone", "card_number", "birth_date"))
    if names is None or id_numbers is None or phones is None or cards is None or births is None:
        return {}
    search, sort, dup = _member_keys(names, id_numbers, phones, cards, births, {})
    return {"search_key": search, "sort_key": sort, "dup_key": dup}


def fix_statuses(conn: sqlite3.Connection, ids: list[str]) -> int:
    """Once the whole pull is in: a member's status follows from all its events. Two PCs
    that each added an event see the same result, and the correction syncs as a change."""
    if len(ids) >= WHOLE_TABLE:
        return _fix_all_statuses(conn, ids)
    fixed = 0
    for chunk, marks in in_chunks(ids):
        for mid, status in _statuses(conn, chunk, marks).items():
            fixed += conn.execute("UPDATE member SET status = ? WHERE id = ? AND status IS NOT ?",
                                  (status, mid, status)).rowcount
    return fixed


def _fix_all_statuses(conn: sqlite3.Connection, ids: list[str]) -> int:
    """fix_statuses of most of the unit, by one pass over the members and one over their
    events: a member's status follows from its last event alone (status_after), which the
    dict keeps of each member's events read in order; members without events are left
    as they are, as fix_statuses leaves them. Only the statuses that differ are written."""
    last = dict(conn.execute("SELECT member_id, kind FROM member_event WHERE deleted_at IS NULL "
                             "ORDER BY member_id, event_date, seq, id"))
    current = dict(conn.execute("SELECT id, status FROM member"))
    wrong = []
    for mid in ids:
        kind = last.get(mid)
        if kind is not None and mid in current:
            status = status_after([kind])
            if current[mid] != status:
                wrong.append((status, mid))
    conn.executemany("UPDATE member SET status = ? WHERE id = ?", wrong)
    return len(wrong)
