"""Backups with SQLite's online backup API, and restore, from the command line."""

import json
import sqlite3
from datetime import timedelta

import pytest

from desktop.services.backup import BackupError, backup_if_due, check_copy, list_backups, make_backup, prune
from desktop.services.context import open_context
from desktop.services.demo import make_demo
from tests.desktop.test_cli import run


def test_backup_while_open_is_checked_and_generations_are_kept(tmp_path):
    ctx = open_context(tmp_path / "a.sqlite3")
    make_demo(ctx, 120)
    first = make_backup(ctx)
    assert check_copy(first) and sqlite3.connect(first).execute("SELECT count(*) FROM member").fetchone()[0] == 120
    assert backup_if_due(ctx) is None  # a copy less than a day old exists
    assert backup_if_due(ctx, every=timedelta(0)) is not None
    for i in range(5):
        make_backup(ctx, reason=f"lan-{i}")
    prune(first.parent, keep=3)
    assert len(list_backups(first.parent)) == 3
    with pytest.raises(BackupError, match="đã có"):
        make_backup(ctx, list_backups(first.parent)[0].path)
    ctx.close()


def test_broken_or_foreign_files_are_refused(tmp_path):
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError):
        check_copy(bad)
    other = tmp_path / "khac.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(BackupError):
        check_copy(other)


def test_cli_backup_and_restore(tmp_path):
    db = tmp_path / "unit.sqlite3"
    run(db, "init", "--unit-name", "CĐCS Công ty Bia Sài Gòn", "--upper-name", "Công đoàn Tổng Công ty")
    run(db, "members", "add", "--name", "Võ Thị Sáu", "--birth", "1990", "--gender", "Nữ")
    copy = tmp_path / "sao-luu.sqlite3"
    out = json.loads(run(db, "--json", "backup", "--out", str(copy)).stdout)
    assert out["file"] == str(copy)
    run(db, "members", "add", "--name", "Lê Văn Tám", "--birth", "1991", "--gender", "Nam")
    assert len(json.loads(run(db, "--json", "members", "list").stdout)) == 2
    res = json.loads(run(db, "--json", "restore", str(copy)).stdout)
    names = [m["full_name"] for m in json.loads(run(db, "--json", "members", "list").stdout)]
    assert names == ["Võ Thị Sáu"]
    # what was there before the restore is kept
    kept = sqlite3.connect(res["previous_data"]).execute("SELECT count(*) FROM member").fetchone()[0]
    assert kept == 2
    bad = run(db, "restore", str(tmp_path / "khong-co.sqlite3"), ok=False)
    assert bad.returncode == 1 and "Không tìm thấy" in bad.stderr
