"""The sync endpoints: push, pull, receipt books, status. Every one is scoped to the
unit of the device whose credential came with the request."""

from __future__ import annotations

import gzip
import json

from fastapi import APIRouter, Depends, Header, Request, Response
from pydantic import ValidationError

from protocol import MAX_PULL, BookRequest, BookResponse, PushRequest, StatusResponse
from server.base import now_ms
from server.deps import device_for, transaction, versions
from server.devices.service import devices_of
from server.errors import ServiceError
from server.sync import service
from server.sync.models import UnitSync
from server.units.models import Unit

router = APIRouter(prefix="/api/v1")


async def push_body(request: Request) -> PushRequest:
    # Pushes are gzipped by the desktop: a first upload of 100,000 members is ~40 MB raw.
    raw = await request.body()
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ServiceError("bad_body", "Dữ liệu gửi lên bị hỏng trên đường truyền; hãy đồng bộ lại.") from exc
    try:
        return PushRequest.model_validate_json(raw)
    except ValidationError as exc:
        raise ServiceError("bad_body", f"Dữ liệu gửi lên không đúng định dạng: {exc.errors()[0]['msg']}") from exc


@router.post("/sync/push")
def push(request: Request, body: PushRequest = Depends(push_body), schema: str | None = Depends(versions),
         authorization: str | None = Header(None), cursor: int | None = None, limit: int = MAX_PULL,
         me: str | None = None) -> Response:
    """With `cursor`, the answer also carries the first pull page after it ("page"): a sync
    with a few changes is one round trip. The page is read in the push's transaction,
    after its rows, under the unit's counter lock: the same as a pull right after."""
    with transaction(request) as s:
        device = device_for(s, authorization, schema)
        result = service.push(s, device, body.mutations, body.inserts, body.ids).model_dump(mode="json")
        if cursor is not None:
            result["page"] = service.pull(s, device, cursor, limit, me)
    return json_response(request, result)


@router.get("/sync/pull")
def pull(request: Request, cursor: int = 0, limit: int = MAX_PULL, me: str | None = None,
         schema: str | None = Depends(versions), authorization: str | None = Header(None)) -> Response:
    with transaction(request) as s:
        result = service.pull(s, device_for(s, authorization, schema), cursor, limit, me)
    return json_response(request, result)


def json_response(request: Request, result: dict) -> Response:
    """Compact JSON, gzipped here at level 6 when the client takes it: a first pull is tens of
    megabytes of JSON, and the middleware's level 9 takes several times longer for 2% less."""
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    if len(body) < 1000 or "gzip" not in request.headers.get("accept-encoding", "").lower():
        return Response(body, media_type="application/json")
    return Response(gzip.compress(body, compresslevel=6), media_type="application/json",
                    headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})


@router.post("/books", response_model=BookResponse)
def books(req: BookRequest, request: Request, schema: str | None = Depends(versions),
          authorization: str | None = Header(None)) -> BookResponse:
    with transaction(request) as s:
        return BookResponse(code=service.reserve_book(s, device_for(s, authorization, schema), req.kind, req.year))


@router.get("/sync/status", response_model=StatusResponse)
def status(request: Request, schema: str | None = Depends(versions),
           authorization: str | None = Header(None)) -> StatusResponse:
    with transaction(request) as s:
        d = device_for(s, authorization, schema)
        unit = s.get(Unit, d.unit_id)
        return StatusResponse(unit_code=unit.code, unit_name=unit.name, device_number=d.number,
                              last_seq=s.get(UnitSync, d.unit_id).last_seq, server_time_ms=now_ms())


@router.get("/sync/devices")
def devices(request: Request, schema: str | None = Depends(versions),
            authorization: str | None = Header(None)) -> dict:
    """The unit's PCs by the id they stamp their changes with: names for the review page."""
    with transaction(request) as s:
        d = device_for(s, authorization, schema)
        return {x.local_device_id: f"Máy {x.number} — {x.name}" for x in devices_of(s, [d.unit_id])}
