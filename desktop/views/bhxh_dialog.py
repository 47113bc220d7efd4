"""The employer's social-insurance list (D02-LT): what it changes in the members' dues
bases, shown before anything is written; the workers who are not members yet (the
recruitment list) to print or admit; the rows not used and why."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dues.calc import month_label
from desktop.services.payroll.social_insurance import MATCH_LABELS, InsurancePreview, SocialInsuranceImport
from desktop.views.app_state import AppState
from desktop.views.dialogs import inform
from desktop.views.errors import show_error
from desktop.views.formatting import format_money
from desktop.views.task_runner import Task


def _table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers), objectName=name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(table: QTableWidget, rows: list[tuple], right: Container[int] = frozenset(), checkable: bool = False) -> None:
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for j, v in enumerate(values):
            item = QTableWidgetItem(str(v))
            item.setToolTip(str(v))  # a long reason is read in full
            if j in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if checkable and j == 0:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                # Unchecked: only those who asked to join are admitted, each chosen on purpose.
                item.setCheckState(Qt.CheckState.Unchecked)
            table.setItem(i, j, item)
    table.resizeRowsToContents()


class BhxhDialog(QDialog):
    def __init__(self, state: AppState, path: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.path = path
        self.service = SocialInsuranceImport(state.ctx)
        self.preview: InsurancePreview | None = None
        self.setObjectName("bhxhDialog")
        self.setWindowTitle(self.tr("Cập nhật lương đóng đoàn phí từ danh sách BHXH (D02-LT)"))
        self.resize(1100, 680)

        self.summary = QLabel(self.tr("Đang đọc {0}…").format(Path(path).name), objectName="bhxhSummary")
        self.summary.setWordWrap(True)
        self.month = QDateEdit(objectName="bhxhMonth")
        self.month.setDisplayFormat("MM/yyyy")
        today = date.today()
        self.month.setDate(QDate(today.year, today.month, 1))
        self.reread = QPushButton(self.tr("Xem lại với tháng này"), objectName="bhxhReread")
        self.reread.clicked.connect(self.start)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tháng áp dụng cho các dòng không ghi “Từ tháng, năm”:")))
        top.addWidget(self.month)
        top.addWidget(self.reread)
        top.addStretch(1)

        self.changes = _table("bhxhChanges", [self.tr("Dòng"), self.tr("Đoàn viên"), self.tr("Tìm thấy theo"),
                                              self.tr("Lương đóng BHXH đã ghi"), self.tr("Lương đóng BHXH mới"),
                                              self.tr("Từ tháng"), self.tr("Mã số BHXH"), self.tr("Cách tính")], 7)
        self.recruits = _table("bhxhRecruits", [self.tr("Chọn"), self.tr("Dòng"), self.tr("Họ và tên"),
                                                self.tr("Ngày sinh"), self.tr("Giới tính"), self.tr("Mã số BHXH"),
                                                self.tr("Chức vụ, nơi làm việc"), self.tr("Lương đóng BHXH"),
                                                self.tr("Ghi chú")], 6)
        self.problems = _table("bhxhProblems", [self.tr("Dòng"), self.tr("Lý do không dùng")], 1)
        self.tabs = QTabWidget(objectName="bhxhTabs")
        self.tabs.addTab(self.changes, self.tr("Thay đổi"))
        self.tabs.addTab(self._recruit_tab(), self.tr("Chưa là đoàn viên"))
        self.tabs.addTab(self.problems, self.tr("Dòng không dùng"))

        self.commit_button = QPushButton(self.tr("Ghi thay đổi"), objectName="bhxhCommit")
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(self.commit)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.commit_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _recruit_tab(self) -> QWidget:
        w = QWidget()
        note = QLabel(self.tr("Người lao động có trong danh sách BHXH nhưng chưa là đoàn viên: danh sách để Ban Chấp "
                              "hành vận động. Chọn những người đã có đơn xin gia nhập để kết nạp."))
        note.setWordWrap(True)
        self.print_button = QPushButton(self.tr("In danh sách (PDF)…"), objectName="bhxhPrint")
        self.print_button.clicked.connect(self.ask_print)
        self.group = QComboBox(objectName="bhxhGroup")
        self.admitted_on = QDateEdit(objectName="bhxhAdmittedOn")
        self.admitted_on.setDisplayFormat("dd/MM/yyyy")
        self.admitted_on.setCalendarPopup(True)
        self.admitted_on.setDate(QDate.currentDate())
        self.decision = QLineEdit(objectName="bhxhDecision")
        self.decision.setPlaceholderText(self.tr("số quyết định, nếu có"))
        self.admit_button = QPushButton(self.tr("Kết nạp những người đã chọn"), objectName="bhxhAdmit")
        self.admit_button.clicked.connect(self.admit)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Vào tổ:")))
        row.addWidget(self.group)
        row.addWidget(QLabel(self.tr("Ngày kết nạp:")))
        row.addWidget(self.admitted_on)
        row.addWidget(self.decision)
        row.addWidget(self.admit_button)
        layout = QVBoxLayout(w)
        layout.addWidget(note)
        layout.addWidget(self.recruits, 1)
        layout.addLayout(row)
        self.group.addItem(self.tr("(chưa xếp tổ)"), None)
        for g in self.state.units.groups():
            self.group.addItem(g.name, g.id)
        return w

    # ---- reading -------------------------------------------------------------------
    def start(self) -> None:
        self.commit_button.setEnabled(False)
        d = self.month.date()
        month = d.year() * 12 + d.month() - 1 if self.preview is not None else None
        service, path = self.service, self.path
        self.state.runner.submit("bhxh-preview", lambda _c: service.preview(path, month=month),
                                 on_done=self._shown, on_error=self._failed, read_only=True)

    def _failed(self, exc) -> None:
        if shiboken6.isValid(self):
            self.summary.setText(self.tr("Không đọc được danh sách."))
            show_error(self, exc)

    def _shown(self, p: InsurancePreview) -> None:
        if not shiboken6.isValid(self):
            return
        self.preview = p
        if p.month is not None:
            self.month.setDate(QDate(p.month // 12, p.month % 12 + 1, 1))
        src = p.source
        self.summary.setText(self.tr(
            "{0}: {1} người lao động. {2} đoàn viên sẽ thay đổi, {3} không đổi; {4} người chưa là đoàn viên; "
            "{5} dòng không dùng được; {6} người ở mục Giảm (không cập nhật). Chưa ghi gì cho đến khi bấm "
            "“Ghi thay đổi”.").format(Path(p.path).name, len(src.workers) + len(src.leaving), len(p.changes),
                                       len(p.unchanged), len(p.recruits), len(p.problems), len(src.leaving)))
        _fill(self.changes, [(c.worker.row, c.member_name, MATCH_LABELS[c.matched_by],
                              format_money(c.old_salary, unit=False) if c.old_salary else "",
                              format_money(c.new_salary, unit=False) if c.salary_changes else self.tr("(như cũ)"),
                              month_label(c.month), c.worker.si_number or "", c.worker.salary_text)
                             for c in p.changes], right={0, 3, 4})
        self._fill_recruits()
        skipped = [x for x in src.skipped if x.reason != "dòng trống"]
        _fill(self.problems, [(x.row, x.reason) for x in p.problems] +
              [(w.row, self.tr("{0}: ở mục Giảm (nghỉ việc, chuyển đi…): không cập nhật lương. Nếu là đoàn viên "
                               "đã nghỉ việc, ghi “Ra khỏi tổ chức” trong hồ sơ.").format(w.full_name))
               for w in src.leaving] +
              [(x.row, self.tr("bỏ qua: {0}").format(x.reason)) for x in skipped], right={0})
        self.tabs.setTabText(0, self.tr("Thay đổi ({0})").format(len(p.changes)))
        self.tabs.setTabText(1, self.tr("Chưa là đoàn viên ({0})").format(len(p.recruits)))
        self.tabs.setTabText(2, self.tr("Dòng không dùng ({0}), mục Giảm ({1}), bỏ qua ({2})").format(
            len(p.problems), len(src.leaving), len(skipped)))
        self.commit_button.setText(self.tr("Ghi thay đổi ({0} đoàn viên)").format(len(p.changes)))
        self.commit_button.setEnabled(bool(p.changes))
        for b in (self.print_button, self.admit_button):
            b.setEnabled(bool(p.recruits))

    def _fill_recruits(self) -> None:
        p = self.preview
        if p is None:
            return
        _fill(self.recruits, [("", r.worker.row, r.worker.full_name, r.worker.birth_text, r.worker.gender or "",
                               r.worker.si_number or "", r.worker.position or r.worker.department or "",
                               format_money(r.worker.salary, unit=False), r.note or "") for r in p.recruits],
              right={1, 7}, checkable=True)

    # ---- writing -------------------------------------------------------------------
    def commit(self) -> None:
        p = self.preview
        if p is None:
            return
        self.commit_button.setEnabled(False)
        service = self.service
        self.state.runner.submit("bhxh-commit", lambda _c: service.commit(p), on_done=self._committed,
                                 on_error=self._write_failed)

    def _committed(self, n: int) -> None:
        if shiboken6.isValid(self):
            inform(self, self.tr("Đã ghi"), self.tr("Đã cập nhật lương đóng đoàn phí của {0} đoàn viên.").format(n))
            self.start()

    def _write_failed(self, exc) -> None:
        if shiboken6.isValid(self):
            show_error(self, exc)
            self.start()

    def chosen(self) -> list:
        p = self.preview
        if p is None:
            return []
        return [p.recruits[i].worker for i in range(self.recruits.rowCount())
                if (box := self.recruits.item(i, 0)) is not None and box.checkState() == Qt.CheckState.Checked]

    def admit(self) -> None:
        workers = self.chosen()
        d = self.admitted_on.date()
        when = date(d.year(), d.month(), d.day())
        group, decision, service = self.group.currentData(), self.decision.text(), self.service
        self.admit_button.setEnabled(False)
        self.state.runner.submit(
            "bhxh-admit", lambda _c: service.admit(workers, admitted_on=when, group_id=group,
                                                    decision_number=decision),
            on_done=self._admitted, on_error=self._write_failed)

    def _admitted(self, ids: list) -> None:
        if shiboken6.isValid(self):
            inform(self, self.tr("Đã kết nạp"), self.tr("Đã kết nạp {0} đoàn viên mới.").format(len(ids)))
            self.start()

    def ask_print(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu danh sách người lao động chưa vào công đoàn"),
                                              "danh-sach-van-dong-ket-nap.pdf", self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.print_to(path)

    def print_to(self, path: str) -> Task | None:
        from desktop.services.payroll.social_insurance import render_recruitment_list
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        p, ctx = self.preview, self.state.ctx
        if p is None:
            return None
        return self.state.runner.submit(
            "bhxh-print", lambda _c: render_recruitment_list(ctx, p.recruits, path, month=p.month),
            on_done=lambda out: shiboken6.isValid(self) and inform(
                self, self.tr("Đã lưu"), self.tr("Đã lưu danh sách vào {0}.").format(out)),
            on_error=self._failed, read_only=True)
