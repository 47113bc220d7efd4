"""Issue 12, item 9: the month up to which a member paid dues on paper before the app
(member.dues_paid_through, schema 0010) is a synced field: another PC gets it, from the
editor and from an imported list, and owes the same arrears, through the real server
on SQLite and PostgreSQL; a change made there comes back."""

from datetime import date

from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService
from desktop.services.members.importing import MemberImport
from tests.desktop.services.real_lists import (
    FOOTER,
    HEADER,
    MERGES,
    NUMBERING,
    SUB_HEADER,
    TITLE_BLOCK,
    person,
    person_row,
    write_book,
)
from tests.e2e.helpers import add_member, edit_member, rows

T = month_index(date.today())


def test_the_month_paid_through_reaches_the_other_pc(server, make_device, tmp_path):
    unit = server.unit("CĐCS Công ty May An Phú")
    a, sa = make_device(server, unit, "ke-toan")
    paid = month_start(T - 3)
    mid = add_member(a, "Nguyễn Thị Lan", salary=6_000_000, dues_paid_through=f"{paid.month}/{paid.year}")
    listed = [person("Trần Văn Bình", date(1988, 7, 8), False, None, None, None, 6_000_000)]
    body = [person_row(i, p) + [f"T{paid.month}/{paid.year}"] for i, p in enumerate(listed)]
    path = write_book(tmp_path / "ds.xlsx", [("DS", [list(r) for r in TITLE_BLOCK]
                                              + [HEADER + ["Đã đóng đến tháng"], SUB_HEADER + [None],
                                                 NUMBERING + ["(11)"]] + body + [list(r) for r in FOOTER])],
                      {"DS": MERGES + ["K7:K8"]})
    assert MemberImport(a).run(path).imported == 1
    sa.sync_now()

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    assert rows(b, "SELECT full_name, dues_paid_through FROM member ORDER BY full_name") == [
        ("Nguyễn Thị Lan", paid.isoformat()), ("Trần Văn Bình", paid.isoformat())]
    on_a = {l.member_id: l.arrears for l in DuesService(a).period(month_start(T))}
    on_b = {l.member_id: l.arrears for l in DuesService(b).period(month_start(T))}
    assert on_a == on_b and on_b[mid] == sum(DuesService(b).due(mid, month_start(m)).total for m in (T - 2, T - 1))

    edit_member(b, mid, dues_paid_through=month_start(T - 1))
    sb.sync_now()
    sa.sync_now()
    assert rows(a, "SELECT dues_paid_through FROM member WHERE id = ?", mid) == [(month_start(T - 1).isoformat(),)]
    assert {l.member_id: l.arrears for l in DuesService(a).period(month_start(T))}[mid] == 0
