"""Request-scoped helpers shared by the routers: transactions, versions, the device.

Handlers open their transaction with ``transaction(request)`` and return only after it
has committed: an answer never reports a change the database might still lose."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Header, Request
from sqlalchemy.orm import Session

from protocol.messages import HEADER_PROTOCOL, HEADER_SCHEMA
from server.devices.models import Device
from server.devices.service import authenticate
from server.sync.versions import check_versions, record_schema


@contextmanager
def transaction(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session, session.begin():
        yield session


def versions(protocol: str | None = Header(None, alias=HEADER_PROTOCOL),
             schema: str | None = Header(None, alias=HEADER_SCHEMA)) -> str | None:
    check_versions(protocol, schema)
    return schema


def device_for(s: Session, authorization: str | None, schema: str | None) -> Device:
    d = authenticate(s, authorization)
    record_schema(d, schema)
    return d
