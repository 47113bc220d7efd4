"""Activities benchmarks (issue 5):
(a) open the Hoạt động page over 10 years of activities: 5,000 activities and 200,000
    attendance rows on top of the 100,000-member demo database (target: under 500 ms,
    from a new page to its list and calendar filled, in an event loop as the app runs);
(b) print 40-page minutes from the database to PDF (target: under 3 s), and the same
    minutes to Word for comparison.

The activities are written once into a copy of the demo database (bench/out/), with the
sync capture silenced as for a pulled database. Median of RUNS runs, each on a new page.

    .venv/bin/python bench/bench_activities.py [--members N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from common import OUT, demo_db, machine, median  # first: puts the checkout on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIVITIES = 5_000
ATTENDANCE = 200_000
KINDS = [("hop", "bch", 20), ("hop", "to", 15), ("hop", "nld", 2), ("hop", "dai_hoi", 1),
         ("tham_hoi", "om_dau", 25), ("tham_hoi", "sinh_con", 8), ("tham_hoi", "hieu", 4),
         ("tham_hoi", "kho_khan", 8), ("ky_niem", "tet", 3), ("ky_niem", "8_3", 2), ("ky_niem", "sinh_nhat", 4),
         ("tap_huan", None, 3), ("van_the", None, 3), ("khen_thuong", "nam", 2)]
TITLES = {"hop": "Họp {sub} tháng {m}/{y}", "tham_hoi": "Thăm hỏi đoàn viên {sub} tháng {m}/{y}",
          "ky_niem": "Tặng quà {sub} năm {y}", "tap_huan": "Tập huấn an toàn vệ sinh lao động đợt {m}/{y}",
          "van_the": "Giải thể thao công nhân tháng {m}/{y}", "khen_thuong": "Khen thưởng đoàn viên tiêu biểu năm {y}"}


def build(members: int) -> Path:
    """The demo database with 10 years of activities, made once."""
    path = OUT / f"activities-{members}.sqlite3"
    if path.exists():
        return path
    from desktop.models import new_id
    from desktop.services.activities.service import SUBKINDS, kind_label
    from desktop.services.core.text import fold
    src = demo_db(members)
    tmp = path.with_suffix(".tmp")
    for p in OUT.glob(tmp.name + "*"):
        p.unlink()
    t = time.perf_counter()
    with sqlite3.connect(src) as a, sqlite3.connect(tmp) as b:
        a.backup(b)
    rng = random.Random(5)
    db = sqlite3.connect(tmp)
    member_ids = [r[0] for r in db.execute("SELECT id FROM member WHERE deleted_at IS NULL")]
    device = db.execute("SELECT value FROM app_setting WHERE key = 'device_id'").fetchone()[0]
    now = datetime(2026, 11, 1).isoformat(sep=" ")
    db.execute("UPDATE sync_state SET applying = 1")  # as for changes pulled from the server
    first = date(2017, 1, 1)
    span = (date(2026, 11, 20) - first).days
    acts, rows = [], []
    per = [max(1, int(rng.expovariate(1 / (ATTENDANCE / ACTIVITIES)))) for _ in range(ACTIVITIES)]
    scale = ATTENDANCE / sum(per)
    per = [max(1, round(n * scale)) for n in per]
    per[-1] += ATTENDANCE - sum(per)
    weights = [w for _, _, w in KINDS]
    for i in range(ACTIVITIES):
        kind, sub, _ = rng.choices(KINDS, weights)[0]
        start = first + timedelta(days=rng.randrange(span))
        title = TITLES[kind].format(sub=(SUBKINDS.get(kind, {}).get(sub) or "").lower(), m=start.month, y=start.year)
        aid = new_id()
        acts.append((aid, kind, sub, title, start.isoformat(), None, "Hội trường Công ty", "Ban Chấp hành", "members",
                     None, rng.choice([None, 2_000_000, 5_000_000]), 0, None, fold(f"{title} {kind_label(kind, sub)}"),
                     now, now, None, None, device))
        for mid in rng.sample(member_ids, min(per[i], len(member_ids))):
            mark = rng.choices(["present", "absent", "excused", None], [80, 5, 5, 10])[0]
            rows.append((new_id(), aid, mid, mark, "ốm" if mark == "absent" else None, None, None, now, now, device))
    db.executemany("INSERT INTO activity (id, kind, subkind, title, start_date, end_date, place, organiser, scope, "
                   "group_id, budget, spent_outside, notes, search_key, created_at, updated_at, deleted_at, "
                   "server_seq, device_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", acts)
    db.executemany("INSERT INTO activity_member (id, activity_id, member_id, attendance, reason, amount, note, "
                   "created_at, updated_at, device_id) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("UPDATE sync_state SET applying = 0")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    tmp.rename(path)
    print(f"{ACTIVITIES} activities, {len(rows)} attendance rows written in {time.perf_counter() - t:.1f} s")
    return path


def bench_page(path: Path, runs: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.services.core.context import open_context
    from desktop.views.activities_page import ActivitiesPage
    from desktop.views.app_state import AppState

    app = QApplication.instance() or QApplication([])
    ctx = open_context(path)
    state = AppState(ctx)

    def wait(signal, action) -> float:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(30000, loop.quit)
        t = time.perf_counter()
        action()
        loop.exec()
        dt = time.perf_counter() - t
        signal.disconnect(loop.quit)
        return dt

    opened, all_years, searched, sizes = [], [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        page = ActivitiesPage(state)
        page.resize(1280, 760)
        loop = QEventLoop()
        page.loaded.connect(loop.quit)
        page.show()
        loop.exec()
        app.processEvents()  # painted
        opened.append(time.perf_counter() - t)
        sizes.append((len(page.model.rows), page.calendar.items.count(), page.calendar.data.birthday_total))
        all_years.append(wait(page.loaded, lambda page=page: page.year.setCurrentIndex(page.year.findData(None))))
        sizes.append((len(page.model.rows),))
        searched.append(wait(page.loaded, lambda page=page: (page.search.setText("om dau"), page.reload())))
        page.close()
        page.deleteLater()
        app.processEvents()
    print(f"open the activities page (this year, calendar of the month): median {median(opened) * 1000:.0f} ms, "
          f"max {max(opened) * 1000:.0f} ms (runs: {', '.join(f'{x * 1000:.0f}' for x in opened)}); "
          f"{sizes[0][0]} activities listed, {sizes[0][2]} birthdays this month")
    print(f"switch to all years ({sizes[1][0]} activities): median {median(all_years) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{x * 1000:.0f}' for x in all_years)})")
    print(f"search 'om dau' over all years: median {median(searched) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{x * 1000:.0f}' for x in searched)})")
    state.runner.shutdown()
    ctx.close()


PROCEEDING = ("Đồng chí Chủ tịch báo cáo tình hình thực hiện nhiệm vụ: công đoàn đã phối hợp với Ban Giám đốc "
              "tổ chức thăm hỏi {n} đoàn viên ốm đau, trao quà cho đoàn viên có hoàn cảnh khó khăn, vận động "
              "đoàn viên tham gia phong trào thi đua lao động giỏi, lao động sáng tạo (đoạn {n}).")


def bench_print(path: Path, runs: int) -> None:
    from dataclasses import replace

    from desktop.services.activities.minutes import AgendaItem, MinutesService, Person
    from desktop.services.activities.service import ActivityInput, ActivityService
    from desktop.services.core.context import open_context
    from desktop.services.members.service import MemberQuery, MemberService
    work = OUT / "activities-print.sqlite3"
    with sqlite3.connect(path) as a, sqlite3.connect(work) as b:
        a.backup(b)
    ctx = open_context(work)
    ms = MemberService(ctx).page(MemberQuery(), 0, 12)
    acts = ActivityService(ctx)
    a = acts.add(ActivityInput(kind="hop", subkind="dai_hoi", title="Đại hội Công đoàn cơ sở nhiệm kỳ 2026 - 2031",
                               start_date=date(2026, 10, 10), place="Hội trường Công ty"),
                 member_ids=[m.id for m in ms])
    svc = MinutesService(ctx)
    c = svc.template(a.id, "bb")
    items = tuple(AgendaItem(f"Nội dung thứ {k}", "\n".join(PROCEEDING.format(n=k * 100 + j) for j in range(30)),
                             "Các đại biểu nhất trí.", 12, 0, 0, "Thông qua.") for k in range(1, 13))
    c = replace(c, participants=tuple(Person(m.full_name, "Đại biểu") for m in ms), agenda=items,
                chair_name=ms[0].full_name, secretary_name=ms[1].full_name,
                start_at=datetime(2026, 10, 10, 7, 30), end_at=datetime(2026, 10, 10, 17, 0))
    doc = svc.save(a.id, "bb", c, finish=True).doc
    pdf_times, docx_times, pages = [], [], 0
    for _i in range(runs):
        t = time.perf_counter()
        pages = svc.render_pdf(doc.id, OUT / "minutes-40.pdf")
        pdf_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.render_docx(doc.id, OUT / "minutes-40.docx")
        docx_times.append(time.perf_counter() - t)
    size = (OUT / "minutes-40.pdf").stat().st_size
    print(f"print minutes of {pages} pages ({size / 1e3:.0f} kB) from the database: median {median(pdf_times):.2f} s, "
          f"max {max(pdf_times):.2f} s (runs: {', '.join(f'{x:.2f}' for x in pdf_times)})")
    print(f"the same minutes to Word: median {median(docx_times):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in docx_times)})")
    ctx.close()
    for p in OUT.glob(work.name + "*"):
        p.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(machine())
    path = build(args.members)
    bench_page(path, args.runs)
    bench_print(path, args.runs)


if __name__ == "__main__":
    main()
