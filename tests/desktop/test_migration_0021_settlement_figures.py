"""Migration 0021: a database of the previous version gains the settlement's figures kept per
year (synced), empty, and goes down again to 0019 without them."""

import sqlite3

from desktop.models.db import make_engine, open_database, run_migrations
from tests.desktop.migration_helpers import downgrade, names


def test_0021_adds_the_settlement_figures_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0019")
    engine.dispose()
    assert "settlement_figure" not in names(path)
    open_database(path).close()
    assert "settlement_figure" in names(path)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM settlement_figure").fetchone()[0] == 0
        columns = {r[1] for r in c.execute("PRAGMA table_info(settlement_figure)")}
    assert {"year", "key", "value", "server_seq", "deleted_at"} <= columns
    downgrade(path, "0019")
    assert "settlement_figure" not in names(path) and "year_close" in names(path)
