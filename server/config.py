"""Where the server keeps its data: DATABASE_URL, else a SQLite file in its data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # The usual postgres:// and postgresql:// forms both mean psycopg 3 here.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    folder = Path(user_data_dir("SoCongDoanServer", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.sqlite3'}"
