"""What can go wrong while syncing, in words a treasurer understands."""

from __future__ import annotations


class SyncError(Exception):
    """A sync that did not finish. Nothing local is lost: the next sync continues."""

    code = "sync"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class OfflineError(SyncError):
    code = "offline"


class UpdateRequiredError(SyncError):
    code = "update"


class CredentialError(SyncError):
    code = "credential"


class BusyError(SyncError):
    code = "busy"


class CancelledError(SyncError):
    """Stopped at the user's request: a sync, or any other long task (an import), with
    nothing half-done kept. The one class for both layers: the services name it among
    their errors (desktop.services.core.errors), and the sync's callers, who turn every
    SyncError into their own, catch it with the others."""

    code = "cancelled"

    def __init__(self, message: str = "Đã hủy theo yêu cầu; dữ liệu không thay đổi.") -> None:
        super().__init__(message)
