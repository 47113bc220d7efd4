"""Issue 16, item 4: every page that can be empty says why and offers the next step with
one highlighted button — the members page of a new unit, the cash page, activities, the
reports before "Xem báo cáo", the payroll dialog (with the columns its file needs).
Screenshots at 1366×768 go to screenshots/."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.views.cash_dialogs import CashDocDialog
from desktop.views.main_window import MainWindow
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def fresh(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "new.sqlite3")
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()


def window(qtbot, state) -> MainWindow:
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    wait_idle(qtbot, state)
    return w


def said(empty, title: str, button: str | None) -> None:
    """The empty state is on the screen with this title and this one highlighted button."""
    assert empty.isVisible(), title
    assert empty.title.text() == title
    assert empty.text.text()
    if button is None:
        assert not empty.button.isVisible()
    else:
        assert empty.button.isVisible() and empty.button.text() == button
        assert empty.button.isDefault() and empty.button.property("primary")


def test_a_new_unit_s_pages_say_why_they_are_empty(qtbot, fresh, monkeypatch):
    w = window(qtbot, fresh)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append(a[1]), ("", ""))[1])

    w.show_page(w.members_page)
    said(w.members_page.empty, "Đơn vị chưa có đoàn viên nào", "Nhập danh sách từ Excel…")
    assert not w.members_page.table.isVisible()
    shoot(w, "empty-members-new-unit")
    w.members_page.empty.button.click()
    assert asked == ["Chọn tệp danh sách đoàn viên"]

    w.show_page(w.cash_page)
    wait_idle(qtbot, fresh)
    first, last = w.cash_page.period()
    said(w.cash_page.empty, f"Chưa có phiếu thu, phiếu chi nào từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}",
         "Lập phiếu thu…")
    assert w.cash_page.summary.isVisible()  # the opening and closing balances stay in sight
    shoot(w, "empty-cash")
    w.cash_page.empty.button.click()
    dialogs = w.cash_page.findChildren(CashDocDialog)
    assert [d.kind for d in dialogs] == ["thu"]
    dialogs[0].close()

    with qtbot.waitSignal(w.activities_page.loaded, timeout=30000):
        w.show_page(w.activities_page)
    said(w.activities_page.empty, f"Năm {date.today().year} chưa có hoạt động nào", "Thêm hoạt động…")
    shoot(w, "empty-activities")
    with qtbot.waitSignal(w.activities_page.loaded, timeout=30000):
        w.activities_page.search.setText("đại hội không có")
    said(w.activities_page.empty, "Không có hoạt động nào khớp với điều kiện tìm", "Bỏ điều kiện tìm")
    with qtbot.waitSignal(w.activities_page.loaded, timeout=30000):
        w.activities_page.empty.button.click()
    assert w.activities_page.search.text() == ""
    said(w.activities_page.empty, f"Năm {date.today().year} chưa có hoạt động nào", "Thêm hoạt động…")

    reports = w.reports_page
    w.show_page(reports)
    said(reports.empty, "Chưa có báo cáo nào trên màn hình", None)
    assert "Xem báo cáo" in reports.empty.text.text()
    assert reports.show_button.isDefault() and reports.show_button.property("primary")
    assert not reports.body.isVisible()
    shoot(w, "empty-reports")
    with qtbot.waitSignal(reports.loaded, timeout=30000):
        reports.show_button.click()
    assert reports.body.isVisible() and not reports.empty.isVisible()

    w.show_page(w.dues_page)
    payroll = w.dues_page.open_payroll()
    qtbot.waitExposed(payroll)
    said(payroll.empty, "Chưa chọn bảng kê đoàn phí trích qua lương", "Chọn bảng kê Excel…")
    for column in ("Họ và tên", "Số tiền", "Số CCCD", "Số thẻ"):
        assert column in payroll.empty.text.text()
    assert not payroll.table.isVisible() and not payroll.choose_button.isVisible()
    shoot(payroll, "empty-payroll")
    payroll.empty.button.click()
    assert asked[-1] == "Chọn bảng kê"
    payroll.close()


def test_a_filter_that_hides_everything_says_so_and_clears(qtbot, fresh):
    CashService(fresh.ctx).record(kind="thu", category="kinh_phi", doc_date=date.today(),
                                  person_name="Công ty TNHH Dệt Phong Phú", reason="Kinh phí công đoàn",
                                  amount=4_800_000)
    w = window(qtbot, fresh)
    page = w.cash_page
    w.show_page(page)
    wait_idle(qtbot, fresh)
    assert page.table.isVisible() and not page.empty.isVisible()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("chi"))
    said(page.empty, "Không có phiếu chi nào trong khoảng thời gian này", "Xem tất cả các phiếu")
    page.empty.button.click()
    assert page.kind_filter.currentData() is None and page.table.isVisible()
    assert page.model.rowCount() == 1


def test_members_filtered_to_nobody_say_so_and_clear(qtbot, state):
    w = window(qtbot, state)
    page = w.members_page
    w.show_page(page)
    page.search.setText("Không Ai Tên Này")
    page.apply_filters()
    said(page.empty, "Không có đoàn viên nào khớp với điều kiện lọc", "Bỏ lọc")
    page.empty.button.click()
    assert page.search.text() == "" and page.model.total > 0 and page.table.isVisible()
