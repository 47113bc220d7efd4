"""Attendance at a meeting or event: each member present, absent (with the reason) or
excused; the attendance sheet with a column to sign, printed with the marks or blank to
take round the room."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.services.activities.minutes import MinutesService
from desktop.services.activities.service import ATTENDANCE, ActivityDetail, ActivityService
from desktop.views.app_state import AppState
from desktop.views.errors import show_error
from desktop.views.formatting import term

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.print_preview import PrintPreviewDialog

MARK, REASON = 3, 4
COLOURS = {"present": "#e8f5e9", "absent": "#fdecea", "excused": "#fff8e1"}


class AttendanceDialog(QDialog):
    saved = Signal(object)  # ActivityDetail

    def __init__(self, state: AppState, detail: ActivityDetail, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.detail = detail
        self.svc = ActivityService(state.ctx)
        self.busy = False
        self.preview: PrintPreviewDialog | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="congdoan-diem-danh-", ignore_cleanup_errors=True)
        self.setObjectName("attendanceDialog")
        self.setWindowTitle(self.tr("Điểm danh: {0}").format(detail.data.title))
        self.resize(820, 640)
        self.search = QLineEdit(objectName="attendanceFind", placeholderText=self.tr("Tìm tên trong danh sách…"))
        self.summary = QLabel(objectName="attendanceSummary")
        self.table = QTableWidget(len(detail.participants), 5, objectName="attendanceTable")
        self.table.setHorizontalHeaderLabels([self.tr("STT"), self.tr("Họ và tên"), self.tr("Tổ"),
                                              self.tr("Điểm danh"), self.tr("Lý do vắng")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((46, 220, 140, 110)):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for r, p in enumerate(detail.participants):
            for c, text in enumerate((str(r + 1), p.full_name, p.group_name or "")):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, p.member_id)
                self.table.setItem(r, c, item)
            mark = QTableWidgetItem()
            mark.setFlags(mark.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, MARK, mark)
            self.table.setItem(r, REASON, QTableWidgetItem(p.reason or ""))
            self.set_mark(r, p.attendance)
        buttons = QHBoxLayout()
        self.mark_buttons = {}
        for key, label in ATTENDANCE.items():
            b = QPushButton(term(label), objectName=f"mark_{key}")
            b.clicked.connect(lambda _=False, k=key: self.mark_selected(k))
            buttons.addWidget(b)
            self.mark_buttons[key] = b
        self.clear_button = QPushButton(self.tr("Bỏ đánh dấu"), objectName="mark_none")
        self.clear_button.clicked.connect(lambda: self.mark_selected(None))
        self.all_button = QPushButton(self.tr("Tất cả có mặt"), objectName="markAllPresent")
        self.all_button.clicked.connect(self.all_present)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        self.print_button = QPushButton(self.tr("In danh sách điểm danh…"), objectName="printAttendance")
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Theo điểm danh đã ghi"), lambda: self.print_sheet(False))
        menu.addAction(self.tr("Để trống, điểm danh và ký tại cuộc họp"), lambda: self.print_sheet(True))
        self.print_button.setMenu(menu)
        box = QDialogButtonBox()
        self.save_button = box.addButton(self.tr("Lưu điểm danh"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveAttendance")
        box.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(box)
        note = QLabel(self.tr("Chọn một hay nhiều dòng (Ctrl, Shift) rồi bấm Có mặt, Vắng hoặc Vắng có phép; "
                              "ghi lý do vắng vào cột cuối."), wordWrap=True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self._filter)
        self._count()

    def set_mark(self, row: int, mark: str | None) -> None:
        item = self.table.item(row, MARK)
        item.setData(Qt.ItemDataRole.UserRole, mark)
        item.setText(term(ATTENDANCE[mark]) if mark else "")
        colour = QColor(COLOURS[mark]) if mark else QColor("white")
        for c in range(self.table.columnCount()):
            self.table.item(row, c).setBackground(colour)

    def mark_selected(self, mark: str | None) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        for r in rows:
            self.set_mark(r, mark)
        self._count()

    def all_present(self) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, MARK).data(Qt.ItemDataRole.UserRole) is None:
                self.set_mark(r, "present")
        self._count()

    def marks(self) -> dict[str, tuple[str | None, str | None]]:
        return {self.table.item(r, 0).data(Qt.ItemDataRole.UserRole):
                (self.table.item(r, MARK).data(Qt.ItemDataRole.UserRole), self.table.item(r, REASON).text())
                for r in range(self.table.rowCount())}

    def _count(self) -> None:
        marks = [m for m, _ in self.marks().values()]
        self.summary.setText(self.tr("{0} người: có mặt {1}, vắng {2}, vắng có phép {3}, chưa điểm danh {4}").format(
            len(marks), marks.count("present"), marks.count("absent"), marks.count("excused"), marks.count(None)))

    def _filter(self, text: str) -> None:
        from desktop.services.core.text import fold
        wanted = fold(text)
        for r in range(self.table.rowCount()):
            self.table.setRowHidden(r, bool(wanted) and wanted not in fold(self.table.item(r, 1).text()))

    # ---- saving and printing -------------------------------------------------------
    def save(self, then=None) -> None:
        if self.busy:
            return
        svc, aid, marks = self.svc, self.detail.id, self.marks()
        self.busy = True

        def done(d: ActivityDetail) -> None:
            self.busy = False
            self.detail = d
            self.saved.emit(d)
            if then:
                then()
            else:
                self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            show_error(self, exc, self.tr("Chưa lưu được điểm danh"))

        self.state.runner.submit("attendance", lambda _c: svc.set_attendance(aid, marks), on_done=done,
                                 on_error=failed)

    def print_sheet(self, blank: bool) -> None:
        """The marks are saved first, so that the sheet shows what is on screen."""
        out = Path(self._tmp.name) / ("diem-danh-trong.pdf" if blank else "diem-danh.pdf")
        minutes, aid = MinutesService(self.state.ctx), self.detail.id
        title = self.tr("Danh sách điểm danh: {0}").format(self.detail.data.title)

        def render() -> None:
            self.state.runner.submit("attendance-sheet", lambda _c: minutes.attendance_sheet(aid, out, blank=blank),
                                     on_done=lambda _n: self._show(out, title),
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không in được")))
        self.save(then=render)

    def _show(self, path: Path, title: str) -> None:
        from desktop.views.print_preview import PrintPreviewDialog
        self.preview = PrintPreviewDialog(path, title, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
