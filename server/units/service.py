"""The union hierarchy and its administrators."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protocol.limits import has_control
from server.accounts import audit
from server.accounts.rules import username_key
from server.base import utcnow
from server.errors import Conflict, NotFound, ServiceError, Unauthorized
from server.sync.models import UnitSync
from server.units.models import AdminAccount, AdminSession, LoginThrottle, Unit

_hasher = PasswordHasher()
SESSION_HOURS = 12


def clean(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFC", " ".join(text.split()))


def unit_by_code(s: Session, code: str) -> Unit:
    unit = None if has_control(code) or len(code) > 50 else s.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound("unit_not_found", f"Không có đơn vị mã {code!r}.")
    return unit


def create_unit(s: Session, code: str, name: str, parent_code: str | None = None) -> Unit:
    code = clean(code)
    if has_control(code) or has_control(name):
        raise Conflict("unit_invalid", "Mã và tên đơn vị không được chứa ký tự điều khiển (ký tự ẩn).")
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


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Failed logins: a few are free (a typo), then each further one makes the next try wait
# twice as long, from SLOW_START up to LOCK_MAX; an account gets fewer free tries than an
# address (an office shares one). A quiet hour forgets them.
FREE_TRIES = {"user": 3, "addr": 10}
SLOW_START = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)
# Hashed on every failed try, even for an unknown name: the answer takes as long either way.
_DUMMY_HASH = _hasher.hash("không phải mật khẩu nào cả")


class TooManyTries(ServiceError):
    status = 429


def _throttle_keys(username: str, address: str | None) -> list[str]:
    keys = [f"user:{username.casefold()}"[:160]]
    if address:
        keys.append(f"addr:{address}"[:160])
    return keys


def _wait_text(wait: timedelta) -> str:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    return f"{seconds} giây" if seconds < 90 else f"{(seconds + 59) // 60} phút"


def _check_lock(s: Session, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        row = s.get(LoginThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            who = "Tài khoản này" if key.startswith("user:") else "Máy tính này"
            raise TooManyTries("login_locked", f"{who} đã nhập sai mật khẩu nhiều lần nên tạm bị khóa đăng nhập; "
                                               f"hãy thử lại sau {_wait_text(row.locked_until - now)}.")


def _record_failure(s: Session, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        if s.get(LoginThrottle, key) is None:
            try:
                with s.begin_nested():  # the first failure, perhaps at the same moment elsewhere
                    s.add(LoginThrottle(key=key, failures=0, last_failure=now))
            except IntegrityError:
                pass
        row = s.get_one(LoginThrottle, key, with_for_update=True, populate_existing=True)
        if now - row.last_failure > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure = now
        over = row.failures - FREE_TRIES[key.split(":", 1)[0]]
        if over > 0:
            row.locked_until = now + min(SLOW_START * 2 ** min(over - 1, 20), LOCK_MAX)


def _account_named(s: Session, username: str) -> AdminAccount | None:
    """The account of a name as typed, in any case ("An" is "an"); an exact name first (two
    accounts older than that rule may differ only in case)."""
    return s.scalar(select(AdminAccount).where(
        or_(AdminAccount.username == username, AdminAccount.username_key == username_key(username)))
        .order_by((AdminAccount.username != username), AdminAccount.id).limit(1))


def login(sessions, username: str, password: str, address: str | None = None) -> str:
    """A new session token for an administrator. Failed tries are counted per account and
    per address (in their own committed transaction: the refusal must not undo them), and
    every try, right or wrong, goes into the audit log."""
    username = clean(username or "")[:100]
    keys = _throttle_keys(username, address)
    with sessions() as s, s.begin():
        _check_lock(s, keys)
        account = None if has_control(username) else _account_named(s, username)
        try:
            _hasher.verify(account.password_hash if account is not None else _DUMMY_HASH, password or "")
            right = account is not None
        except (VerifyMismatchError, InvalidHashError):
            right = False  # a wrong password is answered as no such account
        if right and account is not None and not account.disabled:
            row = s.get(LoginThrottle, keys[0])
            if row is not None:
                s.delete(row)
            token = secrets.token_urlsafe(32)
            s.add(AdminSession(token_hash=token_hash(token), admin_id=account.id,
                               expires_at=utcnow() + timedelta(hours=SESSION_HOURS)))
            audit.record(s, "login", "Đăng nhập thành công.", actor=account, address=address,
                         unit_id=account.unit_id, account_id=account.id)
            return token
        if account is None:  # the name typed is not kept: it may be a password typed in the wrong box
            audit.record(s, "login_failed", "Tên đăng nhập không có trên máy chủ.", actor_name="(không rõ)",
                         address=address)
        else:
            audit.record(s, "login_failed", "Tài khoản đã ngừng sử dụng." if right else "Sai mật khẩu.",
                         actor=account, address=address, unit_id=account.unit_id, account_id=account.id)
        if not right:
            _record_failure(s, keys)
    if right:
        raise Unauthorized("account_disabled", "Tài khoản này đã ngừng sử dụng; hãy hỏi người quản trị cấp trên.")
    raise Unauthorized("bad_login", "Sai tên đăng nhập hoặc mật khẩu. Nhập sai nhiều lần, việc đăng nhập sẽ tạm bị "
                                    "khóa.")


NOT_YOURS = "Đơn vị này không có hoặc không thuộc phạm vi quản lý của tài khoản."


def unit_in_scope(s: Session, home: Unit, code: str) -> Unit:
    """A unit of the administrator's sub-tree by its code. A unit that does not exist and a
    unit elsewhere get the same answer (403): codes of other units cannot be probed."""
    from server.errors import Forbidden

    try:
        unit = unit_by_code(s, code)
    except NotFound:
        unit = None
    if unit is None or not in_subtree(home, unit):
        raise Forbidden("not_your_unit", NOT_YOURS)
    return unit


def admin_for_token(s: Session, token: str | None) -> tuple[AdminAccount, Unit]:
    if token and len(token) <= 200 and not has_control(token):
        session = s.get(AdminSession, token_hash(token))
        if session is not None and session.expires_at > utcnow():
            admin = s.get_one(AdminAccount, session.admin_id)
            if not admin.disabled:
                return admin, s.get_one(Unit, admin.unit_id)
    raise Unauthorized("login_required", "Cần đăng nhập.")


def logout(s: Session, token: str, address: str | None = None) -> None:
    session = s.get(AdminSession, token_hash(token))
    if session is not None:
        admin = s.get_one(AdminAccount, session.admin_id)
        audit.record(s, "logout", "Đăng xuất.", actor=admin, address=address, unit_id=admin.unit_id,
                     account_id=admin.id)
        s.delete(session)
