"""The snapshot endpoints of a new PC's first sync (server/sync/snapshot.py)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from protocol import MAX_PULL
from protocol.messages import SnapshotManifest
from server.deps import device_for, transaction, versions
from server.sync import snapshot

router = APIRouter(prefix="/api/v1")


def _device(request: Request, authorization: str | None, schema: str | None):
    """The asking device, checked (a revoked one refused) in a transaction of its own: the
    snapshot is built and read outside it."""
    with transaction(request) as s:
        return device_for(s, authorization, schema)


@router.get("/sync/snapshot", response_model=SnapshotManifest)
def snapshot_manifest(request: Request, limit: int = Query(MAX_PULL, ge=1, le=2 ** 31 - 1),
                      forms: str = Query("", max_length=40),
                      schema: str | None = Depends(versions), authorization: str | None = Header(None)) -> JSONResponse:
    """forms: the column forms beyond protocol 2's first ones that the client reads
    (protocol.codec.COMPACT_FORMS, comma-separated); one it does not name is never sent."""
    device = _device(request, authorization, schema)
    serial = "u" in forms.split(",")
    return JSONResponse(snapshot.manifest(request.app.state.sessions, device, limit, serial))


@router.get("/sync/snapshot/{name}/{k}")
def snapshot_chunk(request: Request, name: str = Path(max_length=80), k: int = Path(ge=0, le=10 ** 6),
                   schema: str | None = Depends(versions), authorization: str | None = Header(None)) -> Response:
    device = _device(request, authorization, schema)
    data = snapshot.chunk(request.app.state.sessions, device, name, k)
    return Response(data, media_type="application/json", headers={"Content-Encoding": "gzip"})
