"""The unit itself: its data printed on the forms, its groups, its dues settings, and
whether this PC's first sync is still to finish.

The local user accounts (`desktop.services.units.accounts`) are imported from their own
module and not re-exported here: they load argon2, which only the commands and windows
that sign someone in should pay for at start-up."""

from desktop.services.units.first_sync import FIRST_SYNC_MESSAGE, PENDING_KEY, first_sync_unfinished
from desktop.services.units.service import (
    DEFAULT_CIRCULAR,
    DUES_GROUPS,
    GROUP_KINDS,
    DuesSettings,
    GroupInfo,
    UnitInfo,
    UnitService,
    bp_to_percent,
    percent_to_bp,
)

__all__ = [
    "DEFAULT_CIRCULAR",
    "DUES_GROUPS",
    "FIRST_SYNC_MESSAGE",
    "GROUP_KINDS",
    "PENDING_KEY",
    "DuesSettings",
    "GroupInfo",
    "UnitInfo",
    "UnitService",
    "bp_to_percent",
    "first_sync_unfinished",
    "percent_to_bp",
]
