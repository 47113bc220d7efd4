"""SQLAlchemy tables of the local database and the code that opens it."""

from desktop.models.base import Base, SyncMixin, new_id, utcnow
from desktop.models.unit import AppSetting, Unit, UnitGroup
from desktop.models.member import Member, MemberEvent
from desktop.models.cash import CashDoc, CashDocVoid, ReceiptBook, Remittance
from desktop.models.dues import BaseSalary, DuesBasis, DuesExemption, DuesPayment, DuesRule, RemitRule

__all__ = [
    "BaseSalary",
    "CashDoc",
    "CashDocVoid",
    "DuesBasis",
    "DuesExemption",
    "DuesPayment",
    "DuesRule",
    "ReceiptBook",
    "RemitRule",
    "Remittance",
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
