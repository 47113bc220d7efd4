"""The activities that concerned one member (visits, gifts, meetings, rewards), shown
in the member editor: when, what, whether they came, what they were given."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.services.activities.service import ActivityService, MemberActivity, dates_text
from desktop.views.activity_calendar import kind_text
from desktop.views.app_state import AppState
from desktop.views.errors import show_error
from desktop.views.formatting import format_money, term


class MemberActivitiesTab(QWidget):
    loaded = Signal()

    def __init__(self, state: AppState, member_id: str | None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.rows: list[MemberActivity] = []
        self.summary = QLabel(objectName="memberActivitiesSummary")
        self.table = QTableWidget(0, 5, objectName="memberActivities")
        self.table.setHorizontalHeaderLabels([self.tr("Ngày"), self.tr("Loại"), self.tr("Hoạt động"),
                                              self.tr("Điểm danh"), self.tr("Số tiền nhận")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((150, 210, 260, 100)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        if member_id is not None:
            svc = ActivityService(state.ctx)
            state.runner.submit("member-activities", lambda _c: svc.for_member(member_id), on_done=self.show_rows,
                                on_error=lambda exc: show_error(self, exc, self.tr("Không đọc được các hoạt động")))

    def show_rows(self, rows: list[MemberActivity]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            cells = (dates_text(a.start_date, a.end_date), kind_text(a.kind_label), a.title,
                     term(a.attendance_label) if a.attendance else "",
                     format_money(a.amount, unit=False) if a.amount else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        total = sum(a.amount or 0 for a in rows)
        self.summary.setText(self.tr("{0} hoạt động; tổng số tiền đã nhận: {1}").format(len(rows), format_money(total)))
        self.loaded.emit()
