"""A small server-rendered page for administrators: their units, devices, last syncs
and the figures of their sub-tree. Plain HTML, no JavaScript; a session cookie."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from protocol.tables import CURRENT_STATUSES, STATUS_LABELS
from server.accounts import audit
from server.accounts.service import READ_ONLY, may_manage
from server.base import utcnow
from server.deps import transaction
from server.devices import service as devices
from server.errors import Conflict, Forbidden, ServiceError, Unauthorized
from server.reading import AsOf, read_transaction
from server.reports.service import UnitFigures, children, figures
from server.reports.subtree import settlements
from server.units import service as units
from server.web import cards, move_forms, tree, unit_page, units_table

router = APIRouter(prefix="/admin")
COOKIE = "congdoan_admin"

STYLE = """*{box-sizing:border-box}body{font-family:'Segoe UI',Arial,sans-serif;margin:0;color:#222;font-size:15px}
header.top{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap;padding:8px 20px;
background:#1f4e79;color:#fff}header.top a{color:#fff}.layout{display:flex;align-items:flex-start}
nav.tree{flex:0 0 280px;max-height:calc(100vh - 48px);overflow:auto;position:sticky;top:0;padding:8px 12px;
border-right:1px solid #ccd;background:#f7f9fb}nav.tree h2{margin:4px 0 8px}nav.tree ul{list-style:none;margin:0;
padding-left:0}nav.tree li{margin:2px 0;line-height:1.35;display:grid;grid-template-columns:22px 1fr}nav.tree li>ul,nav.tree li>.err{
grid-column:2}nav.tree .tog{display:inline-block;
width:22px;min-height:22px;border:0;background:none;cursor:pointer;font-size:13px;padding:0;vertical-align:top}
nav.tree a[aria-current]{font-weight:bold;background:#dbe8f5;border-radius:3px;padding:0 3px}nav.tree .more{color:#555;
font-style:italic}main{flex:1;min-width:0;padding:8px 20px 24px}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}th{background:#eef3f8}td.n,th.n{text-align:right}
.err{color:#b00020}form.inline{display:inline}h1{font-size:20px;margin:10px 0}h2{font-size:16px;margin-top:24px}
.scroll{overflow-x:auto;max-width:100%}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));
gap:10px}.card{border:1px solid #ccd;border-radius:6px;padding:8px 10px;background:#fff}.card .label{display:block;
color:#445;font-size:13px}.card .value{display:block;font-size:22px;font-weight:bold;margin:2px 0}.card .note{color:#555;
font-size:12.5px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin-top:12px}
figure.chart{margin:0;border:1px solid #ccd;border-radius:6px;padding:8px}figure.chart svg{width:100%;height:auto}
figcaption{font-weight:bold;font-size:14px}.axis{font-size:15px;fill:#333}.legend span{margin-right:12px;font-size:13px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px}p.note{font-size:13px;color:#555;margin:4px 0 0}.sr,.skip:not(:focus){position:absolute;left:-9999px}
.crumbs{margin-top:8px;font-size:14px}header.top nav a{margin-right:14px}.ok{color:#1b5e20}
form.account label{display:inline-block;min-width:min(100%,360px)}form.account input,form.account select{max-width:100%}@media (max-width:760px){.layout{display:block}nav.tree{position:static;
max-height:32vh;border-right:0;border-bottom:1px solid #ccd}main{padding:8px}td,th{padding:3px 4px}
.card .value{font-size:18px}.axis{font-size:21px}.cards{grid-template-columns:repeat(2,1fr)}}"""


def page(title: str, body: str, script: str = "") -> HTMLResponse:
    js = f"<script>{script}</script>" if script else ""
    return HTMLResponse(f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'><title>{escape(title)}</title>"
                        f"<style>{STYLE}</style></head><body>{body}{js}</body></html>")


def login_form(error: str = "") -> HTMLResponse:
    msg = f"<p class='err'>{escape(error)}</p>" if error else ""
    return page("Đăng nhập", f"<main><h1>Sổ Công đoàn — máy chủ đồng bộ</h1>{msg}"
                "<form method='post' action='/admin/login'>"
                "<p><label>Tên đăng nhập <input name='username' autocomplete='username' autofocus></label></p>"
                "<p><label>Mật khẩu <input name='password' type='password' autocomplete='current-password'></label>"
                "</p><p><button>Đăng nhập</button></p></form></main>")


async def form(request: Request) -> dict[str, str]:
    """The fields of a posted form (the body is capped by server.body.BodyLimit). Bytes that
    are not UTF-8 are refused with a message (400), never a crash."""
    try:
        data = parse_qs((await request.body()).decode("utf-8"), max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise ServiceError("bad_form", "Dữ liệu của biểu mẫu không đọc được (không phải UTF-8); hãy tải lại trang "
                                       "rồi thử lại.") from None
    return {k: v[0] for k, v in data.items()}


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def home(request: Request, unit: str | None = None) -> Response:
    try:
        with transaction(request) as s:  # the credential on the primary, the figures where reads go
            admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
            target = units.unit_in_scope(s, home_unit, unit) if unit else home_unit
        with read_transaction(request) as (r, as_of):
            return _home_page(r, admin, home_unit, target, query=dict(request.query_params), as_of=as_of)
    except Unauthorized:
        return login_form()


def as_of_line(as_of: AsOf | None) -> str:
    return f"<p class='asof note'>{escape(as_of.words())}</p>" if as_of else ""


def _home_page(s, admin, home_unit, target, error: str = "", values: dict[str, str] | None = None,
               status: int = 200, query: dict[str, str] | None = None, as_of: AsOf | None = None) -> HTMLResponse:
    rows, total = figures(s, target, syncs=True)
    settled, year = None, utcnow().year - 1
    if (query or {}).get("filter") == "no_settlement":  # read only when asked: a sub-tree's year closes
        lines = settlements(s, target, children(s, target), year)
        settled = {line.code: (line.grassroots, line.closed) for line in lines[:-1]}
    manager = may_manage(admin)  # a read-only account sees no button it may not press
    main = as_of_line(as_of) + _dashboard(target.name, rows, total, error,
                                          cards.render(total, rows[1:], utcnow())
                                          + units_table.render(target.code, rows[1:], query or {}, settled, year),
                                          manager)
    main += (f"<p><a href='/admin/report?unit={escape(quote(target.code, safe=''))}'>Báo cáo tổng hợp 6 tháng, năm "
             "(xem, tải Excel, PDF)</a></p>") + (_add_unit_form(rows, values or {}) if manager else "")
    response = page(f"{target.name} — Sổ Công đoàn", _frame(admin.username, tree.render(s, home_unit, target), main),
                    tree.SCRIPT)
    response.status_code = status
    return response


def _frame(username: str, nav: str, main: str) -> str:
    """The bar on top, the tree on the left (on top at a phone's width), the page's own part."""
    return (f"<header class='top'><span><a href='/admin/'>Sổ Công đoàn</a> — trang quản lý cấp trên</span>"
            "<nav class='top' aria-label='Trang quản lý'><a href='/admin/report'>Báo cáo</a> <a href='/admin/accounts'>Tài khoản</a> "
            "<a href='/admin/audit'>Nhật ký</a> <a href='/admin/password'>Đổi mật khẩu</a></nav>"
            f"<form class='inline' method='post' action='/admin/logout'>{escape(username)} "
            f"<button>Đăng xuất</button></form></header><a class='skip' href='#content'>Đến nội dung chính</a>"
            f"<div class='layout'>{nav}<main id='content'>{main}</main></div>")


@router.get("/tree")
def tree_children(request: Request, unit: str = Query(max_length=50)) -> Response:
    """The units directly below one of the administrator's units, for the tree (JSON)."""
    with transaction(request) as s:
        _admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
        node = units.unit_in_scope(s, home_unit, unit)
    with read_transaction(request) as (r, _as_of):
        return JSONResponse({"unit": node.code, **tree.as_json(tree.children(r, [node.id])[node.id])})


@router.get("/units/{code}", response_class=HTMLResponse)
def unit_page_view(request: Request, code: str) -> Response:
    try:
        with transaction(request) as s:
            admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
            try:
                unit = units.unit_in_scope(s, home_unit, code)
            except Forbidden as exc:
                return refusal_page(admin.username, "Không xem được đơn vị", exc)
            manager = may_manage(admin)
        with read_transaction(request) as (r, as_of):
            main = (as_of_line(as_of) + unit_page.render(r, home_unit, unit)
                    + move_forms.section(r, home_unit, unit, manager=manager))
            return page(f"{unit.name} — Sổ Công đoàn", _frame(admin.username, tree.render(r, home_unit, unit), main),
                        tree.SCRIPT)
    except Unauthorized:
        refused = login_form()
        refused.status_code = 401
        return refused


@router.post("/login")
async def login(request: Request) -> Response:
    try:
        data = await form(request)
        token = units.login(request.app.state.sessions, data.get("username", ""), data.get("password", ""),
                            client_address(request))
    except ServiceError as exc:
        refused = login_form(exc.detail)  # wrong password, or locked for a while: said on the page
        refused.status_code = exc.status
        return refused
    response = RedirectResponse("/admin/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=units.SESSION_HOURS * 3600)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    if token:
        with transaction(request) as s:
            units.logout(s, token, client_address(request))
    response = RedirectResponse("/admin/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def refusal_page(username: str, title: str, exc: ServiceError) -> HTMLResponse:
    refused = page(title, _frame(username, "", (
        f"<h1>{escape(title)}</h1><p class='err'>{escape(exc.detail)}</p>"
        "<p><a href='/admin/'>Về trang của đơn vị mình</a></p>")))
    refused.status_code = exc.status
    return refused


def refuse_unless_manager(request: Request) -> Response | None:
    """The login page without a session, a refusal (403) for a read-only account, None for
    a manager: checked before a form's body is read."""
    try:
        with transaction(request) as s:
            admin, _home = units.admin_for_token(s, request.cookies.get(COOKIE))
            if not may_manage(admin):
                return refusal_page(admin.username, "Không được phép", Forbidden("read_only", READ_ONLY))
    except Unauthorized:
        return login_form()
    return None


@router.post("/enroll-code")
async def new_code(request: Request) -> Response:
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    data = await form(request)
    with transaction(request) as s:
        admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
        if not may_manage(admin):
            raise Forbidden("read_only", READ_ONLY)
        unit = units.unit_in_scope(s, home_unit, data.get("unit", ""))
        code = devices.make_enroll_code(s, unit.code)
        audit.record(s, "enroll_code", f"Cấp mã đăng ký máy cho {unit.name} ({unit.code}).", actor=admin,
                     address=client_address(request), unit_id=unit.id)
    return page("Mã đăng ký máy", f"<h1>Mã đăng ký cho {escape(unit.name)}</h1><p style='font-size:28px'><b>{code}</b>"
                "</p><p>Dùng một lần, hết hạn sau 72 giờ. Trên máy của đơn vị: Cài đặt → Đồng bộ → nhập địa chỉ máy "
                "chủ và mã này.</p><p><a href='/admin/'>Quay lại</a></p>")


@router.post("/revoke")
async def revoke(request: Request) -> Response:
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    data = await form(request)
    with transaction(request) as s:
        admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
        if not may_manage(admin):
            raise Forbidden("read_only", READ_ONLY)
        # A device that does not exist and one of another unit get the same answer (403).
        device = devices.device_by_id(s, data.get("device", ""))
        if device is None or not units.in_subtree(home_unit, owner := s.get_one(units.Unit, device.unit_id)):
            raise Forbidden("not_your_device", "Máy này không có hoặc không thuộc phạm vi quản lý của tài khoản.")
        devices.revoke(s, device.id)
        audit.record(s, "revoke_device", f"Thu hồi quyền đồng bộ của máy số {device.number} “{device.name}” của "
                     f"{owner.name} ({owner.code}).", actor=admin, address=client_address(request), unit_id=owner.id)
    return RedirectResponse("/admin/", status_code=303)


# Unit codes go into addresses (/admin/?unit=…, /api/v1/units/{code}/figures): letters
# without diacritics, digits and - _ . only.
UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
NOT_YOURS = "Đơn vị cấp trên phải là đơn vị thuộc phạm vi quản lý của tài khoản."


@router.post("/units")
async def add_unit(request: Request) -> Response:
    """Thêm đơn vị trực thuộc: a unit under one of the administrator's own units."""
    if (refused := refuse_unless_manager(request)) is not None:
        return refused
    try:
        data = await form(request)
    except ServiceError as exc:
        return JSONResponse({"code": exc.code, "detail": exc.detail}, status_code=exc.status)
    code, name = units.clean(data.get("code", "")), units.clean(data.get("name", ""))
    try:
        with transaction(request) as s:
            admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
            if not may_manage(admin):
                raise Forbidden("read_only", READ_ONLY)
            # Looked up among the administrator's own units only: a unit elsewhere is
            # refused the same way whether or not it exists.
            try:
                parent = units.unit_in_scope(s, home_unit, data.get("parent") or home_unit.code)
            except Forbidden:
                raise Forbidden("not_your_unit", NOT_YOURS) from None
            if not code:
                raise Conflict("unit_invalid", "Hãy nhập mã đơn vị.")
            if not UNIT_CODE.fullmatch(code):
                raise Conflict("unit_invalid", "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . "
                                               "(không có dấu cách), ví dụ CD-THCS-01.")
            if not name:
                raise Conflict("unit_invalid", "Hãy nhập tên đơn vị.")
            unit = units.create_unit(s, code, name, parent.code)
            audit.record(s, "add_unit", f"Thêm đơn vị {unit.code} — {unit.name}, trực thuộc {parent.name} "
                         f"({parent.code}).", actor=admin, address=client_address(request), unit_id=unit.id)
    except Unauthorized:
        return login_form()
    except ServiceError as exc:
        with transaction(request) as s:
            admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
            try:  # the form again, on the page of the parent chosen if it is one of theirs
                target = units.unit_in_scope(s, home_unit, data.get("parent") or home_unit.code)
            except Forbidden:
                target = home_unit
            return _home_page(s, admin, home_unit, target, exc.detail, data, exc.status)
    return RedirectResponse("/admin/", status_code=303)


def _add_unit_form(rows: list[UnitFigures], values: dict[str, str]) -> str:
    """Under the node shown or one of the units directly below it (`rows`: the node first):
    a deeper parent is reached through the tree, so the list stays short at any level."""
    chosen = values.get("parent") or rows[0].code
    options = "".join(
        f"<option value='{escape(u.code)}'{' selected' if u.code == chosen else ''}>"
        f"{'— ' if i else ''}{escape(u.name)} ({escape(u.code)})</option>" for i, u in enumerate(rows))
    return ("<h2>Thêm đơn vị trực thuộc</h2><form method='post' action='/admin/units'>"
            f"<p><label>Mã đơn vị <input name='code' maxlength='50' value='{escape(values.get('code', ''))}'></label> "
            f"<label>Tên đơn vị <input name='name' maxlength='200' size='40' value='{escape(values.get('name', ''))}'>"
            f"</label></p><p><label>Trực thuộc <select name='parent'>{options}</select></label> "
            "<button>Thêm đơn vị</button></p></form>")


NO_GROUP = "(chưa xếp tổ)"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _dashboard(title: str, rows: list[UnitFigures], total: UnitFigures, error: str = "",
               below: str = "", manager: bool = True) -> str:
    """The node's summary, its cards and the table of the units below it (`below`), then
    its figures in tables."""
    current = sum(v for k, v in total.members_by_status.items() if k in CURRENT_STATUSES)
    parts = [f"<h1>{escape(title)}</h1>" + (f"<p class='err'>{escape(error)}</p>" if error else "")
             + f"<p>Đoàn viên đang sinh hoạt: <b>{_n(current)}</b> — "
             f"nam {_n(total.current_by_gender.get('Nam', 0))}, nữ {_n(total.current_by_gender.get('Nữ', 0))}</p>",
             below,
             ("<h2>Đơn vị, máy và lần đồng bộ gần nhất</h2><table><tr><th>Mã</th><th>Đơn vị</th><th>Đoàn viên</th>"
              "<th>Máy</th><th>Đồng bộ gần nhất</th><th></th></tr>")]
    for r in rows:
        members = sum(v for k, v in r.members_by_status.items() if k in CURRENT_STATUSES)
        devs = "<br>".join(
            f"{d['number']}. {escape(d['name'])}{' (đã thu hồi)' if d['revoked'] else ''}"
            + ("" if d["revoked"] or not manager else f" <form class='inline' method='post' action='/admin/revoke'>"
               f"<input type='hidden' name='device' value='{d['id']}'><button>Thu hồi</button></form>")
            for d in r.devices) or "—"
        last = max((d["last_sync_at"] for d in r.devices if d["last_sync_at"]), default=None) or "chưa"
        enroll = (f"<form class='inline' method='post' action='/admin/enroll-code'><input type='hidden' name='unit' "
                  f"value='{escape(r.code)}'><button>Cấp mã đăng ký máy</button></form>") if manager else ""
        parts.append(f"<tr><td><a href='/admin/?unit={escape(r.code)}'>{escape(r.code)}</a></td><td>{escape(r.name)}"
                     f"</td><td class='n'>{_n(members)}</td><td>{devs}</td><td>{escape(last)}</td><td>{enroll}</td></tr>")
    parts.append("</table>")
    parts += _by_status(rows, total)
    parts += _by_group(rows)
    parts.append("<h2>Đoàn phí phải thu, đã thu và đã nộp cấp trên theo tháng</h2><table><tr><th>Tháng</th>"
                 "<th>Phải thu</th><th>Đã thu</th><th>Đã nộp cấp trên</th></tr>")
    months = sorted(set(total.dues_due_by_month) | set(total.dues_collected_by_month) | set(total.remitted_by_month))
    for m in months:
        parts.append(f"<tr><td>{m[5:7]}/{m[:4]}</td><td class='n'>{_n(total.dues_due_by_month.get(m, 0))} đ</td>"
                     f"<td class='n'>{_n(total.dues_collected_by_month.get(m, 0))} đ</td>"
                     f"<td class='n'>{_n(total.remitted_by_month.get(m, 0))} đ</td></tr>")
    parts.append("</table><h2>Hoạt động theo loại</h2><table><tr><th>Loại</th><th>Số lượng</th></tr>")
    for k, v in total.activities_by_kind.items():
        parts.append(f"<tr><td>{escape(k)}</td><td class='n'>{_n(v)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _by_status(rows: list[UnitFigures], total: UnitFigures) -> list[str]:
    """A unit a line, a status a column (only those some member has), and the total."""
    if not total.members_by_status:
        return []
    keys = [k for k in STATUS_LABELS if k in total.members_by_status]
    keys += sorted(k for k in total.members_by_status if k not in STATUS_LABELS)
    parts = ["<h2>Đoàn viên theo trạng thái</h2><table><tr><th>Đơn vị</th>"
             + "".join(f"<th>{escape(STATUS_LABELS.get(k, k))}</th>" for k in keys) + "<th>Cộng</th></tr>"]
    for r in [r for r in rows if r.members_by_status] + [total]:
        cells = "".join(f"<td class='n'>{_n(r.members_by_status.get(k, 0))}</td>" for k in keys)
        name = f"<b>{escape(r.name)}</b>" if r is total else escape(r.name)
        parts.append(f"<tr><td>{name}</td>{cells}<td class='n'>{_n(sum(r.members_by_status.values()))}</td></tr>")
    parts.append("</table>")
    return parts


def _by_group(rows: list[UnitFigures]) -> list[str]:
    """Members on the books (active, suspended, honorary) by union group, unit by unit:
    groups belong to their unit, so they are not added up across units."""
    if not any(r.current_by_group for r in rows):
        return []
    parts = [("<h2>Đoàn viên theo tổ công đoàn</h2><table><tr><th>Đơn vị</th><th>Tổ công đoàn</th>"
              "<th>Đoàn viên</th></tr>")]
    for r in rows:
        groups = sorted(r.current_by_group.items(), key=lambda kv: (kv[0] == NO_GROUP, kv[0]))
        for i, (name, n) in enumerate(groups):
            unit = f"<td rowspan='{len(groups)}'>{escape(r.name)}</td>" if i == 0 else ""
            parts.append(f"<tr>{unit}<td>{escape(name)}</td><td class='n'>{_n(n)}</td></tr>")
    parts.append("</table>")
    return parts
