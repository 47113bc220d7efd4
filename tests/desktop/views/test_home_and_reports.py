"""Issue 6: the home page (dashboard) and the reports page, driven as a user would.
Screenshots go to screenshots/ for a person to look at."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService
from desktop.services.reports.dashboard import DashboardService
from tests.desktop.views.conftest import shoot, wait_idle


def pay_some(state):
    units = state.units
    m = month_index(date.today())
    units.save_dues_settings(replace(units.dues_settings(), dues_group=3, dues_from=month_start(m - 8)))
    with state.ctx.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT m.id FROM member m WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM member_event e "
            "WHERE e.member_id = m.id AND (e.event_date IS NULL OR e.event_date >= ?)) ORDER BY m.id",
            (month_start(m - 8).isoformat(),))]
    dues = DuesService(state.ctx)
    for k in range(m - 8, m + 1):
        payers = {mid: [month_start(k)] for i, mid in enumerate(ids) if i % 7 or k < m - 6}
        dues.pay_many(payers, one_receipt=True, payer_name="Tổ trưởng", doc_date=min(date.today(), month_start(k).replace(day=25)))


def test_home_page_shows_the_figures_and_opens_the_lists(qtbot, state):
    from desktop.views.main_window import MainWindow
    pay_some(state)
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    with qtbot.waitSignal(w.home_page.loaded, timeout=30000):
        w.show()
    assert w.pages.currentWidget() is w.home_page  # first page, shown at start
    d = DashboardService(state.ctx).load()
    home = w.home_page
    assert home.cards["members"].figure.text() == f"{d.members:,}".replace(",", ".")
    assert home.cards["behind6"].figure.text() == f"{d.behind_at_least(6)}" and d.behind_at_least(6) > 0
    assert home.age_chart.series[0] == [n for _, n in d.by_age]
    shoot(w, "home-dashboard")
    # Women → the members page filtered on women, with the filter shown.
    home.cards["women"].click()
    assert w.pages.currentWidget() is w.members_page
    assert w.members_page.model.total == d.women
    assert w.members_page.extra_filter.isVisible()
    w.members_page.extra_filter.click()
    assert w.members_page.model.total == d.members
    home.cards["admitted"].click()
    assert w.members_page.model.total == d.admitted_year
    # Arrears → the list of members behind 6 months or more.
    w.show_page(home)
    dialog = home.open_figure("behind6")
    assert dialog.table.rowCount() == d.behind_at_least(6)
    shoot(dialog, "home-behind-dialog")
    dialog.close()
    home.cards["dues"].click()
    assert w.pages.currentWidget() is w.dues_page
    wait_idle(qtbot, state)


def test_reports_page_shows_and_saves(qtbot, state, tmp_path):
    import openpyxl

    from desktop.services.reports import service as reports
    from desktop.views.reports_page import ReportsPage
    pay_some(state)
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1300, 860)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("members"))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.show_button.click()
    y = date.today().year
    st = reports.member_stats(state.ctx, date(y, 1, 1), date(y, 12, 31))
    assert f"{st.total:,}".replace(",", ".") in page.body.toPlainText()
    assert page.charts[0].isVisible() and page.charts[0].series[0] == [n for _, n, _ in st.by_age]
    shoot(page, "reports-members")
    page.kind.setCurrentIndex(page.kind.findData("dues"))
    page.preset.setCurrentIndex(page.preset.findData("h2"))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.show_button.click()
    assert page.period() == (date(y, 7, 1), date(y, 12, 31))
    shoot(page, "reports-dues")
    page.kind.setCurrentIndex(page.kind.findData("settlement"))  # made for a whole year: the period follows
    assert page.preset.currentData() == "year" and page.period() == (date(y, 1, 1), date(y, 12, 31))
    page.kind.setCurrentIndex(page.kind.findData("dues"))
    page.preset.setCurrentIndex(page.preset.findData("h2"))
    with qtbot.waitSignal(page.saved, timeout=30000):
        page.save_to(str(tmp_path / "dues.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "dues.xlsx").active
    assert ws["A4"].value == "BÁO CÁO THU ĐOÀN PHÍ"
    with qtbot.waitSignal(page.saved, timeout=30000):
        page.save_to(str(tmp_path / "dues.pdf"))
    assert (tmp_path / "dues.pdf").read_bytes()[:4] == b"%PDF"
    wait_idle(qtbot, state)


def test_reports_page_shows_remittance_and_activities(qtbot, state, tmp_path):
    from desktop.services.activities.service import ActivityInput, ActivityService
    from desktop.services.dues.remittance import RemittanceService
    from desktop.services.reports.activities import activities_report
    from desktop.services.reports.remittance import remittance_report
    from desktop.views.reports_page import ReportsPage
    pay_some(state)
    today = date.today()
    m = month_index(today)
    RemittanceService(state.ctx).record(month_start(m - 2), month_start(m - 1), doc_date=today)
    acts = ActivityService(state.ctx)
    with state.ctx.read() as s:
        ids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT id FROM member WHERE status = 'active' ORDER BY sort_key LIMIT 3")]
    visit = acts.add(ActivityInput("tham_hoi", "Thăm đoàn viên ốm", today, subkind="om_dau"), member_ids=ids)
    acts.set_amounts(visit.id, {ids[0]: (500_000, None), ids[1]: (300_000, None)})
    acts.pay(visit.id, doc_date=today)
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1300, 860)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("remittance"))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.show_button.click()
    r = remittance_report(state.ctx, today.year * 12, today.year * 12 + 11)
    text = page.body.toPlainText()
    assert r.due > 0 and r.paid > 0
    for figure in (r.collected, r.due, r.paid, r.outstanding):
        assert f"{figure:,} đ".replace(",", ".") in text
    assert page.charts[0].isVisible() and not page.charts[1].isVisible()
    assert page.charts[0].series == [[x.collected for x in r.months], [x.due for x in r.months]]
    shoot(page, "reports-remittance")
    page.kind.setCurrentIndex(page.kind.findData("activities"))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.show_button.click()
    a = activities_report(state.ctx, date(today.year, 1, 1), date(today.year, 12, 31))
    text = page.body.toPlainText()
    assert a.spent == a.spent_members == 800_000
    assert "800.000 đ" in text and "Thăm đoàn viên ốm" in text
    assert all(x.full_name in text for x in a.support) and len(a.support) == 3
    assert page.charts[1].isVisible() and page.charts[1].series[0] == [800_000]
    shoot(page, "reports-activities")
    with qtbot.waitSignal(page.saved, timeout=30000):
        page.save_to(str(tmp_path / "activities.pdf"))
    assert (tmp_path / "activities.pdf").read_bytes()[:4] == b"%PDF"
    wait_idle(qtbot, state)
