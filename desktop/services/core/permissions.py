"""Roles and what each may do (issue 7). Enforced here, in the services, for every write
made through a Context, whatever the front end; the views only hide what a role cannot use.

When no account exists on the PC the app is single-user and everything is allowed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import event, text
from sqlalchemy.orm import Session, UOWTransaction

from desktop.models.db import Database
from desktop.services.core.errors import DomainError

ROLES: dict[str, str] = {
    "chair": "Chủ tịch",
    "accountant": "Kế toán",
    "treasurer": "Thủ quỹ",
    "staff": "Cán bộ công đoàn",
    "viewer": "Chỉ xem",
}
# What an area covers, as said to a person who may not use it.
AREAS: dict[str, str] = {
    "members": "thêm hay sửa hồ sơ đoàn viên",
    "activities": "ghi hoạt động, danh sách tham dự và biên bản",
    "money": "ghi đoàn phí, phiếu thu, phiếu chi và sổ quỹ",
    "settings": "sửa cài đặt đơn vị, tổ công đoàn và quy định đoàn phí",
    "accounts": "quản lý tài khoản người dùng",
    "audit": "xem nhật ký thay đổi",
    "personal": "xem số CCCD và tiền lương, xuất dữ liệu cá nhân của đoàn viên",
    "erase": "xóa dữ liệu cá nhân của người đã rời công đoàn",
    "restore": "khôi phục dữ liệu từ bản sao lưu (thay toàn bộ dữ liệu hiện tại)",
    "backup_settings": "đổi thư mục sao lưu và số bản sao lưu giữ lại",
    "sync_enroll": "đăng ký máy này đồng bộ với máy chủ của cấp trên",
    "year_close": "khoá sổ hay mở lại sổ của một năm tài chính",
}
GRANTS: dict[str, frozenset[str]] = {
    "chair": frozenset(AREAS),
    "accountant": frozenset({"money", "personal"}),
    "treasurer": frozenset({"money", "personal"}),
    "staff": frozenset({"members", "activities"}),
    "viewer": frozenset(),
}
# Which area a write to a table belongs to. Tables not named here (local settings, the
# sync's own tables, conflict reviews) are open to every signed-in user.
TABLE_AREAS: dict[str, str] = {
    "member": "members", "member_event": "members", "member_transfer": "members",
    "activity": "activities", "activity_member": "activities", "activity_doc": "activities",
    "activity_payment": "activities",
    "dues_payment": "money", "dues_basis": "money", "dues_exemption": "money", "cash_doc": "money",
    "cash_doc_void": "money", "receipt_book": "money", "remittance": "money",
    "bank_account": "money", "bank_entry": "money", "bank_entry_void": "money",
    "account_pair": "money",  # the accounts the documents print: the accountant's
    "budget_line": "money",  # the budget estimate: the accountant's
    "settlement_figure": "money",  # the settlement's figures: the accountant's
    "year_close": "year_close",  # the chair's alone (issue 14, item 11)
    "unit": "settings", "unit_group": "settings", "dues_rule": "settings", "base_salary": "settings",
    "remit_rule": "settings",
    "user_account": "accounts",
}


class PermissionDeniedError(DomainError):
    code = "permission"


@dataclass(frozen=True)
class CurrentUser:
    username: str
    full_name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


class Signed(Protocol):
    """What the checks read of a Context: its database, who signed in, whether the file
    has accounts. (A protocol, not the Context itself: context.py imports this module.)"""

    db: Database
    user: CurrentUser | None
    accounts_known: bool | None


def accounts_exist(ctx: Signed) -> bool:
    known = ctx.accounts_known
    if known is None:
        with ctx.db.session() as s:
            known = s.execute(text("SELECT 1 FROM user_account WHERE disabled_at IS NULL LIMIT 1")).first() is not None
        ctx.accounts_known = known
    return known


def can(ctx: Signed, area: str) -> bool:
    return may(ctx.user, ctx.user is None and accounts_exist(ctx), area)


def may(user: CurrentUser | None, has_accounts: bool, area: str) -> bool:
    """can() for work on a database file that has no Context open (a restore puts a copy in
    place of the closed file): the signed-in user, and whether that file has accounts."""
    if user is None:
        return not has_accounts
    return area in GRANTS.get(user.role, frozenset())


def may_see_personal(ctx: Signed) -> bool:
    """Whether the ID number (CCCD) and the salary are shown as they are (chair,
    accountant, treasurer: dues are computed from the salary) or masked (staff, viewer)."""
    return can(ctx, "personal")


# ---- personal data (DOMAIN.md, "Personal data — law") ------------------------------------
# The fields only the roles with "personal" see. The services mask them in everything
# they hand out to the others (lists, search, the editor, exports, printed papers) and
# refuse to let them overwrite a value they cannot see.
PERSONAL_FIELDS = ("id_number", "salary")
PERSONAL_NAMES = {"id_number": "số CCCD", "salary": "tiền lương"}
MASK = "*"


def mask_id(value: str | None) -> str | None:
    """"001090012345" → "0010******45": enough to tell two people apart on a list, not
    enough to use the number. Short numbers keep only their last two characters."""
    if not value:
        return value
    if len(value) >= 8:
        return value[:4] + MASK * (len(value) - 6) + value[-2:]
    return MASK * max(0, len(value) - 2) + value[-2:]


def is_masked(value: object) -> bool:
    return isinstance(value, str) and MASK in value


def refuse_personal(ctx: Signed, field: str) -> PermissionDeniedError:
    """The error for a write to a personal field the user cannot see."""
    user = ctx.user
    who = f"Vai trò “{user.role_label}”" if user else "Người dùng này"
    what = PERSONAL_NAMES.get(field, field)
    return PermissionDeniedError(
        f"{who} không xem được {what} nên không được sửa {what} đã ghi. "
        "Hãy nhờ Chủ tịch, Kế toán hoặc Thủ quỹ sửa.")


def require(ctx: Signed, area: str) -> None:
    """PermissionDeniedError, naming what the role may not do, unless the user may."""
    if not can(ctx, area):
        raise refusal(ctx.user, area)


def refusal(user: CurrentUser | None, area: str) -> PermissionDeniedError:
    """The error saying what the user (None: nobody signed in on a PC with accounts) may not do."""
    if user is None:
        return PermissionDeniedError("Máy này có tài khoản người dùng: hãy đăng nhập trước khi "
                                     f"{AREAS[area]}.")
    return PermissionDeniedError(f"Vai trò “{user.role_label}” không được {AREAS[area]}. "
                                 "Hãy nhờ Chủ tịch công đoàn làm việc này hoặc cấp quyền cho bạn.")


@event.listens_for(Session, "before_flush")
def _check_writes(session: Session, _flush_context: UOWTransaction, _instances: object) -> None:
    ctx: Signed | None = session.info.get("ctx")
    if ctx is None:
        return
    areas = {area for obj in (*session.new, *session.dirty, *session.deleted)
             if (area := TABLE_AREAS.get(getattr(obj, "__tablename__", ""))) is not None}
    for area in sorted(areas):
        require(ctx, area)
