"""Errors the services raise. Each carries a code and a Vietnamese message for the user
that names the field or the row; views and the CLI show it as it is."""

from __future__ import annotations

from typing import Generic, TypeVar

from desktop.services.core.fields import known_label

# A cancel is one class for the services and the sync below them (which may not import
# the services): defined there, named here with the services' other errors.
from desktop.sync.errors import CancelledError as CancelledError

M = TypeVar("M")


class DomainError(Exception):
    code = "domain"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFoundError(DomainError):
    code = "not_found"


class ValidationError(DomainError):
    """Field errors: {field key: message}. Warnings never block on their own."""

    code = "invalid"

    def __init__(self, errors: dict[str, str], warnings: list[str] | None = None) -> None:
        # A key without a label is never shown (an English key means nothing to an office):
        # the message alone, which says what is wrong.
        lines = [field_line(label, v) if (label := known_label(k)) else v[:1].upper() + v[1:]
                 for k, v in errors.items()]
        super().__init__("\n".join(lines))
        self.errors = errors
        self.warnings = warnings or []


def field_line(label: str, message: str) -> str:
    """"Số tiền: không được âm."; a message that names its field already is kept whole
    ("Số tiền quá lớn: tối đa …", from money_bound_problem)."""
    return message if message.startswith(label) else f"{label}: {message}"


class DuplicateMemberError(DomainError, Generic[M]):
    """The new record looks like existing members (matches: as the members service
    describes them). blocking: same ID or card number."""

    code = "duplicate"

    def __init__(self, message: str, matches: list[M], *, blocking: bool) -> None:
        super().__init__(message)
        self.matches = matches
        self.blocking = blocking


class StatusChangeError(DomainError):
    code = "status_change"


class SetupError(DomainError):
    code = "setup"


class ImportFileError(DomainError):
    """The file cannot be read as a member list; nothing was written."""

    code = "import_file"

