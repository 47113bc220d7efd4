"""Export of the member list to .xlsx, with the headers the import understands, so that
export → import is a round trip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.services.core.context import Context
from desktop.services.core.excel_io import write_table
from desktop.services.core.fields import MEMBER_FIELDS
from desktop.services.core.statuses import STATUS_LABELS
from desktop.services.members.rules import DUES_BASES
from desktop.services.members.service import MemberQuery, MemberService

DATE_KEYS = ("birth_date", "id_issue_date", "joined_date", "consent_date")
TEXT_KEYS = ("id_number", "phone", "card_number")


def export_members(ctx: Context, out: Path | str, query: MemberQuery = MemberQuery(),
                   progress: Callable[[int, int], None] | None = None) -> int:
    svc = MemberService(ctx)
    keys = [f.key for f in MEMBER_FIELDS if f.key != "id_type"]
    headers = [f.label for f in MEMBER_FIELDS if f.key != "id_type"] + ["Trạng thái"]
    total = svc.count(query)
    details = svc.export_rows(query)

    def rows():
        for n, (d, group_name, status) in enumerate(details, start=1):
            out_row = []
            for k in keys:
                v = group_name if k == "group" else getattr(d, k)
                if k == "birth_date" and d.birth_year_only and v is not None:
                    v = v.year
                elif k == "party_member":
                    v = "x" if v else None
                elif k == "dues_basis":
                    v = DUES_BASES.get(v) if v else None
                elif k == "dues_paid_through":
                    v = f"{v.month:02d}/{v.year}" if v else None  # a month, read back as one by the import
                out_row.append(v)
            out_row.append(STATUS_LABELS[status])
            if progress and n % 2000 == 0:
                progress(n, total)
            yield out_row

    write_table(out, "Đoàn viên", headers, rows(),
                date_columns=[keys.index(k) for k in DATE_KEYS],
                text_columns=[keys.index(k) for k in TEXT_KEYS])
    return total
