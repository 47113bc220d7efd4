"""What every service works on: the open database, this device's identity, and the feed
of what each committed write changed (services/core/changes.py)."""

from __future__ import annotations

import os
import platform
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop import APP_DIR_NAME
from desktop.models import AppSetting, new_id
from desktop.models.audit import set_current_user
from desktop.models.db import Database
from desktop.services.core import field_limits  # noqa: F401  (the protocol's limits, checked before every flush)
from desktop.services.core.changes import ChangeFeed
from desktop.services.core.permissions import CurrentUser, accounts_exist
from desktop.services.core.safe_files import storage_problem
from desktop.sync.capture import open_captured


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
    # The signed-in user (services/accounts.py); None: nobody signed in, which on a PC
    # without accounts means the single user who may do everything.
    user: CurrentUser | None = None
    # Whether this file has accounts in use: asked at each permission check and before each
    # flush, so kept here; AccountService forgets it when it changes accounts.
    accounts_known: bool | None = None
    # What each committed write changed, for the pages; one feed per open database.
    changes: ChangeFeed = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.changes = ChangeFeed(self.db.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside is saved together or not at all. A disk
        that is full or read-only rolls it back and says so (services/safe_files.py)."""
        try:
            with self.db.session() as session, session.begin():
                session.info["ctx"] = self  # the role check before each flush (services/permissions.py)
                yield session
        except DBAPIError as exc:
            problem = storage_problem(exc.orig or exc, self.db.path)
            if problem is None:
                raise
            raise problem from exc

    def close(self) -> None:
        self.changes.close()
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
    db = open_captured(path or default_db_path())
    with db.session() as session, session.begin():
        device = session.scalar(select(AppSetting.value).where(AppSetting.key == "device_id"))
        if device is None:
            device = new_id()
            session.add(AppSetting(key="device_id", value=device))
    ctx = Context(db=db, device_id=device)
    # Who the audit log names until someone signs in: the PC's name on a single-user PC.
    with db.engine.begin() as conn:
        set_current_user(conn, "" if accounts_exist(ctx) else platform.node())
    return ctx
