"""One sync: push everything pending, then pull every page since the cursor.

Safe to interrupt anywhere: an unacknowledged push is resent under the same mutation
ids (the server answers "duplicate"), a pull resumes from the cursor saved with the
last applied page."""

from __future__ import annotations

import inspect
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from desktop.models import bulk_indexes
from desktop.models.db import Database
from desktop.sync import outbox
from desktop.sync.apply import AfterApply, LocalValues, PageResult, apply_page, larger_cache
from desktop.sync.client import SyncClient
from desktop.sync.collector import fewer_collections
from desktop.sync.errors import CancelledError, SyncError
from desktop.sync.rawdb import connection, transaction
from protocol import BULK_INSERT, BULK_LOAD, MAX_PULL
from protocol.codec import COMPACT_FORMS
from protocol.messages import page_rows

PUSH_BATCH = 5000
# The first push of a sync, before the server said which tables it takes column-wise: a
# few mutations (a sync of a few changes is still one round trip), then a first upload
# goes as bulk pages.
FIRST_PUSH = 100
# phase ("push" | "pull" | "snapshot"), done, total; for "snapshot" (rows) a fourth
# argument, the Transfer, when the callable takes one.
Progress = Callable[..., None]
Answer = dict[str, Any]  # the server's answer, decoded JSON
SNAPSHOT_KEY = "sync_snapshot"  # app_setting: the snapshot being downloaded (its manifest)
UPLOAD_PROGRESS_FROM = 5000  # rows to send from which a push says its MB and time left too


@dataclass
class Transfer:
    """A first sync's download from a snapshot, or a large upload: what is done and what
    is to go, in rows and bytes, and the time left at the pace so far."""

    rows_total: int
    bytes_total: int
    rows_done: int = 0
    bytes_done: int = 0
    started: float = field(default_factory=time.monotonic)
    bytes_at_start: int = 0  # resumed: what an earlier run already had
    # An upload knows its rows, not its bytes until they are packed: bytes_total is then
    # worked out from the bytes per row so far, and said as "khoảng".
    estimated: bool = False

    def seconds_left(self) -> float | None:
        spent = time.monotonic() - self.started
        done = self.bytes_done - self.bytes_at_start
        if done <= 0 or spent <= 0:
            return None
        return (self.bytes_total - self.bytes_done) * spent / done

    def describe(self) -> str:
        """One line for a person (Vietnamese): rows and MB done of the total, time left."""
        mib = 1024 * 1024
        about = "khoảng " if self.estimated and self.bytes_done < self.bytes_total else ""
        text = (f"{_thousands(self.rows_done)} / {_thousands(self.rows_total)} dòng, "
                f"{self.bytes_done / mib:.1f} / {about}{self.bytes_total / mib:.1f} MB")
        left = self.seconds_left() if self.bytes_done < self.bytes_total else None
        if left is not None:
            minutes, seconds = divmod(max(1, round(left)), 60)
            text += f", còn khoảng {minutes} phút {seconds:02d} giây" if minutes else f", còn khoảng {seconds} giây"
        return text


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 682.178, as Vietnamese write it


def _report_progress(progress: Progress, phase: str, done: int, total: int, transfer: Transfer | None = None) -> None:
    try:
        inspect.signature(progress).bind(phase, done, total, transfer)
    except (TypeError, ValueError):  # a callable of three arguments (made before snapshots)
        progress(phase, done, total)
        return
    progress(phase, done, total, transfer)


class _HistoryReset(Exception):
    """The server's history went back (restored from a backup); the sync starts over."""


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    conflicts: int = 0
    problems: list[str] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    seconds_server: float = 0.0  # waiting for answers: the network and the server
    seconds_apply: float = 0.0  # applying pulled pages here

    def add(self, later: SyncReport) -> None:
        """Fold in a second run with the same client (its byte and request counts are totals)."""
        self.pushed += later.pushed
        self.rejected += later.rejected
        self.pulled += later.pulled
        self.conflicts += later.conflicts
        self.problems += later.problems
        for tbl, ids in later.touched.items():
            self.touched.setdefault(tbl, set()).update(ids)
        self.requests, self.bytes_sent, self.bytes_received = later.requests, later.bytes_sent, later.bytes_received
        self.seconds += later.seconds
        self.seconds_server += later.seconds_server
        self.seconds_apply += later.seconds_apply


class SyncEngine:
    def __init__(self, db: Database, device_id: str, after_apply: AfterApply | None = None,
                 page_size: int = MAX_PULL, snapshots: bool = True, local_values: LocalValues | None = None) -> None:
        self.snapshots = snapshots  # a first sync from the server's snapshot (else page by page)
        self.db = db
        self.device_id = device_id
        self.after_apply = after_apply
        self.local_values = local_values
        self.page_size = page_size
        self._server_seq = 0  # the unit's last seq, as the last push's answer gave it

    def run(self, client: SyncClient, progress: Progress | None = None,
            cancel: threading.Event | None = None) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        with fewer_collections(), connection(self.db) as conn:
            try:
                try:
                    page = self._push(conn, client, report, progress, cancel)
                    self._pull(conn, client, report, progress, cancel, page)
                except _HistoryReset:  # what the server lost is queued again: once more
                    page = self._push(conn, client, report, progress, cancel)
                    self._pull(conn, client, report, progress, cancel, page)
            finally:
                if client.clock_offset_ms is not None:
                    with transaction(conn):
                        conn.execute("UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1",
                                     (client.clock_offset_ms,))
        report.requests = client.requests
        report.bytes_sent = client.bytes_sent
        report.bytes_received = client.bytes_received
        report.seconds = time.perf_counter() - started
        return report

    @staticmethod
    def _check_epoch(conn: sqlite3.Connection, answer: Answer, report: SyncReport) -> None:
        """The server's history as this PC knows it. A new epoch means the server was put
        back from a backup: what it lost is queued again and _HistoryReset starts over."""
        epoch = answer.get("epoch")
        if epoch is None:  # a server from before epochs
            return
        known = _known_epoch(conn)
        if known is None:  # the first answer since enrolment
            with transaction(conn):
                conn.execute("INSERT INTO app_setting(key, value) VALUES ('sync_epoch', ?)", (epoch,))
        elif known != epoch:
            n = outbox.requeue_since(conn, answer.get("epoch_seq") or 0, epoch)
            report.problems.append(f"Máy chủ đã được khôi phục từ bản sao lưu: máy này gửi lại {n} dòng dữ liệu "
                                   "mà máy chủ bị mất.")
            raise _HistoryReset()

    @staticmethod
    def _check(cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise CancelledError("Đã dừng đồng bộ theo yêu cầu; lần sau sẽ tiếp tục từ chỗ đã dừng.")

    def _push(self, conn: sqlite3.Connection, client: SyncClient, report: SyncReport, progress: Progress | None,
              cancel: threading.Event | None) -> Answer | None:
        """Send everything pending; the last push also asks for the first pull page, which
        is returned (a sync with a few changes is then one round trip)."""
        total = outbox.prepare(conn)
        done = 0
        # Rows, MB and time left, for a person watching a large upload (a first one).
        upload = Transfer(rows_total=total, bytes_total=0, estimated=True) if total >= UPLOAD_PROGRESS_FROM else None
        sent_before = client.bytes_sent
        sent_ids: set[str] = set()
        page = None
        # New rows go column-wise as a bulk load once the server said which tables it
        # takes so (its first answer; a server from before says none).
        bulk_tables: frozenset[str] | None = None
        compact = False  # the server reads COMPACT_FORMS in pushed rows (its first answer says)

        def next_batch(after: int) -> _Ahead:
            """The batch after local_seq `after` and its body, with what they were made for."""
            found = outbox.batch(conn, self.device_id, FIRST_PUSH if bulk_tables is None else PUSH_BATCH,
                                 bulk_tables=bulk_tables or BULK_INSERT, after=after).without(sent_ids)
            return _Ahead(found, found.body(self.device_id, compact), (bulk_tables, compact))

        def send(body: dict[str, Any], params: dict[str, Any] | None) -> tuple[Answer, float]:
            t = time.perf_counter()
            answer = client.call("POST", "/api/v1/sync/push", body, params=params, compress=True)
            return answer, time.perf_counter() - t

        def settle(batch: outbox.Batch, answer: Answer) -> None:
            nonlocal done
            ok, refused = outbox.settle(conn, batch, answer)
            self._check_epoch(conn, answer, report)
            sent = batch.mutation_ids()
            sent_ids.update(sent)
            report.pushed += ok
            report.rejected += refused
            done += len(sent)
            if progress and upload is not None:
                upload.rows_total = max(total, done)
                upload.rows_done = done
                upload.bytes_done = client.bytes_sent - sent_before
                upload.bytes_total = max(upload.bytes_done, upload.bytes_done * upload.rows_total // max(done, 1))
                _report_progress(progress, "push", done, upload.rows_total, upload)
            elif progress:
                progress("push", done, max(total, done))

        # One push at a time, in outbox order, as ever. What overlaps a large upload's push
        # (a second or more of the server's work each) is this PC's own work: reading and
        # encoding the next batch, and settling the one before.
        ahead: _Ahead | None = None  # the next batch, read and encoded while the server applies this one
        unsettled: tuple[outbox.Batch, Answer] | None = None  # taken by the server, settled once the next is sent
        with ThreadPoolExecutor(1, thread_name_prefix="push") as pool:
            try:
                while True:
                    self._check(cancel)
                    if ahead is not None and ahead.made_for == (bulk_tables, compact):
                        batch, body = ahead.batch, ahead.body
                    else:  # the first, or the server's answer changed how the next one is made
                        batch, body = next_batch(0)[:2]
                    ahead = None
                    if not batch:
                        return page
                    params = None
                    if not batch.full and not self._wants_snapshot(conn):
                        cursor = conn.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0]
                        params = {"cursor": cursor, "limit": self.page_size, "me": self.device_id}
                    on_its_way = pool.submit(send, body, params)
                    if unsettled is not None:
                        taken, unsettled = unsettled, None
                        settle(*taken)
                    if batch.full and bulk_tables is not None:
                        with suppress(sqlite3.Error):  # read again after the answer, then raised
                            ahead = next_batch(batch.last)
                    answer, waited = on_its_way.result()
                    report.seconds_server += waited
                    page = answer.get("page") if params else None
                    if type(answer.get("last_seq")) is int:
                        self._server_seq = answer["last_seq"]
                    bulk_tables = BULK_INSERT | (frozenset(answer.get("bulk") or ()) & BULK_LOAD)
                    compact = set(COMPACT_FORMS) <= set(answer.get("forms") or ())
                    # Settled later only when the answer's epoch is the known one: a new epoch's
                    # requeue (_check_epoch) must find this batch settled.
                    epoch = answer.get("epoch")
                    if ahead is not None and ahead.batch and ahead.made_for == (bulk_tables, compact) \
                            and (epoch is None or epoch == _known_epoch(conn)):
                        unsettled = (batch, answer)
                    else:
                        settle(batch, answer)
            finally:
                if unsettled is not None:  # stopped between two pushes: what was taken is settled
                    settle(*unsettled)

    def _wants_snapshot(self, conn: sqlite3.Connection) -> bool:
        """A PC that has never pulled, or one whose snapshot download was cut."""
        if not self.snapshots:
            return False
        cursor, target = conn.execute("SELECT cursor, target_seq FROM sync_state WHERE id = 1").fetchone()
        return (cursor == 0 and target is None) or _saved_snapshot(conn) is not None

    def _mostly_own(self, conn: sqlite3.Connection, report: SyncReport) -> bool:
        """This sync's pushes made at least half of the unit's rows (a unit's first PC, right
        after its upload): the snapshot would bring them all back, while an ordinary pull
        leaves out this PC's own rows. A cut snapshot download still resumes."""
        return _saved_snapshot(conn) is None and report.pushed > 0 and 2 * report.pushed >= self._server_seq

    def _snapshot(self, conn: sqlite3.Connection, client: SyncClient, report: SyncReport,
                  progress: Progress | None, cancel: threading.Event | None) -> None:
        """The unit's data from the server's snapshot, chunk by chunk, each applied with its
        cursor in one transaction; a cut download resumes at the first chunk not applied.
        The ordinary pull then goes on from the snapshot's seq."""
        cursor = conn.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0]
        snap = _saved_snapshot(conn)
        t = time.perf_counter()
        if snap is None:
            try:
                snap = client.call("GET", "/api/v1/sync/snapshot",
                                   params={"limit": self.page_size, "forms": ",".join(COMPACT_FORMS)})
            except SyncError as exc:
                if exc.code == "not_found":  # a server from before snapshots: page by page
                    return
                raise
            self._check_epoch(conn, snap, report)
            with transaction(conn):
                conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)",
                             (SNAPSHOT_KEY, json.dumps({k: snap[k] for k in ("name", "seq", "chunks", "rows", "bytes")})))
        report.seconds_server += time.perf_counter() - t
        starts = [0] + [c["cursor"] for c in snap["chunks"]]
        if cursor not in starts[:-1]:  # all in, or pulled on since by ordinary pulls
            _forget_snapshot(conn)
            return
        first = starts.index(cursor)
        chunks = snap["chunks"]
        done_bytes = sum(c["bytes"] for c in chunks[:first])
        transfer = Transfer(rows_total=snap["rows"], bytes_total=snap["bytes"],
                            rows_done=sum(c["rows"] for c in chunks[:first]), bytes_done=done_bytes,
                            bytes_at_start=done_bytes)
        if progress:
            _report_progress(progress, "snapshot", transfer.rows_done, transfer.rows_total, transfer)

        def fetch(k: int) -> Answer:
            return client.call("GET", f"/api/v1/sync/snapshot/{snap['name']}/{k}")

        try:
            with ThreadPoolExecutor(1, thread_name_prefix="snapshot") as pool, larger_cache(conn):
                ahead = pool.submit(fetch, first)
                for k in range(first, len(chunks)):
                    self._check(cancel)
                    t = time.perf_counter()
                    try:
                        page = ahead.result()
                    except SyncError as exc:
                        if exc.code == "snapshot_gone":  # the ordinary pull goes on
                            _restore_indexes(conn)
                            _forget_snapshot(conn)
                            return
                        raise
                    if k + 1 < len(chunks):
                        ahead = pool.submit(fetch, k + 1)
                    t2 = time.perf_counter()
                    self._check_epoch(conn, page, report)
                    tables = page_rows(page)
                    del page["tables"], page["ids"]
                    # Every chunk but the last fills empty tables with their plain indexes
                    # set aside; the last makes them again in its transaction.
                    result = apply_page(conn, tables, chunks[k]["cursor"], max(page["last_seq"], snap["seq"]),
                                        self.after_apply, self.local_values, bulk_load=k + 1 < len(chunks))
                    del tables
                    report.seconds_server += t2 - t
                    report.seconds_apply += time.perf_counter() - t2
                    self._count(report, result)
                    transfer.rows_done += chunks[k]["rows"]
                    transfer.bytes_done += chunks[k]["bytes"]
                    if progress:
                        _report_progress(progress, "snapshot", transfer.rows_done, transfer.rows_total, transfer)
        except BaseException:
            # Cut or cancelled: the app keeps using the tables meanwhile. Should this fail
            # too, the error that stopped the snapshot is the one to report (the next page
            # applied, or the next opening of the database, makes them).
            with suppress(sqlite3.Error):
                _restore_indexes(conn)
            raise
        _forget_snapshot(conn)

    @staticmethod
    def _count(report: SyncReport, result: PageResult) -> None:
        report.pulled += result.applied
        report.conflicts += result.conflicts
        report.problems += result.problems
        for tbl, ids in result.touched.items():
            report.touched.setdefault(tbl, set()).update(ids)

    def _pull(self, conn: sqlite3.Connection, client: SyncClient, report: SyncReport, progress: Progress | None,
              cancel: threading.Event | None, page: Answer | None = None) -> None:
        if page is None and self._wants_snapshot(conn) and not self._mostly_own(conn, report):
            self._snapshot(conn, client, report, progress, cancel)
        cursor = conn.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0]
        start = cursor
        while True:
            self._check(cancel)
            t = time.perf_counter()
            if page is None or page.get("cursor") is None:
                page = client.call("GET", "/api/v1/sync/pull",
                                   params={"cursor": cursor, "limit": self.page_size, "me": self.device_id})
            t2 = time.perf_counter()
            self._check_epoch(conn, page, report)
            tables = page_rows(page)
            del page["tables"], page["ids"]  # a first sync's page is large: keep it once, decoded
            result = apply_page(conn, tables, page["cursor"], page["last_seq"], self.after_apply, self.local_values)
            del tables
            report.seconds_server += t2 - t
            report.seconds_apply += time.perf_counter() - t2
            self._count(report, result)
            cursor = page["cursor"]
            if progress:
                progress("pull", cursor - start, max(page["last_seq"] - start, 1))
            if not page["more"]:
                return
            page = None


class _Ahead(NamedTuple):
    """A batch read and encoded before it is sent, and the server's terms it was made for
    (the BULK_LOAD tables it takes, whether it reads compact forms)."""

    batch: outbox.Batch
    body: dict[str, Any]
    made_for: tuple[frozenset[str] | None, bool]


def _known_epoch(conn: sqlite3.Connection) -> str | None:
    """The server's epoch as this PC last saw it (None before its first answer)."""
    row = conn.execute("SELECT value FROM app_setting WHERE key = 'sync_epoch'").fetchone()
    return row[0] if row is not None else None


def _saved_snapshot(conn: sqlite3.Connection) -> Answer | None:
    row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (SNAPSHOT_KEY,)).fetchone()
    try:
        saved: Answer | None = json.loads(row[0]) if row else None
        return saved
    except ValueError:
        return None


def _restore_indexes(conn: sqlite3.Connection) -> None:
    """The indexes chunks set aside, made again when the snapshot stops before its last
    chunk (which makes them): cut, cancelled, or gone from the server."""
    with transaction(conn):
        bulk_indexes.restore(conn)


def _forget_snapshot(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM app_setting WHERE key = ?", (SNAPSHOT_KEY,))
