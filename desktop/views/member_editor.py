"""The member editor: every field of a member, the CCCD QR reader, and the status
history. Saving goes through the database worker; problems are shown by field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.errors import DuplicateMemberError, ValidationError
from desktop.services.core.fields import label
from desktop.services.core.statuses import EVENT_KINDS, FIRST_EVENT_KINDS, next_kinds
from desktop.services.members.cccd import QrFormatError, parse_cccd_qr
from desktop.services.members.rules import DUES_BASES, ID_TYPES, MemberInput
from desktop.services.members.service import MemberDetail
from desktop.views.app_state import AppState
from desktop.views.dialogs import Button, Icon, message
from desktop.views.errors import show_error
from desktop.views.formatting import format_date, format_money, term
from desktop.views.member_activities import MemberActivitiesTab
from desktop.views.widgets import field_as

ETHNICITIES = ["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao", "Gia Rai", "Ê Đê"]
RELIGIONS = ["Không", "Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Hòa Hảo"]
EDUCATION = ["12/12", "9/12", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"]
UNION_POSITIONS = ["", "Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Chấp hành", "Ủy viên Ủy ban kiểm tra",
                   "Tổ trưởng", "Tổ phó"]
INVALID_STYLE = "border: 1px solid #c62828; background: #fff4f4;"
HIDDEN_STYLE = "background: #f1f1f1; color: #555;"
HIDDEN_SALARY = "********"  # a masked value: the service keeps the recorded one (services/members.py)
DATE_KEYS = ("birth_date", "id_issue_date", "joined_date", "consent_date")


class MemberEditor(QDialog):
    """member_id None: a new member."""

    def __init__(self, state: AppState, member_id: str | None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.detail: MemberDetail | None = None
        self.saving = False
        self.setObjectName("memberEditor")
        self.setWindowTitle(self.tr("Thêm đoàn viên") if member_id is None else self.tr("Hồ sơ đoàn viên"))
        self.resize(860, 640)
        self.w: dict[str, QWidget] = {}

        self.qr_input = QLineEdit(objectName="qrInput")
        self.qr_input.setPlaceholderText(self.tr("Quét mã QR trên thẻ CCCD (hoặc dán nội dung mã) rồi nhấn Enter"))
        self.qr_button = QPushButton(self.tr("Đọc mã QR"), objectName="qrRead")
        self.qr_result = QLabel(objectName="qrResult")
        self.qr_result.setWordWrap(True)
        self.qr_result.setVisible(False)
        self.qr_result.setStyleSheet("background: #eef6ee; border: 1px solid #9ccc9c; padding: 6px;")
        qr_row = QHBoxLayout()
        qr_row.addWidget(QLabel(self.tr("Mã QR CCCD:")))
        qr_row.addWidget(self.qr_input, 1)
        qr_row.addWidget(self.qr_button)

        self.problems = QLabel(objectName="problems")
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        self.problems.setStyleSheet("color: #b71c1c; background: #fdecea; border: 1px solid #f5c6c0; padding: 6px;")

        self.tabs = QTabWidget(objectName="memberTabs")
        self.tabs.addTab(self._personal_tab(), self.tr("Thông tin cá nhân"))
        self.tabs.addTab(self._work_tab(), self.tr("Công việc và công đoàn"))
        self.history_tab = self._history_tab()
        self.tabs.addTab(self.history_tab, self.tr("Quá trình sinh hoạt"))
        self.activities_tab = MemberActivitiesTab(state, member_id, self)
        self.tabs.addTab(self.activities_tab, self.tr("Hoạt động"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveMember")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self.notice = QLabel(objectName="memberNotice")  # a record whose personal data was erased
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.notice.setStyleSheet("background: #f3f3f3; border: 1px solid #cfcfcf; padding: 6px;")
        bottom = QHBoxLayout()
        self.personal = None
        if member_id is not None:
            from desktop.views.member_personal import PersonalDataActions
            self.personal = PersonalDataActions(state, member_id, self)
            self.personal.erased.connect(self.load)
            bottom.addWidget(self.personal.export_button)
            bottom.addWidget(self.personal.erase_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(qr_row)
        layout.addWidget(self.qr_result)
        layout.addWidget(self.notice)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.qr_input.returnPressed.connect(self.read_qr)
        self.qr_button.clicked.connect(self.read_qr)
        self._load_groups()
        if member_id is not None:
            self.load(state.members.get(member_id))
        else:
            self.tabs.setTabEnabled(2, False)
            self.tabs.setTabEnabled(3, False)
            self.w["full_name"].setFocus()

    # ---- building -----------------------------------------------------------------
    def _line(self, key: str, hint: str = "") -> QLineEdit:
        e = QLineEdit(objectName=f"f_{key}")
        e.setPlaceholderText(hint)
        self.w[key] = e
        return e

    def _combo(self, key: str, items, editable: bool = False) -> QComboBox:
        c = QComboBox(objectName=f"f_{key}")
        c.setEditable(editable)
        for item in items:
            if isinstance(item, tuple):
                c.addItem(item[1], item[0])
            else:
                c.addItem(item, item)
        self.w[key] = c
        return c

    def _form(self, keys_widgets) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, widget in keys_widgets:
            text = term(label(key)) + (" *" if key in ("full_name", "birth_date", "gender") else "")
            form.addRow(text + ":", widget)
        return form

    def _personal_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        left = self._form([
            ("full_name", self._line("full_name", self.tr("ví dụ: Nguyễn Thị Lan"))),
            ("birth_date", self._line("birth_date", self.tr("ngày/tháng/năm, hoặc chỉ năm"))),
            ("gender", self._combo("gender", [("", ""), ("Nam", "Nam"), ("Nữ", "Nữ")])),
            ("ethnicity", self._combo("ethnicity", ETHNICITIES, True)),
            ("religion", self._combo("religion", RELIGIONS, True)),
            ("nationality", self._combo("nationality", ["Việt Nam"], True)),
            ("hometown", self._line("hometown")),
            ("permanent_address", self._line("permanent_address")),
        ])
        right = self._form([
            ("id_type", self._combo("id_type", [(k, term(v)) for k, v in ID_TYPES.items()])),
            ("id_number", self._line("id_number", self.tr("12 chữ số"))),
            ("id_issue_date", self._line("id_issue_date", self.tr("ngày/tháng/năm"))),
            ("id_issue_place", self._line("id_issue_place")),
            ("phone", self._line("phone", self.tr("ví dụ: 0912 345 678"))),
            ("email", self._line("email")),
            ("consent_date", self._line("consent_date", self.tr("ngày/tháng/năm đoàn viên đồng ý"))),
        ])
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setRowStretch(1, 1)
        return tab

    def _work_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        first = self._combo("first_event", [(k, term(EVENT_KINDS[k].label)) for k in FIRST_EVENT_KINDS])
        left = self._form([
            ("job_title", self._line("job_title")),
            ("department", self._line("department")),
            ("education", self._combo("education", [""] + EDUCATION, True)),
            ("qualification", self._line("qualification")),
            ("group", self._combo("group_id", [])),
            ("union_position", self._combo("union_position", UNION_POSITIONS, True)),
        ])
        party = QCheckBox(self.tr("Là đảng viên Đảng Cộng sản Việt Nam"), objectName="f_party_member")
        self.w["party_member"] = party
        right = self._form([
            ("joined_date", self._line("joined_date", self.tr("ngày/tháng/năm"))),
            ("card_number", self._line("card_number")),
            ("party_member", party),
            ("dues_basis", self._combo("dues_basis", [("", "")] + [(k, term(v)) for k, v in DUES_BASES.items()])),
            ("salary", self._line("salary", self.tr("đồng, ví dụ 5.500.000"))),
            ("dues_paid_through", self._line(
                "dues_paid_through", self.tr("tháng/năm đã đóng trước khi dùng phần mềm, ví dụ 6/2026"))),
        ])
        if self.member_id is None:
            right.addRow(self.tr("Hình thức vào:"), first)
        notes = QPlainTextEdit(objectName="f_notes")
        notes.setFixedHeight(80)
        self.w["notes"] = notes
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(QLabel(term(label("notes")) + ":"), 1, 0)
        grid.addWidget(notes, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget()
        self.status_label = QLabel(objectName="currentStatus")
        self.history = QTableWidget(0, 4, objectName="historyTable")
        self.history.setHorizontalHeaderLabels([self.tr("Ngày"), self.tr("Thay đổi"), self.tr("Lý do"),
                                                self.tr("Số quyết định")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setColumnWidth(1, 200)
        self.history.setColumnWidth(2, 260)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box = QGroupBox(self.tr("Ghi thay đổi mới (quá trình không sửa, không xóa: sai thì ghi thay đổi mới)"))
        self.event_kind = QComboBox(objectName="eventKind")
        self.event_date = QLineEdit(objectName="eventDate")
        self.event_date.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.event_reason = QLineEdit(objectName="eventReason")
        self.event_decision = QLineEdit(objectName="eventDecision")
        self.event_button = QPushButton(self.tr("Ghi thay đổi"), objectName="addEvent")
        form = QFormLayout(box)
        form.addRow(self.tr("Thay đổi:"), self.event_kind)
        form.addRow(self.tr("Ngày:"), self.event_date)
        form.addRow(self.tr("Lý do:"), self.event_reason)
        form.addRow(self.tr("Số quyết định:"), self.event_decision)
        form.addRow("", self.event_button)
        self.event_button.clicked.connect(self.add_event)
        # To another unit of the platform: the record goes with them (issue 15, item 8).
        self.transfer_button = QPushButton(self.tr("Chuyển sinh hoạt sang đơn vị khác…"), objectName="transferOut")
        self.transfer_button.clicked.connect(self.transfer_out)
        form.addRow("", self.transfer_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.status_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(box)
        return tab

    def _load_groups(self) -> None:
        combo = field_as(self.w["group_id"], QComboBox)
        combo.addItem(self.tr("(chưa xếp tổ)"), None)
        for g in self.state.units.groups():
            combo.addItem(g.name, g.id)

    # ---- values --------------------------------------------------------------------
    def set_value(self, key: str, value) -> None:
        w = self.w[key]
        if isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            i = w.findData(value)
            if i >= 0:
                w.setCurrentIndex(i)
            elif w.isEditable():
                w.setEditText(value or "")

    def raw_values(self) -> dict[str, object]:
        raw: dict[str, object] = {}
        for key, w in self.w.items():
            if isinstance(w, QLineEdit):
                raw[key] = w.text()
            elif isinstance(w, QPlainTextEdit):
                raw[key] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                raw[key] = w.isChecked()
            elif isinstance(w, QComboBox):
                raw[key] = w.currentText() if w.isEditable() else w.currentData()
        for key in self.detail.hidden if self.detail else ():
            raw[key] = None  # shown masked and read-only: the service keeps what is recorded
        raw["id_type"] = field_as(self.w["id_type"], QComboBox).currentData() if raw.get("id_number") else None
        return raw

    def load(self, d: MemberDetail) -> None:
        self.detail = d
        v = d.data
        for key, value in asdict(v).items():
            if key in DATE_KEYS:
                value = format_date(value, year_only=key == "birth_date" and v.birth_year_only)
            elif key == "salary":
                value = format_money(value, unit=False)
            elif key == "dues_paid_through":
                value = f"{value.month:02d}/{value.year}" if value else ""
            if key in self.w:
                self.set_value(key, value)
        self.setWindowTitle(self.tr("Hồ sơ đoàn viên: {0}").format(v.full_name))
        self.status_label.setText(self.tr("Trạng thái hiện nay: <b>{0}</b>").format(term(d.status_label)))
        self.history.setRowCount(len(d.events))
        for r, e in enumerate(d.events):
            for c, text in enumerate((format_date(e.event_date) or self.tr("(không rõ ngày)"), term(e.label),
                                      e.reason or "", e.decision_number or "")):
                self.history.setItem(r, c, QTableWidgetItem(text))
        self.event_kind.clear()
        for k in next_kinds(d.status):
            self.event_kind.addItem(term(EVENT_KINDS[k].label), k)
        self.transfer_button.setEnabled("transferred_out" in next_kinds(d.status) and d.erased_at is None)
        self._show_hidden(d)
        if d.erased_at is not None:
            self._lock_erased(d)

    def transfer_out(self) -> None:
        from desktop.views.transfer_dialogs import TransferOutDialog
        if self.detail is None or self.member_id is None:
            return
        mid = self.member_id
        dialog = TransferOutDialog(self.state, mid, self.detail.data.full_name,
                                   self.detail.data.consent_date is not None, self)
        dialog.accepted.connect(lambda: self.load(self.state.members.get(mid)))
        dialog.open()
        self.transfer_dialog = dialog

    def _show_hidden(self, d: MemberDetail) -> None:
        """The ID number and the salary of a role that may not see them: masked, read-only."""
        tip = self.tr("Chỉ Chủ tịch, Kế toán và Thủ quỹ xem và sửa được; khi lưu, giá trị đã ghi được giữ nguyên.")
        for key in ("id_number", "salary"):
            w = field_as(self.w[key], QLineEdit)
            hidden = key in d.hidden
            w.setReadOnly(hidden)
            w.setStyleSheet(HIDDEN_STYLE if hidden else "")
            w.setToolTip(tip if hidden else "")
            if hidden and key == "salary":
                w.setText(HIDDEN_SALARY)
        self.w["id_type"].setEnabled("id_number" not in d.hidden)

    def _lock_erased(self, d: MemberDetail) -> None:
        """A record kept only for the books: shown, not editable."""
        for w in self.w.values():
            w.setEnabled(False)
        field_as(self.w["id_type"], QComboBox).setCurrentIndex(-1)  # no document any more
        for w in (self.qr_input, self.qr_button, self.event_button, self.event_kind, self.event_date,
                  self.event_reason, self.event_decision):
            w.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.notice.setText(self.tr(
            "Dữ liệu cá nhân của đoàn viên này đã được xóa ngày {0} (hết thời hạn lưu giữ). Hồ sơ chỉ còn "
            "để giữ sổ sách: đoàn phí đã nộp, phiếu thu, phiếu chi; không sửa được nữa.").format(
            format_date(d.erased_at.date()) if d.erased_at else ""))
        self.notice.setVisible(True)

    # ---- QR ------------------------------------------------------------------------
    def read_qr(self) -> None:
        text = self.qr_input.text()
        if not text.strip():
            return
        try:
            qr = parse_cccd_qr(text)
        except QrFormatError as e:
            self.qr_result.setStyleSheet("background: #fdecea; border: 1px solid #f5c6c0; padding: 6px;")
            self.qr_result.setText(e.message if hasattr(e, "message") else str(e))
            self.qr_result.setVisible(True)
            return
        fills = {"full_name": qr.full_name, "id_number": qr.id_number, "gender": qr.gender,
                 "birth_date": format_date(qr.birth_date), "id_issue_date": format_date(qr.issue_date),
                 "permanent_address": qr.address}
        if self.detail and "id_number" in self.detail.hidden:
            del fills["id_number"]  # recorded already, and not this user's to see or change
        for key, value in fills.items():
            if value:
                self.set_value(key, value)
        self.set_value("id_type", "CCCD")
        self.qr_result.setStyleSheet("background: #eef6ee; border: 1px solid #9ccc9c; padding: 6px;")
        self.qr_result.setText(self.tr(
            "Đã đọc từ mã QR (kiểm tra lại, nhất là dấu tiếng Việt, rồi bấm Lưu):<br>"
            "<b>{0}</b> — sinh {1} — {2} — CCCD {3}<br>Thường trú: {4} — Ngày cấp: {5}").format(
            qr.full_name, format_date(qr.birth_date), qr.gender or "?", qr.id_number,
            qr.address or "", format_date(qr.issue_date)))
        self.qr_result.setVisible(True)
        self.qr_input.clear()
        self.tabs.setCurrentIndex(0)

    # ---- saving --------------------------------------------------------------------
    def show_problems(self, errors: dict[str, str], warnings: Sequence[str] = ()) -> None:
        for key, w in self.w.items():
            bad = key in errors or (key == "group_id" and "group" in errors)
            w.setStyleSheet(INVALID_STYLE if bad else "")
            w.setToolTip(errors.get(key, ""))
        if self.detail is not None:
            self._show_hidden(self.detail)
        lines = [f"<b>{term(label(k))}</b>: {m}" for k, m in errors.items()] + list(warnings)
        self.problems.setText("<br>".join(lines))
        self.problems.setVisible(bool(lines))
        if errors:
            first = next(iter(errors))
            tab = 1 if first in ("job_title", "department", "education", "qualification", "group",
                                 "union_position", "joined_date", "card_number", "dues_basis", "salary",
                                 "dues_paid_through") else 0
            self.tabs.setCurrentIndex(tab)

    def save(self, confirm_similar: bool = False, confirm_warnings: bool = False) -> None:
        if self.saving or (self.detail is not None and self.detail.erased_at is not None):
            return
        raw = self.raw_values()
        try:
            value: MemberInput = self.state.members.parse(raw)
        except ValidationError as e:
            self.show_problems(e.errors, e.warnings)
            return
        warnings = self.state.members.warnings(raw)
        self.show_problems({}, warnings)
        if warnings and not confirm_warnings:
            message(self, Icon.Warning, self.tr("Kiểm tra lại"),
                    "\n".join(warnings) + "\n\n" + self.tr("Vẫn lưu?"),
                    buttons=Button.Save | Button.Cancel, default=Button.Cancel,
                    on_result=lambda b: self.save(confirm_similar, True) if b == Button.Save else None)
            return
        members = self.state.members
        mid = self.member_id
        self.saving = True
        self.buttons.setEnabled(False)

        def work(_control):
            if mid is None:
                return members.add(value, confirm_similar=confirm_similar)
            return members.update(mid, value, confirm_similar=confirm_similar)

        self.state.runner.submit("save-member", work, on_done=self._saved, on_error=self._save_failed)

    def _saved(self, detail: MemberDetail) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.saved_detail = detail
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, DuplicateMemberError) and not exc.blocking:
            message(self, Icon.Question, self.tr("Có thể trùng đoàn viên"),
                    exc.message + "\n\n" + self.tr("Nếu đây là người khác, bấm Có để vẫn lưu."),
                    buttons=Button.Yes | Button.No, default=Button.No,
                    on_result=lambda b: self.save(True, True) if b == Button.Yes else None)
        elif isinstance(exc, ValidationError):
            self.show_problems(exc.errors, exc.warnings)
        else:
            show_error(self, exc, self.tr("Chưa lưu được"))

    # ---- history -------------------------------------------------------------------
    def add_event(self) -> None:
        from desktop.services.core.dates import DateFormatError, parse_date
        try:
            parsed = parse_date(self.event_date.text())
        except DateFormatError:
            self.show_problems({"event_date": self.tr("không đọc được ngày (cần dạng ngày/tháng/năm).")})
            return
        kind = self.event_kind.currentData()
        if kind is None or self.member_id is None:
            return
        members, mid = self.state.members, self.member_id
        reason, decision = self.event_reason.text(), self.event_decision.text()
        when = parsed.value if parsed else None

        def done(detail: MemberDetail) -> None:
            self.show_problems({})
            self.event_date.clear()
            self.event_reason.clear()
            self.event_decision.clear()
            self.load(detail)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.show_problems(exc.errors)
            else:
                show_error(self, exc, self.tr("Chưa ghi được thay đổi"))

        self.state.runner.submit(
            "member-event", lambda _c: members.add_event(mid, kind, when, reason=reason, decision_number=decision),
            on_done=done, on_error=failed)
