"""Deliberate storage faults for tests (issue 7, item 5): a database whose disk is full, a
folder that refuses writing, a disk that fills up in the middle of a file.

- The full database is real: SQLite's max_page_count caps the file at its present size,
  so the next write that needs a page fails with SQLITE_FULL, "database or disk is full",
  exactly as on a full disk.
- A read-only folder is a real chmod 555. Root ignores permissions, so when the tests
  run as root the same refusal is injected at the operating-system calls that would
  create or replace a file in that folder (open for writing, os.open, rename/replace,
  mkdir, sqlite3.connect), with the errors the system would give.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def fill_database(ctx) -> Callable[[], None]:
    """From now on the database file cannot grow (every pooled connection is replaced).
    Returns a function that frees the disk again."""
    engine = ctx.db.engine

    def cap(dbapi_conn, _record) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", cap)

    def free() -> None:
        event.remove(engine, "connect", cap)
        engine.dispose()

    return free


def full_usb(monkeypatch, folder: Path, pages: int = 4) -> None:
    """A SQLite file made in folder cannot grow past a few pages: a nearly full stick."""
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        con = real(target, *args, **kwargs)
        if _inside(target, folder):
            con.execute(f"PRAGMA max_page_count = {pages}")
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)


def _inside(path, folder: Path) -> bool:
    if isinstance(path, int):
        return False
    try:
        p = Path(os.path.abspath(os.fsdecode(path)))
    except TypeError:
        return False
    folder = Path(os.path.abspath(folder))
    return p == folder or folder in p.parents


def _refused(path) -> PermissionError:
    return PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))


@pytest.fixture
def read_only(monkeypatch):
    """read_only(folder): the folder refuses new files and changes to its files from now
    on, to the end of the test."""
    changed: list[tuple[Path, int]] = []

    def make(folder: Path) -> Path:
        changed.append((folder, folder.stat().st_mode))
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        if os.geteuid() == 0:
            _refuse_as_the_system_would(monkeypatch, folder)
        return folder

    yield make
    for folder, mode in changed:
        folder.chmod(mode)


def _refuse_as_the_system_would(monkeypatch, folder: Path) -> None:
    real_open, real_os_open = builtins.open, os.open
    real_replace, real_rename, real_mkdir = os.replace, os.rename, Path.mkdir
    real_connect = sqlite3.connect

    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+") and _inside(file, folder):
            raise _refused(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & _WRITE_FLAGS and _inside(path, folder):
            raise _refused(path)
        return real_os_open(path, flags, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        if _inside(dst, folder) or _inside(src, folder):
            raise _refused(dst)
        return real_replace(src, dst, *args, **kwargs)

    def rename(src, dst, *args, **kwargs):
        if _inside(dst, folder) or _inside(src, folder):
            raise _refused(dst)
        return real_rename(src, dst, *args, **kwargs)

    def mkdir(self, *args, **kwargs):
        if _inside(self, folder) and not self.exists():
            raise _refused(self)
        return real_mkdir(self, *args, **kwargs)

    def connect(target, *args, **kwargs):
        if isinstance(target, (str, os.PathLike)) and _inside(target, folder):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)  # what pathlib's write_bytes and write_text call
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(Path, "mkdir", mkdir)
    monkeypatch.setattr(sqlite3, "connect", connect)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
