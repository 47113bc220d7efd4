"""A member's personal data: given to them on request, erased after they left (issue 7,
item 8; DOMAIN.md "Personal data — law": law 91/2025/QH15 with NĐ 356/2025/NĐ-CP).

- export(): everything the union keeps about one member — every field, the status
  history, the dues bases and exemptions, the dues paid (month by month, with the
  receipt), the receipts and vouchers in their name, the activities — as a PDF to hand
  over, or as JSON / Excel for another program. Roles with "personal" access (chair,
  accountant, treasurer). Recorded in the audit log.
- erase(): for a member who left (moved away, left, expelled, died) longer ago than the
  retention period, the chair replaces the name, ID number, birth date, phone, address
  and the other personal fields with anonymised values, in one transaction, and records
  it in the audit log. What the books must keep stays: receipts are never edited (the
  payer's name printed on a receipt stays on it, DOMAIN.md "Money and receipts"), and the
  dues paid, their amounts and the dues bases they were computed from stay, so every
  past figure and report is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection, select, text, update

from desktop.models import (
    Activity,
    ActivityMember,
    BankEntry,
    BankEntryVoid,
    CashDoc,
    CashDocVoid,
    DuesBasis,
    DuesExemption,
    DuesPayment,
    Member,
    MemberEvent,
    MemberTransfer,
    UnitGroup,
    new_id,
    utcnow,
)
from desktop.models.audit import bulk_end, redaction_sql, write_audit
from desktop.printing.data import DataSection, PersonalDataSheet
from desktop.printing.personal_data import render_personal_data
from desktop.services.activities.service import ACTIVITY_KINDS, ATTENDANCE
from desktop.services.core.context import Context, get_setting, set_setting
from desktop.services.core.dates import format_date
from desktop.services.core.errors import DomainError, NotFoundError, ValidationError
from desktop.services.core.fields import MEMBER_FIELDS
from desktop.services.core.money import format_money
from desktop.services.core.permissions import require
from desktop.services.core.safe_files import atomic_write
from desktop.services.core.statuses import DEPARTED_STATUSES, EVENT_KINDS, STATUS_LABELS
from desktop.services.core.text import fold, sort_key
from desktop.services.documents.service import Documents
from desktop.services.dues.calc import EXEMPT_REASONS
from desktop.services.members.rules import DUES_BASES, ID_TYPES

RETENTION_KEY = "personal_retention_years"
# Five years after leaving, by default: long enough for what may still be asked about a
# former member — a dues dispute or a complaint (the civil-law limitation period for
# claims is 3 years, Bộ luật Dân sự 2015 art. 429), a readmission, the statistics of the
# years they were a member — and the period the Accounting Law (88/2015/QH13, with
# NĐ 174/2016/NĐ-CP art. 12) sets for records kept beside the books; the books
# themselves (receipts, dues paid) are kept anyway. After it the data protection law's
# rule of keeping personal data no longer than needed applies. A unit may set 1–20 years.
DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS, MAX_RETENTION_YEARS = 1, 20
# The member fields that are erased (set to None), besides the name and the birth date;
# gender, group, status, dates of joining and the dues basis stay: the statistics and
# the dues books are computed from them, and they identify nobody on their own.
ERASED_FIELDS = (
    "ethnicity", "religion", "nationality", "id_type", "id_number", "id_issue_date", "id_issue_place", "hometown",
    "permanent_address", "phone", "email", "education", "qualification", "job_title", "department",
    "union_position", "card_number", "salary", "notes", "social_insurance_number",
)
# consent_date stays: the record that the data was kept lawfully while it was kept.
FORMATS = (".pdf", ".json", ".xlsx")
MEMBER_TITLE = "Thông tin đoàn viên"
# The width of each column on paper, as a share of the text width (the others: equal).
PDF_SHARES = {
    "events": (0.16, 0.30, 0.34, 0.20),
    "dues_paid": (0.14, 0.22, 0.22, 0.20, 0.22),
    "cash_docs": (0.11, 0.18, 0.13, 0.16, 0.22, 0.12, 0.08),
    "activities": (0.13, 0.27, 0.14, 0.11, 0.13, 0.12, 0.10),
}


class ErasureError(DomainError):
    code = "erasure"


class Field(NamedTuple):
    """One of the member's own fields, with the kind of its value."""

    key: str
    label: str
    value: object
    kind: str


@dataclass(frozen=True)
class Section:
    """One part of the export after the member's fields: rows of values; columns are
    (key, header, kind), kind one of text, date, month, money, bool (see cell())."""

    key: str
    title: str
    columns: tuple[tuple[str, str, str], ...]
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class PersonalRecord:
    member_id: str
    full_name: str
    made_at: datetime  # UTC
    fields: tuple[Field, ...]  # the member's own, shown first under MEMBER_TITLE
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class ErasureCheck:
    member_id: str
    full_name: str
    status: str
    left_on: date | None
    erasable_from: date | None  # left_on + the retention period
    erased_at: datetime | None
    allowed: bool
    reason: str  # why not, or what will happen


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def cell(value: object, kind: str) -> str:
    """A value as the PDF and the Excel sheet show it."""
    if value is None or value == "":
        return ""
    if kind == "date" and isinstance(value, date):
        return format_date(value)
    if kind == "month" and isinstance(value, date):
        return f"{value:%m/%Y}"
    if kind == "money" and isinstance(value, int):
        return format_money(value, unit=False)
    if kind == "bool":
        return "Có" if value else "Không"
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fields(m: Member, group_name: str | None) -> tuple[Field, ...]:
    """The member's own fields as the export shows them."""
    rows = []
    for f in MEMBER_FIELDS:
        if f.key == "group":
            rows.append(Field(f.key, f.label, group_name, "text"))
            continue
        value = getattr(m, f.key)
        kind = "text"
        if f.key == "birth_date" and m.birth_year_only and value is not None:
            value = value.year
        elif f.key in ("birth_date", "id_issue_date", "joined_date", "consent_date"):
            kind = "date"
        elif f.key == "salary":
            kind = "money"
        elif f.key == "party_member":
            kind = "bool"
        elif f.key == "id_type":
            value = ID_TYPES.get(value, value) if value else None
        elif f.key == "dues_basis":
            value = DUES_BASES.get(value, value) if value else None
        elif f.key == "dues_paid_through":
            value = f"{value.month:02d}/{value.year}" if value else None  # a month
        rows.append(Field(f.key, f.label, value, kind))
    rows.append(Field("status", "Trạng thái", STATUS_LABELS.get(m.status, m.status), "text"))
    rows.append(Field("created_at", "Ngày ghi vào sổ", m.created_at.date() if m.created_at else None, "date"))
    if m.erased_at is not None:
        rows.append(Field("erased_at", "Ngày xóa dữ liệu cá nhân", m.erased_at.date(), "date"))
    return tuple(rows)


class PersonalDataService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ---- the retention period ----------------------------------------------------------
    def retention_years(self) -> int:
        with self.ctx.read() as s:
            value = get_setting(s, RETENTION_KEY)
        try:
            years = int(value) if value is not None else DEFAULT_RETENTION_YEARS
        except ValueError:
            return DEFAULT_RETENTION_YEARS
        return min(MAX_RETENTION_YEARS, max(MIN_RETENTION_YEARS, years))

    def set_retention_years(self, years: int) -> int:
        require(self.ctx, "erase")
        if not isinstance(years, int) or not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
            raise ValidationError({"retention_years": f"từ {MIN_RETENTION_YEARS} đến {MAX_RETENTION_YEARS} năm."})
        with self.ctx.write() as s:
            set_setting(s, RETENTION_KEY, str(years))
        return years

    # ---- what is kept about a member --------------------------------------------------------
    def collect(self, member_id: str) -> PersonalRecord:
        require(self.ctx, "personal")
        with self.ctx.read() as s:
            m = s.get(Member, member_id)
            if m is None or m.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            group = s.get(UnitGroup, m.group_id) if m.group_id else None
            sections: list[Section] = []
            events = s.scalars(select(MemberEvent).where(MemberEvent.member_id == m.id,
                                                         MemberEvent.deleted_at.is_(None)).order_by(MemberEvent.seq))
            sections.append(Section("events", "Quá trình sinh hoạt công đoàn", (
                ("date", "Ngày", "date"), ("kind", "Thay đổi", "text"), ("reason", "Lý do", "text"),
                ("decision_number", "Số quyết định", "text")),
                tuple((e.event_date, EVENT_KINDS[e.kind].label, e.reason, e.decision_number) for e in events)))
            bases = s.scalars(select(DuesBasis).where(DuesBasis.member_id == m.id, DuesBasis.deleted_at.is_(None))
                              .order_by(DuesBasis.from_month))
            sections.append(Section("dues_bases", "Căn cứ đóng đoàn phí", (
                ("from_month", "Từ tháng", "month"), ("basis", "Căn cứ", "text"), ("amount", "Số tiền (đồng)", "money")),
                tuple((None if b.from_month.year < 1901 else b.from_month, DUES_BASES.get(b.basis, b.basis), b.amount)
                      for b in bases)))
            exemptions = s.scalars(select(DuesExemption).where(DuesExemption.member_id == m.id,
                                                               DuesExemption.deleted_at.is_(None))
                                   .order_by(DuesExemption.from_month))
            sections.append(Section("exemptions", "Miễn đoàn phí", (
                ("from_month", "Từ tháng", "month"), ("to_month", "Đến tháng", "month"), ("reason", "Lý do", "text"),
                ("note", "Ghi chú", "text")),
                tuple((e.from_month, e.to_month, EXEMPT_REASONS.get(e.reason, e.reason), e.note) for e in exemptions)))
            paid = s.execute(
                select(DuesPayment.month, DuesPayment.amount, CashDoc.book_code, CashDoc.number, CashDoc.doc_date,
                       CashDocVoid.id.label("void_id"))
                .join(CashDoc, CashDoc.id == DuesPayment.doc_id)
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                .where(DuesPayment.member_id == m.id, DuesPayment.deleted_at.is_(None))
                .order_by(DuesPayment.month, CashDoc.doc_date)).all()
            # Paid by transfer: on the bank credit (giấy báo Có) instead of a receipt.
            by_bank = s.execute(
                select(DuesPayment.month, DuesPayment.amount, BankEntry.entry_date, BankEntryVoid.id.label("void_id"))
                .join(BankEntry, BankEntry.id == DuesPayment.bank_entry_id)
                .outerjoin(BankEntryVoid, BankEntryVoid.entry_id == BankEntry.id)
                .where(DuesPayment.member_id == m.id, DuesPayment.deleted_at.is_(None))).all()
            paid_rows = sorted([(p.month, p.amount, f"{p.book_code}/{p.number:04d}", p.doc_date, p.void_id is not None)
                                for p in paid]
                               + [(p.month, p.amount, "Giấy báo Có", p.entry_date, p.void_id is not None)
                                  for p in by_bank], key=lambda r: (r[0], r[3]))
            sections.append(Section("dues_paid", "Đoàn phí đã nộp", (
                ("month", "Tháng", "month"), ("amount", "Số tiền (đồng)", "money"), ("receipt", "Phiếu thu", "text"),
                ("receipt_date", "Ngày phiếu", "date"), ("voided", "Phiếu đã hủy", "bool")),
                tuple(paid_rows)))
            docs = s.execute(
                select(CashDoc.kind, CashDoc.book_code, CashDoc.number, CashDoc.doc_date, CashDoc.person_name,
                       CashDoc.reason, CashDoc.amount, CashDocVoid.id.label("void_id"))
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                .where(CashDoc.member_id == m.id, CashDoc.deleted_at.is_(None))
                .order_by(CashDoc.doc_date, CashDoc.number))
            sections.append(Section("cash_docs", "Phiếu thu, phiếu chi đứng tên đoàn viên", (
                ("kind", "Loại", "text"), ("ref", "Số phiếu", "text"), ("date", "Ngày", "date"),
                ("person_name", "Người nộp / nhận", "text"), ("reason", "Nội dung", "text"),
                ("amount", "Số tiền (đồng)", "money"), ("voided", "Đã hủy", "bool")),
                tuple(("Phiếu thu" if d.kind == "thu" else "Phiếu chi", f"{d.book_code}/{d.number:04d}", d.doc_date,
                       d.person_name, d.reason, d.amount, d.void_id is not None) for d in docs)))
            acts = s.execute(
                select(Activity.start_date, Activity.title, Activity.kind, ActivityMember.attendance,
                       ActivityMember.reason, ActivityMember.amount, ActivityMember.note)
                .join(Activity, Activity.id == ActivityMember.activity_id)
                .where(ActivityMember.member_id == m.id, ActivityMember.deleted_at.is_(None),
                       Activity.deleted_at.is_(None))
                .order_by(Activity.start_date))
            sections.append(Section("activities", "Hoạt động đã tham gia", (
                ("date", "Ngày", "date"), ("title", "Hoạt động", "text"), ("kind", "Loại", "text"),
                ("attendance", "Tham dự", "text"), ("reason", "Lý do vắng", "text"),
                ("amount", "Số tiền nhận (đồng)", "money"), ("note", "Ghi chú", "text")),
                tuple((a.start_date, a.title, ACTIVITY_KINDS.get(a.kind, a.kind),
                       ATTENDANCE.get(a.attendance or "", a.attendance), a.reason, a.amount, a.note) for a in acts)))
            return PersonalRecord(m.id, m.full_name, utcnow(), _fields(m, group.name if group else None),
                                  tuple(sections))

    # ---- export ------------------------------------------------------------------------------
    def export(self, member_id: str, out: Path | str) -> Path:
        """The member's data into out (.pdf, .json or .xlsx), written completely or not at
        all (services/safe_files.py); the export is recorded in the audit log."""
        out = Path(out)
        suffix = out.suffix.lower()
        if suffix not in FORMATS:
            raise ValidationError({"file": f"chọn tệp .pdf (để in, trao cho đoàn viên), .xlsx hoặc .json "
                                           f"(“{out.name}” không phải các loại đó)."})
        record = self.collect(member_id)
        with atomic_write(out) as tmp:
            if suffix == ".json":
                tmp.write_text(json.dumps(as_json(record), ensure_ascii=False, indent=2), encoding="utf-8")
            elif suffix == ".xlsx":
                _write_xlsx(record, tmp)
            else:
                self._write_pdf(record, tmp)
        with self.ctx.write() as s:
            write_audit(s.connection(), "member", "export", row_id=record.member_id, new=out.name,
                        label=record.full_name)
        return out

    def _write_pdf(self, record: PersonalRecord, out: Path) -> None:
        header = Documents(self.ctx).header()
        render_personal_data(header, PersonalDataSheet(
            subject=record.full_name, made_on=date.today(), sections=_tables(record)), out)

    # ---- erasure -------------------------------------------------------------------------------
    def check_erasure(self, member_id: str, today: date | None = None) -> ErasureCheck:
        today = today or date.today()
        years = self.retention_years()
        with self.ctx.read() as s:
            m = s.get(Member, member_id)
            if m is None or m.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy đoàn viên có mã {member_id}.")
            events = s.execute(select(MemberEvent.kind, MemberEvent.event_date).where(
                MemberEvent.member_id == m.id, MemberEvent.deleted_at.is_(None))
                .order_by(MemberEvent.event_date, MemberEvent.seq, MemberEvent.id)).all()
            name, status, erased_at = m.full_name, m.status, m.erased_at
        left_on = left_date(events) if status in DEPARTED_STATUSES else None
        until = _add_years(left_on, years) if left_on else None
        if erased_at is not None:
            return ErasureCheck(member_id, name, status, left_on, until, erased_at, False,
                                f"Dữ liệu cá nhân đã được xóa ngày {format_date(erased_at.date())}.")
        if status not in DEPARTED_STATUSES:
            return ErasureCheck(member_id, name, status, None, None, None, False,
                                f"{name} đang là đoàn viên ({STATUS_LABELS[status]}): chỉ xóa được dữ liệu cá nhân "
                                f"của người đã rời công đoàn, sau {years} năm.")
        if left_on is None or until is None:  # until is known when left_on is
            return ErasureCheck(member_id, name, status, None, None, None, False,
                                f"Không rõ ngày {name} rời công đoàn: hãy ghi ngày đó trong quá trình sinh hoạt trước.")
        if today < until:
            return ErasureCheck(member_id, name, status, left_on, until, None, False,
                                f"{name} rời công đoàn ngày {format_date(left_on)}: dữ liệu được lưu giữ {years} năm, "
                                f"xóa được từ ngày {format_date(until)}.")
        return ErasureCheck(member_id, name, status, left_on, until, None, True,
                            f"{name} rời công đoàn ngày {format_date(left_on)}, đã quá thời hạn lưu giữ {years} năm: "
                            "xóa được dữ liệu cá nhân.")

    def erase(self, member_id: str, *, confirm: str, today: date | None = None) -> ErasureCheck:
        """Erase the personal data of a member who left more than the retention period ago.

        confirm: the member's full name as shown (typed again by the chair). One
        transaction: the member's fields anonymised, their free-text notes elsewhere
        cleared, the audit log's copies of the values redacted, one audit row saying it
        was done (per-row auditing is off meanwhile, or it would copy the old values in)."""
        require(self.ctx, "erase")
        check = self.check_erasure(member_id, today)
        if not check.allowed:
            raise ErasureError(check.reason)
        if fold(" ".join((confirm or "").split())) != fold(check.full_name):
            raise ErasureError(f"Để xác nhận, hãy gõ đúng họ tên “{check.full_name}”.")
        code = member_id.replace("-", "")[-6:].upper()
        anonymous = f"Đoàn viên đã xóa dữ liệu #{code}"
        years = self.retention_years()
        with self.ctx.write() as s:
            m = s.get_one(Member, member_id)  # check_erasure has just found it
            conn = s.connection()
            # Per-row auditing off for this transaction (it would copy every old value into
            # the log); on a rollback the switch goes back with everything else.
            conn.execute(text("UPDATE audit_session SET bulk = 1 WHERE id = 1"))
            if m.salary is not None and not s.scalar(select(DuesBasis.id).where(
                    DuesBasis.member_id == m.id, DuesBasis.deleted_at.is_(None)).limit(1)):
                # The dues of the months they were a member are computed from the salary of
                # the time: it stays with the dues books, as the basis history.
                s.add(DuesBasis(id=new_id(), member_id=m.id, from_month=date(1900, 1, 1),
                                basis=m.dues_basis or "bhxh", amount=m.salary, device_id=self.ctx.device_id))
            m.full_name = anonymous
            m.birth_date = None
            m.birth_year_only = False
            m.party_member = False
            for key in ERASED_FIELDS:
                setattr(m, key, None)
            m.search_key = fold(anonymous)
            m.sort_key = sort_key(anonymous)
            m.dup_key = None
            m.erased_at = utcnow()
            m.device_id = self.ctx.device_id
            # Free text written about them elsewhere (reasons of absence, notes, the reason
            # of each status change) may tell about health or family: cleared. Kinds, dates
            # and amounts stay: the history and the books need them.
            s.execute(update(MemberEvent).where(MemberEvent.member_id == m.id, MemberEvent.reason.is_not(None))
                      .values(reason=None, device_id=self.ctx.device_id))
            # The copy of them a transfer to or from another unit carried (issue 15, item 8).
            s.execute(update(MemberTransfer).where(MemberTransfer.member_id == m.id)
                      .values(member_data=None, reason=None, answer_reason=None, device_id=self.ctx.device_id))
            s.execute(update(ActivityMember).where(ActivityMember.member_id == m.id)
                      .where((ActivityMember.reason.is_not(None)) | (ActivityMember.note.is_not(None)))
                      .values(reason=None, note=None, device_id=self.ctx.device_id))
            s.execute(update(DuesExemption).where(DuesExemption.member_id == m.id)
                      .where((DuesExemption.note.is_not(None)) | (DuesExemption.reason != "other"))
                      .values(reason="other", note=None, device_id=self.ctx.device_id))
            s.flush()
            _redact_audit(conn, member_id)
            bulk_end(conn)
            write_audit(conn, "member", "erase", row_id=member_id, label=anonymous,
                        new=f"Thời hạn lưu giữ {years} năm từ ngày rời công đoàn {format_date(check.left_on)}")
        return self.check_erasure(member_id, today)


def left_date(events: Iterable[tuple[str, date | None]]) -> date | None:
    """The day a member stopped being one: the first departure (moved away, left,
    expelled, died) after their last admission. Left in 2015 and died in 2020: 2015.
    events: (kind, date) in time order."""
    left_on = None
    for kind, day in events:
        if EVENT_KINDS[kind].to_status in DEPARTED_STATUSES:
            if left_on is None:
                left_on = day
        else:
            left_on = None
    return left_on


def _redact_audit(conn: Connection, member_id: str) -> None:
    for sql, params in redaction_sql(member_id):
        conn.exec_driver_sql(sql, params)


def as_json(record: PersonalRecord) -> dict[str, object]:
    out: dict[str, object] = {"member_id": record.member_id,
                              "made_at": record.made_at.isoformat(sep=" ", timespec="seconds") + "Z",
                              "member": {f.key: _json_value(f.value) for f in record.fields}}
    for sec in record.sections:
        keys = [k for k, _, _ in sec.columns]
        out[sec.key] = [{k: _json_value(v) for k, v in zip(keys, row)} for row in sec.rows]
    return out


def _tables(record: PersonalRecord) -> tuple[DataSection, ...]:
    """The record as the tables of text the PDF and the Excel workbook show."""
    fields = tuple((f.label, cell(f.value, f.kind)) for f in record.fields)
    return (DataSection(MEMBER_TITLE, ("Thông tin", "Nội dung"), fields, (0.38, 0.62)),
            *(DataSection(sec.title, tuple(h for _, h, _ in sec.columns),
                          tuple(tuple(cell(v, kind) for v, (_, _, kind) in zip(row, sec.columns)) for row in sec.rows),
                          PDF_SHARES.get(sec.key))
              for sec in record.sections))


def _write_xlsx(record: PersonalRecord, out: Path) -> None:
    # Imported here to keep start-up fast: the member editor imports this module as it
    # opens (and the command line for each personal-data command), and openpyxl takes
    # about 0.2 s to load, needed only when a workbook is written.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for table in _tables(record):
        ws = wb.create_sheet(table.title[:31])
        ws.append(list(table.headers))
        for row in table.rows:
            ws.append(list(row))
        for c in ws[1]:
            c.font = bold
        for col in ws.columns:
            ws.column_dimensions[col[0].column_letter].width = min(60, max(10, *(len(str(c.value or "")) + 2
                                                                              for c in col)))
    wb.save(out)
