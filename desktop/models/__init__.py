"""SQLAlchemy tables of the local database and the code that opens it."""

from desktop.models.accounts import AuditLog, AuditSession, UserAccount
from desktop.models.activity import Activity, ActivityDoc, ActivityMember, ActivityPayment
from desktop.models.bank import BankAccount, BankEntry, BankEntryVoid
from desktop.models.base import Base, SyncMixin, new_id, utcnow
from desktop.models.budget import BudgetLine
from desktop.models.cash import CashDoc, CashDocVoid, ReceiptBook, Remittance
from desktop.models.dues import BaseSalary, DuesBasis, DuesExemption, DuesMonth, DuesPayment, DuesRule, RemitRule
from desktop.models.member import Member, MemberEvent
from desktop.models.pairs import AccountPair
from desktop.models.sync import SyncConflict, SyncOutbox, SyncState
from desktop.models.transfer import MemberTransfer
from desktop.models.unit import AppSetting, Unit, UnitGroup
from desktop.models.years import SettlementFigure, YearClose

__all__ = [
    "AccountPair",
    "Activity",
    "ActivityDoc",
    "ActivityMember",
    "ActivityPayment",
    "AppSetting",
    "AuditLog",
    "AuditSession",
    "BankAccount",
    "BankEntry",
    "BankEntryVoid",
    "Base",
    "BaseSalary",
    "BudgetLine",
    "CashDoc",
    "CashDocVoid",
    "DuesBasis",
    "DuesExemption",
    "DuesMonth",
    "DuesPayment",
    "DuesRule",
    "Member",
    "MemberEvent",
    "MemberTransfer",
    "ReceiptBook",
    "RemitRule",
    "Remittance",
    "SettlementFigure",
    "SyncConflict",
    "SyncMixin",
    "SyncOutbox",
    "SyncState",
    "Unit",
    "UnitGroup",
    "UserAccount",
    "YearClose",
    "new_id",
    "utcnow",
]
