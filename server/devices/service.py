"""Enrolling desktops with one-time codes, checking their credentials, revoking them."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from protocol import EnrollRequest, EnrollResponse
from protocol.limits import has_control, strip_control
from server.base import new_id, now_ms, utcnow
from server.devices.models import Device, EnrollCode
from server.errors import Conflict, NotFound, Unauthorized
from server.sync.models import UnitSync
from server.units.models import Unit
from server.units.service import clean, unit_by_code

# No 0/O, 1/I/L: the code is read aloud over the phone and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


MAX_CODE_HOURS = 24 * 366  # a code is for a device about to be set up, not for years


def make_enroll_code(s: Session, unit_code: str, hours: float = 72) -> str:
    """hours: checked by the command line (a positive number up to MAX_CODE_HOURS); tests
    make expired codes with a negative one."""
    unit = unit_by_code(s, unit_code)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    s.add(EnrollCode(code_hash=_sha(code), unit_id=unit.id, expires_at=utcnow() + timedelta(hours=hours)))
    return f"{code[:5]}-{code[5:]}"


def enroll(s: Session, req: EnrollRequest) -> EnrollResponse:
    row = s.get(EnrollCode, _sha(normalise_code(req.code)), with_for_update=True)
    if row is None:
        raise Unauthorized("code_unknown", "Mã đăng ký không đúng. Hãy kiểm tra lại mã do cấp trên cấp.")
    if row.used_at is not None:
        raise Unauthorized("code_used", "Mã đăng ký này đã được dùng. Mỗi mã chỉ dùng cho một máy; hãy xin mã mới.")
    if row.expires_at < utcnow():
        raise Unauthorized("code_expired", "Mã đăng ký đã hết hạn. Hãy xin cấp trên một mã mới.")
    unit = s.get_one(Unit, row.unit_id)
    # The unit's counter row, locked: two PCs of one unit enrolling at once take numbers
    # one after the other (max + 1 on both would clash on the unique key).
    server_has_data = (s.get_one(UnitSync, unit.id, with_for_update=True).last_seq or 0) > 0
    if server_has_data and req.has_data:
        # Two different sets of books for one unit would mix; the code stays unused.
        raise Conflict("both_have_data",
                       f"Đơn vị {unit.name} đã có dữ liệu trên máy chủ, và tệp dữ liệu trên máy này cũng đã có "
                       "đoàn viên hoặc chứng từ: hai bộ sổ của một đơn vị không được trộn lẫn. Máy này cần một tệp dữ "
                       "liệu trống để nhận dữ liệu từ máy chủ (nhờ cán bộ tin học mở phần mềm với tệp mới: "
                       "congdoan --db TỆP_MỚI); mã đăng ký vẫn còn dùng được.")
    number = (s.scalar(select(func.max(Device.number)).where(Device.unit_id == unit.id)) or 0) + 1
    secret = secrets.token_urlsafe(32)
    if has_control(req.local_device_id):
        raise Conflict("bad_device", "Mã máy gửi lên không đúng dạng; hãy cập nhật phần mềm.", status=400)
    name = clean(strip_control(req.device_name))[:100]
    device = Device(id=new_id(), unit_id=unit.id, number=number, name=name or f"Máy {number}",
                    local_device_id=req.local_device_id, token_hash=_sha(secret))
    s.add(device)
    row.used_at = utcnow()
    row.device_id = device.id
    return EnrollResponse(device_id=device.id, token=f"{device.id}.{secret}", device_number=number,
                          unit_code=unit.code, unit_name=unit.name, server_has_data=server_has_data,
                          server_time_ms=now_ms())


def authenticate(s: Session, authorization: str | None) -> Device:
    """The device behind a bearer credential; its unit scopes everything it may do."""
    token = (authorization or "").removeprefix("Bearer ").strip()
    device_id, _, secret = token.partition(".")
    # Ids are UUIDs: anything else is no device (and never reaches a query).
    device = s.get(Device, device_id) if len(device_id) == 36 and _UUID.fullmatch(device_id) and secret else None
    if device is None or not hmac.compare_digest(device.token_hash, _sha(secret)):
        raise Unauthorized("bad_credential", "Máy này chưa đăng ký với máy chủ hoặc thông tin đăng ký không đúng.")
    if device.revoked_at is not None:
        raise Unauthorized("device_revoked", "Máy này đã bị cấp trên thu hồi quyền đồng bộ. Dữ liệu trên máy vẫn "
                                             "còn nguyên; hãy liên hệ cấp trên để đăng ký lại.")
    return device


def device_by_id(s: Session, device_id: str) -> Device | None:
    return s.get(Device, device_id) if len(device_id) == 36 and _UUID.fullmatch(device_id) else None


def revoke(s: Session, device_id: str) -> Device:
    device = device_by_id(s, device_id)
    if device is None:
        raise NotFound("device_not_found", f"Không có máy {device_id!r}.")
    device.revoked_at = device.revoked_at or utcnow()
    return device


def devices_of(s: Session, unit_ids: list[int]) -> list[Device]:
    return list(s.scalars(select(Device).where(Device.unit_id.in_(unit_ids)).order_by(Device.unit_id, Device.number)))
