"""The sync endpoints: push, pull, receipt books, status. Every one is scoped to the
unit of the device whose credential came with the request."""

from __future__ import annotations

import gzip
import json

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from protocol import MAX_PULL, BookRequest, BookResponse, PushRequest, StatusResponse
from server.base import now_ms
from server.body import read_json_body
from server.deps import device_for, transaction, versions
from server.devices.service import authenticate, devices_of
from server.errors import ServiceError
from server.sync.models import UnitSync
from server.sync.pull import pull as pull_page
from server.sync.push import push as apply_push
from server.sync.receipt_books import reserve_book
from server.transfers.delivery import deliver
from server.units.models import Unit

router = APIRouter(prefix="/api/v1")


# Cursors are seqs (BIGINT on the server, INTEGER on the PCs); `me` is a PC's own device id.
Cursor = Query(0, ge=0, le=2 ** 63 - 1)
Limit = Query(MAX_PULL, ge=1, le=2 ** 31 - 1)
Me = Query(None, min_length=1, max_length=36, pattern=r"^[0-9A-Za-z._-]+$")


def _check_credential(request: Request, authorization: str | None) -> None:
    with request.app.state.sessions() as s:
        authenticate(s, authorization)


async def push_body(request: Request, authorization: str | None = Header(None)) -> PushRequest:
    """The push, read only once its credential is known good: an anonymous sender never
    gets its body read. Pushes are gzipped by the desktop, decompressed within bounds."""
    await run_in_threadpool(_check_credential, request, authorization)
    raw = await read_json_body(request)
    try:
        return PushRequest.model_validate_json(raw)
    except ValidationError as exc:
        raise ServiceError("bad_body", f"Dữ liệu gửi lên không đúng định dạng: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    """Where and what, never the value itself (it may be megabytes)."""
    err = exc.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(p) for p in err.get("loc", ()))[:120]
    return f"{err['msg'][:200]} ({where})" if where else err["msg"][:200]


def _inlined(schema: dict) -> dict:
    """A model's JSON schema with its definitions written in place (the body is read by
    hand, after the credential, so FastAPI does not list the model itself)."""
    defs = schema.pop("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(dict(defs[ref.removeprefix("#/$defs/")]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


PUSH_SCHEMA = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": _inlined(PushRequest.model_json_schema())}}}}


@router.post("/sync/push", openapi_extra=PUSH_SCHEMA)
def push(request: Request, schema: str | None = Depends(versions), body: PushRequest = Depends(push_body),
         authorization: str | None = Header(None), cursor: int | None = Query(None, ge=0, le=2 ** 63 - 1),
         limit: int = Limit, me: str | None = Me) -> Response:
    """With `cursor`, the answer also carries the first pull page after it ("page"): a sync
    with a few changes is one round trip. The page is read in the push's transaction,
    after its rows, under the unit's counter lock: the same as a pull right after."""
    with transaction(request) as s:
        device = device_for(s, authorization, schema)
        deliver(s, device.unit_id)  # transfers from and answers to other units, first (its counter is next)
        result = apply_push(s, device, body.mutations, body.inserts, body.ids).model_dump(mode="json")
        if cursor is not None:
            result["page"] = pull_page(s, device, cursor, limit, me,
                                       counter=(result["last_seq"], result["epoch"], result["epoch_seq"]))
    return json_response(request, result)


@router.get("/sync/pull")
def pull(request: Request, cursor: int = Cursor, limit: int = Limit, me: str | None = Me,
         schema: str | None = Depends(versions), authorization: str | None = Header(None)) -> Response:
    with transaction(request) as s:
        device = device_for(s, authorization, schema)
        deliver(s, device.unit_id)  # transfers from and answers to other units become the unit's rows
        result = pull_page(s, device, cursor, limit, me)
    return json_response(request, result)


def json_response(request: Request, result: dict) -> Response:
    """Compact JSON, gzipped here at level 6 when the client takes it: a first pull is tens of
    megabytes of JSON, and the middleware's level 9 takes several times longer for 2% less."""
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    if len(body) < 1000 or "gzip" not in request.headers.get("accept-encoding", "").lower():
        return Response(body, media_type="application/json")
    return Response(gzip.compress(body, compresslevel=6), media_type="application/json",
                    headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})


async def book_body(request: Request, authorization: str | None = Header(None)) -> BookRequest:
    await run_in_threadpool(_check_credential, request, authorization)
    try:
        return BookRequest.model_validate_json(await read_json_body(request, 4096))
    except ValidationError as exc:
        raise ServiceError("bad_body", f"Dữ liệu gửi lên không đúng định dạng: {_first_error(exc)}") from exc


@router.post("/books", response_model=BookResponse, openapi_extra={"requestBody": {"required": True, "content": {
    "application/json": {"schema": _inlined(BookRequest.model_json_schema())}}}})
def books(request: Request, schema: str | None = Depends(versions), req: BookRequest = Depends(book_body),
          authorization: str | None = Header(None)) -> BookResponse:
    with transaction(request) as s:
        return BookResponse(code=reserve_book(s, device_for(s, authorization, schema), req.kind, req.year))


@router.get("/sync/status", response_model=StatusResponse)
def status(request: Request, schema: str | None = Depends(versions),
           authorization: str | None = Header(None)) -> StatusResponse:
    with transaction(request) as s:
        d = device_for(s, authorization, schema)
        unit = s.get_one(Unit, d.unit_id)
        return StatusResponse(unit_code=unit.code, unit_name=unit.name, device_number=d.number,
                              last_seq=s.get_one(UnitSync, d.unit_id).last_seq, server_time_ms=now_ms())


@router.get("/sync/devices")
def devices(request: Request, schema: str | None = Depends(versions),
            authorization: str | None = Header(None)) -> dict:
    """The unit's PCs by the id they stamp their changes with: names for the review page."""
    with transaction(request) as s:
        d = device_for(s, authorization, schema)
        return {x.local_device_id: f"Máy {x.number} — {x.name}" for x in devices_of(s, [d.unit_id])}
