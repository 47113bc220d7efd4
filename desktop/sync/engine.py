"""One sync: push everything pending, then pull every page since the cursor.

Safe to interrupt anywhere: an unacknowledged push is resent under the same mutation
ids (the server answers "duplicate"), a pull resumes from the cursor saved with the
last applied page."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from protocol import MAX_PULL
from protocol.messages import page_rows
from desktop.models.db import Database
from desktop.sync import outbox
from desktop.sync.apply import AfterApply, apply_page
from desktop.sync.client import SyncClient
from desktop.sync.errors import CancelledError
from desktop.sync.rawdb import connection, transaction

PUSH_BATCH = 5000
Progress = Callable[[str, int, int], None]  # phase ("push" | "pull"), done, total


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

    def add(self, later: "SyncReport") -> None:
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
                 page_size: int = MAX_PULL) -> None:
        self.db = db
        self.device_id = device_id
        self.after_apply = after_apply
        self.page_size = page_size

    def run(self, client: SyncClient, progress: Progress | None = None,
            cancel: threading.Event | None = None) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        with connection(self.db) as conn:
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
    def _check_epoch(conn, answer: dict, report: SyncReport) -> None:
        """The server's history as this PC knows it. A new epoch means the server was put
        back from a backup: what it lost is queued again and _HistoryReset starts over."""
        epoch = answer.get("epoch")
        if epoch is None:  # a server from before epochs
            return
        row = conn.execute("SELECT value FROM app_setting WHERE key = 'sync_epoch'").fetchone()
        if row is None:  # the first answer since enrolment
            with transaction(conn):
                conn.execute("INSERT INTO app_setting(key, value) VALUES ('sync_epoch', ?)", (epoch,))
        elif row[0] != epoch:
            n = outbox.requeue_since(conn, answer.get("epoch_seq") or 0, epoch)
            report.problems.append(f"Máy chủ đã được khôi phục từ bản sao lưu: máy này gửi lại {n} dòng dữ liệu "
                                   "mà máy chủ bị mất.")
            raise _HistoryReset()

    @staticmethod
    def _check(cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise CancelledError("Đã dừng đồng bộ theo yêu cầu; lần sau sẽ tiếp tục từ chỗ đã dừng.")

    def _push(self, conn, client, report, progress, cancel) -> dict | None:
        """Send everything pending; the last push also asks for the first pull page, which
        is returned (a sync with a few changes is then one round trip)."""
        total = outbox.prepare(conn)
        done = 0
        sent_ids: set[str] = set()
        page = None
        while True:
            self._check(cancel)
            batch = outbox.batch(conn, self.device_id, PUSH_BATCH).without(sent_ids)
            if not batch:
                return page
            params = None
            if not batch.full:
                cursor = conn.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0]
                params = {"cursor": cursor, "limit": self.page_size, "me": self.device_id}
            t = time.perf_counter()
            answer = client.call("POST", "/api/v1/sync/push", batch.body(self.device_id), params=params,
                                 compress=True)
            report.seconds_server += time.perf_counter() - t
            ok, refused = outbox.settle(conn, batch, answer)
            self._check_epoch(conn, answer, report)
            page = answer.get("page") if params else None
            sent = batch.mutation_ids()
            sent_ids.update(sent)
            report.pushed += ok
            report.rejected += refused
            done += len(sent)
            if progress:
                progress("push", done, max(total, done))

    def _pull(self, conn, client, report, progress, cancel, page: dict | None = None) -> None:
        cursor, target = conn.execute("SELECT cursor, target_seq FROM sync_state WHERE id = 1").fetchone()
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
            result = apply_page(conn, tables, page["cursor"], page["last_seq"], self.after_apply)
            del tables
            report.seconds_server += t2 - t
            report.seconds_apply += time.perf_counter() - t2
            report.pulled += result.applied
            report.conflicts += result.conflicts
            report.problems += result.problems
            for tbl, ids in result.touched.items():
                report.touched.setdefault(tbl, set()).update(ids)
            cursor = page["cursor"]
            if progress:
                progress("pull", cursor - start, max(page["last_seq"] - start, 1))
            if not page["more"]:
                return
            page = None
