"""The state of sync in words a treasurer understands, for the status bar and the
settings tab: "Đã đồng bộ lúc 14:32", "3 thay đổi chờ gửi", "Đang đồng bộ… 45%",
"Mất kết nối — dữ liệu vẫn lưu trên máy" (the full message as tooltip)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.views.errors import message_for
from desktop.views.sync_runner import SyncRunner

COLORS = {"ok": "#2e7d32", "busy": "#1565c0", "warn": "#b26a00", "error": "#c62828", "off": "#757575"}


def count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def local_time(utc: datetime | None, *, with_date: bool = False) -> str:
    """A UTC time (as the service keeps it) on this PC's clock: "14:32", or with the
    date when it is not today."""
    if utc is None:
        return ""
    t = utc.replace(tzinfo=UTC).astimezone()
    if with_date or t.date() != datetime.now().astimezone().date():
        return t.strftime("%d/%m/%Y %H:%M")
    return t.strftime("%H:%M")


@dataclass(frozen=True)
class Shown:
    text: str
    tooltip: str
    tone: str  # a key of COLORS


class SyncWords(QObject):
    """The texts (a QObject for self.tr); shared by the status bar and the settings tab."""

    def short_error(self, exc: BaseException | None) -> str:
        code = getattr(exc, "code", None)
        if code == "offline":
            return self.tr("Mất kết nối — dữ liệu vẫn lưu trên máy")
        if code == "update":
            return self.tr("Cần cập nhật phần mềm để đồng bộ")
        if code == "credential":
            return self.tr("Máy chủ không nhận máy này")
        if code == "cancelled":
            return self.tr("Đã dừng đồng bộ")
        if code == "busy":
            return self.tr("Đang có lần đồng bộ khác")
        return self.tr("Đồng bộ chưa được")

    def describe(self, runner: SyncRunner) -> Shown:
        st = runner.status
        if not st.enrolled and not runner.running:
            return Shown(self.tr("Chưa đăng ký đồng bộ"), self.tr(
                "Máy này chưa gửi dữ liệu lên máy chủ của cấp trên. Đăng ký trong Tệp → Cài đặt đơn vị → Đồng bộ."),
                "off")
        last = (self.tr("Lần đồng bộ gần nhất: {0}").format(local_time(st.last_sync_at, with_date=True))
                if st.last_sync_at else self.tr("Chưa đồng bộ lần nào."))
        pending = self.tr("{0} thay đổi chờ gửi").format(count(st.pending)) if st.pending else ""
        details = "\n".join(x for x in (last, pending) if x)
        if runner.running:
            return self._running(runner)
        error = runner.error
        if error is not None:
            full = message_for(error) or self.tr("Lỗi không mong muốn; chi tiết đã ghi vào nhật ký.")
            tone = "warn" if getattr(error, "code", None) in ("offline", "cancelled", "busy") else "error"
            return Shown(self.short_error(error), full + "\n\n" + details, tone)
        if st.last_error:  # the last sync failed before this start of the app
            return Shown(self.tr("Lần đồng bộ trước chưa được"), st.last_error + "\n\n" + details, "warn")
        if st.pending:
            return Shown(pending, last + "\n" + self.tr("Sẽ gửi ở lần đồng bộ tới (F9: đồng bộ ngay)."), "warn")
        if st.last_sync_at:
            return Shown(self.tr("Đã đồng bộ lúc {0}").format(local_time(st.last_sync_at)), last, "ok")
        return Shown(self.tr("Chưa đồng bộ lần nào"), self.tr("F9: đồng bộ ngay."), "off")

    def _running(self, runner: SyncRunner) -> Shown:
        if runner.job == "enroll":
            return Shown(self.tr("Đang đăng ký với máy chủ…"), "", "busy")
        pct = runner.percent
        text = self.tr("Đang đồng bộ…") + (f" {pct}%" if pct is not None else "")
        done, total = count(runner.done), count(runner.total)
        if runner.phase == "push" and runner.detail:  # a large upload: rows, MB, time left
            step = self.tr("Đang gửi dữ liệu của máy này lên máy chủ: {0}").format(runner.detail)
        elif runner.phase == "push":
            step = self.tr("Đang gửi thay đổi của máy này: {0}/{1}").format(done, total)
        elif runner.phase == "pull":
            step = self.tr("Đang nhận dữ liệu từ máy chủ: {0}/{1}").format(done, total)
        elif runner.phase == "snapshot":
            step = self.tr("Đang nhận dữ liệu của đơn vị: {0}").format(runner.detail)
        else:
            step = self.tr("Đang kết nối máy chủ…")
        return Shown(text, step + "\n" + self.tr("Bấm Dừng nếu cần: lần sau sẽ tiếp tục từ chỗ đã dừng."), "busy")


def describe(runner: SyncRunner) -> Shown:
    return SyncWords().describe(runner)


class SyncStatusBar(QWidget):
    """The status bar's piece: the state in words, and a stop button while a sync runs."""

    def __init__(self, runner: SyncRunner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel(objectName="syncStatus")
        self.cancel_button = QToolButton(objectName="syncCancel", text=self.tr("Dừng"))
        self.cancel_button.setToolTip(self.tr("Dừng đồng bộ; lần sau sẽ tiếp tục từ chỗ đã dừng"))
        self.cancel_button.clicked.connect(runner.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.cancel_button)
        runner.changed.connect(self.show_state)
        # Wide enough for the progress text from the start: it does not jump at each percent.
        self._fit(self.tr("Đang đồng bộ…") + " 100%")
        self.show_state()

    def _fit(self, text: str) -> None:
        """Grow (never shrink) to the text, so the status bar does not shift back and forth."""
        width = self.label.fontMetrics().horizontalAdvance(text) + 8
        if width > self.label.minimumWidth():
            self.label.setMinimumWidth(width)

    def show_state(self) -> None:
        shown = describe(self.runner)
        self._fit(shown.text)
        self.label.setText(shown.text)
        self.label.setToolTip(shown.tooltip)
        self.label.setStyleSheet(f"color: {COLORS[shown.tone]}")
        self.cancel_button.setVisible(self.runner.running and self.runner.job == "sync")
