"""At start, on a PC enrolled in a unit whose data it has not all received yet (the first
sync was cut: the server stopped, the network failed, the app was closed): the pull is
resumed here, with its progress, before anything else. Never the setup wizard: that
would make a second unit (issue 11, item 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.views.app_state import AppState
from desktop.views.sync_runner import SyncRunner


class FirstSyncDialog(QDialog):
    """Accepted once the whole first pull is in; the user may retry or quit meanwhile."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSyncDialog")
        self.setWindowTitle(self.tr("Nhận dữ liệu của đơn vị"))
        self.state = state
        self.runner = SyncRunner.of(state)
        self.text = QLabel(self.tr("Máy này đã đăng ký đồng bộ nhưng chưa nhận xong dữ liệu của đơn vị từ máy chủ. "
                                   "Đang nhận tiếp…"), wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox()
        self.retry = self.buttons.addButton(self.tr("Thử lại"), QDialogButtonBox.ButtonRole.ActionRole)
        self.quit = self.buttons.addButton(self.tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        self.retry.setEnabled(False)
        self.retry.clicked.connect(self.start)
        self.quit.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.resize(520, 160)
        self.runner.changed.connect(self._progress)
        self.runner.finished.connect(self._finished)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.runner.running:
            self.start()

    def start(self) -> None:
        self.retry.setEnabled(False)
        self.bar.setRange(0, 0)
        self.text.setText(self.tr("Đang nhận tiếp dữ liệu của đơn vị từ máy chủ…"))
        self.runner.sync_now(user=True)

    def _progress(self) -> None:
        percent = self.runner.percent
        if percent is not None:
            self.bar.setRange(0, 100)
            self.bar.setValue(percent)
        if self.runner.detail:  # from the unit's snapshot: rows and MB done and to go, time left
            self.text.setText(self.tr("Đang nhận dữ liệu của đơn vị từ máy chủ: {0}").format(self.runner.detail))

    def _finished(self, _report, exc) -> None:
        if exc is None and not self.runner.service.first_sync_unfinished():
            self.accept()
            return
        why = getattr(exc, "message", None) or str(exc or "")
        self.text.setText(self.tr("Chưa nhận xong dữ liệu của đơn vị: {0}\n\nKiểm tra kết nối mạng rồi bấm "
                                  "“Thử lại”. Máy này không khởi tạo đơn vị mới.").format(why))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.retry.setEnabled(True)

    def done(self, result: int) -> None:
        self.runner.changed.disconnect(self._progress)
        self.runner.finished.disconnect(self._finished)
        if self.runner.running:
            self.runner.cancel()
        super().done(result)
