"""Where the upper levels' pages and figures read: the read replica when one is set
(READ_DATABASE_URL), else the primary; and as of when what they read is.

A replica lags the primary by whatever it has not replayed yet. Every page that reads it
says so: "as of" is now when the replica has replayed all the primary had committed when
the page was asked for, else the moment of the last transaction it replayed. A replica that does not answer
is not an error for the reader: the page reads the primary and says so. The credential
of the request is always checked on the primary (a session made a moment ago may not
have reached the replica yet)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
VIETNAM = timedelta(hours=7)
# A replica further behind than this is named on the page as late, in words.
LATE = timedelta(seconds=60)
# How long a page waits for a streaming replica to replay what it has already received.
REPLAY_WAIT = 0.5


@dataclass(frozen=True)
class AsOf:
    """As of when a page's figures are: `at` in UTC; `source` "replica" or "primary";
    `lag`: how far the replica is behind (None on the primary); `fallback`: the replica
    was set but did not answer."""

    at: datetime
    source: str
    lag: timedelta | None = None
    fallback: bool = False

    def words(self) -> str:
        local = (self.at + VIETNAM).strftime("%H:%M:%S ngày %d/%m/%Y")
        said = f"Số liệu tính đến {local} (giờ Việt Nam)"
        if self.fallback:
            return said + ", đọc từ máy chủ chính vì máy chủ bản sao không trả lời."
        if self.source == "primary":
            return said + "."
        if not self.lag:
            return said + ", đọc từ máy chủ bản sao (đã cập nhật đủ)."
        seconds = int(self.lag.total_seconds())
        late = f"{seconds // 60} phút {seconds % 60} giây" if seconds >= 60 else f"{seconds} giây"
        warn = " Các thay đổi gần đây có thể chưa hiện." if self.lag >= LATE else ""
        return said + f", đọc từ máy chủ bản sao (chậm {late} so với máy chủ chính).{warn}"


def _replica_as_of(s: Session, committed: str | None) -> AsOf:
    """On a replica: up to date (as of now) when it has replayed all the primary had
    committed when asked (`committed`, the primary's WAL position, read just before), or,
    when the primary could not be asked, all it received while it streams from it; else as
    of the last transaction it replayed. On a server that is not in recovery: now."""
    row = s.execute(text(
        "SELECT pg_is_in_recovery(), now(), pg_last_xact_replay_timestamp(), "
        "(SELECT status FROM pg_stat_wal_receiver LIMIT 1), pg_last_wal_receive_lsn()::text, "
        "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END")).one()
    recovering, now, replayed, receiver, received, paused = row
    now = now.astimezone(UTC).replace(tzinfo=None)
    if not recovering:
        return AsOf(now, "replica", timedelta(0))
    target = committed if committed is not None else received if receiver == "streaming" else None
    if target is not None and not paused and _replays_soon(s, target):
        return AsOf(now, "replica", timedelta(0))
    if replayed is None:  # behind, and nothing replayed since it started: how far is not known
        return AsOf(now, "replica", LATE)
    replayed = replayed.astimezone(UTC).replace(tzinfo=None)
    return AsOf(replayed, "replica", max(timedelta(0), now - replayed))


def _replays_soon(s: Session, target: str) -> bool:
    """A streaming replica is usually a few milliseconds behind the primary (another
    request's write, a moment ago). The time of its last replayed transaction would then
    call it seconds or hours late: that is the time of the last write before, not how far
    behind it is. So wait briefly for the replay to reach the position asked for: if it
    does, the replica holds everything committed when the page was asked for."""
    deadline = time.monotonic() + REPLAY_WAIT
    while True:
        if s.execute(text("SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)"), {"lsn": target}).scalar():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


def _committed_on_primary(request: Request) -> str | None:
    """The primary's WAL position of everything committed so far; None when it cannot be
    asked (then the replica's own view has to do)."""
    try:
        with request.app.state.sessions() as p:
            if p.connection().dialect.name != "postgresql":
                return None
            return p.execute(text("SELECT pg_current_wal_flush_lsn()::text")).scalar()
    except DBAPIError:
        return None


@contextmanager
def read_transaction(request: Request) -> Iterator[tuple[Session, AsOf]]:
    """A read-only session for figures, on the replica if there is one, and as of when."""
    replica = getattr(request.app.state, "read_sessions", None)
    if replica is not None:
        committed = _committed_on_primary(request)
        session = replica()
        try:
            session.begin()
            as_of = _replica_as_of(session, committed)
            # The figures' snapshot is taken after the check (a transaction of its own):
            # never older than what "as of" says, though perhaps a moment newer.
            session.rollback()
            session.begin()
        except DBAPIError as exc:
            session.close()
            log.warning("read replica unavailable, reading the primary: %s", exc.__class__.__name__)
        else:
            try:
                yield session, as_of
            finally:
                session.rollback()
                session.close()
            return
    with request.app.state.sessions() as session, session.begin():
        now = datetime.now(UTC).replace(tzinfo=None)
        yield session, AsOf(now, "primary", fallback=replica is not None)
