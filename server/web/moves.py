"""/admin/moves: moving units to a new parent by decision, one from its page or many from
the page of the node above them (server/web/move_forms.py draws them). Every refusal is
said on the page it came from, with what was typed kept; nothing is moved then."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.accounts import audit
from server.accounts.service import require_manager
from server.deps import transaction
from server.errors import Forbidden, ServiceError, Unauthorized
from server.units import levels
from server.units import service as units
from server.units.moves import move_units
from server.web import move_forms, tree, unit_page
from server.web.router import COOKIE, _frame, client_address, login_form, page, refuse_unless_manager

router = APIRouter(prefix="/admin")
MAX_UNITS = 2000


async def _form(request: Request) -> tuple[dict[str, str], list[str]]:
    """The posted fields (the first of each) and every unit ticked."""
    try:
        data = parse_qs((await request.body()).decode("utf-8"), max_num_fields=MAX_UNITS + 10)
    except (UnicodeDecodeError, ValueError):
        raise ServiceError("bad_form", "Dữ liệu của biểu mẫu không đọc được (không phải UTF-8, hoặc quá nhiều "
                                       "đơn vị); hãy tải lại trang rồi thử lại.") from None
    return {k: v[0] for k, v in data.items()}, data.get("units", [])


def _refused(exc: ServiceError) -> HTMLResponse:
    response = page("Không chuyển được", f"<main><h1>Không chuyển được</h1><p class='err'>{escape(exc.detail)}</p>"
                                         "<p><a href='/admin/'>Về trang quản lý</a></p></main>")
    response.status_code = exc.status
    return response


@router.get("/moves", response_class=HTMLResponse)
def bulk_page(request: Request, unit: str = "") -> Response:
    refused = refuse_unless_manager(request)  # the page is a form: a read-only account has no use for it
    if refused is not None:
        return refused
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            node = units.unit_in_scope(s, home, unit) if unit else home
            return page(f"Chuyển đơn vị — {node.name}", _frame(admin.username, tree.render(s, home, node),
                                                             move_forms.bulk(s, home, node)), tree.SCRIPT)
    except Unauthorized:
        return login_form()
    except Forbidden as exc:
        return _refused(exc)


@router.post("/moves")
async def move(request: Request) -> Response:
    refused = refuse_unless_manager(request)  # before the body is read
    if refused is not None:
        return refused
    try:
        data, codes = await _form(request)
    except ServiceError as exc:
        return _refused(exc)
    parent, number, when = data.get("parent", ""), data.get("decision", ""), data.get("date", "")
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            require_manager(admin)
            moved = move_units(s, home, [(c, parent) for c in codes[:MAX_UNITS]], number, when, admin.username)
            names = [s.get_one(units.Unit, m.unit_id).name for m in moved]
            target = units.unit_in_scope(s, home, parent)
            audit.record(s, "units_moved", f"Chuyển {len(moved)} đơn vị sang {target.name} ({target.code}) theo "
                         f"quyết định số {' '.join(number.split())} ngày {when}: " + ", ".join(names),
                         actor=admin, address=client_address(request), unit_id=target.id)
            if data.get("from") == "unit" and len(moved) == 1:
                return RedirectResponse(f"/admin/units/{quote(codes[0], safe='')}#truc-thuoc", status_code=303)
            number = " ".join(number.split())
            return page("Đã chuyển đơn vị", _frame(admin.username, tree.render(s, home, target),
                                                   move_forms.done(names, target, number)), tree.SCRIPT)
    except Unauthorized:
        return login_form()
    except ServiceError as exc:
        return _again(request, data, codes, exc)


@router.post("/levels")
async def set_level(request: Request) -> Response:
    refused = refuse_unless_manager(request)  # before the body is read
    if refused is not None:
        return refused
    try:
        data, _ = await _form(request)
    except ServiceError as exc:
        return _refused(exc)
    try:
        with transaction(request) as s:
            admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
            require_manager(admin)
            unit = levels.set_level(s, home, data.get("unit", ""), data.get("level", ""))
            audit.record(s, "level_set", f"Ghi cấp của {unit.name} ({unit.code}).", actor=admin,
                         address=client_address(request), unit_id=unit.id)
            return RedirectResponse(f"/admin/units/{quote(unit.code, safe='')}#truc-thuoc", status_code=303)
    except Unauthorized:
        return login_form()
    except ServiceError as exc:
        return _again(request, {"from": "unit"}, [data.get("unit", "")], exc)


def _again(request: Request, data: dict[str, str], codes: list[str], exc: ServiceError) -> Response:
    """The page the form came from, with the refusal and what was typed."""
    with transaction(request) as s:
        admin, home = units.admin_for_token(s, request.cookies.get(COOKIE))
        back = data.get("from", "")
        try:
            if back == "unit":
                unit = units.unit_in_scope(s, home, codes[0] if codes else "")
                main = unit_page.render(s, home, unit) + move_forms.section(s, home, unit, exc.detail, data)
            else:
                unit = units.unit_in_scope(s, home, back) if back else home
                main = move_forms.bulk(s, home, unit, exc.detail, data, set(codes))
        except Forbidden:
            return _refused(exc)
        response = page("Không chuyển được", _frame(admin.username, tree.render(s, home, unit), main), tree.SCRIPT)
        response.status_code = exc.status
        return response
