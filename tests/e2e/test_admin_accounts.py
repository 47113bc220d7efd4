"""Accounts and roles over real HTTP, on both backends (issue 15, item 6): a manager creates a
read-only account for a unit below, which signs in, sees its unit and is refused every
change (403, in Vietnamese); passwords are reset and accounts stopped from the page; the
log shows who did what. Hostile input to every new form is answered below 500."""

import re
from html import escape, unescape

import requests
from sqlalchemy import select

from server.devices.models import EnrollCode
from server.units.models import AdminAccount, Unit


def _err(html: str) -> str:
    found = re.search(r"<p class='err' role='alert'>(.*?)</p>", html)
    return unescape(found.group(1)) if found else ""


def _signed_in(server, username: str, password: str) -> requests.Session:
    web = requests.Session()
    r = web.post(server.base + "/admin/login", data={"username": username, "password": password})
    assert r.ok and "Đăng xuất" in r.text, r.text[:300]
    return web


def _account_id(server, username: str) -> int:
    with server.sessions() as s:
        return s.scalar(select(AdminAccount.id).where(AdminAccount.username == username))


def test_a_viewer_sees_its_unit_and_changes_nothing(server):
    commune = server.unit("Công đoàn xã Hòa Bình")
    school = server.unit("CĐCS Trường Mầm non Hòa Bình", parent=commune)
    other = server.unit("Công đoàn xã Bên Kia")
    manager, viewer = f"xa-{commune}", f"xem-{school}"
    server.admin(commune, manager)
    web = _signed_in(server, manager, "matkhau-123")
    page = web.get(server.base + "/admin/accounts")
    assert "Tạo tài khoản" in page.text and manager in page.text

    fields = {"username": viewer, "unit": school, "role": "viewer", "password": "xem-so-lieu-1",
              "password2": "xem-so-lieu-1"}
    for change, status, words in (({"unit": other}, 403, "không thuộc phạm vi"),
                                  ({"password2": "khac-han-nhau"}, 409, "không khớp"),
                                  ({"password": "ngan", "password2": "ngan"}, 409, "ít nhất 10 ký tự"),
                                  ({"username": "có cách"}, 409, "không có dấu cách")):
        r = web.post(server.base + "/admin/accounts", data=fields | change)
        assert r.status_code == status and words in _err(r.text), (change, r.status_code, _err(r.text))
        assert f"value='{escape((fields | change)['username'])}'" in r.text  # what was typed stays
        assert "xem-so-lieu-1" not in r.text  # passwords never come back
    r = web.post(server.base + "/admin/accounts", data=fields)
    assert r.ok and r.history[0].status_code == 303 and "Đã tạo tài khoản mới." in r.text
    assert re.search(rf"<td>{viewer}</td><td>CĐCS Trường Mầm non Hòa Bình \({school}\)</td><td>Chỉ xem</td>", r.text)
    r = web.post(server.base + "/admin/accounts", data=fields | {"username": viewer.upper()})
    assert r.status_code == 409 and "không phân biệt chữ hoa" in _err(r.text)

    # The viewer signs in (the name in any case), sees its unit, has no button to press…
    eye = _signed_in(server, viewer.upper(), "xem-so-lieu-1")
    home = eye.get(server.base + "/admin/")
    assert "<h1>CĐCS Trường Mầm non Hòa Bình</h1>" in home.text
    assert "Cấp mã đăng ký máy" not in home.text and "Thêm đơn vị trực thuộc" not in home.text
    assert eye.get(server.base + f"/admin/units/{school}").ok
    assert eye.get(server.base + f"/admin/?unit={commune}").status_code == 403  # above it: not its sub-tree
    accounts = eye.get(server.base + "/admin/accounts")
    assert accounts.ok and "Tạo tài khoản" not in accounts.text and "Đặt lại mật khẩu" not in accounts.text
    # …and every change posted by hand is refused with a page that says why.
    for path, data in (("/admin/enroll-code", {"unit": school}), ("/admin/units", {"code": "MOI", "name": "Mới"}),
                       ("/admin/revoke", {"device": "x"}), ("/admin/accounts", fields | {"username": "them-mot"}),
                       ("/admin/accounts/reset", {"account": _account_id(server, manager), "password": "a" * 12,
                                                  "password2": "a" * 12}),
                       ("/admin/accounts/disable", {"account": _account_id(server, manager)})):
        r = eye.post(server.base + path, data=data, allow_redirects=False)
        assert r.status_code == 403 and "chỉ được xem" in unescape(r.text), (path, r.status_code)
        assert "<h1>Không được phép</h1>" in r.text
    assert eye.get(server.base + f"/admin/accounts/reset?account={_account_id(server, manager)}").status_code == 403
    with server.sessions() as s:
        assert s.scalar(select(EnrollCode.unit_id).join(AdminAccount, AdminAccount.unit_id == EnrollCode.unit_id)
                        .where(AdminAccount.username == viewer)) is None
        assert s.scalar(select(AdminAccount.id).where(AdminAccount.username == "them-mot")) is None

    # The viewer changes its own password; the manager resets it and then stops the account.
    r = eye.post(server.base + "/admin/password", data={"current": "sai-roi-sai-roi", "password": "mat-khau-rieng",
                                                       "password2": "mat-khau-rieng"})
    assert r.status_code == 409 and _err(r.text) == "Mật khẩu hiện tại không đúng."
    r = eye.post(server.base + "/admin/password", data={"current": "xem-so-lieu-1", "password": "mat-khau-rieng",
                                                       "password2": "mat-khau-rieng"})
    assert r.ok and "Đã đổi mật khẩu" in r.text
    assert eye.get(server.base + "/admin/").ok and "Đăng xuất" in eye.get(server.base + "/admin/").text
    viewer_id = _account_id(server, viewer)
    r = web.get(server.base + f"/admin/accounts/reset?account={viewer_id}")
    assert r.ok and f"Đặt lại mật khẩu của {viewer}" in r.text
    r = web.post(server.base + "/admin/accounts/reset", data={"account": viewer_id, "password": "dat-lai-mat-khau",
                                                              "password2": "dat-lai-mat-khau"})
    assert r.ok and "Đã đặt lại mật khẩu" in r.text
    assert "Đăng nhập" in eye.get(server.base + "/admin/").text  # its session ended with the reset
    eye = _signed_in(server, viewer, "dat-lai-mat-khau")
    r = web.post(server.base + "/admin/accounts/disable", data={"account": viewer_id})
    assert r.ok and "Đã ngừng" in r.text
    assert eye.get(server.base + "/admin/accounts").status_code == 401
    r = requests.post(server.base + "/admin/login", data={"username": viewer, "password": "dat-lai-mat-khau"})
    assert r.status_code == 401 and "ngừng sử dụng" in r.text
    r = web.post(server.base + "/admin/accounts/disable", data={"account": _account_id(server, manager)})
    assert r.status_code == 409 and "chính mình" in _err(r.text)
    assert web.post(server.base + "/admin/accounts/enable", data={"account": viewer_id}).ok

    # The log, newest first: when, who, from where, what, on which unit.
    lines = _log(web.get(server.base + "/admin/audit").text)
    actions = [line[3] for line in lines]
    assert actions[:4] == ["Mở lại tài khoản", "Đăng nhập không thành công", "Ngừng tài khoản", "Đăng nhập"]
    assert "Đặt lại mật khẩu" in actions and "Đổi mật khẩu của mình" in actions
    assert actions.count("Tạo tài khoản") == 2  # the manager's (command line) and the viewer's; no refused try
    assert [manager, "127.0.0.1", "Tạo tài khoản", school] in [line[1:5] for line in lines]
    # The school's viewer sees only what was done on its school.
    eye = _signed_in(server, viewer, "dat-lai-mat-khau")
    seen = _log(eye.get(server.base + "/admin/audit").text)
    assert {line[4] for line in seen} == {school} and "Tạo tài khoản" in [line[3] for line in seen]


def _log(html: str) -> list[list[str]]:
    """The audit table's rows: time, who, address, action, unit, detail."""
    table = html.split("<table class='audit'>", 1)[1]
    return [[unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)] for row in re.findall(r"<tr><td>.*?</tr>", table)]

HOSTILE = ["", "\x00", "a\x00b", "\u202e", "é" * 300, "x" * 5000, "9" * 30, "-1", "1e400", "<script>'",
           "' OR 1=1 --"]


def test_hostile_input_to_the_account_forms_is_never_a_server_error(server):
    unit = server.unit("CĐCS Thử thách")
    server.admin(unit, f"thu-{unit}")
    web = _signed_in(server, f"thu-{unit}", "matkhau-123")
    paths = ["/admin/accounts", "/admin/accounts/reset", "/admin/accounts/disable", "/admin/accounts/enable",
             "/admin/password"]
    names = ["username", "unit", "role", "password", "password2", "account", "current"]
    for i, value in enumerate(HOSTILE):
        for path in paths:
            r = web.post(server.base + path, data={n: value if (j + i) % 2 == 0 else "mat-khau-dai"
                                                   for j, n in enumerate(names)}, allow_redirects=False)
            assert r.status_code < 500, (path, value, r.status_code)
    for path in paths:  # bytes that are not UTF-8, and a form that is not a form
        for body in (b"username=\xff\xfe&password=\xc3(", b"&&&===", b"a=" + b"%" * 1000):
            r = web.post(server.base + path, data=body, allow_redirects=False,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert r.status_code < 500, (path, body[:20], r.status_code)
    for query in ("page=-1", "page=99999999999999999999", "page=x", "page=%00", "account=%00", "account=1e9",
                  "done=%00", f"page={'9' * 500}"):
        for path in ("/admin/accounts", "/admin/audit", "/admin/accounts/reset", "/admin/password"):
            r = web.get(server.base + f"{path}?{query}")
            assert r.status_code < 500, (path, query, r.status_code)
    assert web.get(server.base + "/admin/accounts").ok  # the manager is still signed in
    with server.sessions() as s:  # nothing was created or changed by any of it
        mine = s.scalars(select(AdminAccount).join(Unit, Unit.id == AdminAccount.unit_id).where(Unit.code == unit)).all()
    assert [(a.username, a.disabled) for a in mine] == [(f"thu-{unit}", False)]
