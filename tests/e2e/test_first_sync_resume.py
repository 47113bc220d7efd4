"""A PC enrolled in a unit whose data is on the server, its first pull cut by the server
killed outright (issue 11, item 9): it resumes the pull, never shows the setup wizard,
never lets `congdoan init` make a second unit."""

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.core.errors import SetupError
from desktop.services.sync import service as sync_service
from desktop.services.sync.service import SyncFailed
from desktop.services.units.service import UnitInfo, UnitService
from tests.e2e.helpers import add_member, person, rows
from tests.e2e.test_sync_faults import server_count

CONGDOAN = str(Path(sys.executable).with_name("congdoan"))

APP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.app import run_app
    app = QApplication([])
    seen = []

    def look():
        for w in app.topLevelWidgets():
            if not w.isVisible():
                continue
            name = w.objectName() or type(w).__name__
            if name not in seen:
                seen.append(name)
                print("SEEN", name, flush=True)
            if type(w).__name__ == "SetupWizard":
                w.reject()
            if name == "firstSyncDialog" and w.retry.isEnabled():  # the server is down: retry offered
                print("RETRY", w.text.text().replace("\\n", " "), flush=True)
                w.quit.click()
    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    raise SystemExit(run_app(["--db", sys.argv[1]], exit_after_start=True))
""")


def start_app(db, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    return subprocess.run([sys.executable, "-c", APP, str(db)], capture_output=True, text=True, env=env,
                          timeout=180)


def test_first_pull_cut_by_a_killed_server_is_resumed_never_a_second_unit(server, make_device, monkeypatch,
                                                                           tmp_path):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    for i in range(30):
        add_member(a, person(i), birth=f"0{1 + i % 9}/05/1985")
    sa.sync_now()
    units_a = UnitService(a)
    units_a.save(replace(units_a.get(), address="12 Lê Lợi, Quận 1"))  # the unit's row: last on the server
    sa.sync_now()

    b, sb = make_device(server, unit, "b")  # its own set-up gives way to the unit's data
    sb.page_size = 10
    applied = []
    after_page = sync_service.after_page

    def kill_the_server_after_the_first_page(conn, touched, keyed):
        after_page(conn, touched, keyed)
        applied.append(1)
        if len(applied) == 1:
            server.proc.kill()  # SIGKILL: the next page never comes
            server.proc.wait()

    monkeypatch.setattr(sync_service, "after_page", kill_the_server_after_the_first_page)
    with pytest.raises(SyncFailed):
        sb.sync_now()
    monkeypatch.setattr(sync_service, "after_page", after_page)
    server.proc = None
    try:
        # The state the issue found: a page applied, not all the members, no unit.
        assert applied and sb.status().cursor > 0
        assert rows(b, "SELECT count(*) FROM unit") == [(0,)] and rows(b, "SELECT count(*) FROM member")[0][0] < 30
        assert sb.first_sync_unfinished()
        with pytest.raises(SetupError) as e:
            UnitService(b).save(UnitInfo(name="CĐCS A (nhập lại)", upper_name="LĐLĐ"))
        assert "chưa nhận xong" in e.value.message
        r = subprocess.run([CONGDOAN, "--db", str(b.db.path), "init", "--unit-name", "CĐCS A (nhập lại)",
                            "--upper-name", "LĐLĐ"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 1 and "chưa nhận xong" in r.stderr
        # The app, the server still down: the resumed pull fails, a retry is offered, no wizard.
        r = start_app(b.db.path, tmp_path)
        assert r.returncode == 0, r.stderr
        assert "SEEN firstSyncDialog" in r.stdout and "RETRY" in r.stdout and "SetupWizard" not in r.stdout
        assert rows(b, "SELECT count(*) FROM unit") == [(0,)]
    finally:
        server.start()
    # The server back: the app resumes the pull and opens the main window with the unit's data.
    r = start_app(b.db.path, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "SEEN firstSyncDialog" in r.stdout and "SEEN mainWindow" in r.stdout and "SetupWizard" not in r.stdout
    assert not sb.first_sync_unfinished()
    assert rows(b, "SELECT id, name, address FROM unit") == rows(a, "SELECT id, name, address FROM unit")
    assert rows(b, "SELECT count(*) FROM member") == [(30,)]
    assert server_count(server, unit, "unit") == 1
