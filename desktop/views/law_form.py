"""The dues law as the app knows it (dated rows), and a form to add a new lương cơ sở or
remittance share when a new decree comes out."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.money import MoneyFormatError, parse_money
from desktop.services.dues.law import LawService
from desktop.views.app_state import AppState
from desktop.views.errors import message_for


class LawForm(QWidget):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.law = LawService(state.ctx)
        self.table = QTableWidget(0, 3, objectName="lawTable")
        self.table.setHorizontalHeaderLabels([self.tr("Từ ngày"), self.tr("Quy định"), self.tr("Văn bản")])
        self.table.setColumnWidth(1, 330)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.kind = QComboBox(objectName="lawKind")
        self.kind.addItem(self.tr("Lương cơ sở mới (đồng/tháng)"), "base_salary")
        self.kind.addItem(self.tr("Tỷ lệ nộp cấp trên mới (%)"), "remit_rule")
        self.effective = QDateEdit(objectName="lawFrom")
        self.effective.setDisplayFormat("dd/MM/yyyy")
        self.effective.setDate(QDate.currentDate())
        self.value = QLineEdit(objectName="lawValue")
        self.source = QLineEdit(objectName="lawSource")
        self.source.setPlaceholderText(self.tr("văn bản, ví dụ NĐ 161/2026/NĐ-CP"))
        self.add_button = QPushButton(self.tr("Thêm quy định"), objectName="addLaw")
        self.error = QLabel(objectName="lawError", wordWrap=True, styleSheet="color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("Loại:"), self.kind)
        row = QHBoxLayout()
        row.addWidget(self.effective)
        row.addWidget(self.value, 1)
        form.addRow(self.tr("Hiệu lực từ / mức:"), row)
        form.addRow(self.tr("Văn bản:"), self.source)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Đoàn phí của mỗi tháng được tính theo quy định có hiệu lực trong tháng đó. "
                              "Khi có nghị định, quyết định mới, thêm một dòng; không sửa dòng cũ."), wordWrap=True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add)
        self.load()

    def load(self) -> None:
        rows = self.law.rows()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.effective_from.strftime("%d/%m/%Y"), row.text, row.source)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def add(self) -> None:
        d = self.effective.date()
        from datetime import date
        when, kind, source, law = date(d.year(), d.month(), d.day()), self.kind.currentData(), self.source.text(), self.law
        if kind == "base_salary":
            try:
                amount = parse_money(self.value.text())
            except MoneyFormatError:
                amount = None
            if not amount:
                self.error.setText(self.tr("Nhập mức lương cơ sở, ví dụ 2.530.000."))
                return
            work = lambda _c: law.add_base_salary(when, amount, source)
        else:
            share = self.value.text()
            work = lambda _c: law.add_remit_rule(when, share, source)

        def done(_):
            self.error.clear()
            self.value.clear()
            self.load()

        self.state.runner.submit("add-law", work, on_done=done, on_error=lambda e: self.error.setText(message_for(e) or str(e)))
