"""One copy of the app per database: a lock file beside it. The operating system drops
the lock if the process dies, so it never goes stale."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


def instance_lock(db_path: Path) -> FileLock | None:
    lock = FileLock(str(db_path) + ".lock")
    try:
        lock.acquire(timeout=0.2)
    except Timeout:
        return None
    return lock
