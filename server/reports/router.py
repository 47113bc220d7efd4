"""Read-only figures of a sub-tree for upper-level administrators (bearer token from
POST /api/v1/admin/login)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel
from server.deps import transaction
from server.errors import Forbidden
from server.reports.service import figures, totals
from server.units import service as units

router = APIRouter(prefix="/api/v1")


class Login(BaseModel):
    username: str
    password: str


@router.post("/admin/login")
def login(body: Login, request: Request) -> dict:
    with transaction(request) as s:
        return {"token": units.login(s, body.username, body.password)}


@router.get("/units/{code}/figures")
def unit_figures(code: str, request: Request, authorization: str | None = Header(None)) -> dict:
    with transaction(request) as s:
        return _figures(s, code, authorization)


def _figures(s, code: str, authorization: str | None) -> dict:
    _admin, home = units.admin_for_token(s, (authorization or "").removeprefix("Bearer ").strip())
    unit = units.unit_by_code(s, code)
    if not units.in_subtree(home, unit):
        raise Forbidden("not_your_unit", "Đơn vị này không thuộc phạm vi quản lý của tài khoản.")
    rows = figures(s, units.subtree(s, unit))
    return {"unit": code, "total": asdict(totals(rows)), "units": [asdict(r) for r in rows]}
