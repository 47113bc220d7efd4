"""The server's engine and sessions, and its Alembic migrations.

On SQLite (the embedded default) every transaction starts with BEGIN IMMEDIATE, so two
pushes of one unit never interleave; on PostgreSQL the per-unit counter row is locked
with SELECT ... FOR UPDATE instead (see sync/counter.py)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return _without_jit(create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True))


def _without_jit(engine: Engine) -> Engine:
    """PostgreSQL compiles a query to machine code (JIT) once its planned cost passes a
    threshold, which the sub-tree reads of the root and of a large province do: at the
    national size the compiling took 0.2-0.45 s of a 0.7 s query, to save nothing on a
    query that runs once. Every query of this server is short (a unit's rows by index, a
    few rows per unit shown), so it is off for the server's own connections, whatever the
    cluster says. Set by a statement on each new connection rather than as a startup
    option, which a pooler such as PgBouncer refuses; committed, as SET is undone with
    the transaction it ran in."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            cur.execute("SET jit = off")
        dbapi_conn.commit()

    return engine


def make_replica_engine(url: str) -> Engine:
    """A read replica's engine: a page's queries see one snapshot (repeatable read, which a
    hot standby serves), and a replica that does not answer is given up on quickly, so the
    page can read the primary instead (server/reading.py)."""
    return _without_jit(create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                                      isolation_level="REPEATABLE READ", connect_args={"connect_timeout": 3}))


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
