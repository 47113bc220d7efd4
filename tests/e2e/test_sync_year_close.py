"""Issue 14, item 11 across PCs and a real server (SQLite and PostgreSQL, real HTTP): a
close syncs upward and to the unit's other PCs, which then refuse the closed year too;
the server computes the year again from the synced rows and says "khớp", or "KHÔNG KHỚP"
when the close counted rows the server does not have as they are; a row another PC wrote
in the year before the close, pushed after it, is refused by the server with the reason;
a reopening syncs and unlocks the year everywhere."""

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest
import requests
from sqlalchemy import select

from desktop.services.cash.service import CashService
from desktop.services.core.closed_years import YearClosedError
from desktop.services.dues.service import DuesService
from desktop.services.year import YearService
from server.sync.models import Record
from server.sync.years import year_lines
from server.units.service import unit_by_code
from tests.desktop.services.year_helpers import money_year
from tests.e2e.helpers import rows


def page(server, unit: str, admin: str) -> str:
    server.admin(unit, admin)
    web = requests.Session()
    assert web.post(server.base + "/admin/login", data={"username": admin, "password": "matkhau-123"}).ok
    r = web.get(server.base + f"/admin/units/{unit}")
    assert r.status_code == 200
    return r.text


def late_receipt(ctx, day=date(2025, 12, 20)):
    return CashService(ctx).record(kind="thu", category="thu_khac", doc_date=day, person_name="Bà Hạnh",
                                   reason="Thu tiền quỹ văn nghệ cuối năm", amount=120_000)


def test_a_close_syncs_is_checked_by_the_server_and_locks_every_pc(server, make_device):
    unit = server.unit("CĐCS Công ty Giày Phú Lâm")
    a, sa = make_device(server, unit, "ke-toan")
    ids = money_year(a, 2025)
    b, sb = make_device(server, unit, "thu-quy")
    assert sa.sync_now().rejected == 0
    sb.sync_now()
    # Written on B before the close, not yet synced: a receipt, and dues with their allocations.
    late = late_receipt(b)
    late_dues = DuesService(b).pay(ids["member"], ["2025-03"], doc_date=date(2025, 12, 22))

    y = YearService(a)
    y.close(2024)
    closed = y.close(2025)
    assert sa.sync_now().rejected == 0
    assert "Khoá sổ năm 2025: khớp" in page(server, unit, "admin-a")

    # B's receipt of the closed year reaches the server after the close: refused, with why;
    # B keeps it (a refusal is never dropped) and B's ledger no longer gives the close's figures.
    result = sb.sync_now()
    refusals = [r for (r,) in rows(b, "SELECT rejected FROM sync_outbox WHERE rejected IS NOT NULL")]
    assert result.rejected == len(refusals) == 3  # two receipts and the allocation of the dues
    assert all("Năm 2025 đã khoá sổ ngày" in why for why in refusals)
    assert any("chứng từ ngày 20/12/2025 không được nhận" in why for why in refusals)
    assert rows(b, "SELECT count(*) FROM cash_doc WHERE id = ?", late.id) == [(1,)]
    with server.sessions() as s:
        stored = s.scalars(select(Record.row_id).where(Record.tbl.in_(("cash_doc", "dues_payment")),
                                                       Record.row_id.in_((late.id, late_dues.id)))).all()
        assert stored == []
        assert not [d for d in s.scalars(select(Record.data).where(Record.tbl == "dues_payment"))
                    if d.get("doc_id") == late_dues.id]
    status = {s.year: s for s in YearService(b).status()}
    assert status[2025].closed and status[2025].last.figures == closed.figures and status[2025].matches is False
    with pytest.raises(YearClosedError, match="Năm 2025 đã khoá sổ"):
        late_receipt(b, date(2025, 11, 2))
    # The server still has exactly what the close counted.
    with server.sessions() as s:
        assert [ok for _, _, ok in year_lines(s, unit_by_code(s, unit).id)] == [True, True]

    # A PC enrolled after the close gets it with the rows, and its ledger gives the close's figures.
    c, sc = make_device(server, unit, "chu-tich")
    sc.sync_now()
    status = {s.year: s for s in YearService(c).status()}
    assert status[2025].closed and status[2025].matches is True
    with pytest.raises(YearClosedError):
        late_receipt(c)

    # Reopened on A with a reason: synced, and B may write in 2025 again.
    y.reopen(2025, "Bổ sung chứng từ thu quỹ văn nghệ của máy thủ quỹ")
    assert sa.sync_now().rejected == 0
    sb.sync_now()
    assert not YearService(b).is_closed(2025)
    late_receipt(b, date(2025, 12, 21))
    assert "Năm 2025: đã mở lại sổ ngày" in page(server, unit, "admin-a2")


def test_the_server_flags_a_close_whose_rows_it_has_otherwise(server, make_device):
    unit = server.unit("CĐCS Công ty Điện tử Sao Mai")
    a, sa = make_device(server, unit, "ke-toan")
    ids = money_year(a, 2025)
    assert sa.sync_now().rejected == 0
    # A receipt altered in A's file behind the app's back, after it synced: the close
    # counts the altered amount, the server the one it received.
    con = sqlite3.connect(a.db.path)
    sql, = con.execute("SELECT sql FROM sqlite_master WHERE name = 'cash_doc_no_update'").fetchone()
    con.execute("DROP TRIGGER cash_doc_no_update")
    con.execute("UPDATE cash_doc SET amount = amount + 1000000 WHERE id = ?", (ids["receipt"],))
    con.execute(sql)
    con.commit()
    con.close()
    y = YearService(a)
    y.close(2024)
    y.close(2025)
    assert sa.sync_now().rejected == 0
    html = page(server, unit, "admin-b")
    assert "Khoá sổ năm 2025: KHÔNG KHỚP" in html and "tổng thu: máy 3610000, máy chủ 2610000" in html
    assert "Khoá sổ năm 2024: khớp" in html

    # And a row altered on the server afterwards is found by check-years.
    with server.sessions() as s, s.begin():
        unit_id = unit_by_code(s, unit).id
        rec = s.scalar(select(Record).where(Record.unit_id == unit_id, Record.tbl == "cash_doc",
                                            Record.row_id == ids["old"]))
        rec.data = {**rec.data, "amount": rec.data["amount"] + 5}
    r = subprocess.run([sys.executable, "-m", "server", "check-years", "--unit", unit, "--json"], capture_output=True,
                       text=True, env=dict(os.environ, DATABASE_URL=server.url), timeout=120)
    assert r.returncode == 0, r.stderr
    found = {c["year"]: c for c in json.loads(r.stdout)}
    assert not found[2024]["matches"] and "tồn quỹ cuối năm" in found[2024]["differences"]
    with server.sessions() as s:
        assert [ok for _, _, ok in year_lines(s, unit_id)] == [False, False]
