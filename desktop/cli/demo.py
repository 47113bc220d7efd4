"""congdoan demo [--members N] [--members-only]: a new data file with realistic demo data."""

from __future__ import annotations

import argparse

from desktop.cli.common import AddCommand, Subcommands, database, out


def cmd_demo(args: argparse.Namespace) -> None:
    from desktop.services.demo.service import make_demo

    with database(args) as ctx:
        n = make_demo(ctx, args.members, year_of_use=not args.members_only)
        out(args, {"members": n, "database": str(ctx.db.path)},
            f"Đã tạo dữ liệu mẫu: {n} đoàn viên trong {ctx.db.path}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    c = cmd(sub, "demo", cmd_demo, "tạo dữ liệu mẫu trong tệp mới")
    c.add_argument("--members", type=int, default=300)
    c.add_argument("--members-only", action="store_true",
                   help="chỉ tạo đoàn viên (không có đoàn phí, thu chi, hoạt động của một năm)")
