"""Backups and restores that are interrupted or share a folder (issue 11, items 10-12):
a restore killed at any step never leaves the copy usable under the old device identity
(so no receipt number is issued twice); two databases in one folder keep, prune and
recover only their own copies; what killed backups leave is removed later."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from sqlalchemy import select

from desktop.models import CashDoc
from desktop.services.backup.service import (
    backup_if_due,
    list_backups,
    make_backup,
    newest_good_backup,
    prune,
    remove_orphans,
)
from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.services.units.service import UnitInfo, UnitService
from tests.desktop.test_backup import damage

D = date(2026, 3, 2)


def receipt(ctx):
    return CashService(ctx).record(kind="thu", category="thu_khac", doc_date=D, person_name="Nguyễn Văn An",
                                   reason="Ủng hộ", amount=100_000)


def numbers(db):
    ctx = open_context(db)
    try:
        with ctx.read() as s:
            return [(d.book_code, d.number) for d in s.scalars(select(CashDoc))], ctx.device_id
    finally:
        ctx.close()


def unit_db(path, name="CĐCS Công ty May Hòa Bình"):
    ctx = open_context(path)
    UnitService(ctx).save(UnitInfo(name=name, upper_name="LĐLĐ quận Tân Bình"))
    return ctx


KILLER = textwrap.dedent("""
    import os, signal, sys
    import desktop.services.backup.service as b
    db, copy, point = sys.argv[1:4]

    def die(*_a, **_k):
        os.kill(os.getpid(), signal.SIGKILL)

    renew, backup_file = b.renew_device, b.backup_file
    if point == "before-renew":
        b.renew_device = die
    elif point == "after-renew":
        b.renew_device = lambda *a, **k: (renew(*a, **k), die())
    elif point == "after-safety-copy":
        b.backup_file = lambda *a, **k: (backup_file(*a, **k), die())
    elif point.startswith("step:"):
        b._reached = lambda step: die() if step == point[5:] else None
    b.restore(db, copy)
    print("finished")
""")
POINTS = ["after-safety-copy", "before-renew", "after-renew", "step:safety-copy", "step:staged", "step:copied",
          "none"]


@pytest.mark.parametrize("point", POINTS)
def test_restore_killed_at_any_step_never_reissues_a_receipt_number(tmp_path, point):
    db = tmp_path / "unit.sqlite3"
    ctx = unit_db(db)
    receipt(ctx)
    copy = make_backup(ctx, tmp_path / "copy.sqlite3")
    receipt(ctx), receipt(ctx)  # after the copy: numbers 2 and 3, on the server by now
    ctx.close()
    issued, old_device = numbers(db)
    r = subprocess.run([sys.executable, "-c", KILLER, str(db), str(copy), point], capture_output=True, text=True,
                       timeout=120)
    assert (r.returncode == -signal.SIGKILL) == (point != "none"), r.stderr
    now, device = numbers(db)
    assert set(now) in ({(b, n) for b, n in issued}, {issued[0]}), "neither the old data nor the copy"
    if set(now) == {issued[0]}:  # the copy is in: it must be a new incarnation of this PC
        assert device != old_device
    ctx = open_context(db)
    new = receipt(ctx)
    ctx.close()
    assert (new.book_code, new.number) not in issued
    # what the killed restore staged is gone at the next start
    ctx = open_context(db)
    from desktop.services.backup.service import tidy_backup_folders
    tidy_backup_folders(ctx)
    ctx.close()
    assert not [p for p in tmp_path.rglob(".*.tmp*")]


def test_two_databases_in_one_folder_keep_and_prune_their_own(tmp_path):
    demo, new = unit_db(tmp_path / "demo.sqlite3", "CĐCS Demo"), unit_db(tmp_path / "new.sqlite3", "CĐCS Mới")
    folder = tmp_path / "backups"
    assert make_backup(demo, reason="hang-ngay").name.startswith("demo-")
    # the daily copy of one is not skipped because the other's exists
    made = backup_if_due(new)
    assert made is not None and made.name.startswith("new-") and made.name.endswith("-hang-ngay.sqlite3")
    assert backup_if_due(new) is None
    for i in range(4):
        make_backup(demo, reason=f"lan-{i}")
    before_migration = folder / "demo-truoc-nang-cap-20250101-000000.sqlite3"
    shutil.copy(list_backups(folder, demo.db.path)[-1].path, before_migration)
    prune(folder, 2, demo.db.path)
    assert len(list_backups(folder, demo.db.path)) == 3 and before_migration.exists()  # that one is kept
    assert [b.path for b in list_backups(folder, new.db.path)] == [made]  # not counted, not touched
    # a database named like the start of another's copies ("new" and "new-2") keeps them apart too
    other = unit_db(tmp_path / "new-2.sqlite3", "CĐCS Mới 2")
    make_backup(other)
    assert [b.path for b in list_backups(folder, new.db.path)] == [made]
    for c in (demo, new, other):
        c.close()


def offered(folder, db_path):
    """The copy newest_good_backup offers for db_path, None if none."""
    found = newest_good_backup(folder, db_path)
    return found.path if found is not None else None


def test_recovery_offers_only_a_copy_of_the_same_database(tmp_path):
    demo, new = unit_db(tmp_path / "demo.sqlite3", "CĐCS Demo"), unit_db(tmp_path / "new.sqlite3", "CĐCS Mới")
    folder = tmp_path / "backups"
    own = make_backup(new)
    demo_copy = make_backup(demo)
    # a copy named the old way ("congdoan-…", whatever the database), newest of all
    legacy_demo = folder / "congdoan-20991231-235959-hang-ngay.sqlite3"
    shutil.copy(demo_copy, legacy_demo)
    os.utime(demo_copy, (1e10, 1e10))
    os.utime(legacy_demo, (1e10 + 1, 1e10 + 1))
    new.close(), demo.close()
    # readable identity (unit and device): the other unit's copies are never offered
    assert offered(folder, tmp_path / "new.sqlite3") == own
    # a legacy copy of this same database is offered (same unit, same device)
    legacy_own = folder / "congdoan-21000101-000000-hang-ngay.sqlite3"
    shutil.copy(own, legacy_own)
    os.utime(legacy_own, (1e10 + 2, 1e10 + 2))
    assert offered(folder, tmp_path / "new.sqlite3") == legacy_own
    # nothing readable in the damaged file: only copies named after it
    damage(tmp_path / "new.sqlite3")
    assert offered(folder, tmp_path / "new.sqlite3") == own
    own.unlink()
    assert newest_good_backup(folder, tmp_path / "new.sqlite3") is None


ORPHAN_MAKER = textwrap.dedent("""
    import os, signal, sqlite3, sys
    from desktop.services.backup.service import make_backup
    from desktop.services.core.context import open_context

    class Dies(sqlite3.Connection):
        def execute(self, sql, *args):
            cursor = super().execute(sql, *args)
            if "integrity_check" in sql:  # the copy is written and being read: its -wal and -shm open
                os.kill(os.getpid(), signal.SIGKILL)
            return cursor

    real = sqlite3.connect
    sqlite3.connect = lambda target, *a, **k: real(target, *a, factory=Dies, **k) \\
        if str(target).endswith(".tmp") else real(target, *a, **k)
    # a name of its own: a finished "thu-cong" copy made in the same second is no clash
    make_backup(open_context(sys.argv[1]), reason="bi-ngat")
""")


def killed_backup(db):
    r = subprocess.run([sys.executable, "-c", ORPHAN_MAKER, str(db)], capture_output=True, text=True, timeout=120)
    assert r.returncode == -signal.SIGKILL, r.stderr


def test_orphans_of_killed_backups_go_at_the_next_backup_and_start(tmp_path):
    db = tmp_path / "unit.sqlite3"
    unit_db(db).close()
    folder = tmp_path / "backups"
    killed_backup(db)
    orphans = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert orphans and orphans[0].endswith(".tmp") and any(n.endswith("-wal") for n in orphans), orphans
    # one being written right now by a live process is left alone
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = folder / f".unit-20260101-000000-hang-ngay.sqlite3.{alive.pid}.tmp"
        busy.write_bytes(b"x")
        ctx = open_context(db)
        make_backup(ctx)
        ctx.close()
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [busy.name]
    finally:
        alive.kill()
        alive.wait()
    assert remove_orphans(folder) == [busy]
    # at start: the app removes them before anything else
    killed_backup(db)
    assert [p for p in folder.iterdir() if p.name.startswith(".")]
    code = textwrap.dedent(f"""
        from desktop.app import run_app
        raise SystemExit(run_app(["--db", {str(db)!r}], exit_after_start=True))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
