"""/admin/accounts, /admin/password and /admin/audit: the accounts of the sub-tree (create,
reset a password, stop and let in again), one's own password, and the audit log.

Forms are protected as the rest of /admin/: the session cookie is SameSite=Strict, so a
form posted from another site arrives without it and is answered with the login page."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.accounts import service as accounts
from server.accounts.audit import ACTIONS
from server.accounts.rules import PASSWORD_MAX, PASSWORD_MIN, ROLES, USERNAME_MAX
from server.deps import transaction
from server.errors import ServiceError, Unauthorized
from server.units import service as units
from server.units.models import AdminAccount, Unit
from server.web.router import COOKIE, _frame, client_address, form, login_form, page, refuse_unless_manager

router = APIRouter(prefix="/admin")

NOTICES = {
    "create": "Đã tạo tài khoản mới.",
    "reset": "Đã đặt lại mật khẩu; các phiên đăng nhập của tài khoản đó đã kết thúc.",
    "disable": "Đã ngừng tài khoản; các phiên đăng nhập của tài khoản đó đã kết thúc.",
    "enable": "Đã mở lại tài khoản.",
    "password": "Đã đổi mật khẩu của anh/chị; các phiên đăng nhập khác của tài khoản đã kết thúc.",
}
VIETNAM = timedelta(hours=7)  # the log is kept in UTC and read in Vietnam's time (no summer time)


def _when(at: datetime) -> str:
    return (at + VIETNAM).strftime("%d/%m/%Y %H:%M")


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) <= 6 and int(text) > 0 else 1


def _pager(path: str, number: int, total: int, size: int) -> str:
    pages = max(1, (total + size - 1) // size)
    if pages == 1:
        return ""
    nav = []
    if number > 1:
        nav.append(f"<a href='{path}?page={number - 1}'>‹ Trang trước</a>")
    nav.append(f"Trang {number}/{pages}")
    if number < pages:
        nav.append(f"<a href='{path}?page={number + 1}'>Trang sau ›</a>")
    return "<p class='pager'>" + " · ".join(nav) + "</p>"


def _message(error: str = "", notice: str = "") -> str:
    return ((f"<p class='err' role='alert'>{escape(error)}</p>" if error else "")
            + (f"<p class='ok' role='status'>{escape(notice)}</p>" if notice else ""))


def _screen(admin: AdminAccount, title: str, main: str, status: int = 200) -> HTMLResponse:
    response = page(f"{title} — Sổ Công đoàn", _frame(admin.username, "", main))
    response.status_code = status
    return response


def _login_again() -> HTMLResponse:
    refused = login_form()
    refused.status_code = 401
    return refused


async def _fields(request: Request) -> tuple[dict[str, str], str]:
    """The posted fields, or none and the reason they could not be read."""
    try:
        return await form(request), ""
    except ServiceError as exc:
        return {}, exc.detail


# ---- the accounts ---------------------------------------------------------------------------

@router.get("/accounts", response_class=HTMLResponse)
def accounts_page(request: Request, page: str | None = None, done: str | None = None) -> Response:
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            return _accounts(s, admin, home, _page_number(page), notice=NOTICES.get(done or "", ""))
    except Unauthorized:
        return _login_again()


def _accounts(s, admin: AdminAccount, home: Unit, number: int = 1, error: str = "", notice: str = "",
              values: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    rows, total = accounts.accounts_of(s, home, number)
    manager = accounts.may_manage(admin)
    parts = [(f"<h1>Tài khoản</h1>{_message(error, notice)}<p>Tài khoản của {escape(home.name)} và các đơn vị trực "
              f"thuộc: {total}. <b>Quản trị</b>: cấp mã đăng ký máy, thu hồi máy, thêm đơn vị, quản lý tài khoản; "
              "<b>Chỉ xem</b>: chỉ xem số liệu.</p>"),
             "<div class='scroll'><table class='accounts'><tr><th>Tên đăng nhập</th><th>Đơn vị</th><th>Vai trò</th>"
             "<th>Trạng thái</th><th>Người tạo</th><th>Đổi mật khẩu lần cuối</th>"
             + ("<th>Việc</th>" if manager else "") + "</tr>"]
    for r in rows:
        state = "<span class='err'>Đã ngừng</span>" if r.disabled else "Đang dùng"
        actions = ""
        if manager and r.id == admin.id:
            actions = "<td>(tài khoản của anh/chị)</td>"
        elif manager:
            verb, label = ("enable", "Mở lại") if r.disabled else ("disable", "Ngừng")
            actions = (f"<td><a href='/admin/accounts/reset?account={r.id}'>Đặt lại mật khẩu</a> "
                       f"<form class='inline' method='post' action='/admin/accounts/{verb}'><input type='hidden' "
                       f"name='account' value='{r.id}'><button aria-label='{label} tài khoản {escape(r.username)}'>"
                       f"{label}</button></form></td>")
        parts.append(f"<tr><td>{escape(r.username)}</td><td>{escape(r.unit_name)} ({escape(r.unit_code)})</td>"
                     f"<td>{ROLES.get(r.role, escape(r.role))}</td><td>{state}</td>"
                     f"<td>{escape(r.created_by or '(dòng lệnh)')}</td><td>{_when(r.password_changed_at)}</td>"
                     f"{actions}</tr>")
    parts.append("</table></div>" + _pager("/admin/accounts", number, total, accounts.PAGE_SIZE))
    if manager:
        parts.append(_create_form(s, home, values or {}))
    return _screen(admin, "Tài khoản", "".join(parts), status)


def _create_form(s, home: Unit, values: dict[str, str]) -> str:
    """Any unit of the sub-tree by its code; the first few offered as the code is typed."""
    choices = accounts.units_to_choose(s, home)
    options = "".join(f"<option value='{escape(u.code)}'>{escape(u.name)}</option>" for u in choices)
    role = values.get("role", "viewer")
    roles = "".join(f"<option value='{k}'{' selected' if k == role else ''}>{v}</option>" for k, v in ROLES.items())
    return ("<h2>Tạo tài khoản</h2><form class='account' method='post' action='/admin/accounts'>"
            f"<p><label>Tên đăng nhập <input name='username' maxlength='{USERNAME_MAX}' autocomplete='off' required "
            f"value='{escape(values.get('username', ''))}'></label></p>"
            f"<p><label>Đơn vị (mã) <input name='unit' maxlength='50' list='account-units' required "
            f"value='{escape(values.get('unit', home.code))}'></label><datalist id='account-units'>{options}"
            "</datalist></p>"
            f"<p><label>Vai trò <select name='role'>{roles}</select></label></p>"
            + _password_pair("Mật khẩu ban đầu") +
            "<p class='note'>Báo mật khẩu cho người dùng trực tiếp; họ nên tự đổi mật khẩu sau lần đăng nhập đầu.</p>"
            "<p><button>Tạo tài khoản</button></p></form>")


def _password_pair(label: str) -> str:
    return (f"<p><label>{label} (ít nhất {PASSWORD_MIN} ký tự) <input name='password' type='password' "
            f"minlength='{PASSWORD_MIN}' maxlength='{PASSWORD_MAX}' autocomplete='new-password' required></label></p>"
            f"<p><label>Nhập lại {label[0].lower() + label[1:]} <input name='password2' type='password' "
            f"maxlength='{PASSWORD_MAX}' autocomplete='new-password' required></label></p>")


@router.post("/accounts")
async def create_account(request: Request) -> Response:
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    data, unreadable = await _fields(request)
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            if unreadable:
                raise ServiceError("bad_form", unreadable)
            accounts.create_account(s, data.get("unit", ""), data.get("username", ""), data.get("password", ""),
                                    data.get("role", ""), again=data.get("password2", ""), actor=admin, home=home,
                                    address=client_address(request))
    except Unauthorized:
        return _login_again()
    except ServiceError as exc:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            kept: dict[str, str] = {k: data[k] for k in ("username", "unit", "role") if k in data}
            return _accounts(s, admin, home, error=exc.detail, values=kept, status=exc.status)
    return RedirectResponse("/admin/accounts?done=create", status_code=303)


@router.get("/accounts/reset", response_class=HTMLResponse)
def reset_page(request: Request, account: str = "") -> Response:
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            return _reset_form(s, admin, home, account)
    except Unauthorized:
        return _login_again()


def _reset_form(s, admin: AdminAccount, home: Unit, account_id: str, error: str = "", status: int = 200) -> Response:
    try:
        accounts.require_manager(admin)
        target, unit = accounts.account_in_scope(s, home, account_id)
    except ServiceError as exc:
        return _screen(admin, "Không được phép", f"<h1>Không được phép</h1>{_message(exc.detail)}"
                       "<p><a href='/admin/accounts'>Về trang tài khoản</a></p>", exc.status)
    return _screen(admin, "Đặt lại mật khẩu", (
        f"<h1>Đặt lại mật khẩu của {escape(target.username)}</h1>{_message(error)}"
        f"<p>{escape(unit.name)} ({escape(unit.code)}), vai trò {ROLES.get(target.role, '')}. Các phiên đăng nhập "
        "đang mở của tài khoản này sẽ kết thúc.</p><form class='account' method='post' action='/admin/accounts/reset'>"
        f"<input type='hidden' name='account' value='{target.id}'>{_password_pair('Mật khẩu mới')}"
        "<p><button>Đặt lại mật khẩu</button> <a href='/admin/accounts'>Thôi</a></p></form>"), status)


@router.post("/accounts/reset")
async def reset_password(request: Request) -> Response:
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    data, unreadable = await _fields(request)
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            if unreadable:
                raise ServiceError("bad_form", unreadable)
            accounts.reset_password(s, admin, home, data.get("account", ""), data.get("password", ""),
                                    data.get("password2", ""), client_address(request))
    except Unauthorized:
        return _login_again()
    except ServiceError as exc:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            return _reset_form(s, admin, home, data.get("account", ""), exc.detail, exc.status)
    return RedirectResponse("/admin/accounts?done=reset", status_code=303)


async def _set_disabled(request: Request, disabled: bool) -> Response:
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    data, unreadable = await _fields(request)
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            if unreadable:
                raise ServiceError("bad_form", unreadable)
            accounts.set_disabled(s, admin, home, data.get("account", ""), disabled, client_address(request))
    except Unauthorized:
        return _login_again()
    except ServiceError as exc:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            return _accounts(s, admin, home, error=exc.detail, status=exc.status)
    return RedirectResponse(f"/admin/accounts?done={'disable' if disabled else 'enable'}", status_code=303)


@router.post("/accounts/disable")
async def disable_account(request: Request) -> Response:
    return await _set_disabled(request, True)


@router.post("/accounts/enable")
async def enable_account(request: Request) -> Response:
    return await _set_disabled(request, False)


# ---- one's own password ---------------------------------------------------------------------

@router.get("/password", response_class=HTMLResponse)
def password_page(request: Request, done: str | None = None) -> Response:
    try:
        with transaction(request) as s:
            admin, _home = units.admin_for_token(s, request.cookies.get(COOKIE))
            return _password_form(admin, notice=NOTICES["password"] if done == "1" else "")
    except Unauthorized:
        return _login_again()


def _password_form(admin: AdminAccount, error: str = "", notice: str = "", status: int = 200) -> HTMLResponse:
    return _screen(admin, "Đổi mật khẩu", (
        f"<h1>Đổi mật khẩu của {escape(admin.username)}</h1>{_message(error, notice)}"
        "<form class='account' method='post' action='/admin/password'>"
        f"<p><label>Mật khẩu hiện tại <input name='current' type='password' maxlength='{PASSWORD_MAX}' "
        "autocomplete='current-password' required></label></p>" + _password_pair("Mật khẩu mới")
        + "<p><button>Đổi mật khẩu</button></p></form>"), status)


@router.post("/password")
async def change_password(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    try:
        with transaction(request) as s:  # signed in, before the body is read
            units.admin_for_token(s, token)
    except Unauthorized:
        return _login_again()
    data, unreadable = await _fields(request)
    try:
        with transaction(request) as s:
            admin, _home = units.admin_for_token(s, token)
            if unreadable:
                raise ServiceError("bad_form", unreadable)
            accounts.change_own_password(s, admin, data.get("current", ""), data.get("password", ""),
                                         data.get("password2", ""), units.token_hash(token or ""),
                                         client_address(request))
    except Unauthorized:
        return _login_again()
    except ServiceError as exc:
        with transaction(request) as s:
            admin, _home = units.admin_for_token(s, token)
            return _password_form(admin, exc.detail, status=exc.status)
    return RedirectResponse("/admin/password?done=1", status_code=303)


# ---- the audit log --------------------------------------------------------------------------

@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, page: str | None = None) -> Response:
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            number = _page_number(page)
            rows, total = accounts.audit_of(s, home, number)
    except Unauthorized:
        return _login_again()
    parts = [(f"<h1>Nhật ký</h1><p>Việc đã làm trên {escape(home.name)} và các đơn vị trực thuộc, mới nhất trước "
              f"({total} dòng; giờ Việt Nam).</p><div class='scroll'><table class='audit'><tr><th>Thời gian</th>"
              "<th>Người làm</th><th>Máy (địa chỉ)</th><th>Việc</th><th>Đơn vị</th><th>Chi tiết</th></tr>")]
    for r in rows:
        parts.append(f"<tr><td>{_when(r.at)}</td><td>{escape(r.actor)}</td><td>{escape(r.address or '')}</td>"
                     f"<td>{escape(ACTIONS.get(r.action, r.action))}</td><td>{escape(r.unit_code or '')}</td>"
                     f"<td>{escape(r.detail)}</td></tr>")
    parts.append("</table></div>" + _pager("/admin/audit", number, total, accounts.PAGE_SIZE))
    return _screen(admin, "Nhật ký", "".join(parts))
