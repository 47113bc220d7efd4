"""Issue 16, items 3, 5 and 6 and issue 14, item 1 on the home page: figures large and
labels small, arrears in a warning colour, cash and bank apart and together, the young
card and the age chart on the same boundary, chart labels that neither collide nor get
cut, and cards that reflow on a narrow window. Screenshots go to screenshots/."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.reports.dashboard import YOUNG_MAX_AGE, DashboardService
from desktop.views.bar_chart import BarChart, fit_label
from desktop.views.formatting import format_money
from desktop.views.main_window import MainWindow
from tests.desktop.views.conftest import shoot, wait_idle

LONG = "Tổ công đoàn Phân xưởng Hoàn thiện sản phẩm xuất khẩu số 2"


def home_window(qtbot, state, width=1366, height=768) -> MainWindow:
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.resize(width, height)
    with qtbot.waitSignal(w.home_page.loaded, timeout=30000):
        w.show()
    wait_idle(qtbot, state)
    return w


def test_a_long_label_takes_two_lines_at_most_and_is_shortened_past_them(qapp):
    fm = QFontMetrics(QFont())
    lines = fit_label(fm, LONG, 80)
    assert len(lines) == 2 and all(fm.horizontalAdvance(line) <= 80 for line in lines)
    assert lines[-1].endswith("…")
    assert fit_label(fm, "T12", 80) == ["T12"]
    assert fit_label(fm, "Tổ May 1", 400) == ["Tổ May 1"]


def test_chart_labels_fit_their_bars_and_each_bar_names_itself(qtbot):
    chart = BarChart("groups")
    qtbot.addWidget(chart)
    chart.resize(420, 240)
    names = [f"{LONG} {i}" for i in range(11)]
    chart.set_data("Đoàn viên theo tổ", names, [1_234 + i for i in range(11)])
    chart.show()
    qtbot.waitExposed(chart)
    fm = QFontMetrics(chart._small())
    for i in range(11):
        lines = chart.label_lines(i)
        assert len(lines) <= 2 and all(fm.horizontalAdvance(line) <= chart.slot_width() for line in lines)
        # A value wider than its slot is left out, never drawn over the next one.
        assert chart.value_shown(i) == (fm.horizontalAdvance(chart._text(1_234 + i)) <= chart.slot_width())
    x = int(10 + chart.slot_width() * 4.5)
    chart.event(QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(x, 100), chart.mapToGlobal(QPoint(x, 100))))
    assert QToolTip.text() == f"{LONG} 4: 1.238"
    shoot(chart, "home-chart-long-names")


def test_the_home_page_at_a_glance(qtbot, state):
    BankAccountService(state.ctx).add(AccountInput(
        kind="bank", account_number="0071001234567", account_name="Công đoàn cơ sở Công ty TNHH May mặc Sao Việt",
        opening_date=date(date.today().year, 1, 1), opening_balance=45_600_000, bank_bin="970436"))
    w = home_window(qtbot, state)
    home = w.home_page
    d = DashboardService(state.ctx).load()
    cards = home.cards
    shoot(w, "home-1366x768")

    # One count, labelled, with the thousands dot.
    assert cards["members"].figure.text() == f"{d.count.current:,}".replace(",", ".")
    assert cards["members"].note.text() == f"{d.count.active:,}".replace(",", ".") + " đang sinh hoạt"
    assert f"{d.count.dues_payers:,}".replace(",", ".") + " người phải đóng" in cards["dues"].note.text()
    assert w.members_page.model.total == d.count.current  # the members page, on the books
    # Figures large, labels small.
    assert cards["members"].figure.font().pointSizeF() > 1.5 * cards["members"].caption.font().pointSizeF()
    # Arrears in a warning colour while someone is behind.
    for t in (6, 9, 12):
        assert cards[f"behind{t}"].property("warning") == (d.behind_at_least(t) > 0)
    assert not cards["women"].property("warning")
    # Cash and bank apart and together.
    assert d.money.bank == 45_600_000
    assert cards["money"].figure.text() == format_money(d.money.total)
    note = cards["money"].note.text()
    assert format_money(d.money.cash, unit=False) in note and "45.600.000" in note
    assert "0071001234567: 45.600.000 đ" in cards["money"].toolTip()
    # The young card is the age chart's first band, and both say where it ends.
    assert d.young == home.age_chart.series[0][0]
    assert f"{YOUNG_MAX_AGE} tuổi" in cards["young"].caption.text()
    assert f"{YOUNG_MAX_AGE} tuổi" in home.age_chart.title
    # Each area of the navigation with its icon, drawn (the SVG read).
    for row in range(w.nav.count()):
        assert not w.nav.item(row).icon().pixmap(20, 20).isNull(), w.nav.item(row).text()
    # Months named so they fit.
    assert home.dues_chart.labels[0] == "T1"
    assert home.dues_chart.tips[0] == f"Tháng 01/{d.today.year}"


def test_the_cards_reflow_on_a_narrow_window(qtbot, state):
    w = home_window(qtbot, state, 1366, 768)
    grid = w.home_page.cards["members"].parentWidget()
    assert grid.columns == 6
    w.resize(760, 700)
    QApplication.processEvents()
    assert grid.columns < 6
    for card in w.home_page.cards.values():
        assert card.x() >= 0 and card.geometry().right() <= grid.width(), card.objectName()
    # No scrolling sideways: the page is as wide as the room beside the navigation.
    scroll = w.pages.parentWidget().parentWidget()
    assert not scroll.horizontalScrollBar().isVisible()
    shoot(w, "home-narrow")
    assert w.minimumSizeHint().width() <= 760
