"""Migration 0020: a database of the previous version gains the table of the budget's edited
lines, empty (the proposals are computed), and goes down again."""

import sqlite3

from desktop.models.db import make_engine, open_database, run_migrations
from tests.desktop.migration_helpers import downgrade, names


def test_0020_adds_the_budget_lines_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0016")
    engine.dispose()
    assert "budget_line" not in names(path)
    open_database(path).close()
    assert "budget_line" in names(path)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM budget_line").fetchone()[0] == 0
        columns = {r[1] for r in c.execute("PRAGMA table_info(budget_line)")}
    assert {"year", "code", "estimate", "approved", "note", "server_seq", "deleted_at"} <= columns
    downgrade(path, "0016")
    assert "budget_line" not in names(path)
