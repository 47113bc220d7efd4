"""The real browser of the web app's tests: Debian's chromium driven by Selenium
(chromedriver), headless at 1366×768, downloading into the test's own folder; and the
step every test takes, following a link or a button to the next page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DRIVER = "/usr/bin/chromedriver"


def start_browser(profile: Path, downloads: Path) -> webdriver.Chrome:
    if not Path(DRIVER).exists() or not shutil.which("chromium"):
        pytest.fail("chromium and chromium-driver (Debian) are needed: dev.sh installs them")
    downloads.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=1366,768", "--lang=vi"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "plugins.always_open_pdf_externally": True})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def follow(driver, element, submit: bool = False) -> None:
    """Clicks a link or a button (or submits a field's form) and waits until the next page
    has replaced this one: reading before that would read the old page."""
    page = driver.find_element(By.TAG_NAME, "html")
    if submit:
        element.submit()
    else:
        element.click()
    WebDriverWait(driver, 10).until(lambda _driver: _replaced(page))


def _replaced(page) -> bool:
    """Whether the old page's root element is gone. Asked while chromium swaps the
    documents, chromedriver may answer "Node with given id does not belong to the
    document" instead of a stale element (a CI run failed on it): that is gone too."""
    try:
        return expected_conditions.staleness_of(page)(None)
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
