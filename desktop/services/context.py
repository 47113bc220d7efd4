"""What every service works on: the open database and this device's identity."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from platformdirs import user_data_dir
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import APP_DIR_NAME
from desktop.models import AppSetting, new_id
from desktop.models.db import Database, open_database


def default_db_path() -> Path:
    """--db, else $CONGDOAN_DB, else congdoan.sqlite3 in the user's data folder."""
    env = os.environ.get("CONGDOAN_DB")
    if env:
        return Path(env)
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "congdoan.sqlite3"


@dataclass
class Context:
    db: Database
    device_id: str

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside is saved together or not at all."""
        with self.db.session() as session, session.begin():
            yield session

    def close(self) -> None:
        self.db.close()


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value


def open_context(path: Path | str | None = None) -> Context:
    db = open_database(path or default_db_path())
    with db.session() as session, session.begin():
        device = session.scalar(select(AppSetting.value).where(AppSetting.key == "device_id"))
        if device is None:
            device = new_id()
            session.add(AppSetting(key="device_id", value=device))
    return Context(db=db, device_id=device)
