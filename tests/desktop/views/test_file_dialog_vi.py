"""Issue 16, item 9: on Linux the app shows Qt's own file dialog; in Vietnamese it
speaks Vietnamese too (resources/translations/qtbase_vi.ts covers Qt's words)."""

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from tests.desktop.views.conftest import shoot


def test_qts_own_file_dialog_in_vietnamese(qtbot, tmp_path, vietnamese):
    (tmp_path / "Bao cao").mkdir()
    dialog = QFileDialog(None, "Lưu thành tệp PDF", str(tmp_path), "Tệp PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.findChild(QAbstractButton, "backButton") is not None)
    labels = {w.text().replace("&", "") for w in dialog.findChildren(QLabel) if w.isVisible()}
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= labels
    tips = {b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.toolTip()}
    assert len(tips) >= 6 and not tips & {"Back", "Forward", "Parent Directory", "Create New Folder", "List View",
                                          "Detail View"}
    model = next(m for m in dialog.findChildren(object) if m.objectName() == "qt_filesystem_model")
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(tmp_path))) == 1)
    folder = model.index(str(tmp_path / "Bao cao"))
    assert model.type(folder) == "Thư mục"
    shoot(dialog, "file-dialog-vi")
