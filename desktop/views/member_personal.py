"""The member editor's personal-data actions (issue 7, item 8): "Xuất dữ liệu cá nhân…"
for the roles that see personal data, "Xóa dữ liệu cá nhân…" for the chair, once the
member left longer ago than the retention period. Each is one line into
services/personal_data.py; the service checks the role and the period again."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.permissions import can
from desktop.services.core.text import fold
from desktop.services.personal_data.service import PersonalDataService
from desktop.views.app_state import AppState
from desktop.views.dialogs import inform
from desktop.views.errors import show_error
from desktop.views.formatting import format_date


def file_name(full_name: str) -> str:
    """"Trần Thị Mai" → "du-lieu-ca-nhan-tran-thi-mai.pdf"."""
    return "du-lieu-ca-nhan-" + (re.sub(r"[^a-z0-9]+", "-", fold(full_name)).strip("-") or "doan-vien") + ".pdf"


class EraseDialog(QDialog):
    """What erasure does, and the member's name typed again to confirm it."""

    def __init__(self, full_name: str, years: int, left_on, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(self.tr("Xóa dữ liệu cá nhân"))
        self.full_name = full_name
        text = QLabel(self.tr(
            "<b>{0}</b> rời công đoàn ngày {1}, đã quá thời hạn lưu giữ {2} năm.<br><br>"
            "Sẽ xóa hẳn: họ tên, ngày sinh, số CCCD, điện thoại, địa chỉ, quê quán, email, tiền lương, "
            "công việc, số thẻ, ghi chú, lý do vắng mặt và lý do các lần thay đổi. Hồ sơ chỉ còn mã số, "
            "giới tính, tổ, ngày vào và quá trình sinh hoạt (không lý do).<br><br>"
            "Giữ nguyên theo sổ sách: phiếu thu, phiếu chi (kể cả tên người nộp in trên phiếu), đoàn phí đã "
            "nộp và số tiền. Nhật ký thay đổi ghi lại việc xóa này.<br><br>"
            "<b>Không hoàn tác được.</b> Các bản sao lưu cũ vẫn còn dữ liệu cho đến khi được thay bằng bản mới.")
            .format(full_name, format_date(left_on), years))
        text.setWordWrap(True)
        self.confirm = QLineEdit(objectName="eraseConfirm")
        self.confirm.setPlaceholderText(full_name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(self.tr("Xóa dữ liệu cá nhân"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("eraseNow")
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(
            lambda t: self.erase_button.setEnabled(fold(" ".join(t.split())) == fold(full_name)))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("Gõ lại họ tên “{0}” để xác nhận:").format(full_name)))
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        # A wrapped label gets its height from its width: fix the width, let the layout fit the rest.
        text.setFixedWidth(540)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)


class PersonalDataActions(QObject):
    """The two buttons, built for one member's editor; erased(detail) after an erasure."""

    erased = Signal(object)

    def __init__(self, state: AppState, member_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.widget = parent
        self.service = PersonalDataService(state.ctx)
        self.export_button = QPushButton(self.tr("Xuất dữ liệu cá nhân…"), objectName="exportPersonal")
        self.export_button.setToolTip(self.tr(
            "Tất cả dữ liệu công đoàn lưu về đoàn viên này (PDF để in trao cho đoàn viên, hoặc Excel/JSON)"))
        self.erase_button = QPushButton(self.tr("Xóa dữ liệu cá nhân…"), objectName="erasePersonal")
        self.may_erase = can(state.ctx, "erase")
        self.export_button.setVisible(can(state.ctx, "personal"))
        self.erase_button.setVisible(self.may_erase)
        self.export_button.clicked.connect(self.ask_export)
        self.erase_button.clicked.connect(self.ask_erase)
        self.dialog: EraseDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        """The erase button is usable only once the law allows it; its tooltip says when."""
        if not self.may_erase:
            return
        check = self.service.check_erasure(self.member_id)
        self.check = check
        self.erase_button.setEnabled(check.allowed)
        self.erase_button.setToolTip(check.reason)

    # ---- export ----------------------------------------------------------------------
    def ask_export(self) -> None:
        name = self.widget.windowTitle().split(": ", 1)[-1]
        path, _ = QFileDialog.getSaveFileName(
            self.widget, self.tr("Xuất dữ liệu cá nhân"), file_name(name),
            self.tr("Tệp PDF để in (*.pdf);;Tệp Excel (*.xlsx);;Tệp JSON (*.json)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        if not path.lower().endswith((".pdf", ".xlsx", ".json")):
            path += ".pdf"
        service, mid = self.service, self.member_id
        return self.state.runner.submit(
            "personal-export", lambda _c: service.export(mid, path),
            on_done=lambda out: inform(self.widget, self.tr("Đã xuất dữ liệu cá nhân"),
                                       self.tr("Đã ghi dữ liệu cá nhân của đoàn viên vào tệp:\n{0}").format(out)),
            on_error=lambda exc: show_error(self.widget, exc, self.tr("Chưa xuất được dữ liệu cá nhân")))

    # ---- erasure ---------------------------------------------------------------------
    def ask_erase(self) -> EraseDialog | None:
        if not self.may_erase:
            return None
        self.refresh()
        if not self.check.allowed:
            inform(self.widget, self.tr("Chưa xóa được"), self.check.reason)
            return None
        self.dialog = EraseDialog(self.check.full_name, self.service.retention_years(), self.check.left_on,
                                  self.widget)
        self.dialog.accepted.connect(lambda: self.erase(self.dialog.confirm.text()))
        self.dialog.open()
        return self.dialog

    def erase(self, typed: str):
        service, mid = self.service, self.member_id
        members = self.state.members

        def done(detail) -> None:
            self.refresh()
            self.erased.emit(detail)
            inform(self.widget, self.tr("Đã xóa dữ liệu cá nhân"),
                   self.tr("Đã xóa dữ liệu cá nhân; sổ sách (phiếu thu, đoàn phí đã nộp) được giữ nguyên. "
                           "Việc xóa đã được ghi vào nhật ký thay đổi."))

        def work(_c):
            service.erase(mid, confirm=typed)
            return members.get(mid)

        return self.state.runner.submit(
            "personal-erase", work, on_done=done,
            on_error=lambda exc: show_error(self.widget, exc, self.tr("Chưa xóa được dữ liệu cá nhân")))

