"""What every command module shares: the open database, output as text or JSON, and the
maker of one command with the common options."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.services.core.context import Context, default_db_path, open_context
from desktop.services.core.dates import parse_cli_date

if TYPE_CHECKING:
    from desktop.services.cash.service import DocInfo

Handler = Callable[[argparse.Namespace], None]
# What add_subparsers returns: argparse gives it no public name.
Subcommands = argparse._SubParsersAction
# cmd(parent, name, fn, help): command `name` under `parent`, with the common options, run by fn.
AddCommand = Callable[[Subcommands, str, Handler, str], argparse.ArgumentParser]


class UserError(Exception):
    pass


def jsonable(v: object) -> object:
    if isinstance(v, date):
        return v.isoformat()
    return v


def out(args: argparse.Namespace, obj: Any, text: str) -> None:
    if args.json:
        print(json.dumps(obj, ensure_ascii=False, default=jsonable, indent=None))
    else:
        print(text)


def _open(args: argparse.Namespace) -> Context:
    """The open database; on a PC with accounts, signed in as --user / $CONGDOAN_USER."""
    ctx = open_context(Path(args.db) if args.db else default_db_path())
    from desktop.services.units.accounts import AccountService  # only the commands that open a database pay for argon2
    accounts = AccountService(ctx)
    if not accounts.any():
        return ctx
    user = getattr(args, "user", None) or os.environ.get("CONGDOAN_USER")
    password = getattr(args, "password", None) or os.environ.get("CONGDOAN_PASSWORD")
    if not user or password is None:
        ctx.close()
        raise UserError("Máy này có tài khoản người dùng: thêm --user TÊN --password MẬT_KHẨU "
                        "(hoặc biến môi trường CONGDOAN_USER, CONGDOAN_PASSWORD).")
    try:
        accounts.login(user, password)
    except Exception:
        ctx.close()
        raise
    return ctx


@contextmanager
def database(args: argparse.Namespace) -> Iterator[Context]:
    """The database the command names (signed in), closed when the command is done with it."""
    ctx = _open(args)
    try:
        yield ctx
    finally:
        ctx.close()


def group_id(ctx: Context, name: str | None) -> str | None:
    """The group a command names (any case, with or without diacritics), or None."""
    if not name:
        return None
    from desktop.services.core.text import fold
    from desktop.services.units.service import UnitService
    for g in UnitService(ctx).groups():
        if fold(g.name) == fold(name):
            return g.id
    raise UserError(f"Không có tổ công đoàn “{name}” (xem: congdoan groups list).")


def optional_date(value: str | None) -> date | None:
    return parse_cli_date(value) if value else None


def doc_json(d: DocInfo) -> dict[str, Any]:
    """A receipt or voucher as every command that issues or lists one prints it."""
    return {"id": d.id, "kind": d.kind, "book": d.book_code, "number": d.number, "ref": d.ref,
            "date": d.doc_date, "category": d.category, "person_name": d.person_name, "reason": d.reason,
            "amount": d.amount, "member_id": d.member_id, "voided": d.voided, "void_reason": d.void_reason,
            "corrects_id": d.corrects_id}
