"""The documents of an activity: minutes of a meeting (biên bản), decisions (quyết định)
and notices (thông báo), in the union document format (DOMAIN.md, "Documents").

A document is a draft until it is finished; a draft may be saved with problems (they are
warnings), finishing refuses them. Numbers run per year and kind ("Số: 05/BB-CĐCS", the
suffix is the unit's choice, by default the one used last) and are given at the latest
when the document is finished. A finished document is locked (here and by the
database's triggers); a correction is a new version that keeps the old one and its
number."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal, NamedTuple, TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Activity, ActivityDoc, Unit, new_id, utcnow
from desktop.printing import data as p
from desktop.printing.attendance import render_attendance
from desktop.printing.letter import render_letter, write_letter_docx
from desktop.printing.minutes import render_minutes, write_minutes_docx
from desktop.services.activities.numbering import (
    DEFAULT_SUFFIX,
    DocSummary,
    doc_summaries,
    next_number,
    number_text,
    suffix_in_use,
)
from desktop.services.activities.service import (
    ATTENDANCE,
    SUBKINDS,
    ActivityDetail,
    ActivityService,
    Departure,
    FieldsError,
    _clean_text,
    dates_text,
    kind_label,
    refused_payees,
)
from desktop.services.cash.service import words
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, NotFoundError
from desktop.services.core.money import format_money
from desktop.services.core.safe_files import write_to
from desktop.services.core.text import clean, clean_name, fold
from desktop.services.documents.service import Documents

DOC_TYPES = {"bb": "Biên bản", "qd": "Quyết định", "tb": "Thông báo"}
MEETING_KINDS = SUBKINDS["hop"]
PERSON_STATUSES = {**ATTENDANCE, "guest": "Khách mời"}
LIST_NAMES_UP_TO = 40  # more people present than this: the minutes give the count, the sheet the names
LOCKED = "Văn bản đã hoàn thành không được sửa: hãy lập bản sửa (phiên bản mới); bản cũ được giữ lại."

LABELS = {
    "title": "Trích yếu", "doc_date": "Ngày văn bản", "number": "Số văn bản", "suffix": "Ký hiệu",
    "start_at": "Thời gian bắt đầu", "end_at": "Thời gian kết thúc", "location": "Địa điểm",
    "chair_name": "Chủ tọa", "secretary_name": "Thư ký", "participants": "Thành phần tham dự",
    "expected_count": "Số người triệu tập", "present_count": "Số người có mặt", "agenda": "Nội dung cuộc họp",
    "body": "Nội dung", "signer_title": "Chức vụ người ký", "signer_name": "Người ký",
    "reason": "Lý do sửa", "doc_type": "Loại văn bản", "meeting_kind": "Loại cuộc họp",
    "annex": "Danh sách kèm theo",
}

class Template(TypedDict):
    """What a kind of meeting usually looks like: agenda, roles, recipients."""

    agenda: tuple[str, ...]
    chair_role: str
    secretary_role: str
    recipients: tuple[str, ...]


TEMPLATES: dict[str, Template] = {
    "bch": Template(agenda=("Đánh giá kết quả hoạt động công đoàn thời gian qua",
                        "Triển khai nhiệm vụ trọng tâm thời gian tới", "Các nội dung khác"),
                chair_role="Chủ tịch Công đoàn cơ sở", secretary_role="Ủy viên Ban Chấp hành",
                recipients=("Công đoàn cấp trên (để báo cáo);", "Các Ủy viên Ban Chấp hành;", "Lưu: VT.")),
    "dai_hoi": Template(agenda=("Báo cáo kết quả hoạt động và phương hướng nhiệm vụ",
                            "Thảo luận, góp ý báo cáo", "Biểu quyết thông qua nghị quyết"),
                    chair_role="Đoàn Chủ tịch", secretary_role="Thư ký hội nghị",
                    recipients=("Công đoàn cấp trên (để báo cáo);", "Ban Chấp hành Công đoàn cơ sở;", "Lưu: VT.")),
    "to": Template(agenda=("Đánh giá sinh hoạt của tổ trong thời gian qua",
                       "Phổ biến chủ trương, kế hoạch của Công đoàn cơ sở", "Ý kiến, kiến nghị của đoàn viên"),
               chair_role="Tổ trưởng công đoàn", secretary_role="Đoàn viên",
               recipients=("Ban Chấp hành Công đoàn cơ sở;", "Lưu: Tổ công đoàn.")),
    "nld": Template(agenda=("Báo cáo tình hình sản xuất, kinh doanh và thực hiện chế độ đối với người lao động",
                        "Báo cáo của Ban Chấp hành Công đoàn cơ sở", "Đối thoại, giải đáp ý kiến của người lao động",
                        "Biểu quyết thông qua nghị quyết hội nghị"),
                chair_role="Đại diện người sử dụng lao động và Chủ tịch Công đoàn cơ sở",
                secretary_role="Thư ký hội nghị",
                recipients=("Ban Giám đốc;", "Công đoàn cấp trên (để báo cáo);", "Lưu: VT.")),
    "khac": Template(agenda=("Nội dung cuộc họp",), chair_role="", secretary_role="",
                 recipients=("Ban Chấp hành Công đoàn cơ sở;", "Lưu: VT.")),
}
CLOSING = "Biên bản đã được đọc lại cho toàn thể cuộc họp cùng nghe và nhất trí thông qua."
ANNEX_TITLES = {"tham_hoi": "Danh sách đoàn viên được thăm hỏi, trợ cấp",
                "khen_thuong": "Danh sách đoàn viên được khen thưởng",
                "ky_niem": "Danh sách đoàn viên được tặng quà"}


class DocValidationError(FieldsError):
    """ValidationError whose message names the document's fields."""

    labels = LABELS


@dataclass(frozen=True)
class Person:
    """status: present | absent | excused | guest; reason: why absent."""

    name: str
    role: str | None = None
    status: str = "present"
    reason: str | None = None
    member_id: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """votes None: no vote on this point."""

    title: str
    proceedings: str | None = None
    opinions: str | None = None
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstain: int | None = None
    conclusion: str | None = None

    @property
    def has_vote(self) -> bool:
        return any(v is not None for v in (self.vote_for, self.vote_against, self.vote_abstain))

    @property
    def votes(self) -> tuple[int, int, int]:
        return (self.vote_for or 0, self.vote_against or 0, self.vote_abstain or 0)


@dataclass(frozen=True)
class AnnexRow:
    name: str
    group: str | None = None
    content: str | None = None
    amount: int | None = None
    member_id: str | None = None


@dataclass(frozen=True)
class DocContent:
    """What the user writes in a document. number None: given when finished."""

    title: str
    doc_date: date
    place_name: str | None = None
    suffix: str = DEFAULT_SUFFIX
    number: int | None = None
    meeting_kind: str | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    location: str | None = None
    chair_name: str | None = None
    chair_role: str | None = None
    secretary_name: str | None = None
    secretary_role: str | None = None
    expected_count: int | None = None
    present_count: int | None = None
    participants: tuple[Person, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    conclusions: str | None = None
    closing_note: str | None = None
    bases: str | None = None
    body: tuple[str, ...] = ()
    annex: tuple[AnnexRow, ...] = ()
    signer_title: str | None = None
    signer_name: str | None = None
    recipients: str | None = None

    def people(self, *statuses: str) -> list[Person]:
        return [x for x in self.participants if x.status in statuses]

    @property
    def present_total(self) -> int:
        """Those present and entitled to vote (guests do not vote)."""
        if self.present_count is not None:
            return self.present_count
        return len(self.people("present"))


class DocVersion(NamedTuple):
    id: str
    version: int
    status: str


@dataclass(frozen=True)
class DocData:
    id: str
    activity_id: str
    activity_title: str
    doc_type: str
    chain_id: str
    version: int
    status: str
    year: int
    finished_at: datetime | None
    correction_reason: str | None
    content: DocContent
    superseded_by: int | None = None  # the version that replaced this one
    versions: tuple[DocVersion, ...] = field(default=())  # the chain's, oldest first

    @property
    def final(self) -> bool:
        return self.status == "final"

    @property
    def number_text(self) -> str:
        return number_text(self.doc_type, self.content.number, self.content.suffix)

    @property
    def type_label(self) -> str:
        return DOC_TYPES[self.doc_type]


@dataclass(frozen=True)
class SaveResult:
    doc: DocData
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- checking


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and fold(a) == fold(b)


def problems(doc_type: str, c: DocContent,
             departed: Mapping[str, Departure] | None = None) -> list[tuple[str, str, str]]:
    """(field, message, severity): "error" always refused, "finish" refused when
    finishing (a warning on a draft), "warn" never refused. departed: the members of the
    annex who may not be paid for the activity (activities.refused_payees), by id."""
    out: list[tuple[str, str, str]] = []
    if c.doc_date is None:
        out.append(("doc_date", "cần ngày của văn bản.", "error"))
    if not c.suffix:
        out.append(("suffix", "cần ký hiệu (ví dụ CĐCS).", "error"))
    if c.number is not None and c.number < 1:
        out.append(("number", "số văn bản phải từ 1 trở lên.", "error"))
    if not c.title:
        out.append(("title", "cần trích yếu của văn bản.", "finish"))
    if doc_type != "bb":
        if not any(x.strip() for x in c.body):
            out.append(("body", "văn bản chưa có nội dung.", "finish"))
        if not c.signer_title:
            out.append(("signer_title", "cần chức vụ người ký (ví dụ TM. BAN CHẤP HÀNH / CHỦ TỊCH).", "finish"))
        if not c.signer_name:
            out.append(("signer_name", "chưa ghi họ tên người ký.", "warn"))
        for r in c.annex:
            gone = (departed or {}).get(r.member_id or "")
            if r.amount and gone is not None:
                out.append(("annex", (f"{gone.text}: không thể chi {format_money(r.amount)} (đã không còn sinh hoạt tại "
                                      "công đoàn vào ngày hoạt động). Bỏ số tiền của họ trong danh sách của hoạt động "
                                      "rồi lấy lại danh sách kèm theo."), "finish"))
        return out
    if c.start_at and c.end_at and c.end_at < c.start_at:
        out.append(("end_at", (f"cuộc họp kết thúc lúc {c.end_at:%H:%M %d/%m/%Y}, trước khi bắt đầu "
                               f"({c.start_at:%H:%M %d/%m/%Y})."), "error"))
    for key in ("expected_count", "present_count"):
        if getattr(c, key) is not None and getattr(c, key) < 0:
            out.append((key, "không được âm.", "error"))
    present = c.present_total
    if c.expected_count is not None and present > c.expected_count:
        out.append(("present_count", (f"số người có mặt ({present}) nhiều hơn số người triệu tập "
                                       f"({c.expected_count})."), "error"))
    if not c.start_at:
        out.append(("start_at", "cần giờ và ngày bắt đầu cuộc họp.", "finish"))
    if not c.end_at:
        out.append(("end_at", "cần giờ kết thúc cuộc họp.", "finish"))
    if not c.location:
        out.append(("location", "chưa ghi địa điểm.", "warn"))
    if not c.participants and c.present_count is None:
        out.append(("participants", "chưa có thành phần tham dự (lấy từ điểm danh hoặc ghi số người có mặt).",
                    "finish"))
    attending = [x.name for x in c.participants if x.status in ("present", "guest")]
    for key, who in (("chair_name", "chủ tọa"), ("secretary_name", "thư ký")):
        name = getattr(c, key)
        if not name:
            out.append((key, f"biên bản phải có {who}.", "finish"))
        elif not any(_same(name, n) for n in attending):
            out.append((key, (f"{who} “{name}” không có trong danh sách người có mặt hoặc khách mời: thêm vào "
                              "thành phần tham dự hoặc chọn người khác."), "finish"))
    if c.chair_name and _same(c.chair_name, c.secretary_name):
        out.append(("secretary_name", "chủ tọa và thư ký là cùng một người.", "warn"))
    if not c.agenda:
        out.append(("agenda", "chưa có nội dung cuộc họp.", "finish"))
    for i, item in enumerate(c.agenda, 1):
        label = f"mục {i}" + (f" “{item.title}”" if item.title else "")
        if not item.title:
            out.append(("agenda", f"mục {i} chưa có tên.", "finish"))
        if not item.has_vote:
            continue
        if any(v is not None and v < 0 for v in (item.vote_for, item.vote_against, item.vote_abstain)):
            out.append(("agenda", f"{label}: số biểu quyết không được âm.", "error"))
            continue
        yes, no, abstain = item.votes
        if yes + no + abstain > present:
            out.append(("agenda", (f"{label}: biểu quyết {yes + no + abstain} người (tán thành {yes}, không tán "
                                   f"thành {no}, không có ý kiến {abstain}) nhiều hơn số người có mặt ({present})."),
                        "finish"))
    return out


def _departed_in_annex(s: Session, a: Activity, c: DocContent) -> dict[str, Departure]:
    """The members paid in the annex who had departed on the activity's date (the rule of
    the activity's amounts and vouchers: activities.refused_payees)."""
    ids = [r.member_id for r in c.annex if r.amount and r.member_id]
    return {d.member_id: d for d in refused_payees(s, a, ids)} if ids else {}


def split(found: list[tuple[str, str, str]], finish: bool) -> tuple[dict[str, str], list[str]]:
    errors: dict[str, str] = {}
    warnings: list[str] = []
    for key, message, severity in found:
        if severity == "error" or (severity == "finish" and finish):
            if key in errors:
                errors[key] += " " + message
            else:
                errors[key] = message
        else:
            warnings.append(f"{LABELS.get(key, key)}: {message}")
    return errors, warnings


# ----------------------------------------------------------------------------- storage


def _normal(c: DocContent) -> DocContent:
    """Text NFC and trimmed on the way in; people without a name and empty items dropped."""
    people = tuple(Person(name, clean(x.role), x.status if x.status in PERSON_STATUSES else "present",
                          clean(x.reason) if x.status in ("absent", "excused") else None, x.member_id)
                   for x in c.participants if (name := clean_name(x.name)))
    agenda = tuple(AgendaItem(clean(i.title) or "", _clean_text(i.proceedings), _clean_text(i.opinions),
                              i.vote_for, i.vote_against, i.vote_abstain, _clean_text(i.conclusion))
                   for i in c.agenda if clean(i.title) or _clean_text(i.proceedings))
    annex = tuple(AnnexRow(clean_name(r.name) or "", clean(r.group), clean(r.content), r.amount, r.member_id)
                  for r in c.annex if clean(r.name))
    return replace(
        c, title=clean(c.title) or "", place_name=clean(c.place_name), suffix=clean(c.suffix) or "",
        location=clean(c.location), chair_name=clean_name(c.chair_name), chair_role=clean(c.chair_role),
        secretary_name=clean_name(c.secretary_name), secretary_role=clean(c.secretary_role), participants=people,
        agenda=agenda, conclusions=_clean_text(c.conclusions), closing_note=_clean_text(c.closing_note),
        bases=_clean_text(c.bases), body=tuple(t for t in (_clean_text(b) for b in c.body) if t), annex=annex,
        signer_title=_clean_text(c.signer_title), signer_name=clean_name(c.signer_name),
        recipients=_clean_text(c.recipients),
        start_at=c.start_at.replace(second=0, microsecond=0) if c.start_at else None,
        end_at=c.end_at.replace(second=0, microsecond=0) if c.end_at else None)


def _write(d: ActivityDoc, c: DocContent) -> None:
    for k in ("title", "doc_date", "place_name", "suffix", "number", "meeting_kind", "start_at", "end_at",
              "location", "chair_name", "chair_role", "secretary_name", "secretary_role", "expected_count",
              "present_count", "conclusions", "closing_note", "bases", "signer_title", "signer_name", "recipients"):
        setattr(d, k, getattr(c, k))
    d.year = c.doc_date.year
    d.participants = json.dumps([asdict(x) for x in c.participants], ensure_ascii=False)
    d.agenda = json.dumps([asdict(x) for x in c.agenda], ensure_ascii=False)
    d.body = json.dumps(list(c.body), ensure_ascii=False)
    d.annex = json.dumps([asdict(x) for x in c.annex], ensure_ascii=False)
    texts = [c.title, c.location, c.chair_name, c.secretary_name, c.conclusions, c.bases, *c.body,
             *(x.name for x in c.participants), *(r.name for r in c.annex)]
    for i in c.agenda:
        texts += [i.title, i.proceedings, i.opinions, i.conclusion]
    d.search_key = fold(" ".join(t for t in texts if t))


def _read(d: ActivityDoc) -> DocContent:
    return DocContent(
        title=d.title, doc_date=d.doc_date, place_name=d.place_name, suffix=d.suffix, number=d.number,
        meeting_kind=d.meeting_kind, start_at=d.start_at, end_at=d.end_at, location=d.location,
        chair_name=d.chair_name, chair_role=d.chair_role, secretary_name=d.secretary_name,
        secretary_role=d.secretary_role, expected_count=d.expected_count, present_count=d.present_count,
        participants=tuple(Person(**x) for x in json.loads(d.participants or "[]")),
        agenda=tuple(AgendaItem(**x) for x in json.loads(d.agenda or "[]")),
        conclusions=d.conclusions, closing_note=d.closing_note, bases=d.bases,
        body=tuple(json.loads(d.body or "[]")), annex=tuple(AnnexRow(**x) for x in json.loads(d.annex or "[]")),
        signer_title=d.signer_title, signer_name=d.signer_name, recipients=d.recipients)


class MinutesService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- reading ---------------------------------------------------------------------
    def _load(self, s: Session, doc_id: str) -> ActivityDoc:
        d = s.get(ActivityDoc, doc_id)
        if d is None or d.deleted_at is not None:
            raise NotFoundError(f"Không tìm thấy biên bản, văn bản có mã {doc_id}.")
        return d

    def _data(self, s: Session, d: ActivityDoc) -> DocData:
        chain = s.execute(select(ActivityDoc.id, ActivityDoc.version, ActivityDoc.status)
                          .where(ActivityDoc.chain_id == d.chain_id, ActivityDoc.deleted_at.is_(None))
                          .order_by(ActivityDoc.version)).all()
        later = [v for _, v, _ in chain if v > d.version]
        title = s.scalar(select(Activity.title).where(Activity.id == d.activity_id)) or ""
        return DocData(d.id, d.activity_id, title, d.doc_type, d.chain_id, d.version, d.status, d.year,
                       d.finished_at, d.correction_reason, _read(d), min(later) if later else None,
                       tuple(DocVersion(*r) for r in chain))

    def get(self, doc_id: str) -> DocData:
        with self.ctx.read() as s:
            return self._data(s, self._load(s, doc_id))

    def for_activity(self, activity_id: str) -> list[DocSummary]:
        with self.ctx.read() as s:
            return doc_summaries(s, activity_id)

    def next_number(self, doc_type: str, year: int) -> int:
        with self.ctx.read() as s:
            return next_number(s, doc_type, year)

    # ---- templates -------------------------------------------------------------------
    def template(self, activity_id: str, doc_type: str, meeting_kind: str | None = None) -> DocContent:
        """A new document of the activity filled from what is known: the activity, its
        attendance, the unit, the usual agenda of the kind of meeting."""
        if doc_type not in DOC_TYPES:
            raise DocValidationError({"doc_type": f"không có loại văn bản “{doc_type}”."})
        detail = ActivityService(self.ctx).get(activity_id)
        a = detail.data
        with self.ctx.read() as s:
            unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            suffix = suffix_in_use(s)
        chair = unit.chair_name if unit else None
        place = unit_place(unit)
        doc_date = min(date.today(), a.start_date)  # a decision or notice comes before the event
        if doc_type == "bb":
            kind = meeting_kind or (a.subkind if a.kind == "hop" and a.subkind in MEETING_KINDS else "khac")
            t = TEMPLATES.get(kind, TEMPLATES["khac"])
            people = participants_from(detail)
            return DocContent(
                title=a.title, doc_date=a.start_date, place_name=place, suffix=suffix, meeting_kind=kind,
                start_at=datetime.combine(a.start_date, datetime.min.time()).replace(hour=8),
                location=a.place, chair_name=chair if any(_same(chair, x.name) for x in people) else None,
                chair_role=t["chair_role"] or None, secretary_role=t["secretary_role"] or None,
                participants=tuple(people),
                agenda=tuple(AgendaItem(x) for x in t["agenda"]), closing_note=CLOSING,
                recipients="\n".join(t["recipients"]))
        unit_name = unit.name if unit else "Công đoàn cơ sở"
        signer = "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"
        if doc_type == "qd":
            return DocContent(title=decision_title(detail), doc_date=doc_date, place_name=place, suffix=suffix,
                              bases="\n".join(("Căn cứ Điều lệ Công đoàn Việt Nam;",
                                               f"Căn cứ Quy chế chi tiêu nội bộ của {unit_name};",
                                               f"Xét đề nghị của {a.organiser or 'Ban Thường vụ'},")),
                              body=tuple(decision_articles(detail, self._words(detail))),
                              annex=tuple(annex_from(detail)),
                              signer_title=signer, signer_name=chair, recipients="Như Điều 3;\nLưu: VT.")
        lines = [f"Ban Chấp hành {unit_name} thông báo về {a.title[:1].lower()}{a.title[1:]} như sau:",
                 f"1. Thời gian: {dates_text(a.start_date, a.end_date)}."]
        if a.place:
            lines.append(f"2. Địa điểm: {a.place}.")
        if detail.participants:
            lines.append(f"{len(lines)}. Thành phần: {len(detail.participants)} đoàn viên"
                         + (f" {detail.group_name}" if detail.group_name and a.scope == "group" else "") + ".")
        lines.append("Đề nghị các tổ công đoàn thông báo đến đoàn viên để thực hiện.")
        return DocContent(title=f"Về việc {a.title[:1].lower()}{a.title[1:]}", doc_date=doc_date, place_name=place,
                          suffix=suffix, body=tuple(lines), signer_title=signer, signer_name=chair,
                          recipients="Các tổ công đoàn;\nLưu: VT.")

    def _words(self, detail: ActivityDetail) -> str | None:
        total = sum(x.amount or 0 for x in detail.participants)
        if not total:
            return None
        with self.ctx.read() as s:
            return words(s, total)

    # ---- writing ---------------------------------------------------------------------
    def check(self, doc_type: str, content: DocContent, *, finish: bool = False,
              activity_id: str | None = None) -> tuple[dict[str, str], list[str]]:
        c = _normal(content)
        departed = None
        if activity_id is not None:
            with self.ctx.read() as s:
                a = s.get(Activity, activity_id)
                departed = _departed_in_annex(s, a, c) if a is not None else None
        return split(problems(doc_type, c, departed), finish)

    def save(self, activity_id: str, doc_type: str, content: DocContent, *, doc_id: str | None = None,
             finish: bool = False) -> SaveResult:
        """Save a draft (problems come back as warnings), or save and finish it (problems
        refused). One transaction; the number is given when finishing if none was set."""
        if doc_type not in DOC_TYPES:
            raise DocValidationError({"doc_type": f"không có loại văn bản “{doc_type}”."})
        c = _normal(content)
        with self.ctx.write() as s:
            a = s.get(Activity, activity_id)
            if a is None or a.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy hoạt động có mã {activity_id}.")
            errors, warnings = split(problems(doc_type, c, _departed_in_annex(s, a, c)), finish)
            if errors:
                raise DocValidationError(errors, warnings)
            if doc_id is not None:
                d = self._load(s, doc_id)
                if d.status == "final":
                    raise DomainError(LOCKED, code="locked")
                if d.activity_id != activity_id or d.doc_type != doc_type:
                    raise DomainError("Văn bản không thuộc hoạt động này.")
            else:
                d = ActivityDoc(activity_id=activity_id, doc_type=doc_type, version=1, status="draft")
                d.id = d.chain_id = new_id()
            if c.number is None and finish:
                c = replace(c, number=next_number(s, doc_type, c.doc_date.year))
            if c.number is not None:
                self._check_number(s, doc_type, c, d.chain_id)
            _write(d, c)
            s.add(d)
            if finish:
                d.status = "final"
                d.finished_at = utcnow()
            d.device_id = self.ctx.device_id
            s.flush()
            return SaveResult(self._data(s, d), tuple(warnings))

    def _check_number(self, s: Session, doc_type: str, c: DocContent, chain_id: str) -> None:
        other = s.scalar(select(ActivityDoc.title).where(
            ActivityDoc.doc_type == doc_type, ActivityDoc.year == c.doc_date.year, ActivityDoc.number == c.number,
            ActivityDoc.chain_id != chain_id, ActivityDoc.deleted_at.is_(None)).limit(1))
        if other is not None:
            raise DocValidationError({"number": (
                f"số {number_text(doc_type, c.number, c.suffix)} năm {c.doc_date.year} đã dùng cho “{other}”; "
                "để trống để lấy số tiếp theo.")})

    def finish(self, doc_id: str) -> DocData:
        d = self.get(doc_id)
        return self.save(d.activity_id, d.doc_type, d.content, doc_id=doc_id, finish=True).doc

    def correct(self, doc_id: str, reason: str) -> DocData:
        """A new draft version of a finished document, with its content and number; the
        finished one is kept as it is."""
        why = clean(reason)
        if not why:
            raise DocValidationError({"reason": "cần ghi lý do lập bản sửa."})
        with self.ctx.write() as s:
            old = self._load(s, doc_id)
            if old.status != "final":
                raise DomainError("Văn bản còn là bản nháp: sửa trực tiếp rồi lưu.")
            newest = s.scalar(select(func.max(ActivityDoc.version)).where(
                ActivityDoc.chain_id == old.chain_id, ActivityDoc.deleted_at.is_(None)))
            if newest is not None and newest != old.version:
                raise DomainError(f"Đã có bản sửa lần {newest - 1} của văn bản này: mở bản mới nhất.")
            d = ActivityDoc(activity_id=old.activity_id, doc_type=old.doc_type, chain_id=old.chain_id,
                            version=old.version + 1, status="draft", correction_reason=why,
                            device_id=self.ctx.device_id)
            _write(d, _read(old))
            s.add(d)
            s.flush()
            return self._data(s, d)

    def delete_draft(self, doc_id: str) -> None:
        with self.ctx.write() as s:
            d = self._load(s, doc_id)
            if d.status == "final":
                raise DomainError(LOCKED, code="locked")
            d.deleted_at = utcnow()
            d.device_id = self.ctx.device_id

    # ---- printing --------------------------------------------------------------------
    def printable(self, doc_id: str) -> tuple[p.UnitHeader, p.Minutes | p.Letter]:
        header = Documents(self.ctx).header()
        d = self.get(doc_id)
        c = d.content
        place = c.place_name or header.place
        notes = []
        if not d.final:
            notes.append("DỰ THẢO")
        if d.version > 1:
            notes.append(f"Bản sửa lần {d.version - 1}: {d.correction_reason}")
        if d.superseded_by:
            notes.append(f"Đã được thay thế bằng bản sửa lần {d.superseded_by - 1}")
        note = "(" + "; ".join(notes) + ")" if notes else None
        recipients = [r.strip() for r in (c.recipients or "").split("\n") if r.strip()]
        if d.doc_type == "bb":
            present = [p.DocPerson(x.name, x.role) for x in c.people("present")]
            absent = [p.DocPerson(x.name, x.role, absence(x)) for x in c.people("absent", "excused")]
            guests = [p.DocPerson(x.name, x.role) for x in c.people("guest")]
            items = [p.MinutesItem(i.title, i.proceedings, i.opinions, i.votes if i.has_vote else None, i.conclusion)
                     for i in c.agenda]
            return header, p.Minutes(
                number=d.number_text, place=place, doc_date=c.doc_date, title=c.title, start=c.start_at,
                end=c.end_at, location=c.location,
                chair=p.DocPerson(c.chair_name, c.chair_role) if c.chair_name else None,
                secretary=p.DocPerson(c.secretary_name, c.secretary_role) if c.secretary_name else None,
                present=present, absent=absent, guests=guests, expected=c.expected_count,
                present_count=c.present_count, list_present=len(present) <= LIST_NAMES_UP_TO, items=items,
                conclusions=c.conclusions, closing_note=c.closing_note, recipients=recipients, note=note)
        with self.ctx.read() as s:
            activity = s.get(Activity, d.activity_id)
            total = sum(r.amount or 0 for r in c.annex)
            in_words = words(s, total) if total else None
        kind: Literal["qd", "tb"] = "qd" if d.doc_type == "qd" else "tb"  # "bb" is the minutes, above
        return header, p.Letter(
            kind=kind, number=d.number_text, place=place, doc_date=c.doc_date, title=c.title,
            paragraphs=list(c.body), signer_title=c.signer_title or "", signer_name=c.signer_name,
            recipients=recipients, authority=f"Ban Chấp hành {header.unit_name}" if d.doc_type == "qd" else None,
            bases=[b for b in (c.bases or "").split("\n") if b.strip()],
            annex_title=ANNEX_TITLES.get(activity.kind if activity else "", "Danh sách đoàn viên"),
            annex=[p.AnnexLine(r.name, r.group, r.content, r.amount) for r in c.annex],
            annex_total_words=in_words, note=note)

    def render_pdf(self, doc_id: str, out: Path | str) -> int:
        header, data = self.printable(doc_id)
        if isinstance(data, p.Minutes):
            return write_to(out, lambda f: render_minutes(header, data, f))
        return write_to(out, lambda f: render_letter(header, data, f))

    def render_docx(self, doc_id: str, out: Path | str) -> None:
        header, data = self.printable(doc_id)
        if isinstance(data, p.Minutes):
            write_to(out, lambda f: write_minutes_docx(header, data, f))
        else:
            write_to(out, lambda f: write_letter_docx(header, data, f))

    def attendance_sheet(self, activity_id: str, out: Path | str, *, blank: bool = False) -> int:
        """The list people sign: marks as recorded, or empty to fill in by hand."""
        detail = ActivityService(self.ctx).get(activity_id)
        if not detail.participants:
            raise DocValidationError({"participants": "hoạt động chưa có đoàn viên nào trong danh sách."})
        a = detail.data
        lines = [p.AttendanceLine(i, x.full_name, x.group_name, x.union_position or x.job_title,
                                  "" if blank else x.attendance_label, None if blank else x.reason)
                 for i, x in enumerate(detail.participants, 1)]
        totals = "" if blank else attendance_totals(detail)
        when = f"Ngày {dates_text(a.start_date, a.end_date)}" + (f" — {a.place}" if a.place else "")
        header, sheet = Documents(self.ctx).header(), p.AttendanceSheet(a.title, when, lines, totals)
        return write_to(out, lambda f: render_attendance(header, sheet, f))


def absence(x: Person) -> str:
    if x.status == "excused":
        return f"vắng có phép: {x.reason}" if x.reason else "vắng có phép"
    return f"lý do: {x.reason}" if x.reason else "không có lý do"


def attendance_totals(detail: ActivityDetail) -> str:
    n = len(detail.participants)
    present, absent, excused = detail.count("present"), detail.count("absent"), detail.count("excused")
    text = f"Tổng số: {n}; có mặt: {present}; vắng: {absent}; vắng có phép: {excused}"
    unmarked = n - present - absent - excused
    return text + (f"; chưa điểm danh: {unmarked}" if unmarked else "")


def participants_from(detail: ActivityDetail) -> list[Person]:
    """The members marked at the meeting: present, absent (with reason), excused."""
    return [Person(x.full_name, x.union_position or x.job_title, x.attendance, x.reason, x.member_id)
            for x in detail.participants if x.attendance in ATTENDANCE]


def annex_from(detail: ActivityDetail) -> list[AnnexRow]:
    what = kind_label(detail.data.kind, detail.data.subkind).split(" — ")[-1]
    return [AnnexRow(x.full_name, x.group_name, x.note or what, x.amount, x.member_id)
            for x in detail.participants if x.amount]


def decision_title(detail: ActivityDetail) -> str:
    a = detail.data
    sub = SUBKINDS.get(a.kind, {}).get(a.subkind or "", "")
    if a.kind == "tham_hoi":
        return f"Về việc thăm hỏi, trợ cấp đoàn viên{(' (' + sub.lower() + ')') if sub else ''}"
    if a.kind == "khen_thuong":
        return "Về việc khen thưởng đoàn viên"
    if a.kind == "ky_niem":
        return f"Về việc tặng quà đoàn viên nhân dịp {sub or a.title}"
    return f"Về việc {a.title[:1].lower()}{a.title[1:]}"


def unit_place(unit: Unit | None) -> str | None:
    """The địa danh of dated lines: the unit's setting, else the last part of its address
    ("…, Dĩ An, Bình Dương" → "Bình Dương"), which the office may correct."""
    if unit is None:
        return None
    if unit.place:
        return unit.place
    last = (unit.address or "").rsplit(",", 1)[-1].strip()
    return last or None


def decision_articles(detail: ActivityDetail, in_words: str | None = None) -> list[str]:
    a = detail.data
    paid = [x for x in detail.participants if x.amount]
    total = sum(x.amount or 0 for x in paid)
    if paid:
        verb = {"tham_hoi": "Thăm hỏi, trợ cấp", "khen_thuong": "Khen thưởng", "ky_niem": "Tặng quà"}.get(a.kind, "Chi cho")
        first = (f"{verb} {len(paid)} đoàn viên có tên trong danh sách kèm theo, tổng số tiền "
                 f"{format_money(total, unit=False)} đồng" + (f" ({in_words})" if in_words else "") + ".")
    else:
        first = f"Tổ chức {a.title[:1].lower()}{a.title[1:]}, thời gian {dates_text(a.start_date, a.end_date)}" + \
                (f", tại {a.place}" if a.place else "") + "."
    return [first, "Kinh phí chi từ nguồn tài chính của Công đoàn cơ sở theo Quy chế chi tiêu nội bộ.",
            ("Quyết định có hiệu lực kể từ ngày ký. Ban Chấp hành, kế toán, thủ quỹ Công đoàn cơ sở và các đoàn viên "
             "có tên tại Điều 1 căn cứ Quyết định thi hành.")]
