"""The levels of the hierarchy by name (units/models.py UnitLevel): listed, added,
renamed (by the server's operator), and given to a unit (by an administrator above it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol.limits import has_control
from server.errors import Conflict, Forbidden, NotFound
from server.units.models import Unit, UnitLevel
from server.units.service import clean, unit_by_code, unit_in_scope


def levels(s: Session) -> list[UnitLevel]:
    return list(s.scalars(select(UnitLevel).order_by(UnitLevel.rank, UnitLevel.id)))


def _name(s: Session, name: str, level_id: int | None = None) -> str:
    text = clean(name or "")
    if not text or has_control(name) or len(text) > 200:
        raise Conflict("level_invalid", "Tên cấp cần có, dài tối đa 200 ký tự, không chứa ký tự điều khiển.")
    same = s.scalar(select(UnitLevel.id).where(UnitLevel.name == text))
    if same is not None and same != level_id:
        raise Conflict("level_exists", f"Đã có cấp tên {text!r}.")
    return text


def add_level(s: Session, name: str, rank: int) -> UnitLevel:
    if not 1 <= rank <= 20:
        raise Conflict("level_invalid", "Thứ bậc của cấp là số từ 1 (cao nhất) đến 20.")
    level = UnitLevel(name=_name(s, name), rank=rank)
    s.add(level)
    s.flush()
    return level


def level_by_id(s: Session, level_id: int | str) -> UnitLevel:
    text = str(level_id)
    # ASCII digits only: "²" is a digit to str.isdigit() but not a number to int().
    level = s.get(UnitLevel, int(text)) if text.isascii() and text.isdigit() and len(text) < 9 else None
    if level is None:
        raise NotFound("level_not_found", f"Không có cấp số {str(level_id)[:20]!r}.")
    return level


def rename_level(s: Session, level_id: int | str, name: str) -> UnitLevel:
    level = level_by_id(s, level_id)
    level.name = _name(s, name, level.id)
    return level


def set_level(s: Session, home: Unit | None, code: str, level_id: int | str) -> Unit:
    """Gives a unit its level ("" takes it away); an administrator may do so for the units
    below their own (`home` None: the server's operator, any unit)."""
    if home is None:
        unit = unit_by_code(s, code)
    else:
        unit = unit_in_scope(s, home, code)
        if unit.id == home.id:
            raise Forbidden("level_home", "Cấp của chính đơn vị tài khoản do cấp trên ghi.")
    unit.level_id = None if level_id in ("", None) else level_by_id(s, level_id).id
    return unit
