"""The union hierarchy and its administrators."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.base import utcnow
from server.errors import Conflict, NotFound, Unauthorized
from server.sync.models import UnitSync
from server.units.models import AdminAccount, AdminSession, Unit

_hasher = PasswordHasher()
SESSION_HOURS = 12


def clean(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFC", " ".join(text.split()))


def unit_by_code(s: Session, code: str) -> Unit:
    unit = s.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound("unit_not_found", f"Không có đơn vị mã {code!r}.")
    return unit


def create_unit(s: Session, code: str, name: str, parent_code: str | None = None) -> Unit:
    code = clean(code)
    if not code or not name.strip():
        raise Conflict("unit_invalid", "Đơn vị cần có mã và tên.")
    if len(code) > 50 or len(clean(name)) > 200:  # the columns' sizes (PostgreSQL refuses longer)
        raise Conflict("unit_invalid", "Mã đơn vị dài tối đa 50 ký tự, tên đơn vị tối đa 200 ký tự.")
    if s.scalar(select(Unit.id).where(Unit.code == code)) is not None:
        raise Conflict("unit_exists", f"Đã có đơn vị mã {code!r}.")
    parent = unit_by_code(s, parent_code) if parent_code else None
    unit = Unit(code=code, name=clean(name), parent_id=parent.id if parent else None, path="")
    try:
        with s.begin_nested():  # the same code added at the same moment by someone else
            s.add(unit)
            s.flush()
    except IntegrityError:
        raise Conflict("unit_exists", f"Đã có đơn vị mã {code!r}.") from None
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    s.add(UnitSync(unit_id=unit.id, last_seq=0))
    return unit


def subtree(s: Session, unit: Unit) -> list[Unit]:
    return list(s.scalars(select(Unit).where(Unit.path.startswith(unit.path)).order_by(Unit.path)))


def in_subtree(ancestor: Unit, unit: Unit) -> bool:
    return unit.path.startswith(ancestor.path)


def create_admin(s: Session, unit_code: str, username: str, password: str) -> AdminAccount:
    unit = unit_by_code(s, unit_code)
    username = clean(username)
    if len(password) < 8:
        raise Conflict("password_short", "Mật khẩu cần ít nhất 8 ký tự.")
    if s.scalar(select(AdminAccount.id).where(AdminAccount.username == username)) is not None:
        raise Conflict("admin_exists", f"Đã có tài khoản {username!r}.")
    admin = AdminAccount(unit_id=unit.id, username=username, password_hash=_hasher.hash(password))
    s.add(admin)
    s.flush()
    return admin


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(s: Session, username: str, password: str) -> str:
    admin = s.scalar(select(AdminAccount).where(AdminAccount.username == clean(username)))
    try:
        if admin is None:
            raise VerifyMismatchError
        _hasher.verify(admin.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        raise Unauthorized("bad_login", "Sai tên đăng nhập hoặc mật khẩu.") from None
    token = secrets.token_urlsafe(32)
    s.add(AdminSession(token_hash=_token_hash(token), admin_id=admin.id,
                       expires_at=utcnow() + timedelta(hours=SESSION_HOURS)))
    return token


def admin_for_token(s: Session, token: str | None) -> tuple[AdminAccount, Unit]:
    if token:
        session = s.get(AdminSession, _token_hash(token))
        if session is not None and session.expires_at > utcnow():
            admin = s.get(AdminAccount, session.admin_id)
            return admin, s.get(Unit, admin.unit_id)
    raise Unauthorized("login_required", "Cần đăng nhập.")


def logout(s: Session, token: str) -> None:
    session = s.get(AdminSession, _token_hash(token))
    if session is not None:
        s.delete(session)
