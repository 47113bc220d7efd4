"""/admin/: the tree of units (lazy, JSON), the selected node's cards and charts, a unit's
page; each checked against the administrator's sub-tree (real server, real HTTP)."""

import itertools
import re

import pytest
import requests

from tests.e2e.test_upper_level_figures import fill_school

_accounts = itertools.count()


@pytest.fixture(scope="module")
def land(server):
    """Two provinces; under the first a commune with a school (synced) and a factory."""
    province = server.unit("Liên đoàn Lao động tỉnh Thử")
    commune = server.unit("Công đoàn xã Thử", parent=province)
    other = server.unit("Liên đoàn Lao động tỉnh Khác")
    return {"province": province, "commune": commune,
            "school": server.unit("CĐCS Trường Tiểu học Thử", parent=commune),
            "factory": server.unit("CĐCS Nhà máy Thử", parent=commune),
            "other": other, "elsewhere": server.unit("CĐCS Công ty Khác", parent=other)}


def _signed_in(server, unit: str) -> requests.Session:
    name = f"a-{unit}-{next(_accounts)}"
    server.admin(unit, name)
    web = requests.Session()
    assert web.post(server.base + "/admin/login", data={"username": name, "password": "matkhau-123"}).ok
    return web


def test_the_tree_opens_node_by_node_within_the_sub_tree(server, land):
    web = _signed_in(server, land["province"])
    home = web.get(server.base + "/admin/").text
    # The administrator's own unit, open, with the units directly below it; not deeper.
    assert "<nav class='tree'" in home and "aria-current='page'>Liên đoàn Lao động tỉnh Thử</a>" in home
    assert f"data-code='{land['commune']}'" in home and f"data-code='{land['school']}'" not in home
    opened = web.get(server.base + "/admin/tree", params={"unit": land["commune"]})
    assert opened.status_code == 200
    assert opened.json() == {"unit": land["commune"], "more": 0, "children": [  # by code
        {"code": land["school"], "name": "CĐCS Trường Tiểu học Thử", "has_children": False},
        {"code": land["factory"], "name": "CĐCS Nhà máy Thử", "has_children": False}]}
    top = web.get(server.base + "/admin/tree", params={"unit": land["province"]}).json()
    assert top["children"] == [{"code": land["commune"], "name": "Công đoàn xã Thử", "has_children": True}]
    # A selected node deep down: the branch to it is open on the page itself.
    deep = web.get(server.base + "/admin/", params={"unit": land["school"]}).text
    assert "aria-current='page'>CĐCS Trường Tiểu học Thử</a>" in deep and f"data-code='{land['factory']}'" in deep

    # Another province, a unit of it, a unit that does not exist: the same 403.
    for code in (land["other"], land["elsewhere"], "KHONG-CO", "a\x00b", "../" + land["commune"]):
        refused = web.get(server.base + "/admin/tree", params={"unit": code})
        assert refused.status_code == 403 and refused.json()["code"] == "not_your_unit", code
    assert web.get(server.base + "/admin/tree", params={"unit": "x" * 51}).status_code == 422
    assert web.get(server.base + "/admin/tree").status_code == 422
    assert requests.get(server.base + "/admin/tree", params={"unit": land["commune"]}).status_code == 401
    up = _signed_in(server, land["commune"])  # a commune's administrator cannot climb to the province
    assert up.get(server.base + "/admin/tree", params={"unit": land["province"]}).status_code == 403


def test_cards_charts_and_a_unit_page(server, land, make_device):
    ctx, sync = make_device(server, land["school"], "may-truong")
    fill_school(ctx)
    assert sync.sync_now().rejected == 0
    web = _signed_in(server, land["commune"])
    page = web.get(server.base + "/admin/").text
    cards = dict(re.findall(r"<span class='label'>([^<]+)</span><span class='value'>([^<]+)</span>", page))
    # Five members: one left, one suspended (still on the books); three women on the books.
    assert cards["Đoàn viên đang sinh hoạt"] == "4" and cards["Nữ"] == "3"
    assert cards["Đoàn phí đã thu"] == "260.000 đ" and cards["Ra khỏi tổ chức"] == "1"
    assert cards["Hoạt động"] == "3"  # one of four deleted
    assert "<svg viewBox=" in page and "Đơn vị trực thuộc theo tình trạng (2 đơn vị)" in page
    assert "Đồng bộ trong 30 ngày: 1 · Chưa đồng bộ 30 ngày: 1" in page
    # Each row of the units table opens that unit's page.
    assert f"<a href='/admin/units/{land['school']}'" in page

    unit = web.get(server.base + f"/admin/units/{land['school']}")
    assert unit.status_code == 200 and "<h1>CĐCS Trường Tiểu học Thử</h1>" in unit.text
    assert "may-truong" in unit.text and "Đang dùng" in unit.text
    total = re.search(r"<tfoot>(.*?)</tfoot>", unit.text).group(1)
    cells = re.findall(r"<th class='n'>([^<]+)</th>", total)
    assert cells[1] == "260.000 đ" and cells[4] == "78.000 đ"  # collected; 30 % of it expected upward
    assert "03/2025" in unit.text and "Công đoàn xã Thử</a> › " in unit.text  # its months; where it sits


def test_a_unit_of_another_province_is_refused_never_a_crash(server, land):
    web = _signed_in(server, land["province"])
    for code in (land["other"], land["elsewhere"], "KHONG-CO", "x" * 300, "%00", "a%0Ab", "'\"<script>"):
        refused = web.get(server.base + f"/admin/units/{code}")
        assert refused.status_code in (403, 404), (code, refused.status_code)
        assert "<script>" not in refused.text  # nothing of the address is echoed
    assert web.get(server.base + f"/admin/units/{land['school']}").status_code == 200
    anonymous = requests.get(server.base + f"/admin/units/{land['school']}")
    assert anonymous.status_code == 401 and "Đăng nhập" in anonymous.text
    # Hostile table parameters on the home page are ignored, not a crash.
    odd = web.get(server.base + "/admin/", params={"unit": land["commune"], "page": "-9", "sort": "<b>",
                                                    "filter": "x" * 500, "q": "%' OR 1=1 --"})
    assert odd.status_code == 200 and "Không có đơn vị nào khớp." in odd.text
