"""Two parts of the minutes editor: who took part (present, absent with the reason,
excused, guests) and the agenda, each point with its proceedings, opinions, vote and
conclusion."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.minutes import PERSON_STATUSES, AgendaItem, Person
from desktop.views.formatting import term

NAME, ROLE, STATUS, REASON = range(4)


class ParticipantsBox(QWidget):
    """The table of people; the status is set by the buttons on the selected rows."""

    changed = Signal()
    from_attendance = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 4, objectName="participantsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Có mặt / vắng"),
                                              self.tr("Lý do vắng")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((220, 220, 110)):
            self.table.setColumnWidth(col, width)
        self.attendance_button = QPushButton(self.tr("Lấy từ điểm danh"), objectName="fromAttendance")
        self.add_button = QPushButton(self.tr("Thêm người"), objectName="addPerson")
        self.guest_button = QPushButton(self.tr("Thêm khách mời"), objectName="addGuest")
        self.remove_button = QPushButton(self.tr("Xóa dòng"), objectName="removePerson")
        self.status_buttons = {}
        top = QHBoxLayout()
        for b in (self.attendance_button, self.add_button, self.guest_button, self.remove_button):
            top.addWidget(b)
        top.addStretch(1)
        marks = QHBoxLayout()
        marks.addWidget(QLabel(self.tr("Đánh dấu dòng đã chọn:")))
        for key, label in PERSON_STATUSES.items():
            b = QPushButton(term(label), objectName=f"status_{key}")
            b.clicked.connect(lambda _=False, k=key: self.mark_selected(k))
            marks.addWidget(b)
            self.status_buttons[key] = b
        marks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        self.attendance_button.clicked.connect(self.from_attendance)
        self.add_button.clicked.connect(lambda: self.add(Person("", status="present"), edit=True))
        self.guest_button.clicked.connect(lambda: self.add(Person("", status="guest"), edit=True))
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())

    def set_people(self, people: tuple[Person, ...]) -> None:
        self.table.setRowCount(0)
        for p in people:
            self._add(p)
        self.changed.emit()

    def add(self, p: Person, edit: bool = False) -> None:
        r = self._add(p)
        self.changed.emit()
        if edit:
            self.table.setCurrentCell(r, NAME)
            self.table.editItem(self.table.item(r, NAME))

    def _add(self, p: Person) -> int:
        self.table.blockSignals(True)  # a half-made row is not a change
        r = self.table.rowCount()
        self.table.insertRow(r)
        name = QTableWidgetItem(p.name)
        name.setData(Qt.ItemDataRole.UserRole, p.member_id)
        self.table.setItem(r, NAME, name)
        self.table.setItem(r, ROLE, QTableWidgetItem(p.role or ""))
        status = QTableWidgetItem()
        status.setFlags(status.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, STATUS, status)
        self.table.setItem(r, REASON, QTableWidgetItem(p.reason or ""))
        self.set_status(r, p.status)
        self.table.blockSignals(False)
        return r

    def set_status(self, row: int, status: str) -> None:
        item = self.table.item(row, STATUS)
        item.setData(Qt.ItemDataRole.UserRole, status)
        item.setText(term(PERSON_STATUSES.get(status, status)))

    def mark_selected(self, status: str) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}):
            self.set_status(r, status)
        self.changed.emit()

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)
        self.changed.emit()

    def people(self) -> tuple[Person, ...]:
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, NAME)
            out.append(Person(name.text(), self.table.item(r, ROLE).text() or None,
                              self.table.item(r, STATUS).data(Qt.ItemDataRole.UserRole),
                              self.table.item(r, REASON).text() or None, name.data(Qt.ItemDataRole.UserRole)))
        return tuple(out)

    def set_editable(self, editable: bool) -> None:
        triggers = (QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed
                    | QTableWidget.EditTrigger.AnyKeyPressed) if editable else QTableWidget.EditTrigger.NoEditTriggers
        self.table.setEditTriggers(triggers)
        for b in (self.attendance_button, self.add_button, self.guest_button, self.remove_button,
                  *self.status_buttons.values()):
            b.setEnabled(editable)


class AgendaBox(QWidget):
    """The points of the agenda on the left; the one chosen is edited on the right."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[AgendaItem] = []
        self.current = -1
        self.list = QListWidget(objectName="agendaList")
        self.list.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Thêm mục"), objectName="addItem")
        self.remove_button = QPushButton(self.tr("Xóa mục"), objectName="removeItem")
        self.up_button = QPushButton(self.tr("Lên"), objectName="itemUp")
        self.down_button = QPushButton(self.tr("Xuống"), objectName="itemDown")
        self.title = QLineEdit(objectName="itemTitle")
        self.proceedings = QPlainTextEdit(objectName="itemProceedings")
        self.proceedings.setPlaceholderText(self.tr("Diễn biến: ai trình bày gì (mỗi đoạn một dòng)"))
        self.opinions = QPlainTextEdit(objectName="itemOpinions")
        self.opinions.setPlaceholderText(self.tr("Ý kiến thảo luận"))
        self.opinions.setMaximumHeight(110)
        self.vote = QGroupBox(self.tr("Có biểu quyết"), objectName="itemVote", checkable=True, checked=False)
        self.votes = [QSpinBox(objectName=n, maximum=100000) for n in ("voteFor", "voteAgainst", "voteAbstain")]
        vote_row = QHBoxLayout(self.vote)
        for label, box in zip((self.tr("Tán thành:"), self.tr("Không tán thành:"), self.tr("Không có ý kiến:")),
                              self.votes):
            vote_row.addWidget(QLabel(label))
            vote_row.addWidget(box)
        vote_row.addStretch(1)
        self.conclusion = QPlainTextEdit(objectName="itemConclusion")
        self.conclusion.setMaximumHeight(80)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        lv.addLayout(buttons)
        right = QWidget()
        form = QFormLayout(right)
        form.addRow(self.tr("Tên mục:"), self.title)
        form.addRow(self.tr("Diễn biến:"), self.proceedings)
        form.addRow(self.tr("Ý kiến:"), self.opinions)
        form.addRow("", self.vote)
        form.addRow(self.tr("Kết luận mục này:"), self.conclusion)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.list.currentRowChanged.connect(self._choose)
        self.add_button.clicked.connect(lambda: self.add(AgendaItem(self.tr("Mục mới"))))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.title.textEdited.connect(self._title_edited)

    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        self.items = list(items)
        self.current = -1
        self._refill(0 if self.items else -1)

    def _refill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for i, item in enumerate(self.items, 1):
            self.list.addItem(f"{i}. {item.title}")
        self.list.blockSignals(False)
        self.current = -1
        self.list.setCurrentRow(select)
        if select < 0:
            self._show(AgendaItem(""))

    def _store(self) -> None:
        """The editor's fields back into the list."""
        if 0 <= self.current < len(self.items):
            voted = self.vote.isChecked()
            vote_for, vote_against, vote_abstain = (box.value() if voted else None for box in self.votes)
            self.items[self.current] = AgendaItem(
                self.title.text(), self.proceedings.toPlainText() or None, self.opinions.toPlainText() or None,
                vote_for, vote_against, vote_abstain, self.conclusion.toPlainText() or None)

    def _show(self, item: AgendaItem) -> None:
        self.title.setText(item.title)
        self.proceedings.setPlainText(item.proceedings or "")
        self.opinions.setPlainText(item.opinions or "")
        self.vote.setChecked(item.has_vote)
        for box, value in zip(self.votes, (item.vote_for, item.vote_against, item.vote_abstain)):
            box.setValue(value or 0)
        self.conclusion.setPlainText(item.conclusion or "")

    def _choose(self, row: int) -> None:
        self._store()
        self.current = row
        if 0 <= row < len(self.items):
            self._show(self.items[row])

    def _title_edited(self, text: str) -> None:
        if 0 <= self.current < self.list.count():
            self.list.item(self.current).setText(f"{self.current + 1}. {text}")

    def add(self, item: AgendaItem) -> None:
        self._store()
        self.items.append(item)
        self._refill(len(self.items) - 1)
        self.title.setFocus()
        self.title.selectAll()

    def remove_current(self) -> None:
        if 0 <= self.current < len(self.items):
            del self.items[self.current]
            self.current = -1
            self._refill(min(len(self.items) - 1, max(0, self.list.currentRow())))

    def move_item(self, step: int) -> None:  # not move(): that is QWidget's, which Qt calls
        i = self.current
        j = i + step
        if 0 <= i < len(self.items) and 0 <= j < len(self.items):
            self._store()
            self.items[i], self.items[j] = self.items[j], self.items[i]
            self._refill(j)

    def agenda(self) -> tuple[AgendaItem, ...]:
        self._store()
        return tuple(self.items)

    def set_editable(self, editable: bool) -> None:
        for w in (self.title, self.proceedings, self.opinions, self.conclusion):
            w.setReadOnly(not editable)
        self.vote.setEnabled(editable)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(editable)
