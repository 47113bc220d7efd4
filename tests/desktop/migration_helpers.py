"""What the tests of one migration each do: the names in the schema, and Alembic's
downgrade of a database file to a revision."""

import sqlite3

from alembic import command
from alembic.config import Config

from desktop.models.db import MIGRATIONS_DIR, make_engine


def names(path, kind: str = "table") -> set[str]:
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def downgrade(path, revision: str) -> None:
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()
