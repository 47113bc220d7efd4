"""The numbers of an activity's documents ("Số: 05/BB-CĐCS": a running number per year
and kind, the kind's code, the unit's suffix) and the list of an activity's documents
that shows them.

Its own module because both sides need it: an activity's detail lists its documents
(service.py), and the documents read their activity (minutes.py); with the numbering
here, minutes imports the activities and never the other way round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import ActivityDoc

DOC_CODES = {"bb": "BB", "qd": "QĐ", "tb": "TB"}
DEFAULT_SUFFIX = "CĐCS"


def number_text(doc_type: str, number: int | None, suffix: str) -> str:
    n = f"{number:02d}" if number else "……"
    return f"{n}/{DOC_CODES[doc_type]}-{suffix}"


def next_number(s: Session, doc_type: str, year: int) -> int:
    top = s.scalar(select(func.max(ActivityDoc.number)).where(
        ActivityDoc.doc_type == doc_type, ActivityDoc.year == year, ActivityDoc.deleted_at.is_(None)))
    return (top or 0) + 1


def suffix_in_use(s: Session) -> str:
    """The suffix used last (a unit that writes "CĐCS-KCN" keeps writing it)."""
    return s.scalar(select(ActivityDoc.suffix).where(ActivityDoc.deleted_at.is_(None))
                    .order_by(ActivityDoc.created_at.desc()).limit(1)) or DEFAULT_SUFFIX


@dataclass(frozen=True, slots=True)
class DocSummary:
    id: str
    doc_type: str
    title: str
    number_text: str
    status: str
    version: int
    doc_date: date
    current: bool  # the newest version of its chain


def doc_summaries(s: Session, activity_id: str) -> list[DocSummary]:
    docs = list(s.scalars(select(ActivityDoc).where(ActivityDoc.activity_id == activity_id,
                                                    ActivityDoc.deleted_at.is_(None))
                          .order_by(ActivityDoc.created_at)))
    newest: dict[str, int] = {}
    for d in docs:
        newest[d.chain_id] = max(newest.get(d.chain_id, 0), d.version)
    return [DocSummary(d.id, d.doc_type, d.title, number_text(d.doc_type, d.number, d.suffix), d.status, d.version,
                       d.doc_date, d.version == newest[d.chain_id]) for d in docs]
