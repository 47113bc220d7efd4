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
from protocol.messages import changes_of
from desktop.models.db import Database
from desktop.sync import outbox
from desktop.sync.apply import AfterApply, apply_page
from desktop.sync.client import SyncClient
from desktop.sync.errors import CancelledError
from desktop.sync.rawdb import connection, transaction

PUSH_BATCH = 5000
Progress = Callable[[str, int, int], None]  # phase ("push" | "pull"), done, total


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
                self._push(conn, client, report, progress, cancel)
                self._pull(conn, client, report, progress, cancel)
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
    def _check(cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise CancelledError("Đã dừng đồng bộ theo yêu cầu; lần sau sẽ tiếp tục từ chỗ đã dừng.")

    def _push(self, conn, client, report, progress, cancel) -> None:
        total = outbox.prepare(conn)
        done = 0
        sent_ids: set[str] = set()
        while True:
            self._check(cancel)
            batch = outbox.batch(conn, self.device_id, PUSH_BATCH)
            batch = [m for m in batch if m["mutation_id"] not in sent_ids]
            if not batch:
                return
            answer = client.call("POST", "/api/v1/sync/push", {"mutations": batch}, compress=True)
            ok, refused = outbox.settle(conn, batch, answer["results"])
            sent_ids.update(m["mutation_id"] for m in batch)
            report.pushed += ok
            report.rejected += refused
            done += len(batch)
            if progress:
                progress("push", done, max(total, done))

    def _pull(self, conn, client, report, progress, cancel) -> None:
        cursor, target = conn.execute("SELECT cursor, target_seq FROM sync_state WHERE id = 1").fetchone()
        start = cursor
        while True:
            self._check(cancel)
            page = client.call("GET", "/api/v1/sync/pull",
                               params={"cursor": cursor, "limit": self.page_size, "me": self.device_id})
            result = apply_page(conn, changes_of(page), page["cursor"], page["last_seq"], self.after_apply)
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
