"""The app as a whole: start, the single-instance lock, the refusal of a newer database."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CONGDOAN = str(Path(sys.executable).with_name("congdoan"))


def test_app_starts_and_exits_on_a_set_up_database(tmp_path):
    db = tmp_path / "a.sqlite3"
    subprocess.run([CONGDOAN, "--db", str(db), "demo", "--members", "50"], check=True, capture_output=True)
    code = textwrap.dedent(f"""
        from desktop.app import run_app
        raise SystemExit(run_app(["--db", {str(db)!r}], exit_after_start=True))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "state").rglob("congdoan.log"))  # the rotating log is where it should be


def test_second_copy_on_the_same_database_is_refused(tmp_path):
    from desktop.services.core.instance import instance_lock
    db = tmp_path / "b.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from desktop.services.core.instance import instance_lock
        lock = instance_lock(__import__('pathlib').Path({str(db)!r}))
        print("locked" if lock else "busy", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert instance_lock(db) is None
    finally:
        holder.kill()
        holder.wait()
    lock = instance_lock(db)  # the OS released the killed process's lock
    assert lock is not None
    lock.release()


def test_app_backs_up_daily_and_at_exit(tmp_path):
    db = tmp_path / "c.sqlite3"
    subprocess.run([CONGDOAN, "--db", str(db), "demo", "--members", "30"], check=True, capture_output=True)
    code = textwrap.dedent(f"""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop.app import run_app
        app = QApplication([])
        def close_main():
            for w in app.topLevelWidgets():
                if w.objectName() == "mainWindow" and w.isVisible():
                    w.close()
        timer = QTimer()
        timer.timeout.connect(close_main)
        timer.start(300)   # the user closes the window once it is there
        raise SystemExit(run_app(["--db", {str(db)!r}]))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "backups").glob("*.sqlite3"))
    assert any("hang-ngay" in n for n in names) and any("khi-thoat" in n for n in names), names


def test_restore_from_the_file_menu_reopens_the_data(tmp_path):
    """Back up, change something, restore the copy from the menu: the app reopens the
    file with the copy's data, and what was there before is kept."""
    db = tmp_path / "d.sqlite3"
    subprocess.run([CONGDOAN, "--db", str(db), "demo", "--members", "20"], check=True, capture_output=True)
    copy = tmp_path / "copy.sqlite3"
    subprocess.run([CONGDOAN, "--db", str(db), "backup", "--out", str(copy)], check=True, capture_output=True)
    subprocess.run([CONGDOAN, "--db", str(db), "members", "add", "--name", "Người Thêm Sau", "--birth", "1990",
                    "--gender", "Nam"], check=True, capture_output=True)
    code = textwrap.dedent(f"""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        from desktop.app import run_app
        app = QApplication([])
        steps = []
        def drive():
            windows = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
            box = app.activeModalWidget() or next((w for w in app.topLevelWidgets()
                                                   if isinstance(w, QMessageBox) and w.isVisible()), None)
            if isinstance(box, QMessageBox):
                box.button(QMessageBox.StandardButton.Yes).click()
                return
            if windows and not steps:
                steps.append(windows[0].members_page.model.total)
                windows[0].backups.restore_from({str(copy)!r})
            elif windows and len(steps) == 1 and windows[0].statusBar().currentMessage():
                steps.append(windows[0].members_page.model.total)
                steps.append(windows[0].statusBar().currentMessage())
                windows[0].close()
            elif windows and len(steps) == 3:
                # The close waits while the daily backup of the reopened file is being
                # written (a busy machine): the user closes again, as they would.
                windows[0].close()
        timer = QTimer()
        timer.timeout.connect(drive)
        timer.start(150)
        code = run_app(["--db", {str(db)!r}])
        print("STEPS", steps)
        raise SystemExit(code)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    line = next(l for l in r.stdout.splitlines() if l.startswith("STEPS"))
    before, after = [int(x) for x in line.split("[")[1].split(",")[:2]]
    assert after == before - 1 and "Đã khôi phục" in line
    assert list((tmp_path / "backups").glob("*truoc-khoi-phuc*"))


def test_smoke_test_mode(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([CONGDOAN, "--smoke-test"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "smoke test ok" in r.stdout


def test_smoke_test_opens_and_migrates_the_database_named_by_db(tmp_path):
    """installer/build_linux.sh and the Windows workflow pass --db: that file is opened
    (created if missing) and migrated; a file that already holds a unit is only read."""
    import sqlite3

    from desktop.models.db import HEAD_REVISION, current_revision, make_engine, run_migrations
    db = tmp_path / "cu" / "congdoan.sqlite3"
    db.parent.mkdir()
    engine = make_engine(db)
    run_migrations(engine, "0005")  # a file left by an older version of the app
    engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([CONGDOAN, "--smoke-test", "--db", str(db)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert "smoke test ok" in r.stdout and str(db) in r.stdout
    engine = make_engine(db)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()
    assert list((db.parent / "backups").glob("*truoc-nang-cap*"))  # backed up before the migration

    def counts():
        con = sqlite3.connect(db)
        try:
            return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("member", "cash_doc",
                                                                                    "user_account")]
        finally:
            con.close()
    members, docs, accounts = counts()
    assert members == 60 and docs == 1 and accounts == 0  # demo data and one receipt; no account left behind
    subprocess.run([CONGDOAN, "--db", str(db), "users", "add", "hong", "--role", "chair", "--new-password",
                    "abcdef"], check=True, capture_output=True, env=env)
    # Again on the same file (the build times a second run), now with an account nobody signed in to.
    r = subprocess.run([CONGDOAN, "--smoke-test", "--db", str(db)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert counts() == [60, 1, 1]  # nothing issued in the unit's books, no account added
