"""Settings › Tài khoản: the chair adds accounts, changes roles, resets passwords,
disables, and sets the idle lock. Each button acts at once (like the sync tab)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.permissions import ROLES
from desktop.services.personal_data.service import MAX_RETENTION_YEARS, MIN_RETENTION_YEARS, PersonalDataService
from desktop.services.units.accounts import AccountService
from desktop.views.app_state import AppState
from desktop.views.errors import message_for


class AccountsForm(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsForm")
        self.state = state
        self.accounts = AccountService(state.ctx)
        self.table = QTableWidget(0, 4, objectName="accountsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"),
                                              self.tr("Tình trạng")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)

        box = QGroupBox(self.tr("Tài khoản mới / tài khoản đang chọn"))
        self.username = QLineEdit(objectName="accountUsername")
        self.full_name = QLineEdit(objectName="accountFullName")
        self.role = QComboBox(objectName="accountRole")
        for key, label in ROLES.items():
            self.role.addItem(label, key)
        self.password = QLineEdit(objectName="accountPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("ít nhất 6 ký tự"))
        form = QFormLayout(box)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Họ tên"), self.full_name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Mật khẩu"), self.password)
        self.add_button = QPushButton(self.tr("Thêm tài khoản"), objectName="addAccount", clicked=self.add_account)
        self.role_button = QPushButton(self.tr("Đổi vai trò"), objectName="changeRole", clicked=self.change_role)
        self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu"), objectName="resetPassword",
                                        clicked=self.reset_password)
        self.disable_button = QPushButton(self.tr("Khóa / mở khóa"), objectName="toggleAccount",
                                          clicked=self.toggle_disabled)
        row = QHBoxLayout()
        for b in (self.add_button, self.role_button, self.reset_button, self.disable_button):
            row.addWidget(b)
        row.addStretch(1)

        self.idle = QSpinBox(objectName="idleMinutes", minimum=0, maximum=1440, suffix=self.tr(" phút"))
        self.idle.setSpecialValueText(self.tr("không khóa"))
        self.idle.setValue(self.accounts.idle_minutes())
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(self.tr("Tự khóa khi không dùng sau")))
        idle_row.addWidget(self.idle)
        idle_row.addStretch(1)

        # Personal data (DOMAIN.md): how long a leaver's data is kept before it may be erased.
        self.personal = PersonalDataService(state.ctx)
        self.retention = QSpinBox(objectName="retentionYears", minimum=MIN_RETENTION_YEARS,
                                  maximum=MAX_RETENTION_YEARS, suffix=self.tr(" năm"))
        self.retention.setValue(self.personal.retention_years())
        self.retention.setToolTip(self.tr(
            "Sau thời hạn này, Chủ tịch xóa được dữ liệu cá nhân của người đã rời công đoàn (trong hồ sơ "
            "đoàn viên); phiếu thu và đoàn phí đã nộp vẫn được giữ."))
        retention_row = QHBoxLayout()
        retention_row.addWidget(QLabel(self.tr("Lưu giữ dữ liệu cá nhân của người đã rời công đoàn")))
        retention_row.addWidget(self.retention)
        retention_row.addStretch(1)
        # One "Lưu" for the tab's two settings (issue 16, item 8), not one per line.
        self.save_button = QPushButton(self.tr("Lưu"), objectName="saveAccountRules", clicked=self.save_rules)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        self.note = QLabel(objectName="accountsNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Khi máy có tài khoản, phải đăng nhập mỗi lần mở Sổ Công đoàn. Tài khoản đầu tiên "
                              "phải là Chủ tịch. Tài khoản chỉ có trên máy này, không đồng bộ."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addLayout(row)
        layout.addLayout(idle_row)
        layout.addLayout(retention_row)
        layout.addLayout(save_row)
        layout.addWidget(self.note)
        self.table.itemSelectionChanged.connect(self._selected)
        self.refresh()

    def refresh(self) -> None:
        rows = self.accounts.list()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, a in enumerate(rows):
            status = self.tr("đã khóa") if a.disabled else self.tr("đang dùng")
            for j, text in enumerate((a.username, a.full_name, a.role_label, status)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)

    def _selected(self) -> None:
        i = self.table.currentRow()
        if 0 <= i < len(self.rows):
            a = self.rows[i]
            self.username.setText(a.username)
            self.full_name.setText(a.full_name)
            self.role.setCurrentIndex(self.role.findData(a.role))

    def _run(self, name: str, fn, done_text: str) -> None:
        def ok(_result) -> None:
            self.password.clear()
            self.note.setStyleSheet("")
            self.note.setText(done_text)
            self.refresh()

        def failed(exc) -> None:
            self.note.setStyleSheet("color: #c62828")
            self.note.setText(message_for(exc))

        self.state.runner.submit(name, lambda _c: fn(), on_done=ok, on_error=failed)

    def add_account(self) -> None:
        user, name, role, pw = self.username.text(), self.full_name.text(), self.role.currentData(), self.password.text()
        self._run("add-account", lambda: self.accounts.add(user, pw, role, name),
                  self.tr("Đã thêm tài khoản “{0}”.").format(user.strip()))

    def change_role(self) -> None:
        user, role = self.username.text(), self.role.currentData()
        self._run("account-role", lambda: self.accounts.set_role(user, role),
                  self.tr("Đã đổi vai trò của “{0}”.").format(user))

    def reset_password(self) -> None:
        user, pw = self.username.text(), self.password.text()
        self._run("account-password", lambda: self.accounts.reset_password(user, pw),
                  self.tr("Đã đặt lại mật khẩu của “{0}”.").format(user))

    def toggle_disabled(self) -> None:
        user = self.username.text()
        current = next((a for a in self.rows if a.username == user), None)
        if current is not None and current.disabled:
            self._run("account-enable", lambda: self.accounts.enable(user), self.tr("Đã mở khóa “{0}”.").format(user))
        else:
            self._run("account-disable", lambda: self.accounts.disable(user), self.tr("Đã khóa “{0}”.").format(user))

    def save_idle(self) -> None:
        minutes = self.idle.value()
        self._run("idle-minutes", lambda: self.accounts.set_idle_minutes(minutes),
                  self.tr("Đã lưu: có hiệu lực từ lần đăng nhập sau."))

    def save_rules(self) -> None:
        """The idle lock and the retention period, each its own setting of this PC."""
        minutes, years = self.idle.value(), self.retention.value()

        def both() -> None:
            self.accounts.set_idle_minutes(minutes)
            self.personal.set_retention_years(years)

        self._run("account-rules", both, self.tr("Đã lưu: có hiệu lực từ lần đăng nhập sau."))

    def save_retention(self) -> None:
        years = self.retention.value()
        self._run("retention-years", lambda: self.personal.set_retention_years(years),
                  self.tr("Đã lưu: dữ liệu cá nhân của người đã rời công đoàn được giữ {0} năm.").format(years))
