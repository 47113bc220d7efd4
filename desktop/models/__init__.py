"""SQLAlchemy tables of the local database and the code that opens it."""

from desktop.models.base import Base, SyncMixin, new_id, utcnow
from desktop.models.unit import AppSetting, Unit, UnitGroup
from desktop.models.member import Member, MemberEvent

__all__ = [
    "AppSetting",
    "Base",
    "Member",
    "MemberEvent",
    "SyncMixin",
    "Unit",
    "UnitGroup",
    "new_id",
    "utcnow",
]
