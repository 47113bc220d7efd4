"""Local user accounts: add, change role, reset password, disable; sign in (issue 7).

Passwords are hashed with argon2id (argon2-cffi). Accounts belong to this PC only and
are never synced. The first account must be a chair, so that someone can manage the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import UserAccount, new_id, utcnow
from desktop.models.audit import set_current_user
from desktop.services.core.context import Context, get_setting, set_setting
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError
from desktop.services.core.permissions import ROLES, CurrentUser, PermissionDeniedError, require

_hasher = PasswordHasher()
MIN_PASSWORD = 6
IDLE_KEY = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 15
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{2,50}$")


class LoginError(DomainError):
    code = "login"


@dataclass(frozen=True)
class AccountRow:
    id: str
    username: str
    full_name: str
    role: str
    disabled: bool
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def _row(a: UserAccount) -> AccountRow:
    return AccountRow(a.id, a.username, a.full_name, a.role, a.disabled_at is not None, a.last_login_at)


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError({"password": f"cần ít nhất {MIN_PASSWORD} ký tự."})


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError({"role": f"không có vai trò “{role}” (chọn: {', '.join(ROLES)})."})


class AccountService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- reading -------------------------------------------------------------------
    def any(self) -> bool:
        with self.ctx.read() as s:
            return bool(s.scalar(select(func.count()).select_from(UserAccount)
                                 .where(UserAccount.disabled_at.is_(None))))

    def list(self) -> list[AccountRow]:
        with self.ctx.read() as s:
            return [_row(a) for a in s.scalars(select(UserAccount).order_by(UserAccount.username))]

    # ---- managing (the chair; anyone while no account exists) ------------------------
    def add(self, username: str, password: str, role: str, full_name: str = "") -> AccountRow:
        username = (username or "").strip()
        if not _USERNAME.match(username):
            raise ValidationError({"username": "2–50 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới."})
        _check_role(role)
        _check_password(password)
        with self.ctx.write() as s:
            first = not s.scalar(select(func.count()).select_from(UserAccount)
                                 .where(UserAccount.disabled_at.is_(None)))
            if first and role != "chair":
                raise ValidationError({"role": "tài khoản đầu tiên phải là Chủ tịch, để có người quản lý các tài khoản khác."})
            if s.scalar(select(UserAccount.id).where(func.lower(UserAccount.username) == username.lower())):
                raise ValidationError({"username": f"đã có tài khoản “{username}”."})
            a = UserAccount(id=new_id(), username=username, full_name=(full_name or "").strip(), role=role,
                            password_hash=_hasher.hash(password), created_at=utcnow())
            s.add(a)
            s.flush()
            row = _row(a)
        self.ctx.accounts_known = None  # the file may just have got its first account
        return row

    def _load(self, s: Session, username: str) -> UserAccount:
        a = s.scalar(select(UserAccount).where(func.lower(UserAccount.username) == (username or "").lower()))
        if a is None:
            raise NotFoundError(f"Không có tài khoản “{username}”.")
        return a

    def _keep_a_chair(self, s: Session, a: UserAccount) -> None:
        chairs = s.scalar(select(func.count()).select_from(UserAccount).where(
            UserAccount.role == "chair", UserAccount.disabled_at.is_(None), UserAccount.id != a.id))
        if a.role == "chair" and a.disabled_at is None and not chairs:
            raise ValidationError({"role": "đây là Chủ tịch duy nhất còn dùng được: hãy tạo Chủ tịch khác trước."})

    def set_role(self, username: str, role: str) -> AccountRow:
        require(self.ctx, "accounts")
        _check_role(role)
        with self.ctx.write() as s:
            a = self._load(s, username)
            if role != "chair":
                self._keep_a_chair(s, a)
            a.role = role
            s.flush()
            return _row(a)

    def reset_password(self, username: str, password: str) -> AccountRow:
        require(self.ctx, "accounts")
        _check_password(password)
        with self.ctx.write() as s:
            a = self._load(s, username)
            a.password_hash = _hasher.hash(password)
            s.flush()
            return _row(a)

    def change_own_password(self, old: str, new: str) -> None:
        user = self.ctx.user
        if user is None:
            raise LoginError("Chưa đăng nhập.")
        self.verify(user.username, old)
        _check_password(new)
        with self.ctx.db.session() as s, s.begin():  # one's own password: no role needed
            self._load(s, user.username).password_hash = _hasher.hash(new)

    def disable(self, username: str) -> AccountRow:
        require(self.ctx, "accounts")
        with self.ctx.write() as s:
            a = self._load(s, username)
            self._keep_a_chair(s, a)
            if a.disabled_at is None:
                a.disabled_at = utcnow()
            s.flush()
            row = _row(a)
        self.ctx.accounts_known = None
        return row

    def enable(self, username: str) -> AccountRow:
        require(self.ctx, "accounts")
        with self.ctx.write() as s:
            a = self._load(s, username)
            a.disabled_at = None
            s.flush()
            row = _row(a)
        self.ctx.accounts_known = None
        return row

    # ---- signing in ------------------------------------------------------------------
    def verify(self, username: str, password: str) -> CurrentUser:
        """The user, if the password is right and the account in use; else LoginError."""
        wrong = LoginError("Sai tên đăng nhập hoặc mật khẩu.")
        with self.ctx.read() as s:
            a = s.scalar(select(UserAccount).where(func.lower(UserAccount.username) == (username or "").strip().lower()))
            if a is None:
                _hasher.hash("x")  # the same time whether the name exists or not
                raise wrong
            try:
                _hasher.verify(a.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                raise wrong from None
            if a.disabled_at is not None:
                raise LoginError(f"Tài khoản “{a.username}” đã bị khóa: hãy hỏi Chủ tịch công đoàn.")
            return CurrentUser(a.username, a.full_name, a.role)

    def login(self, username: str, password: str) -> CurrentUser:
        """Check the password and make this user the one the services and the audit log see."""
        user = self.verify(username, password)
        with self.ctx.db.session() as s, s.begin():
            a = self._load(s, user.username)
            a.last_login_at = utcnow()
            set_current_user(s.connection(), user.username)
        self.ctx.user = user
        return user

    # ---- settings --------------------------------------------------------------------
    def idle_minutes(self) -> int:
        with self.ctx.read() as s:
            value = get_setting(s, IDLE_KEY)
        try:
            return max(0, int(value)) if value is not None else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: int) -> None:
        require(self.ctx, "accounts")
        if minutes < 0 or minutes > 24 * 60:
            raise ValidationError({"idle_minutes": "từ 0 (không khóa) đến 1440 phút."})
        with self.ctx.write() as s:
            set_setting(s, IDLE_KEY, str(minutes))


__all__ = ["DEFAULT_IDLE_MINUTES", "AccountRow", "AccountService", "LoginError", "PermissionDeniedError"]
