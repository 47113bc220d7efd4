"""A unit's sync counter (UnitSync): the last seq given out and the server's epoch.

A push locks the counter row first, so the pushes of one unit are serialised and every
change gets its seq in commit order; a restore from backup starts a new epoch."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.base import new_id
from server.sync.models import UnitSync


def lock_counter(s: Session, unit_id: int) -> UnitSync:
    # FOR UPDATE on PostgreSQL; on SQLite the whole transaction began IMMEDIATE.
    return s.execute(select(UnitSync).where(UnitSync.unit_id == unit_id).with_for_update()).scalar_one()


def mark_restored(s: Session) -> int:
    """After the database was put back from a backup: a new epoch for every unit, from the
    counter the backup holds. Each device, at its next sync, sends again everything it
    holds beyond it (what the server lost) and pulls on from there. Returns the units."""
    n = 0
    for counter in s.scalars(select(UnitSync)):
        counter.epoch = new_id()
        counter.epoch_seq = counter.last_seq
        n += 1
    return n
