"""Báo cáo → Dự toán năm and Công khai tài chính (issue 14, items 9 and 10), driven as a
user would on a demo unit: the table shows the proposals, a typed estimate and approval
are saved in one Lưu and come back blue, a bad figure is named and nothing is written; the
disclosure is saved as a PDF from the page."""

from datetime import date

from desktop.services.demo.year import fill_year
from desktop.services.reports import BudgetService
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.views.conftest import shoot, wait_idle


def row_of(dialog, code):
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == code)


def test_the_budget_is_edited_in_the_table_and_saved_at_once(qtbot, state, tmp_path):
    from desktop.views.main_window import MainWindow
    fill_year(state.ctx, date.today())  # a year of dues, kinh phí, remittances and spending
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.show_page(w.reports_page)
    wait_idle(qtbot, state)
    year = date.today().year + 1
    w.reports_page.year.setValue(year - 1)
    dialog = w.reports_page.open_budget()
    wait_idle(qtbot, state)
    assert dialog.year.value() == year
    expected = BudgetService(state.ctx).show(year)
    b22 = row_of(dialog, "B22")
    assert dialog.table.item(b22, 3).text() == f"{expected.row('B22').estimate:,}".replace(",", ".")
    assert not dialog.table.item(b22, 0).flags() & dialog.table.item(b22, 0).flags().ItemIsEditable
    # A line saved elsewhere (another PC's edit, arriving by sync) shows up while nothing is typed.
    BudgetService(state.ctx).set_line(year, "B37", estimate=444_000, approved=None)
    qtbot.waitUntil(lambda: dialog.table.item(row_of(dialog, "B37"), 3).text() == "444.000", timeout=10000)
    b32 = row_of(dialog, "B32")
    dialog.table.item(b32, 3).setText("7.500.000")
    dialog.table.item(b32, 4).setText("7000000")
    dialog.table.item(b32, 5).setText("Hội thao công nhân")
    dialog.table.item(b22, 4).setText("5.000.000")
    # What is typed and not yet saved is not thrown away by a change from elsewhere.
    dialog._on_data_changed(frozenset({"budget"}))
    wait_idle(qtbot, state)
    assert dialog.table.item(b32, 3).text() == "7.500.000"
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.save_button.click()
    b = BudgetService(state.ctx).show(year)
    assert (b.row("B32").estimate, b.row("B32").approved, b.row("B32").note, b.row("B32").edited) == (
        7_500_000, 7_000_000, "Hội thao công nhân", True)
    # The dues line kept its proposal (only its approval was typed).
    assert (b.row("B22").edited, b.row("B22").approved) == (False, 5_000_000)
    assert dialog.table.item(row_of(dialog, "B32"), 3).foreground().color().name() == "#1565c0"
    shoot(dialog, "budget-dialog")
    # A bad figure is named, and nothing of the save is written.
    dialog.table.item(row_of(dialog, "B31"), 3).setText("12.000.000")
    dialog.table.item(row_of(dialog, "B33"), 3).setText("-3")
    dialog.save_button.click()
    assert "B33" in dialog.error.text() and "âm" in dialog.error.text()
    assert not BudgetService(state.ctx).show(year).row("B31").edited
    out = tmp_path / "du-toan.xlsx"
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.save_to(str(out))
    assert out.stat().st_size > 0
    dialog.close()

    page = w.reports_page
    pdf = tmp_path / "cong-khai.pdf"
    with qtbot.waitSignal(page.saved, timeout=30000):
        page.save_disclosure_to(year - 1, str(pdf))
    assert f"CÔNG KHAI TÀI CHÍNH CÔNG ĐOÀN NĂM {year - 1}" in " ".join(pages_text(pdf))
    shoot(w, "reports-page-budget-buttons")
