"""What a write changed, derived from the tables it wrote (services/core/changes.py),
heard by a subscriber with no page at all."""

import threading
from datetime import date

import pytest
from sqlalchemy import text

from desktop.models.base import Base
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.cash.service import CashService
from desktop.services.core.changes import KINDS
from desktop.services.dues.service import DuesService, raw_connection
from desktop.services.members.service import MemberService
from desktop.sync import rawdb
from tests.desktop.services.dues_helpers import add_member, setup_unit


@pytest.fixture
def heard(ctx):
    """Every change set delivered, with the thread it came on."""
    got: list[tuple[frozenset[str], str]] = []
    stop = ctx.changes.subscribe(lambda kinds: got.append((kinds, threading.current_thread().name)))
    yield got
    stop()


def kinds(heard) -> list[frozenset[str]]:
    return [k for k, _thread in heard]


def test_paying_dues_changes_dues_and_the_cash_book(ctx, heard):
    setup_unit(ctx, dues_from=date(2026, 1, 1))
    mid = add_member(ctx)
    heard.clear()
    dues = DuesService(ctx)
    dues.pay(mid, ["2026-01"], doc_date=date(2026, 1, 10))
    assert kinds(heard) == [{"dues", "cash"}]
    # The same statements again, now in pysqlite's cache of prepared statements: heard again.
    dues.pay(mid, ["2026-02"], doc_date=date(2026, 2, 10))
    assert kinds(heard) == [{"dues", "cash"}] * 2


def test_each_write_says_what_it_changed(ctx, heard):
    setup_unit(ctx)
    assert {"unit", "dues"} <= kinds(heard)[-1]
    heard.clear()
    mid = add_member(ctx)
    assert kinds(heard) == [{"members"}]
    heard.clear()
    MemberService(ctx).get(mid)
    CashService(ctx).docs()
    assert heard == []  # reads change nothing
    CashService(ctx).record(kind="thu", category="cap_tren", doc_date=date(2026, 3, 1),
                            person_name="Công đoàn ngành", reason="Cấp trên cấp hỗ trợ", amount=3_000_000)
    assert kinds(heard) == [{"cash"}]



def test_the_bank_book_says_bank_and_a_transfer_cash_too(ctx, heard):
    setup_unit(ctx)
    heard.clear()
    account = BankAccountService(ctx).add(AccountInput(kind="bank", bank_bin="970436", account_number="0071001",
                                                       account_name="CĐCS", opening_date=date(2026, 3, 1),
                                                       opening_balance=5_000_000)).id
    book = BankBookService(ctx)
    fee = book.record(account_id=account, kind="fee", entry_date=date(2026, 3, 2), amount=11_000, content="Phí SMS")
    assert kinds(heard) == [{"bank"}] * 2
    heard.clear()
    # A transfer writes the cash book in the same transaction: the Thu chi page hears it.
    moved = book.transfer(account_id=account, kind="withdrawal", entry_date=date(2026, 3, 3), amount=1_000_000,
                          person_name="Thủ quỹ")
    book.void(fee.id, "Ngân hàng hoàn phí")
    book.void(moved.entry.id, "Rút nhầm")
    assert kinds(heard) == [{"bank", "cash"}, {"bank"}, {"bank", "cash"}]

def test_a_statement_written_again_is_heard_again(ctx, heard):
    """pysqlite reuses a prepared statement, which SQLite does not authorize again: the
    feed must make it prepare anew after each write."""
    setup_unit(ctx)
    heard.clear()
    for n in range(4):
        with ctx.write() as s:
            s.execute(text("UPDATE unit SET upper_name = :n"), {"n": str(n)})
    assert kinds(heard) == [{"unit", "dues"}] * 4


def test_a_rolled_back_write_changes_nothing(ctx, heard):
    setup_unit(ctx)
    heard.clear()
    with pytest.raises(RuntimeError), ctx.write() as s:
        s.execute(text("UPDATE unit SET name = 'X'"))
        raise RuntimeError("given up")
    assert heard == []


def test_raw_sql_on_the_driver_connection_is_heard(ctx, heard):
    """The bulk paths write below SQLAlchemy: the demo year's executemany inside a
    session, the pull's apply on a raw connection of its own."""
    setup_unit(ctx)
    heard.clear()
    with ctx.write() as s:
        raw_connection(s).executemany("UPDATE unit SET upper_name = ?", [("A",), ("B",)])
    assert kinds(heard) == [{"unit", "dues"}]
    with rawdb.connection(ctx.db) as conn, rawdb.transaction(conn):
        conn.execute("UPDATE unit_group SET name = name || '.'")
    assert kinds(heard)[-1] == {"groups"}


def test_writes_of_a_worker_thread_are_heard_on_that_thread(ctx, heard):
    setup_unit(ctx)
    heard.clear()
    worker = threading.Thread(target=add_member, args=(ctx,), name="db-writer-test")
    worker.start()
    worker.join()
    assert heard == [({"members"}, "db-writer-test")]


def test_every_table_says_what_it_changes():
    assert set(KINDS) == set(Base.metadata.tables)
