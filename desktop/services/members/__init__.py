"""Members: the list and each member's record with its status history (service), the
rules that judge a member's fields wherever they come from (rules), the citizen ID and
the QR code of chip cards (cccd), and the export to Excel (export). Reading a whole
list from Excel is the `importing` subpackage."""

from desktop.services.members.cccd import (
    PROVINCES,
    IdCheck,
    QrData,
    QrFormatError,
    check_id,
    guess_id_type,
    normalize_id_number,
    parse_cccd_qr,
)
from desktop.services.members.counts import MemberCount, member_count
from desktop.services.members.export import export_members
from desktop.services.members.rules import (
    DUES_BASES,
    GENDERS,
    ID_TYPES,
    NEW_GROUP,
    KeyedMember,
    MemberInput,
    MemberParser,
    Parsed,
    dup_key,
    member_keys,
    member_keys_many,
    parse_member,
    search_key,
)
from desktop.services.members.service import (
    INPUT_FIELDS,
    DuplicateMatch,
    EventRow,
    ExportRow,
    MemberDetail,
    MemberQuery,
    MemberRow,
    MemberService,
    input_as_raw,
    masked_input,
)

__all__ = [
    "DUES_BASES",
    "GENDERS",
    "ID_TYPES",
    "INPUT_FIELDS",
    "NEW_GROUP",
    "PROVINCES",
    "DuplicateMatch",
    "EventRow",
    "ExportRow",
    "IdCheck",
    "KeyedMember",
    "MemberCount",
    "MemberDetail",
    "MemberInput",
    "MemberParser",
    "MemberQuery",
    "MemberRow",
    "MemberService",
    "Parsed",
    "QrData",
    "QrFormatError",
    "check_id",
    "dup_key",
    "export_members",
    "guess_id_type",
    "input_as_raw",
    "masked_input",
    "member_count",
    "member_keys",
    "member_keys_many",
    "normalize_id_number",
    "parse_cccd_qr",
    "parse_member",
    "search_key",
]
