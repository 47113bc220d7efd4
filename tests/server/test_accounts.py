"""Accounts and roles on the server (issue 15, item 6): the services on a real SQLite file
and on this machine's PostgreSQL, and migration 0006 on an older database."""

import os
import unicodedata

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from server.accounts import service as accounts
from server.accounts.models import AdminAudit
from server.db import MIGRATIONS_DIR, make_engine, make_sessions, migrate
from server.errors import Conflict, Forbidden, Unauthorized
from server.units import service as units
from server.units.models import AdminAccount, AdminSession


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """An empty database on each backend: a real SQLite file, this machine's PostgreSQL."""
    from tests.sync_support import PG_ADMIN_URL, pg_available

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    assert pg_available(), "PostgreSQL at 127.0.0.1:5432 is needed"
    name = f"congdoan_accounts_{os.getpid()}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sessions(database):
    engine = make_engine(database)
    migrate(engine)
    yield make_sessions(engine)
    engine.dispose()


def _tree(sessions):
    """A province, two communes under it, a school under the first commune; a manager of
    the province (from the command line) and one of the first commune."""
    with sessions() as s, s.begin():
        units.create_unit(s, "TINH", "Liên đoàn Lao động tỉnh Thử")
        units.create_unit(s, "XA-1", "Công đoàn xã Một", "TINH")
        units.create_unit(s, "XA-2", "Công đoàn xã Hai", "TINH")
        units.create_unit(s, "TRUONG", "CĐCS Trường Tiểu học", "XA-1")
        accounts.create_account(s, "TINH", "tinh.quantri", "mat-khau-tinh")
        accounts.create_account(s, "XA-1", "xa1.quantri", "mat-khau-xa-1")


def _actor(s, name):
    admin = s.scalar(select(AdminAccount).where(AdminAccount.username == name))
    return admin, s.get_one(units.Unit, admin.unit_id)


def _log(s):
    return [(a.actor_name, a.action) for a in s.scalars(select(AdminAudit).order_by(AdminAudit.id))]


def test_a_manager_creates_accounts_only_in_their_sub_tree_and_by_the_rules(sessions):
    _tree(sessions)
    with sessions() as s, s.begin():
        admin, home = _actor(s, "xa1.quantri")
        decomposed = unicodedata.normalize("NFD", "Hiệu.Trưởng")
        viewer = accounts.create_account(s, "TRUONG", f"  {decomposed} ", "mat-khau-truong", "viewer",
                                         again="mat-khau-truong", actor=admin, home=home, address="10.0.0.7")
        assert viewer.username == unicodedata.normalize("NFC", "Hiệu.Trưởng") and viewer.role == "viewer"
        assert viewer.created_by == admin.id and not viewer.disabled
    refusals = [
        (dict(unit="XA-2"), Forbidden, "không thuộc phạm vi"),  # a sibling commune
        (dict(unit="TINH"), Forbidden, "không thuộc phạm vi"),  # the province above
        (dict(unit="KHONG-CO"), Forbidden, "không thuộc phạm vi"),  # refused alike: codes cannot be probed
        (dict(username="HIỆU.TRƯỞNG"), Conflict, "không phân biệt chữ hoa"),
        (dict(username="ab"), Conflict, "từ 3 đến 50 ký tự"),
        (dict(username="a" * 51), Conflict, "từ 3 đến 50 ký tự"),
        (dict(username="có dấu cách"), Conflict, "không có dấu cách"),
        (dict(username="_ngam"), Conflict, "bắt đầu bằng chữ cái"),
        (dict(username="ten\x00an"), Conflict, "chỉ gồm"),
        (dict(username=""), Conflict, "Hãy nhập tên đăng nhập"),
        (dict(password="ngan-9"), Conflict, "ít nhất 10 ký tự"),
        (dict(password="x" * 201, again="x" * 201), Conflict, "tối đa 200"),
        (dict(again="mat-khau-khac"), Conflict, "không khớp"),
        (dict(role="root"), Conflict, "Quản trị hoặc Chỉ xem"),
    ]
    for change, error, words in refusals:
        fields = dict(unit="TRUONG", username="moi.nguoi", password="mat-khau-dai", again="mat-khau-dai",
                      role="admin") | change
        with sessions() as s, s.begin():
            admin, home = _actor(s, "xa1.quantri")
            with pytest.raises(error) as caught:
                accounts.create_account(s, fields["unit"], fields["username"], fields["password"], fields["role"],
                                        again=fields["again"], actor=admin, home=home)
        assert words in caught.value.detail, (change, caught.value.detail)
    with sessions() as s, s.begin():  # a read-only account creates nothing, even in its own unit
        viewer, home = _actor(s, "Hiệu.Trưởng")
        with pytest.raises(Forbidden, match="chỉ được xem"):
            accounts.create_account(s, "TRUONG", "them.nua", "mat-khau-dai", "viewer", again="mat-khau-dai",
                                    actor=viewer, home=home)
    with sessions() as s:
        assert s.scalar(select(AdminAccount.id).where(AdminAccount.username == "moi.nguoi")) is None
        assert _log(s)[-1] == ("xa1.quantri", "account_create")
        assert "Hiệu.Trưởng (chỉ xem) cho CĐCS Trường Tiểu học" in s.scalars(select(AdminAudit.detail)).all()[-1]
    # Logging in takes the name in any case, and a decomposed spelling of it.
    token = units.login(sessions, "hiệu.trưởng", "mat-khau-truong", "10.0.0.8")
    with sessions() as s:
        assert _actor(s, "Hiệu.Trưởng")[0].id == units.admin_for_token(s, token)[0].id


def test_reset_stop_and_own_password_end_sessions_and_are_audited(sessions):
    _tree(sessions)
    with sessions() as s, s.begin():
        admin, home = _actor(s, "xa1.quantri")
        accounts.create_account(s, "TRUONG", "truong.xem", "mat-khau-truong", "viewer", again="mat-khau-truong",
                                actor=admin, home=home)
    old = units.login(sessions, "truong.xem", "mat-khau-truong")
    with sessions() as s, s.begin():
        admin, home = _actor(s, "xa1.quantri")
        target = _actor(s, "truong.xem")[0].id
        accounts.reset_password(s, admin, home, str(target), "mat-khau-moi-1", "mat-khau-moi-1", "10.1.1.1")
    with sessions() as s:
        with pytest.raises(Unauthorized):
            units.admin_for_token(s, old)  # the session opened before the reset is over
    with pytest.raises(Unauthorized):
        units.login(sessions, "truong.xem", "mat-khau-truong")
    token = units.login(sessions, "truong.xem", "mat-khau-moi-1")

    with sessions() as s, s.begin():
        admin, home = _actor(s, "xa1.quantri")
        accounts.set_disabled(s, admin, home, target, True)
    with sessions() as s:
        with pytest.raises(Unauthorized):
            units.admin_for_token(s, token)
    with pytest.raises(Unauthorized, match="ngừng sử dụng"):  # the right password, a stopped account
        units.login(sessions, "truong.xem", "mat-khau-moi-1")
    with sessions() as s, s.begin():
        admin, home = _actor(s, "xa1.quantri")
        accounts.set_disabled(s, admin, home, target, False)
    here = units.login(sessions, "truong.xem", "mat-khau-moi-1")
    elsewhere = units.login(sessions, "truong.xem", "mat-khau-moi-1")
    with sessions() as s, s.begin():
        viewer, home = _actor(s, "truong.xem")
        for current, new, again, words in (("sai-mat-khau", "mat-khau-moi-2", "mat-khau-moi-2", "không đúng"),
                                           ("mat-khau-moi-1", "ngan", "ngan", "ít nhất 10"),
                                           ("mat-khau-moi-1", "mat-khau-moi-1", "mat-khau-moi-1", "phải khác")):
            with pytest.raises(Conflict, match=words):
                accounts.change_own_password(s, viewer, current, new, again, units.token_hash(here))
        accounts.change_own_password(s, viewer, "mat-khau-moi-1", "mat-khau-moi-2", "mat-khau-moi-2",
                                     units.token_hash(here))
    with sessions() as s:
        assert units.admin_for_token(s, here)[0].username == "truong.xem"  # this one stays signed in
        with pytest.raises(Unauthorized):
            units.admin_for_token(s, elsewhere)
        log = _log(s)
    assert [a for _who, a in log if a not in ("login", "login_failed")] == [
        "account_create", "account_create", "account_create", "password_reset", "account_disable", "account_enable",
        "password_change"]
    assert ("truong.xem", "login_failed") in log and log[0] == ("(dòng lệnh)", "account_create")


def test_no_one_stops_themselves_the_last_root_manager_or_accounts_elsewhere(sessions):
    _tree(sessions)
    with sessions() as s, s.begin():
        admin, home = _actor(s, "tinh.quantri")
        with pytest.raises(Conflict, match="chính mình"):
            accounts.set_disabled(s, admin, home, admin.id, True)
        with pytest.raises(Conflict, match="chính mình"):
            accounts.reset_password(s, admin, home, admin.id, "mat-khau-moi-1", "mat-khau-moi-1")
        second = accounts.create_account(s, "TINH", "tinh.hai", "mat-khau-tinh-2", "admin", again="mat-khau-tinh-2",
                                         actor=admin, home=home)
    with sessions() as s, s.begin():
        second, home = _actor(s, "tinh.hai")
        first = _actor(s, "tinh.quantri")[0]
        accounts.set_disabled(s, second, home, first.id, True)  # one of two: allowed
    with sessions() as s, s.begin():  # a read-only account stops no one
        accounts.create_account(s, "TINH", "tinh.xem", "mat-khau-xem-1", "viewer")
    with sessions() as s, s.begin():
        viewer, home = _actor(s, "tinh.xem")
        with pytest.raises(Forbidden, match="chỉ được xem"):
            accounts.set_disabled(s, viewer, home, _actor(s, "tinh.hai")[0].id, True)
    with sessions() as s, s.begin():
        second, home = _actor(s, "tinh.hai")
        accounts.set_disabled(s, second, home, _actor(s, "tinh.quantri")[0].id, False)
    with sessions() as s, s.begin():
        first, home = _actor(s, "tinh.quantri")
        accounts.set_disabled(s, first, home, _actor(s, "tinh.hai")[0].id, True)
    with sessions() as s, s.begin():
        second, home = _actor(s, "tinh.hai")  # stopped, but the rule holds whoever asks
        first = _actor(s, "tinh.quantri")[0]
        with pytest.raises(Conflict, match="cuối cùng"):
            accounts.set_disabled(s, second, home, first.id, True)
    for account_id in ("", "abc", "-1", "0", str(2 ** 40), "9" * 13, "1e3", "\x00"):
        with sessions() as s, s.begin():
            admin, home = _actor(s, "xa1.quantri")
            with pytest.raises(Forbidden, match="không thuộc phạm vi"):
                accounts.set_disabled(s, admin, home, account_id, True)
    with sessions() as s, s.begin():  # the province's accounts, from the commune: not theirs
        admin, home = _actor(s, "xa1.quantri")
        with pytest.raises(Forbidden, match="không thuộc phạm vi"):
            accounts.reset_password(s, admin, home, _actor(s, "tinh.hai")[0].id, "mat-khau-moi-1", "mat-khau-moi-1")


def test_each_sees_the_accounts_and_log_of_their_sub_tree_paged_newest_first(sessions):
    _tree(sessions)
    with sessions() as s, s.begin():
        for i in range(7):
            accounts.create_account(s, "XA-2", f"xa2.nguoi{i}", "mat-khau-dai", "viewer")
    with pytest.raises(Unauthorized):
        units.login(sessions, "khong-ai-ca", "sai-mat-khau")
    units.login(sessions, "xa1.quantri", "mat-khau-xa-1", "192.0.2.1")
    with sessions() as s:
        commune = _actor(s, "xa1.quantri")[1]
        province = _actor(s, "tinh.quantri")[1]
        rows, total = accounts.accounts_of(s, commune)
        assert [r.username for r in rows] == ["xa1.quantri"] and total == 1
        rows, total = accounts.accounts_of(s, province, page=2, size=4)
        assert total == 9 and [r.username for r in rows] == ["xa2.nguoi2", "xa2.nguoi3", "xa2.nguoi4", "xa2.nguoi5"]
        log, total = accounts.audit_of(s, commune)
        assert total == 2 and [(r.actor, r.action, r.address) for r in log] == [
            ("xa1.quantri", "login", "192.0.2.1"), ("(dòng lệnh)", "account_create", None)]
        log, total = accounts.audit_of(s, province, page=1, size=3)
        assert total == 11 and [r.action for r in log] == ["login", "login_failed", "account_create"]
        assert log[1].actor == "(không rõ)" and log[1].unit_code is None  # the name typed is not kept
        assert "khong-ai-ca" not in str(s.execute(select(AdminAudit.actor_name, AdminAudit.detail)).all())


def test_the_log_is_append_only_and_a_role_is_one_of_two(sessions):
    _tree(sessions)
    with sessions() as s:  # and a role is one of the two, whatever writes it
        with pytest.raises(DBAPIError):
            with s.begin():
                s.execute(update(AdminAccount).values(role="root"))
    with sessions() as s:
        for statement in (update(AdminAudit).values(detail="sửa"), delete(AdminAudit)):
            with pytest.raises(DBAPIError, match="chỉ được ghi thêm"):
                with s.begin():
                    s.execute(statement)


def test_migration_0006_keeps_the_accounts_of_an_older_server_as_managers(database):
    engine = make_engine(database)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    from argon2 import PasswordHasher
    hashed = PasswordHasher().hash("mat-khau-cu")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        conn.execute(text("INSERT INTO unit (id, code, name, parent_id, path, created_at) VALUES "
                          "(1, 'XA', 'Công đoàn xã', NULL, '/1/', '2026-01-01')"))
        # Two names an older server let apart, which differ only in case.
        conn.execute(text("INSERT INTO admin_account (id, unit_id, username, password_hash, created_at) VALUES "
                          "(1, 1, 'Quan Tri', :h, '2026-01-02'), (2, 1, 'quan tri', :h, '2026-01-03')"), {"h": hashed})
    migrate(engine)
    sessions = make_sessions(engine)
    with sessions() as s:
        rows = s.execute(select(AdminAccount.username, AdminAccount.role, AdminAccount.disabled,
                                AdminAccount.password_changed_at).order_by(AdminAccount.id)).all()
    assert [(u, r, d, str(t)) for u, r, d, t in rows] == [("Quan Tri", "admin", False, "2026-01-02 00:00:00"),
                                                         ("quan tri", "admin", False, "2026-01-03 00:00:00")]
    for name in ("Quan Tri", "quan tri"):  # each still gets in under its own name
        with sessions() as s:
            assert units.admin_for_token(s, units.login(sessions, name, "mat-khau-cu"))[0].username == name
    with sessions() as s:
        assert s.scalar(select(AdminSession.admin_id).limit(1)) is not None
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
        assert "role" not in {c["name"] for c in inspect(conn).get_columns("admin_account")}
        assert not inspect(conn).has_table("admin_audit")
    engine.dispose()
