"""After a pull, a member's status follows from its events (fix_statuses). A new PC's first
sync touches every member: they are then read in one pass over the tables, which must
come to exactly what the member-by-member way comes to."""

from __future__ import annotations

import random
import sqlite3

import pytest

from desktop.services.core.statuses import EVENT_KINDS
from desktop.services.sync import service as sync_service
from desktop.services.sync.service import after_page, fix_statuses, member_ids, member_local_values
from desktop.sync.apply import apply_page
from desktop.sync.rawdb import connection, transaction
from protocol.messages import page_rows
from tests.desktop.test_snapshot_apply import member_id, members_chunk

N = 700


def events(conn: sqlite3.Connection) -> list[str]:
    """Random histories: members without events, events in and out of date order, on the
    same day (their seq decides), deleted ones, and statuses left wrong on purpose."""
    rnd = random.Random(4)
    kinds = list(EVENT_KINDS)
    made = []
    with transaction(conn):
        conn.execute("UPDATE sync_state SET applying = 1")  # rows as a pull brings them: not captured
        for i in range(N):
            for k in range(rnd.choice([0, 0, 1, 2, 3, 5])):
                eid = f"ev-{i}-{k}"
                day = f"20{10 + rnd.randrange(2)}-0{1 + rnd.randrange(2)}-1{rnd.randrange(2)}" if rnd.random() > 0.05 \
                    else None  # few days: many events on the same day
                conn.execute("INSERT INTO member_event(id, member_id, kind, event_date, seq, deleted_at, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')",
                             (eid, member_id(i), rnd.choice(kinds), day, rnd.randrange(3),
                              "2026-02-02" if rnd.random() < 0.15 else None))
                made.append(eid)
            if rnd.random() < 0.3:
                conn.execute("UPDATE member SET status = ? WHERE id = ?", (rnd.choice(kinds), member_id(i)))
        conn.execute("UPDATE sync_state SET applying = 0")
    return made


def fixed(conn: sqlite3.Connection, touched: dict[str, set[str]]) -> tuple[int, list]:
    """fix_statuses of what a pull touched, and every member's status after; undone."""
    conn.execute("BEGIN")
    try:
        n = fix_statuses(conn, member_ids(conn, touched))
        return n, conn.execute("SELECT id, status FROM member ORDER BY id").fetchall()
    finally:
        conn.rollback()


@pytest.mark.parametrize("share", [1.0, 0.4])
def test_the_whole_unit_in_one_pass_comes_to_what_member_by_member_comes_to(ctx, monkeypatch, share):
    with connection(ctx.db) as conn:
        apply_page(conn, page_rows(members_chunk(N)), N, N, after_page, member_local_values)
        made = events(conn)
        cut = int(N * share)
        touched = {"member": {member_id(i) for i in range(cut)}, "member_event": set(made[len(made) // 2:])}
        monkeypatch.setattr(sync_service, "WHOLE_TABLE", 10 ** 9)
        one_by_one = fixed(conn, touched)
        monkeypatch.setattr(sync_service, "WHOLE_TABLE", 1)
        whole = fixed(conn, touched)
    assert one_by_one[0] > 50  # the data has wrong statuses to fix
    assert whole == one_by_one
