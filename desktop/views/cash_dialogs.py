"""The dialogs of the Thu chi page: making a phiếu thu or phiếu chi, and voiding one.
Both write through the database worker; the service's problems are shown by field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cash.service import INCOME, KIND_LABELS, SPENDING, CashService, DocInfo
from desktop.services.core.amount_words import amount_in_words
from desktop.services.core.closed_years import YearClosedError
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.core.money import MoneyFormatError, parse_money
from desktop.views.app_state import AppState
from desktop.views.dialogs import warn
from desktop.views.errors import show_error
from desktop.views.formatting import format_date, format_money, term

INVALID_STYLE = "border: 1px solid #c62828; background: #fff4f4;"
PROBLEM_STYLE = "color: #b71c1c; background: #fdecea; border: 1px solid #f5c6c0; padding: 6px;"


def _problem_label() -> QLabel:
    label = QLabel(objectName="problems")
    label.setWordWrap(True)
    label.setVisible(False)
    label.setStyleSheet(PROBLEM_STYLE)
    return label


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class CashDocDialog(QDialog):
    """A new phiếu thu (kind "thu": income other than đoàn phí, which is collected per
    member on the Đoàn phí page) or phiếu chi (kind "chi")."""

    saved = Signal(object)  # the DocInfo written

    def __init__(self, state: AppState, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.kind = kind
        self.saving = False
        self.saved_doc: DocInfo | None = None
        income = kind == "thu"
        self.setObjectName("cashDocDialog")
        self.setWindowTitle(self.tr("Lập phiếu thu") if income else self.tr("Lập phiếu chi"))
        self.setMinimumWidth(620)
        try:
            settings = state.units.dues_settings()
            self._southern = (settings.words_linh_le == "lẻ", settings.words_nghin_ngan == "ngàn")
        except DomainError:
            self._southern = (False, False)

        self.problems = _problem_label()
        self.category = QComboBox(objectName="f_category")
        for key, text in (INCOME if income else SPENDING).items():
            if key != "doan_phi":
                self.category.addItem(term(text), key)
        self.doc_date = QDateEdit(objectName="f_doc_date", calendarPopup=True)
        self.doc_date.setDisplayFormat("dd/MM/yyyy")
        self.doc_date.setMaximumDate(QDate.currentDate())
        self.doc_date.setDate(QDate.currentDate())
        self.person_name = QLineEdit(objectName="f_person_name")
        self.person_name.setPlaceholderText(self.tr("ví dụ: Nguyễn Thị Lan"))
        self.address = QLineEdit(objectName="f_address")
        self.address.setPlaceholderText(self.tr("địa chỉ hoặc bộ phận công tác"))
        self.reason = QLineEdit(objectName="f_reason")
        self.reason.setPlaceholderText(self.tr("ví dụ: Nhận kinh phí công đoàn quý I") if income
                                       else self.tr("ví dụ: Thăm hỏi đoàn viên ốm đau"))
        self.amount = QLineEdit(objectName="f_amount")
        self.amount.setPlaceholderText(self.tr("đồng, ví dụ 1.500.000"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaximumWidth(220)
        self.words = QLabel(objectName="amountWords")
        self.words.setWordWrap(True)
        self.words.setStyleSheet("color: #37474f; font-style: italic;")
        self.attachments = QLineEdit(objectName="f_attachments")
        self.attachments.setPlaceholderText(self.tr("ví dụ: 01"))
        self.attachments.setMaximumWidth(220)
        # An adjusting document for one of a closed year (issue 14, item 11): the number of
        # the receipt or voucher it corrects, as the screen shows it (T2025-01/0007).
        self.corrects = QLineEdit(objectName="f_corrects")
        self.corrects.setPlaceholderText(self.tr("chỉ khi điều chỉnh chứng từ của năm đã khoá sổ, ví dụ T2025-01/0007"))
        self.fields: dict[str, QWidget] = {
            "category": self.category, "doc_date": self.doc_date, "person_name": self.person_name,
            "address": self.address, "reason": self.reason, "amount": self.amount, "attachments": self.attachments,
            "corrects": self.corrects}
        self.labels = {
            "category": self.tr("Loại thu") if income else self.tr("Loại chi"),
            "doc_date": self.tr("Ngày lập phiếu"),
            "person_name": self.tr("Họ tên người nộp tiền") if income else self.tr("Họ tên người nhận tiền"),
            "address": self.tr("Địa chỉ"),
            "reason": self.tr("Lý do nộp") if income else self.tr("Lý do chi"),
            "amount": self.tr("Số tiền"),
            "attachments": self.tr("Kèm theo"),
            "corrects": self.tr("Điều chỉnh cho"),
            "kind": self.tr("Loại phiếu"),
        }

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key in ("category", "doc_date", "person_name", "address", "reason", "amount"):
            star = " *" if key not in ("address",) else ""
            form.addRow(self.labels[key] + star + ":", self.fields[key])
        form.addRow("", self.words)
        attached = QHBoxLayout()
        attached.addWidget(self.attachments)
        attached.addWidget(QLabel(self.tr("chứng từ gốc")))
        attached.addStretch(1)
        form.addRow(self.labels["attachments"] + ":", attached)
        form.addRow(self.labels["corrects"] + ":", self.corrects)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveCashDoc")
        self.save_button.setText(self.tr("Lưu phiếu"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Số phiếu được cấp tự động theo quyển khi lưu. Phiếu đã lưu không sửa được: "
                              "nếu sai, hủy phiếu (có ghi lý do) rồi lập phiếu mới."), objectName="cashDocNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.amount.textChanged.connect(self._show_words)
        self._show_words()
        self.person_name.setFocus()

    def _show_words(self) -> None:
        try:
            value = parse_money(self.amount.text())
        except MoneyFormatError:
            self.words.setText(self.tr("Không đọc được số tiền"))
            return
        if not value or value < 0:
            self.words.setText(self.tr("Bằng chữ: …"))
            return
        try:
            text = amount_in_words(value, southern_linh=self._southern[0], southern_nghin=self._southern[1])
        except ValueError:
            text = "…"
        self.words.setText(self.tr("Bằng chữ: {0}").format(text))

    def show_problems(self, errors: dict[str, str]) -> None:
        for key, w in self.fields.items():
            w.setStyleSheet(INVALID_STYLE if key in errors else "")
            w.setToolTip(errors.get(key, ""))
        lines = [f"<b>{self.labels.get(k, k)}</b>: {m}" for k, m in errors.items()]
        self.problems.setText("<br>".join(lines))
        self.problems.setVisible(bool(lines))
        if errors and next(iter(errors)) in self.fields:
            self.fields[next(iter(errors))].setFocus()

    def save(self) -> None:
        if self.saving:
            return
        try:
            amount = parse_money(self.amount.text()) or 0
        except MoneyFormatError:
            self.show_problems({"amount": self.tr("không đọc được số tiền: ghi số đồng, ví dụ 1.500.000.")})
            return
        values = dict(kind=self.kind, category=self.category.currentData(), doc_date=from_qdate(self.doc_date.date()),
                      person_name=self.person_name.text(), reason=self.reason.text(), amount=amount,
                      address=self.address.text() or None, attachments=self.attachments.text() or None,
                      corrects=self.corrects.text().strip() or None)
        cash = CashService(self.state.ctx)
        self.saving = True
        self.buttons.setEnabled(False)
        self.state.runner.submit("cash-record", lambda _c: cash.record(**values),
                                 on_done=self._saved, on_error=self._failed)

    def _saved(self, doc: DocInfo) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.saved_doc = doc
        self.show_problems({})
        self.saved.emit(doc)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_problems(exc.errors)
        elif isinstance(exc, YearClosedError):  # the date is in a closed year: said beside the date
            self.show_problems({"doc_date": exc.message})
        else:
            show_error(self, exc, self.tr("Chưa lưu được phiếu"))


class VoidDialog(QDialog):
    """Voiding a document: it stays in the books, marked, with the reason; its number is
    never used again."""

    voided = Signal(object)  # the DocInfo, now voided

    def __init__(self, state: AppState, doc: DocInfo, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.doc = doc
        self.busy = False
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Hủy phiếu"))
        self.setMinimumWidth(560)
        kind = term(KIND_LABELS.get(doc.kind, doc.kind))
        about = QLabel(self.tr("{0} số <b>{1}</b> ngày {2}<br>{3} — <b>{4}</b><br>{5}").format(
            kind, doc.ref, format_date(doc.doc_date), doc.person_name, format_money(doc.amount), doc.reason),
            objectName="voidAbout")
        about.setWordWrap(True)
        note = QLabel(self.tr("Phiếu đã hủy vẫn được giữ trong sổ, có ghi lý do, và không tính vào tồn quỹ. "
                              "Số phiếu không được dùng lại."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.problems = _problem_label()
        self.reason = QLineEdit(objectName="voidReason")
        self.reason.setPlaceholderText(self.tr("ví dụ: ghi sai số tiền"))
        form = QFormLayout()
        form.addRow(self.tr("Lý do hủy *:"), self.reason)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("Hủy phiếu này"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("confirmVoid")
        self.buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(note)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def confirm(self) -> None:
        if self.busy:
            return
        cash, doc_id, reason = CashService(self.state.ctx), self.doc.id, self.reason.text()
        self.busy = True
        self.buttons.setEnabled(False)
        self.state.runner.submit("cash-void", lambda _c: cash.void(doc_id, reason),
                                 on_done=self._done, on_error=self._failed)

    def _done(self, doc: DocInfo) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.voided.emit(doc)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.reason.setStyleSheet(INVALID_STYLE)
            field = self.tr("Lý do hủy")
            self.problems.setText("<br>".join(f"<b>{field}</b>: {m}" for m in exc.errors.values()))
            self.problems.setVisible(True)
        elif isinstance(exc, DomainError):  # already voided, not found: the service says what happened
            parent = self.parentWidget()
            self.reject()
            warn(parent, self.tr("Không hủy được phiếu"), exc.message)
        else:
            show_error(self, exc, self.tr("Chưa hủy được phiếu"))
