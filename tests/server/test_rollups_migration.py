"""Migration 0004 builds the rollups of what an older server already stored."""

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from server.db import MIGRATIONS_DIR, make_engine, make_sessions, migrate
from server.rollups.models import Rollup


def test_the_upgrade_builds_rollups_from_the_stored_rows(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) VALUES "
                          "(1, 'XA', 'Công đoàn xã', NULL, '/1/', '2026-01-01'), "
                          "(2, 'CS', 'CĐCS Trường', 1, '/1/2/', '2026-01-01')"))
        for seq, (row_id, tbl, data) in enumerate([("m1", "member", '{"status": "active", "gender": "Nữ"}'),
                                  ("m2", "member", '{"status": "left", "gender": "Nam"}'),
                                  ("p1", "dues_payment", '{"doc_id": "d1", "month": "2026-02-01", "amount": 60000}')], 1):
            conn.execute(text("INSERT INTO record (unit_id, tbl, row_id, seq, data, clock, deleted, updated_at) "
                              "VALUES (2, :t, :r, :s, :d, '{}', 0, '2026-01-01')"),
                         {"t": tbl, "r": row_id, "s": seq, "d": data})
    migrate(engine)
    with make_sessions(engine)() as s:
        got = {(u, scope, metric, key, month): v for u, scope, metric, key, month, v in s.execute(
            select(Rollup.unit_id, Rollup.scope, Rollup.metric, Rollup.key, Rollup.month, Rollup.value))}
    assert got[(2, "o", "status", "active", "")] == got[(1, "t", "status", "left", "")] == 1
    assert got[(1, "t", "collected", "", "2026-02")] == 60_000 and (1, "o", "collected", "", "2026-02") not in got
    engine.dispose()
