"""The dues collection page: a month or quarter and a group; every member with what is
due, paid and owed; collecting one by one, for a whole group at once, or many months."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.text import fold
from desktop.services.documents.dues_notice import DuesNotices
from desktop.services.documents.service import Documents
from desktop.services.dues.calc import month_start
from desktop.services.dues.service import DuesLine, DuesService
from desktop.views.app_state import AppState
from desktop.views.dialogs import Button, Icon, message
from desktop.views.errors import show_error
from desktop.views.formatting import count, format_money
from desktop.views.widgets import GroupFilter, list_table

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def money(n: int | None) -> str:
    return format_money(n, unit=False) if n else ("0" if n == 0 else "")


class DuesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DuesLine] = []
        self.headers = [self.tr("Họ và tên"), self.tr("Tổ"), self.tr("Căn cứ đóng"), self.tr("Phải nộp"),
                        self.tr("Đã nộp"), self.tr("Còn phải nộp"), self.tr("Nợ kỳ trước"), self.tr("Ghi chú")]

    def set_rows(self, rows: list[DuesLine]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.headers)

    def note(self, r: DuesLine) -> str:
        if r.due == 0 and r.why_zero:
            return r.why_zero
        if r.due and r.owed == 0:
            return self.tr("Đã nộp đủ") + (self.tr(", nộp trước {0}").format(money(r.advance)) if r.advance else "")
        if r.excess:
            return self.tr("gồm {0} thu thêm theo nghị quyết").format(money(r.excess))
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.full_name, r.group_name or "", money(r.basis_amount), money(r.due), money(r.paid),
                    money(r.owed), money(r.arrears), self.note(r)][c]
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= c <= 6:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if c == 5 and r.owed:
                return QColor("#b71c1c")
            if c == 6 and r.arrears:
                return QColor("#b71c1c")
            if r.due == 0:
                return QColor("#8a8a8a")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class DuesPage(QWidget):
    status_message = Signal(str)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.dues = DuesService(state.ctx)
        self.setObjectName("duesPage")
        self.lines: list[DuesLine] = []
        self.loading = False

        self.kind = QComboBox(objectName="periodKind")
        self.kind.addItem(self.tr("Tháng"), 1)
        self.kind.addItem(self.tr("Quý"), 3)
        self.month = QDateEdit(objectName="periodMonth")
        self.month.setDisplayFormat("MM/yyyy")
        self.month.setDate(QDate.currentDate())
        self.group = GroupFilter("duesGroup")
        self.search = QLineEdit(objectName="duesSearch")
        self.search.setPlaceholderText(self.tr("Lọc theo tên…"))
        self.search.setClearButtonEnabled(True)
        self.pay_button = QPushButton(self.tr("Thu của người đã chọn"), objectName="paySelected")
        self.pay_group_button = QPushButton(self.tr("Thu cả tổ (một phiếu)…"), objectName="payGroup")
        self.months_button = QPushButton(self.tr("Thu nhiều tháng…"), objectName="payMonths")
        self.ledger_button = QPushButton(self.tr("Sổ đoàn phí…"), objectName="openLedger")
        self.sheet_button = QPushButton(self.tr("In danh sách thu…"), objectName="printSheet")
        self.notice_button = QPushButton(self.tr("In thông báo đoàn phí (mã QR)…"), objectName="printNotice")
        self.notice_button.setToolTip(self.tr("Mỗi đoàn viên đã chọn (hoặc cả tổ) còn phải nộp một thông báo, có mã "
                                              "VietQR để chuyển khoản đúng số tiền và nội dung"))
        self.payroll_button = QPushButton(self.tr("Bảng kê trích lương…"), objectName="payroll")
        self.remit_button = QPushButton(self.tr("Nộp cấp trên…"), objectName="remit")

        self.model = DuesModel(self)
        self.table = list_table("duesTable", multi=True)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((200, 130, 95, 85, 85, 95, 95)):
            self.table.setColumnWidth(col, width)
        self.summary = QLabel(objectName="duesSummary")

        top = QHBoxLayout()
        for w in (QLabel(self.tr("Kỳ:")), self.kind, self.month, QLabel(self.tr("Tổ:")), self.group):
            top.addWidget(w)
        top.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for b in (self.pay_button, self.pay_group_button, self.months_button, self.ledger_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.sheet_button, self.notice_button, self.payroll_button, self.remit_button):
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.kind.currentIndexChanged.connect(self.reload)
        self.month.dateChanged.connect(self.reload)
        self.group.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._filter)
        self.pay_button.clicked.connect(self.pay_selected)
        self.pay_group_button.clicked.connect(self.pay_group)
        self.months_button.clicked.connect(self.pay_months)
        self.ledger_button.clicked.connect(self.open_ledger)
        self.table.doubleClicked.connect(lambda _: self.open_ledger())
        self.sheet_button.clicked.connect(self.print_sheet)
        self.notice_button.clicked.connect(self.print_notices)
        self.payroll_button.clicked.connect(self.open_payroll)
        self.remit_button.clicked.connect(self.open_remit)
        state.data_changed.connect(self._on_data_changed)
        # The group list (with its counts) is read when the page is first shown, not
        # while the main window is being built.
        self.groups_stale = True

    # ---- loading -------------------------------------------------------------------
    def period(self) -> tuple[int, int]:
        d = self.month.date()
        m = d.year() * 12 + d.month() - 1
        if self.kind.currentData() == 3:
            first = m - m % 3
            return first, first + 2
        return m, m

    def _groups(self) -> None:
        self.groups_stale = False
        self.group.set_groups(self.state.units.groups())

    def reload(self) -> None:
        first, last = self.period()
        gid = self.group.currentData()
        dues = self.dues
        self.loading = True
        self._request = getattr(self, "_request", 0) + 1
        request = self._request
        self.summary.setText(self.tr("Đang tính đoàn phí…"))
        self.state.runner.submit("dues-period",
                                 lambda _c: dues.period(month_start(first), month_start(last), group_id=gid),
                                 on_done=lambda lines: self._loaded(lines, request), on_error=self._failed)

    def _loaded(self, lines: list[DuesLine], request: int) -> None:
        if request != self._request:
            return  # the user changed the month or group meanwhile: a newer answer is coming
        self.loading = False
        self.lines = lines
        self._filter()

    def _failed(self, exc) -> None:
        self.loading = False
        self.summary.setText("")
        show_error(self, exc)

    def _filter(self) -> None:
        text = fold(self.search.text())
        rows = [r for r in self.lines if text in fold(r.full_name)] if text else self.lines
        self.model.set_rows(rows)
        due = sum(r.due for r in rows)
        paid = sum(r.paid for r in rows)
        # Said as what it counts: the list also holds members exempt this period and
        # members who left with dues still owed, so it is not the union's member count.
        self.summary.setText(self.tr(
            "{0} đoàn viên trong danh sách, {6} phải đóng đoàn phí kỳ này — phải nộp {1}, đã nộp {2} ({3}%), "
            "còn phải nộp {4}, nợ kỳ trước {5}").format(
            count(len(rows)), format_money(due), format_money(paid), round(100 * paid / due) if due else 100,
            format_money(sum(r.owed for r in rows)), format_money(sum(r.arrears for r in rows)),
            count(sum(1 for r in rows if r.due > 0))))

    def _on_data_changed(self, what: set) -> None:
        if "groups" in what:
            if self.isVisible():
                self._groups()
            else:
                self.groups_stale = True
        if what & {"members", "dues", "cash", "groups", "unit"} and self.isVisible():
            self.reload()
        elif what & {"members", "dues", "cash"}:
            self.lines = []  # stale: reloaded when shown
            self.model.set_rows([])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.groups_stale:
            self._groups()
            self.lines = []
        if not self.lines and not self.loading:
            self.reload()

    def selected(self) -> list[DuesLine]:
        return [self.model.rows[i.row()] for i in self.table.selectionModel().selectedRows()]

    # ---- collecting ----------------------------------------------------------------
    def _months(self) -> list[date]:
        first, last = self.period()
        return [month_start(m) for m in range(first, last + 1)]

    def pay_selected(self) -> None:
        rows = [r for r in self.selected() if r.owed]
        if not rows:
            message(self, Icon.Information, self.tr("Thu đoàn phí"),
                    self.tr("Chọn những đoàn viên còn phải nộp trong kỳ (giữ Ctrl hoặc Shift để chọn nhiều người)."))
            return
        total = sum(r.owed for r in rows)
        message(self, Icon.Question, self.tr("Thu đoàn phí"),
                self.tr("Thu {0} của {1} đoàn viên, mỗi người một phiếu thu?").format(format_money(total),
                                                                                     count(len(rows))),
                buttons=Button.Yes | Button.No, default=Button.Yes,
                on_result=lambda b: self._collect({r.member_id: self._months() for r in rows}, False)
                if b == Button.Yes else None)

    def _collect(self, wanted: dict, one_receipt: bool, payer: str | None = None) -> None:
        dues = self.dues

        def done(docs) -> None:
            self.status_message.emit(self.tr("Đã lập {0} phiếu thu, tổng {1}.").format(
                len(docs), format_money(sum(d.amount for d in docs))))
            self.last_docs = docs

        self.state.runner.submit(
            "collect", lambda _c: dues.pay_many(wanted, one_receipt=one_receipt, payer_name=payer, skip_settled=True),
            on_done=done, on_error=lambda e: show_error(self, e, self.tr("Chưa thu được")))

    def pay_group(self):
        from desktop.views.dues_dialogs import PayGroupDialog
        rows = [r for r in (self.selected() or self.model.rows) if r.owed]
        dialog = PayGroupDialog(rows, self.group.currentText(), self)
        dialog.accepted_payer.connect(lambda payer: self._collect({r.member_id: self._months() for r in rows},
                                                                  True, payer))
        dialog.open()
        return dialog

    def pay_months(self):
        from desktop.views.dues_dialogs import PayMonthsDialog
        return self._open_for_one(PayMonthsDialog, self.tr("Thu nhiều tháng"))

    def open_ledger(self):
        from desktop.views.dues_dialogs import LedgerDialog
        return self._open_for_one(LedgerDialog, self.tr("Sổ đoàn phí"))

    def _open_for_one(self, dialog_class, title: str):
        """A dialog about exactly one selected member; otherwise say so."""
        rows = self.selected()
        if len(rows) != 1:
            message(self, Icon.Information, title, self.tr("Chọn một đoàn viên."))
            return None
        dialog = dialog_class(self.state, rows[0].member_id, self)
        dialog.open()
        return dialog

    def print_sheet(self) -> None:
        from desktop.views.dues_dialogs import print_and_preview
        first, last = self.period()
        gid, gname = self.group.currentData(), (self.group.currentText() if self.group.currentData() else None)
        docs = Documents(self.state.ctx)
        print_and_preview(self, self.state, f"danh-sach-thu-doan-phi-{month_start(first):%Y-%m}.pdf",
                          self.tr("Danh sách thu đoàn phí"),
                          lambda out: docs.collection_sheet(month_start(first), month_start(last), out,
                                                            group_id=gid, group_name=gname))

    def print_notices(self) -> None:
        """A dues notice with its VietQR code for each selected member, or for each member
        of the chosen group, who owes for the period shown."""
        from desktop.views.dues_dialogs import print_and_preview
        rows, gid = self.selected(), self.group.currentData()
        if not rows and not gid:
            message(self, Icon.Information, self.tr("Thông báo đoàn phí"),
                    self.tr("Chọn những đoàn viên cần gửi thông báo, hoặc chọn một tổ."))
            return
        ids = [r.member_id for r in rows] or None
        months = self._months()
        notices = DuesNotices(self.state.ctx)
        print_and_preview(self, self.state, f"thong-bao-doan-phi-{months[0]:%Y-%m}.pdf",
                          self.tr("Thông báo đoàn phí"),
                          lambda out: notices.render(notices.notices(months, member_ids=ids,
                                                                     group_id=None if ids else gid), out))

    def open_payroll(self):
        from desktop.views.dues_dialogs import PayrollDialog
        first, _ = self.period()
        dialog = PayrollDialog(self.state, first, self)
        dialog.open()
        return dialog

    def open_remit(self):
        from desktop.views.dues_dialogs import RemitDialog
        first, last = self.period()
        dialog = RemitDialog(self.state, first, last, self)
        dialog.open()
        return dialog
