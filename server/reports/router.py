"""Read-only figures of a sub-tree for upper-level administrators (bearer token from
POST /api/v1/admin/login)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel, Field

from server.base import utcnow
from server.deps import transaction
from server.errors import ServiceError
from server.reading import AsOf, read_transaction
from server.reports.service import figures
from server.reports.subtree import build, parse_period
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
    with transaction(request) as s:  # the credential on the primary, the figures where reads go
        _admin, home = units.admin_for_token(s, (authorization or "").removeprefix("Bearer ").strip())
        unit = units.unit_in_scope(s, home, code)
    with read_transaction(request) as (r, as_of):
        rows, total = figures(r, unit)
        return {"unit": code, "total": asdict(total), "units": [asdict(f) for f in rows], "as_of": _as_of(as_of)}


def _as_of(as_of: AsOf) -> dict:
    return {"at": as_of.at.isoformat(timespec="seconds") + "Z", "source": as_of.source, "fallback": as_of.fallback,
            "lag_seconds": None if as_of.lag is None else round(as_of.lag.total_seconds(), 1), "text": as_of.words()}


@router.get("/units/{code}/report")
def unit_report(code: str, request: Request, period: str | None = Query(None, max_length=200),
                authorization: str | None = Header(None)) -> dict:
    """The report of the unit's sub-tree for a period ("2026" or "2026-6T"), as on /admin/report."""
    with transaction(request) as s:
        _admin, home = units.admin_for_token(s, (authorization or "").removeprefix("Bearer ").strip())
        unit = units.unit_in_scope(s, home, code)
    try:
        chosen = parse_period(period, utcnow().date())
    except ValueError as exc:
        raise ServiceError("bad_period", str(exc)) from None
    with read_transaction(request) as (r, as_of):
        report = build(r, unit, chosen, utcnow().date())
        return {"unit": code, "period": chosen.code, "label": chosen.label, "as_of": _as_of(as_of),
                "members": [asdict(m) for m in report.members],
                "dues": [{**asdict(d), "outstanding": d.outstanding, "expected": d.expected,
                          "remit_outstanding": d.remit_outstanding} for d in report.dues],
                "activities": [{"kind": k, "counts": c} for k, c in report.activities],
                "settlements": [asdict(t) for t in report.settlements]}
