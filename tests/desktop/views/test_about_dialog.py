"""Help › Giới thiệu (issue 7, item 3): icon, version, where the data is, the versions
the program is built on, and the details copied for a support request."""

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

import desktop
from desktop.services.backup.service import backup_folder
from desktop.views.about_dialog import AboutDialog
from desktop.views.main_window import MainWindow
from tests.desktop.views.conftest import shoot

ROOT = Path(__file__).resolve().parents[3]


def test_the_package_version_is_the_projects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert desktop.__version__ == project["version"]


def test_about_opens_from_the_help_menu_and_copies_the_details(qtbot, state, vietnamese):
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.action_about in help_menu.actions()
    window.action_about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == "Sổ Công đoàn"
    assert dialog.version.text() == f"Phiên bản {desktop.__version__}"
    db = str(state.ctx.db.path)
    assert dialog.database.text().replace("\u200b", "") == db
    assert dialog.backups.text().replace("\u200b", "") == str(backup_folder(state.ctx))
    assert not dialog.findChild(QLabel, "aboutIcon").pixmap().isNull()
    shoot(dialog, "25-about")
    for label in [dialog.name, dialog.version, *dialog.values]:  # nothing cut off at the dialog's size
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        assert label.height() >= needed, label.text()
        if not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), label.text()

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Sổ Công đoàn {desktop.__version__}\n")
    assert f"Tệp dữ liệu: {db}\n" in copied and "\u200b" not in copied
    for word in ("Python: ", "Qt: ", "SQLAlchemy: ", "ReportLab: ", "Liberation Serif", "SIL Open Font License"):
        assert word in copied
    assert dialog.copied.text().startswith("Đã chép")
    shoot(dialog, "25-about-copied")
    dialog.findChild(QPushButton, "aboutClose").click()
    assert not dialog.isVisible()


def test_about_in_english(qtbot, state, qapp):
    from desktop.views.i18n import install_translators
    install_translators(qapp, "en")
    try:
        window = MainWindow(state)
        qtbot.addWidget(window)
        dialog = window.about()
        assert dialog.windowTitle() == "About" and dialog.version.text() == f"Version {desktop.__version__}"
        assert dialog.copy_button.text() == "Copy details"
        assert dialog.details().splitlines()[1] == f"Data file: {state.ctx.db.path}"
        shoot(dialog, "25-about-english")
    finally:
        install_translators(qapp, "vi")
