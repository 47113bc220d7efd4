"""Migration 0021: a database of the previous version gains the settlement's figures kept per
year (synced), empty, and goes down again to 0019 without them."""

import sqlite3

from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine, open_database, run_migrations


def _tables(path):
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_0021_adds_the_settlement_figures_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0019")
    engine.dispose()
    assert "settlement_figure" not in _tables(path)
    open_database(path).close()
    assert "settlement_figure" in _tables(path)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM settlement_figure").fetchone()[0] == 0
        columns = {r[1] for r in c.execute("PRAGMA table_info(settlement_figure)")}
    assert {"year", "key", "value", "server_seq", "deleted_at"} <= columns
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
    engine.dispose()
    assert "settlement_figure" not in _tables(path) and "year_close" in _tables(path)
