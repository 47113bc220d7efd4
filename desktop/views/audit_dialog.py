"""Nhật ký thay đổi: who changed what, newest first, searchable; for the chair.

The list loads one page at a time (fetchMore) on the worker, so 100,000+ rows open at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from desktop.services.audit.log import TABLE_LABELS, AuditQuery, AuditService
from desktop.views.app_state import AppState
from desktop.views.errors import message_for
from desktop.views.formatting import count

PAGE = 200


class AuditModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.total = 0
        self.fetch: Callable[[int], None] | None = None  # set by the dialog: asks the worker for the next page
        self.headers = [self.tr("Thời gian"), self.tr("Người làm"), self.tr("Loại dữ liệu"), self.tr("Bản ghi"),
                        self.tr("Thao tác"), self.tr("Trường"), self.tr("Giá trị cũ"), self.tr("Giá trị mới")]

    def reset(self, total: int, rows: list) -> None:
        self.beginResetModel()
        self.total, self.rows = total, list(rows)
        self.endResetModel()

    def append(self, rows: list) -> None:
        if not rows:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if self.fetch:
            self.fetch(len(self.rows))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        r = self.rows[index.row()]
        local = r.at + timedelta(hours=7)  # the log is UTC; Vietnam is UTC+7
        values = (local.strftime("%d/%m/%Y %H:%M:%S"), r.user_name or "", r.table_label, r.label or r.row_id or "",
                  r.action_label, r.field_label, r.old_text, r.new_text)
        return values[index.column()]


class AuditDialog(QDialog):
    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Nhật ký thay đổi"))
        self.resize(1100, 600)
        self.state = state
        self.service = AuditService(state.ctx)
        self.generation = 0
        self.loading = False

        self.search = QLineEdit(objectName="auditSearch", placeholderText=self.tr("Tên đoàn viên, mã bản ghi, giá trị…"))
        self.table_filter = QComboBox(objectName="auditTable")
        self.table_filter.addItem(self.tr("Mọi loại dữ liệu"), None)
        for key, label in sorted(TABLE_LABELS.items(), key=lambda kv: kv[1]):
            self.table_filter.addItem(label, key)
        self.user_filter = QComboBox(objectName="auditUser")
        self.user_filter.addItem(self.tr("Mọi người"), None)
        self.use_dates = QCheckBox(self.tr("Từ ngày"), objectName="auditUseDates")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1), objectName="auditFrom", calendarPopup=True,
                                   displayFormat="dd/MM/yyyy")
        self.date_to = QDateEdit(today, objectName="auditTo", calendarPopup=True, displayFormat="dd/MM/yyyy")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.table_filter, 1)
        filters.addWidget(self.user_filter, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("đến")))
        filters.addWidget(self.date_to)

        self.model = AuditModel(self)
        self.model.fetch = self._fetch
        self.view = QTableView(objectName="auditView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 90, 130, 190, 110, 110, 150)):
            self.view.setColumnWidth(col, width)
        self.status = QLabel(objectName="auditStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self.debounce = QTimer(self, singleShot=True, interval=300, timeout=self.reload)
        self.search.textChanged.connect(self.debounce.start)
        for combo in (self.table_filter, self.user_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.use_dates.toggled.connect(self.reload)
        self.date_from.dateChanged.connect(self.reload)
        self.date_to.dateChanged.connect(self.reload)
        state.runner.submit("audit-users", lambda _c: self.service.users(), on_done=self._users)
        self.reload()

    def _users(self, users: list[str]) -> None:
        for u in users:
            self.user_filter.addItem(u, u)

    def query(self) -> AuditQuery:
        dates = self.use_dates.isChecked()
        return AuditQuery(search=self.search.text(), tbl=self.table_filter.currentData(),
                          user=self.user_filter.currentData(),
                          date_from=self.date_from.date().toPython() if dates else None,
                          date_to=self.date_to.date().toPython() if dates else None)

    def reload(self) -> None:
        self.generation += 1
        gen, q, svc = self.generation, self.query(), self.service
        self.loading = True
        self.state.runner.submit("audit-page", lambda _c: (svc.count(q), svc.page(q, 0, PAGE)),
                                 on_done=lambda res: self._loaded(gen, res), on_error=self._failed)

    def _loaded(self, gen: int, result) -> None:
        if gen != self.generation:
            return
        total, rows = result
        self.loading = False
        self.model.reset(total, rows)
        self.status.setText(self.tr("{0} thay đổi").format(count(total)))

    def _fetch(self, offset: int) -> None:
        if self.loading:
            return
        self.loading = True
        gen, q, svc = self.generation, self.query(), self.service
        self.state.runner.submit("audit-more", lambda _c: svc.page(q, offset, PAGE),
                                 on_done=lambda rows: self._more(gen, rows), on_error=self._failed)

    def _more(self, gen: int, rows) -> None:
        if gen != self.generation:
            return
        self.loading = False
        self.model.append(rows)

    def _failed(self, exc) -> None:
        self.loading = False
        self.status.setText(message_for(exc))
