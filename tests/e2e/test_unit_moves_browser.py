"""Moving units in a real browser (chromium through Selenium): from a district union's
page to its page of moves, all its units ticked at once, the new commune union typed, the
decision's number and date; then a moved unit's page shows its history of parents."""

import pytest
from selenium.webdriver.common.by import By

from tests.e2e.browser_support import SHOTS
from tests.e2e.browser_support import follow as _follow


def test_a_district_union_s_units_move_to_a_commune_union(server, browser):
    if server.url.startswith("postgresql"):
        pytest.skip("the page is the same on both backends; the browser run once is enough")
    province = server.unit("Liên đoàn Lao động tỉnh Trình Duyệt")
    district = server.unit("LĐLĐ huyện Trình Duyệt (kết thúc hoạt động)", parent=province)
    commune = server.unit("Công đoàn xã Trình Duyệt", parent=province)
    units = [server.unit(f"CĐCS Trình Duyệt {i}", parent=district) for i in range(3)]
    server.admin(province, f"td-{province}")
    SHOTS.mkdir(exist_ok=True)

    browser.get(server.base + "/admin/")
    browser.find_element(By.NAME, "username").send_keys(f"td-{province}")
    browser.find_element(By.NAME, "password").send_keys("matkhau-123")
    _follow(browser, browser.find_element(By.TAG_NAME, "button"))
    browser.get(server.base + f"/admin/units/{district}")
    _follow(browser, browser.find_element(By.LINK_TEXT, "Chuyển nhiều đơn vị trực thuộc cùng lúc"))
    boxes = browser.find_elements(By.NAME, "units")
    assert len(boxes) == 3 and not any(b.is_selected() for b in boxes)
    browser.find_element(By.XPATH, "//button[text()='Chọn tất cả']").click()
    assert all(b.is_selected() for b in browser.find_elements(By.NAME, "units"))
    browser.find_element(By.NAME, "parent").send_keys(commune)
    browser.find_element(By.NAME, "decision").send_keys("52/QĐ-LĐLĐ")
    browser.execute_script("arguments[0].value = '2025-07-01'", browser.find_element(By.NAME, "date"))
    browser.save_screenshot(str(SHOTS / "admin-moves-1366.png"))
    _follow(browser, browser.find_element(By.XPATH, "//button[text()='Chuyển các đơn vị đã chọn']"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đã chuyển 3 đơn vị"

    browser.get(server.base + f"/admin/units/{units[0]}")
    history = browser.find_element(By.CSS_SELECTOR, "#content table:last-of-type").text
    assert "07/2025" in history and "52/QĐ-LĐLĐ" in history and "01/07/2025" in history
    assert f"Hiện nay trực thuộc: Công đoàn xã Trình Duyệt ({commune})" in browser.page_source
    browser.save_screenshot(str(SHOTS / "admin-unit-moved-1366.png"))
