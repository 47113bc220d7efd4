"""Migration 0019: a database of the previous version gains the year's closes, the lock
triggers and corrects_id on documents and entries, keeping its documents and their
refusal of edits; and goes down again with the refusals in place."""

import sqlite3

import pytest

from desktop.models.db import make_engine, open_database, run_migrations
from tests.desktop.migration_helpers import downgrade, names

DOC = ("INSERT INTO receipt_book (id, kind, code, year, owner_device, next_number, created_at, updated_at) "
       "VALUES ('b', 'thu', 'T2025-01', 2025, 'd', 2, '2025-01-01', '2025-01-01');"
       "INSERT INTO cash_doc (id, kind, book_id, book_code, number, doc_date, category, person_name, reason, amount, "
       "created_at, updated_at) VALUES ('c', 'thu', 'b', 'T2025-01', 1, '2025-03-01', 'thu_khac', 'A', 'Thu', 1000, "
       "'2025-03-01', '2025-03-01')")


def test_0019_adds_the_closes_and_the_lock_and_goes_down_again(tmp_path):
    path = tmp_path / "unit.sqlite3"
    engine = make_engine(path)
    run_migrations(engine, "0016")
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.executescript(DOC)
    open_database(path).close()
    assert "year_close" in names(path, "table")
    assert {"year_lock_insert_cash_doc", "year_lock_insert_dues_payment", "year_close_no_update",
            "cash_doc_no_update"} <= names(path, "trigger")
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT amount, corrects_id FROM cash_doc").fetchall() == [(1000, None)]
        for change in ("amount = 1", "corrects_id = 'x'"):
            with pytest.raises(sqlite3.IntegrityError, match="không được sửa"):
                c.execute(f"UPDATE cash_doc SET {change}")
        # The lock: a close of 2025 and a new document dated in it is refused.
        c.execute("INSERT INTO year_close (id, event, year, at, by_name, created_at, updated_at) VALUES "
                  "('y', 'close', 2025, '2026-01-05 03:00:00.000000', 'Chủ tịch', '2026-01-05', '2026-01-05')")
        with pytest.raises(sqlite3.IntegrityError, match="khoá sổ"):
            c.execute("INSERT INTO cash_doc (id, kind, book_id, book_code, number, doc_date, category, person_name, "
                      "reason, amount, created_at, updated_at) VALUES ('c2', 'thu', 'b', 'T2025-01', 2, '2025-12-31', "
                      "'thu_khac', 'A', 'Thu', 1, '2026-01-05', '2026-01-05')")
        c.execute("INSERT INTO year_close (id, event, year, at, by_name, reason, created_at, updated_at) VALUES "
                  "('z', 'reopen', 2025, '2026-01-06 03:00:00.000000', 'Chủ tịch', 'Sửa', '2026-01-06', '2026-01-06')")
        c.execute("INSERT INTO cash_doc (id, kind, book_id, book_code, number, doc_date, category, person_name, "
                  "reason, amount, created_at, updated_at) VALUES ('c2', 'thu', 'b', 'T2025-01', 2, '2025-12-31', "
                  "'thu_khac', 'A', 'Thu', 1, '2026-01-06', '2026-01-06')")
    downgrade(path, "0016")
    assert "year_close" not in names(path, "table")
    assert not {n for n in names(path, "trigger") if n.startswith("year_")}
    with sqlite3.connect(path) as c:
        assert "corrects_id" not in {r[1] for r in c.execute("PRAGMA table_info(cash_doc)")}
        assert c.execute("SELECT count(*) FROM cash_doc").fetchone()[0] == 2
        with pytest.raises(sqlite3.IntegrityError, match="không được sửa"):
            c.execute("UPDATE cash_doc SET amount = 1")
