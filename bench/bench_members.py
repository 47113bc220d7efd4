"""Members benchmarks of issue 2, over 100,000 members:
- start to a usable main window (target < 1.5 s),
- search as you type, per keystroke (target p95 < 50 ms),
- peak memory of the app with the whole list loaded (target < 400 MB).

    .venv/bin/python bench/bench_members.py
"""

from __future__ import annotations

import json
import time

from common import demo_db, fresh_copy, machine, median, p95, run_python

RUNS = 5
QUERIES = ["nguyen van duc", "tran thi hoa", "le thi thu ha", "0912", "dv00123", "079190", "huong", "pham minh"]

START = """
import time, os, tempfile
t0 = time.perf_counter()
from desktop.app import START_TIMES, run_app
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
code = run_app(["--db", {db!r}], exit_after_start=True)
wall, now = time.time(), time.perf_counter()  # as wall-clock times, for the launching process
print(wall - (now - START_TIMES["usable"]), wall - (now - START_TIMES["figures"]))
"""

SEARCH = """
import json, time
from PySide6.QtWidgets import QApplication
from desktop.services.core.context import open_context
from desktop.views.app_state import AppState
from desktop.views.members_page import MembersPage
app = QApplication([])
state = AppState(open_context({db!r}))
page = MembersPage(state)
page.show()
times = []
for q in {queries!r}:
    for i in range(1, len(q) + 1):
        page.search.setText(q[:i])
        t = time.perf_counter()
        page.apply_filters()   # count + first page + model reset, as one keystroke does
        app.processEvents()
        times.append(time.perf_counter() - t)
    page.search.clear()
    page.apply_filters()
print(json.dumps(times))
state.runner.shutdown()
"""

MEMORY = """
import resource, time
from PySide6.QtWidgets import QApplication
from desktop.services.core.context import open_context
from desktop.views.app_state import AppState
from desktop.views.main_window import MainWindow
app = QApplication([])
state = AppState(open_context({db!r}))
w = MainWindow(state)
w.show()
page = w.members_page
page.status_filter.setCurrentIndex(page.status_filter.findData(None))
model = page.model
t = time.perf_counter()
while model.canFetchMore():
    model.fetchMore()
app.processEvents()
page.table.scrollToBottom()
app.processEvents()
print(model.rowCount(), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
state.runner.shutdown()
"""


def main() -> None:
    master = demo_db()
    db = str(fresh_copy(master, "members-bench.sqlite3"))
    print(machine())
    starts, usable, figures = [], [], []
    for _ in range(RUNS):
        launched = time.time()
        out = run_python(START.format(db=db)).stdout.split()
        starts.append(time.time() - launched)
        usable.append(float(out[-2]) - launched)
        figures.append(float(out[-1]) - launched)
    print(f"start to usable main window (launch to the window shown with the members list, {RUNS} runs): "
          f"median {median(usable):.2f} s, max {max(usable):.2f} s")
    print(f"… to the home page's figures all in: median {median(figures):.2f} s; "
          f"whole process to exit: median {median(starts):.2f} s")

    times = []
    for _ in range(3):
        times += json.loads(run_python(SEARCH.format(db=db, queries=QUERIES)).stdout)
    ms = [t * 1000 for t in times]
    print(f"search as you type ({len(ms)} keystrokes): median {median(ms):.1f} ms, p95 {p95(ms):.1f} ms, "
          f"max {max(ms):.1f} ms")

    mems = []
    for _ in range(3):
        rows, secs, rss = run_python(MEMORY.format(db=db)).stdout.split()
        mems.append(float(rss))
    print(f"peak memory with all {rows} members loaded in the list: median {median(mems):.0f} MB "
          f"(fetching all pages took {float(secs):.1f} s)")


if __name__ == "__main__":
    main()
