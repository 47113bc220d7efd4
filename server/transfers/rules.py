"""What a push may do with a member_transfer row (issue 15, item 8), checked per mutation
before it merges (server/sync/merge.py), after its values were checked field by field.

- The sending unit's PC makes a row "out", once, addressed by the receiving unit's code:
  the unit must be on the platform and not the sender; the member's data must be the
  fields protocol/transfers.py lets travel (personal ones only with consent). The row is
  then the sender's record of the transfer: its PCs never change it (the server writes the
  answer on it).
- The receiving unit's rows "in" are made by the server only (server/transfers/delivery.py);
  its PCs write the answer and nothing else, and the first answer stands: two PCs that
  accept make the same change (the member's id follows from the transfer's), a decline
  after an accept (or the other way) is refused.
Anything else a device sends is refused with a Vietnamese message, never stored."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protocol import Mutation
from protocol.fields import FIELDS
from protocol.transfers import member_data_problem
from server.sync.refusal import Refusal
from server.transfers.models import TransferLetter
from server.units.models import Unit

TABLE = "member_transfer"
_LABEL = "Chuyển sinh hoạt công đoàn"
# What the receiving unit's PCs write on their row: the answer.
ANSWER_FIELDS = frozenset({"status", "answered_at", "answer_reason", "member_id"})
ANSWERS = ("accepted", "declined")
# What the erasure of a member's data after the retention period clears on their transfers
# (desktop/services/personal_data): either unit may clear it, and nothing else, at any time.
ERASABLE = frozenset({"member_data", "reason", "answer_reason"})
STATUS_NAMES = {"proposed": "chờ trả lời", "accepted": "đã nhận", "declined": "đã từ chối"}


def _field(name: str) -> str:
    return f"{_LABEL} — “{FIELDS[TABLE][name].label}”"


class TransferRules:
    def __init__(self, s: Session, unit_id: int) -> None:
        self.s = s
        self.unit_id = unit_id

    def check(self, m: Mutation, stored: dict[str, Any] | None) -> Refusal | None:
        if stored is None:
            return self._new(m)
        changed = {k: v for k, v in m.fields.items() if stored.get(k) != v}
        if changed and changed.keys() <= ERASABLE and all(v is None for v in changed.values()):
            return None  # the member's data erased (the row is this unit's own: the server made or took it)
        if stored.get("direction") == "out":
            if all(stored.get(f) == v for f, v in m.fields.items()):
                return None  # the same row again: nothing changes
            return Refusal("transfer_locked", f"{_LABEL}: đề nghị đã gửi không sửa hay xóa được; nếu có sai sót, "
                                              "hãy liên hệ đơn vị nhận để họ từ chối rồi lập đề nghị mới.")
        return self._answer(m, stored)

    def _new(self, m: Mutation) -> Refusal | None:
        f = m.fields
        if m.op != "insert" or f.get("direction") != "out":
            return Refusal("transfer_forged", f"{_LABEL}: đề nghị chuyển đến chỉ do máy chủ tạo từ đề nghị của "
                                              "đơn vị chuyển đi; thay đổi không được lưu.")
        for name in ("status", "answered_at", "answer_reason", "from_unit_code", "from_unit_name", "deleted_at"):
            if f.get(name) not in (None, "proposed"):
                return Refusal("transfer_forged", f"{_field(name)} do đơn vị nhận trả lời, không do đơn vị "
                                                  "chuyển đi ghi.")
        if f.get("status") != "proposed":
            return Refusal("invalid_field", f"{_field('status')} của đề nghị mới phải là “proposed”.")
        # Every field the PCs' table requires: a proposal missing one would reach the
        # receiving unit and fail there, and the sender's row would wait for ever.
        for name, spec in FIELDS["member_transfer"].items():
            if not spec.nullable and f.get(name) is None:
                return Refusal("invalid_field", f"{_field(name)} không được để trống.")
        if f.get("member_id") is None:
            return Refusal("invalid_field", f"{_field('member_id')} không được để trống.")
        if f.get("with_personal_data") == 1 and f.get("consent_date") is None:
            return Refusal("no_consent", f"{_field('with_personal_data')}: đoàn viên chưa có ngày đồng ý xử lý dữ "
                                         "liệu cá nhân nên chỉ gửi được họ tên, ngày sinh, giới tính và ngày vào "
                                         "công đoàn.")
        problem = member_data_problem(f.get("member_data"), f.get("with_personal_data"))
        if problem is not None:
            return Refusal("invalid_field", problem)
        code = f.get("to_unit_code")
        to = self.s.execute(select(Unit.id, Unit.code, Unit.name).where(Unit.code == code)).first()
        if to is None:
            return Refusal("unknown_unit", f"{_field('to_unit_code')}: không có đơn vị mã “{str(code)[:50]}” trên "
                                           "hệ thống; hãy hỏi đơn vị nhận mã đơn vị của họ.")
        if to.id == self.unit_id:
            return Refusal("same_unit", f"{_field('to_unit_code')} là chính đơn vị này: chuyển giữa các tổ trong "
                                        "đơn vị thì đổi tổ của đoàn viên, không chuyển sinh hoạt.")
        if self.s.get(TransferLetter, m.row_id) is not None:
            return Refusal("transfer_forged", f"{_LABEL}: mã đề nghị đã được dùng; thay đổi không được lưu.")
        sender = self.s.execute(select(Unit.code, Unit.name).where(Unit.id == self.unit_id)).one()
        # The receiving unit's copy: what it needs, with where it comes from as the server
        # knows it (never as the sender wrote it), and no link to the sender's member id.
        proposal = {name: f.get(name) for name in ("transfer_date", "reason", "with_personal_data", "consent_date",
                                                   "member_data")}
        proposal.update(direction="in", to_unit_code=to.code, from_unit_code=sender.code, from_unit_name=sender.name,
                        status="proposed", member_id=None, answered_at=None, answer_reason=None, deleted_at=None)
        try:
            # In a savepoint: another unit's push with the same id, at the same moment, is a
            # refusal here, not a failed push (the ids are the PCs' UUIDv7s: only by intent).
            with self.s.begin_nested():
                self.s.add(TransferLetter(id=m.row_id, from_unit_id=self.unit_id, to_unit_id=to.id, proposal=proposal))
        except IntegrityError:
            return Refusal("transfer_forged", f"{_LABEL}: mã đề nghị đã được dùng; thay đổi không được lưu.")
        return None

    def _answer(self, m: Mutation, stored: dict[str, Any]) -> Refusal | None:
        changed = {k: v for k, v in m.fields.items() if stored.get(k) != v}
        letter = self.s.get(TransferLetter, m.row_id, with_for_update=True)
        if letter is None or letter.to_unit_id != self.unit_id:
            return Refusal("transfer_forged", f"{_LABEL}: máy chủ không có đề nghị này cho đơn vị; thay đổi không "
                                              "được lưu.")
        if not changed:
            return None
        if "member_data" in changed and m.fields.get("status", stored.get("status")) == "declined" and _narrower(
                changed["member_data"], stored.get("member_data")):
            del changed["member_data"]  # a declined member's data kept smaller, never changed
        if changed.keys() - ANSWER_FIELDS:
            return Refusal("transfer_locked", f"{_LABEL}: đơn vị nhận chỉ trả lời đề nghị (nhận hoặc từ chối), "
                                              "không sửa nội dung đề nghị.")
        status = m.fields.get("status", stored.get("status"))
        if status not in ANSWERS:
            return Refusal("invalid_field", f"{_field('status')}: chỉ trả lời “accepted” (nhận) hoặc “declined” "
                                            "(từ chối).")
        if status == "accepted" and m.fields.get("member_id", stored.get("member_id")) is None:
            return Refusal("invalid_field", f"{_field('member_id')} không được để trống khi nhận đoàn viên.")
        if letter.status == "proposed":
            letter.status = status
            letter.answered_at = m.fields.get("answered_at", stored.get("answered_at"))
            letter.answer_reason = m.fields.get("answer_reason", stored.get("answer_reason"))
            letter.answer_delivered = False
            return None
        if letter.status != status:
            return Refusal("transfer_answered", f"{_LABEL}: đề nghị này đã được trả lời trên một máy khác của đơn vị "
                                                f"({STATUS_NAMES[letter.status]}); câu trả lời này không được lưu.")
        return None  # the same answer from a second PC: it stands once


def _narrower(new: object, old: object) -> bool:
    """Whether new member_data is old's with fields taken out (a decline keeps no more
    of a person than the name, birth date, sex and joining date), or nothing."""
    if new is None:
        return True
    try:
        a, b = json.loads(new) if isinstance(new, str) else None, json.loads(old) if isinstance(old, str) else None
    except (ValueError, RecursionError):
        return False
    return isinstance(a, dict) and isinstance(b, dict) and all(k in b and b[k] == v for k, v in a.items())
