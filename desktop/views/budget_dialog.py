"""Báo cáo → Dự toán năm: the budget estimate (B14-TLĐ) line by line: last year's actual,
this year's estimate (the app's proposal until someone types over it) and what the upper
level approved, with a note. Lưu writes every changed line in one transaction; a cleared
estimate goes back to the proposal. Totals follow their lines after Lưu. Saved as PDF or
Excel from here too."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.services.core.errors import ValidationError
from desktop.services.core.money import MoneyFormatError, format_money, parse_money
from desktop.services.core.permissions import can
from desktop.services.reports import Budget, BudgetRow, BudgetService, LineEdit, save_budget
from desktop.views.app_state import AppState
from desktop.views.errors import message_for

COLUMNS = ("Dòng", "Nội dung", "Ước thực hiện năm trước", "Dự toán", "Cấp trên duyệt", "Ghi chú")
EDITABLE = (3, 4, 5)
EDITED = QColor("#1565c0")  # typed by a person, apart from the app's proposal


def figure(v: int | None, unit: str) -> str:
    if v is None:
        return ""
    return format_money(v, unit=False) if unit == "đồng" else f"{v:,}".replace(",", ".")


class BudgetDialog(QDialog):
    loaded = Signal()
    saved = Signal(str)

    def __init__(self, state: AppState, year: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.service = BudgetService(state.ctx)
        self.budget: Budget | None = None
        self.shown: dict[tuple[str, int], str] = {}  # what each editable cell showed when loaded
        self.setObjectName("budgetDialog")
        self.setWindowTitle(self.tr("Dự toán thu, chi tài chính công đoàn"))
        self.resize(1100, 640)
        self.year = QSpinBox(objectName="budgetYear")
        self.year.setRange(2000, date.today().year + 1)
        self.year.setValue(year or date.today().year + 1)
        self.table = QTableWidget(0, len(COLUMNS), objectName="budgetTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 50), (2, 150), (3, 140), (4, 140), (5, 180)):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.notes = QLabel(objectName="budgetNotes", wordWrap=True)
        self.error = QLabel(objectName="budgetError", wordWrap=True, styleSheet="color: #c62828")
        self.save_button = QPushButton(self.tr("Lưu"), objectName="budgetSave")
        self.pdf_button = QPushButton(self.tr("Lưu PDF…"), objectName="budgetPdf")
        self.xlsx_button = QPushButton(self.tr("Lưu Excel…"), objectName="budgetXlsx")
        close = QPushButton(self.tr("Đóng"), objectName="budgetClose")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Dự toán năm:")))
        top.addWidget(self.year)
        top.addWidget(QLabel(self.tr(
            "Số màu xanh do người sửa; các số khác phần mềm đề xuất từ sổ sách và đoàn viên. Xóa ô dự toán để "
            "trở lại số đề xuất. Dòng cộng tự tính khi Lưu.")), 1)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.editable = can(state.ctx, "money")
        self.save_button.setEnabled(self.editable)
        self.year.valueChanged.connect(self.load)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(lambda: self.choose_file(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.choose_file(".xlsx"))
        close.clicked.connect(self.accept)
        # Another PC's edit arriving by sync, or money recorded meanwhile: shown, unless
        # the table holds figures not yet saved.
        state.data_changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"budget", "cash", "bank", "dues", "members"} and not self.dirty():
            self.load()

    def dirty(self) -> bool:
        if self.budget is None:
            return False
        for r, row in enumerate(self.budget.rows):
            for c in EDITABLE:
                shown = self.shown.get((row.code, c))
                item = self.table.item(r, c)
                if shown is not None and item is not None and item.text() != shown:
                    return True
        return False

    # ---- loading -------------------------------------------------------------------
    def load(self) -> None:
        service, year = self.service, self.year.value()
        self.error.clear()
        self.state.runner.submit("budget", lambda _c: service.show(year), on_done=self._show, on_error=self._failed,
                                 read_only=True)

    def _item(self, text: str, row: BudgetRow, col: int) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if col >= 2 and col != 5:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not (self.editable and row.line.editable and col in EDITABLE):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if row.line.heading or row.line.total:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        if col == 3 and row.edited:
            item.setForeground(EDITED)
        if col == 1:
            item.setToolTip(f"{row.line.label}\n{self.tr('Căn cứ')}: {row.line.source}")
        elif col == 3 and row.line.editable:
            item.setToolTip(self.tr("Đề xuất: {0} ({1})").format(figure(row.proposed, row.line.unit), row.how))
        return item

    def _show(self, b: Budget) -> None:
        self.budget = b
        self.shown.clear()
        self.table.setRowCount(len(b.rows))
        for r, row in enumerate(b.rows):
            unit = row.line.unit
            label = row.line.label + (f" ({unit})" if row.line.part == "A" else "")
            texts = (row.code if row.line.editable else "", label, figure(row.actual, unit),
                     figure(row.estimate, unit), figure(row.approved, unit), row.note or "")
            for c, text in enumerate(texts):
                self.table.setItem(r, c, self._item(text, row, c))
                if row.line.editable and c in EDITABLE:
                    self.shown[(row.code, c)] = text
        self.notes.setText("\n".join(b.notes))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(message_for(exc))

    # ---- saving --------------------------------------------------------------------
    def _amount(self, text: str, row: BudgetRow, what: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        if text.startswith("-"):
            raise ValidationError({row.code: self.tr("Dòng {0}: {1} không được âm.").format(row.code, what)})
        try:
            value = parse_money(text)
        except MoneyFormatError:
            value = None
        if value is None:
            raise ValidationError({row.code: self.tr("Dòng {0}: không đọc được {1} “{2}”.").format(row.code, what,
                                                                                              text)})
        return value

    def edits(self) -> list[LineEdit]:
        """The lines as the table shows them: an estimate not touched keeps what it was
        (typed, or the proposal), a cleared one goes back to the proposal."""
        if self.budget is None:
            return []
        out = []
        for r, row in enumerate(self.budget.rows):
            if not row.line.editable:
                continue
            cell = [self.table.item(r, c).text() for c in EDITABLE]
            if cell[0] == self.shown[(row.code, 3)]:
                estimate = row.estimate if row.edited else None
            else:
                estimate = self._amount(cell[0], row, self.tr("số dự toán"))
            approved = self._amount(cell[1], row, self.tr("số cấp trên duyệt"))
            out.append(LineEdit(row.code, estimate, approved, cell[2].strip() or None))
        return out

    def save(self) -> None:
        try:
            edits = self.edits()
        except ValidationError as e:
            self.error.setText(" ".join(e.errors.values()))
            return
        service, year = self.service, self.year.value()
        self.error.clear()
        self.state.runner.submit("save-budget", lambda _c: service.save(year, edits), on_done=self._saved,
                                 on_error=self._failed)

    def _saved(self, b: Budget) -> None:
        self._show(b)
        self.saved.emit("")

    def choose_file(self, suffix: str) -> None:
        name = f"du-toan-{self.year.value()}{suffix}"
        kind = self.tr("Tệp PDF (*.pdf)") if suffix == ".pdf" else self.tr("Tệp Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu dự toán"), name, kind)
        if path:
            self.save_to(path if path.lower().endswith(suffix) else path + suffix)

    def save_to(self, path: str) -> None:
        ctx, year = self.state.ctx, self.year.value()
        self.state.runner.submit("save-budget-file", lambda _c: save_budget(ctx, year, path),
                                 on_done=lambda p: self.saved.emit(str(p)), on_error=self._failed)
