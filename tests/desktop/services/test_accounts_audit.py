"""Accounts, roles and the audit log (issue 7), without Qt."""

import pytest
from sqlalchemy import text

from desktop.services.audit.log import AuditQuery, AuditService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import ValidationError
from desktop.services.core.permissions import PermissionDeniedError
from desktop.services.members.service import MemberService, input_as_raw
from desktop.services.units.accounts import AccountService, LoginError
from desktop.services.units.service import UnitService

NEW = {"full_name": "Nguyễn Văn Đức", "birth_date": "01/02/1990", "gender": "Nam"}


def audit(ctx, where="1=1"):
    with ctx.read() as s:
        return s.execute(text(f"SELECT user_name, tbl, row_id, action, field, old_value, new_value, label "
                              f"FROM audit_log WHERE {where} ORDER BY at, id")).all()


def test_without_accounts_everything_is_allowed_and_named_after_the_pc(ctx):
    import platform
    m = MemberService(ctx).add(NEW)
    rows = audit(ctx, "tbl = 'member'")
    assert rows == [(platform.node(), "member", m.id, "insert", None, None, None, "Nguyễn Văn Đức")]


def test_first_account_must_be_a_chair_and_passwords_are_argon2(ctx):
    accounts = AccountService(ctx)
    with pytest.raises(ValidationError, match="Chủ tịch"):
        accounts.add("lan", "matkhau1", "staff")
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    with ctx.read() as s:
        assert s.execute(text("SELECT password_hash FROM user_account")).scalar().startswith("$argon2id$")
    with pytest.raises(LoginError):
        accounts.login("hong", "sai")
    assert accounts.login("HONG", "matkhau1").role == "chair"


def test_roles_are_enforced_in_the_services(ctx):
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair")
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        MemberService(ctx).add(NEW)  # accounts exist, nobody signed in
    accounts.login("hong", "matkhau1")
    for name, role in (("lan", "staff"), ("binh", "accountant"), ("xem", "viewer")):
        accounts.add(name, "matkhau1", role)
    m = MemberService(ctx).add(NEW)

    accounts.login("xem", "matkhau1")
    with pytest.raises(PermissionDeniedError, match="“Chỉ xem” không được thêm hay sửa hồ sơ đoàn viên"):
        MemberService(ctx).add({**NEW, "full_name": "Trần Thị B"})
    accounts.login("lan", "matkhau1")
    MemberService(ctx).update(m.id, {**input_as_raw(MemberService(ctx).get(m.id).data), "phone": "0912345678"})
    from datetime import date
    with pytest.raises(PermissionDeniedError, match="phiếu thu"):
        CashService(ctx).record(kind="thu", category="thu_khac", doc_date=date.today(), person_name="A",
                                reason="Thu khác", amount=10000)
    with pytest.raises(PermissionDeniedError, match="cài đặt đơn vị"):
        from desktop.services.units.service import UnitInfo
        UnitService(ctx).save(UnitInfo(name="CĐCS A", upper_name="Công đoàn KCN"))
    with pytest.raises(PermissionDeniedError, match="tài khoản"):
        accounts.set_role("binh", "chair")
    with pytest.raises(PermissionDeniedError, match="nhật ký"):
        AuditService(ctx).count()
    accounts.login("binh", "matkhau1")
    with pytest.raises(PermissionDeniedError):
        MemberService(ctx).add({**NEW, "full_name": "Trần Thị B"})


def test_the_last_chair_cannot_be_demoted_or_disabled(ctx):
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair")
    accounts.login("hong", "matkhau1")
    with pytest.raises(ValidationError):
        accounts.disable("hong")
    with pytest.raises(ValidationError):
        accounts.set_role("hong", "viewer")
    accounts.add("lan", "matkhau1", "staff")
    accounts.disable("lan")
    with pytest.raises(LoginError, match="khóa"):
        accounts.login("lan", "matkhau1")


def test_audit_rows_for_insert_update_and_tombstone_with_who(ctx):
    accounts = AccountService(ctx)
    accounts.add("hong", "matkhau1", "chair")
    accounts.login("hong", "matkhau1")
    svc = MemberService(ctx)
    m = svc.add({**NEW, "phone": "0900000001"})
    svc.update(m.id, {**input_as_raw(svc.get(m.id).data), "phone": "0900000002", "notes": "ghi chú"})
    rows = audit(ctx, f"row_id = '{m.id}'")
    assert ("hong", "member", m.id, "insert", None, None, None, "Nguyễn Văn Đức") in rows
    assert ("hong", "member", m.id, "update", "phone", "0900000001", "0900000002", "Nguyễn Văn Đức") in rows
    assert ("hong", "member", m.id, "update", "notes", None, "ghi chú", "Nguyễn Văn Đức") in rows
    assert not [r for r in rows if r.field in ("search_key", "sort_key", "updated_at")]  # caches and meta: no rows
    with ctx.write() as s:  # a tombstone (the activities page deletes this way)
        s.execute(text("UPDATE member SET deleted_at = '2026-01-01 00:00:00' WHERE id = :i"), {"i": m.id})
    assert audit(ctx, f"row_id = '{m.id}' AND action = 'delete'")[0][4] == "deleted_at"
    # Insert-only and synced: refused to change, and in the outbox.
    with pytest.raises(Exception, match="Nhật ký thay đổi không được sửa"):
        with ctx.write() as s:
            s.execute(text("UPDATE audit_log SET new_value = 'x'"))
    with pytest.raises(Exception, match="Nhật ký thay đổi không được sửa"):
        with ctx.write() as s:
            s.execute(text("DELETE FROM audit_log"))
    with ctx.read() as s:
        assert s.execute(text("SELECT count(*) FROM sync_outbox WHERE tbl = 'audit_log'")).scalar() == len(audit(ctx))
    # The viewer's search: by name without marks, newest first.
    page = AuditService(ctx).page(AuditQuery(search="duc"))
    assert page and all(r.label == "Nguyễn Văn Đức" for r in page)
    assert page[0].at >= page[-1].at
    assert AuditService(ctx).count(AuditQuery(user="nobody")) == 0


def test_audit_is_silent_while_the_sync_applies_pulled_changes(ctx):
    m = MemberService(ctx).add(NEW)
    before = len(audit(ctx))
    with ctx.write() as s:
        s.execute(text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
        s.execute(text("UPDATE member SET phone = '0911' WHERE id = :i"), {"i": m.id})
        s.execute(text("UPDATE sync_state SET applying = 0 WHERE id = 1"))
    assert len(audit(ctx)) == before


def test_the_bulk_switch_writes_one_summary_row(ctx, tmp_path):
    from desktop.services.demo.service import make_demo
    make_demo(ctx, 200)
    rows = audit(ctx, "tbl IN ('member', 'member_event')")
    assert [(r.action, r.label) for r in rows] == [("bulk", "Tạo dữ liệu mẫu: 200 đoàn viên")]
    with ctx.read() as s:
        assert s.execute(text("SELECT bulk FROM audit_session")).scalar() == 0  # on again afterwards
    m = MemberService(ctx).add({**NEW, "full_name": "Lê Văn Sau"})
    assert audit(ctx, f"row_id = '{m.id}'")  # per-row auditing is back
