"""SQLAlchemy tables of the local database and the code that opens it."""

from desktop.models.base import Base, SyncMixin, new_id, utcnow
from desktop.models.unit import AppSetting, Unit, UnitGroup
from desktop.models.member import Member, MemberEvent
from desktop.models.cash import CashDoc, CashDocVoid, ReceiptBook, Remittance
from desktop.models.sync import SyncConflict, SyncOutbox, SyncState
from desktop.models.dues import BaseSalary, DuesBasis, DuesExemption, DuesMonth, DuesPayment, DuesRule, RemitRule
from desktop.models.activity import Activity, ActivityDoc, ActivityMember, ActivityPayment
from desktop.models.accounts import AuditLog, AuditSession, UserAccount

__all__ = [
    "Activity",
    "ActivityDoc",
    "ActivityMember",
    "ActivityPayment",
    "BaseSalary",
    "CashDoc",
    "CashDocVoid",
    "DuesBasis",
    "DuesExemption",
    "DuesPayment",
    "DuesRule",
    "ReceiptBook",
    "RemitRule",
    "DuesMonth",
    "Remittance",
    "AppSetting",
    "AuditLog",
    "AuditSession",
    "UserAccount",
    "Base",
    "Member",
    "MemberEvent",
    "SyncConflict",
    "SyncMixin",
    "SyncOutbox",
    "SyncState",
    "Unit",
    "UnitGroup",
    "new_id",
    "utcnow",
]
