"""Migration 0020: a database of the previous version gains the table of the budget's edited
lines, empty (the proposals are computed), and goes down again."""

import sqlite3

from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine, open_database, run_migrations


def _tables(path):
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_0020_adds_the_budget_lines_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0016")
    engine.dispose()
    assert "budget_line" not in _tables(path)
    open_database(path).close()
    assert "budget_line" in _tables(path)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM budget_line").fetchone()[0] == 0
        columns = {r[1] for r in c.execute("PRAGMA table_info(budget_line)")}
    assert {"year", "code", "estimate", "approved", "note", "server_seq", "deleted_at"} <= columns
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0016")
    engine.dispose()
    assert "budget_line" not in _tables(path)
