"""Restoring a backup, the backup settings and enrolling the PC for sync take the chair
once the PC has accounts (issue 7, item 6): in the services, and on the command line."""

import json
import sqlite3

import pytest

from desktop.cli import main
from desktop.services.backup.service import backup_settings, make_backup, restore, save_backup_settings
from desktop.services.core.context import open_context
from desktop.services.core.permissions import CurrentUser, PermissionDeniedError
from desktop.services.demo.service import make_demo
from desktop.services.members.service import MemberService
from desktop.services.units.accounts import AccountService

CHAIR = CurrentUser("hong", "Nguyễn Thị Hồng", "chair")
ACCOUNTANT = CurrentUser("binh", "Trần Văn Bình", "accountant")


def _unit_with_accounts(path):
    ctx = open_context(path)
    make_demo(ctx, 5)
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair", CHAIR.full_name)
    accounts.login("hong", "matkhau1")
    accounts.add("binh", "matkhau2", "accountant", ACCOUNTANT.full_name)
    return ctx, accounts


def members(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM member WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        con.close()


def test_restore_takes_the_chair_when_accounts_exist(tmp_path):
    db = tmp_path / "unit.sqlite3"
    ctx, _ = _unit_with_accounts(db)
    copy = make_backup(ctx, tmp_path / "sao-luu.sqlite3")  # anyone may make a copy
    MemberService(ctx).add({"full_name": "Lê Văn Tám", "birth_date": "1991", "gender": "Nam"})
    ctx.close()
    assert members(db) == 6
    for user, words in ((None, "đăng nhập trước khi khôi phục"), (ACCOUNTANT, "“Kế toán” không được khôi phục")):
        with pytest.raises(PermissionDeniedError, match=words):
            restore(db, copy, user=user)
    assert not list((tmp_path / "backups").glob("*truoc-khoi-phuc*"))  # refused before anything was touched
    assert members(db) == 6
    safety = restore(db, copy, user=CHAIR)
    assert safety.exists() and members(db) == 5


def test_restore_needs_no_sign_in_without_accounts(tmp_path):
    db = tmp_path / "unit.sqlite3"
    ctx = open_context(db)
    make_demo(ctx, 3)
    copy = make_backup(ctx, tmp_path / "sao-luu.sqlite3")
    ctx.close()
    assert restore(db, copy).exists()


def test_backup_settings_take_the_chair(tmp_path):
    ctx, accounts = _unit_with_accounts(tmp_path / "unit.sqlite3")
    try:
        accounts.login("binh", "matkhau2")
        with pytest.raises(PermissionDeniedError, match="“Kế toán” không được đổi thư mục sao lưu"):
            save_backup_settings(ctx, tmp_path / "usb", 5)
        assert backup_settings(ctx).keep != 5 and not (tmp_path / "usb").exists()
        accounts.login("hong", "matkhau1")
        assert save_backup_settings(ctx, tmp_path / "usb", 5).keep == 5
    finally:
        ctx.close()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_restore_signs_in_like_every_command_and_takes_the_chair(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CONGDOAN_USER", raising=False)
    monkeypatch.delenv("CONGDOAN_PASSWORD", raising=False)
    db = tmp_path / "unit.sqlite3"
    ctx, _ = _unit_with_accounts(db)
    copy = make_backup(ctx, tmp_path / "sao-luu.sqlite3")
    ctx.close()
    code, _, err = run(capsys, "--db", str(db), "restore", str(copy))
    assert code == 1 and "--user" in err
    code, _, err = run(capsys, "--db", str(db), "--user", "binh", "--password", "matkhau2", "restore", str(copy))
    assert code == 1 and "khôi phục" in err and "Kế toán" in err
    assert run(capsys, "--db", str(db), "--user", "hong", "--password", "sai", "restore", str(copy))[0] == 1
    assert not list((tmp_path / "backups").glob("*truoc-khoi-phuc*"))
    code, out, err = run(capsys, "--db", str(db), "--json", "--user", "hong", "--password", "matkhau1",
                         "restore", str(copy))
    assert code == 0, err
    assert json.loads(out)["restored"] == str(copy)


def test_cli_sync_enroll_takes_the_chair(tmp_path, capsys, monkeypatch):
    db = tmp_path / "unit.sqlite3"
    _unit_with_accounts(db)[0].close()
    monkeypatch.setenv("CONGDOAN_USER", "binh")
    monkeypatch.setenv("CONGDOAN_PASSWORD", "matkhau2")
    # Refused before any request: no server listens on port 9.
    code, _, err = run(capsys, "--db", str(db), "sync", "enroll", "--server", "http://127.0.0.1:9", "--code", "ABCDE")
    assert code == 1 and "“Kế toán” không được đăng ký máy này đồng bộ" in err
