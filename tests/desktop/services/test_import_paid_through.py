"""Issue 12, item 9: an office that starts mid-year brings its list with a column "Đã
đóng đến tháng" (a month written as offices write it, or a date cell) or "Nợ đoàn phí"
(an amount, or a count of months). Each member's arrears start after that month; a
value that cannot be read leaves the member in, with a warning naming the cell and
what it said. The lists are laid out as real_lists.py lays them out (title block,
header on row 7 over "Nam" / "Nữ", numbering row, signature block)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from real_lists import FOOTER, HEADER, MERGES, NUMBERING, SUB_HEADER, TITLE_BLOCK, person, person_row, write_book

from desktop.services.core.money import format_money
from desktop.services.dues.calc import compute_due, month_index, month_start
from desktop.services.dues.service import DuesService
from desktop.services.members.importing import MemberImport
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import UnitInfo, UnitService

T = month_index(date.today())


@pytest.fixture
def unit(ctx):
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty TNHH May An Phú", upper_name="LĐLĐ quận Hoàng Mai"))
    return ctx


def office_list_with(path, column: str, people: list[tuple[dict, object]]):
    """The office's list with one more column (K) after "Ghi chú"."""
    rows = [list(r) for r in TITLE_BLOCK] + [HEADER + [column], SUB_HEADER + [None], NUMBERING + ["(11)"]]
    rows += [person_row(i, p) + [extra] for i, (p, extra) in enumerate(people)]
    rows += [list(r) for r in FOOTER]
    return write_book(path, [("DS đoàn viên", rows)], {"DS đoàn viên": MERGES + ["K7:K8"]})


def row_number(i: int) -> int:
    return len(TITLE_BLOCK) + 3 + i + 1


def imported(ctx) -> dict[str, object]:
    svc = MemberService(ctx)
    return {r.full_name: svc.get(r.id).data for r in svc.page(MemberQuery(status=None), 0, 1000)}


def pid(ctx, name: str) -> str:
    return MemberService(ctx).page(MemberQuery(search=name, status=None), 0, 1)[0].id


PAID_FORMS = [
    (person("Nguyễn Thị Sáu", date(1990, 1, 2), True, None, "Tổ 1", None, 6_000_000), "6/2026", date(2026, 6, 1)),
    (person("Trần Văn Tê", date(1985, 3, 4), False, None, "Tổ 1", None, 6_000_000), "T5/2026", date(2026, 5, 1)),
    (person("Lê Thị Gạch", date(1991, 5, 6), True, None, "Tổ 1", None, 6_000_000), "04-2026", date(2026, 4, 1)),
    (person("Phạm Văn Ngày", date(1988, 7, 8), False, None, "Tổ 2", None, 6_000_000), date(2026, 3, 31),
     date(2026, 3, 1)),
    (person("Hoàng Thị Chữ", date(1993, 9, 10), True, None, "Tổ 2", None, 6_000_000), "tháng 2 năm 2026",
     date(2026, 2, 1)),
    (person("Vũ Văn Đủ", date(1987, 11, 12), False, None, "Tổ 2", None, 6_000_000), "31/01/2026",
     date(2026, 1, 1)),
    (person("Đỗ Thị Trống", date(1992, 2, 3), True, None, "Tổ 2", None, 6_000_000), None, None),
    (person("Bùi Văn Sai", date(1989, 4, 5), False, None, "Tổ 2", None, 6_000_000), "hết quý 2", None),
    (person("Ngô Thị Mười Ba", date(1990, 6, 7), True, None, "Tổ 2", None, 6_000_000), "13/2026", None),
]


def test_paid_through_month_in_every_form(unit, tmp_path):
    path = office_list_with(tmp_path / "ds.xlsx", "Đã đóng đến tháng", [(p, typed) for p, typed, _ in PAID_FORMS])
    importer = MemberImport(unit)
    preview = importer.preview(path)
    assert preview.mapping[10] == "dues_paid_through"
    rows = {r.row_number: r for r in preview.rows}
    assert len(rows) == len(PAID_FORMS)
    for i, (p, typed, _) in enumerate(PAID_FORMS):
        r = rows[row_number(i)]
        text = " ".join(r.problems)
        if p["name"] in ("Bùi Văn Sai", "Ngô Thị Mười Ba"):
            # the member goes in; the warning names the cell and what it said
            assert r.status == "warning" and f"Cột K “Đã đóng đến tháng”: không đọc được tháng “{typed}”" in text
        else:
            assert r.status == "ok", (p["name"], r.problems)
    assert importer.commit(preview).imported == len(PAID_FORMS)
    got = imported(unit)
    for p, _, expected in PAID_FORMS:
        assert got[p["name"]].dues_paid_through == expected, p["name"]
    # arrears start after that month
    dues = DuesService(unit)
    for p, _, expected in PAID_FORMS[:6]:
        ledger = dues.ledger(pid(unit, p["name"]), first=month_start(month_index(expected) - 1),
                             last=month_start(month_index(expected) + 1))
        assert [m.due.total > 0 for m in ledger.months] == [False, False, True], p["name"]


def test_paid_through_read_from_an_excel_date_cell(unit, tmp_path):
    p = person("Cao Thị Ô", date(1990, 1, 2), True, None, "Tổ 1", None, 6_000_000)
    path = office_list_with(tmp_path / "ds.xlsx", "Đã đóng đoàn phí đến tháng",
                            [(p, datetime(2026, 7, 1)), (person("Cao Văn Số", date(1990, 1, 3), False, None, "Tổ 1",
                                                                None, 6_000_000), 46234)])  # 30/07/2026
    assert MemberImport(unit).run(path).imported == 2
    got = imported(unit)
    assert got["Cao Thị Ô"].dues_paid_through == date(2026, 7, 1)
    assert got["Cao Văn Số"].dues_paid_through == date(2026, 7, 1)


def test_dues_owed_as_months_or_an_amount(unit, tmp_path):
    salary = 6_000_000
    people = [
        (person("Nguyễn Thị Ba Tháng", date(1990, 1, 2), True, None, "Tổ 1", None, salary), "3 tháng"),
        (person("Trần Văn Hai", date(1985, 3, 4), False, None, "Tổ 1", None, salary), 2),
        (person("Lê Thị Không Nợ", date(1991, 5, 6), True, None, "Tổ 1", None, salary), "0 tháng"),
        (person("Phạm Văn Tiền", date(1988, 7, 8), False, None, "Tổ 1", None, salary), "AMOUNT"),
        (person("Hoàng Thị Chưa Lương", date(1993, 9, 10), True, None, "Tổ 1"), 150_000),
        (person("Vũ Văn Lạ", date(1987, 11, 12), False, None, "Tổ 1", None, salary), "nợ nhiều"),
    ]
    dues = DuesService(unit)
    with unit.read() as s:
        law, (rule, _) = dues.law(s), dues.unit(s)
        monthly = compute_due(law, rule, T, None, salary).total
    assert monthly > 0
    owed = monthly * 7 // 2  # three and a half months: three, rounded down
    people[3] = (people[3][0], format_money(owed, unit=False))
    path = office_list_with(tmp_path / "ds.xlsx", "Nợ đoàn phí", people)
    importer = MemberImport(unit)
    preview = importer.preview(path)
    assert preview.mapping[10] == "dues_owed"
    rows = {r.row_number: " ".join(r.problems) for r in preview.rows}
    assert f"{format_money(owed, unit=False)} đ ÷ {format_money(monthly, unit=False)} đ một tháng = 3 tháng" \
           in rows[row_number(3)]
    assert "Cột K “Nợ đoàn phí”" in rows[row_number(3)]
    assert "đọc là 2 tháng" in rows[row_number(1)]
    assert "Cột K “Nợ đoàn phí”: “150000”: không đổi được số tiền ra số tháng" in rows[row_number(4)]
    assert "Cột K “Nợ đoàn phí”: không đọc được “nợ nhiều”" in rows[row_number(5)]
    assert rows[row_number(0)] == "" and rows[row_number(2)] == ""
    assert importer.commit(preview).imported == len(people)
    got = imported(unit)
    expect = {"Nguyễn Thị Ba Tháng": T - 4, "Trần Văn Hai": T - 3, "Lê Thị Không Nợ": T - 1, "Phạm Văn Tiền": T - 4}
    for name, m in expect.items():
        assert got[name].dues_paid_through == month_start(m), name
    assert got["Hoàng Thị Chưa Lương"].dues_paid_through is None
    assert got["Vũ Văn Lạ"].dues_paid_through is None
    # what is owed before this month is exactly the months the list said
    lines = {l.full_name: l for l in dues.period(month_start(T))}
    assert lines["Nguyễn Thị Ba Tháng"].arrears == sum(
        dues.due(pid(unit, "Nguyễn Thị Ba Tháng"), month_start(m)).total for m in range(T - 3, T))
    assert lines["Lê Thị Không Nợ"].arrears == 0
