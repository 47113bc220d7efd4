"""The "Cần xem xét" page: what sync could not settle on its own. Above, the fields two
PCs changed between two syncs (the later change was kept; the other value is shown so
that the treasurer can put it back if it was the right one), marked "Đã xem" once
checked. Below, the changes the server refused, with its reason and "Gửi lại"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.sync.service import ConflictInfo, RejectedChange, SyncService
from desktop.views.app_state import AppState
from desktop.views.errors import show_error
from desktop.views.formatting import count, term
from desktop.views.sync_runner import SyncRunner
from desktop.views.widgets import list_table, stretch

CONTEXT = "ReviewPage"
CONFLICT_HEADERS = [QT_TRANSLATE_NOOP("ReviewPage", "Hồ sơ"), QT_TRANSLATE_NOOP("ReviewPage", "Thông tin"),
                    QT_TRANSLATE_NOOP("ReviewPage", "Giá trị được giữ"), QT_TRANSLATE_NOOP("ReviewPage", "Sửa ở máy"),
                    QT_TRANSLATE_NOOP("ReviewPage", "Giá trị không được giữ"), QT_TRANSLATE_NOOP("ReviewPage", "Sửa ở máy"),
                    QT_TRANSLATE_NOOP("ReviewPage", "Lúc")]
REJECTED_HEADERS = [QT_TRANSLATE_NOOP("ReviewPage", "Loại dữ liệu"),
                    QT_TRANSLATE_NOOP("ReviewPage", "Lý do máy chủ không nhận")]
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def device_label(name: str) -> str:
    """The service names this PC; another PC arrives as its id, shown as "Máy khác"."""
    if name == "Máy này":
        return QCoreApplication.translate("ReviewPage", "Máy này")
    if name.lower() == "máy chủ":
        return QCoreApplication.translate("ReviewPage", "Máy chủ")
    if _UUID.match(name or ""):
        return QCoreApplication.translate("ReviewPage", "Máy khác")
    return name


def when(created_at: str) -> str:
    """The server's UTC time of a conflict on this PC's clock, dd/mm/yyyy hh:mm."""
    try:
        t = datetime.fromisoformat(created_at).replace(tzinfo=UTC).astimezone()
    except ValueError:
        return created_at
    return t.strftime("%d/%m/%Y %H:%M")


class RowsModel(QAbstractTableModel):
    """Read-only rows of frozen dataclasses, one function per column."""

    def __init__(self, headers: Sequence[object], cells, parent=None) -> None:
        super().__init__(parent)
        self.headers, self.cells = headers, cells  # headers: QT_TRANSLATE_NOOP's strings
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text, tip = self.cells(row, index.column())
            return text if role == Qt.ItemDataRole.DisplayRole else (tip or text or None)
        if role == Qt.ItemDataRole.ForegroundRole and getattr(row, "reviewed", False):
            return QColor("#8a8a8a")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _tr(self.headers[section]) if orientation == Qt.Orientation.Horizontal else str(section + 1)


def is_problem(c: ConflictInfo) -> bool:
    """Not two edits but a pulled row this PC could not store (the service logs it with
    the database's own words, which are for the log, not for the treasurer)."""
    return c.field == "(cả dòng)" and c.kept_device.lower() == "máy chủ"


def conflict_cell(c: ConflictInfo, col: int) -> tuple[str, str | None]:
    if col == 0:
        named = c.record_label and not c.row_id.endswith(c.record_label)
        return (c.record_label if named else term(c.what)), term(c.what) + "\n" + c.row_id
    if col == 1:
        if c.field == "(cả dòng)":
            return QCoreApplication.translate("ReviewPage", "Cả bản ghi"), None
        return term(c.field), None
    if col == 2:
        if is_problem(c):
            return (QCoreApplication.translate("ReviewPage", "Không lưu được vào máy này"),
                    QCoreApplication.translate("ReviewPage", "Dữ liệu nhận từ máy chủ không lưu được vào máy này. "
                                               "Hãy báo người quản trị; chi tiết kỹ thuật:") + "\n" + c.kept_value)
        return c.kept_value, None
    if col == 3:
        return device_label(c.kept_device), c.kept_device
    if col == 4:
        return c.lost_value, None
    if col == 5:
        return device_label(c.lost_device), c.lost_device
    return when(c.created_at), QCoreApplication.translate("ReviewPage", "Đã xem") if c.reviewed else None


def rejected_cell(r: RejectedChange, col: int) -> tuple[str, str | None]:
    if col == 0:
        return term(r.what), r.row_id
    return r.reason, r.reason


class ReviewPage(QWidget):
    def __init__(self, state: AppState, runner: SyncRunner | None = None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner or SyncRunner.of(state)
        self.service = SyncService(state.ctx)
        self.setObjectName("reviewPage")
        self._request = 0
        self._nav_item: QListWidgetItem | None = None
        self.loaded = False

        self.conflicts = RowsModel(CONFLICT_HEADERS, conflict_cell, self)
        self.conflict_table = list_table("conflictTable", multi=True)
        self.conflict_table.setModel(self.conflicts)
        self.conflict_table.setWordWrap(False)
        for col, width in enumerate((190, 130, 170, 90, 170, 90, 120)):
            self.conflict_table.setColumnWidth(col, width)
        for col in (3, 5):  # the PCs that made each change: their names shown whole
            stretch(self.conflict_table, col)
        self.review_button = QPushButton(self.tr("Đã xem"), objectName="markReviewed")
        self.review_button.setToolTip(self.tr("Đánh dấu các dòng đã chọn là đã kiểm tra"))
        self.show_reviewed = QCheckBox(self.tr("Hiện cả những mục đã xem"), objectName="showReviewed")
        self.conflict_count = QLabel(objectName="conflictCount")

        self.rejected = RowsModel(REJECTED_HEADERS, rejected_cell, self)
        self.rejected_table = list_table("rejectedTable")
        self.rejected_table.setModel(self.rejected)
        self.rejected_table.setColumnWidth(0, 190)
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.retry_button = QPushButton(self.tr("Gửi lại"), objectName="retryRejected")
        self.retry_button.setToolTip(self.tr("Gửi lại tất cả các thay đổi này ở lần đồng bộ ngay sau đây"))
        self.rejected_count = QLabel(objectName="rejectedCount")

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self._title(self.tr("Thông tin bị sửa trên hai máy cùng lúc")))
        tl.addWidget(self._note(self.tr(
            "Hai máy đã sửa cùng một thông tin trước khi kịp đồng bộ. Sổ Công đoàn giữ giá trị sửa sau cùng. "
            "Hãy kiểm tra từng dòng: nếu giá trị không được giữ mới đúng, hãy sửa lại hồ sơ; rồi chọn các dòng và "
            "bấm “Đã xem”.")))
        bar = QHBoxLayout()
        bar.addWidget(self.review_button)
        bar.addWidget(self.show_reviewed)
        bar.addStretch(1)
        bar.addWidget(self.conflict_count)
        tl.addLayout(bar)
        tl.addWidget(self.conflict_table, 1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 6, 0, 0)
        bl.addWidget(self._title(self.tr("Thay đổi máy chủ không nhận")))
        bl.addWidget(self._note(self.tr(
            "Những thay đổi này vẫn được giữ trên máy này nhưng chưa có trên máy chủ. Sau khi khắc phục lý do "
            "(hoặc cập nhật phần mềm), bấm “Gửi lại”.")))
        bar2 = QHBoxLayout()
        bar2.addWidget(self.retry_button)
        bar2.addStretch(1)
        bar2.addWidget(self.rejected_count)
        bl.addLayout(bar2)
        bl.addWidget(self.rejected_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([420, 220])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.review_button.clicked.connect(self.mark_reviewed)
        self.retry_button.clicked.connect(self.retry)
        self.show_reviewed.toggled.connect(self.reload)
        self.conflict_table.selectionModel().selectionChanged.connect(self._buttons)
        state.data_changed.connect(self._on_data_changed)
        self.runner.changed.connect(self._buttons)
        self._buttons()

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; font-size: 11pt")
        return label

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text, wordWrap=True)
        label.setStyleSheet("color: #555")
        return label

    # ---- loading ---------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def _on_data_changed(self, what: set) -> None:
        if "sync" in what:
            if self.isVisible():
                self.reload()
            else:
                self.loaded = False  # stale: reloaded when shown

    def reload(self) -> None:
        self._request += 1
        request, service, include = self._request, self.service, self.show_reviewed.isChecked()
        self.state.runner.submit("review-load", lambda _c: (service.conflicts(include), service.rejected()),
                                 on_done=lambda rows: self._loaded(rows, request),
                                 on_error=lambda e: show_error(self, e))

    def _loaded(self, rows, request: int) -> None:
        if request != self._request:
            return  # a newer answer is coming
        conflicts, rejected = rows
        self.loaded = True
        self.conflicts.set_rows(conflicts)
        self.rejected.set_rows(rejected)
        open_ = sum(not c.reviewed for c in conflicts)
        self.conflict_count.setText(self.tr("{0} mục chưa xem").format(open_) if open_
                                    else self.tr("Không có mục nào chưa xem"))
        self.rejected_count.setText(self.tr("{0} thay đổi").format(count(len(rejected))) if rejected
                                    else self.tr("Không có"))
        self._buttons()

    def _buttons(self) -> None:
        self.review_button.setEnabled(any(not c.reviewed for c in self.selected()))
        self.retry_button.setEnabled(bool(self.rejected.rows) and not self.runner.running)

    def selected(self) -> list[ConflictInfo]:
        rows = self.conflict_table.selectionModel().selectedRows()
        return [self.conflicts.rows[i.row()] for i in rows if i.row() < len(self.conflicts.rows)]

    # ---- actions ---------------------------------------------------------------------
    def mark_reviewed(self) -> None:
        ids, service = [c.id for c in self.selected() if not c.reviewed], self.service
        if ids:
            self.state.runner.submit("review-mark", lambda _c: service.mark_reviewed(ids),
                                     on_error=lambda e: show_error(self, e))

    def retry(self) -> None:
        service = self.service
        self.retry_button.setEnabled(False)
        self.state.runner.submit("review-retry", lambda _c: service.retry_rejected(),
                                 on_done=self._retried, on_error=lambda e: show_error(self, e))

    def _retried(self, _n: int) -> None:
        self.runner.sync_now()

    # ---- navigation ------------------------------------------------------------------
    def attach_nav_item(self, item: QListWidgetItem) -> None:
        """Keep the navigation entry's text ("Cần xem xét (2)") in step with the sync
        status; hidden on a PC that does not sync and has nothing to review."""
        self._nav_item = item
        self.runner.changed.connect(self._update_nav)
        self._update_nav()

    def _update_nav(self) -> None:
        st = self.runner.status
        n = st.open_conflicts + st.rejected
        if self._nav_item is not None:
            self._nav_item.setText(self.tr("Cần xem xét ({0})").format(count(n)) if n else self.tr("Cần xem xét"))
            self._nav_item.setHidden(not st.enrolled and n == 0)
