"""Issue 12, item 12: every page of the app shows something on `congdoan demo`'s unit
(screenshots for a person to judge)."""

from __future__ import annotations

import pytest

from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def used(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "demo.sqlite3")
    make_demo(ctx, 400, year_of_use=True)
    st = AppState(ctx)
    yield st
    wait_idle(qtbot, st)
    st.runner.shutdown()
    ctx.close()


def test_every_page_has_something_to_show(qtbot, used):
    from desktop.views.main_window import MainWindow
    w = MainWindow(used)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.home_page.loaded, timeout=60000):
        w.show()
    home = w.home_page
    assert home.figures.isVisible() and not home.start.isVisible()
    d = home.data
    assert d.members > 0 and d.month_collected > 0 and d.cash_balance > 0
    assert d.behind_at_least(6) > 0 and d.admitted_year + d.left_year > 0
    assert home.activities.count() >= 1 and "chưa có" not in home.activities.item(0).text()
    shoot(w, "12-20-demo-home")
    for page, name in ((w.members_page, "members"), (w.dues_page, "dues"), (w.cash_page, "cash"),
                       (w.activities_page, "activities"), (w.reports_page, "reports")):
        w.show_page(page)
        wait_idle(qtbot, used)
        qtbot.wait(200)
        wait_idle(qtbot, used)
        shoot(w, f"12-21-demo-{name}")
    # The reports page: the dues report of the year shows the figures (and is not empty).
    page = w.reports_page
    page.kind.setCurrentIndex(page.kind.findData("dues"))
    with qtbot.waitSignal(page.loaded, timeout=60000):
        page.show_button.click()
    shoot(w, "12-22-demo-dues-report")
