"""Pick a phiếu chi already in the cash book (made on the Thu chi page before the
activity was entered) to link it to an activity."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cash.service import DocInfo
from desktop.views.formatting import format_date, format_money


class VoucherPicker(QDialog):
    def __init__(self, vouchers: list[DocInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gắn phiếu chi có sẵn"))
        self.vouchers = vouchers
        self.table = QTableWidget(len(vouchers), 5, objectName="voucherTable")
        self.table.setHorizontalHeaderLabels([self.tr("Số phiếu chi"), self.tr("Ngày"), self.tr("Người nhận"),
                                              self.tr("Nội dung"), self.tr("Số tiền")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for r, doc in enumerate(vouchers):
            cells = (doc.ref, format_date(doc.doc_date), doc.person_name, doc.reason,
                     format_money(doc.amount, unit=False))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.accept)
        hint = QLabel(self.tr("Các phiếu chi chưa gắn với hoạt động nào, mới nhất trước.") if vouchers else
                      self.tr("Sổ quỹ không có phiếu chi nào chưa gắn với hoạt động."), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Gắn phiếu này"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def chosen(self) -> DocInfo | None:
        row = self.table.currentRow()
        return self.vouchers[row] if 0 <= row < len(self.vouchers) and self.table.selectedItems() else None
