"""The Hoạt động page: activities of a year (or all years) by kind, searched by any word
of their title, place, organiser or minutes; the calendar of what is coming with the
members' birthdays; and the way into an activity, its attendance and its documents."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.service import ACTIVITY_KINDS, ActivityQuery, ActivityRow, ActivityService
from desktop.views.activity_calendar import ActivityCalendar, kind_text
from desktop.views.app_state import AppState
from desktop.views.dialogs import ask, inform
from desktop.views.empty_state import EmptyState, show_empty
from desktop.views.errors import show_error
from desktop.views.formatting import count, format_money, term
from desktop.views.widgets import list_table, stretch

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.activity_editor import ActivityEditor

HEADERS = [QT_TRANSLATE_NOOP("ActivitiesModel", "Ngày"), QT_TRANSLATE_NOOP("ActivitiesModel", "Loại"),
           QT_TRANSLATE_NOOP("ActivitiesModel", "Tên hoạt động"), QT_TRANSLATE_NOOP("ActivitiesModel", "Địa điểm"),
           QT_TRANSLATE_NOOP("ActivitiesModel", "Có mặt"),
           QT_TRANSLATE_NOOP("ActivitiesModel", "Dự toán"), QT_TRANSLATE_NOOP("ActivitiesModel", "Đã chi")]
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
YEARS_BACK = 20


class ActivitiesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ActivityRow] = []

    def set_rows(self, rows: list[ActivityRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return r.dates_text
            if c == 1:
                return kind_text(r.kind_label)
            if c == 2:
                return r.title
            if c == 3:
                return r.place or ""
            if c == 4:
                return f"{r.present}/{r.members}" if r.members else ""
            if c == 5:
                return format_money(r.budget, unit=False) if r.budget is not None else ""
            return format_money(r.spent, unit=False) if r.spent else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 4:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if c == 4 and r.members:
                return self.tr("{0} có mặt trong {1} đoàn viên của danh sách").format(r.present, r.members)
            return (r.title + (f"\n{r.organiser}" if r.organiser else "")) if c == 2 else None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("ActivitiesModel", HEADERS[section])
        return None


class ActivitiesPage(QWidget):
    loaded = Signal()  # the list and the calendar are filled (tests, benchmarks)
    status_message = Signal(str)

    def __init__(self, state: AppState, parent=None, today: date | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.svc = ActivityService(state.ctx)
        self.today = today or date.today()
        self.editor: ActivityEditor | None = None
        self._generation = 0
        self._pending = 0
        self.setObjectName("activitiesPage")

        self.year = QComboBox(objectName="yearFilter")
        for y in range(self.today.year + 1, self.today.year - YEARS_BACK, -1):
            self.year.addItem(self.tr("Năm {0}").format(y), y)
        self.year.addItem(self.tr("Tất cả các năm"), None)
        self.year.setCurrentIndex(1)
        self.kind = QComboBox(objectName="kindFilter")
        self.kind.addItem(self.tr("Mọi loại hoạt động"), None)
        for key, label in ACTIVITY_KINDS.items():
            self.kind.addItem(term(label), key)
        self.search = QLineEdit(objectName="activitySearch")
        self.search.setPlaceholderText(self.tr("Tìm theo tên, địa điểm, nội dung biên bản… (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("Thêm hoạt động…"), objectName="newActivity")
        self.open_button = QPushButton(self.tr("Mở…"), objectName="openActivity")
        self.delete_button = QPushButton(self.tr("Xóa"), objectName="deleteActivity")
        self.count_label = QLabel(objectName="activityCount")

        self.model = ActivitiesModel(self)
        self.table = list_table("activityTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        for col, width in enumerate((96, 190, 240, 130, 70, 90, 90)):
            self.table.setColumnWidth(col, width)
        stretch(self.table, 2)  # the activity's name
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.calendar = ActivityCalendar()
        self.calendar.calendar.setCurrentPage(self.today.year, self.today.month)
        self.calendar.month_changed.connect(lambda first, last: self.load_calendar(first, last))
        self.calendar.activity_chosen.connect(self.open_activity)

        filters = QHBoxLayout()
        for w in (QLabel(self.tr("Thời gian:")), self.year, QLabel(self.tr("Loại:")), self.kind):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(filters)
        lv.addLayout(actions)
        lv.addWidget(self.table, 1)
        self.empty = EmptyState("activitiesEmpty")
        self.empty.setVisible(False)
        lv.addWidget(self.empty, 1)
        split = QSplitter(objectName="activitySplit")
        split.addWidget(left)
        split.addWidget(self.calendar)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(self.new_activity)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        state.data_changed.connect(self._on_data_changed)
        self.started = False  # loaded when first shown: the main window opens on the members

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.started:
            self.started = True
            self.reload(with_calendar=True)

    # ---- loading -------------------------------------------------------------------
    def query(self) -> ActivityQuery:
        y = self.year.currentData()
        return ActivityQuery(date_from=date(y, 1, 1) if y else None, date_to=date(y, 12, 31) if y else None,
                             kind=self.kind.currentData(), search=self.search.text())

    def reload(self, with_calendar: bool = False) -> None:
        self._timer.stop()
        self._generation += 1
        generation, svc, q = self._generation, self.svc, self.query()
        self._pending += 1
        self.state.runner.submit("activities", lambda _c: svc.list(q),
                                 on_done=lambda rows: self._listed(generation, rows),
                                 on_error=self._failed)
        if with_calendar:
            self.load_calendar(*self.calendar.shown_month())

    def load_calendar(self, first: date, last: date) -> None:
        svc = self.svc
        self._pending += 1
        self.state.runner.submit("activity-calendar", lambda _c: svc.calendar(first, last),
                                 on_done=self._calendar_loaded, on_error=self._failed)

    def _listed(self, generation: int, rows: list[ActivityRow]) -> None:
        if generation == self._generation:
            keep = self.selected_id()
            self.model.set_rows(rows)
            self.count_label.setText(self.tr("{0} hoạt động").format(count(len(rows))))
            self._show_empty(not rows)
            if keep:
                self.select_id(keep)
        self._done_one()

    def _show_empty(self, empty: bool) -> None:
        """No activity: why (the year, or the search), and the next step."""
        q = self.query()
        if q.kind or q.search.strip():
            self.empty.set_message(
                self.tr("Không có hoạt động nào khớp với điều kiện tìm"),
                self.tr("Thử bỏ chữ đang tìm hoặc chọn “Mọi loại hoạt động”; tìm không dấu cũng được."),
                self.tr("Bỏ điều kiện tìm"), self.clear_filters)
        else:
            y = self.year.currentData()
            self.empty.set_message(
                self.tr("Năm {0} chưa có hoạt động nào").format(y) if y else self.tr("Chưa có hoạt động nào"),
                self.tr("Ghi các cuộc họp Ban Chấp hành, đại hội, phong trào, thăm hỏi… để lập giấy mời, biên bản, "
                        "quyết định và theo dõi người tham dự. Sinh nhật đoàn viên hiện trên lịch bên phải."),
                self.tr("Thêm hoạt động…"), self.new_activity)
        show_empty(self.empty, self.table, empty)

    def clear_filters(self) -> None:
        for w in (self.search, self.kind):
            w.blockSignals(True)
        self.search.clear()
        self.kind.setCurrentIndex(0)
        for w in (self.search, self.kind):
            w.blockSignals(False)
        self.reload()

    def _calendar_loaded(self, data) -> None:
        if (data.first, data.last) == self.calendar.shown_month():
            self.calendar.set_data(data)
        self._done_one()

    def _failed(self, exc: BaseException) -> None:
        self._done_one()
        show_error(self, exc, self.tr("Không đọc được danh sách hoạt động"))

    def _done_one(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.loaded.emit()

    def _on_data_changed(self, what: set) -> None:
        if self.started and what & {"activities", "members", "cash"}:
            self.reload(with_calendar=True)

    # ---- selection and actions ----------------------------------------------------
    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def select_id(self, activity_id: str) -> None:
        for r, row in enumerate(self.model.rows):
            if row.id == activity_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.model.index(r, 0))
                return

    def new_activity(self):
        from desktop.views.activity_editor import ActivityEditor
        editor = self.editor = ActivityEditor(self.state, None, self)
        editor.saved.connect(lambda d: self.select_later(d.id))
        editor.open()
        return editor

    def select_later(self, activity_id: str) -> None:
        self.loaded.connect(lambda: self.select_id(activity_id), Qt.ConnectionType.SingleShotConnection)

    def open_activity(self, activity_id: str):
        from desktop.views.activity_editor import ActivityEditor
        editor = self.editor = ActivityEditor(self.state, activity_id, self)
        editor.open()
        return editor

    def open_selected(self):
        activity_id = self.selected_id()
        if activity_id is None:
            inform(self, self.tr("Hoạt động"), self.tr("Chọn một hoạt động trong danh sách."))
            return None
        return self.open_activity(activity_id)

    def delete_selected(self) -> None:
        activity_id = self.selected_id()
        if activity_id is None:
            return
        row = next(r for r in self.model.rows if r.id == activity_id)
        svc = self.svc

        def delete() -> None:
            self.state.runner.submit("activity-delete", lambda _c: svc.delete(activity_id),
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không xóa được")))
        ask(self, self.tr("Xóa hoạt động"), self.tr("Xóa hoạt động “{0}”? Danh sách đoàn viên và các bản nháp "
                                                   "của nó cũng bị xóa.").format(row.title), delete)
