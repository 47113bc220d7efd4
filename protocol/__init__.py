"""The sync wire format, defined once: used by desktop/sync and by the server."""

from protocol.messages import (
    MAX_PULL,
    MAX_PUSH,
    PROTOCOL_VERSION,
    SCHEMA_VERSIONS,
    BookRequest,
    BookResponse,
    Change,
    EnrollRequest,
    EnrollResponse,
    Mutation,
    MutationResult,
    PullResponse,
    PushRequest,
    PushResponse,
    StatusResponse,
    TableRows,
    changes_of,
)
from protocol.tables import INSERT_ONLY, TABLES

__all__ = [
    "MAX_PULL",
    "MAX_PUSH",
    "BookRequest",
    "BookResponse",
    "Change",
    "EnrollRequest",
    "EnrollResponse",
    "INSERT_ONLY",
    "Mutation",
    "MutationResult",
    "PROTOCOL_VERSION",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "SCHEMA_VERSIONS",
    "StatusResponse",
    "TABLES",
    "TableRows",
    "changes_of",
]
