"""Export of the member list to .xlsx, with the headers the import understands, so that
export → import is a round trip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.services.core.context import Context
from desktop.services.core.excel_io import write_table
from desktop.services.core.fields import MEMBER_FIELDS
from desktop.services.core.statuses import STATUS_LABELS
from desktop.services.members.rules import DUES_BASES, MemberInput
from desktop.services.members.service import MemberQuery, MemberService

DATE_KEYS = ("birth_date", "id_issue_date", "joined_date", "consent_date")
TEXT_KEYS = ("id_number", "phone", "card_number")


def _cell(member: MemberInput, group_name: str | None, key: str) -> object:
    """A member's field as the export writes it, in the form the import reads back."""
    if key == "group":
        return group_name
    if key == "birth_date" and member.birth_year_only and member.birth_date is not None:
        return member.birth_date.year
    if key == "party_member":
        return "x" if member.party_member else None
    if key == "dues_basis":
        return DUES_BASES.get(member.dues_basis) if member.dues_basis else None
    if key == "dues_paid_through":
        month = member.dues_paid_through
        return f"{month.month:02d}/{month.year}" if month else None  # a month, read back as one by the import
    return getattr(member, key)


def export_members(ctx: Context, out: Path | str, query: MemberQuery = MemberQuery(),
                   progress: Callable[[int, int], None] | None = None) -> int:
    svc = MemberService(ctx)
    keys = [f.key for f in MEMBER_FIELDS if f.key != "id_type"]
    headers = [f.label for f in MEMBER_FIELDS if f.key != "id_type"] + ["Trạng thái"]
    total = svc.count(query)
    details = svc.export_rows(query)

    def rows() -> Iterator[list[object]]:
        for n, (member, group_name, status) in enumerate(details, start=1):
            if progress and n % 2000 == 0:
                progress(n, total)
            yield [_cell(member, group_name, k) for k in keys] + [STATUS_LABELS[status]]

    write_table(out, "Đoàn viên", headers, rows(),
                date_columns=[keys.index(k) for k in DATE_KEYS],
                text_columns=[keys.index(k) for k in TEXT_KEYS])
    return total
