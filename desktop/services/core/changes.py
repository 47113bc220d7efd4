"""What a write changed, said in one place for every page (Anki's OpChanges).

A write names no change: the tables it wrote are noted as SQLite compiles its statements,
and once the transaction is committed they become kinds of change (KINDS, below), handed
to whoever subscribed to the Context's ChangeFeed. The pages refresh from those kinds, so
a page that pays dues need not know that the cash book changed too.

How the tables are noted: an SQLite authorizer on every connection of the engine. It sees
every statement whatever wrote it: ORM flushes, text() SQL, and the bulk paths that write
on the driver's own connection below SQLAlchemy's events (the import's bulk writer, the
pull's apply, the demo year). Three SQLite facts shape the code:

- the authorizer is asked when a statement is prepared, not when it runs, and pysqlite
  keeps prepared statements in a cache. A connection that wrote therefore installs its
  authorizer again as it goes back to the pool: that expires its prepared statements, so
  each is prepared again, and noted again, at its next use. Reads keep their cache.
- COMMIT and ROLLBACK are prepared afresh by pysqlite each time, so they are seen. What a
  connection wrote is counted as saved at a COMMIT; a write rolled back before a later
  COMMIT on the same checkout may be counted too: one refresh too many, never one missed.
- writes made by triggers (the sync's outbox and clock, the audit log) are left out: they
  follow a write that is already noted, and would otherwise make every write a sync change.

The kinds are handed over when the connection goes back to the pool, after the commit,
on the thread that wrote (a Qt subscriber must queue them to its own thread). A restore
from a backup copies pages under SQLite and is seen by none of this: the app reopens.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

log = logging.getLogger(__name__)

# Every table of the schema and what a write to it changes for the pages; a test keeps
# this equal to the schema, so a new table must be placed here. The names are the ones
# the pages answer to: members, dues, cash, bank, activities, unit, groups, sync.
KINDS: dict[str, frozenset[str]] = {
    "member": frozenset({"members"}),
    "member_event": frozenset({"members"}),
    "member_transfer": frozenset({"members"}),  # transfers to and from other units
    "dues_basis": frozenset({"members", "dues"}),
    "dues_exemption": frozenset({"members", "dues"}),
    "unit": frozenset({"unit", "dues"}),  # the unit's settings include how its dues are counted
    "unit_group": frozenset({"groups"}),
    "dues_rule": frozenset({"dues"}),
    "base_salary": frozenset({"dues"}),
    "remit_rule": frozenset({"dues"}),
    "dues_payment": frozenset({"dues", "cash"}),  # each payment is on a receipt of the cash book
    "remittance": frozenset({"dues", "cash"}),
    "cash_doc": frozenset({"cash"}),
    "cash_doc_void": frozenset({"cash"}),
    "receipt_book": frozenset({"cash"}),
    # A transfer with the cash book writes cash_doc (or its void) in the same transaction,
    # so the cash page hears "cash" from that table; these tables are the bank book's own.
    "bank_account": frozenset({"bank"}),
    "bank_entry": frozenset({"bank"}),
    "bank_entry_void": frozenset({"bank"}),
    "account_pair": frozenset({"cash"}),  # the pairs new documents print
    "budget_line": frozenset({"budget"}),  # the budget estimate's edited lines
    # Part A's figures and the closing as reported: read by the settlement when it is built.
    "settlement_figure": frozenset(),
    # A closed year locks both books: the pages that write them say so.
    "year_close": frozenset({"cash", "bank"}),
    "activity": frozenset({"activities"}),
    "activity_member": frozenset({"activities"}),
    "activity_doc": frozenset({"activities"}),
    "activity_payment": frozenset({"activities", "cash"}),  # paid out on a cash voucher
    "sync_outbox": frozenset({"sync"}),  # written by the sync itself (sent, rejected, retried)
    "sync_conflict": frozenset({"sync"}),
    # Shown by no page: the months kept for the upper level, the sync's clock and status
    # (the sync runner reads them after each sync), settings, accounts, the audit log.
    "dues_month": frozenset(),
    "sync_state": frozenset(),
    "app_setting": frozenset(),
    "user_account": frozenset(),
    "audit_session": frozenset(),
    "audit_log": frozenset(),
}


def kinds_of(tables: Iterable[str]) -> frozenset[str]:
    """What writes to these tables changed; a table not in the schema (a TEMP table,
    Alembic's own) changes nothing that a page shows."""
    kinds: set[str] = set()
    for table in tables:
        kinds |= KINDS.get(table, frozenset())
    return frozenset(kinds)


Listener = Callable[[frozenset[str]], None]

_WRITES = frozenset({sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE})
_KEY = "change_recorder"


class _Recorder:
    """The authorizer of one connection: the tables it wrote since it was checked out."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.committed: set[str] = set()

    def __call__(self, action: int, arg1: str | None, _arg2: str | None,
                 database: str | None, trigger: str | None) -> int:
        if trigger is None and database != "temp":
            if action in _WRITES and arg1 is not None:
                self.written.add(arg1)
            elif action == sqlite3.SQLITE_TRANSACTION and arg1 == "COMMIT":
                self.committed |= self.written
        return sqlite3.SQLITE_OK


class ChangeFeed:
    """The kinds each committed write changed, to every subscriber, from the engine's
    pool; one per Context (Context.changes)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call listener(kinds) after each committed write that changed something a page
        shows; it runs on the writing thread. Returns what ends the subscription."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return unsubscribe

    def close(self) -> None:
        with self._lock:
            self._listeners.clear()
        # A context may be closed twice (a test's teardown after the code under test
        # closed it): the second close has nothing left to remove.
        for name, fn in (("checkout", self._checkout), ("checkin", self._checkin)):
            if event.contains(self._engine, name, fn):
                event.remove(self._engine, name, fn)

    @staticmethod
    def _checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        # At checkout, not at connect: the connections opened for the migrations and the
        # device id, before the Context existed, are in the pool already.
        if _KEY not in record.info:
            recorder = _Recorder()
            dbapi_connection.set_authorizer(recorder)
            record.info[_KEY] = recorder

    def _checkin(self, dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        recorder: _Recorder | None = record.info.get(_KEY)
        if recorder is None:
            return
        committed = recorder.committed
        if recorder.written:
            recorder.written, recorder.committed = set(), set()
            if dbapi_connection is not None:  # None: the connection was invalidated, its cache gone
                dbapi_connection.set_authorizer(recorder)  # its prepared writes are noted again when reused
        kinds = kinds_of(committed)
        if not kinds:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kinds)
            except Exception:  # a subscriber's failure must not stop the connection's return
                log.exception("Không báo được thay đổi %s", sorted(kinds))
