"""Opening the unit's SQLite file: pragmas, schema migrations, backups.

Only services open sessions on a Database; views never see one.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.base import Base
from desktop.models.bulk_indexes import restore_on_open

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest schema this build knows; a test keeps it equal to Alembic's head.
HEAD_REVISION = "0023"  # 0016 → 0020 → 0019 → 0021 → 0022 → 0023: 0019 and 0020 were made side by side
KNOWN_REVISIONS = {"0001", "0002", "0003", "0004", "0005", "0006", "0008", "0009", "0010", "0011", "0012", "0013", "0014",
                   "0015", "0016", "0019", "0020", "0021", "0022", "0023"}


class DatabaseError(Exception):
    """The database file cannot be used; the message is for the user."""


class DatabaseTooNewError(DatabaseError):
    pass


class DatabaseLocationError(DatabaseError):
    pass


class DatabaseDamagedError(DatabaseError):
    """The file is not a readable SQLite database any more."""


def _set_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # Statement journals (opened by every write that fires a trigger, i.e. every write
    # to a synced table) in memory, not in a temporary file: a third of the cost of a
    # bulk insert otherwise (measured: 20,000 pulled allocations 2.1 s → 1.3 s).
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _is_network_path(path: Path) -> bool:
    # SQLite's locking is unreliable on network shares (SMB/NFS): refuse UNC paths.
    s = str(path)
    return s.startswith(("\\\\", "//"))


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 10},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            ).first()
        )


def backup_file(engine: Engine, dest: Path) -> Path:
    """Copy the live database with SQLite's online backup API, then check the copy.

    The copy is made under a temporary name beside dest and renamed only once checked:
    a disk that fills up or a folder that refuses writing (a USB stick) leaves no
    half-written backup that could later be taken for a good one. The error (OSError or
    sqlite3.Error) goes to the caller, who says it in words."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        raw = engine.raw_connection()
        try:
            src = cast(sqlite3.Connection, raw.driver_connection)
            target = sqlite3.connect(tmp)
            try:
                src.backup(target)
                ok = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
        finally:
            raw.close()
        if ok != "ok":
            raise DatabaseError(f"Bản sao lưu {dest} bị lỗi khi kiểm tra ({ok}).")
        os.replace(tmp, dest)
    except BaseException:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise
    return dest


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def run_migrations(engine: Engine, revision: str = "head") -> None:
    # Imported here: Alembic costs ~150 ms to load, and most starts need no migration.
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def open_database(path: Path | str, *, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at path.

    An existing database is backed up before any migration; one written by a newer
    version of the app is refused untouched. The triggers (the sync capture's, the audit
    log's) are not made here but by desktop.sync.capture.open_captured, which the app opens
    its database with: they are the sync's, a layer above this one.
    """
    if _is_network_path(Path(path)):
        raise DatabaseLocationError(
            "Không mở cơ sở dữ liệu trên ổ mạng (thư mục chia sẻ): hãy chép tệp về máy này."
        )
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        try:
            rev = current_revision(engine)
        except SQLAlchemyDatabaseError as exc:
            reason = str(exc.orig)
            if any(w in reason for w in ("not a database", "malformed", "disk image")):
                raise DatabaseDamagedError(
                    f"Tệp dữ liệu {path.name} bị hỏng ({reason}). Dữ liệu có thể lấy lại từ bản sao lưu "
                    f"mới nhất trong thư mục {default_backup_dir(path)}.") from exc
            # Locked, no permission, read-only folder: the file itself is fine.
            raise DatabaseError(f"Không mở được tệp dữ liệu {path} ({reason}): kiểm tra quyền ghi vào thư mục "
                                "và ổ đĩa còn chỗ trống.") from exc
        if rev is not None and rev not in KNOWN_REVISIONS:
            raise DatabaseTooNewError(
                f"Tệp dữ liệu {path.name} được tạo bởi phiên bản Sổ Công đoàn mới hơn "
                f"(lược đồ {rev}). Hãy cập nhật phần mềm; dữ liệu không bị thay đổi."
            )
        if rev is not None:
            # A first sync killed between two chunks left some indexes set aside: made
            # again before anything reads the tables, or a migration expects them.
            raw = engine.raw_connection()
            try:
                restore_on_open(cast(sqlite3.Connection, raw.driver_connection))
            finally:
                raw.close()
        if rev != HEAD_REVISION:
            if rev is not None or has_user_tables(engine):
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                folder = backup_dir or default_backup_dir(path)
                backup_file(engine, folder / f"{path.stem}-truoc-nang-cap-{stamp}.sqlite3")
            run_migrations(engine)
    except Exception:
        engine.dispose()
        raise
    return Database(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def metadata():
    return Base.metadata
