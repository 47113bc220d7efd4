"""A snapshot's chunk applied in bulk (issue 17): a chunk of hundreds of rows goes in with
every trigger that does nothing while applying lifted (capture, audit, the year lock),
the members' search keys worked out before the insert, and the text checked column by
column; what the PC stores is what the careful path stores, hostile values included,
nothing is captured into the outbox, and a chunk cut midway leaves nothing behind."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import uuid
from dataclasses import replace
from datetime import date

import pytest

from desktop.models import bulk_indexes
from desktop.services.core.context import open_context
from desktop.services.members.rules import member_keys
from desktop.services.sync.service import after_page, member_local_values
from desktop.sync.apply import BULK_ROWS, _cleaned, apply_page
from desktop.sync.rawdb import connection
from protocol.codec import Ids, compact_columns, encode_rows
from protocol.limits import has_control
from protocol.messages import page_rows

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
N = BULK_ROWS + 100  # a chunk large enough for the bulk path with its triggers lifted


def member_id(i: int) -> str:
    return str(uuid.UUID(int=(0x0190A5E0 << 96) | (0x7 << 76) | (0x8 << 60) | i))


def members_chunk(n: int = N) -> dict:
    """A snapshot chunk of n members as the server sends it (column-wise, compact, JSON),
    with a few hostile values among ordinary Vietnamese names."""
    names = [f"Trần Văn Bình {i}" for i in range(n)]
    names[3] = NFD_NAME  # decomposed: stored NFC
    names[4] = "Lê Thị\x07 Hoa\x00"  # control characters: dropped
    departments = ["Phòng Kế toán"] * n
    departments[5] = "Phòng\tKế\x1btoán"  # one line: the tab becomes a space, the escape goes
    notes: list[object] = [None] * n
    notes[6] = "Dòng một\x07\nDòng hai"  # several lines kept, the bell not
    phones = [f"09{i:08d}" for i in range(n)]
    cols = {"full_name": names, "gender": ["Nữ"] * n, "status": ["active"] * n, "birth_year_only": [0] * n,
            "party_member": [0] * n, "department": departments, "notes": notes, "phone": phones,
            "birth_date": [f"19{60 + i % 40}-0{1 + i % 9}-1{i % 10}" for i in range(n)],
            "card_number": [f"CĐ{i:07d}" if i % 2 else None for i in range(n)],
            "created_at": ["2026-03-01 00:00:00.000000"] * n, "updated_at": ["2026-03-01 00:00:00.000000"] * n}
    ids = Ids()
    group = compact_columns(encode_rows("member", [member_id(i) for i in range(n)], list(range(1, n + 1)), cols, ids))
    group["cols"]["phone"]["v"][7] = ["0912", "345"]  # a list where text belongs (no encoder sends it): dropped
    return json.loads(json.dumps({"tables": [group], "ids": ids.list, "cursor": n, "last_seq": n}, ensure_ascii=False))


def triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def test_a_large_chunk_stores_what_the_careful_path_stores_and_captures_nothing(ctx):
    with connection(ctx.db) as conn:
        before = triggers(conn)
        audit_before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        result = apply_page(conn, page_rows(members_chunk()), N, N, after_page, member_local_values)
        assert result.applied == N and not result.problems
        stored = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, full_name, department, notes, phone, id_number, card_number, birth_date, search_key, "
            "sort_key, dup_key, server_seq FROM member")}
        # Every lifted trigger is back as it was, nothing went to the outbox or the log.
        assert triggers(conn) == before
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_before
        assert conn.execute("SELECT applying, cursor FROM sync_state").fetchone() == (0, N)
    assert len(stored) == N and stored[member_id(0)][-1] == 1 and stored[member_id(N - 1)][-1] == N
    assert stored[member_id(3)][0] == "Nguyễn Thị Hằng"
    assert stored[member_id(4)][0] == "Lê Thị Hoa"
    assert stored[member_id(5)][1] == "Phòng Kếtoán" and not has_control(stored[member_id(5)][1])
    assert stored[member_id(6)][2] == "Dòng một\nDòng hai"
    assert stored[member_id(7)][3] is None
    # The search keys made before the insert are those of the stored (cleaned) values.
    for name, _dept, _notes, phone, id_number, card, birth, search, sort, dup, _seq in stored.values():
        v = type("M", (), {"full_name": name, "id_number": id_number, "phone": phone, "card_number": card,
                           "birth_date": date.fromisoformat(birth)})
        assert (search, sort, dup) == member_keys(v)


def test_the_local_capture_works_again_after_a_bulk_chunk(ctx):
    from desktop.services.members.service import MemberService

    with connection(ctx.db) as conn:
        apply_page(conn, page_rows(members_chunk()), N, N, after_page, member_local_values)
    svc = MemberService(ctx)
    svc.update(member_id(10), replace(svc.get(member_id(10)).data, phone="0987654321"), confirm_similar=True)
    with connection(ctx.db) as conn:
        queued = conn.execute("SELECT tbl, fields FROM sync_outbox ORDER BY tbl").fetchall()
        logged = conn.execute("SELECT count(*) FROM audit_log WHERE row_id = ?", (member_id(10),)).fetchone()[0]
        edited = conn.execute("SELECT row_id FROM sync_outbox WHERE tbl = 'member'").fetchall()
    # The change and its audit row are captured, as on any PC.
    assert queued == [("audit_log", "*"), ("member", "phone")] and logged == 1 and edited == [(member_id(10),)]


def test_a_chunk_cut_midway_leaves_nothing_and_applies_whole_the_next_time(ctx):
    with connection(ctx.db) as conn:
        before = triggers(conn)
        cursor = conn.execute("SELECT cursor FROM sync_state").fetchone()[0]

        def killed(conn, touched, keyed):  # fault injected on purpose: the PC stops after the rows went in
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            apply_page(conn, page_rows(members_chunk()), N, N, killed, member_local_values)
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 0
        assert conn.execute("SELECT applying, cursor FROM sync_state").fetchone() == (0, cursor)
        assert triggers(conn) == before  # the dropped triggers came back with the rollback
        result = apply_page(conn, page_rows(members_chunk()), N, N, after_page, member_local_values)
        assert result.applied == N and conn.execute("SELECT count(*) FROM member").fetchone()[0] == N
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0


def test_text_columns_are_checked_whole_and_value_by_value_only_when_needed():
    clean = ["Nguyễn Văn An", None, "", "Trần Bình"]
    cols = {"full_name": clean, "notes": ["Dòng một\nDòng hai", None], "phone": ["0912", 912],
            "department": ["Phòng" + "\u0301", "Tổ\x85"], "address": [None, None]}
    got = _cleaned("member", {k: list(v) for k, v in cols.items()})
    assert got["full_name"] == clean and got["address"] == [None, None]
    assert got["notes"] == ["Dòng một\nDòng hai", None]  # several lines: newline kept
    assert got["phone"] == ["0912", 912]
    assert got["department"] == [unicodedata.normalize("NFC", "Phòng\u0301"), "Tổ"]


def indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                        "ORDER BY name").fetchall()


def member_indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'member'")}


def two_chunks() -> tuple[list, list]:
    """One snapshot's members in two chunks, as page_rows gives them."""
    whole = page_rows(members_chunk(2 * N))
    tbl, ids, seqs, cols = whole[0]
    first = [(tbl, ids[:N], seqs[:N], {k: v[:N] for k, v in cols.items()})]
    second = [(tbl, ids[N:], seqs[N:], {k: v[N:] for k, v in cols.items()})]
    return first, second


def test_the_chunks_before_the_last_fill_tables_without_their_plain_indexes_and_the_last_makes_them(ctx):
    first, second = two_chunks()
    with connection(ctx.db) as conn:
        before = indexes(conn)
        plain = {"ix_member_list", "ix_member_group", "ix_member_dup_key", "ix_member_birthday"}
        apply_page(conn, first, N, 2 * N, after_page, member_local_values, bulk_load=True)
        # Set aside, and written down in the same transaction; the unique and the partial
        # ones stay (a rule, and the erased members looked for after every page).
        assert not plain & member_indexes(conn) and "ix_member_erased" in member_indexes(conn)
        assert "sqlite_autoindex_member_1" in member_indexes(conn)
        assert conn.execute("SELECT count(*) FROM app_setting WHERE key = ?", (bulk_indexes.KEY,)).fetchone()[0] == 1
        result = apply_page(conn, second, 2 * N, 2 * N, after_page, member_local_values)
        assert result.applied == N and conn.execute("SELECT count(*) FROM member").fetchone()[0] == 2 * N
        assert indexes(conn) == before
        assert conn.execute("SELECT count(*) FROM app_setting WHERE key = ?", (bulk_indexes.KEY,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The list reads by its index again.
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM member ORDER BY sort_key").fetchall()
        assert "ix_member_list" in str(plan)


def test_a_pc_killed_between_two_chunks_gets_its_indexes_back_when_the_database_is_opened(tmp_path):
    first, _ = two_chunks()
    path = tmp_path / "unit.sqlite3"
    ctx = open_context(path)
    with connection(ctx.db) as conn:
        before = indexes(conn)
        apply_page(conn, first, N, 2 * N, after_page, member_local_values, bulk_load=True)
        assert indexes(conn) != before
    ctx.close()  # the process ends here: the chunk is committed, the last never came
    ctx = open_context(path)
    try:
        with connection(ctx.db) as conn:
            assert indexes(conn) == before
            assert conn.execute("SELECT count(*) FROM app_setting WHERE key = ?", (bulk_indexes.KEY,)).fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == N
    finally:
        ctx.close()


def test_a_chunk_cut_midway_leaves_the_indexes_as_they_were(ctx):
    first, _ = two_chunks()
    with connection(ctx.db) as conn:
        before = indexes(conn)

        def killed(conn, touched, keyed):  # fault injected on purpose: stops after the rows went in
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            apply_page(conn, first, N, 2 * N, killed, member_local_values, bulk_load=True)
        assert indexes(conn) == before and conn.execute("SELECT count(*) FROM member").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM app_setting WHERE key = ?", (bulk_indexes.KEY,)).fetchone()[0] == 0


def test_a_later_chunk_with_a_row_already_here_is_looked_up_not_refused(ctx):
    """A chunk's rows are tried as all new; one already here (a snapshot has each row once,
    but a row may have come another way) sends the chunk the usual way: updated, not lost."""
    first, second = two_chunks()
    tbl, ids, seqs, cols = second[0]
    again = first[0][1][0]  # the first chunk's first member, sent again with a new phone
    second = [(tbl, [again, *ids], [2 * N + 1, *seqs], {k: [first[0][3][k][0], *v] for k, v in cols.items()})]
    second[0][3]["phone"][0] = "0900000001"
    with connection(ctx.db) as conn:
        apply_page(conn, first, N, 2 * N + 1, after_page, member_local_values, bulk_load=True)
        result = apply_page(conn, second, 2 * N + 1, 2 * N + 1, after_page, member_local_values, bulk_load=True)
        assert result.applied == N + 1 and not result.problems
        assert conn.execute("SELECT phone, server_seq FROM member WHERE id = ?", (again,)).fetchone() == (
            "0900000001", 2 * N + 1)
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 2 * N
