"""The dialogs of the Tiền gửi page: an account added or corrected, a bank advice
(credit, debit, interest, fee) recorded, cash moved between the cash box and an account,
an entry voided. Each writes through the database worker; the service's problems are
shown by field, in its own words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.bank.accounts import ACCOUNT_KINDS, AccountInfo, AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService, EntryInfo
from desktop.services.bank.ledger import ENTRY_KINDS
from desktop.services.cash.service import INCOME, SPENDING
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.core.money import MoneyFormatError, parse_money
from desktop.views.app_state import AppState
from desktop.views.bank_picker import BankPicker
from desktop.views.cash_dialogs import INVALID_STYLE, PROBLEM_STYLE, from_qdate, to_qdate
from desktop.views.dialogs import warn
from desktop.views.errors import show_error
from desktop.views.formatting import format_date, format_money, term

# The entries recorded one by one (a transfer has its own dialog: it writes both books).
RECORD_KINDS = ("credit", "debit", "interest", "fee")


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(objectName=name, calendarPopup=True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMaximumDate(QDate.currentDate())
    edit.setDate(QDate.currentDate())
    return edit


def _money_edit(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setPlaceholderText(QCoreApplication.translate("BankDialogs", "đồng, ví dụ 1.500.000"))
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(220)
    return edit


class _FormDialog(QDialog):
    """A form written by one service call on the worker: the fields, their labels (as
    the refusals name them), the problems shown above the form."""

    saved = Signal(object)  # what the service returned

    def __init__(self, state: AppState, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.state = state
        self.busy = False
        self.result_value: object = None
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        self.problems = QLabel(objectName="problems")
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        self.problems.setStyleSheet(PROBLEM_STYLE)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Đóng"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_ok(self, text: str, name: str) -> None:
        self.ok_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName(name)
        self.ok_button.setDefault(True)

    def add_field(self, key: str, label: str, widget: QWidget, required: bool = True) -> None:
        self.fields[key] = widget
        self.labels[key] = label
        self.form.addRow(label + (" *" if required else "") + ":", widget)

    def finish_layout(self, *before: QWidget) -> None:
        layout = QVBoxLayout(self)
        for w in before:
            layout.addWidget(w)
        layout.addWidget(self.problems)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def show_problems(self, errors: dict[str, str]) -> None:
        for key, w in self.fields.items():
            w.setStyleSheet(INVALID_STYLE if key in errors else "")
            w.setToolTip(errors.get(key, ""))
        # The services' messages mostly name their field already ("Số tiền …"); one that
        # does not gets the label of the field it is about.
        lines = []
        for key, text in errors.items():
            label = self.labels.get(key)
            lines.append(text if label is None or text.startswith(label) else f"<b>{label}</b>: {text}")
        self.problems.setText("<br>".join(lines))
        self.problems.setVisible(bool(lines))
        first = next(iter(errors), None)
        if first in self.fields:
            self.fields[first].setFocus()

    def amount_of(self, edit: QLineEdit, key: str) -> int | None:
        try:
            return parse_money(edit.text()) or 0
        except MoneyFormatError:
            self.show_problems({key: self.tr("không đọc được số tiền: ghi số đồng, ví dụ 1.500.000.")})
            return None

    def save(self) -> None:
        raise NotImplementedError

    def run(self, name: str, work: Callable[[], Any]) -> None:
        if self.busy:
            return
        self.busy = True
        self.buttons.setEnabled(False)
        self.state.runner.submit(name, lambda _c: work(), on_done=self._done, on_error=self._failed)

    def _done(self, result: object) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.result_value = result
        self.show_problems({})
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_problems(exc.errors)
        else:
            show_error(self, exc, self.tr("Chưa ghi được"))


class AccountDialog(_FormDialog):
    """A new account (account None) or the correction of one: the bank chosen from the
    list by its name or BIN, or a treasury office named; number, name, opening balance
    and date."""

    def __init__(self, state: AppState, account: AccountInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.account = account
        self.setObjectName("bankAccountDialog")
        self.setWindowTitle(self.tr("Thêm tài khoản tiền gửi") if account is None else self.tr("Sửa tài khoản tiền gửi"))
        self.setMinimumWidth(620)
        self.kind = QComboBox(objectName="f_account_kind")
        for key, text in ACCOUNT_KINDS.items():
            self.kind.addItem(term(text), key)
        self.bank = BankPicker()
        self.institution = QLineEdit(objectName="f_institution")
        self.institution.setPlaceholderText(self.tr("ví dụ: KBNN Hà Đông"))
        self.number = QLineEdit(objectName="f_account_number")
        self.number.setPlaceholderText(self.tr("ví dụ: 0071001234567"))
        self.name = QLineEdit(objectName="f_account_name")
        self.name.setPlaceholderText(self.tr("như trên sổ ngân hàng, ví dụ CÔNG ĐOÀN CƠ SỞ CÔNG TY …"))
        self.opening_balance = _money_edit("f_account_opening_balance")
        self.opening_date = _date_edit("f_opening_date")
        self.add_field("account_kind", self.tr("Loại tài khoản"), self.kind)
        self.add_field("bank_bin", self.tr("Ngân hàng"), self.bank)
        self.add_field("institution", self.tr("Kho bạc"), self.institution)
        self.add_field("account_number", self.tr("Số tài khoản"), self.number)
        self.add_field("account_name", self.tr("Tên tài khoản"), self.name)
        self.add_field("account_opening_balance", self.tr("Số dư đầu kỳ"), self.opening_balance, required=False)
        self.add_field("opening_date", self.tr("Ngày số dư đầu kỳ"), self.opening_date)
        note = QLabel(self.tr("Số dư đầu kỳ là số dư trên sổ phụ ngân hàng vào ngày bắt đầu ghi sổ tiền gửi "
                              "trong phần mềm; các bút toán ghi từ ngày đó."), objectName="bankAccountNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.add_ok(self.tr("Lưu tài khoản"), "saveBankAccount")
        self.finish_layout()
        self.form.addRow("", note)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        if account is not None:
            self.kind.setCurrentIndex(self.kind.findData(account.kind))
            self.bank.setCurrentIndex(max(0, self.bank.findData(account.bank_bin)))
            self.institution.setText(account.institution if account.kind == "treasury" else "")
            self.number.setText(account.account_number)
            self.name.setText(account.account_name)
            self.opening_balance.setText(format_money(account.opening_balance, unit=False))
            self.opening_date.setDate(to_qdate(account.opening_date))
        self._show_kind()
        self.bank.setFocus()

    def _show_kind(self) -> None:
        bank = self.kind.currentData() == "bank"
        for key, shown in (("bank_bin", bank), ("institution", not bank)):
            self.form.setRowVisible(self.fields[key], shown)

    def chosen_bin(self) -> str | None:
        return self.bank.chosen_bin()

    def save(self) -> None:
        amount = self.amount_of(self.opening_balance, "account_opening_balance")
        if amount is None:
            return
        bank = self.kind.currentData() == "bank"
        data = AccountInput(kind=self.kind.currentData(), account_number=self.number.text(),
                            account_name=self.name.text(), opening_date=from_qdate(self.opening_date.date()),
                            opening_balance=amount, bank_bin=self.chosen_bin() if bank else None,
                            institution=None if bank else self.institution.text())
        service, account = BankAccountService(self.state.ctx), self.account
        if account is None:
            self.run("bank-account", lambda: service.add(data))
        else:
            self.run("bank-account", lambda: service.update(account.id, data))


class EntryDialog(_FormDialog):
    """A bank advice (giấy báo Có: money in, from a source of income; giấy báo Nợ: money
    out, for an item of spending), interest or a bank fee, on one account."""

    def __init__(self, state: AppState, account: AccountInfo, kind: str = "credit",
                 parent: QWidget | None = None, corrects: EntryInfo | None = None) -> None:
        super().__init__(state, parent)
        self.account = account
        # An adjusting entry in the open year for an entry of a closed year (issue 14, item 11).
        self.corrects = corrects
        self.setObjectName("bankEntryDialog")
        self.setWindowTitle(self.tr("Ghi sổ tiền gửi — {0}").format(account.title))
        self.setMinimumWidth(640)
        self.kind = QComboBox(objectName="f_entry_kind")
        for key in RECORD_KINDS:
            self.kind.addItem(term(ENTRY_KINDS[key]), key)
        self.category = QComboBox(objectName="f_category")
        self.entry_date = _date_edit("f_entry_date")
        self.amount = _money_edit("f_amount")
        self.content = QLineEdit(objectName="f_content")
        self.counterpart = QLineEdit(objectName="f_counterpart")
        self.counterpart.setPlaceholderText(self.tr("người chuyển tiền hoặc người nhận tiền"))
        self.reference = QLineEdit(objectName="f_reference")
        self.reference.setPlaceholderText(self.tr("số giấy báo hoặc số giao dịch của ngân hàng"))
        self.reference.setMaximumWidth(320)
        self.add_field("entry_kind", self.tr("Loại bút toán"), self.kind)
        self.add_field("category", self.tr("Loại thu/chi"), self.category)
        self.add_field("entry_date", self.tr("Ngày ghi sổ"), self.entry_date)
        self.add_field("amount", self.tr("Số tiền"), self.amount)
        self.add_field("content", self.tr("Nội dung"), self.content)
        self.add_field("counterpart", self.tr("Người chuyển/nhận"), self.counterpart, required=False)
        self.add_field("reference", self.tr("Số hiệu chứng từ"), self.reference, required=False)
        about = QLabel(self.tr("Tài khoản: <b>{0}</b> — {1}").format(account.title, account.account_name),
                       objectName="bankEntryAccount")
        about.setWordWrap(True)
        self.add_ok(self.tr("Ghi sổ"), "saveBankEntry")
        if corrects is None:
            self.finish_layout(about)
        else:
            self.setWindowTitle(self.tr("Bút toán điều chỉnh — {0}").format(account.title))
            adjusting = QLabel(self.tr("Điều chỉnh cho: {0} ngày {1} — {2}: {3}").format(
                term(corrects.kind_label), format_date(corrects.entry_date), format_money(corrects.amount),
                corrects.content), objectName="bankEntryCorrects")
            adjusting.setWordWrap(True)
            self.finish_layout(about, adjusting)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._show_kind()
        self.amount.setFocus()

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        self.category.clear()
        choices = {"credit": INCOME, "debit": SPENDING}.get(kind, {})
        for key, text in choices.items():
            if key != "doan_phi":  # dues come in per member (the Đoàn phí page, a statement)
                self.category.addItem(term(text), key)
        self.form.setRowVisible(self.category, bool(choices))
        self.content.setPlaceholderText({
            "credit": self.tr("ví dụ: Công ty chuyển kinh phí công đoàn tháng 02/2026"),
            "debit": self.tr("ví dụ: Chuyển khoản chi thăm hỏi đoàn viên ốm đau"),
            "interest": self.tr("ví dụ: Lãi tiền gửi tháng 02/2026"),
            "fee": self.tr("ví dụ: Phí quản lý tài khoản tháng 02/2026")}[kind])

    def save(self) -> None:
        amount = self.amount_of(self.amount, "amount")
        if amount is None:
            return
        kind = self.kind.currentData()
        values = dict(account_id=self.account.id, kind=kind, entry_date=from_qdate(self.entry_date.date()),
                      amount=amount, content=self.content.text(),
                      category=self.category.currentData() if kind in ("credit", "debit") else None,
                      counterpart=self.counterpart.text() or None, reference=self.reference.text() or None,
                      corrects_id=self.corrects.id if self.corrects is not None else None)
        book = BankBookService(self.state.ctx)
        self.run("bank-record", lambda: book.record(**values))


class TransferDialog(_FormDialog):
    """Cash withdrawn from the account into the cash box (kind "withdrawal": a phiếu
    thu with it) or cash deposited into the account ("deposit": a phiếu chi): both books
    written together."""

    def __init__(self, state: AppState, account: AccountInfo, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.account = account
        self.transfer_kind = kind
        withdrawal = kind == "withdrawal"
        self.setObjectName("bankTransferDialog")
        self.setWindowTitle(self.tr("Rút tiền gửi về quỹ tiền mặt") if withdrawal
                            else self.tr("Nộp tiền mặt vào tài khoản"))
        self.setMinimumWidth(620)
        self.entry_date = _date_edit("f_entry_date")
        self.amount = _money_edit("f_amount")
        self.person = QLineEdit(objectName="f_person_name")
        self.person.setPlaceholderText(self.tr("ví dụ: Trương Thị Thu Hường (thủ quỹ)"))
        self.content = QLineEdit(objectName="f_content")
        where = f"{account.institution} số {account.account_number}"
        self.content.setPlaceholderText(f"Rút tiền gửi {where} về quỹ tiền mặt" if withdrawal
                                        else f"Nộp tiền mặt vào tài khoản {where}")
        self.reference = QLineEdit(objectName="f_reference")
        self.reference.setMaximumWidth(320)
        self.add_field("entry_date", self.tr("Ngày"), self.entry_date)
        self.add_field("amount", self.tr("Số tiền"), self.amount)
        self.add_field("person_name", self.tr("Người rút tiền") if withdrawal else self.tr("Người nộp tiền"),
                       self.person)
        self.add_field("content", self.tr("Nội dung"), self.content, required=False)
        self.add_field("reference", self.tr("Số hiệu chứng từ"), self.reference, required=False)
        self.labels |= {"doc_date": self.labels["entry_date"], "reason": self.labels["content"]}
        about = QLabel((self.tr("Từ tài khoản <b>{0}</b> về quỹ tiền mặt. Phiếu thu được lập cùng lúc.")
                        if withdrawal else
                        self.tr("Từ quỹ tiền mặt vào tài khoản <b>{0}</b>. Phiếu chi được lập cùng lúc."))
                       .format(account.title), objectName="bankTransferAbout")
        about.setWordWrap(True)
        self.add_ok(self.tr("Rút tiền") if withdrawal else self.tr("Nộp tiền"), "saveBankTransfer")
        self.finish_layout(about)
        self.amount.setFocus()

    def save(self) -> None:
        amount = self.amount_of(self.amount, "amount")
        if amount is None:
            return
        values = dict(account_id=self.account.id, kind=self.transfer_kind,
                      entry_date=from_qdate(self.entry_date.date()), amount=amount, person_name=self.person.text(),
                      content=self.content.text() or None, reference=self.reference.text() or None)
        book = BankBookService(self.state.ctx)
        self.run("bank-transfer", lambda: book.transfer(**values))


class EntryVoidDialog(_FormDialog):
    """Voiding an entry: it stays in the book, marked, with the reason; a transfer's
    receipt or voucher is voided with it."""

    def __init__(self, state: AppState, entry: EntryInfo, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.entry = entry
        self.setObjectName("bankVoidDialog")
        self.setWindowTitle(self.tr("Hủy bút toán"))
        self.setMinimumWidth(560)
        about = QLabel(self.tr("{0} ngày {1} — <b>{2}</b><br>{3}").format(
            term(entry.kind_label), format_date(entry.entry_date), format_money(entry.amount), entry.content),
            objectName="bankVoidAbout")
        about.setWordWrap(True)
        note = QLabel(self.tr("Bút toán đã hủy vẫn được giữ trong sổ, có ghi lý do, và không tính vào số dư.")
                      + (" " + self.tr("Phiếu thu/chi của lần chuyển tiền này cũng bị hủy theo.")
                         if entry.cash_doc_id else ""))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.reason = QLineEdit(objectName="voidReason")
        self.reason.setPlaceholderText(self.tr("ví dụ: ghi trùng giấy báo"))
        self.add_field("void_reason", self.tr("Lý do hủy"), self.reason)
        self.labels |= {"amount": self.tr("Số tiền"), "void_date": self.tr("Ngày hủy")}
        self.add_ok(self.tr("Hủy bút toán này"), "confirmBankVoid")
        self.finish_layout(about, note)
        self.reason.setFocus()

    def save(self) -> None:
        book, entry_id, reason = BankBookService(self.state.ctx), self.entry.id, self.reason.text()
        self.run("bank-void", lambda: book.void(entry_id, reason))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError) and not isinstance(exc, ValidationError):
            # Already voided, not found, not allowed: the service says what happened.
            self.busy = False
            parent = self.parentWidget()
            self.reject()
            warn(parent, self.tr("Không hủy được bút toán"), exc.message)
            return
        super()._failed(exc)
