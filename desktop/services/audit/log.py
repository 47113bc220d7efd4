"""Reading the audit log: search, newest first, one page at a time (the chair only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from desktop.models import AuditLog, Member
from desktop.services.audit import text as audit_text
from desktop.services.core.context import Context
from desktop.services.core.permissions import require
from desktop.services.core.text import search_terms

TABLE_LABELS = {
    "member": "Đoàn viên", "member_event": "Quá trình đoàn viên", "unit": "Đơn vị", "unit_group": "Tổ công đoàn",
    "cash_doc": "Phiếu thu/chi", "cash_doc_void": "Hủy phiếu", "receipt_book": "Quyển phiếu",
    "dues_payment": "Đoàn phí đã nộp", "dues_basis": "Căn cứ đóng đoàn phí", "dues_exemption": "Miễn đoàn phí",
    "remittance": "Nộp cấp trên", "dues_rule": "Quy định đoàn phí", "base_salary": "Lương cơ sở",
    "remit_rule": "Tỷ lệ nộp cấp trên", "activity": "Hoạt động", "activity_member": "Người tham gia hoạt động",
    "activity_doc": "Văn bản hoạt động", "activity_payment": "Chi hoạt động",
    "year_close": "Khoá sổ, mở lại sổ năm",
}
ACTION_LABELS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa", "bulk": "Ghi hàng loạt",
                 "export": "Xuất dữ liệu", "erase": "Xóa dữ liệu cá nhân"}


@dataclass(frozen=True)
class AuditQuery:
    search: str = ""  # a member's name (with or without marks), a record id, a value
    tbl: str | None = None
    user: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: str
    at: datetime  # UTC
    user_name: str | None
    tbl: str
    row_id: str | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    label: str | None

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.tbl, self.tbl)

    @property
    def field_label(self) -> str:
        return audit_text.field_label(self.tbl, self.field)

    @property
    def old_text(self) -> str:
        return audit_text.value_text(self.tbl, self.field, self.old_value)

    @property
    def new_text(self) -> str:
        return audit_text.value_text(self.tbl, self.field, self.new_value)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


def _where(q: AuditQuery) -> ColumnElement[bool]:
    cond: list[ColumnElement[bool]] = []
    if q.tbl:
        cond.append(AuditLog.tbl == q.tbl)
    if q.user:
        cond.append(AuditLog.user_name == q.user)
    # Dates are the user's local days; the log is in UTC (Vietnam: UTC+7, no summer time).
    if q.date_from:
        cond.append(AuditLog.at >= datetime.combine(q.date_from, time()) - timedelta(hours=7))
    if q.date_to:
        cond.append(AuditLog.at < datetime.combine(q.date_to + timedelta(days=1), time()) - timedelta(hours=7))
    text = (q.search or "").strip()
    if text:
        terms = search_terms(text)
        members = select(Member.id).where(*(func.instr(Member.search_key, t) > 0 for t in terms))
        names = select(Member.full_name).where(*(func.instr(Member.search_key, t) > 0 for t in terms))
        like = f"%{text}%"
        cond.append(or_(AuditLog.row_id == text, AuditLog.row_id.in_(members), AuditLog.label.in_(names),
                        AuditLog.label.like(like), AuditLog.old_value.like(like), AuditLog.new_value.like(like)))
    return and_(*cond) if cond else true()


def _text(value: object) -> str | None:
    """A value as the log keeps it, as text (SQLite may hand back a number it stored as one)."""
    return None if value is None else str(value)


class AuditService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def count(self, q: AuditQuery = AuditQuery()) -> int:
        require(self.ctx, "audit")
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).select_from(AuditLog).where(_where(q))) or 0

    def page(self, q: AuditQuery = AuditQuery(), offset: int = 0, limit: int = 200) -> list[AuditRow]:
        require(self.ctx, "audit")
        stmt = (select(AuditLog.id, AuditLog.at, AuditLog.user_name, AuditLog.tbl, AuditLog.row_id, AuditLog.action,
                       AuditLog.field, AuditLog.old_value, AuditLog.new_value, AuditLog.label)
                .where(_where(q)).order_by(AuditLog.at.desc(), AuditLog.id.desc()).offset(offset).limit(limit))
        with self.ctx.read() as s:
            return [AuditRow(r.id, r.at, r.user_name, r.tbl, r.row_id, r.action, r.field, _text(r.old_value),
                             _text(r.new_value), r.label) for r in s.execute(stmt)]

    def users(self) -> list[str]:
        require(self.ctx, "audit")
        with self.ctx.read() as s:
            return [u for u in s.scalars(select(AuditLog.user_name).distinct().order_by(AuditLog.user_name)) if u]
