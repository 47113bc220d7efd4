"""What an upper level sees of its sub-tree is what its units' PCs hold: the figures API
and the administrator's page, value by value, against plain SQL on each PC's own file."""

from collections import Counter
from datetime import date
from html.parser import HTMLParser

import requests

from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.cash.service import CashService
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberService
from desktop.services.units.service import DuesSettings, GroupInfo, UnitService
from tests.e2e.helpers import rows

CURRENT = ("active", "suspended", "honorary")
STATUS_LABELS = {"active": "Đang sinh hoạt", "suspended": "Tạm dừng sinh hoạt", "honorary": "Đoàn viên danh dự",
                 "transferred_out": "Đã chuyển đi", "left": "Đã ra khỏi tổ chức", "expelled": "Đã bị khai trừ",
                 "deceased": "Đã từ trần"}


def _add(ctx, name: str, gender: str, group: str | None, salary: int = 6_000_000) -> str:
    return MemberService(ctx).add({"full_name": name, "birth_date": "1988", "gender": gender, "salary": salary,
                                   "joined_date": "01/01/2020", "dues_basis": "bhxh", "group_id": group},
                                  confirm_similar=True).id


def _office(ctx, groups: list[str]) -> list[str]:
    units = UnitService(ctx)
    units.save_dues_settings(DuesSettings(dues_group=3, dues_from=date(2025, 1, 1)))
    return [g.id for g in units.save_groups([GroupInfo(None, g) for g in groups])]


def fill_school(ctx) -> None:
    """A school: two groups, five members of four statuses, receipts over two months (one
    voided), a remittance, and activities of two kinds (one deleted)."""
    teachers, office = _office(ctx, ["Tổ Giáo viên", "Tổ Văn phòng"])
    members, dues = MemberService(ctx), DuesService(ctx)
    an = _add(ctx, "Nguyễn Thị An", "Nữ", teachers)
    binh = _add(ctx, "Trần Văn Bình", "Nam", teachers, salary=8_000_000)
    chi = _add(ctx, "Lê Thị Chi", "Nữ", office)
    dung = _add(ctx, "Phạm Văn Dũng", "Nam", office)
    _add(ctx, "Hoàng Thị Em", "Nữ", None)
    dues.pay(an, ["2025-03", "2025-04"], doc_date=date(2025, 3, 10))
    dues.pay(binh, ["2025-03"], doc_date=date(2025, 3, 12))
    wrong = dues.pay(chi, ["2025-03"], doc_date=date(2025, 3, 12))
    dues.pay(dung, ["2025-03"], doc_date=date(2025, 3, 15))
    CashService(ctx).void(wrong.id, "Viết nhầm người nộp")
    RemittanceService(ctx).record("2025-03", doc_date=date(2025, 4, 5))
    members.add_event(chi, "suspended", date(2025, 5, 1), reason="Nghỉ không lương")
    members.add_event(dung, "left", date(2025, 6, 1), reason="Nghỉ việc")
    activities = ActivityService(ctx)
    activities.add(ActivityInput(kind="hop", subkind="bch", title="Họp Ban Chấp hành quý II",
                                 start_date=date(2025, 4, 2)))
    activities.add(ActivityInput(kind="hop", subkind="to", title="Họp tổ Giáo viên", start_date=date(2025, 4, 9)))
    activities.add(ActivityInput(kind="ky_niem", subkind="8_3", title="Gặp mặt 8/3", start_date=date(2025, 3, 8)))
    gone = activities.add(ActivityInput(kind="ky_niem", subkind="tet", title="Tết nhầm", start_date=date(2025, 1, 20)))
    activities.delete(gone.id)


def fill_cooperative(ctx) -> None:
    """A cooperative: one group, members of other statuses, dues in another month."""
    (field_group,) = _office(ctx, ["Tổ Đồng ruộng"])
    members, dues = MemberService(ctx), DuesService(ctx)
    giang = _add(ctx, "Đỗ Văn Giang", "Nam", field_group)
    ha = _add(ctx, "Bùi Thị Hà", "Nữ", field_group, salary=5_000_000)
    khoa = _add(ctx, "Vũ Minh Khoa", "Nam", None)
    dues.pay(giang, ["2025-04", "2025-05"], doc_date=date(2025, 4, 20))
    dues.pay(ha, ["2025-05"], doc_date=date(2025, 5, 3))
    members.add_event(ha, "honorary", date(2025, 6, 1))
    members.add_event(khoa, "transferred_out", date(2025, 6, 15), reason="Chuyển công tác")
    ActivityService(ctx).add(ActivityInput(kind="tap_huan", title="Tập huấn an toàn lao động",
                                           start_date=date(2025, 5, 12)))


def expected(ctx) -> dict:
    """The figures of one unit, worked out from its PC's SQLite file alone."""
    live = "deleted_at IS NULL"
    not_voided = "{col} NOT IN (SELECT doc_id FROM cash_doc_void WHERE deleted_at IS NULL)"
    current = f"{live} AND status IN {CURRENT}"
    return {
        "members_by_status": dict(rows(ctx, f"SELECT status, count(*) FROM member WHERE {live} GROUP BY status")),
        "current_by_gender": dict(rows(ctx, f"SELECT gender, count(*) FROM member WHERE {current} GROUP BY gender")),
        "current_by_group": dict(rows(
            ctx, "SELECT coalesce(g.name, '(chưa xếp tổ)'), count(*) FROM member m "
                 "LEFT JOIN unit_group g ON g.id = m.group_id AND g.deleted_at IS NULL "
                 f"WHERE m.{live} AND m.status IN {CURRENT} GROUP BY 1")),
        "dues_due_by_month": dict(rows(ctx, f"SELECT substr(month, 1, 7), due FROM dues_month WHERE {live}")),
        "dues_collected_by_month": dict(rows(
            ctx, f"SELECT substr(month, 1, 7), sum(amount) FROM dues_payment WHERE {live} AND "
                 f"{not_voided.format(col='doc_id')} GROUP BY 1")),
        "remitted_by_month": dict(rows(
            ctx, f"SELECT substr(period_to, 1, 7), sum(amount) FROM remittance WHERE {live} AND "
                 f"{not_voided.format(col='voucher_id')} GROUP BY 1")),
        "activities_by_kind": dict(rows(ctx, f"SELECT kind, count(*) FROM activity WHERE {live} GROUP BY kind")),
    }


def summed(*parts: dict) -> dict:
    out = {}
    for key in parts[0]:
        acc = Counter()
        for p in parts:
            acc.update(p[key])
        out[key] = dict(acc)
    return out


class Tables(HTMLParser):
    """The tables of a page, each a list of rows of cell texts, under the heading before it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._heading = self._cell = None
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._text = ""
        elif tag == "table":
            self.tables[self._heading] = []
        elif tag == "tr":
            self.tables[self._heading].append([])
        elif tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag == "h2":
            self._heading = self._text.strip()
        elif tag in ("td", "th"):
            self.tables[self._heading][-1].append(self._text.strip())

    def handle_data(self, data):
        self._text += data


def test_figures_of_a_sub_tree_equal_what_the_pcs_hold(server, make_device):
    commune = server.unit("Công đoàn xã Tân Hòa")
    school = server.unit("CĐCS Trường Tiểu học Tân Hòa", parent=commune)
    coop = server.unit("CĐCS Hợp tác xã Nông nghiệp Tân Hòa", parent=commune)
    a, sa = make_device(server, school, "truong")
    b, sb = make_device(server, coop, "htx")
    fill_school(a)
    fill_cooperative(b)
    for sync in (sa, sb):
        report = sync.sync_now()
        assert report.rejected == 0
    # Dues due by month: computed on each PC for the last twelve months, member by member
    # here (DuesService.period) against the unit-wide count the PC sent.
    today = date.today()
    twelve = [f"{(today.year * 12 + today.month - 1 - k) // 12}-{(today.month - 1 - k) % 12 + 1:02d}"
              for k in range(11, -1, -1)]
    for ctx in (a, b):
        sent = dict(rows(ctx, "SELECT substr(month, 1, 7), due FROM dues_month WHERE deleted_at IS NULL"))
        assert sorted(sent) == twelve
        for month, due in sent.items():
            assert due == sum(line.due for line in DuesService(ctx).period(month)), month
        assert any(sent.values())
    assert sa.sync_now().pushed == 0  # nothing changed: the figures are not sent again
    want = {school: expected(a), coop: expected(b)}
    want["*"] = summed(want[school], want[coop])
    # The PCs hold what the story above says (else the comparison below proves little).
    assert want[school]["members_by_status"] == {"active": 3, "suspended": 1, "left": 1}
    assert want[school]["current_by_group"] == {"Tổ Giáo viên": 2, "Tổ Văn phòng": 1, "(chưa xếp tổ)": 1}
    assert want[school]["dues_collected_by_month"] == {"2025-03": 200_000, "2025-04": 60_000}
    assert want[school]["remitted_by_month"] == {"2025-03": 78_000}  # 30% (QĐ 8108) of 260,000 received in March
    assert want[school]["activities_by_kind"] == {"hop": 2, "ky_niem": 1}
    assert want["*"]["members_by_status"] == {"active": 4, "suspended": 1, "left": 1, "honorary": 1,
                                              "transferred_out": 1}
    assert want["*"]["current_by_gender"] == {"Nữ": 4, "Nam": 2}
    assert want["*"]["dues_collected_by_month"] == {"2025-03": 200_000, "2025-04": 120_000, "2025-05": 110_000}

    server.admin(commune, f"xa-{commune}")
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": f"xa-{commune}", "password": "matkhau-123"}).json()["token"]
    r = requests.get(server.base + f"/api/v1/units/{commune}/figures", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {u["code"]: u for u in body["units"]}
    assert set(got) == {commune, school, coop}
    assert got[school]["parent_code"] == got[coop]["parent_code"] == commune
    assert [len(got[u]["devices"]) for u in (commune, school, coop)] == [0, 1, 1]
    assert all(d["last_sync_at"] for u in (school, coop) for d in got[u]["devices"])
    for key in want["*"]:
        assert got[commune][key] == {}, key  # the commune has no PC of its own
        for code in (school, coop):
            assert got[code][key] == want[code][key], (code, key)
        if key == "current_by_group":
            # Groups belong to a unit: a total by group name would add up strangers.
            assert body["total"][key] == {}
        else:
            assert body["total"][key] == want["*"][key], ("total", key)

    # The administrator's page shows the same figures.
    web = requests.Session()
    page = web.post(server.base + "/admin/login", data={"username": f"xa-{commune}", "password": "matkhau-123"})
    assert page.ok and "Công đoàn xã Tân Hòa" in page.text
    tables = Tables(page.text).tables
    by_status = tables["Đoàn viên theo trạng thái"]
    statuses = [k for k in STATUS_LABELS if k in want["*"]["members_by_status"]]
    assert by_status[0] == ["Đơn vị"] + [STATUS_LABELS[k] for k in statuses] + ["Cộng"]
    names = {commune: "Công đoàn xã Tân Hòa", school: "CĐCS Trường Tiểu học Tân Hòa",
             coop: "CĐCS Hợp tác xã Nông nghiệp Tân Hòa"}
    shown = {line[0]: line[1:] for line in by_status[1:]}
    for code, name in [(school, names[school]), (coop, names[coop]), ("*", "Tổng cộng")]:
        counts = want[code]["members_by_status"]
        assert shown[name] == [str(counts.get(k, 0)) for k in statuses] + [str(sum(counts.values()))], name
    by_group = tables["Đoàn viên theo tổ công đoàn"]
    assert by_group[0] == ["Đơn vị", "Tổ công đoàn", "Đoàn viên"]
    lines, unit = [], None
    for line in by_group[1:]:  # a unit's name spans its groups' lines
        unit = line[0] if len(line) == 3 else unit
        lines.append((unit, *line[-2:]))
    assert sorted(lines) == sorted(
        (names[code], group, str(n)) for code in (school, coop) for group, n in want[code]["current_by_group"].items())
    assert "Đoàn viên đang sinh hoạt: <b>6</b> — nam 2, nữ 4" in page.text
    by_month = tables["Đoàn phí phải thu, đã thu và đã nộp cấp trên theo tháng"]
    assert by_month[0] == ["Tháng", "Phải thu", "Đã thu", "Đã nộp cấp trên"]
    shown = {line[0]: line[1:] for line in by_month[1:]}
    for month, due in want["*"]["dues_due_by_month"].items():
        assert shown[f"{month[5:]}/{month[:4]}"][0] == f"{due:,}".replace(",", ".") + " đ", month
