"""The server's database put back from last night's backup: the changes it acknowledged
since are still on the PCs, which send them again after `congdoan-server restored`;
nothing is lost, no receipt number is given twice, and the PCs converge again."""

import os
import subprocess
import sys

from desktop.services.cash.service import CashService
from tests.e2e.helpers import add_member, edit_member, receipt, rows, snapshot


def test_a_server_restored_from_a_backup_gets_back_what_it_lost(server, make_device):
    unit = server.unit()
    a, sa = make_device(server, unit, "a")
    m1 = add_member(a, "Nguyễn Văn Bình", phone="0912000111")
    receipt(a, 100_000)
    sa.sync_now()
    b, sb = make_device(server, unit, "b")
    sb.sync_now()
    night = server.backup()

    # The next day: work on both PCs, acknowledged by the server.
    m2 = add_member(a, "Lê Thị Hoa", gender="Nữ")
    second = receipt(a, 250_000)
    sa.sync_now()
    sb.sync_now()
    edit_member(b, m1, phone="0988777666")
    sb.sync_now()
    assert rows(b, "SELECT count(*) FROM sync_outbox") == [(0,)]

    # The server's disk fails; the administrator puts last night's copy back.
    server.restore(night)
    done = subprocess.run([sys.executable, "-m", "server", "restored"], env=dict(os.environ, DATABASE_URL=server.url),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "khôi phục" in done.stdout
    server.start()

    m3 = add_member(a, "Trần Văn Cường")  # work goes on meanwhile
    report = sa.sync_now()
    assert any("khôi phục từ bản sao lưu" in p for p in report.problems)
    sb.sync_now()
    sa.sync_now()
    for _ctx, svc in ((a, sa), (b, sb)):
        assert svc.status().pending == 0 and svc.status().rejected == 0
    assert snapshot(a) == snapshot(b)
    assert {r[0] for r in rows(a, "SELECT id FROM member")} == {m1, m2, m3}
    assert rows(a, "SELECT phone FROM member WHERE id = ?", m1) == [("0988777666",)]
    assert CashService(b).find(second).amount == 250_000

    # A PC enrolled now gets everything from the server alone.
    c, sc = make_device(server, unit, "c")
    sc.sync_now()
    assert snapshot(c) == snapshot(a)
    numbers = rows(c, "SELECT book_code, number FROM cash_doc")
    assert len(numbers) == 2 and len(set(numbers)) == 2
