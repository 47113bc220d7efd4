"""The sub-tree's report in a real browser (Debian's chromium, Selenium): from the commune's
page to its report, another period chosen, a unit's own report opened from its line, the
Excel and the PDF downloaded and read back; at 1366×768 and at a phone's width.
Screenshots in screenshots/admin-report-*.png."""

import time
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.e2e.browser_support import SHOTS
from tests.e2e.browser_support import follow as _follow
from tests.e2e.test_upper_level_figures import fill_cooperative, fill_school


def _downloaded(folder: Path, suffix: str, timeout: float = 20) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded: {sorted(p.name for p in folder.iterdir())}")


def test_a_report_read_and_downloaded_in_a_browser(server, make_device, browser, downloads):
    if server.url.startswith("postgresql"):
        pytest.skip("the page is the same on both backends; the browser run once is enough")
    commune = server.unit("Công đoàn xã Đông Hòa")
    school = server.unit("CĐCS Trường Tiểu học Đông Hòa", parent=commune)
    coop = server.unit("CĐCS Hợp tác xã Đông Hòa", parent=commune)
    a, sa = make_device(server, school, "truong-bc")
    b, sb = make_device(server, coop, "htx-bc")
    fill_school(a)
    fill_cooperative(b)
    assert sa.sync_now().rejected == 0 and sb.sync_now().rejected == 0
    server.admin(commune, f"bc-{commune}")
    SHOTS.mkdir(exist_ok=True)

    browser.get(server.base + "/admin/")
    browser.find_element(By.NAME, "username").send_keys(f"bc-{commune}")
    browser.find_element(By.NAME, "password").send_keys("matkhau-123")
    _follow(browser, browser.find_element(By.TAG_NAME, "button"))
    _follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Báo cáo tổng hợp"))
    this_year = date.today().year
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading in (f"Báo cáo tổng hợp năm {this_year}", f"Báo cáo tổng hợp 6 tháng đầu năm {this_year}")
    Select(browser.find_element(By.NAME, "period")).select_by_visible_text(f"Năm {this_year - 1}")
    _follow(browser, browser.find_element(By.CSS_SELECTOR, "form.period button"))
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Báo cáo tổng hợp năm {this_year - 1}"
    browser.save_screenshot(str(SHOTS / "admin-report-1366.png"))
    tables = browser.find_elements(By.TAG_NAME, "table")
    members = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "td, th")]
               for r in tables[0].find_elements(By.TAG_NAME, "tr")]
    assert members[0][:3] == ["Mã", "Đơn vị", "Đoàn viên cuối kỳ"]
    assert [line[1] for line in members[1:]] == ["CĐCS Trường Tiểu học Đông Hòa", "CĐCS Hợp tác xã Đông Hòa",
                                                  "Tổng cộng"]

    # Both files, downloaded by the browser as a person would, and read back.
    browser.find_element(By.LINK_TEXT, "Tải Excel").click()
    book = load_workbook(_downloaded(downloads, ".xlsx"))
    assert book.worksheets[0]["B7"].value == "CĐCS Trường Tiểu học Đông Hòa"
    browser.find_element(By.LINK_TEXT, "Tải PDF").click()
    pdf = pypdfium2.PdfDocument(_downloaded(downloads, ".pdf"))
    assert "BÁO CÁO TỔNG HỢP NĂM" in pdf[0].get_textpage().get_text_range()
    pdf.close()

    # A unit's line opens that unit's own report, for the same period.
    _follow(browser, browser.find_element(By.CSS_SELECTOR, "main table").find_element(
        By.LINK_TEXT, "CĐCS Trường Tiểu học Đông Hòa"))
    assert "CĐCS Trường Tiểu học Đông Hòa" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Báo cáo tổng hợp năm {this_year - 1}"

    # A phone's width: the page fits, the wide tables scroll inside their own box.
    browser.set_window_size(390, 844)
    browser.get(server.base + f"/admin/report?unit={commune}&period={this_year - 1}")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    browser.save_screenshot(str(SHOTS / "admin-report-phone.png"))
    assert width <= inner + 1, (width, inner)
