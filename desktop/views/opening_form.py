"""The first-start wizard's money page: the cash in the union's safe on the day the cash
book starts, and optionally one bank or treasury account with its balance on the day
its bank book starts (a unit that starts using the program mid-year brings its balances
over). More accounts are added on the Tiền gửi page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.bank.accounts import ACCOUNT_KINDS, AccountInput
from desktop.services.core.errors import DomainError
from desktop.services.core.money import MoneyFormatError, money_bound_problem, parse_money
from desktop.views.bank_picker import BankPicker
from desktop.views.cash_dialogs import INVALID_STYLE, from_qdate, to_qdate
from desktop.views.formatting import term


def _date_edit(name: str, on: date) -> QDateEdit:
    edit = QDateEdit(objectName=name, calendarPopup=True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMaximumDate(QDate.currentDate())  # a balance is one the books already hold
    edit.setDate(to_qdate(on))
    return edit


def _money_edit(name: str, example: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setPlaceholderText(example)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


class _EnterMovesOn(QObject):
    """Enter in a field goes to the next field, as in Excel, and never reaches the
    wizard, whose default button would leave the page half filled."""

    def __init__(self, fields: list[QWidget], parent: QObject) -> None:
        super().__init__(parent)
        self.fields = fields

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        shown = [f for f in self.fields if f.isVisible()]
        owner = next((f for f in shown if f is obj or f.isAncestorOf(obj)), None)
        if owner is not None and owner is not shown[-1]:
            shown[shown.index(owner) + 1].setFocus(Qt.FocusReason.TabFocusReason)
        return True


class OpeningForm(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        start = date(date.today().year, 1, 1)
        self.amount = _money_edit("wizardOpeningBalance", self.tr("ví dụ: 12.500.000"))
        self.on_date = _date_edit("wizardOpeningDate", start)
        note = QLabel(self.tr("Số tiền mặt đang có trong quỹ công đoàn vào ngày bắt đầu ghi sổ trên phần mềm "
                              "(theo sổ quỹ cũ, ví dụ số dư ngày 01/01); để trống nếu quỹ chưa có tiền. Sổ quỹ tính tiếp từ "
                              "ngày này."), wordWrap=True)
        cash = QFormLayout()
        cash.addRow(note)
        cash_row = QHBoxLayout()
        cash_row.addWidget(self.amount, 1)
        cash_row.addWidget(QLabel(self.tr("tại ngày:")))
        cash_row.addWidget(self.on_date)
        cash.addRow(self.tr("Tồn quỹ tiền mặt:"), cash_row)

        self.kind = QComboBox(objectName="wizardAccountKind")
        for key, text in ACCOUNT_KINDS.items():
            self.kind.addItem(term(text), key)
        self.bank = BankPicker("wizardBank")
        self.institution = QLineEdit(objectName="wizardInstitution")
        self.institution.setPlaceholderText(self.tr("ví dụ: KBNN Hà Đông"))
        self.number = QLineEdit(objectName="wizardAccountNumber")
        self.number.setPlaceholderText(self.tr("ví dụ: 0071001234567"))
        self.name = QLineEdit(objectName="wizardAccountName")
        self.name.setPlaceholderText(self.tr("như trên sổ ngân hàng, ví dụ CÔNG ĐOÀN CƠ SỞ CÔNG TY …"))
        self.balance = _money_edit("wizardAccountBalance", self.tr("số dư trên sổ phụ, ví dụ 25.000.000"))
        self.balance_date = _date_edit("wizardAccountDate", start)
        hint = QLabel(self.tr("Để trống cả phần này nếu đơn vị chưa có tài khoản: thêm sau ở trang Tiền gửi "
                              "(ở đó thêm được nhiều tài khoản)."), objectName="wizardBankHint", wordWrap=True)
        hint.setStyleSheet("color: #555")
        self.bank_form = QFormLayout()
        self.bank_form.addRow(hint)
        self.bank_form.addRow(self.tr("Loại tài khoản:"), self.kind)
        self.bank_form.addRow(self.tr("Ngân hàng:"), self.bank)
        self.bank_form.addRow(self.tr("Kho bạc:"), self.institution)
        self.bank_form.addRow(self.tr("Số tài khoản:"), self.number)
        self.bank_form.addRow(self.tr("Tên tài khoản:"), self.name)
        balance_row = QHBoxLayout()
        balance_row.addWidget(self.balance, 1)
        balance_row.addWidget(QLabel(self.tr("tại ngày:")))
        balance_row.addWidget(self.balance_date)
        self.bank_form.addRow(self.tr("Số dư đầu kỳ:"), balance_row)
        box = QGroupBox(self.tr("Tài khoản ngân hàng hoặc kho bạc (không bắt buộc)"), objectName="wizardBankBox")
        box.setLayout(self.bank_form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setMaximumWidth(860)  # on a maximised window, amounts stay near their labels
        layout.addLayout(cash)
        layout.addWidget(box)
        # The bank's day follows the cash's until it is set apart (most books start together).
        self._cash_day = self.on_date.date()
        self.on_date.dateChanged.connect(self._follow_cash_day)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self._show_kind()
        self.fields: dict[str, QWidget] = {
            "bank_bin": self.bank, "institution": self.institution, "account_number": self.number,
            "account_name": self.name, "account_opening_balance": self.balance, "opening_date": self.balance_date}
        order = [self.amount, self.on_date, self.kind, self.bank, self.institution, self.number, self.name,
                 self.balance, self.balance_date]
        self._enter = _EnterMovesOn(order, self)
        for w in order + [self.bank.search]:
            w.installEventFilter(self._enter)
        # A field marked wrong is unmarked as soon as it is changed.
        for key, edit in (("bank_bin", self.bank.search), ("institution", self.institution),
                          ("account_number", self.number), ("account_name", self.name),
                          ("account_opening_balance", self.balance)):
            edit.textChanged.connect(lambda _t, k=key: self._unmark(k))
        self.balance_date.dateChanged.connect(lambda _d: self._unmark("opening_date"))

    def _unmark(self, key: str) -> None:
        self.fields[key].setStyleSheet("")
        self.fields[key].setToolTip("")

    def _follow_cash_day(self, day: QDate) -> None:
        if self.balance_date.date() == self._cash_day:
            self.balance_date.setDate(day)
        self._cash_day = day

    def _show_kind(self) -> None:
        bank = self.kind.currentData() == "bank"
        self.bank_form.setRowVisible(self.bank, bank)
        self.bank_form.setRowVisible(self.institution, not bank)

    def value(self) -> tuple[int, date]:
        """(amount, date) of the cash; DomainError saying what is wrong and with which field."""
        label = self.tr("Tồn quỹ tiền mặt")
        amount = self._amount(self.amount, label)
        on = from_qdate(self.on_date.date())
        if on > date.today():
            raise DomainError(self.tr("{0}: ngày {1} ở trong tương lai.").format(label, on.strftime("%d/%m/%Y")))
        return amount, on

    def _amount(self, edit: QLineEdit, label: str) -> int:
        try:
            amount = parse_money(edit.text()) or 0
        except MoneyFormatError:
            raise DomainError(self.tr("{0}: “{1}” không phải số tiền (ví dụ 12.500.000).")
                              .format(label, edit.text())) from None
        problem = money_bound_problem(amount, label)
        if problem:
            raise DomainError(problem)
        return amount

    def account(self) -> AccountInput | None:
        """The account to add, None when its fields are all empty; DomainError when its
        balance is no amount (the rest the accounts' service checks, BankAccountService.check)."""
        bank = self.kind.currentData() == "bank"
        typed = [self.number.text(), self.name.text(), self.balance.text(),
                 self.bank.currentText() if bank else self.institution.text()]
        if not any(t.strip() for t in typed):
            return None
        try:
            balance = self._amount(self.balance, self.tr("Số dư đầu kỳ của tài khoản"))
        except DomainError:
            self.show_problems({"account_opening_balance": ""})
            raise
        return AccountInput(kind=self.kind.currentData(), account_number=self.number.text(),
                            account_name=self.name.text(), opening_date=from_qdate(self.balance_date.date()),
                            opening_balance=balance, bank_bin=self.bank.chosen_bin() if bank else None,
                            institution=None if bank else self.institution.text())

    def show_problems(self, errors: dict[str, str]) -> None:
        """Marks the account's fields the service refused (their keys), the first one focused."""
        for key, w in self.fields.items():
            w.setStyleSheet(INVALID_STYLE if key in errors else "")
            w.setToolTip(errors.get(key, ""))
        first = next((k for k in errors if k in self.fields), None)
        if first is not None:
            self.fields[first].setFocus()
