"""The national benchmark's hierarchy (bench/bench_national.py) builds its rollups with the
push's code over rows written directly: on a small hierarchy, a rebuild from the stored
rows finds nothing to correct, and the root's figures add up what was written."""

import random
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_national

from server.db import make_engine, make_sessions
from server.reports.service import figures
from server.rollups.rebuild import rebuild
from server.sync.models import Record
from server.units.models import Unit
from tests.sync_support import PG_ADMIN_URL, pg_available


def test_a_small_national_hierarchy_agrees_with_its_stored_rows(tmp_path):
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    name = f"congdoan_bench_check_{random.randrange(10**9)}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        built = bench_national.build(url, 0.0003, random.Random(3))
        assert built["grassroots"] == 39 and built["rows"] > 0
        engine = make_engine(url)
        with make_sessions(engine)() as s:
            assert rebuild(s) == {}
            s.rollback()
            root = s.scalar(select(Unit).where(Unit.parent_id.is_(None)))
            rows, total = figures(s, root)
            assert len(rows) == 1 + 38  # the root, 34 provinces and 4 sector unions
            members = s.scalar(select(func.count()).select_from(Record).where(Record.tbl == "member"))
            assert sum(total.members_by_status.values()) == members
            paid = s.scalar(select(func.sum(Record.data["amount"].as_integer())).where(Record.tbl == "dues_payment"))
            assert sum(total.dues_collected_by_month.values()) == paid
        engine.dispose()
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
