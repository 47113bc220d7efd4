"""What an erasure of a member's personal data does to the audit log, defined once for
the PCs (desktop/models/audit.py, in SQL) and the server (server/sync/erasure.py, on its
JSON copies): the log keeps who changed what and when, not the erased values.

An audit row belongs to a member when it is about the member's own record, or about one
of their rows (a status change, an attendance, a payment…: MEMBER_ROWS)."""

from __future__ import annotations

from typing import Any

ERASED = "(đã xóa)"  # what replaces a redacted value (the desktop's audit triggers accept only this)
# Values of a member's own audit rows that stay readable after the erasure: they identify
# nobody on their own, and the statistics and dues books are computed from them.
KEPT_FIELDS = ("status", "group_id", "gender", "joined_date", "dues_basis", "party_member", "deleted_at",
               "erased_at", "birth_year_only")
# Tables whose rows belong to one member (member_id): their audit rows carry the member's
# name as label, and their free-text fields may tell about health or family.
MEMBER_ROWS = ("member_event", "activity_member", "activity_payment", "dues_exemption", "dues_basis",
               "dues_payment")
TEXT_FIELDS = ("reason", "note")
# The row saying the erasure was done keeps its wording (an anonymous label, the retention).
ERASE_ACTION = "erase"


def redacted(row: dict[str, Any]) -> dict[str, Any] | None:
    """An audit row of an erased member as it must be kept, or None if it already is."""
    if row.get("action") == ERASE_ACTION:
        return None
    out = dict(row)
    field = row.get("field")
    if (row.get("tbl") == "member" and field is not None and field not in KEPT_FIELDS) or (
            row.get("tbl") != "member" and field in TEXT_FIELDS):
        for key in ("old_value", "new_value"):
            if out.get(key) is not None:
                out[key] = ERASED
    if out.get("label") is not None:
        out["label"] = ERASED
    return out if out != row else None


def redacted_conflict(row: dict[str, Any]) -> dict[str, Any] | None:
    """A logged conflict over an erased member's field: both values go."""
    out = dict(row, kept_value=f'"{ERASED}"', lost_value=f'"{ERASED}"')
    return out if out != row else None
