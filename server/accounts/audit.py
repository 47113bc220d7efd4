"""Writing the audit log: one row per action, in the action's own transaction (an action
that is rolled back leaves no row, one that is committed always has its row)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from protocol.limits import strip_control
from server.accounts.models import AdminAudit
from server.units.models import AdminAccount

CLI = "(dòng lệnh)"

# The action codes and how the log names them.
ACTIONS = {
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập không thành công",
    "logout": "Đăng xuất",
    "enroll_code": "Cấp mã đăng ký máy",
    "revoke_device": "Thu hồi máy",
    "add_unit": "Thêm đơn vị",
    "account_create": "Tạo tài khoản",
    "password_reset": "Đặt lại mật khẩu",
    "password_change": "Đổi mật khẩu của mình",
    "account_disable": "Ngừng tài khoản",
    "account_enable": "Mở lại tài khoản",
    "units_moved": "Chuyển đơn vị theo quyết định",
    "level_set": "Ghi cấp của đơn vị",
}


def record(s: Session, action: str, detail: str, *, actor: AdminAccount | None = None, actor_name: str | None = None,
           address: str | None = None, unit_id: int | None = None, account_id: int | None = None) -> None:
    assert action in ACTIONS, action
    name = actor.username if actor is not None else (actor_name or CLI)
    s.add(AdminAudit(actor_id=actor.id if actor is not None else None,
                     actor_name=strip_control(name)[:100], address=(address or None) and address[:64], action=action,
                     unit_id=unit_id, account_id=account_id, detail=strip_control(detail)[:500]))
