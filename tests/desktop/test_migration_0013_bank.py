"""Migration 0013: a database of the previous version gains the bank tables with their
capture and audit triggers and the database's refusal to edit or delete an entry (the
sync may still fill in server_seq); the migration sends nothing to the server and goes
down again."""

import sqlite3

import pytest
from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine, run_migrations
from desktop.sync.capture import open_captured

BANK = ("bank_account", "bank_entry", "bank_entry_void")


def _names(path, kind):
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_a_0012_database_gains_the_bank_book(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0012")
    engine.dispose()
    assert not set(BANK) & _names(path, "table")

    open_captured(path).close()  # as the app opens it: migrated, then the capture triggers
    assert set(BANK) <= _names(path, "table")
    triggers = _names(path, "trigger")
    for t in BANK:
        assert {f"sync_ins_{t}", f"trail_ins_{t}"} <= triggers
    assert {"bank_entry_no_update", "bank_entry_no_delete", "bank_entry_void_no_update",
            "bank_entry_void_no_delete"} <= triggers
    assert "sync_upd_bank_account" in triggers and "sync_upd_bank_entry" not in triggers  # insert-only
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        c.execute("INSERT INTO bank_account(id, created_at, updated_at, kind, institution, account_number, "
                  "account_name, opening_balance, opening_date) VALUES ('a', '2026-01-01', '2026-01-01', 'bank', "
                  "'BIDV', '1', 'CĐCS', 0, '2026-01-01')")
        c.execute("INSERT INTO bank_entry(id, created_at, updated_at, account_id, kind, entry_date, amount, content) "
                  "VALUES ('e', '2026-01-01', '2026-01-01', 'a', 'credit', '2026-01-02', 5, 'x')")
        with pytest.raises(sqlite3.IntegrityError, match="không được sửa hay xóa"):
            c.execute("UPDATE bank_entry SET amount = 6 WHERE id = 'e'")
        c.execute("UPDATE bank_entry SET server_seq = 3 WHERE id = 'e'")  # what the sync fills in later
        c.rollback()


def test_0013_goes_down_and_up_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    open_captured(path).close()
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    engine.dispose()
    assert not set(BANK) & _names(path, "table")
    assert not {n for n in _names(path, "trigger") if n.startswith("bank_entry")}
    open_captured(path).close()  # as the app opens it: migrated, then the capture triggers
    assert set(BANK) <= _names(path, "table")
