"""Letters of the transfer mailbox (server/transfers/models.py) turned into rows of the
unit whose device is syncing: a new proposal for the receiving unit, an answer written
on the sending unit's row. Called at the start of that device's push or pull, inside its
transaction: the rows get seqs from the unit's own counter (locked here, only when there
is a letter: a sync with none costs one indexed query)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from protocol.tables import TABLES
from server.base import now_ms, table_of, utcnow
from server.sync.bulk import bulk_insert
from server.sync.counter import lock_counter
from server.sync.models import Record
from server.transfers.models import TransferLetter

TABLE = "member_transfer"
# The device named in the clock of what the server writes itself.
SERVER = "server"


def _waiting(unit_id: int) -> ColumnElement[bool]:
    return or_(and_(TransferLetter.to_unit_id == unit_id, TransferLetter.delivered.is_(False)),
               and_(TransferLetter.from_unit_id == unit_id, TransferLetter.answer_delivered.is_(False)))


def deliver(s: Session, unit_id: int) -> int:
    """Turns the unit's waiting letters into its rows; returns how many rows it wrote."""
    if s.scalar(select(TransferLetter.id).where(_waiting(unit_id)).limit(1)) is None:
        return 0
    counter = lock_counter(s, unit_id)
    letters = list(s.scalars(select(TransferLetter).where(_waiting(unit_id)).order_by(TransferLetter.id)
                             .with_for_update()))
    seq = counter.last_seq
    stamp = now_ms()
    now = utcnow()
    moment = now.isoformat(sep=" ")
    written = 0
    for letter in letters:
        if letter.to_unit_id == unit_id and not letter.delivered:
            if s.get(Record, (unit_id, TABLE, letter.id)) is not None:
                # Never so (rules.py refuses a row whose id a letter has), but a letter must not fail a sync.
                letter.delivered, letter.proposal = True, None
                continue
            seq += 1
            data: dict[str, Any] = dict.fromkeys(TABLES[TABLE])
            data.update(letter.proposal or {})
            data.update(id=letter.id, created_at=moment, updated_at=moment, device_id=None)
            bulk_insert(s, table_of(Record), [{
                "unit_id": unit_id, "tbl": TABLE, "row_id": letter.id, "seq": seq, "data": data,
                "clock": {"*": [stamp, SERVER, seq]}, "deleted": False, "origin": None, "updated_at": now}])
            letter.delivered, letter.proposal = True, None
            written += 1
        if letter.from_unit_id == unit_id and not letter.answer_delivered:
            rec = s.get(Record, (unit_id, TABLE, letter.id))
            if rec is not None:
                seq += 1
                answer = {"status": letter.status, "answered_at": letter.answered_at,
                          "answer_reason": letter.answer_reason}
                rec.data = {**rec.data, **answer, "updated_at": moment}
                rec.clock = {**rec.clock, **{f: [stamp, SERVER, seq] for f in answer}}
                rec.seq, rec.origin, rec.updated_at = seq, None, now
                written += 1
            letter.answer_delivered = True
    counter.last_seq = seq
    s.flush()
    return written
