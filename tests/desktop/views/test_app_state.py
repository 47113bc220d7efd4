"""AppState's data_changed says what a write changed, from the services' change feed,
and always on the UI thread, wherever the write was made."""

import threading
from datetime import date

from desktop.services.cash.service import CashService
from desktop.services.dues.service import DuesService
from tests.desktop.views.conftest import wait_idle


def test_writes_reach_the_pages_on_the_ui_thread(qtbot, state):
    heard = []

    def note(what) -> None:
        heard.append((what, threading.current_thread() is threading.main_thread()))

    state.data_changed.connect(note)
    try:
        cash, dues = CashService(state.ctx), DuesService(state.ctx)
        state.runner.submit("record", lambda _c: cash.record(
            kind="thu", category="cap_tren", doc_date=date.today(), person_name="Công đoàn ngành",
            reason="Cấp trên cấp hỗ trợ", amount=1_000_000))
        wait_idle(qtbot, state)
        qtbot.waitUntil(lambda: len(heard) == 1)
        assert heard == [({"cash"}, True)]  # written on the worker, heard on the UI thread

        month = date.today().replace(day=1)
        member = next(line.member_id for line in dues.period(month) if line.owed)
        dues.pay(member, [month])  # on the UI thread: heard at once
        assert heard[1] == ({"dues", "cash"}, True)
    finally:
        state.data_changed.disconnect(note)


def test_a_write_after_the_state_is_gone_reaches_no_one(qtbot, tmp_path):
    # A sync thread may commit after the window and its state are deleted, before the
    # Context closes: nothing is emitted on a deleted object, nothing crashes.
    import shiboken6

    from desktop.services.core.context import open_context
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    try:
        st = AppState(ctx)
        heard = []
        st.data_changed.connect(lambda what: heard.append(what))
        st.runner.shutdown()
        shiboken6.delete(st)
        del st
        writer = threading.Thread(target=lambda: CashService(ctx).record(
            kind="thu", category="cap_tren", doc_date=date.today(), person_name="Công đoàn ngành",
            reason="Cấp trên cấp hỗ trợ", amount=1_000_000))
        writer.start()
        writer.join()
        qtbot.wait(50)
        assert heard == [] and len(CashService(ctx).docs()) == 1
    finally:
        ctx.close()
