"""Dues benchmarks of issue 3, over 100,000 members:
- dues due and arrears for one month over the whole unit (target < 3 s),
- the collection page for a group of 5,000 members, from choosing the group to the
  filled table (target < 300 ms).

    .venv/bin/python bench/bench_dues.py
"""

from __future__ import annotations

import json

from common import demo_db, fresh_copy, machine, median, run_python

RUNS = 5

SETUP = """
import sqlite3
from datetime import date
from desktop.services.core.context import open_context
from desktop.services.units.service import DuesSettings, UnitService
ctx = open_context({db!r})
UnitService(ctx).save_dues_settings(DuesSettings(dues_group=3, dues_from=date(2026, 1, 1)))
with ctx.write() as s:
    gid = s.connection().exec_driver_sql("SELECT id FROM unit_group ORDER BY sort_order LIMIT 1").scalar()
    s.connection().exec_driver_sql(
        "UPDATE member SET group_id = ? WHERE id IN (SELECT id FROM member ORDER BY id LIMIT 5000)", (gid,))
print(gid)
"""

WHOLE = """
import json, time
from desktop.services.core.context import open_context
from desktop.services.dues.service import DuesService
dues = DuesService(open_context({db!r}))
times = []
for _ in range({runs}):
    t = time.perf_counter()
    lines = dues.period("2026-11")
    times.append(time.perf_counter() - t)
print(json.dumps([times, len(lines), sum(l.due for l in lines), sum(l.arrears for l in lines)]))
"""

GROUP_PAGE = """
import json, time
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from desktop.services.core.context import open_context
from desktop.views.app_state import AppState
from desktop.views.dues_page import DuesPage
app = QApplication([])
state = AppState(open_context({db!r}))
page = DuesPage(state)
page.month.setDate(QDate(2026, 11, 1))
page.show()
from PySide6.QtCore import QEventLoop
times = []
loop = QEventLoop()
page.model.modelReset.connect(loop.quit)  # the table has its rows
for _ in range({runs}):
    for index in (0, page.group.findData({gid!r})):   # away and back, so each run loads
        t = time.perf_counter()
        page.group.setCurrentIndex(index)
        # Wait in an event loop, as the app does: a loop spinning processEvents() would
        # fight the worker thread for the interpreter and double the time.
        loop.exec()
        page.table.viewport().repaint()
        if index:
            times.append(time.perf_counter() - t)
print(json.dumps([times, page.model.rowCount()]))
state.runner.shutdown()
"""


def main() -> None:
    db = str(fresh_copy(demo_db(), "dues-bench.sqlite3"))
    print(machine())
    gid = run_python(SETUP.format(db=db)).stdout.strip()
    times, n, due, arrears = json.loads(run_python(WHOLE.format(db=db, runs=RUNS)).stdout)
    print(f"dues due and arrears for 11/2026 over {n} members (dues tracked from 01/2026): "
          f"median {median(times):.2f} s, max {max(times):.2f} s ({RUNS} runs); "
          f"due {due:,} đ, arrears {arrears:,} đ".replace(",", "."))
    times, rows = json.loads(run_python(GROUP_PAGE.format(db=db, runs=RUNS, gid=gid)).stdout)
    ms = [t * 1000 for t in times]
    print(f"collection page for a group of {rows} members: median {median(ms):.0f} ms, max {max(ms):.0f} ms "
          f"({RUNS} runs)")


if __name__ == "__main__":
    main()
