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
    from desktop.app import instance_lock
    db = tmp_path / "b.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from desktop.app import instance_lock
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
