"""A member's transfer to another unit of the platform (issue 15, item 8): the dialog that
records it on the sending PC, and the list on the members page where the receiving PC
accepts or declines what other units sent (and the sending PC sees their answers).
Every write goes through the task runner to desktop/services/members/transfer.py;
problems are shown in the dialog itself, in the service's words."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.errors import DomainError
from desktop.services.members.transfer import TransferRow, TransferService
from desktop.views.app_state import AppState
from desktop.views.errors import message_for, show_unexpected
from desktop.views.formatting import format_date

PROBLEM_STYLE = "color: #c62828;"


class TransferOutDialog(QDialog):
    """Chuyển sinh hoạt: the receiving unit's code, the day, the reason, and whether the
    member's personal data goes with them (only when the member's consent is recorded)."""

    def __init__(self, state: AppState, member_id: str, member_name: str, has_consent: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.member_id = state, member_id
        self.setObjectName("transferOutDialog")
        self.setWindowTitle(self.tr("Chuyển sinh hoạt công đoàn — {0}").format(member_name))
        self.unit_code = QLineEdit(objectName="transferUnitCode")
        self.unit_code.setPlaceholderText(self.tr("mã đơn vị nhận trên hệ thống (hỏi đơn vị nhận)"))
        self.day = QLineEdit(format_date(date.today()), objectName="transferDate")
        self.day.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.reason = QLineEdit(objectName="transferReason")
        self.personal = QCheckBox(self.tr("Gửi kèm số giấy tờ, điện thoại, địa chỉ… (đoàn viên đã đồng ý)"),
                                  objectName="transferPersonal")
        self.personal.setEnabled(has_consent)
        if not has_consent:
            self.personal.setToolTip(self.tr("Hồ sơ chưa có ngày đồng ý xử lý dữ liệu cá nhân: chỉ gửi họ tên, ngày "
                                             "sinh, giới tính và ngày vào công đoàn."))
        self.problem = QLabel(objectName="transferProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        note = QLabel(self.tr("Đoàn viên được ghi “Chuyển đi” ngay; đề nghị được gửi cho đơn vị nhận ở lần đồng bộ "
                              "tới. Đơn vị nhận đồng ý thì hồ sơ sang bên đó, không ai phải nhập lại."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Mã đơn vị nhận:"), self.unit_code)
        form.addRow(self.tr("Ngày chuyển:"), self.day)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow("", self.personal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Chuyển sinh hoạt"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        from desktop.services.core.dates import DateFormatError, parse_date
        try:
            parsed = parse_date(self.day.text())
        except DateFormatError:
            self.problem.setText(self.tr("Ngày chuyển: không đọc được ngày (cần dạng ngày/tháng/năm)."))
            return
        service = TransferService(self.state.ctx)
        mid, code, reason = self.member_id, self.unit_code.text(), self.reason.text()
        when, personal = (parsed.value if parsed else None), self.personal.isChecked()
        self.buttons.setEnabled(False)
        self.state.runner.submit(
            "transfer-out", lambda _c: service.transfer_out(mid, code, when, reason=reason,
                                                            with_personal_data=personal),
            on_done=self._done, on_error=self._failed)

    def _done(self, _row: TransferRow) -> None:
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, DomainError):
            self.problem.setText(message_for(exc))
        else:
            show_unexpected(self, exc)


class TransfersPanel(QGroupBox):
    """On the members page, only while there is something to show: proposals other units
    sent (Accept / Decline with a reason), and this unit's transfers with their answers
    (one the server refused for its unit code gets the right code here, and goes again)."""

    COLUMNS = ("Chiều", "Họ và tên", "Ngày sinh", "Từ / đến đơn vị", "Ngày chuyển", "Tình trạng", "Ghi chú")
    UNIT_COLUMN, NOTE_COLUMN = 3, 6

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chuyển sinh hoạt công đoàn"), parent)
        self.setObjectName("transfersPanel")
        self.state = state
        self.service = TransferService(state.ctx)
        self.rows: list[TransferRow] = []
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="transfersTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # The short columns as wide as their text; the unit's name and the note share the rest
        # (a unit's name is long, and cut it is no use to the person choosing).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (self.UNIT_COLUMN, self.NOTE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setMaximumHeight(160)
        self.accept_button = QPushButton(self.tr("Nhận đoàn viên"), objectName="acceptTransfer")
        self.decline_reason = QLineEdit(objectName="declineReason")
        self.decline_reason.setPlaceholderText(self.tr("lý do từ chối (đơn vị chuyển đi sẽ thấy)"))
        self.decline_button = QPushButton(self.tr("Từ chối"), objectName="declineTransfer")
        # A transfer out the server refused (no unit with that code) or has not taken yet.
        self.redirect_code = QLineEdit(objectName="redirectCode")
        self.redirect_code.setPlaceholderText(self.tr("mã đơn vị nhận đúng"))
        self.redirect_code.setMinimumWidth(
            self.redirect_code.fontMetrics().horizontalAdvance(self.redirect_code.placeholderText()) + 24)
        self.redirect_button = QPushButton(self.tr("Đổi đơn vị nhận"), objectName="redirectTransfer")
        self.problem = QLabel(objectName="transfersProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        actions = QHBoxLayout()
        actions.addWidget(self.accept_button)
        actions.addWidget(self.decline_reason, 1)
        actions.addWidget(self.decline_button)
        actions.addSpacing(24)
        actions.addWidget(self.redirect_code)
        actions.addWidget(self.redirect_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.problem)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        self.redirect_button.clicked.connect(self.redirect_selected)
        self.reload()

    def reload(self) -> None:
        self.rows = self.service.current()
        self.table.setRowCount(len(self.rows))
        for r, t in enumerate(self.rows):
            where = (self.tr("từ {0}").format(t.from_unit) if t.direction == "in"
                     else self.tr("đến {0}").format(t.to_unit_code))
            note = t.answer_reason or t.reason or ""
            for c, text in enumerate((t.direction_label, t.full_name, t.birth_text, where,
                                      format_date(t.transfer_date), t.status_label, note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # what a narrow window still cuts, in full under the mouse
                self.table.setItem(r, c, item)
        self.setVisible(bool(self.rows))
        self._update_buttons()

    def selected(self) -> TransferRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        t = self.selected()
        answerable = t is not None and t.direction == "in" and t.status == "proposed"
        for w in (self.accept_button, self.decline_button, self.decline_reason):
            w.setEnabled(answerable)
        for w in (self.redirect_code, self.redirect_button):
            w.setEnabled(t is not None and t.redirectable)

    def accept_selected(self) -> None:
        t = self.selected()
        if t is not None:
            service, tid = self.service, t.id
            self.state.runner.submit("transfer-accept", lambda _c: service.accept(tid), on_done=self._answered,
                                     on_error=self._failed)

    def decline_selected(self) -> None:
        t = self.selected()
        if t is not None:
            service, tid, reason = self.service, t.id, self.decline_reason.text()
            self.state.runner.submit("transfer-decline", lambda _c: service.decline(tid, reason),
                                     on_done=self._answered, on_error=self._failed)

    def redirect_selected(self) -> None:
        t = self.selected()
        if t is not None:
            service, tid, code = self.service, t.id, self.redirect_code.text()
            self.state.runner.submit("transfer-redirect", lambda _c: service.redirect(tid, code),
                                     on_done=self._answered, on_error=self._failed)

    def _answered(self, _row: TransferRow) -> None:
        self.problem.clear()
        self.decline_reason.clear()
        self.redirect_code.clear()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            self.problem.setText(message_for(exc))
        else:
            show_unexpected(self, exc)
