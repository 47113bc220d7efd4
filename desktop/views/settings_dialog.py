"""Settings of the unit, editable any time after the first start."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTabWidget, QVBoxLayout
from shiboken6 import isValid

from desktop.services.backup.service import backup_settings, save_backup_settings
from desktop.services.core.errors import DomainError
from desktop.services.core.permissions import can
from desktop.views.account_pairs_form import AccountPairsForm
from desktop.views.app_state import AppState
from desktop.views.backup_form import BackupForm
from desktop.views.dues_account_form import DuesAccountForm
from desktop.views.errors import show_error
from desktop.views.law_form import LawForm
from desktop.views.sync_form import SyncForm
from desktop.views.sync_runner import SyncRunner
from desktop.views.unit_forms import DuesSettingsForm, GroupsEditor, SignersForm, UnitForm, fill_unit, read_unit


class SettingsDialog(QDialog):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Cài đặt đơn vị"))
        self.resize(620, 460)
        self.unit_form = UnitForm()
        self.signers = SignersForm()
        self.groups = GroupsEditor()
        fill_unit(self.unit_form, self.signers, state.units.get())
        self.groups.set_groups(state.units.groups())
        self.dues = DuesSettingsForm()
        self.dues.set_settings(state.units.dues_settings())
        tabs = QTabWidget()
        tabs.addTab(self.unit_form, self.tr("Đơn vị"))
        tabs.addTab(self.signers, self.tr("Người ký"))
        tabs.addTab(self.groups, self.tr("Tổ công đoàn"))
        tabs.addTab(self.dues, self.tr("Đoàn phí và biểu mẫu"))
        self.dues_account = DuesAccountForm(state)
        tabs.addTab(self.dues_account, self.tr("Tài khoản nhận đoàn phí"))
        self.law = LawForm(state)
        tabs.addTab(self.law, self.tr("Quy định đoàn phí"))
        tabs.addTab(AccountPairsForm(state), self.tr("Tài khoản kế toán"))
        self.backup = BackupForm(backup_settings(state.ctx))
        tabs.addTab(self.backup, self.tr("Sao lưu"))
        # Enrolment and "sync now" act at once; Save and Cancel are about the other tabs.
        self.sync_form = SyncForm(SyncRunner.of(state))
        tabs.addTab(self.sync_form, self.tr("Đồng bộ"))
        self.sync_form.runner.pulled.connect(self._pulled)
        if can(state.ctx, "accounts"):  # the chair, or anyone while the PC has no accounts
            from desktop.views.accounts_form import AccountsForm
            self.accounts_form = AccountsForm(state)
            tabs.addTab(self.accounts_form, self.tr("Tài khoản"))
        self.tabs = tabs
        # Every tab's name in sight: no scroll arrows hiding "Đồng bộ" and "Tài khoản".
        tabs.tabBar().setUsesScrollButtons(False)
        tabs.tabBar().setExpanding(False)
        self.error = QLabel(objectName="settingsError")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # The tabs that act at once (a rule added, enrolment, accounts) have their own
        # buttons: there the dialog's Lưu would save other tabs, so it gives way to Đóng.
        self.close_button = QPushButton(self.tr("Đóng"), objectName="settingsClose", clicked=self.reject)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        tabs.currentChanged.connect(self._show_buttons_for)
        self._show_buttons_for(tabs.currentIndex())
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        # The tab widget emits currentChanged while it is destroyed, after the buttons:
        # the slot is let go first.
        try:
            self.tabs.currentChanged.disconnect(self._show_buttons_for)
        except (RuntimeError, TypeError):
            pass  # done twice
        super().done(result)

    def _show_buttons_for(self, index: int) -> None:
        if not isValid(self.buttons) or not isValid(self.close_button):
            return  # the tab widget emits while the dialog is being destroyed
        acts_at_once = (self.tabs.widget(index) in (self.dues_account, self.law, self.sync_form,
                                                    getattr(self, "accounts_form", None))
                        or getattr(self.tabs.widget(index), "acts_at_once", False))
        for b in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel):
            self.buttons.button(b).setVisible(not acts_at_once)
        self.close_button.setVisible(acts_at_once)

    def save(self) -> None:
        units, info, groups = self.state.units, read_unit(self.unit_form, self.signers), self.groups.groups()
        try:
            dues = self.dues.settings()
        except DomainError as e:
            self._failed(e)
            return
        ctx, (folder, keep) = self.state.ctx, self.backup.values()

        def work(_c):
            save_backup_settings(ctx, folder or None, keep)  # checked first: the folder must be writable
            return units.save_settings(info, groups, dues)

        self.state.runner.submit("save-settings", work, on_done=self._saved, on_error=self._failed)

    def _pulled(self, what: set) -> None:
        """A sync brought the unit's settings from the server (a PC joining a unit):
        show them, so that Save does not write the old ones back."""
        units = self.state.units
        if what & {"unit", "dues"}:
            fill_unit(self.unit_form, self.signers, units.get())
            self.dues.set_settings(units.dues_settings())
            self.dues_account.load()
        if "groups" in what:
            self.groups.set_groups(units.groups())

    def _saved(self, _info) -> None:
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            self.error.setText(exc.message)
        else:
            show_error(self, exc)
