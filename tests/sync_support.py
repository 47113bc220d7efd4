"""A real sync server for tests: `congdoan-server serve` in a subprocess over real HTTP,
on SQLite or on the PostgreSQL of this machine (a fresh database per server)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from server.accounts.service import create_account
from server.db import make_engine, make_sessions, migrate
from server.devices.service import make_enroll_code
from server.units.service import create_unit

PG_ADMIN_URL = os.environ.get("CONGDOAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
_codes = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001  whatever the reason, there is no server to test against
        return False


class SyncServer:
    """One server database and the process serving it (restartable, for fault tests)."""

    def __init__(self, backend: str, tmp: Path, pg_db: str | None = None, keep: bool = False,
                 pg_admin_url: str = PG_ADMIN_URL, read_url: str | None = None) -> None:
        """pg_db: a named database, created if missing and, with keep, left for the next run.
        pg_admin_url: another PostgreSQL than this machine's; read_url: a read replica."""
        self.backend = backend
        self.pg_admin_url = pg_admin_url
        self.read_url = read_url
        self.tmp = tmp
        self.pg_db = None
        self.keep = keep
        if backend == "postgresql":
            self.pg_db = pg_db or f"congdoan_test_{uuid.uuid4().hex[:12]}"
            admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                exists = c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": self.pg_db}).first()
                if not exists:
                    c.execute(text(f'CREATE DATABASE "{self.pg_db}"'))
            admin.dispose()
            self.url = pg_admin_url.rsplit("/", 1)[0] + f"/{self.pg_db}"
        else:
            self.url = f"sqlite:///{tmp / 'server.sqlite3'}"
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = make_sessions(self.engine)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self, workers: int = 1) -> None:
        env = dict(os.environ, DATABASE_URL=self.url, SNAPSHOT_DIR=str(self.tmp / "snapshots"))  # not ~/.cache
        if self.read_url:
            env["READ_DATABASE_URL"] = self.read_url
        with open(self.tmp / f"server-{self.port}.log", "ab") as log:  # the server keeps its own handle
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "server", "serve", "--port", str(self.port), "--log-level", "warning",
                 "--workers", str(workers)], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {(self.tmp / f'server-{self.port}.log').read_text()}")
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def close(self) -> None:
        self.stop()
        self.engine.dispose()
        if self.pg_db and not self.keep:
            admin = create_engine(self.pg_admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)'))
            admin.dispose()

    # ---- a backup of the server database, and putting it back -----------------------
    def backup(self) -> str:
        """A copy of the database as it is now (the server stopped meanwhile, as an
        administrator's nightly copy would see a consistent state)."""
        self.stop()
        self.engine.dispose()
        name = f"{self.pg_db or 'server'}_backup_{uuid.uuid4().hex[:6]}"
        if self.pg_db:
            admin = create_engine(self.pg_admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_db}"'))
            admin.dispose()
        else:
            shutil.copyfile(self.tmp / "server.sqlite3", self.tmp / f"{name}.sqlite3")
        self.start()
        return name

    def restore(self, name: str) -> None:
        """Put a backup back in place of the database, as an administrator would after a crash."""
        self.stop()
        self.engine.dispose()
        if self.pg_db:
            admin = create_engine(self.pg_admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE "{self.pg_db}" WITH (FORCE)'))
                c.execute(text(f'CREATE DATABASE "{self.pg_db}" TEMPLATE "{name}"'))
                c.execute(text(f'DROP DATABASE "{name}"'))
            admin.dispose()
        else:
            for suffix in ("-wal", "-shm"):
                (self.tmp / f"server.sqlite3{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.tmp / f"{name}.sqlite3", self.tmp / "server.sqlite3")

    # ---- administration, straight on the server database ------------------------------
    def unit(self, name: str = "CĐCS Công ty Thử", parent: str | None = None) -> str:
        from sqlalchemy import select

        from server.units.models import Unit

        with self.sessions() as s, s.begin():
            taken = set(s.scalars(select(Unit.code)))  # a kept database (bench --reuse) has some
            code = f"U{next(_codes):04d}"
            while code in taken:
                code = f"U{next(_codes):04d}"
            create_unit(s, code, name, parent)
        return code

    def admin(self, unit: str, username: str, password: str = "matkhau-123", role: str = "admin") -> None:
        with self.sessions() as s, s.begin():
            create_account(s, unit, username, password, role)

    def code(self, unit: str, hours: int = 72) -> str:
        with self.sessions() as s, s.begin():
            return make_enroll_code(s, unit, hours)

    def last_seq(self, unit: str) -> int:
        from sqlalchemy import select

        from server.sync.models import UnitSync
        from server.units.models import Unit

        with self.sessions() as s:
            return s.scalar(select(UnitSync.last_seq).join(Unit, Unit.id == UnitSync.unit_id).where(Unit.code == unit))
