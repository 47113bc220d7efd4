"""congdoan users add | list | passwd | disable: this PC's accounts from the command line.

When accounts exist every command signs in with --user NAME --password … (or
$CONGDOAN_USER / $CONGDOAN_PASSWORD); managing accounts takes a chair. The first
account needs no sign-in and must be a chair."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.core.permissions import ROLES, require
from desktop.services.units.accounts import AccountRow, AccountService


def _new_password(args: argparse.Namespace) -> str:
    if args.new_password:
        return args.new_password
    if not sys.stdin.isatty():
        raise UserError("Thiếu mật khẩu mới: dùng --new-password.")
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại: ") != first:
        raise UserError("Hai lần nhập mật khẩu không giống nhau.")
    return first


def _json(a: AccountRow) -> dict[str, Any]:
    return {"username": a.username, "full_name": a.full_name, "role": a.role, "disabled": a.disabled,
            "last_login_at": a.last_login_at.isoformat(sep=" ", timespec="seconds") + "Z" if a.last_login_at else None}


def cmd_users_add(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        a = AccountService(ctx).add(args.username, _new_password(args), args.role, args.full_name or "")
    out(args, _json(a), f"Đã tạo tài khoản “{a.username}” ({a.role_label}).")


def cmd_users_list(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        if ctx.user is not None:
            require(ctx, "accounts")
        rows = AccountService(ctx).list()
    text = "\n".join(f"{a.username}\t{a.role_label}\t{a.full_name}" + ("\t(đã khóa)" if a.disabled else "")
                     for a in rows) or "Chưa có tài khoản nào: ai mở máy cũng dùng được mọi chức năng."
    out(args, [_json(a) for a in rows], text)


def cmd_users_passwd(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        a = AccountService(ctx).reset_password(args.username, _new_password(args))
    out(args, _json(a), f"Đã đặt lại mật khẩu của “{a.username}”.")


def cmd_users_role(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        a = AccountService(ctx).set_role(args.username, args.role)
    out(args, _json(a), f"“{a.username}” nay là {a.role_label}.")


def cmd_users_disable(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        a = AccountService(ctx).disable(args.username)
    out(args, _json(a), f"Đã khóa tài khoản “{a.username}”.")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    users = sub.add_parser("users", help="tài khoản người dùng trên máy này").add_subparsers(dest="sub", required=True)
    c = cmd(users, "add", cmd_users_add, "tạo tài khoản (tài khoản đầu tiên phải là chair)")
    c.add_argument("username")
    c.add_argument("--role", required=True, choices=list(ROLES), help="chair | accountant | treasurer | staff | viewer")
    c.add_argument("--full-name", help="họ tên")
    c.add_argument("--new-password", help="mật khẩu của tài khoản mới (không có thì hỏi)")
    cmd(users, "list", cmd_users_list, "danh sách tài khoản")
    c = cmd(users, "passwd", cmd_users_passwd, "đặt lại mật khẩu")
    c.add_argument("username")
    c.add_argument("--new-password", help="mật khẩu mới (không có thì hỏi)")
    c = cmd(users, "role", cmd_users_role, "đổi vai trò")
    c.add_argument("username")
    c.add_argument("--role", required=True, choices=list(ROLES))
    c = cmd(users, "disable", cmd_users_disable, "khóa tài khoản")
    c.add_argument("username")
