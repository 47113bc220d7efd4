"""The sync capture's switches (desktop/sync/capture.py): the triggers come back exactly as
they were, inside the writer's transaction, and an error takes the switch back with it."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.models.db import open_database
from desktop.services.demo.service import make_demo
from desktop.sync import capture
from desktop.sync.rawdb import connection, transaction


def _triggers(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                               (table,)).fetchall())


def _capturing(conn: sqlite3.Connection) -> list[str]:
    return [t[0] for t in conn.execute("SELECT tbl FROM sync_outbox ORDER BY local_seq")]


def _add_group(conn: sqlite3.Connection, gid: str) -> None:
    conn.execute("INSERT INTO unit_group(id, name, kind, sort_order, created_at, updated_at) "
                 "VALUES (?, ?, 'to', 1, datetime('now'), datetime('now'))", (gid, f"Tổ {gid}"))


def test_the_app_opens_its_database_with_the_triggers(tmp_path):
    bare = open_database(tmp_path / "a.sqlite3")
    with connection(bare) as conn:
        assert _triggers(conn, "member") == []  # the models' layer makes no trigger
    bare.close()
    db = capture.open_captured(tmp_path / "a.sqlite3")
    with connection(db) as conn:
        names = {name for name, _ in _triggers(conn, "member")}
    db.close()
    assert {"sync_ins_member", "sync_upd_member", "sync_del_member", "trail_ins_member"} <= names


def test_lifted_triggers_come_back_as_they_were(ctx):
    with connection(ctx.db) as conn:
        before = _triggers(conn, "unit_group")
        with transaction(conn):
            conn.execute("DELETE FROM sync_outbox")
            with capture.lifted(conn, ["unit_group"]) as lifted:
                assert lifted.capturing and _triggers(conn, "unit_group") == []
                _add_group(conn, "g1")  # not captured: the writer queues its rows itself
            _add_group(conn, "g2")
        assert _triggers(conn, "unit_group") == before
        assert sorted(_capturing(conn)) == ["audit_log", "unit_group"]  # g2 and its audit row, not g1
        with pytest.raises(sqlite3.IntegrityError), transaction(conn):
            with capture.lifted(conn, ["unit_group"]):
                _add_group(conn, "g2")  # the same id again: the transaction is rolled back
        assert _triggers(conn, "unit_group") == before


def test_only_the_insert_triggers_are_lifted_when_asked(ctx):
    with connection(ctx.db) as conn, transaction(conn):
        lifted = capture.lift(conn, ["unit_group"], inserts_only=True)
        left = {name for name, _ in _triggers(conn, "unit_group")}
        assert "sync_upd_unit_group" in left and not {"sync_ins_unit_group", "trail_ins_unit_group"} & left
        lifted.restore()
        assert {"sync_ins_unit_group", "trail_ins_unit_group"} <= {name for name, _ in _triggers(conn, "unit_group")}


def test_silenced_writes_capture_nothing_and_an_error_leaves_it_on(ctx):
    with connection(ctx.db) as conn:
        with transaction(conn):
            conn.execute("DELETE FROM sync_outbox")
            with capture.silenced(conn):
                _add_group(conn, "g1")
        assert _capturing(conn) == []
        with pytest.raises(RuntimeError), transaction(conn), capture.silenced(conn):
            raise RuntimeError("gián đoạn")
        _add_group(conn, "g2")
        conn.commit()
        assert "unit_group" in _capturing(conn)


def test_queued_rows_carry_the_clock(ctx):
    with connection(ctx.db) as conn, transaction(conn):
        conn.execute("DELETE FROM sync_outbox")
        with capture.silenced(conn):
            _add_group(conn, "g1")
            _add_group(conn, "g2")
        hlc = conn.execute("SELECT hlc FROM sync_state WHERE id = 1").fetchone()[0]
        assert capture.queue_rows(conn, "unit_group", "WHERE id LIKE ?", ("g%",)) == 2
        rows = conn.execute("SELECT tbl, row_id, op, fields, hlc FROM sync_outbox ORDER BY local_seq").fetchall()
    assert rows == [("unit_group", "g1", "insert", "*", hlc), ("unit_group", "g2", "insert", "*", hlc)]


def _audit_many(db, n: int) -> list[str]:
    from desktop.models.audit import write_audit

    with db.engine.begin() as conn:
        for i in range(n):
            write_audit(conn, "member", "export", label=f"Xuất {i}")
    with connection(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM audit_log ORDER BY rowid")]


def test_audit_ids_are_the_clock_the_device_and_a_counter_and_never_repeat(ctx, tmp_path):
    """desktop/models/audit.py: many audit rows in one millisecond (a bulk writer's
    summaries) each get their own id, a UUIDv7 of the PC (its device id's last 48 bits)
    whose counter runs on: what lets them travel as a few bytes (protocol/codec.py, "u")."""
    before = len(_audit_many(ctx.db, 0))
    ids = _audit_many(ctx.db, 3000)[before:]
    with connection(ctx.db) as conn:
        device = conn.execute("SELECT value FROM app_setting WHERE key = 'device_id'").fetchone()[0]
    assert len(set(ids)) == len(ids) == 3000
    tag = device[24:]
    for i in ids:
        assert i[14] == "7" and i[19] == "8" and i[15:18] + i[20:23] + i[24:30] == tag, i
    counters = [int(i[30:], 16) for i in ids]
    assert counters == list(range(counters[0], counters[0] + 3000))
    # Time-ordered: the milliseconds never go back.
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)
    # A database without a device id (never so once the app opened it): random bits, still unique.
    bare = capture.open_captured(tmp_path / "bare.sqlite3")
    try:
        others = _audit_many(bare, 500)
    finally:
        bare.close()
    assert len(set(others)) == 500 and len({i[24:30] for i in others}) > 1


def test_a_whole_upload_queues_audit_rows_and_allocations_after_what_they_point_to(ctx):
    """outbox.capture_all: a receipt, then its allocations, then its audit rows; rows that
    point to nothing queued (the receipt book's numbers here point to the book) after
    their own; every row once."""
    from datetime import date

    from desktop.services.demo.service import make_demo
    from desktop.services.dues.service import DuesService
    from desktop.sync.outbox import capture_all

    make_demo(ctx, 12)
    active = [r[0] for r in ctx.db.engine.connect().exec_driver_sql("SELECT id FROM member WHERE status = 'active'")]
    DuesService(ctx).pay_many({m: ["2026-01"] for m in active}, one_receipt=False, doc_date=date(2026, 1, 20))
    with connection(ctx.db) as conn:
        total = capture_all(conn)
        queued = conn.execute("SELECT tbl, row_id FROM sync_outbox ORDER BY local_seq").fetchall()
        pointing = dict(conn.execute("SELECT id, doc_id FROM dues_payment").fetchall())
        pointing |= dict(conn.execute("SELECT id, row_id FROM audit_log").fetchall())
        rows = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("audit_log", "dues_payment", "cash_doc", "member", "member_event"))
    assert total == len(queued) == len(set(queued)) >= rows
    docs = [i for i, (tbl, row_id) in enumerate(queued) if tbl == "cash_doc"]
    assert len(docs) == len(active)
    for i in docs:
        doc = queued[i][1]
        after = queued[i + 1:i + 4]  # its allocation, the audit row of its insert and of its allocation
        assert [t for t, _ in after] == ["dues_payment", "audit_log", "audit_log"], after
        assert {pointing[r] for _, r in after} == {doc}


def _vm_steps(conn: sqlite3.Connection, sql: str, params: tuple) -> int:
    """SQLite virtual-machine instructions the statement runs, triggers included (not time)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    conn.set_progress_handler(count, 1)
    try:
        conn.execute(sql, params)
    finally:
        conn.set_progress_handler(None, 0)
    return steps[0]


def test_setting_only_the_server_seq_runs_neither_the_capture_nor_the_audit(ctx):
    """After each push the PC writes the server's seq on the rows it sent: that must not
    run the member's capture and audit triggers (~30 audited fields compared a row; 4.4 of
    a sync's 11.7 ms of PC CPU in the 50-units benchmark), while an edit still runs both."""
    make_demo(ctx, 3)
    with connection(ctx.db) as conn:
        m1 = conn.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
        queued = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
        audited = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        with transaction(conn):
            seq_only = _vm_steps(conn, "UPDATE member SET server_seq = ? WHERE id = ?", (7, m1))
            same_name = _vm_steps(conn, "UPDATE member SET full_name = full_name WHERE id = ?", (m1,))
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == queued
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audited
        # The triggers still look at a statement that sets an audited field (no change: no row).
        assert same_name > 5 * seq_only
        with transaction(conn):
            conn.execute("UPDATE member SET phone = '0912345678' WHERE id = ?", (m1,))
        assert conn.execute("SELECT op, fields FROM sync_outbox WHERE tbl = 'member' AND row_id = ? "
                            "ORDER BY local_seq DESC", (m1,)).fetchone() == ("update", "phone")
        assert conn.execute("SELECT field FROM audit_log ORDER BY rowid DESC LIMIT 1").fetchone()[0] == "phone"
