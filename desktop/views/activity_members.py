"""The members an activity concerns: picked one by one, a whole group or everyone; the
amount each is given (a support payment, a gift) and the phiếu chi that paid it; the
way to the attendance dialog and the attendance sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.service import ActivityDetail, ActivityService, Participant
from desktop.services.core.money import MoneyFormatError, parse_money
from desktop.services.members.service import MemberQuery
from desktop.views.app_state import AppState
from desktop.views.cash_dialogs import from_qdate
from desktop.views.dialogs import inform
from desktop.views.errors import show_error
from desktop.views.formatting import format_money, term
from desktop.views.widgets import list_table

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.attendance_dialog import AttendanceDialog

AMOUNT, NOTE = 6, 7


class MemberPicker(QDialog):
    """Members found by name (no marks needed), several at once."""

    picked = Signal(list)  # member ids

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("memberPicker")
        self.setWindowTitle(self.tr("Chọn đoàn viên"))
        self.resize(520, 520)
        self.search = QLineEdit(objectName="pickerSearch", placeholderText=self.tr("Gõ họ tên, số CCCD, số thẻ…"))
        self.results = QListWidget(objectName="pickerResults")
        self.results.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Thêm người đã chọn"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.look_up)
        self.look_up()

    def look_up(self) -> None:  # not find(): that is QWidget's
        members, text = self.state.members, self.search.text()
        self.state.runner.submit("member-pick", lambda _c: members.page(MemberQuery(search=text), 0, 200),
                                 on_done=self._found)

    def _found(self, rows) -> None:
        self.results.clear()
        for r in rows:
            item = QListWidgetItem(f"{r.full_name} — {r.birth_text} — {r.group_name or ''}")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.results.addItem(item)

    def _accept(self) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.results.selectedItems()]
        if ids:
            self.picked.emit(ids)
        self.accept()


class ParticipantsModel(QAbstractTableModel):
    """The members of the list; the amount and the note are typed in the table (kept
    here until saved), except for a member already paid."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Participant] = []
        self.edits: dict[tuple[int, int], str] = {}
        self.headers = [self.tr("Họ và tên"), self.tr("Tổ"), self.tr("Chức vụ"), self.tr("Tình trạng"),
                        self.tr("Điểm danh"), self.tr("Lý do vắng"), self.tr("Số tiền"), self.tr("Ghi chú"),
                        self.tr("Phiếu chi")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.edits = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def text(self, row: int, col: int) -> str:
        if (row, col) in self.edits:
            return self.edits[(row, col)]
        p = self.rows[row]
        if col == 0:
            return p.full_name
        if col == 1:
            return p.group_name or ""
        if col == 2:
            return p.union_position or p.job_title or ""
        if col == 3:
            return term(p.status_label)
        if col == 4:
            return term(p.attendance_label) if p.attendance else ""
        if col == 5:
            return p.reason or ""
        if col == AMOUNT:
            return format_money(p.amount, unit=False) if p.amount else ""
        if col == NOTE:
            return p.note or ""
        return p.paid_ref or ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(r, c)
        if role == Qt.ItemDataRole.TextAlignmentRole and c == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.rows[r].departed:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[r].member_id
        return None

    def flags(self, index):
        f = super().flags(index)
        if index.column() in (AMOUNT, NOTE) and not self.rows[index.row()].paid_ref:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        self.edits[(index.row(), index.column())] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None


class ActivityMembersTab(QWidget):
    changed = Signal(object)  # the ActivityDetail after a change

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.svc = ActivityService(state.ctx)
        self.detail: ActivityDetail | None = None
        self.picker: MemberPicker | None = None
        self.attendance: AttendanceDialog | None = None
        self.warnings: list[str] = []
        self.counts = QLabel(objectName="memberCounts")
        self.model = ParticipantsModel(self)
        self.table = list_table("participantsTable", multi=True)  # a model: 100,000 members on a Tết list
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
                                   | QTableView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(False)
        for col, width in enumerate((165, 75, 110, 95, 85, 90, 80, 100, 110)):
            self.table.setColumnWidth(col, width)
        self.pick_button = QPushButton(self.tr("Thêm đoàn viên…"), objectName="pickMembers")
        self.group = QComboBox(objectName="addGroup")
        for g in state.units.groups():
            self.group.addItem(g.name, g.id)
        self.group_button = QPushButton(self.tr("Thêm cả tổ"), objectName="addGroupButton")
        self.all_button = QPushButton(self.tr("Thêm toàn thể đoàn viên"), objectName="addAll")
        self.remove_button = QPushButton(self.tr("Bỏ khỏi danh sách"), objectName="removeMembers")
        self.attendance_button = QPushButton(self.tr("Điểm danh…"), objectName="openAttendance")
        self.amounts_button = QPushButton(self.tr("Lưu số tiền, ghi chú"), objectName="saveAmounts")
        self.pay_date = QDateEdit(objectName="payDate", calendarPopup=True)
        self.pay_date.setDisplayFormat("dd/MM/yyyy")
        self.pay_date.setDate(QDate.currentDate())
        self.pay_date.setMaximumDate(QDate.currentDate())
        self.pay_button = QPushButton(self.tr("Lập phiếu chi cho người chưa nhận"), objectName="payMembers")
        add = QHBoxLayout()
        for w in (self.pick_button, self.group, self.group_button, self.all_button, self.remove_button):
            add.addWidget(w)
        add.addStretch(1)
        money = QHBoxLayout()
        for w in (self.attendance_button, self.amounts_button, QLabel(self.tr("Ngày chi:")), self.pay_date,
                  self.pay_button):
            money.addWidget(w)
        money.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(add)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(money)
        self.pick_button.clicked.connect(self.pick)
        self.group_button.clicked.connect(lambda: self.add_members(group_id=self.group.currentData()))
        self.all_button.clicked.connect(lambda: self.add_members(all_members=True))
        self.remove_button.clicked.connect(self.remove_selected)
        self.attendance_button.clicked.connect(self.open_attendance)
        self.amounts_button.clicked.connect(self.save_amounts)
        self.pay_button.clicked.connect(self.pay)

    def set_detail(self, d: ActivityDetail) -> None:
        self.detail = d
        n = len(d.participants)
        self.counts.setText(self.tr("{0} đoàn viên; có mặt {1}, vắng {2}, vắng có phép {3}, chưa điểm danh {4}").format(
            n, d.count("present"), d.count("absent"), d.count("excused"), d.count(None)))
        self.model.set_rows(d.participants)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].member_id for r in rows]

    # ---- writing -------------------------------------------------------------------
    def _run(self, name: str, fn, done=None) -> None:
        def finished(result) -> None:
            detail = result[0] if isinstance(result, tuple) else result
            if isinstance(result, tuple) and result[1]:
                self.warnings = result[1]
                inform(self, self.tr("Lưu ý"), "\n".join(result[1]))
            if isinstance(detail, ActivityDetail):
                self.set_detail(detail)
                self.changed.emit(detail)
            if done:
                done(result)

        self.state.runner.submit(name, lambda _c: fn(), on_done=finished,
                                 on_error=lambda exc: show_error(self, exc, self.tr("Chưa lưu được")))

    def pick(self) -> MemberPicker:
        picker = self.picker = MemberPicker(self.state, self)
        picker.picked.connect(lambda ids: self.add_members(ids))
        picker.open()
        return picker

    def add_members(self, member_ids=(), *, group_id: str | None = None, all_members: bool = False) -> None:
        if self.detail is None:
            return
        svc, aid = self.svc, self.detail.id
        self._run("activity-add-members", lambda: svc.add_members(aid, list(member_ids), group_id=group_id,
                                                                  all_members=all_members))

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self.detail is not None:
            svc, aid = self.svc, self.detail.id
            self._run("activity-remove-members", lambda: svc.remove_members(aid, ids))

    def amounts(self) -> dict[str, tuple[int | None, str | None]] | None:
        """The amounts and notes typed in the table, or None (and a message) if one is unreadable."""
        out: dict[str, tuple[int | None, str | None]] = {}
        m = self.model
        for r in sorted({r for r, _ in m.edits}):  # only the rows typed in
            text = m.text(r, AMOUNT)
            try:
                amount = parse_money(text)
            except MoneyFormatError:
                self.table.setCurrentIndex(m.index(r, AMOUNT))
                inform(self, self.tr("Số tiền"), self.tr("Dòng {0}: không đọc được số tiền “{1}”.").format(r + 1, text))
                return None
            out[m.rows[r].member_id] = (amount, m.text(r, NOTE))
        return out

    def save_amounts(self) -> None:
        amounts = self.amounts()
        if amounts is None or self.detail is None:
            return
        paid = {p.member_id for p in self.detail.participants if p.paid_ref}
        amounts = {k: v for k, v in amounts.items() if k not in paid}
        svc, aid = self.svc, self.detail.id
        self._run("activity-amounts", lambda: svc.set_amounts(aid, amounts))

    def pay(self) -> None:
        amounts = self.amounts()
        if amounts is None or self.detail is None:
            return
        paid = {p.member_id for p in self.detail.participants if p.paid_ref}
        amounts = {k: v for k, v in amounts.items() if k not in paid}
        svc, aid, when = self.svc, self.detail.id, from_qdate(self.pay_date.date())
        issued = []

        def both() -> ActivityDetail:
            svc.set_amounts(aid, amounts)
            issued.extend(svc.pay(aid, when))
            return svc.get(aid)

        def done(_detail) -> None:
            total = sum(d.amount for d in issued)
            self.issued = list(issued)
            inform(self, self.tr("Đã lập phiếu chi"), self.tr("{0} phiếu chi, tổng {1}: {2}").format(
                len(issued), format_money(total), ", ".join(d.ref for d in issued)))

        self._run("activity-pay", both, done)

    def _attendance_saved(self, d: ActivityDetail) -> None:
        self.set_detail(d)
        self.changed.emit(d)

    def open_attendance(self):
        from desktop.views.attendance_dialog import AttendanceDialog
        if self.detail is None:
            return None
        attendance = self.attendance = AttendanceDialog(self.state, self.detail, self)
        attendance.saved.connect(self._attendance_saved)
        attendance.open()
        return attendance
