"""Migration 0012: the share of đoàn phí remitted upward is 30 % from 01/01/2023 (QĐ 8108/
QĐ-TLĐ, from the 2023 fiscal year), not from 29/08/2025; what a unit chose itself is kept."""

import re
import sqlite3
from datetime import date

import pytest

from desktop.models import audit
from desktop.models.db import make_engine, open_database, run_migrations
from desktop.sync import capture

SEEDED_40 = "remit_rule/2022-01-01"


def _database_at_0011(path, *setup: str):
    """A database left at 0011 by the previous version, opened before (its capture and
    audit triggers in place), with the given SQL run as the unit's own doing."""
    engine = make_engine(path)
    run_migrations(engine, "0011")
    with engine.begin() as conn:
        _triggers_of_that_version(conn)
        conn.exec_driver_sql(
            "INSERT INTO unit(id, created_at, updated_at, name, upper_name, dues_group, rounding, words_linh_le, "
            "words_nghin_ngan, opening_balance) VALUES ('u', '2026-01-01', '2026-01-01', 'CĐCS A', 'LĐLĐ B', 3, 1, "
            "'linh', 'nghìn', 0)")
        for statement in setup:
            conn.exec_driver_sql(statement)
    engine.dispose()
    return _changes(path)


def _triggers_of_that_version(conn):
    """The capture and audit triggers of the tables the database has: those of tables a
    later migration adds (0013's bank book) cannot be made on a 0011 file."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars())
    for statement in capture.trigger_ddl() + audit.trigger_ddl():
        table = statement.split(" ON ", 1)[1].split()[0]
        if table not in present:
            continue
        # Nor can a trigger name a column a later migration adds (0015's unit.dues_account_id).
        columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        if set(re.findall(r"\b(?:NEW|OLD)\.(\w+)", statement)) <= columns:
            conn.exec_driver_sql(statement)


def _rules(path):
    with sqlite3.connect(path) as c:
        return c.execute("SELECT effective_from, share_bp, source FROM remit_rule WHERE deleted_at IS NULL "
                         "ORDER BY effective_from, share_bp").fetchall()


def _share_in(path, month_end: str) -> int:
    """The share the services take for a month: the unit's own, else the rule in force."""
    with sqlite3.connect(path) as c:
        own = c.execute("SELECT remit_share_bp FROM unit").fetchone()[0]
        if own is not None:
            return own
        return c.execute("SELECT share_bp FROM remit_rule WHERE deleted_at IS NULL AND effective_from <= ? "
                         "ORDER BY effective_from DESC LIMIT 1", (month_end,)).fetchone()[0]


def _changes(path):
    """What this PC would send and what its audit log says (the migration adds to neither)."""
    with sqlite3.connect(path) as c:
        return [c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sync_outbox", "audit_log")]


def _nothing_to_sync_or_audit(path, before):
    assert _changes(path) == before
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT applying FROM sync_state WHERE id = 1").fetchone()[0] == 0


def test_seeded_rows_corrected(tmp_path):
    path = tmp_path / "a.sqlite3"
    before = _database_at_0011(path)
    assert _share_in(path, "2024-12-31") == 4000  # the error being corrected
    open_database(path).close()
    rules = _rules(path)
    assert [(d, bp) for d, bp, _ in rules] == [("2022-01-01", 4000), ("2023-01-01", 3000)]
    assert "QĐ 8108/QĐ-TLĐ" in rules[1][2] and "niên độ tài chính 2023" in rules[1][2]
    assert _share_in(path, "2022-12-31") == 4000
    for month_end in ("2023-01-31", "2024-06-30", "2025-07-31", "2026-12-31"):
        assert _share_in(path, month_end) == 3000
    _nothing_to_sync_or_audit(path, before)


def test_new_database_has_the_corrected_history(tmp_path):
    open_database(tmp_path / "new.sqlite3").close()
    assert [(d, bp) for d, bp, _ in _rules(tmp_path / "new.sqlite3")] == [("2022-01-01", 4000), ("2023-01-01", 3000)]


def test_unit_setting_kept(tmp_path):
    path = tmp_path / "b.sqlite3"
    changes = _database_at_0011(path, "UPDATE unit SET remit_share_bp = 3500")
    open_database(path).close()
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT remit_share_bp FROM unit").fetchone()[0] == 3500
    assert _share_in(path, "2024-06-30") == 3500
    _nothing_to_sync_or_audit(path, changes)


def test_units_own_rule_of_2023_kept(tmp_path):
    """A unit that entered the correction itself keeps its rule, and the seeded rows are
    left as they were (two rules from one day would leave the choice to chance)."""
    path = tmp_path / "c.sqlite3"
    changes = _database_at_0011(path, "INSERT INTO remit_rule(id, created_at, updated_at, effective_from, share_bp, source) "
                            "VALUES ('own', '2026-02-01', '2026-02-01', '2023-01-01', 3000, 'QĐ 8108 (tự nhập)')")
    before = _rules(path)
    open_database(path).close()
    assert _rules(path) == before
    assert ("2023-01-01", 3000, "QĐ 8108 (tự nhập)") in before
    _nothing_to_sync_or_audit(path, changes)


@pytest.mark.parametrize("change", [
    "UPDATE remit_rule SET deleted_at = '2026-03-01' WHERE effective_from = '2025-08-29'",
    "UPDATE remit_rule SET share_bp = 2500 WHERE effective_from = '2025-08-29'",
])
def test_seeded_row_the_unit_changed_kept(tmp_path, change):
    path = tmp_path / "d.sqlite3"
    _database_at_0011(path, change)
    before = _rules(path)
    open_database(path).close()
    assert _rules(path) == before


def test_downgrade_puts_the_old_rows_back(tmp_path):
    from alembic import command
    from alembic.config import Config

    from desktop.models.db import MIGRATIONS_DIR

    path = tmp_path / "e.sqlite3"
    _database_at_0011(path)
    before = _rules(path)
    open_database(path).close()
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    engine.dispose()
    assert _rules(path) == before
    assert date.fromisoformat(before[1][0]) == date(2025, 8, 29)
