"""Login, idle lock, the accounts tab and the audit viewer (issue 7)."""

from desktop.services.units.accounts import AccountService
from tests.desktop.views.conftest import shoot, wait_idle


def _chair(state):
    accounts = AccountService(state.ctx)
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    accounts.login("hong", "matkhau1")
    accounts.add("lan", "matkhau2", "staff", "Trần Thị Lan")
    state.ctx.user = None  # as at start: nobody signed in yet
    return accounts


def test_login_dialog_refuses_a_wrong_password_then_signs_in(qtbot, state):
    from desktop.views.login_dialog import LoginDialog
    accounts = _chair(state)
    dialog = LoginDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("hong")
    dialog.password.setText("sai-mat-khau")
    dialog.try_login()
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu." and dialog.result() == 0
    shoot(dialog, "login_dialog")
    dialog.password.setText("matkhau1")
    dialog.try_login()
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert state.ctx.user.username == "hong"


def test_idle_lock_keeps_unsaved_work_and_needs_the_password(qtbot, state):
    from desktop.views.login_dialog import IdleLock
    from desktop.views.member_editor import MemberEditor
    accounts = _chair(state)
    accounts.login("lan", "matkhau2")
    editor = MemberEditor(state, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.w["full_name"].setText("Đang gõ dở")
    lock = IdleLock(accounts, 15, check_ms=20)
    lock.minutes = 0.001  # 60 ms, for the test
    qtbot.waitUntil(lambda: lock.dialog is not None, timeout=5000)
    dialog = lock.dialog
    assert dialog.username.text() == "lan" and dialog.username.isReadOnly()
    dialog.reject()  # Esc does not unlock
    assert lock.dialog is dialog
    dialog.password.setText("sai")
    dialog.try_login()
    assert lock.dialog is dialog
    dialog.password.setText("matkhau2")
    dialog.try_login()
    assert lock.dialog is None
    assert editor.isVisible() and editor.w["full_name"].text() == "Đang gõ dở"
    assert editor.graphicsEffect() is None


def test_accounts_tab_adds_and_changes_roles(qtbot, state):
    from desktop.views.main_window import MainWindow
    window = MainWindow(state)
    qtbot.addWidget(window)
    dialog = window.open_settings()
    form = dialog.accounts_form
    dialog.tabs.setCurrentWidget(form)
    form.username.setText("hong")
    form.full_name.setText("Nguyễn Thị Hồng")
    form.role.setCurrentIndex(form.role.findData("viewer"))
    form.password.setText("matkhau1")
    form.add_account()
    wait_idle(qtbot, state)
    assert "Chủ tịch" in form.note.text()  # the first must be a chair
    form.role.setCurrentIndex(form.role.findData("chair"))
    form.password.setText("matkhau1")
    form.add_account()
    wait_idle(qtbot, state)
    AccountService(state.ctx).login("hong", "matkhau1")
    form.username.setText("lan")
    form.full_name.setText("Trần Thị Lan")
    form.role.setCurrentIndex(form.role.findData("accountant"))
    form.password.setText("matkhau2")
    form.add_account()
    wait_idle(qtbot, state)
    form.role.setCurrentIndex(form.role.findData("treasurer"))
    form.change_role()
    wait_idle(qtbot, state)
    assert [(a.username, a.role) for a in AccountService(state.ctx).list()] == [("hong", "chair"), ("lan", "treasurer")]
    assert form.table.rowCount() == 2
    dialog.resize(760, 560)
    shoot(dialog, "settings_accounts")


def test_staff_sees_no_audit_and_no_accounts_tab(qtbot, state):
    from desktop.views.main_window import MainWindow
    accounts = _chair(state)
    accounts.login("lan", "matkhau2")
    window = MainWindow(state)
    qtbot.addWidget(window)
    assert not window.action_audit.isVisible()
    dialog = window.open_settings()
    assert not hasattr(dialog, "accounts_form")


def test_audit_viewer_lists_newest_first_and_searches(qtbot, state):
    from desktop.services.members.service import MemberService, input_as_raw
    from desktop.views.main_window import MainWindow
    accounts = _chair(state)
    accounts.login("hong", "matkhau1")
    svc = MemberService(state.ctx)
    m = svc.add({"full_name": "Phạm Văn Đức", "birth_date": "02/03/1991", "gender": "Nam"})
    svc.update(m.id, {**input_as_raw(svc.get(m.id).data), "phone": "0988777666"})
    window = MainWindow(state)
    qtbot.addWidget(window)
    assert window.action_audit.isVisible()
    dialog = window.open_audit()
    wait_idle(qtbot, state)
    model = dialog.model
    assert model.rowCount() > 0
    assert model.rows[0].field == "phone" and model.rows[0].user_name == "hong"
    dialog.search.setText("pham van duc")
    dialog.reload()
    wait_idle(qtbot, state)
    assert {r.label for r in model.rows} == {"Phạm Văn Đức"}
    assert model.data(model.index(0, 6)) == "" and model.data(model.index(0, 7)) == "0988777666"
    dialog.search.setText("")
    dialog.reload()
    wait_idle(qtbot, state)
    shoot(dialog, "audit_viewer")


def test_only_the_chair_restores_or_enrols_the_pc(qtbot, state):
    from desktop.services.core.permissions import PermissionDeniedError
    from desktop.views.main_window import MainWindow
    from desktop.views.sync_runner import SyncRunner
    accounts = _chair(state)
    accounts.login("lan", "matkhau2")
    window = MainWindow(state)
    qtbot.addWidget(window)
    assert not window.action_restore.isVisible() and window.action_backup.isVisible()
    runner = SyncRunner.of(state)
    # The service refuses before any request (nothing listens at port 9: a request would
    # fail with "cannot connect" instead).
    with qtbot.waitSignal(runner.enroll_failed, timeout=10000) as failed:
        runner.enroll("http://127.0.0.1:9", "ABCDE", "May 1")
    assert isinstance(failed.args[0], PermissionDeniedError) and "Cán bộ công đoàn" in failed.args[0].message
    qtbot.waitUntil(lambda: not runner.running, timeout=10000)
    dialog = window.open_settings()
    dialog.sync_form.server.setText("http://127.0.0.1:9")
    dialog.sync_form.code.setText("ABCDE")
    dialog.sync_form.enroll()
    qtbot.waitUntil(lambda: "đăng ký máy này đồng bộ" in dialog.sync_form.enroll_result.text(), timeout=10000)
    accounts.login("hong", "matkhau1")
    chair_window = MainWindow(state)
    qtbot.addWidget(chair_window)
    assert chair_window.action_restore.isVisible()
