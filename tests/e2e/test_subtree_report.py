"""Issue 15, item 5: the report of a sub-tree (six months, a year) on screen, as JSON, as
Excel and as PDF, against what the units' PCs hold, worked out from each PC's own file:
members at the period's end replayed from the member events, dues and remittance of the
period's months, activities by kind, and the year closes received."""

import io
from datetime import date

import pypdfium2
import requests
from openpyxl import load_workbook

from desktop.services.members.service import MemberService
from desktop.services.year import YearService
from tests.e2e.helpers import rows
from tests.e2e.test_upper_level_figures import Tables, fill_cooperative, fill_school

CURRENT = ("active", "suspended", "honorary")
ARRIVE = {"admitted": "active", "transferred_in": "active", "resumed": "active"}
STATUS_OF = {**ARRIVE, "suspended": "suspended", "honorary": "honorary", "transferred_out": "transferred_out",
             "left": "left", "expelled": "expelled", "deceased": "deceased"}


def members_at(ctx, end: str) -> int:
    """Members on the books at `end`, each replayed from its events up to that day."""
    events: dict[str, list[tuple[str, str]]] = {}
    for member, day, kind in rows(ctx, "SELECT member_id, event_date, kind FROM member_event "
                                       "WHERE deleted_at IS NULL ORDER BY event_date, seq"):
        events.setdefault(member, []).append((day, kind))
    count = 0
    for (member,) in rows(ctx, "SELECT id FROM member WHERE deleted_at IS NULL"):
        status = None
        for day, kind in events.get(member, []):
            if day <= end:
                status = STATUS_OF[kind]
        count += status in CURRENT
    return count


def period_sums(ctx, months: tuple[str, str]) -> dict:
    live = "deleted_at IS NULL"
    not_voided = "{col} NOT IN (SELECT doc_id FROM cash_doc_void WHERE deleted_at IS NULL)"
    within = f"BETWEEN '{months[0]}' AND '{months[1]}'"
    return {
        # None: no month of the period sent (the PCs send the last twelve months' dues due)
        "due": rows(ctx, f"SELECT sum(due) FROM dues_month WHERE {live} AND substr(month, 1, 7) {within}")[0][0],
        "collected": rows(ctx, f"SELECT coalesce(sum(amount), 0) FROM dues_payment WHERE {live} AND "
                               f"{not_voided.format(col='doc_id')} AND substr(month, 1, 7) {within}")[0][0],
        "remitted": rows(ctx, f"SELECT coalesce(sum(amount), 0) FROM remittance WHERE {live} AND "
                              f"{not_voided.format(col='voucher_id')} AND substr(period_to, 1, 7) {within}")[0][0],
        "admitted": rows(ctx, f"SELECT count(*) FROM member_event WHERE {live} AND kind = 'admitted' AND "
                              f"substr(event_date, 1, 7) {within}")[0][0],
        "left": rows(ctx, f"SELECT count(*) FROM member_event WHERE {live} AND kind IN ('left', 'expelled', "
                          f"'deceased') AND substr(event_date, 1, 7) {within}")[0][0],
        "transferred_out": rows(ctx, f"SELECT count(*) FROM member_event WHERE {live} AND kind = 'transferred_out' "
                                     f"AND substr(event_date, 1, 7) {within}")[0][0],
        "activities": dict(rows(ctx, f"SELECT kind, count(*) FROM activity WHERE {live} AND "
                                     f"substr(start_date, 1, 7) {within} GROUP BY kind")),
    }


def test_the_report_of_a_sub_tree_equals_what_the_pcs_hold(server, make_device):
    commune = server.unit("Công đoàn xã Tân Hòa")
    school = server.unit("CĐCS Trường Tiểu học Tân Hòa", parent=commune)
    coop = server.unit("CĐCS Hợp tác xã Nông nghiệp Tân Hòa", parent=commune)
    a, sa = make_device(server, school, "truong")
    b, sb = make_device(server, coop, "htx")
    fill_school(a)
    fill_cooperative(b)
    # After the year: a leaver and a newcomer of 2026, so that the members at the end of
    # 2025 differ from today's.
    members = MemberService(a)
    gone = rows(a, "SELECT id FROM member WHERE status = 'active' AND deleted_at IS NULL ORDER BY full_name")[0][0]
    members.add_event(gone, "left", date(2026, 2, 1), reason="Nghỉ hưu")
    MemberService(b).add({"full_name": "Ngô Văn Lâm", "birth_date": "1990", "gender": "Nam", "salary": 5_000_000,
                          "joined_date": "01/03/2026", "dues_basis": "bhxh"}, confirm_similar=True)
    years = YearService(a)
    years.close(2024)
    closed = years.close(2025)
    for later in range(2026, date.today().year):  # up to last year, whatever year the test runs in
        years.close(later)
    for sync in (sa, sb):
        assert sync.sync_now().rejected == 0

    server.admin(commune, "xa-admin")
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": "xa-admin", "password": "matkhau-123"}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    web = requests.Session()
    assert web.post(server.base + "/admin/login", data={"username": "xa-admin", "password": "matkhau-123"}).ok

    for period, months, end in (("2025", ("2025-01", "2025-12"), "2025-12-31"),
                                ("2025-6T", ("2025-01", "2025-06"), "2025-06-30")):
        want = {school: period_sums(a, months), coop: period_sums(b, months)}
        at_end = {school: members_at(a, end), coop: members_at(b, end)}
        r = requests.get(server.base + f"/api/v1/units/{commune}/report", params={"period": period}, headers=auth)
        assert r.status_code == 200, r.text
        body = r.json()
        got = {m["code"] or "*": m for m in body["members"]}
        assert set(got) == {school, coop, "*"}  # the commune keeps nothing of its own: no line
        for code in (school, coop):
            assert got[code]["members"] == at_end[code], (period, code)
            for key in ("admitted", "left", "transferred_out"):
                assert got[code][key] == want[code][key], (period, code, key)
        assert got["*"]["members"] == sum(at_end.values())
        dues = {d["code"] or "*": d for d in body["dues"]}
        for code in (school, coop):
            for key in ("due", "collected", "remitted"):
                assert dues[code][key] == want[code][key], (period, code, key)
            assert dues[code]["expected"] == want[code]["collected"] * 30 // 100
        for key in ("collected", "remitted"):
            assert dues["*"][key] == want[school][key] + want[coop][key]
        assert dues["*"]["due"] is None  # 2025 is before the last twelve months the PCs send their dues due for
        kinds = {a["kind"]: a["counts"] for a in body["activities"]}
        assert sum(c[-1] for c in kinds.values()) == sum(sum(w["activities"].values()) for w in want.values())

        # The page shows the same lines, each unit opening its own report.
        page = web.get(server.base + "/admin/report", params={"unit": commune, "period": period})
        assert page.status_code == 200
        tables = Tables(page.text).tables
        shown = {line[1]: line for line in tables["I. Đoàn viên"][1:]}
        assert shown["CĐCS Trường Tiểu học Tân Hòa"][2] == str(at_end[school])
        assert shown["Tổng cộng"][2] == str(sum(at_end.values()))
        assert f"period={period}" in page.text and f"unit={school}" in page.text

        # The Excel file: the same numbers as numbers, a sheet a section.
        x = web.get(server.base + "/admin/report", params={"unit": commune, "period": period, "format": "xlsx"})
        assert x.status_code == 200 and x.headers["content-type"].startswith("application/vnd.openxml")
        wb = load_workbook(io.BytesIO(x.content))
        sheet = wb.worksheets[1]
        lines = {row[1]: row for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]}
        assert lines["Tổng cộng"][3] == want[school]["collected"] + want[coop]["collected"]
        assert wb.worksheets[0]["B7"].value in ("CĐCS Trường Tiểu học Tân Hòa", "CĐCS Hợp tác xã Nông nghiệp Tân Hòa")

        # The PDF: the union header, the title, the total's figure in its text.
        p = web.get(server.base + "/admin/report", params={"unit": commune, "period": period, "format": "pdf"})
        assert p.status_code == 200 and p.content.startswith(b"%PDF")
        pdf = pypdfium2.PdfDocument(p.content)
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert "CÔNG ĐOÀN XÃ TÂN HÒA" in text and "Độc lập - Tự do - Hạnh phúc" in text
        label = "6 THÁNG ĐẦU NĂM 2025" if period.endswith("6T") else "NĂM 2025"
        assert f"BÁO CÁO TỔNG HỢP {label}" in text
        total = want[school]["collected"] + want[coop]["collected"]
        assert f"{total:,}".replace(",", ".") in text
        pdf.close()

    # This year's dues due are known (the PCs send the last twelve months'), and so what is outstanding.
    year = str(date.today().year)
    want = {school: period_sums(a, (f"{year}-01", f"{year}-12")), coop: period_sums(b, (f"{year}-01", f"{year}-12"))}
    assert want[school]["due"]
    dues = {d["code"] or "*": d for d in requests.get(server.base + f"/api/v1/units/{commune}/report",
                                                      params={"period": year}, headers=auth).json()["dues"]}
    for code in (school, coop):
        assert dues[code]["due"] == want[code]["due"]
        assert dues[code]["outstanding"] == max(0, want[code]["due"] - want[code]["collected"])
    assert dues["*"]["due"] == want[school]["due"] + want[coop]["due"]

    # The yearly report counts the closes received: the school closed 2025, the cooperative did not.
    body = requests.get(server.base + f"/api/v1/units/{commune}/report", params={"period": "2025"},
                        headers=auth).json()
    closes = {t["code"] or "*": t for t in body["settlements"]}
    assert (closes[school]["grassroots"], closes[school]["closed"]) == (1, 1)
    assert (closes[coop]["grassroots"], closes[coop]["closed"]) == (1, 0)
    assert closes["*"]["closed"] == 1 and closes["*"]["grassroots"] == 2
    (sent,) = rows(a, "SELECT income, spending, cash_closing, bank_closing FROM year_close "
                      f"WHERE year = 2025 AND event = 'close' AND id = '{closed.id}'")
    assert [closes[school][k] for k in ("income", "spending", "cash_closing", "bank_closing")] == list(sent)
    assert closes["*"]["income"] == sent[0]

    # The units table's filter "chưa gửi quyết toán năm trước" keeps the cooperative only.
    page = web.get(server.base + "/admin/", params={"unit": commune, "filter": "no_settlement"}).text
    table = Tables(page).tables["Đơn vị trực thuộc (1)"]
    assert [line[1] for line in table[1:]] == [
        f"CĐCS Hợp tác xã Nông nghiệp Tân HòaQuyết toán năm {date.today().year - 1}: đã gửi 0/1 CĐCS"]
    everyone = Tables(web.get(server.base + "/admin/", params={"unit": commune}).text).tables
    assert "Đơn vị trực thuộc (2)" in everyone


def test_the_report_refuses_what_is_not_the_administrators(server):
    commune = server.unit("Công đoàn xã Tân Hòa")
    other = server.unit("Công đoàn xã Bình Minh")
    server.admin(commune, "xa-admin-2")
    web = requests.Session()
    assert web.get(server.base + "/admin/report").status_code == 401  # not signed in
    assert web.post(server.base + "/admin/login", data={"username": "xa-admin-2", "password": "matkhau-123"}).ok
    assert web.get(server.base + "/admin/report", params={"unit": other}).status_code == 403
    for bad in ("20x5", "1999", "2025-7T", "'; drop table unit;--", "２０２５", "2025\x00"):
        r = web.get(server.base + "/admin/report", params={"unit": commune, "period": bad})
        assert r.status_code == 400 and "Kỳ báo cáo" in r.text, bad
    r = web.get(server.base + "/admin/report", params={"unit": commune, "format": "docx"})
    assert r.status_code == 400
    r = web.get(server.base + "/admin/report", params={"unit": "x" * 51})
    assert r.status_code in (400, 422) and r.status_code != 500
    # With nothing synced yet the report is empty, not an error.
    r = web.get(server.base + "/admin/report", params={"unit": commune, "period": "2025"})
    assert r.status_code == 200 and "Tổng cộng" in r.text
