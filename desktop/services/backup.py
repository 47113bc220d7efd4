"""Backups of the unit's database with SQLite's online backup API: safe while the app
runs, each copy checked with PRAGMA integrity_check, a number of generations kept.
Restore puts a checked copy back, after backing up what is there now."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop.models.db import KNOWN_REVISIONS, backup_file, default_backup_dir
from desktop.services.context import Context, get_setting, set_setting
from desktop.services.errors import DomainError
from desktop.services.permissions import CurrentUser, may, refusal, require

KEEP = 20  # automatic generations kept in the backup folder
PREFIX = "congdoan-"


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


def list_backups(folder: Path) -> list[BackupInfo]:
    out = []
    for p in folder.glob("*.sqlite3"):
        st = p.stat()
        out.append(BackupInfo(p, datetime.fromtimestamp(st.st_mtime), st.st_size))
    return sorted(out, key=lambda b: b.made, reverse=True)


def make_backup(ctx: Context, out: Path | str | None = None, *, reason: str = "thu-cong", keep: int = KEEP) -> Path:
    """A checked copy of the database; into the backup folder unless out is given."""
    if out is None:
        folder = backup_folder(ctx)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = folder / f"{PREFIX}{stamp}-{reason}.sqlite3"
    out = Path(out)
    if out.exists():
        raise BackupError(f"Tệp {out} đã có: chọn tên khác để không ghi đè bản sao lưu cũ.")
    try:
        backup_file(ctx.db.engine, out)
    except (OSError, sqlite3.Error) as exc:
        raise backup_problem(exc, out) from exc
    settings = backup_settings(ctx)
    if out.parent == settings.folder:
        prune(out.parent, keep if keep != KEEP else settings.keep)
    return out


def backup_problem(exc: BaseException, out: Path) -> BackupError:
    """Why a backup could not be written, for a person: the folder named, what to do.
    backup_file has removed whatever it had begun, so no half copy is left behind."""
    from desktop.services.safe_files import failure_reason
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


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` automatic copies; copies made before a migration or a
    restore are kept whatever their age."""
    auto = [b for b in list_backups(folder) if b.path.name.startswith(PREFIX)
            and not b.path.stem.endswith(("truoc-khoi-phuc",))]
    for b in auto[keep:]:
        b.path.unlink(missing_ok=True)


def backup_if_due(ctx: Context, every: timedelta = timedelta(days=1), reason: str = "hang-ngay") -> Path | None:
    """The daily automatic copy: made when the newest one is older than `every`."""
    folder = backup_folder(ctx)
    newest = next(iter(list_backups(folder)), None) if folder.exists() else None
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
    return rev[0]


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

    When the file has accounts, only a chair may (`user`: who signed in before the file
    was closed); otherwise PermissionDeniedError and nothing is touched."""
    from desktop.models.db import make_engine
    source = Path(source)
    if not may(user, accounts_in_file(Path(db_path)), "restore"):
        raise refusal(user, "restore")
    check_copy(source)
    engine = make_engine(db_path)
    try:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = backup_file(engine, default_backup_dir(db_path) / f"{PREFIX}{stamp}-truoc-khoi-phuc.sqlite3")
        raw = engine.raw_connection()
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                src.backup(raw.driver_connection)  # page by page into the live file, atomically
            finally:
                src.close()
            renew_device(raw.driver_connection)
        finally:
            raw.close()
    finally:
        engine.dispose()
    return safety


def renew_device(conn: sqlite3.Connection) -> None:
    """A restored copy is a new incarnation of this PC: it takes a new device id, so its
    receipts go into new books (the old books' later numbers may already be on the
    server) and the sync sends it back everything this PC had sent since the copy.
    Book codes the server gave before the copy may have been used since: dropped."""
    from desktop.models import new_id

    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_setting'").fetchone():
        return
    with conn:
        conn.execute("UPDATE app_setting SET value = ? WHERE key = 'device_id'", (new_id(),))
        conn.execute("DELETE FROM app_setting WHERE key LIKE 'book_spare:%'")


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest copy in the folder that passes the checks."""
    for b in list_backups(folder) if folder.exists() else []:
        try:
            check_copy(b.path)
        except BackupError:
            continue
        return b
    return None


def replace_damaged(db_path: Path, source: Path) -> Path:
    """Put a checked backup in place of a damaged database file. The damaged file is kept
    beside it under another name (someone may still rescue something from it)."""
    check_copy(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.stem}-hong-{stamp}{db_path.suffix}")
    db_path.replace(kept)
    for extra in ("-wal", "-shm"):
        side = Path(str(db_path) + extra)
        if side.exists():
            side.replace(Path(str(kept) + extra))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(db_path)
        try:
            src.backup(dest)
            renew_device(dest)
        finally:
            dest.close()
    finally:
        src.close()
    return kept
