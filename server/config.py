"""Where the server keeps its data: DATABASE_URL, else a SQLite file in its data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def _psycopg(url: str) -> str:
    # The usual postgres:// and postgresql:// forms both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def read_database_url() -> str | None:
    """READ_DATABASE_URL: a read replica (PostgreSQL streaming replication) that serves the
    upper levels' pages and figures, so that their reads leave the primary to the PCs'
    syncs (docs/deployment.md). None: everything reads the primary."""
    url = os.environ.get("READ_DATABASE_URL")
    return _psycopg(url) if url else None


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return _psycopg(url)
    folder = Path(user_data_dir("SoCongDoanServer", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.sqlite3'}"
