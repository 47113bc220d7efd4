"""`congdoan members add --paid-to YYYY-MM` (issue 12, item 9): the member paid dues on
paper up to that month; the dues page owes nothing up to it. Run as a user runs it."""

import json
from datetime import date

from desktop.services.dues.calc import month_index, month_start
from tests.desktop.test_cli import db, run  # noqa: F401 (db is a fixture)

T = month_index(date.today())


def test_members_add_with_paid_to(db):  # noqa: F811
    paid = month_start(T - 2)
    added = json.loads(run(db, "--json", "members", "add", "--name", "Phạm Thị Hằng", "--birth", "1993-07-09",
                           "--gender", "Nữ", "--salary", "7.500.000", "--joined", "01/03/2019",
                           "--paid-to", f"{paid:%Y-%m}").stdout)
    assert added["dues_paid_through"] == paid.isoformat()
    shown = json.loads(run(db, "members", "show", added["id"], "--json").stdout)
    assert shown["dues_paid_through"] == paid.isoformat()
    before = json.loads(run(db, "--json", "dues", "assess", "--month", f"{paid:%Y-%m}").stdout)
    line = next(r for r in before if r["member_id"] == added["id"]) if before else None
    assert line is None or line["due"] == 0
    now = json.loads(run(db, "--json", "dues", "assess", "--month", f"{month_start(T):%Y-%m}").stdout)
    line = next(r for r in now if r["member_id"] == added["id"])
    assert line["due"] > 0 and line["arrears"] > 0  # the month after the one paid on paper is owed


def test_a_paid_to_that_is_no_month_is_refused_by_its_label(db):  # noqa: F811
    r = run(db, "members", "add", "--name", "Nguyễn Văn An", "--birth", "1990", "--gender", "Nam",
            "--paid-to", "2026-13", ok=False)
    assert r.returncode == 1 and "Đã đóng đến tháng" in r.stderr and "2026-13" in r.stderr
    assert "dues_paid_through" not in r.stderr
