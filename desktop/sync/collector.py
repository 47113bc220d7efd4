"""Python's cycle collector held back while a sync runs.

A first upload builds hundreds of thousands of short-lived objects (a dict per outbox
row, a list per column): with the default threshold (700 allocations) the collector ran
about 1,000 times in the upload of 68,000 rows, a fifth of the PC's own time. Nothing a
sync makes is kept in cycles; they are still collected, less often, and the threshold
goes back when the last sync running ends (syncs may run in several threads at once)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SYNC_THRESHOLD = 100_000

_lock = threading.Lock()
_running = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = gc.get_threshold()
            if _saved[0] < SYNC_THRESHOLD:
                gc.set_threshold(SYNC_THRESHOLD, _saved[1], _saved[2])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
