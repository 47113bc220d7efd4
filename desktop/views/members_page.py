"""The members page: search as you type, filters, the lazily loaded list, and the
actions on it (add, edit, import, export)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.permissions import can
from desktop.services.members.service import MemberQuery
from desktop.views.app_state import AppState
from desktop.views.empty_state import EmptyState, show_empty
from desktop.views.formatting import count, term
from desktop.views.members_model import MembersModel
from desktop.views.widgets import GroupFilter, list_table
from protocol.tables import STATUS_LABELS

SEARCH_DELAY_MS = 120  # wait for a pause in typing; each search itself takes ~25 ms


class MembersPage(QWidget):
    count_changed = Signal(int)
    status_message = Signal(str)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("membersPage")

        self.search = QLineEdit(objectName="memberSearch")
        from desktop.services.core.permissions import may_see_personal
        if may_see_personal(state.ctx):
            self.search.setPlaceholderText(self.tr("Tìm theo họ tên, CCCD, điện thoại, số thẻ… (Ctrl+F)"))
        else:  # a number the role cannot see is not searched either (services/members.py)
            self.search.setPlaceholderText(self.tr("Tìm theo họ tên, điện thoại, số thẻ… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem(self.tr("Đang là đoàn viên"), "current")
        self.status_filter.addItem(self.tr("Tất cả"), None)
        for key, text in STATUS_LABELS.items():
            self.status_filter.addItem(term(text), key)
        self.group_filter = GroupFilter("groupFilter")
        self.add_button = QPushButton(self.tr("Thêm đoàn viên"), objectName="addMember")
        self.add_button.setToolTip(self.tr("Thêm đoàn viên mới (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("Sửa"), objectName="editMember")
        self.import_button = QPushButton(self.tr("Nhập từ Excel…"), objectName="importMembers")
        self.export_button = QPushButton(self.tr("Xuất ra Excel…"), objectName="exportMembers")

        self.model = MembersModel(state.members, self)
        self.table = list_table("membersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((210, 90, 70, 120, 160, 100, 100)):
            self.table.setColumnWidth(col, width)
        self.count_label = QLabel(objectName="memberCount")
        # A filter the home page set (women, young, admitted this year…): shown, one click clears it.
        self.extra_filter = QPushButton(objectName="extraFilter")
        self.extra_filter.setVisible(False)
        self.extra_filter.clicked.connect(self.clear_extra_filter)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(QLabel(self.tr("Trạng thái:")))
        bar.addWidget(self.status_filter)
        bar.addWidget(QLabel(self.tr("Tổ:")))
        bar.addWidget(self.group_filter)
        bar.addWidget(self.extra_filter)
        actions = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.import_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        # Transfers from and to other units (issue 15, item 8): shown only when there are some.
        from desktop.views.transfer_dialogs import TransfersPanel
        self.transfers = TransfersPanel(state, self)
        layout.addWidget(self.transfers)
        layout.addWidget(self.table, 1)
        self.empty = EmptyState("membersEmpty")
        self.empty.setVisible(False)
        layout.addWidget(self.empty, 1)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.group_filter.currentIndexChanged.connect(self.apply_filters)
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda idx: self.edit_member(self.model.member_id(idx.row())))
        self.import_button.clicked.connect(self.import_members)
        self.export_button.clicked.connect(self.export_members)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected)
        state.data_changed.connect(self._on_data_changed)

        self.reload_groups()
        self.apply_filters()

    # ---- list ----------------------------------------------------------------------
    def current_query(self) -> MemberQuery:
        return replace(self.model.query, search=self.search.text(), status=self.status_filter.currentData(),
                       group_id=self.group_filter.currentData())

    def show_filtered(self, label: str, status: str | None = "current", **extra) -> None:
        """The list behind a figure of the home page: extra are MemberQuery fields."""
        cleared = dict(gender=None, born_after=None, event_kinds=(), event_from=None, event_to=None)
        self.model.query = replace(self.model.query, **(cleared | extra))
        self.extra_filter.setText(self.tr("Lọc: {0}  ✕").format(label))
        self.extra_filter.setToolTip(self.tr("Bấm để bỏ lọc này"))
        self.extra_filter.setVisible(bool(extra))
        for w in (self.search, self.status_filter, self.group_filter):
            w.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))
        self.group_filter.setCurrentIndex(0)
        for w in (self.search, self.status_filter, self.group_filter):
            w.blockSignals(False)
        self.apply_filters()

    def clear_extra_filter(self) -> None:
        self.model.query = replace(self.model.query, gender=None, born_after=None, event_kinds=(), event_from=None,
                                   event_to=None)
        self.extra_filter.setVisible(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self._timer.stop()
        self.model.set_query(self.current_query())
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.total
        self.count_label.setText(self.tr("{0} đoàn viên").format(count(n)))
        self.count_changed.emit(n)
        self._show_empty(n == 0)

    def _show_empty(self, empty: bool) -> None:
        """An empty list says why: a new unit (the first step: its list), or a filter."""
        if empty and self.state.members.count(MemberQuery(status=None)) == 0:
            # A role that may not add members is told so, and offered nothing it cannot do.
            may_add = can(self.state.ctx, "members")
            self.empty.set_message(
                self.tr("Đơn vị chưa có đoàn viên nào"),
                self.tr("Nếu công đoàn đang giữ danh sách đoàn viên trong Excel, hãy nhập cả danh sách một lần: "
                        "phần mềm tự nhận các cột (họ tên, ngày sinh, giới tính, CCCD, tổ…) và cho xem trước khi "
                        "ghi. Nếu chưa có danh sách, bấm “Thêm đoàn viên” để thêm từng người.") if may_add else
                self.tr("Người quản lý hồ sơ đoàn viên của đơn vị nhập danh sách; khi đó danh sách hiện ở đây."),
                self.tr("Nhập danh sách từ Excel…") if may_add else "", self.import_members)
        elif empty:
            self.empty.set_message(
                self.tr("Không có đoàn viên nào khớp với điều kiện lọc"),
                self.tr("Thử bỏ chữ đang tìm, chọn “Tất cả” ở Trạng thái hoặc “Tất cả các tổ”."),
                self.tr("Bỏ lọc"), self.clear_all_filters)
        show_empty(self.empty, self.table, empty)

    def clear_all_filters(self) -> None:
        self.show_filtered(self.tr("đang là đoàn viên"), "current")

    def reload_groups(self) -> None:
        self.group_filter.set_groups(self.state.units.groups())

    def _on_data_changed(self, what: set) -> None:
        if "groups" in what:
            self.reload_groups()
        if "members" in what:
            self.transfers.reload()
        if what & {"members", "groups"}:
            self.model.reload()
            self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    # ---- actions -------------------------------------------------------------------
    def add_member(self) -> None:
        from desktop.views.member_editor import MemberEditor
        MemberEditor(self.state, None, self).open()

    def edit_selected(self) -> None:
        mid = self.selected_id()
        if mid:
            self.edit_member(mid)

    def edit_member(self, member_id: str | None) -> None:
        if not member_id:
            return
        from desktop.views.member_editor import MemberEditor
        MemberEditor(self.state, member_id, self).open()

    def import_members(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp danh sách đoàn viên"), "",
                                              self.tr("Danh sách (*.xlsx *.xlsm *.xls *.ods *.csv)"))
        if path:
            self.open_import(path)

    def open_import(self, path: str):
        from desktop.views.import_dialog import ImportDialog
        dialog = ImportDialog(self.state, path, self)
        dialog.open()
        dialog.start()
        return dialog

    def export_members(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất danh sách đoàn viên"), "danh-sach-doan-vien.xlsx",
                                              self.tr("Tệp Excel (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        from desktop.services.members.export import export_members
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        query = self.model.query
        self.status_message.emit(self.tr("Đang xuất danh sách…"))
        return self.state.runner.submit(
            "export", lambda c: export_members(self.state.ctx, path, query, c.progress),
            on_done=lambda n: self.status_message.emit(
                self.tr("Đã xuất {0} đoàn viên ra {1}").format(count(n), path)))
