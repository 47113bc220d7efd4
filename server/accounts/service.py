"""Managing the accounts of a sub-tree: create, reset a password, disable and enable, change
one's own password; the pages of accounts and of the audit log. Every action is checked
against the actor's role and sub-tree, and audited in its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from server.accounts import audit
from server.accounts.models import AdminAudit
from server.accounts.rules import MANAGER, ROLES, check_password, check_role, check_username, username_key
from server.base import utcnow
from server.errors import Conflict, Forbidden
from server.units.models import AdminAccount, AdminSession, Unit
from server.units.service import hash_password, in_subtree, password_matches, unit_by_code, unit_in_scope

READ_ONLY = ("Tài khoản của anh/chị chỉ được xem, không được thay đổi gì (cấp mã, thu hồi máy, thêm đơn vị, quản lý "
             "tài khoản). Hãy nhờ người quản trị của đơn vị làm việc này.")
NOT_YOURS = "Tài khoản này không có hoặc không thuộc phạm vi quản lý của anh/chị."
PAGE_SIZE = 50


def may_manage(admin: AdminAccount) -> bool:
    return admin.role == MANAGER


def require_manager(admin: AdminAccount) -> None:
    if not may_manage(admin):
        raise Forbidden("read_only", READ_ONLY)


def create_account(s: Session, unit_code: str, username: str, password: str, role: str = MANAGER, *,
                   again: str | None = None, actor: AdminAccount | None = None, home: Unit | None = None,
                   address: str | None = None) -> AdminAccount:
    """An account for a unit; from the web an actor's (a manager's) sub-tree only, from the
    command line (actor None) any unit."""
    if actor is not None:
        require_manager(actor)
    username = check_username(username)
    role = check_role(role)
    if home is not None:
        unit = unit_in_scope(s, home, unit_code or "")
    else:
        unit = unit_by_code(s, unit_code)
    check_password(password, again)
    taken = Conflict("admin_exists", f"Đã có tài khoản {username!r} (tên đăng nhập không phân biệt chữ hoa, chữ "
                                     "thường); hãy chọn tên khác.")
    if s.scalar(select(AdminAccount.id).where(AdminAccount.username_key == username_key(username))) is not None:
        raise taken
    account = AdminAccount(unit_id=unit.id, username=username, username_key=username_key(username),
                           password_hash=hash_password(password), role=role,
                           created_by=actor.id if actor is not None else None, disabled=False,
                           password_changed_at=utcnow())
    try:
        with s.begin_nested():  # the same name taken at the same moment by someone else
            s.add(account)
            s.flush()
    except IntegrityError:
        raise taken from None
    audit.record(s, "account_create", f"Tạo tài khoản {username} ({ROLES[role].lower()}) cho {unit.name} "
                 f"({unit.code}).", actor=actor, address=address, unit_id=unit.id, account_id=account.id)
    return account


def account_in_scope(s: Session, home: Unit, account_id: str | int, *, lock: bool = False) -> tuple[AdminAccount, Unit]:
    """An account of the sub-tree by its id as posted; one elsewhere and one that does not
    exist get the same answer."""
    try:
        number = int(str(account_id).strip()) if len(str(account_id)) <= 12 else 0
    except ValueError:
        number = 0
    account = s.get(AdminAccount, number, with_for_update=lock) if 0 < number < 2 ** 31 else None
    unit = s.get(Unit, account.unit_id) if account is not None else None
    if account is None or unit is None or not in_subtree(home, unit):
        raise Forbidden("not_your_account", NOT_YOURS)
    return account, unit


def _end_sessions(s: Session, account: AdminAccount, keep_token_hash: str | None = None) -> None:
    query = delete(AdminSession).where(AdminSession.admin_id == account.id)
    if keep_token_hash is not None:
        query = query.where(AdminSession.token_hash != keep_token_hash)
    s.execute(query)


def reset_password(s: Session, actor: AdminAccount, home: Unit, account_id: str | int, password: str, again: str,
                   address: str | None = None) -> AdminAccount:
    """A new password set by a manager; the account's open sessions end."""
    require_manager(actor)
    account, unit = account_in_scope(s, home, account_id, lock=True)
    if account.id == actor.id:
        raise Conflict("own_account", "Mật khẩu của chính mình thì đổi ở trang “Đổi mật khẩu” (cần mật khẩu hiện tại).")
    check_password(password, again, "Mật khẩu mới")
    account.password_hash = hash_password(password)
    account.password_changed_at = utcnow()
    _end_sessions(s, account)
    audit.record(s, "password_reset", f"Đặt lại mật khẩu của {account.username}; các phiên đăng nhập của tài khoản "
                 "đã kết thúc.", actor=actor, address=address, unit_id=unit.id, account_id=account.id)
    return account


def change_own_password(s: Session, actor: AdminAccount, current: str, password: str, again: str,
                        keep_token_hash: str | None, address: str | None = None) -> None:
    """Any account, viewers too: the current password first; the other sessions end."""
    if not password_matches(actor.password_hash, (current or "")[:1000]):
        raise Conflict("wrong_password", "Mật khẩu hiện tại không đúng.")
    check_password(password, again, "Mật khẩu mới")
    if password == current:
        raise Conflict("same_password", "Mật khẩu mới phải khác mật khẩu hiện tại.")
    actor.password_hash = hash_password(password)
    actor.password_changed_at = utcnow()
    _end_sessions(s, actor, keep_token_hash)
    audit.record(s, "password_change", "Tự đổi mật khẩu; các phiên đăng nhập khác của tài khoản đã kết thúc.",
                 actor=actor, address=address, unit_id=actor.unit_id, account_id=actor.id)


def set_disabled(s: Session, actor: AdminAccount, home: Unit, account_id: str | int, disabled: bool,
                 address: str | None = None) -> AdminAccount:
    """Stops an account (its sessions end) or lets it in again. Never one's own account,
    never the last working manager of a root unit: the hierarchy would have no one left to
    manage it but the command line."""
    require_manager(actor)
    account, unit = account_in_scope(s, home, account_id, lock=True)
    if account.id == actor.id:
        raise Conflict("own_account", "Không thể tự ngừng tài khoản của chính mình.")
    if disabled and account.role == MANAGER and unit.parent_id is None:
        # Locked rows: two managers of the root stopping each other at once cannot both win.
        others = s.scalars(select(AdminAccount.id).where(
            AdminAccount.unit_id == unit.id, AdminAccount.role == MANAGER, AdminAccount.disabled.is_(False),
            AdminAccount.id != account.id).with_for_update()).all()
        if not others:
            raise Conflict("last_root_admin", f"{account.username} là tài khoản quản trị cuối cùng còn dùng được của "
                                              f"{unit.name}; hãy tạo tài khoản quản trị khác trước khi ngừng tài "
                                              "khoản này.")
    if account.disabled == disabled:
        return account  # posted twice (a reload): nothing to do, nothing to log
    account.disabled = disabled
    if disabled:
        _end_sessions(s, account)
    audit.record(s, "account_disable" if disabled else "account_enable",
                 f"{'Ngừng' if disabled else 'Mở lại'} tài khoản {account.username} ({unit.code}).",
                 actor=actor, address=address, unit_id=unit.id, account_id=account.id)
    return account


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    role: str
    disabled: bool
    unit_code: str
    unit_name: str
    created_at: datetime
    created_by: str | None
    password_changed_at: datetime


def accounts_of(s: Session, home: Unit, page: int = 1, size: int = PAGE_SIZE) -> tuple[list[AccountRow], int]:
    """The accounts of the sub-tree, by unit (the sub-tree's order) then name; one page."""
    creator = aliased(AdminAccount)
    in_tree = Unit.path.startswith(home.path)
    total = s.scalar(select(func.count()).select_from(AdminAccount).join(Unit, Unit.id == AdminAccount.unit_id)
                     .where(in_tree)) or 0
    query = (select(AdminAccount, Unit.code, Unit.name, creator.username)
             .join(Unit, Unit.id == AdminAccount.unit_id).outerjoin(creator, creator.id == AdminAccount.created_by)
             .where(in_tree).order_by(Unit.path, AdminAccount.username_key)
             .offset((page - 1) * size).limit(size))
    rows = [AccountRow(a.id, a.username, a.role, a.disabled, code, name, a.created_at, by, a.password_changed_at)
            for a, code, name, by in s.execute(query)]
    return rows, total


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    address: str | None
    action: str
    unit_code: str | None
    detail: str


def audit_of(s: Session, home: Unit, page: int = 1, size: int = PAGE_SIZE) -> tuple[list[AuditRow], int]:
    """What was done on the sub-tree, newest first; one page. The rows about no unit (a
    failed login under an unknown name) belong to the root units."""
    where = Unit.path.startswith(home.path)
    if home.parent_id is None:
        where = or_(where, AdminAudit.unit_id.is_(None))
    base = select(AdminAudit, Unit.code).outerjoin(Unit, Unit.id == AdminAudit.unit_id).where(where)
    total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = [AuditRow(a.at, a.actor_name, a.address, a.action, code, a.detail)
            for a, code in s.execute(base.order_by(AdminAudit.id.desc()).offset((page - 1) * size).limit(size))]
    return rows, total


def units_to_choose(s: Session, home: Unit, limit: int = 300) -> list[Unit]:
    """The first units of the sub-tree (its own first), offered when creating an account;
    any other unit of the sub-tree is typed by its code."""
    return list(s.scalars(select(Unit).where(Unit.path.startswith(home.path))
                          .order_by(func.length(Unit.path), Unit.path).limit(limit)))

