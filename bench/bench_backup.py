"""Backup benchmark of issue 7: a 100,000-member database copied and checked while the
app is in use (target: under 5 s, the UI not frozen).

The backup runs on the app's database worker, as the File menu and the daily copy do,
while the members page keeps answering searches; the longest gap between two ticks of
a 10 ms UI timer says whether the window froze.

    .venv/bin/python bench/bench_backup.py
"""

from __future__ import annotations

import json

from common import demo_db, fresh_copy, machine, median, run_python

RUNS = 3

SCRIPT = """
import json, time, tempfile, os
from pathlib import Path
from PySide6.QtCore import QTimer, QEventLoop
from PySide6.QtWidgets import QApplication
from desktop.services.backup.service import make_backup
from desktop.services.core.context import open_context
from desktop.views.app_state import AppState
from desktop.views.members_page import MembersPage
app = QApplication([])
state = AppState(open_context({db!r}))
page = MembersPage(state)
page.show()
out = Path(tempfile.mkdtemp()) / "copy.sqlite3"
ticks = []
timer = QTimer(interval=10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
searches = iter(["ng", "nguyen", "tran thi", "le van", "hoa", "duc"] * 50)
search_timer = QTimer(interval=120)
search_timer.timeout.connect(lambda: (page.search.setText(next(searches)), page.apply_filters()))
loop = QEventLoop()
result = {{}}
def done(path):
    result["seconds"] = time.perf_counter() - start
    loop.quit()
timer.start(); search_timer.start()
start = time.perf_counter()
state.runner.submit("backup", lambda _c: make_backup(state.ctx, out), on_done=done,
                    on_error=lambda e: (result.setdefault("error", str(e)), loop.quit()))
loop.exec()
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
result["max_gap_ms"] = max(gaps) * 1000 if gaps else None
result["size_mb"] = out.stat().st_size / 1e6
print(json.dumps(result))
state.runner.shutdown()
"""


def main() -> None:
    db = str(fresh_copy(demo_db(), "backup-bench.sqlite3"))
    print(machine())
    results = [json.loads(run_python(SCRIPT.format(db=db)).stdout) for _ in range(RUNS)]
    secs = [r["seconds"] for r in results]
    gaps = [r["max_gap_ms"] for r in results]
    print(f"backup of {results[0]['size_mb']:.0f} MB (100,000 members) with integrity check, while searching: "
          f"median {median(secs):.2f} s, max {max(secs):.2f} s ({RUNS} runs); longest UI stall median "
          f"{median(gaps):.0f} ms, max {max(gaps):.0f} ms")


if __name__ == "__main__":
    main()
