"""Every table of the server, for Alembic and for tests that create the schema."""

from server.accounts.models import AdminAudit
from server.devices.models import Device, EnrollCode
from server.rollups.models import Rollup
from server.sync.models import AppliedMutation, BookCode, ReceiptNumber, Record, UnitSync, YearCheck
from server.transfers.models import TransferLetter
from server.units.history import UnitMove
from server.units.models import AdminAccount, AdminSession, LoginThrottle, Unit, UnitLevel

__all__ = ["AdminAccount", "AdminAudit", "AdminSession", "AppliedMutation", "BookCode", "Device", "EnrollCode",
           "LoginThrottle", "ReceiptNumber", "Record", "Rollup", "TransferLetter", "Unit", "UnitLevel", "UnitMove",
           "UnitSync", "YearCheck"]
