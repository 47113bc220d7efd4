"""What a username, a password and a role may be. Checked on every way in (web form, command
line); each refusal names the field in Vietnamese."""

from __future__ import annotations

import re
import unicodedata

from protocol.limits import has_control
from server.errors import Conflict

ROLES = {"admin": "Quản trị", "viewer": "Chỉ xem"}
MANAGER = "admin"

USERNAME_MIN, USERNAME_MAX = 3, 50
PASSWORD_MIN, PASSWORD_MAX = 10, 200
# Letters (Vietnamese ones too), digits and . _ - @, starting with a letter or a digit: a name
# that can be read aloud over the phone, with no spaces or look-alike punctuation.
_USERNAME = re.compile(r"[^\W_][\w.@-]*")


def normalize_username(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def username_key(username: str) -> str:
    """The form two names are compared in: "Quản_Trị" and "quản_trị" are one account."""
    return normalize_username(username).casefold()[:100]


def check_username(text: str) -> str:
    name = normalize_username(text)
    if not name:
        raise Conflict("username_invalid", "Hãy nhập tên đăng nhập.")
    if len(name) > USERNAME_MAX or len(name) < USERNAME_MIN:
        raise Conflict("username_invalid", f"Tên đăng nhập dài từ {USERNAME_MIN} đến {USERNAME_MAX} ký tự.")
    if has_control(name) or not _USERNAME.fullmatch(name):
        raise Conflict("username_invalid", "Tên đăng nhập chỉ gồm chữ cái, chữ số và các dấu . _ - @ (không có dấu "
                                           "cách), bắt đầu bằng chữ cái hoặc chữ số, ví dụ ldld.hanoi hoặc xa-tan-hoa.")
    return name


def check_password(password: str, again: str | None = None, field: str = "Mật khẩu") -> str:
    """At least PASSWORD_MIN characters; typed twice alike when `again` is given."""
    password = password or ""
    if len(password) < PASSWORD_MIN:
        raise Conflict("password_short", f"{field} cần ít nhất {PASSWORD_MIN} ký tự.")
    if len(password) > PASSWORD_MAX:
        raise Conflict("password_long", f"{field} dài tối đa {PASSWORD_MAX} ký tự.")
    if has_control(password):
        raise Conflict("password_invalid", f"{field} không được chứa ký tự điều khiển (ký tự ẩn).")
    if again is not None and again != password:
        raise Conflict("password_mismatch", f"{field} nhập lại không khớp; hãy nhập lại cả hai ô.")
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise Conflict("role_invalid", "Hãy chọn vai trò: Quản trị hoặc Chỉ xem.")
    return role
