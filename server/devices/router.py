"""POST /api/v1/enroll: a one-time code traded for a device credential."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from protocol import EnrollRequest, EnrollResponse
from server.deps import transaction, versions
from server.devices.service import enroll

router = APIRouter(prefix="/api/v1", dependencies=[Depends(versions)])


@router.post("/enroll", response_model=EnrollResponse)
def enroll_device(req: EnrollRequest, request: Request) -> EnrollResponse:
    with transaction(request) as s:
        return enroll(s, req)
