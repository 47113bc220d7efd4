"""Writing files and the database so that a full disk or a read-only folder is said
clearly and nothing is left half-written (issue 7, item 5).

- A file (a PDF, an Excel list, a personal-data export, a copy) is written to a
  temporary name beside it and put in place by one rename only when it is complete:
  an earlier file of that name stays intact whatever happens, and the temporary file
  is removed.
- A database write is one transaction (services/context.py): SQLite rolls it back when
  the disk is full; storage_problem() turns SQLite's terse error into a message that
  names the file and says what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

from desktop.services.core.errors import DomainError

R = TypeVar("R")

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
# Windows reports some of these through winerror only.
WIN_FULL = {112, 39}  # ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
WIN_READ_ONLY = {5, 19}  # ERROR_ACCESS_DENIED, ERROR_WRITE_PROTECT
WIN_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: open in Excel, say


class WriteError(DomainError):
    """A file or the database could not be written; nothing was half-written."""

    code = "write"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "full" | "read_only" | "in_use" | "other"


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return "full"
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or "readonly" in text \
                or "unable to open" in text:
            return "read_only"
        return "other"
    if isinstance(exc, OSError):
        if exc.errno in FULL or getattr(exc, "winerror", None) in WIN_FULL:
            return "full"
        if getattr(exc, "winerror", None) in WIN_IN_USE:
            return "in_use"
        if exc.errno in READ_ONLY or getattr(exc, "winerror", None) in WIN_READ_ONLY:
            return "read_only"
    return "other"


def write_problem(exc: BaseException, target: Path | str) -> WriteError:
    """The message for a file that could not be written to target."""
    target = Path(target)
    folder, name = target.parent, target.name
    reason = failure_reason(exc)
    if reason == "full":
        text = (f"Ổ đĩa chứa thư mục {folder} đã đầy: chưa ghi được tệp {name}. "
                "Tệp cũ cùng tên (nếu có) vẫn còn nguyên. Hãy xóa bớt tệp trên ổ đó hoặc chọn ổ khác rồi làm lại.")
    elif reason == "in_use":
        text = (f"Tệp {target} đang được mở trong một chương trình khác (Excel, trình đọc PDF…): chưa ghi đè "
                "được. Tệp cũ vẫn còn nguyên. Hãy đóng tệp đó hoặc đặt tên khác rồi làm lại.")
    elif reason == "read_only":
        text = (f"Thư mục {folder} chỉ đọc hoặc không cho ghi: chưa ghi được tệp {name}. "
                "Tệp cũ cùng tên (nếu có) vẫn còn nguyên. Hãy chọn thư mục khác, hoặc gạt khóa ghi của "
                "ổ USB / thẻ nhớ, rồi làm lại.")
    else:
        detail = getattr(exc, "strerror", None) or str(exc)
        text = f"Không ghi được tệp {target} ({detail}). Tệp cũ cùng tên (nếu có) vẫn còn nguyên."
    return WriteError(text, reason=reason)


def storage_problem(exc: BaseException, db_path: Path | str) -> WriteError | None:
    """The message for a database write refused by the disk; None for other errors."""
    reason = failure_reason(exc)
    if reason == "full":
        return WriteError(
            f"Ổ đĩa chứa tệp dữ liệu {db_path} đã đầy: thay đổi này chưa được lưu, dữ liệu đã lưu trước đó "
            "vẫn nguyên vẹn. Hãy xóa bớt tệp trên ổ đĩa đó (hoặc dọn Thùng rác) rồi lưu lại.", reason=reason)
    if reason == "read_only":
        return WriteError(
            f"Tệp dữ liệu {db_path} hoặc thư mục chứa nó đang chỉ đọc: thay đổi này chưa được lưu, dữ liệu "
            "đã lưu trước đó vẫn nguyên vẹn. Hãy bỏ thuộc tính chỉ đọc (hoặc nhờ người quản trị máy cấp quyền "
            "ghi) rồi lưu lại.", reason=reason)
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorname", "").startswith("SQLITE_IOERR"):
        return WriteError(
            f"Không ghi được vào tệp dữ liệu {db_path} (lỗi đọc/ghi ổ đĩa): thay đổi này chưa được lưu, "
            "dữ liệu đã lưu trước đó vẫn nguyên vẹn. Kiểm tra ổ đĩa rồi lưu lại.", reason="other")
    return None


def _temp_name(target: Path) -> Path:
    # Beside the target (same disk: the rename is atomic), hidden, never a name in use.
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")


@contextmanager
def atomic_write(target: Path | str) -> Iterator[Path]:
    """with atomic_write(path) as tmp: write tmp — then path is replaced by it in one
    rename. On any error the temporary file is removed, path is left as it was, and an
    OSError comes out as a WriteError naming path and its folder."""
    target = Path(target)
    tmp = _temp_name(target)
    try:
        # Made at once, empty: a folder that refuses files says so before any work is done.
        with open(tmp, "xb"):
            pass
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise write_problem(exc, target) from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the folder refuses even that: nothing was created there then


def copy_file(source: Path | str, target: Path | str) -> Path:
    """A complete copy of source at target, or a WriteError and no change at target."""
    target = Path(target)
    with atomic_write(target) as tmp:
        shutil.copyfile(source, tmp)
    return target


def write_bytes(target: Path | str, data: bytes) -> Path:
    target = Path(target)
    with atomic_write(target) as tmp:
        tmp.write_bytes(data)
    return target


def write_to(out: Path | str | BinaryIO, write: Callable[[Path | BinaryIO], R]) -> R:
    """write(target) into out: through atomic_write when out is a path, as it is when it
    is an open binary file (a preview in memory). Returns what write returns."""
    if isinstance(out, (str, os.PathLike)):
        with atomic_write(out) as tmp:
            return write(tmp)
    return write(out)
