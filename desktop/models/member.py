"""Members (đoàn viên) and the events of their status life-cycle."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Member(SyncMixin, Base):
    __tablename__ = "member"

    full_name: Mapped[str] = mapped_column(String(150))
    birth_date: Mapped[date | None] = mapped_column(Date)
    # Only the year is known: birth_date holds 1 January of that year.
    birth_year_only: Mapped[bool] = mapped_column(Boolean, default=False)
    gender: Mapped[str] = mapped_column(String(5))  # "Nam" | "Nữ"
    ethnicity: Mapped[str | None] = mapped_column(String(50))
    religion: Mapped[str | None] = mapped_column(String(50))
    nationality: Mapped[str | None] = mapped_column(String(50))
    id_type: Mapped[str | None] = mapped_column(String(10))  # CCCD | CMND | HC
    id_number: Mapped[str | None] = mapped_column(String(20))
    id_issue_date: Mapped[date | None] = mapped_column(Date)
    id_issue_place: Mapped[str | None] = mapped_column(String(200))
    hometown: Mapped[str | None] = mapped_column(String(300))
    permanent_address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(150))
    education: Mapped[str | None] = mapped_column(String(100))
    qualification: Mapped[str | None] = mapped_column(String(150))
    job_title: Mapped[str | None] = mapped_column(String(150))
    department: Mapped[str | None] = mapped_column(String(150))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("unit_group.id"))
    union_position: Mapped[str | None] = mapped_column(String(100))
    joined_date: Mapped[date | None] = mapped_column(Date)
    card_number: Mapped[str | None] = mapped_column(String(50))
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    dues_basis: Mapped[str | None] = mapped_column(String(20))  # bhxh | take_home | fixed
    salary: Mapped[int | None] = mapped_column(Integer)  # đồng
    notes: Mapped[str | None] = mapped_column(Text)
    # Personal data (DOMAIN.md, law 91/2025/QH15): the day the member agreed that the
    # union keeps and uses their data for membership and dues (schema 0008).
    consent_date: Mapped[date | None] = mapped_column(Date)
    # Set when the personal data of a leaver was erased after the retention period
    # (services/personal_data.py): the record stays for the books, anonymised, not editable.
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The mã số BHXH (10 digits), kept once the employer's social-insurance list matched
    # the member (services/social_insurance.py, schema 0011): the next list matches by it.
    social_insurance_number: Mapped[str | None] = mapped_column(String(20))
    # An office that starts mid-year: the member paid their dues on paper up to and
    # including this month (its first day; schema 0010). Those months are settled before
    # the app: neither due nor behind (services/dues_calc.py), and no money of its books.
    dues_paid_through: Mapped[date | None] = mapped_column(Date)

    # Derived from member_event by services.members.recompute_status in the same
    # transaction as every event write; kept here so that filters are indexed. It syncs
    # (upper levels count members by status) and is recomputed after every pull.
    status: Mapped[str] = mapped_column(String(20), default="active")
    # Local caches, not synced: rebuilt from the fields after a pull.
    # Folded (no marks, đ→d, lower case) text of name, ID, phone and card for search.
    search_key: Mapped[str] = mapped_column(Text, default="", info={"sync": False})
    # Vietnamese lists sort by given name first: "an nguyen van".
    sort_key: Mapped[str] = mapped_column(String(200), default="", info={"sync": False})
    # Folded name + birth, for spotting the same person entered twice.
    dup_key: Mapped[str | None] = mapped_column(String(220), info={"sync": False})

    __table_args__ = (
        # Covers the list's filters and its default order, so that search as you type
        # scans this narrow index instead of the wide rows (measured: 12 ms vs 150 ms
        # over 100,000 members; an index on status alone made SQLite read every row).
        Index("ix_member_list", "sort_key", "status", "deleted_at", "group_id", "search_key"),
        Index("ix_member_group", "group_id"),  # a group's collection page reads only its members
        Index("ix_member_id_number", "id_number"),
        Index("ix_member_card_number", "card_number"),
        Index("ix_member_dup_key", "dup_key"),
        Index("ix_member_social_insurance_number", "social_insurance_number"),
        # The erased members (a handful, usually none): each pulled page asks whether
        # there are any and redacts the audit log's copies of theirs, which read every
        # member without it (50 ms a page at 100,000 members, issue 17).
        Index("ix_member_erased", "erased_at", sqlite_where=text("erased_at IS NOT NULL")),
    )


class MemberEvent(SyncMixin, Base):
    """One step of a member's life-cycle. Never edited: a correction is a new event."""

    __tablename__ = "member_event"

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # None only for the first event of a member whose joining date nobody knows.
    event_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    decision_number: Mapped[str | None] = mapped_column(String(100))
    seq: Mapped[int] = mapped_column(Integer, default=0)  # order within the member
