"""Dialogs of the dues page: a group's collection, many months of one member, the
member's dues ledger (with basis changes and exemptions), payroll lists, remittance."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.services.cash.service import DocInfo
from desktop.services.core.money import MoneyFormatError, parse_money
from desktop.services.documents.service import Documents
from desktop.services.dues.calc import EXEMPT_REASONS, month_index, month_label, month_start
from desktop.services.dues.remittance import RemittancePlan, RemittanceService
from desktop.services.dues.service import DuesLine, DuesService
from desktop.services.members.rules import DUES_BASES
from desktop.services.payroll.service import PayrollPreview, PayrollService
from desktop.views.app_state import AppState
from desktop.views.empty_state import EmptyState, show_empty
from desktop.views.errors import message_for, show_error
from desktop.views.formatting import format_money, term

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ERROR_STYLE = "color: #b71c1c"


def month_edit(m: int, name: str) -> QDateEdit:
    e = QDateEdit(objectName=name)
    e.setDisplayFormat("MM/yyyy")
    e.setDate(QDate(m // 12, m % 12 + 1, 1))
    return e


def edit_month(e: QDateEdit) -> int:
    return e.date().year() * 12 + e.date().month() - 1


def cell(text, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if right:
        item.setTextAlignment(RIGHT)
    return item


def fill_table(table: QTableWidget, rows: list[list], money_cols: set[int]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            text = format_money(v, unit=False) if c in money_cols and isinstance(v, int) else ("" if v is None else v)
            table.setItem(r, c, cell(text, c in money_cols))


def print_and_preview(parent, state: AppState, filename: str, title: str, render) -> None:
    """Make a PDF with render(path) on the worker, then show it in the print preview."""
    from desktop.views.print_preview import PrintPreviewDialog
    out = Path(tempfile.mkdtemp(prefix="congdoan-")) / filename

    def show(_result) -> None:
        parent.last_preview = PrintPreviewDialog(str(out), title, parent)
        parent.last_preview.open()

    state.runner.submit("print", lambda _c: render(out), on_done=show, on_error=lambda e: show_error(parent, e))


class PayGroupDialog(QDialog):
    """One receipt for what a group's leader hands in."""

    accepted_payer = Signal(str)

    def __init__(self, rows: list[DuesLine], group_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("payGroupDialog")
        self.setWindowTitle(self.tr("Thu đoàn phí cả tổ vào một phiếu"))
        total = sum(r.owed for r in rows)
        info = QLabel(self.tr("{0}: {1} đoàn viên còn phải nộp, tổng {2}. Một phiếu thu ghi tên người nộp "
                              "(thường là tổ trưởng), kèm danh sách.").format(group_name, len(rows), format_money(total)))
        info.setWordWrap(True)
        self.payer = QLineEdit(objectName="payerName")
        self.payer.setPlaceholderText(self.tr("Họ tên người nộp"))
        self.error = QLabel(styleSheet=ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(rows))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(info)
        form.addRow(self.tr("Người nộp:"), self.payer)
        form.addRow(self.error)
        form.addRow(buttons)

    def _ok(self) -> None:
        if not self.payer.text().strip():
            self.error.setText(self.tr("Cần họ tên người nộp."))
            return
        self.accepted_payer.emit(self.payer.text())
        self.accept()


class PayMonthsDialog(QDialog):
    """Clear arrears or pay ahead: the member's months with what each still owes."""

    def __init__(self, state: AppState, member_id: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.dues = DuesService(state.ctx)
        self.doc: DocInfo | None = None
        self.setObjectName("payMonthsDialog")
        self.resize(520, 560)
        today = month_index(date.today())
        led = self.dues.ledger(member_id, last=month_start(today + 12))
        self.setWindowTitle(self.tr("Thu đoàn phí nhiều tháng: {0}").format(led.full_name))
        self.months = [m for m in led.months if m.due.total - m.paid > 0]
        self.table = QTableWidget(len(self.months), 3, objectName="monthsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tháng"), self.tr("Phải nộp"), self.tr("Còn phải nộp")])
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, m in enumerate(self.months):
            item = cell(month_label(m.month))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.month <= today else Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, item)
            self.table.setItem(r, 1, cell(format_money(m.due.total, unit=False), True))
            self.table.setItem(r, 2, cell(format_money(m.due.total - m.paid, unit=False), True))
        self.table.itemChanged.connect(self._total)
        self.total = QLabel(objectName="monthsTotal")
        self.error = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
        self.pay_button = QPushButton(self.tr("Thu và lập phiếu thu"), objectName="payMonthsOk")
        self.print_button = QPushButton(self.tr("In phiếu thu…"), objectName="printReceipt")
        self.print_button.setEnabled(False)
        close = QPushButton(self.tr("Đóng"))
        self.pay_button.clicked.connect(self.pay)
        self.print_button.clicked.connect(self.print_receipt)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.pay_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        if not self.months:
            layout.addWidget(QLabel(self.tr("Đoàn viên không còn tháng nào phải nộp.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self._total()

    def chosen(self) -> list[int]:
        return [m.month for r, m in enumerate(self.months)
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked]

    def _total(self) -> None:
        chosen = set(self.chosen())
        amount = sum(m.due.total - m.paid for m in self.months if m.month in chosen)
        self.amount = amount
        self.total.setText(self.tr("Tổng thu: <b>{0}</b> cho {1} tháng").format(format_money(amount), len(chosen)))
        self.pay_button.setEnabled(bool(chosen) and self.doc is None)

    def pay(self) -> None:
        months: list[str | date] = [month_start(m) for m in self.chosen()]
        amount, mid, dues = self.amount, self.member_id, self.dues

        def done(doc: DocInfo) -> None:
            self.doc = doc
            self.error.setStyleSheet("color: #2e7d32")
            self.error.setText(self.tr("Đã lập phiếu thu {0}: {1}.").format(doc.ref, format_money(doc.amount)))
            self.pay_button.setEnabled(False)
            self.print_button.setEnabled(True)

        self.pay_button.setEnabled(False)
        self.state.runner.submit("pay-months", lambda _c: dues.pay(mid, months, amount=amount), on_done=done,
                                 on_error=self._failed)

    def _failed(self, exc) -> None:
        self.pay_button.setEnabled(True)
        self.error.setText(message_for(exc) or str(exc))

    def print_receipt(self) -> None:
        docs, doc = Documents(self.state.ctx), self.doc
        if doc is None:
            return
        print_and_preview(self, self.state, f"phieu-thu-{doc.number:04d}.pdf", self.tr("Phiếu thu"),
                          lambda out: docs.receipts([doc], out))


class LedgerDialog(QDialog):
    """A member's dues month by month, with the forms that change them."""

    def __init__(self, state: AppState, member_id: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.dues = DuesService(state.ctx)
        self.setObjectName("ledgerDialog")
        self.resize(900, 640)
        self.heading = QLabel(objectName="ledgerHeading")
        self.table = QTableWidget(0, 7, objectName="ledgerTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tháng"), self.tr("Căn cứ đóng"), self.tr("Phải nộp"),
                                              self.tr("Đã nộp"), self.tr("Phiếu thu"), self.tr("Còn nợ lũy kế"),
                                              self.tr("Ghi chú")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(4, 150)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        this_month = month_index(date.today())
        basis_box = QGroupBox(self.tr("Đổi căn cứ đóng (tiền lương) từ một tháng"))
        self.basis_month = month_edit(this_month, "basisMonth")
        self.basis_kind = QComboBox(objectName="basisKind")
        for k, v in DUES_BASES.items():
            self.basis_kind.addItem(term(v), k)
        self.basis_amount = QLineEdit(objectName="basisAmount")
        self.basis_amount.setPlaceholderText(self.tr("đồng, ví dụ 7.500.000"))
        basis_button = QPushButton(self.tr("Ghi"), objectName="saveBasis")
        bl = QHBoxLayout(basis_box)
        for w in (QLabel(self.tr("Từ tháng")), self.basis_month, self.basis_kind, self.basis_amount, basis_button):
            bl.addWidget(w)
        exempt_box = QGroupBox(self.tr("Miễn đoàn phí (hưởng BHXH ốm đau, thai sản; nghỉ không lương…)"))
        self.exempt_from = month_edit(this_month, "exemptFrom")
        self.exempt_to = month_edit(this_month, "exemptTo")
        self.exempt_reason = QComboBox(objectName="exemptReason")
        for k, v in EXEMPT_REASONS.items():
            self.exempt_reason.addItem(v, k)
        self.exempt_note = QLineEdit(objectName="exemptNote")
        self.exempt_note.setPlaceholderText(self.tr("ghi chú, số quyết định"))
        exempt_button = QPushButton(self.tr("Ghi"), objectName="saveExemption")
        el = QHBoxLayout(exempt_box)
        for w in (QLabel(self.tr("Từ")), self.exempt_from, QLabel(self.tr("đến")), self.exempt_to,
                  self.exempt_reason, self.exempt_note, exempt_button):
            el.addWidget(w)
        self.exemptions = QLabel(objectName="exemptionList", wordWrap=True)
        self.error = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
        print_button = QPushButton(self.tr("In sổ…"), objectName="printLedger")
        close = QPushButton(self.tr("Đóng"))
        row = QHBoxLayout()
        row.addWidget(print_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(basis_box)
        layout.addWidget(exempt_box)
        layout.addWidget(self.exemptions)
        layout.addWidget(self.error)
        layout.addLayout(row)
        basis_button.clicked.connect(self.save_basis)
        exempt_button.clicked.connect(self.save_exemption)
        print_button.clicked.connect(self.print_ledger)
        close.clicked.connect(self.accept)
        self.load()

    def load(self) -> None:
        led = self.dues.ledger(self.member_id)
        self.setWindowTitle(self.tr("Sổ đoàn phí: {0}").format(led.full_name))
        self.heading.setText(self.tr("<b>{0}</b> — sinh {1} — {2}<br>Tổng phải nộp {3}, đã nộp {4}, "
                                     "còn nợ <b>{5}</b>").format(
            led.full_name, led.birth_text, led.group_name or "", format_money(led.total_due),
            format_money(led.total_paid), format_money(max(0, led.balance))))
        fill_table(self.table, [[month_label(m.month), m.due.basis_amount, m.due.total, m.paid, ", ".join(m.receipts),
                                 m.balance, m.due.why_zero or ""] for m in led.months], {1, 2, 3, 5})
        self.table.scrollToBottom()
        rows = self.dues.exemptions(self.member_id)
        self.exemptions.setText(self.tr("Đã miễn: ") + "; ".join(f"{a}–{b}: {r}" + (f" ({n})" if n else "")
                                                                for a, b, r, n in rows) if rows else "")

    def _write(self, fn) -> None:
        def done(_):
            self.error.clear()
            self.load()
        self.state.runner.submit("ledger-change", lambda _c: fn(), on_done=done,
                                 on_error=lambda e: self.error.setText(message_for(e) or str(e)))

    def save_basis(self) -> None:
        try:
            amount = parse_money(self.basis_amount.text())
        except MoneyFormatError:
            amount = None
        if not amount:
            self.error.setText(self.tr("Nhập số tiền căn cứ đóng, ví dụ 7.500.000."))
            return
        m, kind, dues, mid = month_start(edit_month(self.basis_month)), self.basis_kind.currentData(), self.dues, self.member_id
        self._write(lambda: dues.set_basis(mid, m, kind, amount))

    def save_exemption(self) -> None:
        a, b = month_start(edit_month(self.exempt_from)), month_start(edit_month(self.exempt_to))
        reason, note, dues, mid = self.exempt_reason.currentData(), self.exempt_note.text(), self.dues, self.member_id
        self._write(lambda: dues.add_exemption(mid, a, b, reason, note))

    def print_ledger(self) -> None:
        docs, mid = Documents(self.state.ctx), self.member_id
        print_and_preview(self, self.state, "so-doan-phi.pdf", self.tr("Sổ theo dõi đoàn phí"),
                          lambda out: docs.ledger(mid, out))


class PayrollDialog(QDialog):
    """The employer's list of deductions: matched, checked, recorded as one receipt."""

    def __init__(self, state: AppState, month: int, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.service = PayrollService(state.ctx)
        self.preview_data: PayrollPreview | None = None
        self.doc: DocInfo | None = None
        self.setObjectName("payrollDialog")
        self.setWindowTitle(self.tr("Đoàn phí trích qua bảng lương"))
        self.resize(900, 600)
        self.path = QLabel(self.tr("(chưa chọn tệp)"), objectName="payrollPath")
        self.choose_button = choose = QPushButton(self.tr("Chọn tệp khác…"), objectName="payrollChoose")
        choose.setVisible(False)  # the empty state's button chooses the first file
        self.month = month_edit(month, "payrollMonth")
        self.employer = QLineEdit(objectName="employer")
        self.employer.setPlaceholderText(self.tr("đơn vị chuyển tiền, ví dụ Công ty TNHH …"))
        self.total = QLineEdit(objectName="transferTotal")
        self.total.setPlaceholderText(self.tr("số tiền trên giấy báo có"))
        self.table = QTableWidget(0, 6, objectName="payrollTable")
        self.table.setHorizontalHeaderLabels([self.tr("Dòng"), self.tr("Họ và tên"), self.tr("CCCD / số thẻ"),
                                              self.tr("Số tiền"), self.tr("Phải nộp"), self.tr("Kết quả")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 200)
        self.table.verticalHeader().hide()  # the file's own row numbers are the first column
        self.summary = QLabel(objectName="payrollSummary", wordWrap=True)
        self.commit_button = QPushButton(self.tr("Ghi phiếu thu"), objectName="payrollCommit")
        self.commit_button.setEnabled(False)
        close = QPushButton(self.tr("Đóng"))
        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        form.addRow(self.tr("Bảng kê:"), file_row)
        form.addRow(self.tr("Tháng:"), self.month)
        form.addRow(self.tr("Đơn vị chuyển:"), self.employer)
        form.addRow(self.tr("Số tiền chuyển:"), self.total)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.commit_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        # Before a file: what the list must hold for the matching to work.
        self.empty = EmptyState("payrollEmpty")
        self.empty.set_message(
            self.tr("Chưa chọn bảng kê đoàn phí trích qua lương"),
            self.tr("Chọn tệp Excel mà bộ phận tiền lương gửi kèm khoản chuyển đoàn phí. Tệp cần một dòng tiêu đề "
                    "(trong 30 dòng đầu) có các cột:\n"
                    "• Họ và tên\n"
                    "• Số tiền (hoặc Đoàn phí, Số tiền trích, Trích nộp, Mức đóng)\n"
                    "• Số CCCD hoặc Số thẻ đoàn viên: để đối chiếu chắc chắn; Ngày sinh giúp phân biệt người trùng tên.\n"
                    "Phần mềm đối chiếu từng dòng với sổ đoàn viên và cho xem trước khi ghi một phiếu thu."),
            self.tr("Chọn bảng kê Excel…"), self.choose)
        layout.addWidget(self.empty, 1)
        show_empty(self.empty, self.table, True)
        layout.addLayout(row)
        choose.clicked.connect(self.choose)
        self.month.dateChanged.connect(lambda _: self.load_file(self.file) if getattr(self, "file", None) else None)
        self.commit_button.clicked.connect(self.commit)
        close.clicked.connect(self.accept)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn bảng kê"), "", self.tr("Tệp Excel (*.xlsx *.xls)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        self.file = path
        self.path.setText(path)
        show_empty(self.empty, self.table, False)
        self.choose_button.setVisible(True)
        m, service = month_start(edit_month(self.month)), self.service
        self.summary.setText(self.tr("Đang đối chiếu…"))
        self.state.runner.submit("payroll-preview", lambda _c: service.preview(path, m), on_done=self._previewed,
                                 on_error=lambda e: self.summary.setText(
                                     f"<span style='{ERROR_STYLE}'>{message_for(e) or e}</span>"))

    def _previewed(self, p: PayrollPreview) -> None:
        self.preview_data = p
        labels = {"ok": self.tr("Khớp"), "warning": self.tr("Lưu ý"), "unmatched": self.tr("Không tìm thấy"),
                  "error": self.tr("Lỗi")}
        fill_table(self.table, [[r.row_number, r.name, r.id_text or "", r.amount, r.owed,
                                 labels[r.status] + (f": {r.problem}" if r.problem else "")] for r in p.rows], {3, 4})
        self.summary.setText(self.tr("{0} dòng, tổng {1}; {2} dòng chưa khớp hoặc lỗi.").format(
            len(p.rows), format_money(p.total), len(p.blocking)))
        self.commit_button.setEnabled(not p.blocking and bool(p.rows))

    def commit(self) -> None:
        p = self.preview_data
        if p is None:
            return
        try:
            total = parse_money(self.total.text())
        except MoneyFormatError:
            total = None
        if total is None:
            self.summary.setText(f"<span style='{ERROR_STYLE}'>" + self.tr("Nhập số tiền đơn vị đã chuyển.") + "</span>")
            return
        service, employer = self.service, self.employer.text()

        def done(doc: DocInfo) -> None:
            self.doc = doc
            self.commit_button.setEnabled(False)
            self.summary.setText(self.tr("Đã lập phiếu thu {0}: {1} cho {2} đoàn viên.").format(
                doc.ref, format_money(doc.amount), len(p.rows)))

        self.state.runner.submit("payroll-commit",
                                 lambda _c: service.commit(p, employer=employer, declared_total=total),
                                 on_done=done, on_error=lambda e: self.summary.setText(
                                     f"<span style='{ERROR_STYLE}'>{message_for(e) or e}</span>"))


class RemitDialog(QDialog):
    """Compute the upper level's share for a period, then pay it with a voucher."""

    def __init__(self, state: AppState, first: int, last: int, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.service = RemittanceService(state.ctx)
        self.plan: RemittancePlan | None = None
        self.voucher: DocInfo | None = None
        self.setObjectName("remitDialog")
        self.setWindowTitle(self.tr("Nộp đoàn phí về công đoàn cấp trên"))
        self.resize(560, 420)
        self.first = month_edit(first, "remitFrom")
        self.last = month_edit(last, "remitTo")
        self.summary = QLabel(objectName="remitResult", wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        compute = QPushButton(self.tr("Tính"), objectName="remitCompute")
        self.record_button = QPushButton(self.tr("Lập phiếu chi nộp cấp trên"), objectName="remitRecord")
        self.print_button = QPushButton(self.tr("In bảng kê…"), objectName="remitPrint")
        close = QPushButton(self.tr("Đóng"))
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Từ tháng")), self.first, QLabel(self.tr("đến tháng")), self.last, compute):
            top.addWidget(w)
        top.addStretch(1)
        row = QHBoxLayout()
        for b in (self.record_button, self.print_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary, 1)
        layout.addLayout(row)
        compute.clicked.connect(self.compute)
        self.record_button.clicked.connect(self.record)
        self.print_button.clicked.connect(self.print_statement)
        close.clicked.connect(self.accept)
        self.compute()

    def months(self) -> tuple[date, date]:
        return month_start(edit_month(self.first)), month_start(edit_month(self.last))

    def compute(self) -> None:
        (a, b), service = self.months(), self.service
        self.record_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.state.runner.submit("remit-plan", lambda _c: service.plan(a, b), on_done=self._planned,
                                 on_error=lambda e: self.summary.setText(message_for(e) or str(e)))

    def _planned(self, plan: RemittancePlan) -> None:
        self.plan = plan
        self.summary.setText(self.tr(
            "Đoàn phí đã thu {0}: <b>{1}</b><br>— theo mức quy định: {2}<br>— thu thêm theo nghị quyết (đơn vị giữ 100%): {3}"
            "<br>Tỷ lệ nộp cấp trên: {4} ({5})<br>Phải nộp cấp trên: <b>{6}</b>; công đoàn cơ sở giữ lại {7}").format(
            plan.period_text, format_money(plan.collected), format_money(plan.standard), format_money(plan.excess),
            plan.share_text, plan.share_source, format_money(plan.amount), format_money(plan.kept)))
        self.record_button.setEnabled(plan.amount > 0)
        self.print_button.setEnabled(True)

    def record(self) -> None:
        (a, b), service = self.months(), self.service

        def done(result: tuple[RemittancePlan, DocInfo]) -> None:
            self.plan, voucher = result
            self.voucher = voucher
            self.record_button.setEnabled(False)
            self.summary.setText(self.summary.text() + "<br><br>" + self.tr("Đã lập phiếu chi {0}.").format(voucher.ref))

        self.state.runner.submit("remit-record", lambda _c: service.record(a, b), on_done=done,
                                 on_error=lambda e: show_error(self, e, self.tr("Chưa lập được phiếu chi")))

    def print_statement(self) -> None:
        docs, plan, voucher = Documents(self.state.ctx), self.plan, self.voucher
        if plan is None:
            return
        print_and_preview(self, self.state, "bang-ke-nop-cap-tren.pdf", self.tr("Bảng kê nộp cấp trên"),
                          lambda out: docs.remittance(plan, out, voucher))
