"""Errors the services raise; the app turns them into JSON answers {code, detail}.

The detail is Vietnamese, written for the treasurer who will read it on the desktop."""

from __future__ import annotations


class ServiceError(Exception):
    status = 400

    def __init__(self, code: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        if status is not None:
            self.status = status


class NotFound(ServiceError):
    status = 404


class Unauthorized(ServiceError):
    status = 401


class Forbidden(ServiceError):
    status = 403


class Conflict(ServiceError):
    status = 409


class UpgradeRequired(ServiceError):
    status = 426
