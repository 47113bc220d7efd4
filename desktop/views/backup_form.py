"""Settings of this computer's backups: the folder (a USB stick, say) and how many
copies are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from desktop.services.backup.service import BackupSettings


class BackupForm(QWidget):
    def __init__(self, settings: BackupSettings, parent=None) -> None:
        super().__init__(parent)
        self.folder = QLineEdit(str(settings.folder), objectName="backupFolder")
        choose = QPushButton(self.tr("Chọn thư mục…"))
        self.keep = QSpinBox(objectName="backupKeep")
        self.keep.setRange(1, 365)
        self.keep.setValue(settings.keep)
        note = QLabel(self.tr("Sổ Công đoàn tự sao lưu mỗi ngày và khi thoát, trước mỗi lần nâng cấp và khôi phục; "
                              "mỗi bản được kiểm tra. Nên chọn một ổ USB hoặc ổ khác với ổ của máy, để dữ liệu "
                              "không mất cùng máy."), wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Thư mục sao lưu:"), row)
        form.addRow(self.tr("Số bản giữ lại:"), self.keep)
        choose.clicked.connect(self.choose)

    def choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Thư mục sao lưu"), self.folder.text())
        if path:
            self.folder.setText(path)

    def values(self) -> tuple[str, int]:
        return self.folder.text().strip(), self.keep.value()
