"""congdoan sync enroll | now | status, as IT staff would run them, against a real server."""

import json
import os
import subprocess
import sys


def run(db, *args, env=None):
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=120)


def test_enroll_sync_and_status(sync_server, tmp_path):
    unit = sync_server.unit("CĐCS Bệnh viện Đa khoa")
    db = tmp_path / "cd.sqlite3"
    assert run(db, "init", "--unit-name", "CĐCS Bệnh viện Đa khoa", "--upper-name", "Công đoàn ngành Y tế").returncode == 0
    assert run(db, "members", "add", "--name", "Lương Thị Hồng", "--birth", "1988-04-05", "--gender", "Nữ").returncode == 0
    r = run(db, "sync", "status", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["enrolled"] is False
    r = run(db, "sync", "enroll", "--server", sync_server.base, "--code", "SAI-MA-00")
    assert r.returncode == 1 and "không đúng" in r.stderr
    r = run(db, "sync", "enroll", "--server", sync_server.base, "--code", sync_server.code(unit), "--json")
    assert r.returncode == 0, r.stderr
    st = json.loads(r.stdout)
    assert st["unit_code"] == unit and st["pending"] > 0
    r = run(db, "sync", "now", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["pushed"] > 0 and out["status"]["pending"] == 0 and out["status"]["last_sync_at"]
    r = run(db, "sync", "status")
    assert r.returncode == 0 and "máy số 1" in r.stdout and "chờ gửi: 0" in r.stdout


def test_sync_now_when_the_server_is_unreachable(tmp_path):
    db = tmp_path / "cd.sqlite3"
    run(db, "init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ")
    r = run(db, "sync", "now")
    assert r.returncode == 1 and "chưa đăng ký" in r.stderr
    r = run(db, "sync", "enroll", "--server", "http://127.0.0.1:9", "--code", "ABCDE-FGHJK")
    assert r.returncode == 1 and "Không kết nối được" in r.stderr
