"""congdoan users …, and signing in on the command line once accounts exist."""

import json

from desktop.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_commands_and_sign_in(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "u.sqlite3")
    monkeypatch.delenv("CONGDOAN_USER", raising=False)
    monkeypatch.delenv("CONGDOAN_PASSWORD", raising=False)
    assert run(capsys, "--db", db, "users", "add", "lan", "--role", "staff", "--new-password", "abcdef")[0] == 1
    code, out, _ = run(capsys, "--db", db, "users", "add", "hong", "--role", "chair", "--new-password", "abcdef")
    assert code == 0 and "hong" in out
    code, _, err = run(capsys, "--db", db, "users", "list")
    assert code == 1 and "--user" in err
    assert run(capsys, "--db", db, "--user", "hong", "--password", "sai", "users", "list")[0] == 1
    assert run(capsys, "--db", db, "--user", "hong", "--password", "abcdef", "users", "add", "lan", "--role",
               "staff", "--new-password", "abcdef")[0] == 0
    monkeypatch.setenv("CONGDOAN_USER", "lan")
    monkeypatch.setenv("CONGDOAN_PASSWORD", "abcdef")
    code, _, err = run(capsys, "--db", db, "users", "disable", "hong")
    assert code == 1 and "quản lý tài khoản" in err
    code, _, err = run(capsys, "--db", db, "init", "--unit-name", "CĐCS A", "--upper-name", "KCN")
    assert code == 1 and "cài đặt đơn vị" in err
    code, out, _ = run(capsys, "--db", db, "--json", "users", "list", "--user", "hong", "--password", "abcdef")
    assert code == 0 and [u["role"] for u in json.loads(out)] == ["chair", "staff"]
    assert run(capsys, "--db", db, "users", "passwd", "lan", "--new-password", "moi12345",
               "--user", "hong", "--password", "abcdef")[0] == 0
    assert run(capsys, "--db", db, "users", "disable", "lan", "--user", "hong", "--password", "abcdef")[0] == 0
