"""A member's transfer to another unit of the platform (chuyển sinh hoạt công đoàn,
HD 03/HD-TLĐ of 20/02/2020), issue 15 item 8.

The sending PC records the transferred_out event and a member_transfer row "out" in one
transaction; the row syncs, and the server hands a copy ("in", same id) to the receiving
unit. There a PC accepts it: the member is made from the data the row carries, with a
transferred_in event dated the transfer's day, again in one transaction; or declines it
with a reason. The answer syncs back and the server writes it on the sender's row. The
sender's member keeps its whole history (the transfer is an event, not a deletion).

What travels of the member is protocol/transfers.py's: without recorded consent
(member.consent_date) only name, birth date, sex and joining date. The member and the
event made on accepting have ids that follow from the transfer's, so two PCs of the
receiving unit that accept it make one member, not two."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models import Member, MemberEvent, MemberTransfer, Unit, utcnow
from desktop.services.core.context import Context
from desktop.services.core.dates import format_date
from desktop.services.core.errors import NotFoundError, StatusChangeError, ValidationError
from desktop.services.core.permissions import mask_id, may_see_personal, refuse_personal
from desktop.services.core.statuses import status_after
from desktop.services.core.text import clean
from desktop.services.members.rules import MemberInput
from desktop.services.members.service import MemberService
from desktop.sync.outbox import retry_refused
from protocol.fields import field_problem
from protocol.transfers import (
    BASIC_FIELDS,
    PERSONAL_FIELDS,
    event_id_for,
    member_data,
    member_data_problem,
    member_id_for,
)

STATUS_LABELS = {"proposed": "Chờ trả lời", "accepted": "Đã nhận", "declined": "Đã từ chối"}
DIRECTION_LABELS = {"out": "Chuyển đi", "in": "Chuyển đến"}
RECENT_DAYS = 30  # an answer from the receiving unit stays on the members page this long
_DATES = ("birth_date", "id_issue_date", "joined_date", "consent_date")
_FLAGS = ("birth_year_only", "party_member")


@dataclass(frozen=True)
class TransferRow:
    id: str
    direction: str
    member_id: str | None
    full_name: str
    birth_text: str
    from_unit: str  # "CODE — name" for a transfer in; empty for one out
    to_unit_code: str
    transfer_date: date
    reason: str | None
    with_personal_data: bool
    status: str
    answered_at: datetime | None
    answer_reason: str | None
    member_data: dict[str, Any]
    sent: bool = True  # the server has it (a transfer out not sent yet, or refused, may be redirected)

    @property
    def status_label(self) -> str:
        if not self.sent and self.direction == "out":
            return "Chưa gửi đến máy chủ"
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def redirectable(self) -> bool:
        return self.direction == "out" and self.status == "proposed" and not self.sent

    @property
    def direction_label(self) -> str:
        return DIRECTION_LABELS.get(self.direction, self.direction)


def _sync_value(value: object) -> object:
    """A member's value as it syncs (protocol/messages.py): dates as text, flags as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(t: MemberTransfer) -> TransferRow:
    try:
        data = json.loads(t.member_data) if t.member_data else {}
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    birth = data.get("birth_date")
    birth_text = ""
    if isinstance(birth, str):
        try:
            birth_text = format_date(date.fromisoformat(birth), year_only=bool(data.get("birth_year_only")))
        except ValueError:
            birth_text = ""
    origin = " — ".join(x for x in (t.from_unit_code, t.from_unit_name) if x) if t.direction == "in" else ""
    return TransferRow(t.id, t.direction, t.member_id, str(data.get("full_name") or ""), birth_text, origin,
                       t.to_unit_code, t.transfer_date, t.reason, bool(t.with_personal_data), t.status,
                       t.answered_at, t.answer_reason, data, t.server_seq is not None)


class TransferService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.members = MemberService(ctx)

    def _shown(self, t: MemberTransfer) -> TransferRow:
        """A transfer as this user may see it: the ID number masked as on the members' list
        for a role that may not see personal data (services/core/permissions.py)."""
        row = _row(t)
        if row.member_data.get("id_number") and not may_see_personal(self.ctx):
            return replace(row, member_data={**row.member_data, "id_number": mask_id(row.member_data["id_number"])})
        return row

    # ---- the sending unit -----------------------------------------------------------
    def transfer_out(self, member_id: str, to_unit_code: str, transfer_date: date | None, *,
                     reason: str | None = None, with_personal_data: bool = False) -> TransferRow:
        """The member's transferred_out event and the transfer's row, in one transaction."""
        code = clean(to_unit_code)
        if not code:
            raise ValidationError({"to_unit_code": "“Mã đơn vị chuyển đến” không được để trống: hãy hỏi đơn vị nhận "
                                                  "mã đơn vị của họ trên hệ thống."})
        problem = field_problem("member_transfer", "to_unit_code", code)
        if problem is not None:
            raise ValidationError({"to_unit_code": problem})
        reason = clean(reason)
        if reason is not None and (problem := field_problem("member_transfer", "reason", reason)) is not None:
            raise ValidationError({"transfer_reason": problem})
        if transfer_date is None:
            raise ValidationError({"transfer_date": "“Ngày chuyển sinh hoạt” không được để trống."})
        if transfer_date > date.today():
            raise ValidationError({"transfer_date": f"“Ngày chuyển sinh hoạt” {format_date(transfer_date)} ở trong "
                                                    "tương lai."})
        if with_personal_data and not may_see_personal(self.ctx):
            raise refuse_personal(self.ctx, "id_number")
        with self.ctx.write() as s:
            own = s.scalar(select(Unit.code).where(Unit.deleted_at.is_(None)).limit(1))
            if own and own.casefold() == code.casefold():
                raise ValidationError({"to_unit_code": f"“Mã đơn vị chuyển đến”: “{code}” là mã của chính đơn vị này."})
            m = s.get(Member, member_id)
            if m is None or m.deleted_at is not None:
                raise NotFoundError(f"Không có đoàn viên mã {member_id}.")
            if with_personal_data and m.consent_date is None:
                raise ValidationError({"with_personal_data": (
                    f"Không gửi kèm dữ liệu cá nhân được: đoàn viên {m.full_name} chưa có ngày đồng ý xử lý dữ liệu cá nhân: chỉ gửi được họ tên, "
                    "ngày sinh, giới tính và ngày vào công đoàn. Hãy ghi ngày đồng ý trong hồ sơ trước.")})
            self.members.record_event(s, m, "transferred_out", transfer_date, reason=reason)
            values = {k: _sync_value(getattr(m, k)) for k in BASIC_FIELDS + PERSONAL_FIELDS}
            data = member_data(values, with_personal_data)
            problem = member_data_problem(data, int(with_personal_data))
            if problem is not None:
                raise ValidationError({"member_data": problem})
            t = MemberTransfer(direction="out", member_id=m.id, to_unit_code=code, transfer_date=transfer_date,
                               reason=reason, with_personal_data=with_personal_data,
                               consent_date=m.consent_date if with_personal_data else None, member_data=data,
                               status="proposed", device_id=self.ctx.device_id)
            s.add(t)
            s.flush()
            return self._shown(t)

    def redirect(self, transfer_id: str, to_unit_code: str) -> TransferRow:
        """Another receiving unit for a transfer the server has not taken (it refused the
        code, or it was not sent yet): the row is sent again, with the new code, at the next sync."""
        code = clean(to_unit_code)
        if not code:
            raise ValidationError({"to_unit_code": "“Mã đơn vị chuyển đến” không được để trống."})
        problem = field_problem("member_transfer", "to_unit_code", code)
        if problem is not None:
            raise ValidationError({"to_unit_code": problem})
        with self.ctx.write() as s:
            t = self._load(s, transfer_id)
            if t.direction != "out" or t.server_seq is not None:
                raise StatusChangeError("Đề nghị đã đến máy chủ nên không đổi được đơn vị nhận; nếu sai, hãy nhờ "
                                        "đơn vị nhận từ chối rồi ghi đề nghị mới.")
            own = s.scalar(select(Unit.code).where(Unit.deleted_at.is_(None)).limit(1))
            if own and own.casefold() == code.casefold():
                raise ValidationError({"to_unit_code": f"“Mã đơn vị chuyển đến”: “{code}” là mã của chính đơn vị này."})
            t.to_unit_code, t.device_id = code, self.ctx.device_id
            s.flush()
            retry_refused(cast(sqlite3.Connection, s.connection().connection.driver_connection), "member_transfer",
                          t.id)
            return self._shown(t)

    def restore_declined(self) -> int:
        """Members whose transfer the receiving unit declined are back on this unit's books:
        the transferred_out event the proposal recorded is taken back (deleted, which syncs)
        while it is still the member's last event; the member's status follows from the
        events left. Run after each sync (services/sync); returns how many were restored."""
        restored = 0
        with self.ctx.write() as s:
            declined = s.scalars(select(MemberTransfer).where(
                MemberTransfer.direction == "out", MemberTransfer.status == "declined",
                MemberTransfer.deleted_at.is_(None), MemberTransfer.member_id.is_not(None)))
            for t in declined:
                m = s.get(Member, t.member_id)
                if m is None or m.deleted_at is not None:
                    continue
                if s.scalar(select(MemberTransfer.id).where(
                        MemberTransfer.direction == "out", MemberTransfer.member_id == m.id,
                        MemberTransfer.status != "declined", MemberTransfer.deleted_at.is_(None)).limit(1)):
                    # Proposed again (perhaps with the same date) or accepted since: the last
                    # transferred_out event is that transfer's, not the declined one's.
                    continue
                events = list(s.scalars(select(MemberEvent).where(
                    MemberEvent.member_id == m.id, MemberEvent.deleted_at.is_(None)).order_by(
                        MemberEvent.event_date, MemberEvent.seq, MemberEvent.id)))
                last = events[-1] if events else None
                if last is None or last.kind != "transferred_out" or last.event_date != t.transfer_date:
                    continue  # already restored, or the member's story went on since: left as it is
                last.deleted_at = utcnow()
                m.status = status_after([e.kind for e in events[:-1]])
                restored += 1
        return restored

    # ---- both ------------------------------------------------------------------------
    def transfers(self, direction: str | None = None, status: str | None = None) -> list[TransferRow]:
        with self.ctx.read() as s:
            q = select(MemberTransfer).where(MemberTransfer.deleted_at.is_(None))
            if direction:
                q = q.where(MemberTransfer.direction == direction)
            if status:
                q = q.where(MemberTransfer.status == status)
            return [self._shown(t) for t in s.scalars(q.order_by(MemberTransfer.transfer_date.desc(), MemberTransfer.id))]

    def current(self, today: date | None = None) -> list[TransferRow]:
        """What the members page shows: proposals waiting for this unit's answer first, then
        this unit's own transfers still waiting or answered in the last RECENT_DAYS days."""
        since = datetime.combine((today or date.today()) - timedelta(days=RECENT_DAYS), datetime.min.time())
        with self.ctx.read() as s:
            rows = s.scalars(select(MemberTransfer).where(MemberTransfer.deleted_at.is_(None), or_(
                MemberTransfer.status == "proposed",
                (MemberTransfer.direction == "out") & (MemberTransfer.answered_at >= since)))
                .order_by(MemberTransfer.direction, MemberTransfer.transfer_date.desc(), MemberTransfer.id))
            return [self._shown(t) for t in rows]

    def get(self, transfer_id: str) -> TransferRow:
        with self.ctx.read() as s:
            return self._shown(self._load(s, transfer_id))

    def _load(self, s: Session, transfer_id: str) -> MemberTransfer:
        t = s.get(MemberTransfer, transfer_id)
        if t is None or t.deleted_at is not None:
            raise NotFoundError(f"Không có đề nghị chuyển sinh hoạt mã {transfer_id}.")
        return t

    def _proposal(self, s: Session, transfer_id: str) -> MemberTransfer:
        t = self._load(s, transfer_id)
        if t.direction != "in":
            raise StatusChangeError("Đề nghị này do đơn vị mình gửi đi: đơn vị nhận mới trả lời được.")
        if t.status != "proposed":
            raise StatusChangeError(f"Đề nghị đã được trả lời ({STATUS_LABELS.get(t.status, t.status)}).")
        return t

    # ---- the receiving unit -------------------------------------------------------------
    def accept(self, transfer_id: str) -> TransferRow:
        """The member made (or found by CCCD) with a transferred_in event, and the answer, in one transaction."""
        with self.ctx.write() as s:
            t = self._proposal(s, transfer_id)
            problem = member_data_problem(t.member_data, int(t.with_personal_data))
            if problem is not None:
                raise ValidationError({"member_data": problem})
            v = _input(json.loads(t.member_data or "{}"))
            m = s.get(Member, member_id_for(t.id))  # accepted on another PC of the unit, already synced
            if m is None:
                matches, certain = self.members.find_duplicates(s, v)
                found = s.get(Member, matches[0].id) if certain and matches else None
                if found is not None:
                    m = found  # the same person by CCCD or card: the event goes on their record
                else:
                    m = Member(id=member_id_for(t.id))
                    self.members.write_fields(m, v)
                    m.status = "active"
                    s.add(m)
                    s.flush()
            if s.get(MemberEvent, event_id_for(t.id)) is None:
                self.members.record_event(s, m, "transferred_in", t.transfer_date,
                                          reason=f"Chuyển đến từ {t.from_unit_name or t.from_unit_code}",
                                          event_id=event_id_for(t.id))
            t.status, t.member_id, t.answered_at = "accepted", m.id, utcnow()
            t.device_id = self.ctx.device_id
            s.flush()
            return self._shown(t)

    def decline(self, transfer_id: str, reason: str | None) -> TransferRow:
        reason = clean(reason)
        if not reason:
            raise ValidationError({"answer_reason": "“Lý do từ chối” không được để trống: đơn vị chuyển đi cần biết "
                                                   "vì sao."})
        problem = field_problem("member_transfer", "answer_reason", reason)
        if problem is not None:
            raise ValidationError({"answer_reason": problem})
        with self.ctx.write() as s:
            t = self._proposal(s, transfer_id)
            t.status, t.answer_reason, t.answered_at = "declined", reason, utcnow()
            # Who was proposed stays on the answer; their personal data does not stay here.
            kept = {k: v for k, v in json.loads(t.member_data or "{}").items() if k in BASIC_FIELDS}
            t.member_data = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            t.device_id = self.ctx.device_id
            s.flush()
            return self._shown(t)


def _input(data: dict[str, Any]) -> MemberInput:
    """The member as it arrived (values checked against their fields by member_data_problem)."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _DATES and isinstance(value, str):
            values[key] = date.fromisoformat(value)
        elif key in _FLAGS:
            values[key] = bool(value)
        else:
            values[key] = clean(value) if isinstance(value, str) else value
    values.setdefault("birth_date", None)  # a member may have been kept without one
    return MemberInput(**values, first_event="transferred_in")
