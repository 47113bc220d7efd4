"""The Tiền gửi page: the unit's bank and treasury accounts with their balances today
beside the cash on hand, and the selected account's book (S12-H) for a period with its
running balance; the actions on them (add or correct an account, record an advice,
interest or a fee, move cash between the cash box and the account, void an entry, print
the book). With no account yet, it says so and offers to add one."""

from __future__ import annotations

import calendar
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.bank.accounts import AccountInfo
from desktop.services.bank.book import BankBookData, BankBookLine, BankBookService, EntryInfo, TransferInfo
from desktop.services.bank.totals import MoneyTotals, money_totals
from desktop.services.core.closed_years import closed_on
from desktop.services.documents.service import Documents
from desktop.views.app_state import AppState
from desktop.views.bank_dialogs import AccountDialog, EntryDialog, EntryVoidDialog, TransferDialog
from desktop.views.bank_import_dialog import BankImportDialog
from desktop.views.cash_dialogs import from_qdate, to_qdate
from desktop.views.dialogs import ask, inform
from desktop.views.errors import show_error
from desktop.views.formatting import count, format_date, format_money, term
from desktop.views.task_runner import Task
from desktop.views.widgets import list_table, stretch

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.print_preview import PrintPreviewDialog

MONEY_COLUMNS = (5, 6, 7)
HEADERS = [QT_TRANSLATE_NOOP("BankBookModel", "Ngày"), QT_TRANSLATE_NOOP("BankBookModel", "Số hiệu"),
           QT_TRANSLATE_NOOP("BankBookModel", "Loại"), QT_TRANSLATE_NOOP("BankBookModel", "Nội dung"),
           QT_TRANSLATE_NOOP("BankBookModel", "Người chuyển/nhận"), QT_TRANSLATE_NOOP("BankBookModel", "Gửi vào"),
           QT_TRANSLATE_NOOP("BankBookModel", "Rút ra"), QT_TRANSLATE_NOOP("BankBookModel", "Còn lại")]
# The one button an empty page offers, drawn as the first step it is.
START_STYLE = ("QPushButton { font-size: 12pt; font-weight: bold; padding: 12px 22px; border-radius: 6px;"
               " border: 1px solid #0d47a1; background: #1565c0; color: white; }"
               " QPushButton:hover { background: #0d47a1; }")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _tr(text: str) -> str:
    return QCoreApplication.translate("BankBookModel", text)


@dataclass(frozen=True)
class Loaded:
    """What one read brings: the balances today, the account shown and its book."""

    totals: MoneyTotals
    account_id: str | None
    book: BankBookData | None


class BankBookModel(QAbstractTableModel):
    """The lines of one account's book; a voided entry keeps its line, grey and struck out."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[BankBookLine] = []

    def set_rows(self, rows: list[BankBookLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, line: BankBookLine, col: int) -> str:
        e = line.entry
        if col == 0:
            return format_date(e.entry_date)
        if col == 1:
            return e.reference or ""
        if col == 2:
            return term(e.kind_label)
        if col == 3:
            return e.content + (" " + self.tr("(đã hủy)") if e.voided else "")
        if col == 4:
            return e.counterpart or ""
        if col in (5, 6):
            amount = line.amount_in if col == 5 else line.amount_out
            if e.voided and e.incoming == (col == 5):
                amount = e.amount  # shown struck out: not counted
            return format_money(amount, unit=False) if amount else ""
        return format_money(line.balance, unit=False)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in MONEY_COLUMNS:
                return int(RIGHT)
            if col in (0, 1):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and line.entry.voided:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.FontRole and line.entry.voided and col != 7:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and line.entry.voided:
            e = line.entry
            return self.tr("Đã hủy ngày {0}: {1}").format(format_date(e.void_date), e.void_reason or "")
        if role == Qt.ItemDataRole.UserRole:
            return line.entry
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(HEADERS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
                return int(RIGHT)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def entry(self, row: int) -> EntryInfo | None:
        return self.rows[row].entry if 0 <= row < len(self.rows) else None


class BankPage(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.documents = Documents(state.ctx)
        self.loaded: Loaded | None = None
        self.preview: PrintPreviewDialog | None = None
        self.task: Task | None = None  # the print job running
        self._generation = 0
        self._account_after: str | None = None  # the account to show once the next read is in
        self._select_after: str | None = None  # the entry to select then
        self._tmp = tempfile.TemporaryDirectory(prefix="congdoan-in-", ignore_cleanup_errors=True)
        self.setObjectName("bankPage")

        self.stack = QStackedWidget(objectName="bankStack")
        self.stack.addWidget(self._empty_panel())
        self.stack.addWidget(self._book_panel())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.reload)
        self.date_from.dateChanged.connect(self._timer.start)
        self.date_to.dateChanged.connect(self._timer.start)
        state.data_changed.connect(self._on_data_changed)
        self.set_period("month")

    # ---- building ------------------------------------------------------------------
    def _empty_panel(self) -> QWidget:
        panel = QWidget(objectName="bankEmpty")
        title = QLabel(self.tr("Chưa có tài khoản tiền gửi"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.empty_text = QLabel(objectName="bankEmptyText")
        self.empty_text.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Thêm tài khoản"), objectName="startAddAccount")
        self.start_button.setStyleSheet(START_STYLE)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.setMinimumHeight(54)
        self.start_button.clicked.connect(lambda: self.add_account())
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        box = QVBoxLayout(panel)
        box.setContentsMargins(24, 24, 24, 24)
        box.addWidget(title)
        box.addSpacing(8)
        box.addWidget(self.empty_text)
        box.addSpacing(16)
        box.addLayout(buttons)
        box.addStretch(1)
        return panel

    def _book_panel(self) -> QWidget:
        panel = QWidget(objectName="bankBook")
        self.accounts = QTableWidget(0, 3, objectName="bankAccounts")
        self.accounts.setHorizontalHeaderLabels([self.tr("Tài khoản"), self.tr("Tên tài khoản"),
                                                 self.tr("Số dư hôm nay")])
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.verticalHeader().setVisible(False)
        self.accounts.verticalHeader().setDefaultSectionSize(24)
        self.accounts.setColumnWidth(0, 300)
        self.accounts.setColumnWidth(2, 140)
        self.accounts.horizontalHeader().setStretchLastSection(False)
        self.accounts.horizontalHeader().setSectionResizeMode(1, self.accounts.horizontalHeader().ResizeMode.Stretch)
        self.accounts.setMaximumHeight(24 * 4 + 30)
        self.accounts.itemSelectionChanged.connect(self._account_chosen)
        self.accounts.doubleClicked.connect(lambda _i: self.edit_account())

        self.money = {key: QLabel(objectName=f"{key}Money") for key in ("cash", "bank", "total")}
        captions = {"cash": self.tr("Tiền mặt:"), "bank": self.tr("Tiền gửi:"), "total": self.tr("Tổng cộng:")}
        totals = QVBoxLayout()
        for key, label in self.money.items():
            label.setStyleSheet("font-weight: bold;")
            label.setAlignment(RIGHT)
            row = QHBoxLayout()
            row.addWidget(QLabel(captions[key]))
            row.addStretch(1)
            row.addWidget(label)
            totals.addLayout(row)
        self.add_button = QPushButton(self.tr("Thêm tài khoản…"), objectName="addAccount")
        self.edit_button = QPushButton(self.tr("Sửa tài khoản…"), objectName="editAccount")
        self.add_button.clicked.connect(lambda: self.add_account())
        self.edit_button.clicked.connect(lambda: self.edit_account())
        totals.addStretch(1)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.add_button)
        account_buttons.addWidget(self.edit_button)
        totals.addLayout(account_buttons)
        top = QHBoxLayout()
        top.addWidget(self.accounts, 1)
        top.addSpacing(12)
        top.addLayout(totals)

        self.date_from = self._date_edit("dateFrom")
        self.date_to = self._date_edit("dateTo")
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Từ ngày:")))
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("đến ngày:")))
        period.addWidget(self.date_to)
        for name, text, which in (("thisMonth", self.tr("Tháng này"), "month"),
                                  ("thisQuarter", self.tr("Quý này"), "quarter"),
                                  ("thisYear", self.tr("Năm nay"), "year")):
            b = QPushButton(text, objectName=name)
            b.clicked.connect(lambda _=False, w=which: self.set_period(w))
            period.addWidget(b)
        period.addStretch(1)

        self.record_button = QPushButton(self.tr("Ghi giấy báo Có/Nợ…"), objectName="recordEntry")
        self.withdraw_button = QPushButton(self.tr("Rút tiền về quỹ…"), objectName="withdraw")
        self.deposit_button = QPushButton(self.tr("Nộp tiền vào tài khoản…"), objectName="deposit")
        self.void_button = QPushButton(self.tr("Hủy bút toán…"), objectName="voidEntry")
        self.print_button = QPushButton(self.tr("In sổ tiền gửi…"), objectName="printBankBook")
        self.advice_button = QPushButton(self.tr("In giấy báo…"), objectName="printAdvice")
        self.advice_button.setToolTip(self.tr("In giấy báo Có / giấy báo Nợ của bút toán đang chọn, với cặp tài khoản"))
        self.import_button = QPushButton(self.tr("Nhập sao kê…"), objectName="importStatement")
        self.import_button.setToolTip(self.tr("Đọc sao kê Excel/CSV của ngân hàng, xem trước từng dòng rồi ghi vào sổ"))
        self.import_button.clicked.connect(lambda: self.import_statement())
        self.record_button.clicked.connect(lambda: self.record())
        self.withdraw_button.clicked.connect(lambda: self.transfer("withdrawal"))
        self.deposit_button.clicked.connect(lambda: self.transfer("deposit"))
        self.void_button.clicked.connect(lambda: self.void_selected())
        self.print_button.clicked.connect(lambda: self.print_book())
        self.advice_button.clicked.connect(lambda: self.print_advice())
        self.progress = QProgressBar(objectName="bankProgress", visible=False)
        self.progress.setMaximumWidth(220)
        self.stop_button = QPushButton(self.tr("Dừng"), objectName="stopBankTask", visible=False)
        self.stop_button.clicked.connect(self.cancel_task)
        actions = QHBoxLayout()
        for b in (self.record_button, self.import_button, self.withdraw_button, self.deposit_button,
                  self.void_button, self.advice_button, self.print_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.progress)
        actions.addWidget(self.stop_button)

        self.model = BankBookModel(self)
        self.table = list_table("bankTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        for col, width in enumerate((90, 110, 150, 300, 160, 110, 110, 120)):  # Loại and the name give Nội dung room
            self.table.setColumnWidth(col, width)
        stretch(self.table, 3)  # Nội dung

        self.values = {key: QLabel(objectName=f"{key}Value") for key in ("opening", "in", "out", "closing")}
        captions = {"opening": self.tr("Số dư đầu kỳ:"), "in": self.tr("Gửi vào:"), "out": self.tr("Rút ra:"),
                    "closing": self.tr("Số dư cuối kỳ:")}
        self.summary = QFrame(objectName="bankSummary")
        self.summary.setStyleSheet("QFrame#bankSummary { background: #f1f5f9; border: 1px solid #cfd8dc; }")
        summary = QHBoxLayout(self.summary)
        summary.setContentsMargins(10, 6, 10, 6)
        for key, label in self.values.items():
            label.setStyleSheet("font-weight: bold;")
            summary.addWidget(QLabel(captions[key]))
            summary.addWidget(label)
            summary.addSpacing(28)
        summary.addStretch(1)
        self.count_label = QLabel(objectName="bankCount")
        summary.addWidget(self.count_label)

        layout = QVBoxLayout(panel)
        layout.addLayout(top)
        layout.addLayout(period)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        return panel

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    # ---- the period, the accounts, the book ----------------------------------------
    def set_period(self, which: str, today: date | None = None) -> None:
        """"month", "quarter" or "year" around today."""
        today = today or date.today()
        first_month, months = {"month": (today.month, 1), "quarter": ((today.month - 1) // 3 * 3 + 1, 3),
                               "year": (1, 12)}[which]
        last_month = first_month + months - 1
        self.set_dates(date(today.year, first_month, 1),
                       date(today.year, last_month, calendar.monthrange(today.year, last_month)[1]))

    def set_dates(self, first: date, last: date) -> None:
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(value))
            edit.blockSignals(False)
        self.reload()

    def period(self) -> tuple[date, date]:
        return from_qdate(self.date_from.date()), from_qdate(self.date_to.date())

    def current_account(self) -> AccountInfo | None:
        loaded = self.loaded
        if loaded is None or loaded.account_id is None:
            return None
        return next((a.account for a in loaded.totals.accounts if a.account.id == loaded.account_id), None)

    def reload(self) -> None:
        self._timer.stop()
        first, last = self.period()
        self._generation += 1
        generation = self._generation
        wanted = self._account_after or (self.loaded.account_id if self.loaded else None)
        ctx = self.state.ctx

        def read(_control) -> Loaded:
            totals = money_totals(ctx)
            ids = [a.account.id for a in totals.accounts]
            account = wanted if wanted in ids else (ids[0] if ids else None)
            book = BankBookService(ctx).book(account, first, last) if account and first <= last else None
            return Loaded(totals, account, book)

        self.state.runner.submit("bank-book", read, read_only=True,
                                 on_done=lambda loaded: self._loaded(generation, loaded),
                                 on_error=lambda exc: show_error(self, exc, self.tr("Không đọc được sổ tiền gửi")))

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return  # an older request: the period or the account changed meanwhile
        self.loaded = loaded
        self._account_after = None
        totals = loaded.totals
        self.stack.setCurrentIndex(1 if totals.accounts else 0)
        if not totals.accounts:
            self.empty_text.setText(self.tr(
                "Đơn vị chưa khai báo tài khoản ngân hàng hay kho bạc nào, nên chưa có sổ tiền gửi (S12-H) để "
                "xem. Thêm tài khoản của công đoàn với số dư đầu kỳ trên sổ phụ ngân hàng: từ đó ghi giấy báo "
                "Có, giấy báo Nợ, lãi, phí và rút, nộp tiền mặt. Tiền mặt hiện có: {0}.").format(
                format_money(totals.cash)))
            self.start_button.setDefault(True)
            self.start_button.setFocus()
            return
        self._show_accounts(totals, loaded.account_id)
        self._show_book(loaded.book)

    def _show_accounts(self, totals: MoneyTotals, current: str | None) -> None:
        table = self.accounts
        table.blockSignals(True)
        table.setRowCount(len(totals.accounts))
        for r, a in enumerate(totals.accounts):
            items = [QTableWidgetItem(a.account.title), QTableWidgetItem(a.account.account_name),
                     QTableWidgetItem(format_money(a.balance))]
            items[0].setData(Qt.ItemDataRole.UserRole, a.account.id)
            items[2].setTextAlignment(RIGHT)
            for c, item in enumerate(items):
                table.setItem(r, c, item)
            if a.account.id == current:
                table.selectRow(r)
        table.blockSignals(False)
        for key, value in (("cash", totals.cash), ("bank", totals.bank), ("total", totals.total)):
            self.money[key].setText(format_money(value))

    def _show_book(self, book: BankBookData | None) -> None:
        lines = book.lines if book else []
        self.model.set_rows(lines)
        money = {"opening": book.opening, "in": book.total_in, "out": book.total_out,
                 "closing": book.closing} if book else {}
        for key, label in self.values.items():
            label.setText(format_money(money[key]) if book else "")
        if book is None:
            self.count_label.setText(self.tr("Ngày bắt đầu sau ngày kết thúc: chọn lại khoảng thời gian."))
            return
        voided = sum(1 for ln in lines if ln.entry.voided)
        text = self.tr("{0} bút toán").format(count(len(lines)))
        if voided:
            text += " " + self.tr("({0} đã hủy)").format(voided)
        self.count_label.setText(text)
        for r, ln in enumerate(lines):
            if ln.entry.id == self._select_after:
                self.table.selectRow(r)
                self.table.scrollTo(self.model.index(r, 0))
        self._select_after = None

    def _account_chosen(self) -> None:
        rows = self.accounts.selectionModel().selectedRows()
        if not rows:
            return
        account_id = self.accounts.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        if self.loaded is None or account_id != self.loaded.account_id:
            self.show_account(account_id)

    def show_account(self, account_id: str) -> None:
        self._account_after = account_id
        self.reload()

    def _on_data_changed(self, what: set) -> None:
        # The cash on hand is shown too: a receipt or a dues payment changes it.
        if what & {"bank", "cash", "dues"}:
            self.reload()

    def selected_entry(self) -> EntryInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    # ---- writing -------------------------------------------------------------------
    def _opened(self, dialog):
        def saved(result) -> None:
            # Read again with what was written shown: the read the change itself started
            # may have been sent before the dialog said what to show.
            if isinstance(result, AccountInfo):
                self._account_after = result.id
            else:
                self._select_after = result.entry.id if isinstance(result, TransferInfo) else result.id
            self.reload()
        dialog.saved.connect(saved)
        dialog.open()
        return dialog

    def add_account(self) -> AccountDialog:
        return self._opened(AccountDialog(self.state, None, self))

    def edit_account(self) -> AccountDialog | None:
        account = self.current_account()
        if account is None:
            inform(self, self.tr("Sửa tài khoản"), self.tr("Chọn một tài khoản trong bảng để sửa."))
            return None
        return self._opened(AccountDialog(self.state, account, self))

    def record(self, kind: str = "credit") -> EntryDialog | None:
        account = self.current_account()
        if account is None:
            return None
        return self._opened(EntryDialog(self.state, account, kind, self))

    def import_statement(self, path: str | None = None) -> BankImportDialog | None:
        """The bank's statement of the selected account: chosen, previewed line by line with
        its proposed match, and written only as the accountant ticks it (the page hears the
        change like any other write)."""
        account = self.current_account()
        if account is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn sao kê ngân hàng"), "",
                                                  self.tr("Sao kê (*.xlsx *.xls *.csv)"))
            if not path:
                return None
        dialog = BankImportDialog(self.state, account.id, path, self)
        dialog.open()
        return dialog

    def transfer(self, kind: str) -> TransferDialog | None:
        account = self.current_account()
        if account is None:
            return None
        return self._opened(TransferDialog(self.state, account, kind, self))

    def void_selected(self) -> EntryVoidDialog | None:
        entry = self.selected_entry()
        if entry is None:
            inform(self, self.tr("Hủy bút toán"), self.tr("Chọn một bút toán trong bảng để hủy."))
            return None
        closed = closed_on(self.state.ctx, entry.entry_date)
        if closed is not None:  # a closed year's entry is corrected in the open year, not voided
            def adjust() -> None:
                self.adjust(entry)
            ask(self, self.tr("Hủy bút toán"),
                self.tr("Không hủy được bút toán ngày {0}: {1}\n\nLập bút toán điều chỉnh cho nó bây giờ?").format(
                    format_date(entry.entry_date), closed), adjust)
            return None
        return self._opened(EntryVoidDialog(self.state, entry, self))

    def adjust(self, entry: EntryInfo) -> EntryDialog | None:
        """An adjusting entry in the open year naming the closed year's entry it corrects;
        by default the other way round (a credit is corrected by a debit)."""
        account = self.current_account()
        if account is None:
            return None
        kind = "debit" if entry.incoming else "credit"
        return self._opened(EntryDialog(self.state, account, kind, self, corrects=entry))

    # ---- printing ------------------------------------------------------------------
    def print_book(self) -> Task | None:
        account = self.current_account()
        first, last = self.period()
        if account is None or first > last or (self.task is not None and not self.task.finished):
            return None
        out = Path(self._tmp.name) / (f"so-tien-gui-{account.account_number}-{first:%d%m%Y}-{last:%d%m%Y}-"
                                      f"{datetime.now():%H%M%S-%f}.pdf")
        title = self.tr("Sổ tiền gửi {0} từ {1} đến {2}").format(account.title, format_date(first),
                                                                 format_date(last))
        documents, account_id = self.documents, account.id
        return self._print(title, lambda: documents.bank_book(account_id, first, last, out), out)

    def print_advice(self) -> Task | None:
        """The selected entry as its giấy báo Có / Nợ, with its account pair."""
        entry = self.selected_entry()
        if entry is None:
            inform(self, self.tr("In giấy báo"), self.tr("Chọn một bút toán trong bảng để in giấy báo."))
            return None
        if self.task is not None and not self.task.finished:
            return None
        out = Path(self._tmp.name) / f"giay-bao-{entry.entry_date:%d%m%Y}-{datetime.now():%H%M%S-%f}.pdf"
        title = (self.tr("Giấy báo Có ngày {0}") if entry.incoming else self.tr("Giấy báo Nợ ngày {0}")).format(
            format_date(entry.entry_date))
        documents = self.documents
        return self._print(title, lambda: documents.bank_advices([entry], out), out)

    def _print(self, title: str, write: Callable[[], object], out: Path) -> Task:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)

        def work(control) -> Path | None:
            write()
            return None if control.cancelled() else out

        self.task = self.state.runner.submit("print", work,
                                             on_done=lambda path: self._printed(path, title),
                                             on_error=self._print_failed)
        return self.task

    def _end_task(self) -> None:
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self._end_task()

    def _printed(self, path: Path | None, title: str) -> None:
        self._end_task()
        if path is None:
            return
        from desktop.views.print_preview import PrintPreviewDialog
        try:
            self.preview = PrintPreviewDialog(path, title, self)
        except Exception as exc:  # noqa: BLE001  an unreadable file: said, and logged when unexpected
            show_error(self, exc, self.tr("Không mở được bản xem trước"))
            return
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def _print_failed(self, exc: BaseException) -> None:
        self._end_task()
        show_error(self, exc, self.tr("Không in được"))
