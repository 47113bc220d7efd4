"""Where a pull page ends: a page is a whole seq range (cursor, end], so cursors stay
gap-free, sized by what its rows cost on the wire."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from protocol import PACKED_WEIGHT
from protocol.tables import DERIVED_IDS
from server.sync.models import Record


def page_end(s: Session, unit_id: int, cursor: int, last: int, limit: int) -> int:
    """The last seq of the page after `cursor`: at most `limit` ordinary rows and at most
    `limit` * PACKED_WEIGHT rows of DERIVED_IDS tables (a few integers each on the wire: a
    unit's year of allocations comes in one page, its members' ids listed once). Pages are
    whole seq ranges, so cursors stay gap-free."""
    if last - cursor < limit:
        return last  # seqs are unique: fewer than `limit` rows of any kind (a sync of a few changes)
    light_cap = limit * PACKED_WEIGHT
    # Most pages are `limit` ordinary rows or fewer: one aggregate query tells.
    first = (select(Record.seq, Record.tbl).where(Record.unit_id == unit_id, Record.seq > cursor, Record.seq <= last)
             .order_by(Record.seq).limit(limit).subquery())
    n, top, light = s.execute(select(func.count(), func.max(first.c.seq),
                                     func.count().filter(first.c.tbl.in_(list(DERIVED_IDS))))).one()
    if n < limit:
        return last
    if not light:
        return top
    # A run of allocations: whole chunks are counted in the database, the last one row by row.
    end, ordinary, packed, chunk = cursor, 0, 0, limit
    while end < last:
        part = (select(Record.seq, Record.tbl).where(Record.unit_id == unit_id, Record.seq > end, Record.seq <= last)
                .order_by(Record.seq).limit(chunk).subquery())
        n, top, light = s.execute(select(func.count(), func.max(part.c.seq),
                                         func.count().filter(part.c.tbl.in_(list(DERIVED_IDS))))).one()
        if not n:
            return last
        if ordinary + n - light <= limit and packed + light <= light_cap:
            ordinary += n - light
            packed += light
            end = top
            if n < chunk:
                return last
            chunk = min(chunk * 4, light_cap)
            continue
        for seq, tbl in s.execute(select(Record.seq, Record.tbl).where(
                Record.unit_id == unit_id, Record.seq > end, Record.seq <= last).order_by(Record.seq).limit(chunk)):
            if tbl in DERIVED_IDS:
                packed += 1
            else:
                ordinary += 1
            if ordinary > limit or packed > light_cap:
                return end if end > cursor else seq
            end = seq
        return end
    return last
