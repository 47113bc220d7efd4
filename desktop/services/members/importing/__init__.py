"""Import of a member list from Excel (service.py: preview, then commit), with the header
found by header.py, the rows read by rows.py and written in bulk by bulk.py."""

from desktop.services.members.importing.bulk import member_values, new_ids
from desktop.services.members.importing.header import (
    SPLIT_KEYS,
    HeaderGuess,
    apply_overrides,
    guess_header,
    mapping_choices,
)
from desktop.services.members.importing.rows import PreviewRow, problems_text
from desktop.services.members.importing.service import (
    Cancel,
    ImportPreview,
    ImportResult,
    MemberImport,
    MissingGroupsError,
    Progress,
    nothing_imported,
    write_report,
)

__all__ = [
    "SPLIT_KEYS",
    "Cancel",
    "HeaderGuess",
    "ImportPreview",
    "ImportResult",
    "MemberImport",
    "MissingGroupsError",
    "PreviewRow",
    "Progress",
    "apply_overrides",
    "guess_header",
    "mapping_choices",
    "member_values",
    "new_ids",
    "nothing_imported",
    "problems_text",
    "write_report",
]
