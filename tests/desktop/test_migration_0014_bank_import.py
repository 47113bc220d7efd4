"""Migration 0014: a database of the previous version keeps its dues payments (and their
refusal to be edited or deleted) while dues_payment gains bank_entry_id with doc_id made
optional, and bank_entry gains the statement line's fingerprint, also refused to edit;
the migration goes down again, and up."""

import sqlite3

import pytest
from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine, open_database, run_migrations

NOW = "'2026-01-01'"


def _columns(path, table):
    with sqlite3.connect(path) as c:
        return {r[1]: r[3] for r in c.execute(f"PRAGMA table_info({table})")}  # name → NOT NULL


def _insert(c, table, **values):
    """A row with the given values, the other required columns filled with something plain."""
    for _, name, kind, required, default, _ in c.execute(f"PRAGMA table_info({table})").fetchall():
        if required and default is None and name not in values:
            values[name] = 0 if kind.upper() in ("INTEGER", "BOOLEAN") else "2026-01-01"
    c.execute(f"INSERT INTO {table}({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
              list(values.values()))


def _fill_0013(c):
    _insert(c, "member", id="m", full_name="Lan")
    _insert(c, "receipt_book", id="b")
    _insert(c, "cash_doc", id="d", kind="thu", book_id="b", amount=5)
    _insert(c, "dues_payment", id="p", doc_id="d", member_id="m", month="2026-01-01", amount=5)


def test_a_0013_database_gains_bank_allocations_and_fingerprints(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0013")
    engine.dispose()
    with sqlite3.connect(path) as c:
        _fill_0013(c)
    assert _columns(path, "dues_payment")["doc_id"] == 1

    open_database(path).close()
    payment = _columns(path, "dues_payment")
    assert payment["doc_id"] == 0 and payment["bank_entry_id"] == 0
    assert "fingerprint" in _columns(path, "bank_entry")
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT doc_id, member_id, amount FROM dues_payment").fetchall() == [("d", "m", 5)]
        for sql in ("UPDATE dues_payment SET amount = 6", "UPDATE dues_payment SET bank_entry_id = 'e'",
                    "DELETE FROM dues_payment"):
            with pytest.raises(sqlite3.IntegrityError, match="không được sửa hay xóa"):
                c.execute(sql)
        c.execute(f"INSERT INTO bank_account(id, created_at, updated_at, kind, institution, account_number, "
                  f"account_name, opening_balance, opening_date) VALUES ('a', {NOW}, {NOW}, 'bank', 'BIDV', '1', "
                  f"'CĐCS', 0, '2026-01-01')")
        c.execute(f"INSERT INTO bank_entry(id, created_at, updated_at, account_id, kind, entry_date, amount, content, "
                  f"fingerprint) VALUES ('e', {NOW}, {NOW}, 'a', 'credit', '2026-01-02', 5, 'x', 'f1')")
        c.execute(f"INSERT INTO dues_payment(id, created_at, updated_at, bank_entry_id, member_id, month, amount) "
                  f"VALUES ('q', {NOW}, {NOW}, 'e', 'm', '2026-02-01', 5)")
        with pytest.raises(sqlite3.IntegrityError, match="không được sửa hay xóa"):
            c.execute("UPDATE bank_entry SET fingerprint = 'f2'")
        c.execute("UPDATE dues_payment SET server_seq = 3")  # what the sync fills in later
        c.commit()


def test_0014_goes_down_and_up_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    open_database(path).close()
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013")
    engine.dispose()
    assert "bank_entry_id" not in _columns(path, "dues_payment")
    assert "fingerprint" not in _columns(path, "bank_entry")
    assert _columns(path, "dues_payment")["doc_id"] == 1
    open_database(path).close()
    assert "bank_entry_id" in _columns(path, "dues_payment")
