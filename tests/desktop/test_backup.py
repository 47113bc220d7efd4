"""Backups with SQLite's online backup API, and restore, from the command line."""

import json
import sqlite3
from datetime import timedelta

import pytest

from desktop.services.backup.service import BackupError, backup_if_due, check_copy, list_backups, make_backup, prune
from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
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
    prune(first.parent, 3, ctx.db.path)
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


def damage(path):
    with open(path, "r+b") as f:
        f.write(b"\x00garbage, not sqlite\x00" * 5)


def test_damaged_database_is_detected_and_replaced_by_the_newest_good_copy(tmp_path):
    from desktop.models.db import DatabaseDamagedError
    from desktop.services.backup.service import newest_good_backup, replace_damaged
    db = tmp_path / "unit.sqlite3"
    ctx = open_context(db)
    make_demo(ctx, 40)
    good = make_backup(ctx)
    ctx.close()
    damage(db)
    with pytest.raises(DatabaseDamagedError, match="bị hỏng"):
        open_context(db)
    r = run(db, "members", "list", ok=False)
    assert r.returncode == 1 and "bị hỏng" in r.stderr and "sao lưu" in r.stderr
    found = newest_good_backup(good.parent)
    assert found.path == good
    kept = replace_damaged(db, found.path)
    assert kept.exists()
    ctx = open_context(db)
    from desktop.services.members.service import MemberQuery, MemberService
    assert MemberService(ctx).count(MemberQuery(status=None)) == 40
    ctx.close()


def test_app_offers_the_backup_for_a_damaged_file(tmp_path):
    import os
    import subprocess
    import sys
    import textwrap
    db = tmp_path / "unit.sqlite3"
    ctx = open_context(db)
    make_demo(ctx, 25)
    make_backup(ctx)
    ctx.close()
    damage(db)
    code = textwrap.dedent(f"""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        from desktop.app import run_app
        app = QApplication([])
        seen = []
        def answer():
            box = app.activeModalWidget()
            if isinstance(box, QMessageBox) and not seen:
                seen.append(box.text())
                box.button(QMessageBox.StandardButton.Yes).click()
            for w in app.topLevelWidgets():
                if w.objectName() == "mainWindow" and w.isVisible():
                    w.close()
        timer = QTimer()
        timer.timeout.connect(answer)
        timer.start(200)
        code = run_app(["--db", {str(db)!r}])
        print("ASKED:" + seen[0].replace("\\n", " ") if seen else "NOT ASKED")
        raise SystemExit(code)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "ASKED:" in r.stdout and "bị hỏng" in r.stdout and "Khôi phục bản sao lưu mới nhất" in r.stdout
    assert list(tmp_path.glob("unit-hong-*.sqlite3"))
    ctx = open_context(db)
    from desktop.services.members.service import MemberQuery, MemberService
    assert MemberService(ctx).count(MemberQuery(status=None)) == 25
    ctx.close()


def test_backup_folder_and_generations_are_settings(tmp_path):
    from desktop.services.backup.service import BackupError, backup_settings, save_backup_settings
    ctx = open_context(tmp_path / "a.sqlite3")
    make_demo(ctx, 10)
    usb = tmp_path / "usb" / "SoCongDoan"
    save_backup_settings(ctx, usb, 2)
    for i in range(4):
        make_backup(ctx, reason=f"lan-{i}")
    assert len(list(usb.glob("*.sqlite3"))) == 2
    assert backup_settings(ctx).folder == usb
    locked = tmp_path / "khoa"
    locked.write_text("a file, not a folder")
    with pytest.raises(BackupError, match="Không ghi được"):
        save_backup_settings(ctx, locked / "sub", 5)
    with pytest.raises(BackupError):
        save_backup_settings(ctx, usb, 0)
    assert backup_settings(ctx).folder == usb  # nothing changed by the refused attempts
    ctx.close()
