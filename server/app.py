"""The FastAPI application: routers, gzip, error answers. No state in memory: every
worker process reads everything it needs from the database."""

from __future__ import annotations

import gc

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response

from server.body import BodyLimit, BodyTooLarge, too_large_body
from server.config import database_url, read_database_url
from server.db import make_engine, make_replica_engine, make_sessions
from server.devices.router import router as devices_router
from server.errors import ServiceError
from server.reports.router import router as reports_router
from server.sync.router import router as sync_router
from server.sync.snapshot_router import router as snapshot_router
from server.web.accounts import router as accounts_router
from server.web.moves import router as moves_router
from server.web.report_page import router as report_page_router
from server.web.router import router as web_router

VERSION = "0.1.0"


# A first upload's push makes hundreds of thousands of short-lived objects (a dict or two
# per row): with the default threshold (700) the collector ran ~900 times in the pushes of
# 68,000 rows, about 15% of their time. What the server makes rarely forms cycles, and
# those are still collected, only less often.
GC_THRESHOLD = (100_000, 10, 10)


def create_app(url: str | None = None) -> FastAPI:
    gc.set_threshold(*GC_THRESHOLD)
    app = FastAPI(title="Sổ Công đoàn — máy chủ đồng bộ", version=VERSION)
    engine = make_engine(url or database_url())
    app.state.engine = engine
    app.state.sessions = make_sessions(engine)
    # The upper levels' reads go to a replica when one is set (server/reading.py).
    replica_url = read_database_url()
    app.state.read_sessions = make_sessions(make_replica_engine(replica_url)) if replica_url else None
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(BodyLimit)  # outermost: a body over its cap is refused before anything reads it

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(_request: Request, exc: BodyTooLarge) -> Response:
        return Response(too_large_body(exc), status_code=413, media_type="application/json",
                        headers={"Connection": "close"})

    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "detail": exc.detail}, status_code=exc.status)

    @app.get("/health")
    def health() -> dict:
        return {"ok": True, "version": VERSION}

    for router in (devices_router, sync_router, snapshot_router, reports_router, web_router, accounts_router,
                   moves_router, report_page_router):
        app.include_router(router)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory server.app:app_from_env` (several workers)."""
    return create_app()
