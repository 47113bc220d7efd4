"""Settings → Đồng bộ: enrol this PC with the upper level's server (address and one-time
code), then see the unit, the server, this PC's number, the last sync and what waits to
be sent, with "Đồng bộ ngay". Both buttons act at once: nothing here waits for the
dialog's Save, and Cancel does not undo an enrolment."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSysInfo, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.views.errors import message_for
from desktop.views.sync_runner import SyncRunner
from desktop.views.sync_status import COLORS, count, describe, local_time

ERROR_STYLE = f"color: {COLORS['error']}"


def _note(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setStyleSheet("color: #555")
    return label


class SyncForm(QWidget):
    def __init__(self, runner: SyncRunner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.joined: str | None = None  # the unit this PC was just enrolled with, for the confirmation
        self.setObjectName("syncForm")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._enrol_page())
        self.stack.addWidget(self._status_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        runner.changed.connect(self.show_state)
        runner.enrolled.connect(self._enrolled)
        runner.enroll_failed.connect(self._enroll_failed)
        self.show_state()

    # ---- not enrolled ----------------------------------------------------------------
    def _enrol_page(self) -> QWidget:
        page = QWidget()
        self.server = QLineEdit(objectName="syncServer", placeholderText="https://…")
        self.code = QLineEdit(objectName="syncCode", placeholderText="ABCDE-FGH23")
        self.device_name = QLineEdit(QSysInfo.machineHostName(), objectName="syncDeviceName")
        self.device_name.setMaxLength(100)
        self.enroll_button = QPushButton(self.tr("Đăng ký máy này"), objectName="syncEnroll")
        self.enroll_button.setDefault(False)
        self.enroll_button.setAutoDefault(False)
        self.enroll_result = QLabel(objectName="syncEnrollResult", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.enroll_button)
        row.addStretch(1)
        form = QFormLayout(page)
        form.addRow(_note(self.tr(
            "Đồng bộ gửi sổ sách của đơn vị lên máy chủ của công đoàn cấp trên và giữ cho các máy của đơn vị "
            "có cùng dữ liệu. Cấp trên cho biết địa chỉ máy chủ và cấp cho mỗi máy một mã đăng ký dùng một lần.")))
        form.addRow(self.tr("Địa chỉ máy chủ:"), self.server)
        form.addRow(self.tr("Mã đăng ký:"), self.code)
        form.addRow(self.tr("Tên máy này:"), self.device_name)
        form.addRow(row)
        form.addRow(self.enroll_result)
        form.addRow(_note(self.tr("Việc đăng ký có hiệu lực ngay, không cần bấm Lưu. Máy có mạng mới đăng ký "
                                  "được; sau đó vẫn làm việc bình thường khi mất mạng.")))
        for field in (self.server, self.code):
            field.textChanged.connect(self._can_enroll)
            field.installEventFilter(self)  # Enter enrols, instead of the dialog's Save
        self.enroll_button.clicked.connect(self.enroll)
        return page

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and obj in (self.server, self.code)):
            self.enroll()
            return True
        return super().eventFilter(obj, event)

    def _can_enroll(self) -> None:
        ready = bool(self.server.text().strip() and self.code.text().strip())
        self.enroll_button.setEnabled(ready and not self.runner.running)

    def enroll(self) -> None:
        if not (self.server.text().strip() and self.code.text().strip()) or self.runner.running:
            return
        self.enroll_result.setStyleSheet("")
        self.enroll_result.setText(self.tr("Đang đăng ký với máy chủ…"))
        self.runner.enroll(self.server.text(), self.code.text(), self.device_name.text())

    def _enrolled(self, status) -> None:
        self.code.clear()
        self.enroll_result.clear()
        self.joined = status.unit_name or status.unit_code or ""
        self.show_state()

    def _enroll_failed(self, exc: BaseException) -> None:
        self.enroll_result.setStyleSheet(ERROR_STYLE)
        self.enroll_result.setText(message_for(exc) or self.tr("Lỗi không mong muốn; chi tiết đã ghi vào nhật ký."))

    # ---- enrolled --------------------------------------------------------------------
    def _status_page(self) -> QWidget:
        page = QWidget()
        self.unit_value = QLabel(objectName="syncUnit", wordWrap=True)
        self.server_value = QLabel(objectName="syncServerValue", wordWrap=True)
        self.device_value = QLabel(objectName="syncDevice")
        self.last_value = QLabel(objectName="syncLast")
        self.pending_value = QLabel(objectName="syncPending")
        self.review_value = QLabel(objectName="syncReview")
        self.state_value = QLabel(objectName="syncState", wordWrap=True)
        self.done_note = QLabel(objectName="syncDoneNote", wordWrap=True)
        self.done_note.setStyleSheet(f"color: {COLORS['ok']}; font-weight: bold")
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"), objectName="syncNow")
        self.sync_button.setAutoDefault(False)
        self.sync_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.sync_button.setToolTip(self.tr("Gửi các thay đổi của máy này và nhận thay đổi của các máy khác (F9)"))
        self.progress = QProgressBar(objectName="syncProgress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("Dừng"), objectName="syncStop")
        self.cancel_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addStretch()
        form = QFormLayout(page)
        form.addRow(self.done_note)
        form.addRow(self.tr("Đơn vị:"), self.unit_value)
        form.addRow(self.tr("Máy chủ:"), self.server_value)
        form.addRow(self.tr("Máy này:"), self.device_value)
        form.addRow(self.tr("Lần đồng bộ gần nhất:"), self.last_value)
        form.addRow(self.tr("Thay đổi chờ gửi:"), self.pending_value)
        form.addRow(self.tr("Cần xem xét:"), self.review_value)
        form.addRow(self.tr("Tình trạng:"), self.state_value)
        form.addRow(row)
        form.addRow(_note(self.tr("Khi ứng dụng đang mở, việc đồng bộ tự chạy 5 phút một lần. Mất mạng thì dữ liệu "
                                  "vẫn lưu trên máy này và được gửi khi có mạng lại.")))
        self.sync_button.clicked.connect(lambda: self.runner.sync_now())
        self.cancel_button.clicked.connect(self.runner.cancel)
        return page

    def show_state(self) -> None:
        r, st = self.runner, self.runner.status
        self.stack.setCurrentIndex(1 if st.enrolled else 0)
        self._can_enroll()
        self.server.setEnabled(not r.running)
        self.code.setEnabled(not r.running)
        if not st.enrolled:
            return
        self.unit_value.setText(f"{st.unit_name or ''} ({st.unit_code})" if st.unit_code else st.unit_name or "")
        self.server_value.setText(st.server_url or "")
        self.device_value.setText(self.tr("Máy số {0}").format(st.device_number) if st.device_number else "")
        self.last_value.setText(local_time(st.last_sync_at, with_date=True) if st.last_sync_at
                                else self.tr("Chưa đồng bộ lần nào"))
        self.pending_value.setText(count(st.pending))
        review = st.open_conflicts + st.rejected
        self.review_value.setText(self.tr("{0} mục (xem trang Cần xem xét)").format(review) if review
                                  else self.tr("Không có"))
        shown = describe(r)
        self.state_value.setText(shown.text if not r.error else shown.tooltip.split("\n\n")[0])
        self.state_value.setToolTip(shown.tooltip)
        self.state_value.setStyleSheet(f"color: {COLORS[shown.tone]}")
        syncing = r.running and r.job == "sync"
        self.sync_button.setEnabled(not r.running)
        self.progress.setVisible(syncing)
        self.progress.setRange(0, 0 if syncing and r.percent is None else 100)
        self.progress.setValue(r.percent or 0)
        self.cancel_button.setVisible(syncing)
        self.done_note.setVisible(self.joined is not None)
        if self.joined is not None:
            self.done_note.setText(self.tr("Đã đăng ký máy này với {0}.").format(self.joined) + " " + (
                (self.tr("Đang gửi dữ liệu của máy này lên máy chủ: {0}") if r.phase == "push" else
                 self.tr("Đang nhận dữ liệu của đơn vị: {0}")).format(r.detail) if syncing and r.detail
                 else self.tr("Đang đồng bộ lần đầu…") if syncing else ""))
