"""The Báo cáo page's settlement is the form B07-TLĐ (issue 14, item 8): part A's figures
that only the unit knows are typed on the page and kept with the year, the screen shows the
lines by Mã số, and the PDF saved from it is the form's layout."""

from __future__ import annotations

from datetime import date

from desktop.services.cash.service import CashService
from desktop.services.reports import inputs
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.views.conftest import shoot, wait_idle


def test_the_settlement_button_makes_the_form_b07(qtbot, state, tmp_path):
    from desktop.views.reports_page import ReportsPage
    y = date.today().year - 1
    CashService(state.ctx).record(kind="thu", category="kinh_phi", doc_date=date(y, 3, 10), person_name="LĐLĐ",
                                  reason="Kinh phí công đoàn quý I", amount=7_654_321)
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1300, 860)
    page.show()
    assert not page.part_a.isVisible()
    page.year.setValue(y)
    page.kind.setCurrentIndex(page.kind.findData("settlement"))
    assert page.part_a.isVisible() and page.workers.text() == "" and page.period() == (date(y, 1, 1), date(y, 12, 31))
    page.workers.setText("1.250")
    page.payroll.setText("9.876.543.210")
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.show_button.click()
    assert inputs(state.ctx, y) == {"workers_kpcd": 1250, "payroll_kpcd": 9_876_543_210}
    text = page.body.toPlainText()
    assert "A. Các chỉ tiêu cơ bản" in text and "9.876.543.210" in text and "7.654.321" in text
    assert "Tài chính công đoàn tích lũy đầu kỳ" in text
    shoot(page, "reports-settlement-b07")
    # another year, then back: the page shows what is kept for each
    page.year.setValue(y - 1)
    assert page.workers.text() == ""
    page.year.setValue(y)
    assert page.workers.text() == "1.250" and page.payroll.text() == "9.876.543.210"
    with qtbot.waitSignal(page.saved, timeout=30000):
        page.save_to(str(tmp_path / "b07.pdf"))
    pdf = " ".join(pages_text(tmp_path / "b07.pdf"))
    assert "Mẫu số B07-TLĐ" in pdf and "9.876.543.210" in pdf and "23* 7.654.321" in pdf
    wait_idle(qtbot, state)


def test_part_a_refuses_what_is_not_a_number_and_a_viewer_cannot_type_it(qtbot, state):
    from desktop.services.core.permissions import CurrentUser
    from desktop.views.reports_page import ReportsPage
    from tests.desktop.views.conftest import last_box

    y = date.today().year - 1
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.year.setValue(y)
    page.kind.setCurrentIndex(page.kind.findData("settlement"))
    page.workers.setText("1²")  # a digit to str.isdigit(), not to int()
    page.show_button.click()
    assert "không phải số" in last_box().text() and "1²" in last_box().text()
    last_box().close()
    assert inputs(state.ctx, y) == {}

    state.ctx.user = CurrentUser("u", "Người xem", "viewer")
    viewer_page = ReportsPage(state)
    qtbot.addWidget(viewer_page)
    viewer_page.year.setValue(y)
    viewer_page.kind.setCurrentIndex(viewer_page.kind.findData("settlement"))
    assert viewer_page.workers.isReadOnly() and viewer_page.payroll.isReadOnly()
    viewer_page.workers.setText("12")  # as a script could: still nothing is kept for a viewer
    with qtbot.waitSignal(viewer_page.loaded, timeout=30000):
        viewer_page.show_button.click()
    assert inputs(state.ctx, y) == {}
    wait_idle(qtbot, state)
