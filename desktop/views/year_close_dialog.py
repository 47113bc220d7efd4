"""Khoá sổ năm: the chair closes a fiscal year after its settlement, or reopens it with a
reason (issue 14, item 11). Two steps, so that nothing is closed by a slip: "Khoá sổ năm…"
shows what the close will record (opening and closing cash and bank, income, spending,
the ledger's fingerprint), and only "Xác nhận khoá sổ" closes. Opened from the reports page."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.services.core.money import format_money
from desktop.services.year import YearEvent, YearService, YearStatus
from desktop.views.app_state import AppState
from desktop.views.errors import show_error
from protocol.ledger import YearFigures


class YearCloseDialog(QDialog):
    changed = Signal(object)  # the YearEvent written

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("yearCloseDialog")
        self.setWindowTitle(self.tr("Khoá sổ năm tài chính"))
        self.service = YearService(state.ctx)
        self.years = QLabel(objectName="yearStates")
        self.years.setWordWrap(True)
        self.year = QSpinBox(objectName="closeYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year - 1)
        self.close_button = QPushButton(self.tr("Khoá sổ năm…"), objectName="previewClose")
        self.confirm = QLabel(objectName="closeConfirmText")
        self.confirm.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Xác nhận khoá sổ"), objectName="confirmClose")
        self.reason = QLineEdit(objectName="reopenReason")
        self.reason.setPlaceholderText(self.tr("Lý do mở lại sổ (bắt buộc)"))
        self.reopen_button = QPushButton(self.tr("Mở lại sổ"), objectName="reopenYear")
        self.message = QLabel(objectName="yearMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)

        pick = QHBoxLayout()
        for w in (QLabel(self.tr("Năm:")), self.year, self.close_button):
            pick.addWidget(w)
        pick.addStretch(1)
        reopen = QHBoxLayout()
        reopen.addWidget(self.reason, 1)
        reopen.addWidget(self.reopen_button)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Sau khi quyết toán, Chủ tịch khoá sổ năm: không lập, hủy hay sửa chứng từ có ngày trong năm đó nữa; "
            "sai sót được sửa bằng chứng từ điều chỉnh trong năm đang mở. Mở lại sổ cần ghi lý do."))
        intro.setWordWrap(True)
        self.setMinimumWidth(560)
        layout.addWidget(intro)
        layout.addWidget(self.years)
        layout.addLayout(pick)
        layout.addWidget(self.confirm)
        layout.addWidget(self.confirm_button)
        layout.addLayout(reopen)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.confirm.setVisible(False)
        self.confirm_button.setVisible(False)
        self.pending: int | None = None

        self.close_button.clicked.connect(self.preview)
        self.confirm_button.clicked.connect(self.close_year)
        self.reopen_button.clicked.connect(self.reopen)
        self.year.valueChanged.connect(self._forget_preview)
        self.reload()

    # ---- the years -------------------------------------------------------------------
    def reload(self) -> None:
        service = self.service
        self.state.runner.submit("year-status", lambda _c: service.status(), on_done=self._show_states,
                                 on_error=lambda e: show_error(self, e, self.tr("Chưa đọc được các năm")),
                                 read_only=True)

    def _show_states(self, rows: list[YearStatus]) -> None:
        lines = [self._state_line(st) for st in rows]
        self.years.setText("<br>".join(lines) or self.tr("Chưa có chứng từ nào."))

    def _state_line(self, st: YearStatus) -> str:
        if st.last is None:
            text = self.tr("Năm {0}: đang mở ({1} chứng từ)").format(st.year, st.documents)
        elif st.closed:
            text = self.tr("Năm {0}: đã khoá sổ ngày {1:%d/%m/%Y} ({2})").format(st.year, st.last.day, st.last.by_name)
            if st.matches is False:
                text += self.tr(" — sổ sách trên máy này không còn khớp với lúc khoá sổ")
        else:
            text = self.tr("Năm {0}: đã mở lại ngày {1:%d/%m/%Y} ({2}): {3}").format(
                st.year, st.last.day, st.last.by_name, st.last.reason or "")
        return html.escape(text)

    # ---- closing -----------------------------------------------------------------------
    def preview(self) -> None:
        year, service = self.year.value(), self.service
        self.message.setText("")
        self.state.runner.submit("year-preview", lambda _c: service.preview(year),
                                 on_done=lambda f: self._show_preview(year, f), on_error=self._failed, read_only=True)

    def _show_preview(self, year: int, f: YearFigures) -> None:
        self.pending = year
        rows = [(self.tr("Tồn quỹ tiền mặt đầu năm"), f.cash_opening), (self.tr("Tiền gửi đầu năm"), f.bank_opening),
                (self.tr("Tổng thu trong năm"), f.income), (self.tr("Tổng chi trong năm"), f.spending),
                (self.tr("Tồn quỹ tiền mặt cuối năm"), f.cash_closing), (self.tr("Tiền gửi cuối năm"), f.bank_closing)]
        table = "".join(f"<tr><td>{html.escape(label)}</td><td align='right'><b>{format_money(v)}</b></td></tr>"
                        for label, v in rows)
        self.confirm.setText(
            self.tr("<p>Khoá sổ năm {0} sẽ ghi lại:</p>").format(year) + f"<table>{table}</table>"
            + self.tr("<p>Dấu vân tay sổ sách ({0} dòng): <code>{1}</code></p>").format(f.rows, f.fingerprint[:16] + "…")
            + self.tr("<p>Số dư cuối năm chuyển sang đầu năm {0}. Đơn vị dùng nhiều máy: đồng bộ ngay trước khi "
                      "khoá sổ, để sổ sách gồm cả chứng từ của các máy khác.</p>").format(year + 1))
        self.confirm.setVisible(True)
        self.confirm_button.setVisible(True)

    def _forget_preview(self) -> None:
        self.pending = None
        self.confirm.setVisible(False)
        self.confirm_button.setVisible(False)

    def close_year(self) -> None:
        if self.pending is None:
            return
        year, service = self.pending, self.service
        self.confirm_button.setEnabled(False)
        self.state.runner.submit("year-close", lambda _c: service.close(year), on_done=self._done,
                                 on_error=self._failed)

    def reopen(self) -> None:
        year, reason, service = self.year.value(), self.reason.text(), self.service
        self.message.setText("")
        self.state.runner.submit("year-reopen", lambda _c: service.reopen(year, reason), on_done=self._done,
                                 on_error=self._failed)

    def _done(self, event: YearEvent) -> None:
        self.confirm_button.setEnabled(True)
        self._forget_preview()
        self.reason.clear()
        if event.event == "close":
            self.message.setText(self.tr("Đã khoá sổ năm {0}.").format(event.year))
        else:
            self.message.setText(self.tr("Đã mở lại sổ năm {0}.").format(event.year))
        self.changed.emit(event)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        message = getattr(exc, "message", None)
        if message:
            self.message.setText(html.escape(message))
        else:
            show_error(self, exc, self.tr("Chưa khoá hay mở được sổ"))
