"""The daily backup of a PC left on for days: looked for at start and then on a timer."""

from desktop.services.backup.service import backup_folder, list_backups
from desktop.views.backup_actions import keep_daily_backups
from tests.desktop.views.conftest import wait_idle


def test_a_pc_left_on_gets_its_daily_copy_without_a_restart(qtbot, state):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    folder = backup_folder(state.ctx)
    timer = keep_daily_backups(state, parent, interval_ms=100)
    wait_idle(qtbot, state)
    first = list_backups(folder)
    assert [b.path.name for b in first if "hang-ngay" in b.path.name]
    # A day later (here: the copies gone), the timer makes the next one by itself.
    for b in first:
        b.path.unlink()
    qtbot.waitUntil(lambda: any("hang-ngay" in b.path.name for b in list_backups(folder)), timeout=20000)
    timer.stop()
    wait_idle(qtbot, state)
    assert len(list_backups(folder)) == 1  # one a day, not one per tick
