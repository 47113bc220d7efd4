"""congdoan members transfer-out | transfers | transfer-accept | transfer-decline (issue 15,
item 8), as IT staff would run them on two units' PCs against a real server. In process
(the commands' own entry point, its exit codes and output), to keep the test short."""

import json
from types import SimpleNamespace

import pytest

from desktop.cli import main


@pytest.fixture
def run(capsys):
    def call(db, *args):
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as exc:  # bad usage
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=captured.out, stderr=captured.err)
    return call


def _pc(run, server, tmp_path, name: str, unit: str):
    db = tmp_path / f"{name}.sqlite3"
    assert run(db, "init", "--unit-name", name, "--upper-name", "LĐLĐ TP Đà Nẵng").returncode == 0
    r = run(db, "sync", "enroll", "--server", server.base, "--code", server.code(unit))
    assert r.returncode == 0, r.stderr
    return db


def test_transfer_from_one_unit_to_another_on_the_command_line(sync_server, tmp_path, run):
    sender, receiver = sync_server.unit("CĐCS Công ty A"), sync_server.unit("CĐCS Công ty B")
    a, b = _pc(run, sync_server, tmp_path, "gui", sender), _pc(run, sync_server, tmp_path, "nhan", receiver)
    r = run(a, "members", "add", "--name", "Lương Thị Hồng", "--birth", "1988-04-05", "--gender", "Nữ",
            "--cccd", "046188000123", "--json")
    mid = json.loads(r.stdout)["id"]
    r = run(a, "members", "transfer-out", mid, "--to", receiver, "--date", "02/03/2026", "--with-personal-data")
    assert r.returncode == 1 and "chưa có ngày đồng ý" in r.stderr  # no consent recorded
    r = run(a, "members", "transfer-out", mid, "--to", receiver, "--date", "02/03/2026", "--reason", "Chuyển công tác",
            "--json")
    assert r.returncode == 0, r.stderr
    tid = json.loads(r.stdout)["id"]
    assert run(a, "sync", "now").returncode == 0
    assert run(b, "sync", "now").returncode == 0

    r = run(b, "members", "transfers", "--in", "--pending", "--json")
    [proposal] = json.loads(r.stdout)
    assert proposal["id"] == tid and proposal["full_name"] == "Lương Thị Hồng"
    assert "id_number" not in proposal["member_data"]
    r = run(b, "members", "transfer-decline", tid)
    assert r.returncode == 2  # the reason is required
    r = run(b, "members", "transfer-accept", tid, "--json")
    assert r.returncode == 0, r.stderr
    new_id = json.loads(r.stdout)["member_id"]
    r = run(b, "members", "show", new_id, "--json")
    assert [e["kind"] for e in json.loads(r.stdout)["events"]] == ["transferred_in"]
    assert run(b, "sync", "now").returncode == 0
    assert run(a, "sync", "now").returncode == 0
    r = run(a, "members", "transfers", "--json")
    [sent] = json.loads(r.stdout)
    assert sent["direction"] == "out" and sent["status"] == "accepted"
    r = run(a, "members", "transfer-accept", tid)
    assert r.returncode == 1 and "đơn vị nhận mới trả lời được" in r.stderr
