"""A member's personal data: everything kept about them, handed over on request (PDF,
Excel or JSON), and erased once they have left for longer than the retention period."""

from desktop.services.personal_data.service import (
    DEFAULT_RETENTION_YEARS,
    MAX_RETENTION_YEARS,
    MIN_RETENTION_YEARS,
    ErasureCheck,
    ErasureError,
    Field,
    PersonalDataService,
    PersonalRecord,
    Section,
)

__all__ = [
    "DEFAULT_RETENTION_YEARS",
    "MAX_RETENTION_YEARS",
    "MIN_RETENTION_YEARS",
    "ErasureCheck",
    "ErasureError",
    "Field",
    "PersonalDataService",
    "PersonalRecord",
    "Section",
]
