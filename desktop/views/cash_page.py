"""The Thu chi page: the cash book of a period with its running balance, and the
actions on it (make a phiếu thu or phiếu chi, void one, print documents and the book)."""

from __future__ import annotations

import calendar
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cash.service import CashBookData, CashBookLine, CashService, DocInfo
from desktop.services.documents.service import Documents
from desktop.views.app_state import AppState
from desktop.views.cash_dialogs import CashDocDialog, VoidDialog, from_qdate, to_qdate
from desktop.views.dialogs import inform
from desktop.views.empty_state import EmptyState, show_empty
from desktop.views.errors import show_error
from desktop.views.formatting import count, format_date, format_money, term
from desktop.views.task_runner import Task
from desktop.views.widgets import list_table, stretch

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.print_preview import PrintPreviewDialog

MONEY_COLUMNS = (5, 6, 7)
HEADERS = [QT_TRANSLATE_NOOP("CashBookModel", "Ngày"), QT_TRANSLATE_NOOP("CashBookModel", "Số phiếu"),
           QT_TRANSLATE_NOOP("CashBookModel", "Loại"), QT_TRANSLATE_NOOP("CashBookModel", "Nội dung"),
           QT_TRANSLATE_NOOP("CashBookModel", "Người nộp/nhận"), QT_TRANSLATE_NOOP("CashBookModel", "Thu"),
           QT_TRANSLATE_NOOP("CashBookModel", "Chi"), QT_TRANSLATE_NOOP("CashBookModel", "Tồn")]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CashBookModel", text)


class CashBookModel(QAbstractTableModel):
    """The lines of the cash book; a voided document keeps its line, grey and struck out."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[CashBookLine] = []

    def set_rows(self, rows: list[CashBookLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, line: CashBookLine, col: int) -> str:
        d = line.doc
        if col == 0:
            return format_date(d.doc_date)
        if col == 1:
            return d.ref
        if col == 2:
            return self.tr("Thu") if d.kind == "thu" else self.tr("Chi")
        if col == 3:
            return d.reason + (" " + self.tr("(đã hủy)") if d.voided else "")
        if col == 4:
            return d.person_name
        if col in (5, 6):
            amount = line.amount_in if col == 5 else line.amount_out
            if d.voided and (d.kind == "thu") == (col == 5):
                amount = d.amount  # shown struck out: not counted
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
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col in (0, 1, 2):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.doc.voided:
                return QColor("#9a9a9a")
            if col == 7 and line.balance < 0:
                return QColor("#c62828")  # cash on hand below zero: something is missing
        if role == Qt.ItemDataRole.FontRole and line.doc.voided and col != 7:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            d = line.doc
            tip = term(d.category_label)
            if d.voided:
                tip += "\n" + self.tr("Đã hủy ngày {0}: {1}").format(format_date(d.void_date), d.void_reason or "")
            return tip
        if role == Qt.ItemDataRole.UserRole:
            return line.doc
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(HEADERS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def doc(self, row: int) -> DocInfo | None:
        return self.rows[row].doc if 0 <= row < len(self.rows) else None


class CashPage(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.cash = CashService(state.ctx)
        self.documents = Documents(state.ctx)
        self.book: CashBookData | None = None
        self.preview: PrintPreviewDialog | None = None
        self.task: Task | None = None  # the print job running
        self._generation = 0
        self._select_after: set[str] = set()
        self._tmp = tempfile.TemporaryDirectory(prefix="congdoan-in-", ignore_cleanup_errors=True)
        self.setObjectName("cashPage")

        self.date_from = self._date_edit("dateFrom")
        self.date_to = self._date_edit("dateTo")
        self.month_button = QPushButton(self.tr("Tháng này"), objectName="thisMonth")
        self.quarter_button = QPushButton(self.tr("Quý này"), objectName="thisQuarter")
        self.year_button = QPushButton(self.tr("Năm nay"), objectName="thisYear")
        self.kind_filter = QComboBox(objectName="kindFilter")
        self.kind_filter.addItem(self.tr("Tất cả"), None)
        self.kind_filter.addItem(self.tr("Phiếu thu"), "thu")
        self.kind_filter.addItem(self.tr("Phiếu chi"), "chi")
        self.income_button = QPushButton(self.tr("Lập phiếu thu…"), objectName="newReceipt")
        self.spending_button = QPushButton(self.tr("Lập phiếu chi…"), objectName="newPayment")
        self.void_button = QPushButton(self.tr("Hủy phiếu…"), objectName="voidDoc")
        self.print_docs_button = QPushButton(self.tr("In phiếu…"), objectName="printDocs")
        menu = QMenu(self.print_docs_button)
        menu.addAction(self.tr("Khổ A5 ngang, mỗi phiếu một trang"), lambda: self.print_receipts("a5"))
        menu.addAction(self.tr("Hai phiếu trên một tờ A4"), lambda: self.print_receipts("a4x2"))
        self.print_docs_button.setMenu(menu)
        self.print_book_button = QPushButton(self.tr("In sổ quỹ…"), objectName="printCashBook")

        self.model = CashBookModel(self)
        self.table = list_table("cashTable", multi=True)
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        for col, width in enumerate((90, 130, 50, 300, 200, 110, 110, 120)):
            self.table.setColumnWidth(col, width)
        stretch(self.table, 3)  # Nội dung
        self.table.doubleClicked.connect(lambda _i: self.print_receipts("a5"))

        self.values = {key: QLabel(objectName=f"{key}Value") for key in ("opening", "income", "spending", "closing")}
        captions = {"opening": self.tr("Tồn đầu kỳ:"), "income": self.tr("Tổng thu:"),
                    "spending": self.tr("Tổng chi:"), "closing": self.tr("Tồn cuối kỳ:")}
        self.summary = QFrame(objectName="cashSummary")
        self.summary.setStyleSheet("QFrame#cashSummary { background: #f1f5f9; border: 1px solid #cfd8dc; }")
        summary = QHBoxLayout(self.summary)
        summary.setContentsMargins(10, 6, 10, 6)
        for key, label in self.values.items():
            label.setStyleSheet("font-weight: bold;")
            summary.addWidget(QLabel(captions[key]))
            summary.addWidget(label)
            summary.addSpacing(28)
        summary.addStretch(1)
        self.count_label = QLabel(objectName="cashCount")
        summary.addWidget(self.count_label)
        self.progress = QProgressBar(objectName="cashProgress", visible=False)
        self.progress.setMaximumWidth(220)
        self.stop_button = QPushButton(self.tr("Dừng"), objectName="stopCashTask", visible=False)
        self.stop_button.clicked.connect(self.cancel_task)

        period = QHBoxLayout()
        for w in (QLabel(self.tr("Từ ngày:")), self.date_from, QLabel(self.tr("đến ngày:")), self.date_to,
                  self.month_button, self.quarter_button, self.year_button):
            period.addWidget(w)
        period.addSpacing(16)
        period.addWidget(QLabel(self.tr("Loại phiếu:")))
        period.addWidget(self.kind_filter)
        period.addStretch(1)
        actions = QHBoxLayout()
        for b in (self.income_button, self.spending_button, self.void_button, self.print_docs_button,
                  self.print_book_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.progress)
        actions.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.empty = EmptyState("cashEmpty")
        self.empty.setVisible(False)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.summary)

        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.reload)
        self.date_from.dateChanged.connect(self._timer.start)
        self.date_to.dateChanged.connect(self._timer.start)
        self.month_button.clicked.connect(lambda: self.set_period("month"))
        self.quarter_button.clicked.connect(lambda: self.set_period("quarter"))
        self.year_button.clicked.connect(lambda: self.set_period("year"))
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.income_button.clicked.connect(lambda: self.new_doc("thu"))
        self.spending_button.clicked.connect(lambda: self.new_doc("chi"))
        self.void_button.clicked.connect(self.void_selected)
        self.print_book_button.clicked.connect(self.print_cash_book)
        state.data_changed.connect(self._on_data_changed)
        self.set_period("month")
        self.table.setFocus()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    # ---- the period and the list ---------------------------------------------------
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

    def reload(self) -> None:
        self._timer.stop()
        first, last = self.period()
        self._generation += 1
        generation = self._generation
        if first > last:
            self.book = None
            self._show_rows()
            self.count_label.setText(self.tr("Ngày bắt đầu sau ngày kết thúc: chọn lại khoảng thời gian."))
            return
        cash = self.cash
        self.state.runner.submit("cash-book", lambda _c: cash.cash_book(first, last),
                                 on_done=lambda book: self._loaded(generation, book),
                                 on_error=lambda exc: show_error(self, exc, self.tr("Không đọc được sổ quỹ")))

    def _loaded(self, generation: int, book: CashBookData) -> None:
        if generation != self._generation:
            return  # an older request: the period changed meanwhile
        self.book = book
        self._show_rows(self._select_after or None)
        self._select_after = set()

    def _show_rows(self, select: set[str] | None = None) -> None:
        keep = select or {d.id for d in self.selected_docs()}
        book = self.book
        kind = self.kind_filter.currentData()
        lines = [l for l in book.lines if kind is None or l.doc.kind == kind] if book else []
        self.model.set_rows(lines)
        money = {"opening": book.opening, "income": book.total_in, "spending": book.total_out,
                 "closing": book.closing} if book else {}
        for key, label in self.values.items():
            label.setText(format_money(money[key]) if book else "")
            negative = bool(book) and money[key] < 0
            label.setStyleSheet("font-weight: bold;" + (" color: #c62828;" if negative else ""))
        if book and book.closing < 0:
            self.values["closing"].setToolTip(self.tr("Tồn quỹ âm: kiểm tra lại các phiếu thu chưa ghi sổ."))
        voided = sum(1 for l in lines if l.doc.voided)
        text = self.tr("{0} phiếu").format(count(len(lines)))
        if voided:
            text += " " + self.tr("({0} đã hủy)").format(voided)
        self.count_label.setText(text)
        self._show_empty(book, lines)
        self.select_ids(keep)

    def _show_empty(self, book: CashBookData | None, lines: list[CashBookLine]) -> None:
        """An empty period says why, and offers the next step."""
        if book is not None and not book.lines:
            first, last = self.period()
            self.empty.set_message(
                self.tr("Chưa có phiếu thu, phiếu chi nào từ {0} đến {1}").format(format_date(first), format_date(last)),
                self.tr("Mỗi khoản tiền mặt nhận vào hoặc chi ra được ghi bằng một phiếu thu (C40\u2011BB) hoặc phiếu chi "
                        "(C41\u2011BB); sổ quỹ tính tồn quỹ từ các phiếu đó. Đoàn phí thu ở trang Đoàn phí tự lập phiếu "
                        "thu. Chọn khoảng thời gian khác ở trên để xem các phiếu đã ghi."),
                self.tr("Lập phiếu thu…"), lambda: self.new_doc("thu"))
        elif book is not None and not lines:
            self.empty.set_message(
                self.tr("Không có {0} nào trong khoảng thời gian này").format(self.kind_filter.currentText().lower()),
                self.tr("Khoảng thời gian này có {0} phiếu loại khác.").format(count(len(book.lines))),
                self.tr("Xem tất cả các phiếu"), lambda: self.kind_filter.setCurrentIndex(0))
        show_empty(self.empty, self.table, book is not None and not lines)

    def _on_data_changed(self, what: set) -> None:
        if what & {"cash", "dues"}:
            self.reload()

    def selected_docs(self) -> list[DocInfo]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [d for d in (self.model.doc(r) for r in rows) if d is not None]

    def select_ids(self, ids: set[str]) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        for r, line in enumerate(self.model.rows):
            if line.doc.id in ids:
                sel.select(self.model.index(r, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(r, 0))

    # ---- writing -------------------------------------------------------------------
    def new_doc(self, kind: str) -> CashDocDialog:
        dialog = CashDocDialog(self.state, kind, self)
        dialog.saved.connect(lambda doc: self._select_after.add(doc.id))
        dialog.open()
        return dialog

    def void_selected(self) -> VoidDialog | None:
        docs = self.selected_docs()
        if len(docs) != 1:
            inform(self, self.tr("Hủy phiếu"), self.tr("Chọn một phiếu trong bảng để hủy."))
            return None
        dialog = VoidDialog(self.state, docs[0], self)
        dialog.voided.connect(lambda doc: self._select_after.add(doc.id))
        dialog.open()
        return dialog

    # ---- printing ------------------------------------------------------------------
    def _out(self, name: str) -> Path:
        return Path(self._tmp.name) / f"{name}-{datetime.now():%Y%m%d-%H%M%S-%f}.pdf"

    def print_receipts(self, layout: str = "a5"):
        docs = self.selected_docs()
        if not docs:
            inform(self, self.tr("In phiếu"), self.tr("Chọn các phiếu cần in trong bảng "
                                                       "(giữ Ctrl hoặc Shift để chọn nhiều phiếu)."))
            return None
        if len(docs) == 1:
            d = docs[0]
            title = (self.tr("Phiếu thu số {0}") if d.kind == "thu" else self.tr("Phiếu chi số {0}")).format(d.ref)
            name = ("phieu-thu-" if d.kind == "thu" else "phieu-chi-") + d.ref.replace("/", "-")
        else:
            title, name = self.tr("{0} phiếu thu, phiếu chi").format(count(len(docs))), "phieu-thu-chi"
        out, documents = self._out(name), self.documents
        return self._run_print(title, out, lambda c: documents.receipts(docs, out, layout=layout, progress=c.progress))

    def print_cash_book(self):
        first, last = self.period()
        if first > last:
            return None
        out, documents = self._out(f"so-quy-{first:%d%m%Y}-{last:%d%m%Y}"), self.documents
        title = self.tr("Sổ quỹ tiền mặt từ {0} đến {1}").format(format_date(first), format_date(last))
        return self._run_print(title, out, lambda c: documents.cash_book(first, last, out))

    def _run_print(self, title: str, out: Path, make):
        if self.task is not None and not self.task.finished:
            return None
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Đang chuẩn bị bản in… %p%"))
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)

        def work(control):
            make(control)
            return None if control.cancelled() else out

        self.task = self.state.runner.submit("print", work, on_done=lambda path: self._printed(path, title),
                                             on_error=self._print_failed, on_progress=self._progressed)
        return self.task

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

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
