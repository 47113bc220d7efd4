"""Settings → Tài khoản kế toán: the account pair (Nợ / Có) each kind of income and
spending prints, cash and bank apart; the unit sets its own or goes back to the app's.
Acts at once, like the law tab: the dialog's Lưu is not about it."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop.services.cash import AccountPairs, PairInfo
from desktop.services.core.permissions import can
from desktop.views.app_state import AppState
from desktop.views.errors import message_for


class AccountPairsForm(QWidget):
    acts_at_once = True  # its own buttons save: the dialog shows Đóng, not Lưu

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.pairs = AccountPairs(state.ctx)
        self.rows: list[PairInfo] = []
        self.table = QTableWidget(0, 5, objectName="pairsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Loại thu/chi"), self.tr("Tiền ở"), self.tr("Nợ"),
                                              self.tr("Có"), self.tr("Căn cứ")])
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(1, 70)
        self.table.setColumnWidth(2, 60)
        self.table.setColumnWidth(3, 60)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.debit = QLineEdit(objectName="pairDebit", maxLength=20)
        self.credit = QLineEdit(objectName="pairCredit", maxLength=20)
        self.note = QLineEdit(objectName="pairNote")
        self.note.setPlaceholderText(self.tr("căn cứ, ví dụ hướng dẫn số … của LĐLĐ tỉnh"))
        self.save_button = QPushButton(self.tr("Lưu cặp tài khoản"), objectName="savePair")
        self.reset_button = QPushButton(self.tr("Trở lại cặp đề xuất"), objectName="resetPair")
        self.error = QLabel(objectName="pairError", wordWrap=True, styleSheet="color: #c62828")
        accounts = QHBoxLayout()
        accounts.addWidget(QLabel(self.tr("Nợ:")))
        accounts.addWidget(self.debit)
        accounts.addWidget(QLabel(self.tr("Có:")))
        accounts.addWidget(self.credit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Tài khoản:"), accounts)
        form.addRow(self.tr("Căn cứ:"), self.note)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Mỗi phiếu thu, phiếu chi và bút toán tiền gửi in cặp tài khoản của loại thu/chi của nó. Cặp đề xuất "
            "chưa được xác nhận từ văn bản: hãy sửa theo hướng dẫn của công đoàn cấp trên. Cặp mới áp dụng cho "
            "các phiếu lập từ nay; phiếu đã lập giữ cặp đã in. Nộp, rút tiền gửi theo quy định, không sửa."),
            wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.editable = can(state.ctx, "money")  # the accountant's, as the documents are
        self.table.itemSelectionChanged.connect(self._selected)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        state.data_changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if "cash" in kinds:
            self.load()

    def load(self) -> None:
        current = self._current()
        self.rows = self.pairs.list()
        self.table.setRowCount(len(self.rows))
        for r, p in enumerate(self.rows):
            for c, text in enumerate((p.label, p.place_label, p.debit, p.credit, p.note)):
                item = QTableWidgetItem(text)
                item.setToolTip(p.note if c == 4 else text)
                if p.changed:
                    item.setForeground(QColor("#1565c0"))  # the unit's own, apart from the app's
                elif p.seeded is None:
                    item.setForeground(QColor("#6b6b6b"))  # set by law
                self.table.setItem(r, c, item)
        keys = [(p.kind, p.place) for p in self.rows]
        self.table.selectRow(keys.index(current) if current in keys else 0)
        self._selected()

    def _current(self) -> tuple[str, str] | None:
        row = self.table.currentRow()
        return (self.rows[row].kind, self.rows[row].place) if 0 <= row < len(self.rows) else None

    def _selected(self) -> None:
        row = self.table.currentRow()
        p = self.rows[row] if 0 <= row < len(self.rows) else None
        law = p is None or p.seeded is None
        self.debit.setText(p.debit if p else "")
        self.credit.setText(p.credit if p else "")
        self.note.setText(p.note if p and p.changed else "")
        for w in (self.debit, self.credit, self.note, self.save_button):
            w.setEnabled(self.editable and not law)
        self.reset_button.setEnabled(self.editable and p is not None and p.changed)
        self.error.clear()

    def save(self) -> None:
        key = self._current()
        if key is None:
            return
        pairs, (debit, credit, note) = self.pairs, (self.debit.text(), self.credit.text(), self.note.text())
        self.state.runner.submit("save-pair", lambda _c: pairs.set(*key, debit, credit, note),
                                 on_done=lambda _p: self.load(), on_error=self._failed)

    def reset(self) -> None:
        key = self._current()
        if key is None:
            return
        pairs = self.pairs
        self.state.runner.submit("reset-pair", lambda _c: pairs.reset(*key), on_done=lambda _p: self.load(),
                                 on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(message_for(exc) or str(exc))
