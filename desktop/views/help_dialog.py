"""The user guide (Vietnamese, resources/guide/huong-dan.md), shown inside the app."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.resources import resources_dir

GUIDE = resources_dir() / "guide" / "huong-dan.md"


class HelpDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng"))
        self.resize(900, 700)
        self.browser = QTextBrowser(objectName="guide")
        self.browser.setOpenExternalLinks(True)
        # Images are found beside the guide: the source's folder is the base for them.
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)), QTextDocument.ResourceType.MarkdownResource)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
