"""The command line: the same services as the app, for IT staff, bulk work and tests.

One module per command group, each with its handlers and the function that adds its
commands to the parser (`add_commands(sub, cmd)`); this module puts the groups together
and runs the command. Every command opens the database with `common.database`, which
closes it when the command is done.

Exit codes: 0 done, 1 a user error (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli import (
    activities,
    backup,
    bank,
    budget,
    cash,
    demo,
    dues,
    members,
    personal,
    receipts,
    report,
    sync,
    units,
    users,
    year,
)
from desktop.cli.common import Handler, Subcommands, UserError
from desktop.models.db import DatabaseError
from desktop.services.core.dates import DateFormatError
from desktop.services.core.errors import DomainError

# In the order `congdoan --help` lists them.
GROUPS = (units, demo, members, personal, dues, receipts, backup, cash, bank, sync, activities, report, budget, users,
          year)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="tệp dữ liệu (mặc định: $CONGDOAN_DB hoặc thư mục dữ liệu)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    common.add_argument("--user", default=argparse.SUPPRESS, help="tên đăng nhập khi máy có tài khoản ($CONGDOAN_USER)")
    common.add_argument("--password", default=argparse.SUPPRESS, help="mật khẩu ($CONGDOAN_PASSWORD)")
    p = argparse.ArgumentParser(prog="congdoan", parents=[common],
                                description="Sổ Công đoàn: không có lệnh thì mở ứng dụng.")
    sub = p.add_subparsers(dest="command", required=True)

    def cmd(parent: Subcommands, name: str, fn: Handler, help_: str) -> argparse.ArgumentParser:
        # The common options again on each command, so they may come before or after it.
        c = parent.add_parser(name, parents=[common], help=help_)
        c.set_defaults(fn=fn)
        return c

    for group in GROUPS:
        group.add_commands(sub, cmd)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    try:
        args.fn(args)
    except (UserError, DomainError, DatabaseError, DateFormatError) as e:
        msg = e.message if isinstance(e, DomainError) else str(e)
        if isinstance(e, DateFormatError):
            msg = f"Không đọc được ngày “{e}”: dùng dd/mm/yyyy hoặc yyyy-mm-dd."
        print(f"Lỗi: {msg}".replace("\n", " "), file=sys.stderr)
        return 1
    except OSError as e:
        print(f"Lỗi: không ghi/đọc được tệp: {e}", file=sys.stderr)
        return 1
    return 0
