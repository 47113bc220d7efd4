"""/admin/ in a real browser: Debian's chromium driven by Selenium (chromedriver), against
the real server. Signs in, drills from the commune into the table of its units, searches
without diacritics, filters, opens a unit's page; at 1366×768 and at a phone's width.
Screenshots in screenshots/admin-*.png."""

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.e2e.test_upper_level_figures import fill_school

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path):
    if not Path(DRIVER).exists() or not shutil.which("chromium"):
        pytest.fail("chromium and chromium-driver (Debian) are needed: dev.sh installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1366,768", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _codes(driver) -> list[str]:
    return [r.find_elements(By.TAG_NAME, "td")[0].text for r in driver.find_elements(By.CSS_SELECTOR, "table.units tr")
            if len(r.find_elements(By.TAG_NAME, "td")) == 8]


def test_an_administrator_drills_down_in_a_browser(server, make_device, browser):
    if server.url.startswith("postgresql"):
        pytest.skip("the page is the same on both backends; the browser run once is enough")
    commune = server.unit("Công đoàn xã Đông Hòa")
    school = server.unit("CĐCS Trường Tiểu học Đông Hòa", parent=commune)
    others = [server.unit(f"CĐCS Doanh nghiệp {i:02d}", parent=commune) for i in range(22)]
    a, sa = make_device(server, school, "truong-dh")
    fill_school(a)
    sa.sync_now()
    server.admin(commune, f"dh-{commune}")
    SHOTS.mkdir(exist_ok=True)

    browser.get(server.base + "/admin/")
    browser.find_element(By.NAME, "username").send_keys(f"dh-{commune}")
    browser.find_element(By.NAME, "password").send_keys("matkhau-123")
    browser.find_element(By.TAG_NAME, "button").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Công đoàn xã Đông Hòa"
    assert "Đơn vị trực thuộc (23)" in browser.page_source
    assert _codes(browser) == sorted([school, *others])[:20]
    browser.save_screenshot(str(SHOTS / "admin-commune-1366.png"))

    # Search without diacritics, then a filter, from the form.
    box = browser.find_element(By.NAME, "q")
    box.send_keys("truong tieu hoc")
    box.submit()
    assert _codes(browser) == [school]
    box = browser.find_element(By.NAME, "q")
    box.clear()
    Select(browser.find_element(By.NAME, "filter")).select_by_visible_text("Chưa đồng bộ 30 ngày")
    browser.find_element(By.CSS_SELECTOR, "form.units-filter button").click()
    assert school not in _codes(browser) and len(_codes(browser)) == 20
    assert "Trang 1/2" in browser.page_source
    browser.find_element(By.LINK_TEXT, "Trang sau ›").click()
    assert len(_codes(browser)) == 2
    browser.save_screenshot(str(SHOTS / "admin-filter-1366.png"))

    # Open the school from the table: its page, its PC and last sync.
    Select(browser.find_element(By.NAME, "filter")).select_by_visible_text("Tất cả đơn vị")
    browser.find_element(By.CSS_SELECTOR, "form.units-filter button").click()
    browser.find_element(By.LINK_TEXT, "CĐCS Trường Tiểu học Đông Hòa").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "CĐCS Trường Tiểu học Đông Hòa"
    assert "truong-dh" in browser.page_source and "Đoàn viên theo trạng thái" in browser.page_source
    browser.save_screenshot(str(SHOTS / "admin-unit-1366.png"))

    # A phone's width: the page fits, the wide table scrolls inside its own box.
    browser.set_window_size(390, 844)
    browser.get(server.base + f"/admin/?unit={commune}")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    browser.save_screenshot(str(SHOTS / "admin-commune-phone.png"))
    assert width <= inner + 1, (width, inner)
