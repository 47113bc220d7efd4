"""Migration 0022: a database of the previous version gains the members' transfers between
units (synced, with their capture triggers once opened), empty, and goes down again to 0021."""

import sqlite3

from desktop.models.db import make_engine, run_migrations
from desktop.sync.capture import open_captured
from tests.desktop.migration_helpers import downgrade, names


def test_0022_adds_the_member_transfers_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0021")
    engine.dispose()
    assert "member_transfer" not in names(path)
    open_captured(path).close()  # as the app opens it
    assert "member_transfer" in names(path)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM member_transfer").fetchone()[0] == 0
        columns = {r[1] for r in c.execute("PRAGMA table_info(member_transfer)")}
        triggers = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                            "AND tbl_name = 'member_transfer'")}
    assert {"direction", "to_unit_code", "member_data", "status", "server_seq", "deleted_at"} <= columns
    assert triggers  # its changes go to the outbox (and the audit log) like any synced table's
    downgrade(path, "0021")
    assert "member_transfer" not in names(path) and "settlement_figure" in names(path)
