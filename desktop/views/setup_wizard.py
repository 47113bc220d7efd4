"""First start: the unit, the people who sign, the opening cash balance, and the groups."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from desktop.services.core.errors import DomainError
from desktop.views.app_state import AppState
from desktop.views.unit_forms import GroupsEditor, OpeningForm, SignersForm, UnitForm, read_unit


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str, body) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addWidget(self.error)


class SetupWizard(QWizard):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Sổ Công đoàn — Thiết lập lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(640, 460)
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
                                  self.tr("Tiền mặt trong quỹ khi bắt đầu ghi sổ (có thể sửa sau trong Cài đặt)."),
                                  self.opening)
        self.addPage(self.opening_page)
        self.opening.amount.textChanged.connect(self.opening_page.error.clear)
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
            try:
                self.opening.value()
            except DomainError as e:
                page.error.setText(e.message)
                return False
        if page is self.groups_page:
            return self._save()
        return True

    def _save(self) -> bool:
        try:
            self.groups.add_from_field()
            amount, on = self.opening.value()
            dues = replace(self.state.units.dues_settings(), opening_balance=amount, opening_date=on)
            # First start: nothing else runs yet, so this small write is done here directly.
            self.state.units.save_settings(read_unit(self.unit_form, self.signers), self.groups.groups(), dues)
        except DomainError as e:
            self.groups_page.error.setText(e.message)
            return False
        return True
