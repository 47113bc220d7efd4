"""Request bodies read within bounds: every endpoint's body capped on the wire, a
gzipped push decompressed as a stream and stopped at its own cap (413), never all at once.

A gzip body of 1 MB may expand to 1 GB: before these bounds, one such request without a
credential took a server from 187 MB to 2.2 GB. The caps sit far above what a PC sends:
a push is at most 5,000 mutations or 200,000 new rows (a batch of a first upload of
100,000 members is a few MB gzipped, ~20 MB of JSON)."""

from __future__ import annotations

import json
import zlib

from fastapi import HTTPException, Request

# On the wire (gzipped or not): a push, and every other body (forms, enrolment, books).
MAX_PUSH_WIRE = 32 * 1024 * 1024
MAX_SMALL_BODY = 64 * 1024
# A push's JSON once decompressed.
MAX_PUSH_JSON = 64 * 1024 * 1024
LARGE_BODIES = {"/api/v1/sync/push": MAX_PUSH_WIRE}

TOO_LARGE = ("Dữ liệu gửi lên quá lớn (tối đa {mb} MB một lần). Phần mềm trên máy tự chia nhỏ khi gửi; nếu vẫn gặp "
             "lỗi này, hãy cập nhật phần mềm.")


class BodyTooLarge(HTTPException):
    """413; an HTTPException so that FastAPI's own body parsing lets it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, TOO_LARGE.format(mb=max(1, limit // (1024 * 1024))))


def too_large_body(exc: BodyTooLarge) -> bytes:
    return json.dumps({"code": "too_large", "detail": exc.detail}, ensure_ascii=False).encode()


class BodyLimit:
    """ASGI middleware: a body longer than its path's cap is refused with 413, by its
    declared length before anything is read, or as soon as the bytes read pass the cap."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = LARGE_BODIES.get(scope["path"], MAX_SMALL_BODY)
        for name, value in scope.get("headers") or ():
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    return await _refuse(send, BodyTooLarge(limit))
        received = 0

        async def bounded():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, bounded, send)


async def _refuse(send, exc: BodyTooLarge) -> None:
    body = too_large_body(exc)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def read_json_body(request: Request, limit: int = MAX_PUSH_JSON) -> bytes:
    """The request's body, gunzipped as it arrives when it says so, at most `limit` bytes."""
    gzipped = request.headers.get("content-encoding", "").lower() == "gzip"
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    out = bytearray()
    async for chunk in request.stream():
        if inflate is None:
            out += chunk
        else:
            try:
                # Never more than what is still allowed plus one byte (to know it went over):
                # output left behind (unconsumed_tail) means the cap was reached.
                out += inflate.decompress(chunk, limit - len(out) + 1)
            except zlib.error as exc:
                raise _broken() from exc
        if len(out) > limit:
            raise BodyTooLarge(limit)
    if inflate is not None:
        try:
            out += inflate.flush()
        except zlib.error as exc:
            raise _broken() from exc
        if len(out) > limit:
            raise BodyTooLarge(limit)
        if not inflate.eof:
            raise _broken()
    return bytes(out)


def _broken():
    from server.errors import ServiceError

    return ServiceError("bad_body", "Dữ liệu gửi lên bị hỏng trên đường truyền; hãy đồng bộ lại.")
