"""A bank statement into the bank book: every line of the file with its state and what it
is proposed to be, nothing written until "Ghi các dòng đã chọn". Lines matched for sure
(dues by payment reference, kinh phí) come ticked; a proposal by name or CCCD, a fee or
interest is ticked by the person; a line without one is recorded by choosing its source
of income or item of spending. The bank page opens it (its button is wired there)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.services.bank.statement_import import (
    CHOICE_KINDS,
    FEE,
    INCOME_KIND,
    INTEREST,
    NEW,
    SPENDING_KIND,
    STATES,
    Choice,
    ImportPreview,
    ImportResult,
    PreviewLine,
    StatementImportService,
)
from desktop.services.cash.service import INCOME, SPENDING
from desktop.views.app_state import AppState
from desktop.views.dialogs import inform
from desktop.views.errors import show_error
from desktop.views.formatting import format_money

TICK, ROW, DAY, MONEY_IN, MONEY_OUT, TEXT, STATE, PROPOSAL, NOTE = range(9)


def _hand_choices(line: PreviewLine) -> list[tuple[str, Choice]]:
    """What a line may be recorded as by hand: a source of income for money in, an item
    of spending for money out, and interest or a fee."""
    if line.line.credit:
        return ([(f"Thu: {label}", Choice(INCOME_KIND, category=code)) for code, label in INCOME.items()
                 if code != "doan_phi"]  # dues are a member's: by reference or by the proposal
                + [(CHOICE_KINDS[INTEREST], Choice(INTEREST))])
    return ([(f"Chi: {label}", Choice(SPENDING_KIND, category=code)) for code, label in SPENDING.items()]
            + [(CHOICE_KINDS[FEE], Choice(FEE))])


class BankImportDialog(QDialog):
    def __init__(self, state: AppState, account_id: str, path: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.account_id = account_id
        self.path = path
        self.service = StatementImportService(state.ctx)
        self.preview: ImportPreview | None = None
        self.setObjectName("bankImportDialog")
        self.setWindowTitle(self.tr("Nhập sao kê ngân hàng"))
        self.resize(1200, 680)
        self.summary = QLabel(self.tr("Đang đọc {0}…").format(Path(path).name), objectName="bankImportSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 9, objectName="bankImportTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Ghi"), self.tr("Dòng"), self.tr("Ngày"), self.tr("Tiền vào"), self.tr("Tiền ra"),
            self.tr("Nội dung"), self.tr("Trạng thái"), self.tr("Ghi là"), self.tr("Ghi chú")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.balance = QLabel(objectName="bankImportBalance")
        self.balance.setWordWrap(True)
        self.commit_button = QPushButton(self.tr("Ghi các dòng đã chọn"), objectName="bankImportCommit")
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(self.commit)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.balance, 1)
        bottom.addWidget(self.commit_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.combos: dict[int, QComboBox] = {}

    # ---- reading -------------------------------------------------------------------
    def start(self) -> None:
        self.commit_button.setEnabled(False)
        service, account, path = self.service, self.account_id, self.path
        self.state.runner.submit("bank-import-preview", lambda _c: service.preview(account, path),
                                 on_done=self._shown, on_error=self._failed, read_only=True)

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.summary.setText(self.tr("Không đọc được sao kê."))
            show_error(self, exc)

    def _shown(self, p: ImportPreview) -> None:
        if not shiboken6.isValid(self):
            return
        self.preview = p
        counts = p.counts()
        problems = "".join(f"\n{x}" for x in p.statement.problems)
        self.summary.setText(self.tr(
            "{0}, tài khoản {1}: {2} dòng — {3} mới, {4} đã nhập, {5} cần xem lại. Chưa ghi gì cho đến khi bấm "
            "“Ghi các dòng đã chọn”.{6}").format(p.statement.file_name, p.account.title, len(p.lines), counts[NEW],
                                                  counts["imported"], counts["problem"], problems))
        if p.difference is None:
            self.balance.setText(self.tr("Sao kê không ghi số dư cuối kỳ: chưa đối chiếu được với sổ."))
        elif p.difference == 0:
            self.balance.setText(self.tr("Số dư cuối kỳ {0} khớp với sổ khi ghi đủ các dòng mới.").format(
                format_money(p.statement.closing_balance or 0)))
        else:
            self.balance.setText(self.tr("Số dư cuối kỳ trên sao kê lệch với sổ {0} (sau khi ghi đủ các dòng mới).")
                                 .format(format_money(p.difference)))
        self.combos = {}
        self.table.setRowCount(len(p.lines))
        for i, line in enumerate(p.lines):
            self._fill_row(i, line)
        self.table.resizeRowsToContents()
        self.commit_button.setEnabled(counts[NEW] > 0)

    def _fill_row(self, i: int, p: PreviewLine) -> None:
        names = dict(p.candidates)
        proposal = "" if p.proposal is None else self._choice_text(p.proposal, names)
        values = ["", str(p.row), f"{p.line.date:%d/%m/%Y}", format_money(p.line.credit, unit=False) if p.line.credit
                  else "", format_money(p.line.debit, unit=False) if p.line.debit else "", p.line.description,
                  STATES[p.state], proposal, p.note]
        for j, v in enumerate(values):
            item = QTableWidgetItem(v)
            item.setToolTip(v)
            if j in (ROW, MONEY_IN, MONEY_OUT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, j, item)
        if p.state != NEW:
            return
        tick = self.table.item(i, TICK)
        tick.setFlags(tick.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        tick.setCheckState(Qt.CheckState.Checked if p.automatic else Qt.CheckState.Unchecked)
        if p.proposal is None:
            combo = QComboBox()
            combo.addItem(self.tr("(chọn để ghi)"), None)
            for label, choice in _hand_choices(p):
                combo.addItem(label, choice)
            combo.currentIndexChanged.connect(lambda _i, row=i, c=combo: self._chosen(row, c))
            self.table.setCellWidget(i, PROPOSAL, combo)
            self.combos[i] = combo

    def _chosen(self, i: int, combo: QComboBox) -> None:
        tick = self.table.item(i, TICK)
        tick.setCheckState(Qt.CheckState.Checked if combo.currentData() is not None else Qt.CheckState.Unchecked)

    @staticmethod
    def _choice_text(c: Choice, names: dict[str, str]) -> str:
        if c.kind == INCOME_KIND:
            return f"Thu: {INCOME.get(c.category or '', '')}"
        if c.kind == SPENDING_KIND:
            return f"Chi: {SPENDING.get(c.category or '', '')}"
        if c.member_id is not None:
            return f"{CHOICE_KINDS[c.kind]} — {names.get(c.member_id, '')}"
        return CHOICE_KINDS[c.kind]

    def choices(self) -> dict[int, Choice]:
        """The ticked lines, each with its proposal or what the person chose."""
        p = self.preview
        if p is None:
            return {}
        out: dict[int, Choice] = {}
        for i, line in enumerate(p.lines):
            tick = self.table.item(i, TICK)
            if tick is None or tick.checkState() != Qt.CheckState.Checked:
                continue
            combo = self.combos.get(i)
            choice = combo.currentData() if combo is not None else line.proposal
            if isinstance(choice, Choice):
                out[line.row] = choice
        return out

    # ---- writing -------------------------------------------------------------------
    def commit(self) -> None:
        p = self.preview
        chosen = self.choices()
        if p is None or not chosen:
            inform(self, self.tr("Chưa chọn dòng nào"), self.tr("Hãy đánh dấu các dòng cần ghi vào sổ tiền gửi."))
            return
        self.commit_button.setEnabled(False)
        service = self.service
        self.state.runner.submit("bank-import-commit", lambda _c: service.confirm(p, chosen),
                                 on_done=self._committed, on_error=self._write_failed)

    def _committed(self, result: ImportResult) -> None:
        if shiboken6.isValid(self):
            inform(self, self.tr("Đã ghi"), self.tr("Đã ghi {0} dòng vào sổ tiền gửi.").format(len(result.recorded)))
            self.start()

    def _write_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            show_error(self, exc)
            self.start()
