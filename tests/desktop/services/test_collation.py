"""Issue 16, item 12: lists of groups in Vietnamese alphabetical order ("Tổ Đóng gói"
before "Tổ Văn phòng"; a plain sort puts Đ, U+0110, after every Latin letter)."""

from datetime import date

from sqlalchemy import select

from desktop.models import UnitGroup
from desktop.services.core.text import collation_key
from desktop.services.demo.service import make_demo
from desktop.services.reports import service as reports


def test_the_vietnamese_alphabet_and_its_tones():
    words = ["Tổ Văn phòng", "Tổ Đóng gói", "Tổ Dệt", "Tổ Ăn uống", "Tổ An toàn", "Tổ Ủi", "Tổ Uốn", "tổ đóng gói 2"]
    assert sorted(words, key=collation_key) == ["Tổ An toàn", "Tổ Ăn uống", "Tổ Dệt", "Tổ Đóng gói", "tổ đóng gói 2",
                                                "Tổ Ủi", "Tổ Uốn", "Tổ Văn phòng"]
    assert sorted(["mạ", "mã", "mả", "má", "mà", "ma"], key=collation_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]


def test_reports_list_groups_in_vietnamese_order(ctx):
    make_demo(ctx, 60)
    with ctx.write() as s:
        for group, name in zip(s.scalars(select(UnitGroup).order_by(UnitGroup.sort_order)),
                               ("Tổ Văn phòng", "Tổ Đóng gói", "Tổ Bảo vệ")):
            group.name = name
    today = date.today()
    members = reports.build(ctx, "members", date(today.year, 1, 1), today)
    by_group = next(t for t in members.tables if t.title.endswith("Theo tổ công đoàn"))
    names = [row[0] for row in by_group.rows]
    assert names == sorted(names, key=collation_key)
    assert names.index("Tổ Đóng gói") < names.index("Tổ Văn phòng")
    dues = reports.dues_report(ctx, reports.month_index(date(today.year, 1, 1)), reports.month_index(today))
    groups = [g.group for g in dues.by_group if g.group != "Chưa xếp tổ"]
    assert len(groups) >= 2 and groups == sorted(groups, key=collation_key), groups
    assert groups.index("Tổ Đóng gói") < groups.index("Tổ Văn phòng")
