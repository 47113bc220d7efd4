"""What every command module shares: the open database, output as text or JSON."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from desktop.services.core.context import Context, default_db_path, open_context


class UserError(Exception):
    pass


def _jsonable(v):
    if isinstance(v, date):
        return v.isoformat()
    return v


def _out(args, obj, text: str) -> None:
    if args.json:
        print(json.dumps(obj, ensure_ascii=False, default=_jsonable, indent=None))
    else:
        print(text)


def _ctx(args) -> Context:
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
