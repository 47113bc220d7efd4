from datetime import date

from openpyxl import Workbook

from desktop.services.members.service import MemberQuery
from desktop.views.setup_wizard import SetupWizard
from tests.desktop.views.conftest import shoot, wait_idle


def make_list(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH ABC"])
    ws.append(["DANH SÁCH ĐOÀN VIÊN"])
    ws.merge_cells("A2:F2")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Tổ công đoàn"])
    for i, r in enumerate(rows, start=1):
        ws.append([i, *r])
    ws.append(["", "Tổng cộng", "", "", "", ""])
    wb.save(path)
    return path


def test_import_through_dialog(qtbot, state, tmp_path):
    from desktop.views.main_window import MainWindow
    w = MainWindow(state)
    qtbot.addWidget(w)
    group = state.units.groups()[0].name
    path = make_list(tmp_path / "ds.xlsx", [
        ["Lý Thị Hồng Nhung", date(1994, 5, 2), "Nữ", "001194012345", group],
        ["TRẦN   VĂN  BA", "12/11/1988", "Nam", 1088012345, group],  # CCCD lost its leading zeros
        ["Đinh Công Mạnh", "31/02/1990", "Nam", None, group],  # no such date
        ["Lý Thị Hồng Nhung", date(1994, 5, 2), "Nữ", "001194012345", group],  # same as row 1
    ])
    before = state.members.count(MemberQuery(status=None))
    dialog = w.members_page.open_import(str(path))
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20000)
    assert "dòng tiêu đề là dòng 4" in dialog.info.text()
    assert dialog.mapping()[1] == "full_name" and dialog.mapping()[4] == "id_number"
    shoot(dialog, "07-import-mapping")
    dialog.make_preview()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    p = dialog.preview
    assert (len(p.importable), p.count("error"), p.count("duplicate")) == (2, 1, 1)
    assert dialog.import_button.isEnabled() and "2" in dialog.import_button.text()
    dialog.filter.setCurrentIndex(dialog.filter.findData("problem"))
    assert dialog.preview_model.rowCount() == 2
    shoot(dialog, "08-import-preview")
    assert state.members.count(MemberQuery(status=None)) == before  # nothing written yet
    dialog.commit()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert state.members.count(MemberQuery(status=None)) == before + 2
    assert dialog.outcome.report and (tmp_path / "ds-khong-nhap.xlsx").exists()
    ba = state.members.page(MemberQuery(search="tran van ba"))
    assert ba and state.members.get(ba[0].id).data.id_number == "001088012345"
    assert w.members_page.model.total == state.members.count(MemberQuery())
    shoot(dialog, "09-import-done")


def test_import_of_a_broken_file_says_why(qtbot, state, tmp_path):
    from desktop.views.import_dialog import ImportDialog
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"this is not a spreadsheet at all")
    dialog = ImportDialog(state, str(bad))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.start()
    wait_idle(qtbot, state)
    assert "hong.xlsx" in dialog.info.text() and "hỏng" in dialog.info.text()
    assert not dialog.import_button.isEnabled()


def test_import_can_be_cancelled(qtbot, state, tmp_path):
    rows = [[f"Người Thứ {chr(65 + i % 26)}{i}", f"{1 + i % 28:02d}/05/1990", "Nam", None, None]
            for i in range(3000)]
    path = make_list(tmp_path / "lon.xlsx", rows)
    from desktop.views.import_dialog import ImportDialog
    dialog = ImportDialog(state, str(path))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20000)
    dialog.make_preview()
    dialog.cancel_task()
    wait_idle(qtbot, state)
    assert dialog.preview is None
    assert "hủy" in dialog.info.text().lower()


def test_setup_wizard_first_start(qtbot, tmp_path, vietnamese):
    from desktop.services.core.context import open_context
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "new.sqlite3")
    state = AppState(ctx)
    assert not state.units.is_set_up()
    wizard = SetupWizard(state)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(wizard.WizardButton.NextButton).text().replace("&", "") == "Tiếp >"
    wizard.next()
    assert wizard.currentPage() is wizard.unit_page  # name missing: stays
    assert "tên công đoàn cơ sở" in wizard.unit_page.error.text()
    wizard.unit_form.name.setText("Công đoàn cơ sở Công ty Cổ phần Giày Thượng Đình")
    wizard.unit_form.upper_name.setText("Công đoàn Phường Thanh Xuân")
    wizard.unit_form.tax_code.setText("0100100079")
    shoot(wizard, "10-wizard-unit")
    wizard.next()
    wizard.signers.chair.setText("Phạm Thị Thu Hằng")
    wizard.next()
    wizard.next()  # the opening balance: none yet
    for name in ("Tổ Gò", "Tổ May", "Tổ Đế"):
        wizard.groups.new_name.setText(name)
        wizard.groups.add_from_field()
    shoot(wizard, "11-wizard-groups")
    wizard.accept()
    assert not wizard.isVisible() or wizard.result() == 1
    info = state.units.get()
    assert info.name.endswith("Thượng Đình") and info.chair_name == "Phạm Thị Thu Hằng"
    assert [g.name for g in state.units.groups()] == ["Tổ Gò", "Tổ May", "Tổ Đế"]
    state.runner.shutdown()
    ctx.close()
