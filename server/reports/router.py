"""Read-only figures of a sub-tree for upper-level administrators (bearer token from
POST /api/v1/admin/login)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field

from server.deps import transaction
from server.reports.service import figures
from server.units import service as units

router = APIRouter(prefix="/api/v1")


class Login(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


@router.post("/admin/login")
def login(body: Login, request: Request) -> dict:
    """Failed tries slow down, then lock, the account and the address (429, in Vietnamese)."""
    return {"token": units.login(request.app.state.sessions, body.username, body.password, client_address(request))}


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/units/{code}/figures")
def unit_figures(code: str, request: Request, authorization: str | None = Header(None)) -> dict:
    with transaction(request) as s:
        return _figures(s, code, authorization)


def _figures(s, code: str, authorization: str | None) -> dict:
    _admin, home = units.admin_for_token(s, (authorization or "").removeprefix("Bearer ").strip())
    unit = units.unit_in_scope(s, home, code)
    rows, total = figures(s, unit)
    return {"unit": code, "total": asdict(total), "units": [asdict(r) for r in rows]}
