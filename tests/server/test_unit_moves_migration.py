"""Migration 0007 (the dated hierarchy and the level names) on SQLite and PostgreSQL: a
database with units upgrades to the schema the models describe, keeps its units, has the
levels by name; it downgrades and upgrades again."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from server.base import Base
from server.db import MIGRATIONS_DIR, make_engine
from tests.sync_support import PG_ADMIN_URL, pg_available


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS congdoan_migration_0007 WITH (FORCE)"))
        c.execute(text("CREATE DATABASE congdoan_migration_0007"))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/congdoan_migration_0007"
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS congdoan_migration_0007 WITH (FORCE)"))
    admin.dispose()


def test_0007_upgrades_to_the_models_and_back(url):
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        conn.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) VALUES "
                          "(1, 'XA', 'Công đoàn xã', NULL, '/1/', '2026-01-01'), "
                          "(2, 'CS', 'CĐCS Trường', 1, '/1/2/', '2026-01-01')"))
        command.upgrade(cfg, "0007")
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert [d for d in diff if "unit_move" in str(d) or "unit_level" in str(d) or "level_id" in str(d)] == []
        assert conn.execute(text("SELECT code, level_id FROM unit ORDER BY id")).all() == [("XA", None), ("CS", None)]
        names = [n for (n,) in conn.execute(text("SELECT name FROM unit_level ORDER BY rank, id"))]
        assert names[0] == "Tổng Liên đoàn Lao động Việt Nam" and "Công đoàn phường, xã, đặc khu" in names
        conn.execute(text("INSERT INTO unit_level (name, rank) VALUES ('Công đoàn cấp mới', 3)"))
        command.downgrade(cfg, "0005")
        command.upgrade(cfg, "0007")
        assert conn.execute(text("SELECT count(*) FROM unit")).scalar() == 2
    engine.dispose()
