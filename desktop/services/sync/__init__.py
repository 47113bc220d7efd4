"""Synchronisation as the windows and the command line use it: enrolment, a sync run
with its progress and report, the conflicts and refused changes to review, and the
statuses put right after a page of pulled events. The engine itself is desktop.sync,
below the services."""

from desktop.services.sync.service import (
    ConflictInfo,
    RejectedChange,
    SyncFailed,
    SyncService,
    SyncStatus,
    after_page,
    fix_statuses,
    member_ids,
)

__all__ = [
    "ConflictInfo",
    "RejectedChange",
    "SyncFailed",
    "SyncService",
    "SyncStatus",
    "after_page",
    "fix_statuses",
    "member_ids",
]
