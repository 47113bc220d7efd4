"""The sync as the treasurer sees it, against a real server (`congdoan-server serve` in a
subprocess): enrolling in Settings → Đồng bộ, the status bar, F9, the server down, the
"Cần xem xét" page with a real conflict and a real refused change."""

import gc
import re
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.services.members.service import MemberService
from desktop.services.sync.service import ConflictInfo, SyncService
from desktop.services.units.service import UnitInfo, UnitService
from desktop.views.main_window import MainWindow
from desktop.views.sync_runner import SyncRunner
from tests.desktop.views.conftest import shoot, wait_idle

SYNC_TIMEOUT = 120_000


@pytest.fixture
def runner(state):
    r = SyncRunner.of(state)
    yield r
    r.stop()
    assert r.wait(60), "the sync thread did not stop"
    # pytest-qt leaves this test's windows to deleteLater(). Delete them now, on this
    # thread, with no sync thread running: Qt objects torn down by a later test's event
    # loop while a Python thread runs (and may start a garbage collection) crashed
    # PySide 6.11 about once in six runs.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def open_window(qtbot, state):
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def shoot_bar(qtbot, w, name):
    qtbot.wait(50)  # the status bar's layout settles over a few events, as on screen
    label = w.sync_status.label
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), "status text cut"
    shoot(w.statusBar(), name)


def wait_sync(qtbot, runner):
    qtbot.waitUntil(lambda: not runner.running, timeout=SYNC_TIMEOUT)


def enrol(state, runner, server, name="CĐCS Công ty Cổ phần May Thăng Long"):
    """This (demo) database becomes the first PC of a new unit on the server."""
    unit = server.unit(name)
    SyncService(state.ctx).enroll(server.base, server.code(unit), "Máy kế toán")
    runner.refresh()
    return unit


def add_member(ctx, name, **extra):
    raw = {"full_name": name, "birth_date": "02/03/1990", "gender": "Nữ", **extra}
    return MemberService(ctx).add(raw, confirm_similar=True).id


def edit_member(ctx, member_id, **changes):
    svc = MemberService(ctx)
    svc.update(member_id, replace(svc.get(member_id).data, **changes), confirm_similar=True)


def wait_past_clock(ctx) -> None:
    """Let the wall clock pass this PC's sync clock. A burst of writes (the demo data)
    pushes a PC's clock ahead of real time, and the server merges by that clock alone:
    an edit made elsewhere before it catches up loses without a conflict being logged
    (reported to the sync engine's owner)."""
    conn = sqlite3.connect(ctx.db.path)
    try:
        hlc = conn.execute("SELECT hlc FROM sync_state WHERE id = 1").fetchone()[0]
    finally:
        conn.close()
    time.sleep(max(0.0, hlc / 1000 - time.time()) + 0.05)


def local_hhmm(utc: datetime) -> str:
    return utc.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


def test_enrol_through_the_settings_tab(qtbot, state, runner, sync_server, vietnamese):
    w = open_window(qtbot, state)
    assert w.sync_status.label.text() == "Chưa đăng ký đồng bộ"
    review_item = w.nav.item(w.pages.indexOf(w.review_page))
    assert review_item.isHidden()  # nothing to review on a PC that does not sync
    dialog = w.open_settings("sync")
    form = dialog.sync_form
    assert dialog.tabs.currentWidget() is form and form.stack.currentIndex() == 0
    assert form.device_name.text()  # this computer's name
    assert not form.enroll_button.isEnabled()
    shoot(dialog, "sync-01-settings-not-enrolled")

    unit = sync_server.unit("CĐCS Công ty Cổ phần May Thăng Long")
    form.server.setText(sync_server.base)
    form.code.setText(sync_server.code(unit))
    assert form.enroll_button.isEnabled()
    seen: list[str] = []

    def watch() -> None:
        text = w.sync_status.label.text()
        if re.fullmatch(r"Đang đồng bộ… \d+%", text) and not any(t.endswith("%") for t in seen):
            shoot(w.statusBar(), "sync-06b-status-progress")
        seen.append(text)
    runner.changed.connect(watch)
    form.enroll_button.click()
    assert form.enroll_result.text() == "Đang đăng ký với máy chủ…"
    qtbot.waitUntil(lambda: runner.status.enrolled and runner.status.last_sync_at is not None and not runner.running,
                    timeout=SYNC_TIMEOUT)
    # the first sync of 600 members went up with its progress shown
    assert "Đang đăng ký với máy chủ…" in seen
    assert any(re.fullmatch(r"Đang đồng bộ… \d+%", t) for t in seen), seen
    assert form.stack.currentIndex() == 1
    assert form.unit_value.text() == f"CĐCS Công ty Cổ phần May Thăng Long ({unit})"
    assert form.server_value.text() == sync_server.base
    assert form.device_value.text() == "Máy số 1"
    assert form.pending_value.text() == "0"
    assert form.done_note.text().startswith("Đã đăng ký máy này với CĐCS Công ty Cổ phần May Thăng Long.")
    assert w.sync_status.label.text() == "Đã đồng bộ lúc " + local_hhmm(runner.status.last_sync_at)
    assert not review_item.isHidden() and review_item.text() == "Cần xem xét"
    shoot(dialog, "sync-02-settings-enrolled")
    shoot(w, "sync-03-main-window-synced")
    # Cancel closes the dialog; the enrolment stays (it never waited for Save)
    dialog.reject()
    assert SyncService(state.ctx).status().enrolled


def test_a_wrong_code_shows_the_servers_message(qtbot, state, runner, sync_server, vietnamese):
    w = open_window(qtbot, state)
    dialog = w.open_settings("sync")
    form = dialog.sync_form
    form.server.setText("dongbo.congdoan.vn")
    form.code.setText("ABCDE-FGH23")
    form.enroll()
    wait_sync(qtbot, runner)
    assert "phải bắt đầu bằng https://" in form.enroll_result.text()

    form.server.setText(sync_server.base)
    qtbot.keyClick(form.code, Qt.Key.Key_Return)  # Enter enrols; it does not Save and close the dialog
    assert dialog.isVisible()
    wait_sync(qtbot, runner)
    assert form.enroll_result.text() == "Mã đăng ký không đúng. Hãy kiểm tra lại mã do cấp trên cấp."
    assert "c62828" in form.enroll_result.styleSheet()
    assert form.stack.currentIndex() == 0 and not runner.status.enrolled
    assert w.sync_status.label.text() == "Chưa đăng ký đồng bộ"
    shoot(dialog, "sync-04-settings-wrong-code")


def test_f9_when_not_enrolled_opens_the_sync_tab(qtbot, state, runner):
    w = open_window(qtbot, state)
    dialog = w.sync_now()
    assert dialog is not None and dialog.tabs.currentWidget() is dialog.sync_form
    assert not runner.running


def test_sync_now_and_the_server_down(qtbot, state, runner, sync_server, vietnamese):
    enrol(state, runner, sync_server)
    w = open_window(qtbot, state)
    label = w.sync_status.label
    pending = runner.status.pending
    assert pending > 600 and label.text() == f"{pending:,} thay đổi chờ gửi".replace(",", ".")
    shoot_bar(qtbot, w, "sync-05-status-pending")

    w.action_sync.trigger()  # F9
    assert label.text().startswith("Đang đồng bộ…") and w.sync_status.cancel_button.isVisible()
    shoot(w.statusBar(), "sync-06-status-running")
    wait_sync(qtbot, runner)
    assert runner.status.pending == 0 and runner.status.last_error is None
    assert label.text() == "Đã đồng bộ lúc " + local_hhmm(runner.status.last_sync_at)
    assert not w.sync_status.cancel_button.isVisible()
    shoot_bar(qtbot, w, "sync-07-status-synced")

    # a change made here: counted as waiting once the page reports it
    add_member(state.ctx, "Lê Thị Thu Hà")
    qtbot.waitUntil(lambda: re.fullmatch(r"\d+ thay đổi chờ gửi", label.text()) is not None)
    waiting = runner.status.pending

    sync_server.stop()
    try:
        w.action_sync.trigger()
        wait_sync(qtbot, runner)
        assert label.text() == "Mất kết nối — dữ liệu vẫn lưu trên máy"
        assert "Không kết nối được máy chủ đồng bộ" in label.toolTip()
        assert f"{waiting} thay đổi chờ gửi" in label.toolTip()
        assert runner.status.pending == waiting  # nothing lost, nothing dropped
        assert "Không kết nối được" in runner.status.last_error
        shoot_bar(qtbot, w, "sync-08-status-offline")
        dialog = w.open_settings("sync")
        assert "Không kết nối được máy chủ" in dialog.sync_form.state_value.text()
        shoot(dialog, "sync-09-settings-offline")
        dialog.reject()
    finally:
        sync_server.start()
    w.action_sync.trigger()
    wait_sync(qtbot, runner)
    assert runner.status.pending == 0 and label.text().startswith("Đã đồng bộ lúc")


def test_a_long_sync_can_be_stopped_and_timer_ticks_skip(qtbot, state, runner, sync_server, vietnamese):
    enrol(state, runner, sync_server)
    w = open_window(qtbot, state)
    runner.start_timer(first_delay_ms=10_000_000)  # ticks by hand below
    from desktop.services.dues import months as dues_months
    dues_months.refresh(state.ctx)  # the month figures a sync writes first: counted in `before`
    runner.refresh()
    before = runner.status.pending
    assert runner.sync_now()
    thread = runner._thread
    runner.tick()  # a sync is running: the tick does nothing
    assert runner._thread is thread and not runner.sync_now()
    w.sync_status.cancel_button.click()
    wait_sync(qtbot, runner)
    assert w.sync_status.label.text() == "Đã dừng đồng bộ"
    assert "lần sau sẽ tiếp tục" in w.sync_status.label.toolTip()
    assert 0 < runner.status.pending <= before
    shoot_bar(qtbot, w, "sync-10-status-stopped")
    runner.tick()  # the next tick carries on
    assert runner.running
    wait_sync(qtbot, runner)
    assert runner.status.pending == 0


def test_the_review_page_lists_a_conflict_and_a_refused_change(qtbot, state, runner, sync_server, tmp_path,
                                                               vietnamese):
    # PC "a" is the app under test; PC "b" another PC of the office, driven by its services.
    unit = enrol(state, runner, sync_server, "CĐCS Trường Tiểu học Kim Đồng")
    a = state.ctx
    member = add_member(a, "Phạm Thị Hoa", job_title="Giáo viên")
    doc = CashService(a).record(kind="thu", category="thu_khac", doc_date=date.today(), person_name="Nguyễn Văn Thu",
                                reason="Thu ủng hộ", amount=120_000).id
    SyncService(a).sync_now()
    b = open_context(tmp_path / "b.sqlite3")
    try:
        UnitService(b).save(UnitInfo(name="CĐCS Trường Tiểu học Kim Đồng", upper_name="Công đoàn Giáo dục"))
        sb = SyncService(b)
        sb.enroll(sync_server.base, sync_server.code(unit), "Máy chủ tịch")
        sb.sync_now()
        # the same field on both PCs between two syncs; "b" changes it last and syncs first
        edit_member(a, member, job_title="Giáo viên chủ nhiệm")
        wait_past_clock(a)
        edit_member(b, member, job_title="Tổ trưởng chuyên môn")
        # the same receipt voided on both PCs: the second void is refused by the server
        CashService(b).void(doc, "Viết sai số tiền")
        CashService(a).void(doc, "Thu trùng")
        add_member(b, "Trần Văn Bình")
        sb.sync_now()
    finally:
        b.close()

    w = open_window(qtbot, state)
    members_before = w.members_page.model.total
    runner.refresh()
    w.action_sync.trigger()
    wait_sync(qtbot, runner)
    assert runner.error is None
    # the pulled member shows without a restart: the pages refreshed through data_changed
    assert w.members_page.model.total == members_before + 1
    item = w.nav.item(w.pages.indexOf(w.review_page))
    st = SyncService(a).status()
    assert st.open_conflicts >= 1 and st.rejected == 1
    assert item.text() == f"Cần xem xét ({st.open_conflicts + st.rejected})"

    w.nav.setCurrentRow(w.pages.indexOf(w.review_page))
    page = w.review_page
    wait_idle(qtbot, state)
    assert page.conflicts.rowCount() == st.open_conflicts and page.rejected.rowCount() == 1
    row = next(i for i, c in enumerate(page.conflicts.rows) if c.record_label == "Phạm Thị Hoa")
    cells = [page.conflicts.index(row, c).data() for c in range(page.conflicts.columnCount())]
    # The other PC is named as the server knows it ("Máy 2 — …").
    assert cells[:3] == ["Phạm Thị Hoa", "Công việc", "Tổ trưởng chuyên môn"] and cells[3].startswith("Máy ")
    assert cells[3] != "Máy này" and cells[4:6] == ["Giáo viên chủ nhiệm", "Máy này"]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", cells[6])
    assert page.rejected.index(0, 0).data() == "Hủy phiếu"
    assert "đã được hủy trên một máy khác" in page.rejected.index(0, 1).data()
    assert not page.review_button.isEnabled() and page.retry_button.isEnabled()
    shoot(w, "sync-11-review-page")

    page.conflict_table.selectRow(row)
    assert page.review_button.isEnabled()
    page.review_button.click()
    wait_idle(qtbot, state)
    assert "Phạm Thị Hoa" not in [c.record_label for c in page.conflicts.rows]
    assert page.conflicts.rowCount() == st.open_conflicts - 1
    qtbot.waitUntil(lambda: item.text() == f"Cần xem xét ({st.open_conflicts + st.rejected - 1})")
    page.show_reviewed.setChecked(True)
    wait_idle(qtbot, state)
    assert [c.reviewed for c in page.conflicts.rows if c.record_label == "Phạm Thị Hoa"] == [True]

    # "Gửi lại": sent again at once; the server still refuses it, and it stays listed
    synced = runner.status.last_sync_at
    page.retry_button.click()
    wait_idle(qtbot, state)
    wait_sync(qtbot, runner)
    wait_idle(qtbot, state)
    assert runner.status.last_sync_at > synced
    assert page.rejected.rowCount() == 1 and runner.status.rejected == 1
    shoot(w, "sync-12-review-page-reviewed")


def test_review_page_keeps_up_with_hundreds_of_rows(qtbot, state, runner):
    w = open_window(qtbot, state)
    page = w.review_page
    rows = [ConflictInfo(id=f"c{i}", what="Đoàn viên", row_id=f"{i:036d}", record_label=f"Đoàn viên {i}",
                         field="Điện thoại", kept_value="0912000111", lost_value="0987000222",
                         kept_device="01a20779-103d-71e2-a679-3f203536dcd7", lost_device="Máy này",
                         created_at="2026-03-02 07:05", reviewed=False) for i in range(800)]
    started = time.perf_counter()
    page.conflicts.set_rows(rows)
    page.conflict_table.selectAll()
    assert len(page.selected()) == 800 and page.review_button.isEnabled()
    assert time.perf_counter() - started < 2


def test_the_timer_syncs_shortly_after_start(qtbot, state, runner, sync_server):
    runner.start_timer(first_delay_ms=50)
    qtbot.wait(200)
    assert not runner.running  # not enrolled: the tick does nothing
    enrol(state, runner, sync_server)
    runner.start_timer(first_delay_ms=50)
    qtbot.waitUntil(lambda: runner.running, timeout=5000)
    wait_sync(qtbot, runner)
    assert runner.status.last_sync_at is not None and runner.timer.interval() == 5 * 60 * 1000


def test_closing_during_a_sync_stops_it_first(qtbot, state, runner, sync_server):
    enrol(state, runner, sync_server)
    w = open_window(qtbot, state)
    wait_idle(qtbot, state)
    assert runner.sync_now()
    w.close()
    assert w.isVisible() and "Đang dừng đồng bộ" in w.statusBar().currentMessage()
    wait_sync(qtbot, runner)
    qtbot.waitUntil(lambda: not w.isVisible())
    assert runner.status.last_error is None or runner.error.code == "cancelled"
    assert not runner.timer.isActive()


def test_sync_tab_and_status_in_english(qtbot, state, runner, qapp):
    from desktop.views.i18n import install_translators
    install_translators(qapp, "en")
    try:
        w = open_window(qtbot, state)
        assert w.sync_status.label.text() == "Not set up for sync"
        assert w.action_sync.text() == "Sync now"
        dialog = w.open_settings("sync")
        assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Sync"
        assert dialog.sync_form.enroll_button.text() == "Enroll this PC"
        shoot(dialog, "sync-13-settings-english")
    finally:
        install_translators(qapp, "vi")


def test_the_first_sync_dialog_shows_rows_and_mb_to_go(qtbot, state, runner):
    """A first sync from the unit's snapshot: the dialog says how many rows and MB are in
    and how long is left, from the progress the sync thread sends."""
    from desktop.sync.engine import Transfer
    from desktop.views.first_sync_dialog import FirstSyncDialog

    dialog = FirstSyncDialog(state)
    qtbot.addWidget(dialog)
    runner.job = "sync"  # as while the sync thread runs
    transfer = Transfer(rows_total=682_178, bytes_total=13 * 1024 * 1024, started=time.monotonic() - 10)
    transfer.rows_done, transfer.bytes_done = 341_089, 13 * 1024 * 1024 // 2
    runner._on_progress("snapshot", transfer.rows_done, transfer.rows_total, runner._describe(transfer))
    qtbot.waitUntil(lambda: "dòng" in dialog.text.text())
    assert dialog.bar.value() == 50
    assert dialog.text.text() == ("Đang nhận dữ liệu của đơn vị từ máy chủ: 341.089 / 682.178 dòng, 6.5 / 13.0 MB, "
                                  "còn khoảng 10 giây")
    runner.job = None



def test_a_large_upload_says_rows_and_mb_in_the_status(qtbot, state, runner):
    """Issue 17, item 4: the status bar's words while a first upload runs."""
    from desktop.sync.engine import Transfer
    from desktop.views.sync_status import describe

    runner.job = "sync"
    upload = Transfer(rows_total=777_612, bytes_total=44 * 1024 * 1024, estimated=True,
                      started=time.monotonic() - 20)
    upload.rows_done, upload.bytes_done = 388_806, 22 * 1024 * 1024
    runner._on_progress("push", upload.rows_done, upload.rows_total, runner._describe(upload))
    shown = describe(runner)
    assert shown.text == "Đang đồng bộ… 50%"
    assert shown.tooltip.startswith("Đang gửi dữ liệu của máy này lên máy chủ: 388.806 / 777.612 dòng, "
                                    "22.0 / khoảng 44.0 MB, còn khoảng 20 giây")
    runner.job = None
