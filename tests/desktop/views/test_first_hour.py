"""Issue 12, items 9 and 11: the first start as a new office lives it. The wizard asks the
opening cash balance and keeps Enter in the group box for adding a group; the empty home
page says what to do first."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.services.cash.service import CashService
from desktop.services.core.context import open_context
from desktop.views.setup_wizard import SetupWizard
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


def _to_groups_page(wizard):
    wizard.unit_form.name.setText("Công đoàn cơ sở Công ty TNHH Dệt Phong Phú")
    wizard.unit_form.upper_name.setText("Công đoàn Khu công nghệ cao TP. Hồ Chí Minh")
    wizard.next()
    wizard.next()


def test_wizard_enter_adds_the_group_and_the_opening_balance_is_saved(qtbot, fresh):
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    _to_groups_page(wizard)
    assert wizard.currentPage() is wizard.opening_page
    wizard.opening.amount.setText("12,5 triệu")  # not an amount: stays, says so
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    assert "Tồn quỹ tiền mặt" in wizard.opening_page.error.text()
    wizard.opening.amount.setText("1.000.000.000.000")  # over the bound of every amount
    wizard.next()
    assert wizard.currentPage() is wizard.opening_page
    assert "quá lớn" in wizard.opening_page.error.text()
    wizard.opening.amount.setText("12.500.000")
    wizard.opening.on_date.setDate(QDate(2026, 7, 1))
    assert wizard.opening_page.error.text() == ""
    shoot(wizard, "12-01-wizard-opening-balance")
    wizard.next()
    assert wizard.currentPage() is wizard.groups_page

    # Enter in the group box adds the group; the wizard stays open on its page.
    for name in ("Tổ Dệt 1", "Tổ Nhuộm"):
        wizard.groups.new_name.setText(name)
        wizard.groups.new_name.setFocus()
        qtbot.keyClick(wizard.groups.new_name, Qt.Key.Key_Return)
    qtbot.keyClick(wizard.groups.new_name, Qt.Key.Key_Enter)  # empty: nothing added, nothing finished
    assert wizard.isVisible() and wizard.currentPage() is wizard.groups_page
    assert [wizard.groups.list.item(i).text() for i in range(wizard.groups.list.count())] == ["Tổ Dệt 1", "Tổ Nhuộm"]
    assert not fresh.units.is_set_up()  # nothing written yet
    shoot(wizard, "12-02-wizard-groups-enter")

    wizard.accept()
    info = fresh.units.get()
    assert info.name.endswith("Phong Phú")
    assert [g.name for g in fresh.units.groups()] == ["Tổ Dệt 1", "Tổ Nhuộm"]
    settings = fresh.units.dues_settings()
    assert (settings.opening_balance, settings.opening_date) == (12_500_000, date(2026, 7, 1))
    book = CashService(fresh.ctx).cash_book(date(2026, 7, 1), date(2026, 7, 31))
    assert book.opening == 12_500_000


def test_wizard_empty_opening_balance_is_zero(qtbot, fresh):
    wizard = SetupWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_groups_page(wizard)
    wizard.next()
    wizard.accept()
    assert fresh.units.dues_settings().opening_balance == 0


def _set_up(fresh):
    from desktop.services.units.service import GroupInfo, UnitInfo
    fresh.units.save_settings(UnitInfo("Công đoàn cơ sở Trường Tiểu học Kim Đồng", "Công đoàn Giáo dục huyện"),
                              [GroupInfo(None, "Tổ Giáo viên")])


def _main(qtbot, fresh):
    from desktop.views.main_window import MainWindow
    w = MainWindow(fresh)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.home_page.loaded, timeout=30000):
        w.show()
    return w


def test_empty_home_page_says_what_to_do_first(qtbot, fresh, tmp_path, monkeypatch):
    _set_up(fresh)
    w = _main(qtbot, fresh)
    home = w.home_page
    assert home.start.isVisible() and not home.figures.isVisible()
    assert home.import_button.text() == "Nhập danh sách đoàn viên từ Excel"
    assert home.add_button.text() == "Thêm đoàn viên"
    shoot(w, "12-03-home-empty")

    # "Thêm đoàn viên" opens the member editor.
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    from desktop.views.member_editor import MemberEditor
    editors = [x for x in QApplication.topLevelWidgets() if isinstance(x, MemberEditor) and x.isVisible()]
    assert len(editors) == 1 and w.pages.currentWidget() is w.members_page
    editors[0].reject()

    # The import button asks for the file (the user picks one) and opens the import dialog on it.
    wb = Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh", "Giới tính", "Tổ công đoàn"])
    wb.active.append(["Nguyễn Thị Lan", "02/03/1990", "Nữ", "Tổ Giáo viên"])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    w.show_page(home)
    qtbot.mouseClick(home.import_button, Qt.MouseButton.LeftButton)
    from desktop.views.import_dialog import ImportDialog
    dialogs = [x for x in QApplication.topLevelWidgets() if isinstance(x, ImportDialog) and x.isVisible()]
    assert len(dialogs) == 1 and w.pages.currentWidget() is w.members_page
    wait_idle(qtbot, fresh)
    dialogs[0].reject()

    # The import is in the Đoàn viên menu too.
    members_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "Đoàn viên")
    assert w.action_import in members_menu.actions()


def test_home_page_shows_figures_once_there_are_members(qtbot, fresh):
    _set_up(fresh)
    fresh.members.add({"full_name": "Lê Văn Tám", "birth_date": "05/06/1985", "gender": "Nam",
                       "joined_date": "01/01/2020"})
    w = _main(qtbot, fresh)
    assert w.home_page.figures.isVisible() and not w.home_page.start.isVisible()
    assert w.home_page.cards["members"].figure.text() == "1"


def test_opening_balance_bounded_and_named_in_vietnamese_on_every_way_in(tmp_path, capsys):
    from desktop.cli import main
    db = str(tmp_path / "u.sqlite3")
    assert main(["init", "--db", db, "--unit-name", "CĐCS A", "--upper-name", "CĐ B"]) == 0
    assert main(["unit", "set", "--db", db, "--opening-balance", "1000000000000"]) == 1
    err = capsys.readouterr().err
    assert "Tồn quỹ tiền mặt đầu kỳ: số dư quá lớn" in err and "opening_balance" not in err
    assert main(["unit", "set", "--db", db, "--opening-balance", "-5"]) == 1
    assert "Tồn quỹ tiền mặt đầu kỳ: số dư không được âm." in capsys.readouterr().err
