"""Issue 12, item 10, driven as the chair would: the D02-LT list opened from the Đoàn viên
menu, the changes previewed (nothing written yet), written, the non-members printed and
admitted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from desktop.models import Member
from desktop.services.core.context import open_context
from desktop.services.units.service import GroupInfo, UnitInfo
from tests.desktop.services.d02_excel import coefficient_layout, three_row_layout
from tests.desktop.services.test_social_insurance import BINH, HOA, HUNG, LAN, MAI, NAM
from tests.desktop.views.conftest import last_box, shoot, wait_idle


@pytest.fixture
def office(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    st = AppState(ctx)
    st.units.save_settings(UnitInfo("Công đoàn cơ sở Công ty TNHH May mặc Sao Việt",
                                    "Công đoàn các KCN tỉnh Bình Dương", chair_name="Nguyễn Thị Hồng Nhung"),
                           [GroupInfo(None, "Tổ May 1"), GroupInfo(None, "Tổ Cắt")])
    for name, birth, gender, cccd, salary in (("Nguyễn Thị Lan", "02/03/1990", "Nữ", "079190001234", 5_000_000),
                                              ("Trần Văn Bình", "15/07/1985", "Nam", None, 7_000_000),
                                              ("Lê Thị Hoa", "20/11/1995", "Nữ", None, 5_000_000)):
        st.members.add({"full_name": name, "birth_date": birth, "gender": gender, "id_number": cccd,
                        "salary": salary, "dues_basis": "bhxh", "joined_date": "01/01/2020"})
    with ctx.write() as s:
        s.scalar(select(Member).where(Member.full_name == "Trần Văn Bình")).social_insurance_number = "7912345678"
    yield st
    wait_idle(qtbot, st)
    st.runner.shutdown()
    ctx.close()


def _salaries(st):
    with st.ctx.read() as s:
        return {m.full_name: m.salary for m in s.scalars(select(Member))}


def _open(qtbot, st, path):
    from desktop.views.main_window import MainWindow
    w = MainWindow(st)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert w.action_bhxh.isVisible()
    d = w.open_bhxh(str(path))
    d.resize(1366, 768)
    qtbot.waitUntil(lambda: d.preview is not None, timeout=30000)
    wait_idle(qtbot, st)
    return w, d


def test_preview_commit_print_and_admit(qtbot, office, tmp_path):
    path = three_row_layout(tmp_path / "d02.xlsx", [LAN, BINH, HOA, MAI, HUNG], leaving=[NAM])
    before = _salaries(office)
    _w, d = _open(qtbot, office, path)
    assert d.changes.rowCount() == 3 and d.recruits.rowCount() == 2
    shown = {d.changes.item(i, 1).text(): (d.changes.item(i, 2).text(), d.changes.item(i, 4).text(),
                                           d.changes.item(i, 5).text()) for i in range(3)}
    assert shown["Nguyễn Thị Lan"] == ("CCCD", "6.010.000", "03/2026")
    assert shown["Trần Văn Bình"][0] == "mã số BHXH" and shown["Lê Thị Hoa"][0] == "họ tên và ngày sinh"
    assert "3 đoàn viên sẽ thay đổi" in d.summary.text() and "1 người ở mục Giảm" in d.summary.text()
    assert _salaries(office) == before  # nothing written while previewing
    shoot(d, "12-10-bhxh-preview")
    d.tabs.setCurrentIndex(2)
    problems = [d.problems.item(i, 1).text() for i in range(d.problems.rowCount())]
    assert any("Người lập biểu" in p for p in problems)
    assert any("Hồ Văn Nam: ở mục Giảm" in p for p in problems)
    shoot(d, "12-11-bhxh-skipped-rows")

    qtbot.mouseClick(d.commit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, office)
    last_box().accept()
    after = _salaries(office)
    assert (after["Nguyễn Thị Lan"], after["Trần Văn Bình"], after["Lê Thị Hoa"]) == (6_010_000, 7_600_000, 5_500_000)
    qtbot.waitUntil(lambda: d.changes.rowCount() == 0, timeout=30000)  # read again: nothing left to change
    wait_idle(qtbot, office)

    # The recruitment list: printed, then one of the two admitted into Tổ Cắt.
    d.tabs.setCurrentIndex(1)
    shoot(d, "12-12-bhxh-recruits")
    pdf = tmp_path / "vandong.pdf"
    d.print_to(str(pdf))
    wait_idle(qtbot, office)
    last_box().accept()
    assert pdf.exists()
    assert d.chosen() == []  # nobody is admitted unless chosen
    mai = next(i for i in range(d.recruits.rowCount()) if d.recruits.item(i, 2).text() == "Võ Thị Mai")
    d.recruits.item(mai, 0).setCheckState(Qt.CheckState.Checked)
    d.group.setCurrentIndex(d.group.findText("Tổ Cắt"))
    d.admitted_on.setDate(QDate(2026, 3, 10))
    qtbot.mouseClick(d.admit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, office)
    last_box().accept()
    with office.ctx.read() as s:
        mai = s.scalar(select(Member).where(Member.full_name == "Võ Thị Mai"))
        assert mai is not None and mai.social_insurance_number == "7998765432" and mai.joined_date == date(2026, 3, 10)
        assert s.scalar(select(Member).where(Member.full_name == "Đặng Văn Hùng")) is None
    qtbot.waitUntil(lambda: d.recruits.rowCount() == 1, timeout=30000)
    wait_idle(qtbot, office)
    d.reject()


def test_coefficients_need_the_month_chosen(qtbot, office, tmp_path):
    path = coefficient_layout(tmp_path / "hs.xlsx", [("Lê Thị Hoa", "7912000333", date(1995, 11, 20), "Nữ",
                                                      "Giáo viên", 2.34, 0.2, 5)], month=(1, 2026))
    _w, d = _open(qtbot, office, path)
    assert d.month.date() == QDate(2026, 1, 1)  # from the title block
    assert d.changes.item(0, 4).text() == "6.217.380"
    d.month.setDate(QDate(2026, 2, 1))
    qtbot.mouseClick(d.reread, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, office)
    assert d.changes.item(0, 5).text() == "02/2026"
    d.reject()
