"""A member's transfer between two units of the platform (chuyển sinh hoạt công đoàn,
HD 03/HD-TLĐ of 20/02/2020): what of the member travels, and the ids the receiving unit
makes, defined once for the PCs and the server.

The member's data travels as one JSON object of member fields (member_transfer.member_data)
rather than a column per field: the receiving PC takes it as it would a typed record, the
server checks each value against the member's own field (protocol/fields.py), and the
set that travels follows the member table without a new column per field. Without the
member's recorded consent (member.consent_date) only BASIC_FIELDS travel: the name, birth
date and sex and the joining date, what the receiving union needs to know who comes;
with it, PERSONAL_FIELDS too (ID papers, contact, origin, education, card, BHXH number).
Salary, dues and group are the sending unit's business and never travel."""

from __future__ import annotations

import json
import uuid
from typing import Any

from protocol.fields import FIELDS, value_problem

BASIC_FIELDS: tuple[str, ...] = ("full_name", "birth_date", "birth_year_only", "gender", "joined_date")
PERSONAL_FIELDS: tuple[str, ...] = (
    "ethnicity", "religion", "nationality", "id_type", "id_number", "id_issue_date", "id_issue_place", "hometown",
    "permanent_address", "phone", "email", "education", "qualification", "job_title", "card_number",
    "party_member", "social_insurance_number", "consent_date")
REQUIRED: tuple[str, ...] = ("full_name", "gender")

# The receiving unit's member and event made from a transfer: their ids follow from the
# transfer's, so two PCs of the unit that accept the same transfer make the same rows.
_NS = uuid.UUID("6a0e4d47-2f7c-4c1e-a9a8-3d5b0f1e7c21")


def member_id_for(transfer_id: str) -> str:
    return str(uuid.uuid5(_NS, f"member/{transfer_id}"))


def event_id_for(transfer_id: str) -> str:
    return str(uuid.uuid5(_NS, f"event/{transfer_id}"))


def member_data_problem(raw: object, with_personal_data: object) -> str | None:
    """What is wrong with a transfer's member_data, as one Vietnamese sentence naming the
    field, or None. Personal fields are refused unless the transfer carries them by consent."""
    label = "Chuyển sinh hoạt công đoàn — “Hồ sơ đoàn viên chuyển đi”"
    if not isinstance(raw, str):
        return f"{label} không được để trống."
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        return f"{label} không đúng định dạng."
    if not isinstance(data, dict):
        return f"{label} không đúng định dạng."
    allowed = BASIC_FIELDS + PERSONAL_FIELDS if with_personal_data == 1 else BASIC_FIELDS
    specs = FIELDS["member"]
    for key, value in data.items():
        if key not in allowed:
            spec = specs.get(key) if isinstance(key, str) else None
            name = spec.label if spec is not None else "một trường không biết"
            why = ("chỉ gửi kèm khi đoàn viên đã đồng ý xử lý dữ liệu cá nhân" if key in PERSONAL_FIELDS
                   else "không được gửi kèm khi chuyển sinh hoạt")
            return f"{label}: “{name}” {why}."
        problem = value_problem(specs[key], value)
        if problem is not None:
            return f"{label}: “{specs[key].label}” {problem}"
    for key in REQUIRED:
        if data.get(key) is None:
            return f"{label}: “{specs[key].label}” không được để trống."
    return None


def member_data(values: dict[str, Any], with_personal_data: bool) -> str:
    """The JSON that travels, from a member's values as they sync (dates as text, flags 0/1)."""
    keys = BASIC_FIELDS + PERSONAL_FIELDS if with_personal_data else BASIC_FIELDS
    return json.dumps({k: values[k] for k in keys if values.get(k) is not None}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True)
