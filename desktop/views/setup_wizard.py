"""First start: the unit, the people who sign, the opening balances (cash, and a bank or
treasury account if the unit has one), and the groups. Written together at the end, in
one transaction (services/bank/opening.py): nothing is saved until Finish."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from desktop.services.bank.accounts import BankAccountService
from desktop.services.bank.opening import start_books
from desktop.services.core.errors import DomainError, ValidationError
from desktop.views.app_state import AppState
from desktop.views.opening_form import OpeningForm
from desktop.views.unit_forms import GroupsEditor, SignersForm, UnitForm, read_unit


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str, body, *, top: bool = False) -> None:
        """top: the form keeps its height at the top of the page, its message right below it."""
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error = QLabel(objectName="wizardError")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addWidget(self.error)
        if top:
            layout.addStretch(1)


class SetupWizard(QWizard):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Sổ Công đoàn — Thiết lập lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(720, 600)
        self.unit_form = UnitForm()
        self.signers = SignersForm()
        self.groups = GroupsEditor()
        self.unit_page = _Page(self.tr("Đơn vị"), self.tr("Thông tin công đoàn cơ sở, in trên mọi biểu mẫu."),
                               self.unit_form)
        self.addPage(self.unit_page)
        for field in (self.unit_form.name, self.unit_form.upper_name):
            field.textChanged.connect(self.unit_page.error.clear)  # the message goes once it is fixed
        self.addPage(_Page(self.tr("Người ký"), self.tr("Có thể bổ sung sau trong Cài đặt."), self.signers))
        self.opening = OpeningForm()
        self.opening_page = _Page(self.tr("Số dư đầu kỳ"),
                                  self.tr("Tiền mặt trong quỹ và tiền gửi ngân hàng, kho bạc khi bắt đầu ghi sổ."),
                                  self.opening, top=True)
        self.addPage(self.opening_page)
        for edit in (self.opening.amount, self.opening.number, self.opening.name, self.opening.balance,
                     self.opening.institution, self.opening.bank.search):
            edit.textChanged.connect(self.opening_page.error.clear)
        self.groups_page = _Page(self.tr("Tổ công đoàn"),
                                 self.tr("Thêm các tổ công đoàn / công đoàn bộ phận (có thể thêm sau)."), self.groups)
        self.addPage(self.groups_page)

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if page is self.unit_page:
            missing = [t for t, w in ((self.tr("tên công đoàn cơ sở"), self.unit_form.name),
                                      (self.tr("công đoàn cấp trên"), self.unit_form.upper_name)) if not w.text().strip()]
            if missing:
                page.error.setText(self.tr("Cần nhập: {0}.").format(", ".join(missing)))
                return False
            page.error.clear()
        if page is self.opening_page:
            return self._check_opening()
        if page is self.groups_page:
            return self._save()
        return True

    def _check_opening(self) -> bool:
        """The cash and the account as the services will take them at Finish; the page
        says what is wrong with which field. A read of the file (is the account number
        already there), on this thread like the wizard's one write."""
        self.opening.show_problems({})
        try:
            self.opening.value()
            account = self.opening.account()
            if account is not None:
                BankAccountService(self.state.ctx).check(account)
        except ValidationError as e:
            self.opening.show_problems(e.errors)
            self.opening_page.error.setText(e.message)
            return False
        except DomainError as e:
            self.opening_page.error.setText(e.message)
            return False
        self.opening_page.error.clear()
        return True

    def _save(self) -> bool:
        try:
            self.groups.add_from_field()
            amount, on = self.opening.value()
            dues = replace(self.state.units.dues_settings(), opening_balance=amount, opening_date=on)
            # First start: nothing else runs yet, so this small write is done here directly.
            start_books(self.state.ctx, read_unit(self.unit_form, self.signers), self.groups.groups(), dues,
                        self.opening.account())
        except DomainError as e:
            self.groups_page.error.setText(e.message)
            return False
        return True
