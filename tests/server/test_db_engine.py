"""The server's PostgreSQL connections run without JIT compiling (server/db.py): the
root's sub-tree reads spent more time compiling than running. The setting is made by a
statement on each connection, so it holds whatever the cluster or the connection's own
startup options say, and leaves those options (a statement_timeout in the URL) alone."""

from urllib.parse import quote

from sqlalchemy import create_engine, text

from server.db import make_engine, make_replica_engine
from tests.sync_support import PG_ADMIN_URL, pg_available


def test_the_servers_postgresql_connections_do_not_jit_compile():
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    # A connection that asks for JIT by its own startup options, as a cluster's default could.
    url = PG_ADMIN_URL + "?options=" + quote("-c jit=on -c statement_timeout=4321")
    plain = create_engine(url)
    with plain.connect() as c:
        assert c.execute(text("SHOW jit")).scalar() == "on"  # without the server's engine: JIT
    plain.dispose()
    for engine in (make_engine(url), make_replica_engine(url)):
        try:
            with engine.connect() as c:
                assert c.execute(text("SHOW jit")).scalar() == "off"
                assert c.execute(text("SHOW statement_timeout")).scalar() == "4321ms"
        finally:
            engine.dispose()
