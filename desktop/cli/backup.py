"""Copies of the data file:

    congdoan backup [--out FILE]
    congdoan restore FILE          (the current data is backed up first)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.core.context import default_db_path, open_context


def cmd_backup(args: argparse.Namespace) -> None:
    from desktop.services.backup.service import make_backup

    with database(args) as ctx:
        path = make_backup(ctx, args.out)
    out(args, {"file": str(path), "size": path.stat().st_size},
        f"Đã sao lưu và kiểm tra: {path}")


def cmd_restore(args: argparse.Namespace) -> None:
    from desktop.services.backup.service import accounts_in_file, restore
    from desktop.services.core.instance import instance_lock

    db = Path(args.db) if args.db else default_db_path()
    lock = instance_lock(db)
    if lock is None:
        raise UserError("Sổ Công đoàn đang mở tệp dữ liệu này: đóng ứng dụng rồi khôi phục.")
    try:
        user = None
        if accounts_in_file(db):  # sign in as every command does (--user/--password); restore takes a chair
            with database(args) as ctx:
                user = ctx.user
        safety = restore(db, args.file, user=user)
    finally:
        lock.release()
    open_context(db).close()  # migrate an older copy now, with its own backup first
    out(args, {"restored": str(args.file), "previous_data": str(safety)},
        f"Đã khôi phục từ {args.file}. Dữ liệu trước khi khôi phục được giữ ở {safety}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    c = cmd(sub, "backup", cmd_backup, "sao lưu tệp dữ liệu (an toàn khi ứng dụng đang mở)")
    c.add_argument("--out", help="tệp sao lưu (mặc định: thư mục backups cạnh tệp dữ liệu)")
    c = cmd(sub, "restore", cmd_restore, "khôi phục từ một bản sao lưu (dữ liệu hiện tại được sao lưu trước)")
    c.add_argument("file")
