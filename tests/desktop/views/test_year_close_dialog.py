"""Khoá sổ năm on screen (issue 14, item 11): from the reports page, the chair sees what a
close will record before confirming it, is told why a close is refused, and reopens with
a reason; a role that may not close does not see the button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.core.context import open_context
from desktop.services.units.accounts import AccountService
from desktop.services.year import YearService
from tests.desktop.services.year_helpers import money_year
from tests.desktop.views.conftest import shoot, wait_idle


@pytest.fixture
def money(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    money_year(ctx, 2025)
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()


def test_the_chair_previews_closes_and_reopens_a_year(qtbot, money):
    from desktop.views.reports_page import ReportsPage
    page = ReportsPage(money)
    qtbot.addWidget(page)
    page.show()
    assert page.year_close_button.isVisible()
    qtbot.mouseClick(page.year_close_button, Qt.MouseButton.LeftButton)
    d = page.year_dialog
    wait_idle(qtbot, money)
    assert "Năm 2024: đang mở (1 chứng từ)" in d.years.text() and "Năm 2025: đang mở" in d.years.text()

    d.year.setValue(2025)
    qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert "Năm 2024 còn chứng từ mà chưa khoá sổ" in d.message.text() and not d.confirm_button.isVisible()

    d.year.setValue(2024)
    qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert d.confirm_button.isVisible()
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert d.message.text() == "Đã khoá sổ năm 2024." and YearService(money.ctx).is_closed(2024)

    d.year.setValue(2025)
    qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    text = d.confirm.text()
    for figure in ("1.300.000 đ", "5.000.000 đ", "2.610.000 đ", "211.000 đ", "2.210.000 đ", "6.489.000 đ"):
        assert figure in text
    assert "chuyển sang đầu năm 2026" in text
    assert not YearService(money.ctx).is_closed(2025)  # nothing closed before the confirmation
    shoot(d, "year-close-confirm")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert YearService(money.ctx).is_closed(2025)
    assert "Năm 2025: đã khoá sổ ngày" in d.years.text()

    qtbot.mouseClick(d.reopen_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert "lý do" in d.message.text() and YearService(money.ctx).is_closed(2025)
    d.reason.setText("Cấp trên trả quyết toán để sửa")
    qtbot.mouseClick(d.reopen_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, money)
    assert d.message.text() == "Đã mở lại sổ năm 2025."
    assert "Năm 2025: đã mở lại ngày" in d.years.text() and "Cấp trên trả quyết toán để sửa" in d.years.text()
    shoot(d, "year-close-reopened")


def test_a_role_that_may_not_close_does_not_see_the_button(qtbot, money):
    from desktop.views.reports_page import ReportsPage
    accounts = AccountService(money.ctx)
    accounts.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    accounts.login("hong", "matkhau1")
    accounts.add("binh", "matkhau2", "accountant", "Trần Văn Bình")
    money.ctx.user = accounts.login("binh", "matkhau2")
    page = ReportsPage(money)
    qtbot.addWidget(page)
    page.show()
    assert not page.year_close_button.isVisible()


def test_the_cash_dialog_refuses_a_closed_year_and_writes_an_adjusting_document(qtbot, money):
    from datetime import date

    from PySide6.QtCore import QDate

    from desktop.services.cash.service import CashService
    from desktop.views.cash_dialogs import CashDocDialog
    y = YearService(money.ctx)
    y.close(2024)
    y.close(2025)
    old = next(d for d in CashService(money.ctx).docs(date_from=date(2025, 1, 1)) if d.kind == "chi")
    dialog = CashDocDialog(money, "thu")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.category.setCurrentIndex(dialog.category.findData("thu_khac"))
    dialog.doc_date.setDate(QDate(2025, 12, 30))
    dialog.person_name.setText("Chị Hoa")
    dialog.reason.setText("Hoàn lại tiền thăm hỏi chi thừa")
    dialog.amount.setText("50.000")
    dialog.save()
    wait_idle(qtbot, money)
    assert dialog.isVisible() and "Năm 2025 đã khoá sổ ngày" in dialog.problems.text()
    assert "Năm 2025 đã khoá sổ" in dialog.doc_date.toolTip()
    dialog.doc_date.setDate(QDate.currentDate())
    dialog.corrects.setText(old.ref)
    shoot(dialog, "year-close-adjusting-doc")
    dialog.save()
    wait_idle(qtbot, money)
    assert not dialog.isVisible() and dialog.saved_doc.corrects_id == old.id
