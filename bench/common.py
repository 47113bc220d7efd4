"""Shared by the benchmarks: the cached 100,000-member database and timing helpers."""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    import os
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def demo_db(members: int = 100_000) -> Path:
    """A demo database of `members` members, made once and copied for each use."""
    OUT.mkdir(parents=True, exist_ok=True)
    master = OUT / f"demo-{members}.sqlite3"
    if not master.exists():
        from desktop.services.core.context import open_context
        from desktop.services.demo.service import make_demo
        tmp = master.with_suffix(".tmp")
        for p in OUT.glob(tmp.name + "*"):
            p.unlink()
        ctx = open_context(tmp)
        t = time.perf_counter()
        make_demo(ctx, members)
        print(f"demo --members {members}: {time.perf_counter() - t:.1f} s")
        with ctx.db.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx.close()
        tmp.rename(master)
        for p in OUT.glob(tmp.name + "-*"):
            p.unlink()
    # Bring a master made by an older build to the current schema once, so that no
    # measured run pays for a migration.
    from desktop.services.core.context import open_context
    open_context(master).close()
    return master


def fresh_copy(src: Path, name: str) -> Path:
    dst = OUT / name
    for p in OUT.glob(name + "*"):
        p.unlink()
    shutil.copyfile(src, dst)
    return dst


def median(xs) -> float:
    return statistics.median(xs)


def p95(xs) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def run_python(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os
    e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, cwd=ROOT, check=True)


PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@contextmanager
def scratch_database(prefix: str) -> Iterator[Engine]:
    """A new PostgreSQL database of this machine's server, migrated to the server's schema,
    and dropped after (even when the benchmark fails half way)."""
    import uuid

    from sqlalchemy import create_engine, text

    from server.db import make_engine, migrate

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(PG + name)
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
