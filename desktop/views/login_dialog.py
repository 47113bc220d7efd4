"""Signing in at start, and the lock after idle time (issue 7).

The lock never closes anything: windows and dialogs with unsaved input stay as they are,
blurred behind a modal password prompt, and come back when the same user (or a chair)
types the password again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsBlurEffect,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop import APP_NAME
from desktop.services.core.errors import DomainError
from desktop.services.core.permissions import CurrentUser
from desktop.services.units.accounts import AccountService


class LoginDialog(QDialog):
    """Name and password; accept() only when they are right. Locked: the name is fixed."""

    def __init__(self, accounts: AccountService, parent=None, *, locked_user: str | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.locked_user = locked_user
        self.user: CurrentUser | None = None
        self.setObjectName("lockDialog" if locked_user else "loginDialog")
        self.setWindowTitle(self.tr("Đã khóa — {0}").format(APP_NAME) if locked_user
                            else self.tr("Đăng nhập — {0}").format(APP_NAME))
        self.setMinimumWidth(380)
        intro = QLabel(self.tr("Máy tính để lâu không dùng nên đã khóa. Công việc đang làm dở vẫn được giữ "
                               "nguyên: nhập lại mật khẩu để tiếp tục.") if locked_user else
                       self.tr("Máy này có tài khoản người dùng: hãy đăng nhập."), objectName="loginIntro")
        intro.setWordWrap(True)
        self.username = QLineEdit(objectName="loginUsername")
        self.username.setText(locked_user or "")
        self.username.setReadOnly(bool(locked_user))
        self.password = QLineEdit(objectName="loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="loginError")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Mở khóa") if locked_user else self.tr("Đăng nhập"))
        if not locked_user:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Thoát"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def try_login(self) -> None:
        # argon2 takes some tens of milliseconds: fine on the UI thread for one click.
        try:
            if self.locked_user:
                self.user = self.accounts.verify(self.locked_user, self.password.text())
            else:
                self.user = self.accounts.login(self.username.text(), self.password.text())
        except DomainError as e:
            self.error.setText(e.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        if self.locked_user:
            return  # Esc does not unlock
        super().reject()


class IdleLock(QObject):
    """Watches keyboard and mouse input; after `minutes` without any, locks the app."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, accounts: AccountService, minutes: int, parent=None, *, check_ms: int = 15000) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.minutes = minutes
        self.idle_ms = 0
        self.dialog: LoginDialog | None = None
        self._effects: list = []
        self.timer = QTimer(self, interval=check_ms, timeout=self._tick)
        self.check_ms = check_ms
        app = QApplication.instance()
        if minutes > 0 and app is not None:
            app.installEventFilter(self)
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel) and self.dialog is None:
            self.idle_ms = 0
        return False

    def _tick(self) -> None:
        if self.dialog is not None:
            return
        self.idle_ms += self.check_ms
        if self.idle_ms >= self.minutes * 60_000:
            self.lock()

    def lock(self) -> LoginDialog | None:
        user = self.accounts.ctx.user
        if self.dialog is not None or user is None:
            return self.dialog
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not isinstance(w, LoginDialog):
                effect = QGraphicsBlurEffect(w)
                effect.setBlurRadius(30)
                w.setGraphicsEffect(effect)
                self._effects.append(w)
        self.dialog = LoginDialog(self.accounts, locked_user=user.username)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.open()
        self.locked.emit()
        return self.dialog

    def _unlock(self) -> None:
        for w in self._effects:
            try:
                w.setGraphicsEffect(None)
            except RuntimeError:  # the window went away meanwhile
                pass
        self._effects = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.idle_ms = 0
        self.unlocked.emit()
