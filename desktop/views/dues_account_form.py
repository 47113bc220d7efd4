"""Settings, "Tài khoản nhận đoàn phí": which of the unit's bank accounts the VietQR code
on the dues notice sends transfers to. Saved at once with its own button (a unit-level
setting: every PC of the unit then prints the same account)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.bank.receiving import DuesAccountService
from desktop.views.app_state import AppState
from desktop.views.errors import message_for, show_error


class DuesAccountForm(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.service = DuesAccountService(state.ctx)
        note = QLabel(self.tr("Thông báo đoàn phí in mã VietQR: đoàn viên quét mã bằng ứng dụng ngân hàng để chuyển "
                              "đúng số tiền, với mã thanh toán làm nội dung, vào tài khoản chọn ở đây. Chỉ chọn được "
                              "tài khoản ngân hàng (không phải kho bạc)."), wordWrap=True)
        self.account = QComboBox(objectName="duesAccount")
        self.empty = QLabel(self.tr("Đơn vị chưa có tài khoản ngân hàng nào: thêm tài khoản ở trang Ngân hàng, "
                                    "rồi chọn ở đây."), objectName="duesAccountEmpty", wordWrap=True)
        self.save_button = QPushButton(self.tr("Lưu"), objectName="saveDuesAccount")
        self.status = QLabel(objectName="duesAccountStatus", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Tài khoản nhận:"), self.account)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow("", row)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        choices = self.service.choices()
        chosen = self.service.get()
        self.account.clear()
        self.account.addItem(self.tr("— Chưa chọn —"), None)
        for a in choices:
            self.account.addItem(f"{a.title} — {a.account_name}", a.id)
        if chosen is not None:
            self.account.setCurrentIndex(max(0, self.account.findData(chosen.account.id)))
        self.empty.setVisible(not choices)
        self.account.setEnabled(bool(choices))
        self.save_button.setEnabled(bool(choices))

    def save(self) -> None:
        service, account_id = self.service, self.account.currentData()
        self.state.runner.submit("dues-account", lambda _c: service.set(account_id), on_done=self._saved,
                                 on_error=self._failed)

    def _saved(self, chosen) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đã lưu: thông báo đoàn phí in mã chuyển vào {0}.").format(chosen.account.title)
                            if chosen else self.tr("Đã bỏ tài khoản nhận: chưa in được thông báo đoàn phí có mã."))

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if not text:  # not the user's to fix here: the usual error dialog
            show_error(self, exc)
            return
        self.status.setStyleSheet("color: #c62828")
        self.status.setText(text)
