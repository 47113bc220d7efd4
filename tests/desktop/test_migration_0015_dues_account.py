"""Migration 0015: a database of the previous version keeps its unit row and gains the
unit's receiving account for dues, captured for the sync like the other unit settings;
the migration itself sends nothing, and it goes down again."""

import sqlite3

from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine, open_database, run_migrations
from desktop.sync.capture import open_captured


def _columns(path, table):
    with sqlite3.connect(path) as c:
        return {r[1] for r in c.execute(f"PRAGMA table_info({table})")}


def test_a_0013_database_gains_the_dues_account(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0014")
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO unit(id, created_at, updated_at, name, upper_name) "
                  "VALUES ('u', '2026-01-01', '2026-01-01', 'CĐCS Phú Lâm', 'CĐ KCN Tân Tạo')")
    assert "dues_account_id" not in _columns(path, "unit")

    open_captured(path).close()  # as the app opens it: migrated, then the capture triggers made
    assert "dues_account_id" in _columns(path, "unit")
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT name, dues_account_id FROM unit").fetchall() == [("CĐCS Phú Lâm", None)]
        assert c.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        c.execute("INSERT INTO bank_account(id, created_at, updated_at, kind, bank_bin, institution, account_number, "
                  "account_name, opening_balance, opening_date) VALUES ('a', '2026-01-01', '2026-01-01', 'bank', "
                  "'970418', 'BIDV', '1', 'CĐCS', 0, '2026-01-01')")
        c.execute("UPDATE unit SET dues_account_id = 'a'")
        queued = c.execute("SELECT fields FROM sync_outbox WHERE tbl = 'unit' AND op = 'update'").fetchall()
        assert any("dues_account_id" in fields.split(",") for (fields,) in queued), queued


def test_0015_goes_down_and_up_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    open_database(path).close()
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0014")
    engine.dispose()
    assert "dues_account_id" not in _columns(path, "unit")
    open_database(path).close()
    assert "dues_account_id" in _columns(path, "unit")
