"""Counting the work SQLite does on a PC's database: the VM instructions run on its
connections inside a block. A measure of the rows read and written that does not depend
on the machine's speed or load, for tests that what a small change costs does not grow
with the size of the unit (no timing asserts)."""

from __future__ import annotations

from sqlalchemy import event

STEP = 100  # VM instructions between two calls of the progress handler


class Steps:
    def __init__(self, ctx) -> None:
        self.engine = ctx.db.engine
        self.calls = 0

    def _tick(self) -> int:
        self.calls += 1
        return 0  # go on

    def _on_checkout(self, dbapi_connection, record, proxy) -> None:
        dbapi_connection.set_progress_handler(self._tick, STEP)

    def _off(self, dbapi_connection, record) -> None:
        dbapi_connection.set_progress_handler(None, STEP)

    def __enter__(self) -> Steps:
        self.engine.dispose()  # pooled connections come back through checkout, with the handler
        event.listen(self.engine, "checkout", self._on_checkout)
        event.listen(self.engine, "checkin", self._off)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "checkout", self._on_checkout)
        event.remove(self.engine, "checkin", self._off)
        self.engine.dispose()

    @property
    def steps(self) -> int:
        return self.calls * STEP
