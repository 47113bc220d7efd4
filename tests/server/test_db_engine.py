"""The server's PostgreSQL connections run without JIT compiling (server/db.py NO_JIT):
the root's sub-tree reads spent more time compiling than running."""

from sqlalchemy import create_engine, text

from server.db import make_engine, make_replica_engine
from tests.sync_support import PG_ADMIN_URL, pg_available


def test_the_servers_postgresql_connections_do_not_jit_compile():
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    for engine in (make_engine(PG_ADMIN_URL), make_replica_engine(PG_ADMIN_URL)):
        try:
            with engine.connect() as c:
                assert c.execute(text("SHOW jit")).scalar() == "off"
        finally:
            engine.dispose()
    # The cluster's own setting is untouched: a plain connection JIT-compiles (PostgreSQL's default).
    plain = create_engine(PG_ADMIN_URL)
    with plain.connect() as c:
        assert c.execute(text("SHOW jit")).scalar() == "on"
    plain.dispose()
