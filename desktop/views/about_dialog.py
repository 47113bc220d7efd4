"""Help › Giới thiệu: the app's icon, name and version, where the data and its backups
are, the versions it is built on and the bundled font's licence, with a button that
copies all of it for a support request."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.resources import resources_dir
from desktop.services.backup.about import FONT, FONT_LICENSE, AboutInfo

ICON = resources_dir() / "icons" / "congdoan.png"
ICON_SIZE = 72


def _breakable(path: str) -> str:
    """A long path may wrap after a folder separator (a zero-width space there); the copied
    details keep the path as it is."""
    if len(path) <= 60:
        return path
    return path.replace("\\", "\\\u200b").replace("/", "/\u200b")


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Giới thiệu"))
        self.setMinimumWidth(600)

        icon = QLabel(objectName="aboutIcon")
        icon.setPixmap(QPixmap(str(ICON)).scaled(ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name = QLabel(info.name, objectName="aboutName")
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.version = QLabel(self.tr("Phiên bản {0}").format(info.version), objectName="aboutVersion")
        purpose = QLabel(self.tr("Sổ sách của công đoàn cơ sở: đoàn viên, đoàn phí, thu chi, hoạt động."),
                         wordWrap=True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        for w in (self.name, self.version, purpose):
            heading.addWidget(w)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addLayout(heading, 1)

        # (label, value): shown in the form and copied as they are.
        self.rows = [
            (self.tr("Tệp dữ liệu:"), str(info.database)),
            (self.tr("Thư mục sao lưu:"), str(info.backups)),
            ("Python:", info.python),
            ("Qt:", f"{qVersion()} (PySide6 {PySide6.__version__})"),
            ("SQLAlchemy:", info.sqlalchemy),
            ("ReportLab:", info.reportlab),
            (self.tr("Hệ điều hành:"), info.system),
            (self.tr("Phông chữ in:"), self.tr("{0} kèm theo chương trình, giấy phép {1}; dùng khi máy không có "
                                               "Times New Roman").format(FONT, FONT_LICENSE)),
        ]
        form = QGridLayout()  # a label beside the first line of a value that wraps
        form.setHorizontalSpacing(12)
        form.setColumnStretch(1, 1)
        self.values: list[QLabel] = []
        for row, (label, value) in enumerate(self.rows):
            shown = QLabel(_breakable(value), wordWrap=True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            self.values.append(shown)
            form.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(shown, row, 1)
        self.database, self.backups = self.values[0], self.values[1]
        self.database.setObjectName("aboutDatabase")
        self.backups.setObjectName("aboutBackups")

        self.copied = QLabel(objectName="aboutCopied", wordWrap=True)
        self.copied.setStyleSheet("color: #2e7d32")
        self.copy_button = QPushButton(self.tr("Chép thông tin"), objectName="aboutCopy")
        self.copy_button.setToolTip(self.tr("Chép các dòng trên để dán vào thư nhờ hỗ trợ kỹ thuật"))
        self.copy_button.clicked.connect(self.copy_details)
        close = QPushButton(self.tr("Đóng"), objectName="aboutClose")
        close.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.copied)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # As tall as the text needs at this width: wrapped lines are measured for it.
        self.resize(self.minimumWidth(), layout.totalHeightForWidth(self.minimumWidth()))

    def details(self) -> str:
        lines = [f"{self.info.name} {self.info.version}"]
        lines += [f"{label} {value}" for label, value in self.rows]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copied.setText(self.tr("Đã chép. Dán (Ctrl+V) vào thư hay tin nhắn nhờ hỗ trợ."))
