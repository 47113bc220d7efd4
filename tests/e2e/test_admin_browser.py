"""/admin/ in a real browser: Debian's chromium driven by Selenium (chromedriver), against
the real server. Signs in, opens the tree node by node (children fetched as a node opens),
reads the node's cards and charts, drills from the commune into the table of its units,
searches without diacritics, filters, opens a unit's page; at 1366×768 and at a phone's
width. Screenshots in screenshots/admin-*.png."""


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.e2e.browser_support import SHOTS
from tests.e2e.browser_support import follow as _follow
from tests.e2e.test_upper_level_figures import fill_school


def _codes(driver) -> list[str]:
    return [r.find_elements(By.TAG_NAME, "td")[0].text for r in driver.find_elements(By.CSS_SELECTOR, "table.units tr")
            if len(r.find_elements(By.TAG_NAME, "td")) == 8]


def test_an_administrator_drills_down_in_a_browser(server, make_device, browser):
    if server.url.startswith("postgresql"):
        pytest.skip("the page is the same on both backends; the browser run once is enough")
    commune = server.unit("Công đoàn xã Đông Hòa")
    school = server.unit("CĐCS Trường Tiểu học Đông Hòa", parent=commune)
    others = [server.unit(f"CĐCS Doanh nghiệp {i:02d}", parent=commune) for i in range(22)]
    group = server.unit("Tổ công đoàn khối văn phòng", parent=school)  # two levels down
    a, sa = make_device(server, school, "truong-dh")
    fill_school(a)
    sa.sync_now()
    server.admin(commune, f"dh-{commune}")
    SHOTS.mkdir(exist_ok=True)

    browser.get(server.base + "/admin/")
    browser.find_element(By.NAME, "username").send_keys(f"dh-{commune}")
    browser.find_element(By.NAME, "password").send_keys("matkhau-123")
    _follow(browser, browser.find_element(By.TAG_NAME, "button"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Công đoàn xã Đông Hòa"
    assert "Đơn vị trực thuộc (23)" in browser.page_source
    assert _codes(browser) == sorted([school, *others])[:20]
    # The cards and charts of the commune, from the school's synced data.
    cards = {c.find_element(By.CLASS_NAME, "label").text: c.find_element(By.CLASS_NAME, "value").text
             for c in browser.find_elements(By.CSS_SELECTOR, ".cards .card")}
    assert cards["Đoàn viên đang sinh hoạt"] == "4" and cards["Đoàn phí đã thu"] == "260.000 đ"
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")) == 2
    browser.save_screenshot(str(SHOTS / "admin-commune-1366.png"))

    # The tree: the commune open with its units; the school's own units come when it opens.
    node = browser.find_element(By.CSS_SELECTOR, f"nav.tree li[data-code='{school}']")
    assert not node.find_elements(By.CSS_SELECTOR, "li")
    node.find_element(By.CSS_SELECTOR, "button.tog").click()
    WebDriverWait(browser, 10).until(lambda d: node.find_elements(By.CSS_SELECTOR, f"li[data-code='{group}']"))
    assert node.find_element(By.CSS_SELECTOR, "button.tog").get_attribute("aria-expanded") == "true"
    node.find_element(By.CSS_SELECTOR, "button.tog").click()  # closes again, without asking the server
    WebDriverWait(browser, 10).until(
        lambda d: not node.find_element(By.CSS_SELECTOR, f"li[data-code='{group}']").is_displayed())
    node.find_element(By.CSS_SELECTOR, "button.tog").click()
    _follow(browser, node.find_element(By.LINK_TEXT, "Tổ công đoàn khối văn phòng"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tổ công đoàn khối văn phòng"
    assert browser.find_element(By.CSS_SELECTOR, "nav.tree a[aria-current='page']").text == "Tổ công đoàn khối văn phòng"
    browser.get(server.base + "/admin/")

    # Search without diacritics, then a filter, from the form.
    box = browser.find_element(By.NAME, "q")
    box.send_keys("truong tieu hoc")
    _follow(browser, box, submit=True)
    assert _codes(browser) == [school]
    box = browser.find_element(By.NAME, "q")
    box.clear()
    Select(browser.find_element(By.NAME, "filter")).select_by_visible_text("Chưa đồng bộ 30 ngày")
    _follow(browser, browser.find_element(By.CSS_SELECTOR, "form.units-filter button"))
    assert school not in _codes(browser) and len(_codes(browser)) == 20
    assert "Trang 1/2" in browser.page_source
    _follow(browser, browser.find_element(By.LINK_TEXT, "Trang sau ›"))
    assert len(_codes(browser)) == 2
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.CSS_SELECTOR, "form.units-filter"))
    browser.save_screenshot(str(SHOTS / "admin-filter-1366.png"))

    # Open the school from the table: its page, its PC and last sync.
    Select(browser.find_element(By.NAME, "filter")).select_by_visible_text("Tất cả đơn vị")
    _follow(browser, browser.find_element(By.CSS_SELECTOR, "form.units-filter button"))
    _follow(browser, browser.find_element(By.LINK_TEXT, "CĐCS Trường Tiểu học Đông Hòa"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "CĐCS Trường Tiểu học Đông Hòa"
    assert "truong-dh" in browser.page_source and "Đoàn viên theo trạng thái" in browser.page_source
    browser.save_screenshot(str(SHOTS / "admin-school-1366.png"))

    # The school's own page, from its code in the commune's table: its PC, its months.
    browser.get(server.base + f"/admin/?unit={commune}")
    _follow(browser, browser.find_element(By.LINK_TEXT, school))
    assert browser.current_url.endswith(f"/admin/units/{school}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "CĐCS Trường Tiểu học Đông Hòa"
    assert "truong-dh" in browser.find_element(By.TAG_NAME, "main").text
    footer = browser.find_element(By.CSS_SELECTOR, "table.months tfoot").text
    assert "260.000 đ" in footer and "78.000 đ" in footer
    browser.save_screenshot(str(SHOTS / "admin-unit-1366.png"))

    # A phone's width: the page fits, the wide table scrolls inside its own box.
    browser.set_window_size(390, 844)
    browser.get(server.base + f"/admin/?unit={commune}")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    browser.save_screenshot(str(SHOTS / "admin-commune-phone.png"))
    assert width <= inner + 1, (width, inner)
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.CSS_SELECTOR, "figure.chart"))
    browser.save_screenshot(str(SHOTS / "admin-charts-phone.png"))
    browser.get(server.base + f"/admin/units/{school}")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    browser.save_screenshot(str(SHOTS / "admin-unit-phone.png"))
    assert width <= inner + 1, (width, inner)


def _sign_in(driver, base: str, username: str, password: str) -> None:
    driver.delete_all_cookies()
    driver.get(base + "/admin/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    _follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))


def _fits(driver) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    assert width <= inner + 1, (driver.current_url, width, inner)


def test_a_manager_gives_a_unit_below_a_read_only_account_in_a_browser(server, browser):
    """Issue 15, item 6: the commune's manager creates a viewer for a school; the viewer
    signs in, sees the school, has no button to issue an enrolment code and is refused one
    posted by hand; the log shows it all."""
    if server.url.startswith("postgresql"):
        pytest.skip("the pages are the same on both backends; the browser run once is enough")
    commune = server.unit("Công đoàn xã Tân Lập")
    school = server.unit("CĐCS Trường THCS Tân Lập", parent=commune)
    manager, viewer = f"tl-{commune}", f"xem-{school}"
    server.admin(commune, manager)
    SHOTS.mkdir(exist_ok=True)

    _sign_in(browser, server.base, manager, "matkhau-123")
    _follow(browser, browser.find_element(By.LINK_TEXT, "Tài khoản"))
    form = browser.find_element(By.CSS_SELECTOR, "form.account")
    form.find_element(By.NAME, "username").send_keys(viewer)
    unit = form.find_element(By.NAME, "unit")
    unit.clear()
    unit.send_keys(school)
    Select(form.find_element(By.NAME, "role")).select_by_visible_text("Chỉ xem")
    form.find_element(By.NAME, "password").send_keys("xem-so-lieu-1")
    form.find_element(By.NAME, "password2").send_keys("xem-so-lieu-1")
    _follow(browser, form.find_element(By.TAG_NAME, "button"))
    assert "Đã tạo tài khoản mới." in browser.find_element(By.CSS_SELECTOR, "p.ok").text
    row = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.accounts tr") if r.text.startswith(viewer)]
    assert row and "CĐCS Trường THCS Tân Lập" in row[0] and "Chỉ xem" in row[0]
    browser.save_screenshot(str(SHOTS / "admin-accounts-1366.png"))
    _fits(browser)

    _sign_in(browser, server.base, viewer, "xem-so-lieu-1")
    assert browser.find_element(By.TAG_NAME, "h1").text == "CĐCS Trường THCS Tân Lập"
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Cấp mã đăng ký máy']")
    # A form posted by hand (as a curious user could from the console) is refused.
    browser.execute_script("""const f = document.createElement('form'); f.method = 'post';
        f.action = '/admin/enroll-code'; const i = document.createElement('input'); i.name = 'unit';
        i.value = arguments[0]; f.appendChild(i); document.body.appendChild(f); f.submit();""", school)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Không được phép")
    assert "chỉ được xem" in browser.find_element(By.CSS_SELECTOR, "p.err").text

    _sign_in(browser, server.base, manager, "matkhau-123")
    _follow(browser, browser.find_element(By.LINK_TEXT, "Nhật ký"))
    rows = [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
            for r in browser.find_elements(By.CSS_SELECTOR, "table.audit tr")[1:]]
    assert [r[1:4] for r in rows[:4]] == [[manager, "127.0.0.1", "Đăng nhập"], [viewer, "127.0.0.1", "Đăng nhập"],
                                          [manager, "127.0.0.1", "Tạo tài khoản"], [manager, "127.0.0.1", "Đăng nhập"]]
    assert school in rows[2][5] and "chỉ xem" in rows[2][5]
    browser.save_screenshot(str(SHOTS / "admin-audit-1366.png"))
    _fits(browser)

    browser.set_window_size(390, 844)
    for path, shot in (("/admin/audit", "admin-audit-phone.png"), ("/admin/accounts", "admin-accounts-phone.png"),
                       ("/admin/password", "admin-password-phone.png")):
        browser.get(server.base + path)
        browser.save_screenshot(str(SHOTS / shot))
        _fits(browser)
