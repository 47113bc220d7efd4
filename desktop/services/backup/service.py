"""Backups of the unit's database with SQLite's online backup API: safe while the app
runs, each copy checked with PRAGMA integrity_check, a number of generations kept.
Restore puts a checked copy back, after backing up what is there now."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import psutil

from desktop.models import new_id
from desktop.models.db import KNOWN_REVISIONS, backup_file, default_backup_dir, make_engine
from desktop.services.core.context import Context, get_setting, set_setting
from desktop.services.core.errors import DomainError
from desktop.services.core.permissions import CurrentUser, may, refusal, require
from desktop.services.core.safe_files import failure_reason

KEEP = 20  # automatic generations kept in the backup folder
# Copies are named after their database, "<name>-<yyyymmdd-hhmmss>-<reason>.sqlite3", so
# that two databases in one folder (demo.sqlite3 beside new.sqlite3) keep, prune and
# recover only their own. Copies from before were all "congdoan-…": LEGACY_PREFIX.
STAMP_REASON = re.compile(r"(?P<stamp>\d{8}-\d{6})-(?P<reason>[0-9a-z-]+)\.sqlite3")
# The copy made before a migration (models/db.py), named after its database too: the
# database's own, offered for recovery, never pruned.
BEFORE_MIGRATION = re.compile(r"truoc-nang-cap-\d{8}-\d{6}\.sqlite3")
LEGACY_PREFIX = "congdoan-"
KEPT_REASONS = ("truoc-khoi-phuc",)  # never pruned: the data as it was before a restore
# A copy being made: ".<final name>.<pid>.tmp" (db.backup_file; restore stages the same
# way), with SQLite's -wal, -shm or -journal beside it while it is open.
ORPHAN = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.tmp(?:-wal|-shm|-journal)?")


class BackupError(DomainError):
    code = "backup"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    size: int


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep: int


def backup_settings(ctx: Context) -> BackupSettings:
    """Where the automatic copies go (a USB stick, say) and how many are kept. Settings
    of this computer, not synced: another PC's folders are not this one's."""
    with ctx.read() as s:
        folder = get_setting(s, "backup_folder")
        keep = get_setting(s, "backup_keep")
    return BackupSettings(Path(folder) if folder else default_backup_dir(ctx.db.path), int(keep) if keep else KEEP)


def save_backup_settings(ctx: Context, folder: Path | str | None, keep: int) -> BackupSettings:
    require(ctx, "backup_settings")  # where the copies go decides whether the data survives: the chair
    if not isinstance(keep, int) or not 1 <= keep <= 365:
        raise BackupError("Số bản sao lưu giữ lại phải từ 1 đến 365.")
    target = Path(folder) if folder else default_backup_dir(ctx.db.path)
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / ".congdoan-ghi-thu"
        probe.write_bytes(b"ok")
        probe.unlink()
    except (OSError, ValueError) as exc:  # ValueError: a name no file system accepts
        raise BackupError(f"Không ghi được vào thư mục {target}: {getattr(exc, 'strerror', None) or exc}. "
                          "Kiểm tra ổ USB đã cắm và không bị khóa ghi.") from exc
    with ctx.write() as s:
        set_setting(s, "backup_folder", str(target) if folder else "")
        set_setting(s, "backup_keep", str(keep))
    return backup_settings(ctx)


def backup_folder(ctx: Context) -> Path:
    return backup_settings(ctx).folder


def backup_name(db_path: Path, reason: str) -> str:
    return f"{Path(db_path).stem}-{datetime.now():%Y%m%d-%H%M%S}-{reason}.sqlite3"


def is_copy_of(name: str, db_path: Path, *, automatic_only: bool = False) -> bool:
    """Whether a file name is that of a copy of the database at db_path (automatic_only:
    one of the generations that are pruned, not the copy made before a migration)."""
    prefix = f"{Path(db_path).stem}-"
    if not name.startswith(prefix):
        return False
    rest = name[len(prefix):]
    return STAMP_REASON.fullmatch(rest) is not None or (not automatic_only and BEFORE_MIGRATION.fullmatch(rest)
                                                         is not None)


def list_backups(folder: Path, db_path: Path | None = None) -> list[BackupInfo]:
    """The copies in folder, newest first: with db_path, only that database's own."""
    out = []
    for p in folder.glob("*.sqlite3"):
        if db_path is not None and not is_copy_of(p.name, db_path):
            continue
        st = p.stat()
        out.append(BackupInfo(p, datetime.fromtimestamp(st.st_mtime), st.st_size))
    return sorted(out, key=lambda b: b.made, reverse=True)


def remove_orphans(folder: Path) -> list[Path]:
    """Remove what killed backups and restores left (".NAME.PID.tmp" and its -wal, -shm,
    -journal: a whole database each), when the process that was writing it is gone."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return removed
    for p in entries:
        m = ORPHAN.fullmatch(p.name)
        if not m:
            continue
        pid = int(m.group("pid"))
        if pid == os.getpid() or psutil.pid_exists(pid):
            continue  # still being written (by this process's worker, or another window)
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass  # in use or not ours to remove: the next start tries again
    return removed


def tidy_backup_folders(ctx: Context) -> list[Path]:
    """At start: the orphans of killed backups in the backup folder and beside the database."""
    folders = {backup_folder(ctx), default_backup_dir(ctx.db.path), Path(ctx.db.path).parent}
    return [p for f in folders for p in remove_orphans(f)]


def make_backup(ctx: Context, out: Path | str | None = None, *, reason: str = "thu-cong", keep: int = KEEP) -> Path:
    """A checked copy of the database; into the backup folder unless out is given."""
    if out is None:
        out = backup_folder(ctx) / backup_name(ctx.db.path, reason)
    out = Path(out)
    remove_orphans(out.parent)
    if out.exists():
        raise BackupError(f"Tệp {out} đã có: chọn tên khác để không ghi đè bản sao lưu cũ.")
    try:
        backup_file(ctx.db.engine, out)
    except (OSError, sqlite3.Error) as exc:
        raise backup_problem(exc, out) from exc
    settings = backup_settings(ctx)
    if out.parent == settings.folder:
        prune(out.parent, keep if keep != KEEP else settings.keep, ctx.db.path)
    return out


def backup_problem(exc: BaseException, out: Path) -> BackupError:
    """Why a backup could not be written, for a person: the folder named, what to do.
    backup_file has removed whatever it had begun, so no half copy is left behind."""
    folder = out.parent
    reason = failure_reason(exc)
    if reason == "full":
        text = (f"Ổ đĩa chứa thư mục sao lưu {folder} đã đầy: chưa sao lưu được, không để lại bản sao lưu dở "
                "dang nào. Dữ liệu đang dùng không bị ảnh hưởng. Hãy xóa bớt bản sao lưu cũ hay tệp khác trên "
                "ổ đó, hoặc chọn thư mục sao lưu khác (Cài đặt › Sao lưu), rồi sao lưu lại.")
    elif reason in ("read_only", "in_use"):
        text = (f"Thư mục sao lưu {folder} chỉ đọc hoặc không cho ghi (ổ USB bị gạt khóa ghi, hay chưa cắm?): "
                "chưa sao lưu được. Dữ liệu đang dùng không bị ảnh hưởng. Hãy mở khóa ghi hoặc chọn thư mục "
                "khác (Cài đặt › Sao lưu), rồi sao lưu lại.")
    else:
        text = (f"Không ghi được bản sao lưu vào {folder}: {getattr(exc, 'strerror', None) or exc}. "
                "Dữ liệu đang dùng không bị ảnh hưởng.")
    return BackupError(text)


def prune(folder: Path, keep: int, db_path: Path) -> None:
    """Keep the newest `keep` automatic copies of the database at db_path (another
    database's copies in the same folder are not counted nor touched); copies made before
    a migration or a restore are kept whatever their age."""
    auto = [b for b in list_backups(folder, db_path) if is_copy_of(b.path.name, db_path, automatic_only=True)
            and not b.path.stem.endswith(KEPT_REASONS)]
    for b in auto[keep:]:
        b.path.unlink(missing_ok=True)


def backup_if_due(ctx: Context, every: timedelta = timedelta(days=1), reason: str = "hang-ngay") -> Path | None:
    """The daily automatic copy: made when this database's newest one is older than `every`."""
    folder = backup_folder(ctx)
    newest = next(iter(list_backups(folder, ctx.db.path)), None) if folder.exists() else None
    if newest and datetime.now() - newest.made < every:
        return None
    return make_backup(ctx, reason=reason)


def check_copy(path: Path) -> str:
    """The schema revision of a backup file, or BackupError saying why it cannot be used."""
    if not path.exists():
        raise BackupError(f"Không tìm thấy tệp {path}.")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
            unit = con.execute("SELECT count(*) FROM unit").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp {path.name} không phải bản sao lưu Sổ Công đoàn dùng được ({exc}).") from exc
    if ok != "ok":
        raise BackupError(f"Bản sao lưu {path.name} bị hỏng ({ok}).")
    if not rev or rev[0] not in KNOWN_REVISIONS:
        raise BackupError(f"Bản sao lưu {path.name} do phiên bản mới hơn tạo ra: hãy cập nhật phần mềm trước.")
    if not unit:
        raise BackupError(f"Bản sao lưu {path.name} chưa có đơn vị nào.")
    revision: str = rev[0]
    return revision


def accounts_in_file(db_path: Path) -> bool:
    """Whether the database file at db_path has accounts in use (read without opening it
    as the app does: no migration). A missing file has none."""
    db_path = Path(db_path)
    if not db_path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_account'").fetchone():
                return False
            return con.execute("SELECT 1 FROM user_account WHERE disabled_at IS NULL LIMIT 1").fetchone() is not None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Không đọc được tệp dữ liệu hiện tại {db_path.name} ({exc}). Hãy mở Sổ Công đoàn: "
                          "một tệp hỏng được phát hiện khi mở và ứng dụng đề nghị lấy lại bản sao lưu tốt "
                          "mới nhất.") from exc


def restore(db_path: Path, source: Path | str, *, user: CurrentUser | None = None) -> Path:
    """Put a checked backup in place of the database at db_path (the app must be closed:
    the caller holds the single-instance lock). The current data is backed up first;
    returns that safety copy. An older schema is migrated when the database is next opened.

    The copy takes its new device identity before it goes in (renew_device on a staged
    copy), and goes into the live file in one SQLite transaction: whenever the process is
    killed, the file holds either the data as it was or the restored data under a new
    identity, never the copy under the identity whose receipt numbers were already used.

    When the file has accounts, only a chair may (`user`: who signed in before the file
    was closed); otherwise PermissionDeniedError and nothing is touched."""
    db_path, source = Path(db_path), Path(source)
    if not may(user, accounts_in_file(db_path), "restore"):
        raise refusal(user, "restore")
    check_copy(source)
    folder = default_backup_dir(db_path)
    engine = make_engine(db_path)
    try:
        safety = backup_file(engine, folder / backup_name(db_path, "truoc-khoi-phuc"))
        _reached("safety-copy")
        raw = engine.raw_connection()
        try:
            live = raw.driver_connection
            assert isinstance(live, sqlite3.Connection)  # make_engine's engine is SQLite's
            staged = stage_copy(source, folder / f".{db_path.name}.{os.getpid()}.tmp",
                                also_was=device_of(live))
            try:
                _reached("staged")
                src = sqlite3.connect(staged)
                try:
                    src.backup(live)  # all pages in one step: one transaction of the live file
                finally:
                    src.close()
                _reached("copied")
            finally:
                _remove_with_sides(staged)
        finally:
            raw.close()
    finally:
        engine.dispose()
    return safety


def _reached(step: str) -> None:
    """A named point of restore(): tests stop the process there to prove every step safe."""


def stage_copy(source: Path, staged: Path, *, also_was: str | None = None) -> Path:
    """A copy of source at `staged` that has already taken a new device identity."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    _remove_with_sides(staged)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(staged)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal to carry
                renew_device(dest, also_was=also_was)
            finally:
                dest.close()
        finally:
            src.close()
    except BaseException:
        _remove_with_sides(staged)
        raise
    return staged


def _remove_with_sides(path: Path) -> None:
    for p in (path, *(Path(f"{path}{side}") for side in ("-wal", "-shm", "-journal"))):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass  # the next start's tidy_backup_folders removes it


def device_of(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM app_setting WHERE key = 'device_id'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def renew_device(conn: sqlite3.Connection, *, also_was: str | None = None) -> None:
    """A restored copy is a new incarnation of this PC: it takes a new device id, so its
    receipts go into new books (the old books' later numbers may already be on the
    server) and the sync sends it back everything this PC had sent since the copy.
    Book codes the server gave before the copy may have been used since: dropped.

    The ids it had before (the copy's, and `also_was`: the file it replaces) are kept in
    'device_lineage', so that the damaged-file recovery knows its own older copies."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_setting'").fetchone():
        return
    with conn:
        lineage = _lineage(conn) | {d for d in (device_of(conn), also_was) if d}
        conn.execute("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('device_lineage', ?)",
                     (",".join(sorted(lineage)),))
        conn.execute("UPDATE app_setting SET value = ? WHERE key = 'device_id'", (new_id(),))
        conn.execute("DELETE FROM app_setting WHERE key LIKE 'book_spare:%'")


def _lineage(conn: sqlite3.Connection) -> set[str]:
    row = conn.execute("SELECT value FROM app_setting WHERE key = 'device_lineage'").fetchone()
    return {d for d in (row[0] if row else "").split(",") if d}


@dataclass(frozen=True)
class Identity:
    """Which database a file is: its unit and the device ids it has had."""
    unit_id: str | None
    device_id: str | None
    lineage: frozenset[str]


def identity_of(path: Path) -> Identity | None:
    """Read from the file as far as it can be read (a damaged file often still can); None
    when nothing can."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            device = device_of(con)
            try:
                lineage = frozenset(_lineage(con))
            except sqlite3.DatabaseError:
                lineage = frozenset()
            try:
                row = con.execute("SELECT id FROM unit WHERE deleted_at IS NULL LIMIT 1").fetchone()
            except sqlite3.DatabaseError:
                row = None
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    if device is None and row is None:
        return None
    return Identity(row[0] if row else None, device, lineage)


def same_database(damaged: Identity | None, copy: Identity | None, named_after_it: bool) -> bool:
    """Whether a copy may be offered to replace the damaged file: what can be read of the
    damaged file's identity must match the copy's (its unit, and a device id it has had);
    when nothing can be read, only a copy named after the file is offered."""
    if damaged is None:
        return named_after_it
    if copy is None:
        return False
    if damaged.unit_id and copy.unit_id != damaged.unit_id:
        return False
    return not damaged.device_id or copy.device_id in {damaged.device_id, *damaged.lineage}


def newest_good_backup(folder: Path, db_path: Path | None = None) -> BackupInfo | None:
    """The newest copy in the folder that passes the checks; with db_path (the damaged
    file), only a copy of that same database: named after it, or a copy named the old
    way whose unit and device identity match."""
    damaged = identity_of(db_path) if db_path is not None else None
    for b in list_backups(folder) if folder.exists() else []:
        if db_path is not None:
            own = is_copy_of(b.path.name, db_path)
            if not own and not b.path.name.startswith(LEGACY_PREFIX):
                continue
            if not same_database(damaged, identity_of(b.path), own):
                continue
        try:
            check_copy(b.path)
        except BackupError:
            continue
        return b
    return None


def replace_damaged(db_path: Path, source: Path) -> Path:
    """Put a checked backup in place of a damaged database file. The damaged file is kept
    beside it under another name (someone may still rescue something from it). The copy
    takes its new device identity before it is moved into place."""
    check_copy(source)
    staged = stage_copy(source, db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp"),
                        also_was=(identity_of(db_path) or Identity(None, None, frozenset())).device_id)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.stem}-hong-{stamp}{db_path.suffix}")
    db_path.replace(kept)
    for extra in ("-wal", "-shm"):
        side = Path(str(db_path) + extra)
        if side.exists():
            side.replace(Path(str(kept) + extra))
    os.replace(staged, db_path)
    return kept
