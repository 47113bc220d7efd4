"""The CLI contract of DESIGN.md, run as a user runs it: a real process, a real file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CONGDOAN = str(Path(sys.executable).with_name("congdoan"))


def run(db, *args, ok=True):
    env = {**os.environ, "CONGDOAN_DB": str(db)}
    r = subprocess.run([CONGDOAN, *args], capture_output=True, text=True, env=env, timeout=300)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Điện tử Sông Hồng",
        "--upper-name", "Công đoàn KCN Thăng Long", "--groups", "Tổ SMT,Tổ Lắp ráp")
    return path


def test_init_add_list_show(db):
    r = run(db, "--json", "members", "add", "--name", "phạm  thị  hằng", "--birth", "1993-07-09",
            "--gender", "Nữ", "--cccd", "036193 004567", "--group", "tổ smt", "--salary", "7.500.000",
            "--joined", "01/03/2019")
    added = json.loads(r.stdout)
    assert added["full_name"] == "Phạm Thị Hằng" and added["id_number"] == "036193004567"
    assert added["salary"] == 7500000 and added["group"] == "Tổ SMT"
    rows = json.loads(run(db, "members", "list", "--json", "--search", "hang").stdout)
    assert [r["id"] for r in rows] == [added["id"]]
    shown = json.loads(run(db, "members", "show", added["id"], "--json").stdout)
    assert shown["events"][0]["kind"] == "admitted" and shown["events"][0]["date"] == "2019-03-01"
    unit = json.loads(run(db, "unit", "show", "--json").stdout)
    assert unit["upper_name"] == "Công đoàn KCN Thăng Long"


def test_user_errors_exit_1_with_one_line(db):
    r = run(db, "members", "add", "--name", "Nguyễn Văn A", "--birth", "31/02/1990", "--gender", "Nam", ok=False)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Ngày sinh" in r.stderr
    r = run(db, "members", "show", "khong-co", ok=False)
    assert r.returncode == 1 and "Không tìm thấy" in r.stderr
    r = run(db, "init", "--unit-name", "X", "--upper-name", "Y", ok=False)
    assert r.returncode == 1 and "đã được khởi tạo" in r.stderr


def test_bad_usage_exits_2(db):
    assert run(db, "members", "frobnicate", ok=False).returncode == 2
    assert run(db, "members", "add", "--name", "A", ok=False).returncode == 2


def test_demo_export_import_round_trip(tmp_path):
    demo = tmp_path / "demo.sqlite3"
    r = json.loads(run(demo, "--json", "demo", "--members", "500").stdout)
    assert r["members"] == 500
    out = tmp_path / "ds.xlsx"
    exported = json.loads(run(demo, "--json", "members", "export", str(out), "--status", "all").stdout)["exported"]
    assert exported == 500
    # into the same database: everything is a duplicate, nothing is created; exit 1, one line why
    again = run(demo, "--json", "members", "import", str(out), ok=False)
    assert again.returncode == 1 and again.stdout == ""
    assert "0 dòng lỗi, 500 dòng trùng" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    # into a fresh one with the same groups: everything comes in
    fresh = tmp_path / "fresh.sqlite3"
    groups = [g["name"] for g in json.loads(run(demo, "--json", "groups", "list").stdout)]
    run(fresh, "init", "--unit-name", "CĐCS mới", "--upper-name", "CĐ cấp trên", "--groups", ",".join(groups))
    res = json.loads(run(fresh, "--json", "members", "import", str(out), "--report", str(tmp_path / "r.xlsx")).stdout)
    assert res["imported"] == 500 and res["rejected"] == 0
    a = {(m["full_name"], m["birth_date"], m["id_number"], m["group"])
         for m in json.loads(run(demo, "--json", "members", "list", "--status", "all").stdout)}
    b = {(m["full_name"], m["birth_date"], m["id_number"], m["group"])
         for m in json.loads(run(fresh, "--json", "members", "list", "--status", "all").stdout)}
    assert a == b


def test_entry_point_chooses_app_or_cli():
    from desktop.main import wants_cli
    assert not wants_cli([])
    assert not wants_cli(["--db", "demo.sqlite3"])
    assert not wants_cli(["--db=demo.sqlite3"])
    assert wants_cli(["--db", "demo.sqlite3", "members", "list"])
    assert wants_cli(["members", "list"])
    assert wants_cli(["--help"])
    assert wants_cli(["frobnicate"])  # an unknown word: the CLI says it is not a command (exit 2)


def test_entry_point_knows_every_command():
    from desktop.cli import build_parser
    from desktop.main import COMMANDS
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == COMMANDS
