"""congdoan-server's administration commands on a fresh database (DATABASE_URL)."""

import json
import os
import subprocess
import sys

import pytest
import requests


def server_cmd(url, *args):
    env = dict(os.environ, DATABASE_URL=url)
    return subprocess.run([sys.executable, "-m", "server", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    from sqlalchemy import create_engine, text

    from tests.sync_support import PG_ADMIN_URL, pg_available
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    name = f"congdoan_cli_{os.getpid()}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    # The postgres:// form an operator would paste works too.
    yield PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://") + f"/{name}"
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_administration_commands(url):
    assert server_cmd(url, "migrate").returncode == 0
    assert server_cmd(url, "migrate").returncode == 0  # twice is harmless
    r = server_cmd(url, "create-unit", "--code", "LDLD-HN", "--name", "Liên đoàn Lao động Hà Nội", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["path"].count("/") == 2
    assert server_cmd(url, "create-unit", "--code", "CD-01", "--name", "CĐCS Công ty May 10", "--parent",
                      "LDLD-HN").returncode == 0
    r = server_cmd(url, "create-unit", "--code", "CD-01", "--name", "Trùng mã")
    assert r.returncode == 1 and "Đã có đơn vị" in r.stderr
    r = server_cmd(url, "create-unit", "--code", "CD-02", "--name", "X", "--parent", "KHONG-CO")
    assert r.returncode == 1 and "Không có đơn vị" in r.stderr
    assert server_cmd(url, "create-admin", "--unit", "LDLD-HN", "--username", "quantri",
                      "--password", "mat-khau-dai").returncode == 0
    r = server_cmd(url, "create-admin", "--unit", "LDLD-HN", "--username", "ngan", "--password", "123")
    assert r.returncode == 1 and "10 ký tự" in r.stderr
    r = server_cmd(url, "create-admin", "--unit", "CD-01", "--username", "May10.Xem", "--password", "chi-xem-thoi",
                   "--role", "viewer", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == {"username": "May10.Xem", "role": "viewer"}
    r = server_cmd(url, "create-admin", "--unit", "CD-01", "--username", "may10.xem", "--password", "chi-xem-thoi")
    assert r.returncode == 1 and "Đã có tài khoản" in r.stderr
    r = server_cmd(url, "create-admin", "--unit", "CD-01", "--username", "có dấu cách", "--password", "chi-xem-thoi")
    assert r.returncode == 1 and "Tên đăng nhập chỉ gồm" in r.stderr
    r = server_cmd(url, "enroll-code", "CD-01", "--json")
    code = json.loads(r.stdout)["code"]
    assert len(code.replace("-", "")) == 10
    for hours in ("0", "-5", "abc", "nan", "1e12"):  # a positive number of hours, and not for ever
        r = server_cmd(url, "enroll-code", "CD-01", "--hours", hours)
        assert r.returncode == 2 and "số giờ dương" in r.stderr and "Traceback" not in r.stderr, hours
    assert server_cmd(url, "enroll-code", "CD-01", "--hours", "0.5").returncode == 0
    r = server_cmd(url, "devices", "LDLD-HN", "--json")
    assert json.loads(r.stdout) == []
    r = server_cmd(url, "revoke-device", "khong-co-may")
    assert r.returncode == 1


def test_passwords_are_argon2_and_codes_hashed(url):
    server_cmd(url, "migrate")
    server_cmd(url, "create-unit", "--code", "A", "--name", "Đơn vị A")
    server_cmd(url, "create-admin", "--unit", "A", "--username", "quantri", "--password", "mat-khau-dai")
    code = json.loads(server_cmd(url, "enroll-code", "A", "--json").stdout)["code"]
    from sqlalchemy import text

    from server.db import make_engine
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as c:
        assert c.execute(text("SELECT password_hash FROM admin_account")).scalar().startswith("$argon2id$")
        stored = c.execute(text("SELECT code_hash FROM enroll_code")).scalar()
    engine.dispose()
    assert code.replace("-", "") not in stored and len(stored) == 64


def test_admin_web_page(sync_server):
    unit = sync_server.unit("Liên đoàn Lao động Quận Ba Đình")
    child = sync_server.unit("CĐCS Trường THCS Nguyễn Trãi", parent=unit)
    sync_server.admin(unit, f"bd-{unit}")
    web = requests.Session()
    r = web.get(sync_server.base + "/admin/")
    assert "Đăng nhập" in r.text
    r = web.post(sync_server.base + "/admin/login", data={"username": f"bd-{unit}", "password": "sai"})
    assert "Sai tên đăng nhập" in r.text
    r = web.post(sync_server.base + "/admin/login", data={"username": f"bd-{unit}", "password": "matkhau-123"})
    assert r.ok and "Liên đoàn Lao động Quận Ba Đình" in r.text and "CĐCS Trường THCS Nguyễn Trãi" in r.text
    r = web.post(sync_server.base + "/admin/enroll-code", data={"unit": child})
    assert r.ok and "Mã đăng ký cho CĐCS Trường THCS Nguyễn Trãi" in r.text
    (tmp := sync_server.tmp / "admin.html").write_text(web.get(sync_server.base + "/admin/").text)
    assert tmp.exists()
