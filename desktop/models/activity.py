"""Activities of the union (meetings, visits and support payments, celebrations, training,
sports, rewards), the members each concerns with their attendance, the payment vouchers
that paid for them, and their documents: minutes (biên bản), decisions and notices.

A finished document is never edited: triggers made by migration 0005 refuse any change
of its content; a correction is a new version (same chain, version + 1) and the old one
is kept."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin
from desktop.models.member import Member

# Members' birthdays by month and day for the activities calendar: "MM-DD" of the stored
# "YYYY-MM-DD" (made by migration 0005), with what the calendar filters and sorts on, so
# that counting the 8,000 birthdays of a month in a 100,000-member union reads the index
# alone. A query must write substr(birth_date, 6, 5) exactly so for SQLite to use it.
Index("ix_member_birthday", func.substr(Member.birth_date, 6, 5), Member.deleted_at, Member.status,
      Member.birth_year_only, Member.sort_key)


class Activity(SyncMixin, Base):
    __tablename__ = "activity"

    kind: Mapped[str] = mapped_column(String(20))        # services.activities.ACTIVITY_KINDS
    subkind: Mapped[str | None] = mapped_column(String(20))  # meeting kind, reason of a visit, occasion…
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # None: one day
    place: Mapped[str | None] = mapped_column(String(300))
    organiser: Mapped[str | None] = mapped_column(String(200))
    # How the members concerned were chosen: "members" (picked), "group", "all".
    scope: Mapped[str] = mapped_column(String(10), default="members")
    group_id: Mapped[str | None] = mapped_column(ForeignKey("unit_group.id"))
    budget: Mapped[int | None] = mapped_column(Integer)  # đồng
    # Money spent that went through no voucher of the cash book (paid by transfer, by the employer…).
    spent_outside: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    # Folded title, place, organiser and notes for search (local cache, rebuilt after a pull).
    search_key: Mapped[str] = mapped_column(Text, default="", info={"sync": False})

    __table_args__ = (Index("ix_activity_start", "start_date", "deleted_at"),)


class ActivityMember(SyncMixin, Base):
    """A member an activity concerns (visited, given a gift, invited) and their attendance."""

    __tablename__ = "activity_member"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    attendance: Mapped[str | None] = mapped_column(String(10))  # None | present | absent | excused
    reason: Mapped[str | None] = mapped_column(String(300))     # why absent
    amount: Mapped[int | None] = mapped_column(Integer)         # support payment or gift, đồng
    note: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        # Not unique: two devices may add the same member offline; the services read one.
        Index("ix_activity_member_activity", "activity_id", "deleted_at", "attendance"),
        Index("ix_activity_member_member", "member_id"),
    )


class ActivityPayment(SyncMixin, Base):
    """A payment voucher (phiếu chi) of the cash book that paid for an activity, for one
    member of it (a support payment) or for the activity as a whole."""

    __tablename__ = "activity_payment"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("cash_doc.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))


class ActivityDoc(SyncMixin, Base):
    """Biên bản (doc_type "bb"), quyết định ("qd") or thông báo ("tb") of an activity.

    Versions of one document share chain_id (the id of the first version) and its number;
    only the newest version of a chain is current. Lists of people, agenda items,
    articles and the annex are JSON (edited together by one secretary, merged as a whole)."""

    __tablename__ = "activity_doc"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(5))
    chain_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    correction_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | final
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    meeting_kind: Mapped[str | None] = mapped_column(String(20))
    number: Mapped[int | None] = mapped_column(Integer)  # given at the latest when finished
    year: Mapped[int] = mapped_column(Integer)
    suffix: Mapped[str] = mapped_column(String(30))  # "CĐCS" in "05/BB-CĐCS"
    doc_date: Mapped[date] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(String(100))  # địa danh of the dated line
    title: Mapped[str] = mapped_column(String(300))  # trích yếu: "Họp Ban Chấp hành …"
    start_at: Mapped[datetime | None] = mapped_column(DateTime)
    end_at: Mapped[datetime | None] = mapped_column(DateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    chair_name: Mapped[str | None] = mapped_column(String(150))
    chair_role: Mapped[str | None] = mapped_column(String(150))
    secretary_name: Mapped[str | None] = mapped_column(String(150))
    secretary_role: Mapped[str | None] = mapped_column(String(150))
    expected_count: Mapped[int | None] = mapped_column(Integer)  # summoned, when not all are named
    present_count: Mapped[int | None] = mapped_column(Integer)   # present, when not all are named
    participants: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{name, role, status, reason}]
    agenda: Mapped[str] = mapped_column(Text, default="[]")        # JSON [{title, proceedings, …votes}]
    conclusions: Mapped[str | None] = mapped_column(Text)
    closing_note: Mapped[str | None] = mapped_column(Text)
    bases: Mapped[str | None] = mapped_column(Text)    # decision: "Căn cứ …" lines
    body: Mapped[str] = mapped_column(Text, default="[]")  # JSON: decision articles / notice paragraphs
    annex: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{name, group, content, amount}]
    signer_title: Mapped[str | None] = mapped_column(String(150))
    signer_name: Mapped[str | None] = mapped_column(String(150))
    recipients: Mapped[str | None] = mapped_column(Text)  # one per line
    search_key: Mapped[str] = mapped_column(Text, default="", info={"sync": False})

    __table_args__ = (Index("ix_activity_doc_number", "doc_type", "year", "number"),)


# The columns of a finished document that nothing may change (migration 0005's trigger).
LOCKED_DOC_COLUMNS = (
    "activity_id", "doc_type", "chain_id", "version", "correction_reason", "status", "finished_at",
    "meeting_kind", "number", "year", "suffix", "doc_date", "place_name", "title", "start_at", "end_at",
    "location", "chair_name", "chair_role", "secretary_name", "secretary_role", "expected_count",
    "present_count", "participants", "agenda", "conclusions", "closing_note", "bases", "body", "annex",
    "signer_title", "signer_name", "recipients", "deleted_at",
)
