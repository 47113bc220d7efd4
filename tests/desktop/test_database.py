import sqlite3

import pytest

from desktop.models.db import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS_DIR,
    DatabaseLocationError,
    DatabaseTooNewError,
    open_database,
)
from desktop.services.core.context import open_context


def test_head_revision_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD_REVISION
    assert {r.revision for r in script.walk_revisions()} == KNOWN_REVISIONS


def test_new_database_is_wal_with_foreign_keys(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
    db.close()


def test_every_synced_table_has_sync_columns(tmp_path):
    from desktop.models import Base
    for table in Base.metadata.sorted_tables:
        if table.name in ("app_setting", "user_account", "audit_session") or table.name.startswith("sync_"):
            continue  # this device's own settings, accounts, current user and the sync's bookkeeping stay local
        assert {"id", "created_at", "updated_at", "deleted_at", "server_seq", "device_id"} <= set(table.c.keys()), table.name


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num='9999'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as e:
        open_database(path)
    assert "phiên bản Sổ Công đoàn mới hơn" in str(e.value)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999"
    assert len(path.read_bytes()) == len(before)


def test_backup_before_migration(tmp_path):
    """An older database is copied (and checked) before it is migrated."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, HEAD_REVISION)
        command.downgrade(cfg, "base")
        conn.exec_driver_sql("CREATE TABLE legacy_note (x TEXT)")
        conn.exec_driver_sql("INSERT INTO legacy_note VALUES ('giữ lại')")
    engine.dispose()
    db = open_database(path)
    backups = list((tmp_path / "backups").glob("old-truoc-nang-cap-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as c:
        assert c.execute("SELECT x FROM legacy_note").fetchone()[0] == "giữ lại"
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_network_share_refused(tmp_path):
    with pytest.raises(DatabaseLocationError):
        open_database("//server/share/congdoan.sqlite3")


def test_device_id_is_stable(tmp_path):
    a = open_context(tmp_path / "x.sqlite3")
    device = a.device_id
    a.close()
    b = open_context(tmp_path / "x.sqlite3")
    assert b.device_id == device
    b.close()
