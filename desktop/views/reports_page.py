"""The reports page: pick a report and a period, see it on screen (figures, charts,
tables), save it as PDF (with the union's document header) or Excel. The report is built
on the database worker; the screen, the PDF and the Excel file show the same object."""

from __future__ import annotations

import html
import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.reports import Report, cell_text, summary_text
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.permissions import can
from desktop.services.reports import inputs as settlement_inputs
from desktop.services.reports import save_inputs as save_settlement_inputs
from desktop.services.reports import service as reports
from desktop.services.reports import year_files as reports_files
from desktop.views.app_state import AppState
from desktop.views.bar_chart import BarChart
from desktop.views.empty_state import EmptyState, make_primary, show_empty
from desktop.views.errors import show_error
from desktop.views.year_close_dialog import YearCloseDialog

PRESETS = ("h1", "h2", "year", "custom")


def _keep_part_a(ctx: Context, year: int, values: dict[str, int | None] | None) -> None:
    """Part A's figures kept for the year, on the worker (it owns the writes); only a
    change is written."""
    if values is None:
        return
    kept = settlement_inputs(ctx, year)
    if any(kept.get(k) != v for k, v in values.items()):
        save_settlement_inputs(ctx, year, values)


class ReportsPage(QWidget):
    loaded = Signal()
    saved = Signal(str)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("reportsPage")
        self.report: Report | None = None
        self.kind = QComboBox(objectName="reportKind")
        for key, label in reports.REPORTS.items():
            self.kind.addItem(self.tr(label), key)
        self.preset = QComboBox(objectName="reportPreset")
        for key, label in zip(PRESETS, (self.tr("6 tháng đầu năm"), self.tr("6 tháng cuối năm"), self.tr("Cả năm"),
                                        self.tr("Tùy chọn"))):
            self.preset.addItem(label, key)
        self.preset.setCurrentIndex(2)
        self.year = QSpinBox(objectName="reportYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.date_from = QDateEdit(objectName="reportFrom")
        self.date_to = QDateEdit(objectName="reportTo")
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("dd/MM/yyyy")
            w.setCalendarPopup(True)
        self.show_button = QPushButton(self.tr("Xem báo cáo"), objectName="showReport")
        self.pdf_button = QPushButton(self.tr("Lưu PDF…"), objectName="saveReportPdf")
        self.xlsx_button = QPushButton(self.tr("Lưu Excel…"), objectName="saveReportXlsx")
        self.budget_button = QPushButton(self.tr("Dự toán năm…"), objectName="openBudget")
        self.disclosure_button = QPushButton(self.tr("Công khai tài chính…"), objectName="printDisclosure")
        # After the settlement, the chair closes the year (issue 14, item 11).
        self.year_close_button = QPushButton(self.tr("Khoá sổ năm…"), objectName="openYearClose")
        self.year_close_button.setVisible(can(state.ctx, "year_close"))
        self.year_dialog: YearCloseDialog | None = None
        self.status = QLabel(objectName="reportStatus")
        self.charts = [BarChart("reportChart1"), BarChart("reportChart2")]
        self.body = QTextBrowser(objectName="reportBody")
        # Part A of the settlement (B07-TLĐ) that the ledger cannot know: the employer's
        # workers and payroll for kinh phí, typed here and kept with the year.
        self.workers = QLineEdit(objectName="settlementWorkers")
        self.payroll = QLineEdit(objectName="settlementPayroll")
        for w, tip in ((self.workers, self.tr("Số lao động làm căn cứ tính tổng quỹ lương đóng kinh phí công đoàn "
                                              "(người)")),
                       (self.payroll, self.tr("Tổng quỹ tiền lương làm căn cứ đóng kinh phí công đoàn (đồng)"))):
            w.setPlaceholderText(self.tr("chưa nhập"))
            w.setToolTip(tip)
            w.setReadOnly(not can(state.ctx, "money"))  # kept with the year: the accountant's to type
        self.part_a = QWidget(objectName="settlementPartA")
        part_a = QHBoxLayout(self.part_a)
        part_a.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel(self.tr("Quyết toán, phần A — số lao động đóng kinh phí công đoàn:")), self.workers,
                  QLabel(self.tr("tổng quỹ lương đóng kinh phí công đoàn (đồng):")), self.payroll):
            part_a.addWidget(w)
        part_a.addStretch(1)
        self.part_a.setVisible(False)

        top = QHBoxLayout()
        for w in (QLabel(self.tr("Báo cáo:")), self.kind, QLabel(self.tr("Kỳ:")), self.preset, QLabel(self.tr("Năm:")),
                  self.year, QLabel(self.tr("Từ ngày")), self.date_from, QLabel(self.tr("đến ngày")), self.date_to,
                  self.show_button):
            top.addWidget(w)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.xlsx_button)
        actions.addWidget(self.budget_button)
        actions.addWidget(self.disclosure_button)
        actions.addWidget(self.year_close_button)
        charts = QHBoxLayout()
        for ch in self.charts:
            charts.addWidget(ch)
            ch.setVisible(False)
            ch.setMinimumHeight(230)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.part_a)
        layout.addLayout(actions)
        layout.addLayout(charts)
        layout.addWidget(self.body, 1)
        # Before the first "Xem báo cáo": what the page makes, and that button highlighted.
        self.empty = EmptyState("reportsEmpty")
        self.empty.set_message(
            self.tr("Chưa có báo cáo nào trên màn hình"),
            self.tr("Chọn loại báo cáo và kỳ báo cáo ở trên (6 tháng đầu năm, 6 tháng cuối năm, cả năm hoặc tùy "
                    "chọn từ ngày đến ngày), rồi bấm “Xem báo cáo”. Số liệu lấy từ sổ của đơn vị: đoàn viên, "
                    "đoàn phí, thu chi; xem xong có thể lưu PDF hoặc Excel để nộp công đoàn cấp trên."))
        layout.addWidget(self.empty, 1)
        show_empty(self.empty, self.body, True)
        make_primary(self.show_button)

        self.preset.currentIndexChanged.connect(self._apply_preset)
        # The settlement is made for a whole year (the service refuses part of one).
        self.kind.currentIndexChanged.connect(self._whole_year_for_settlement)
        self.year.valueChanged.connect(self._apply_preset)
        self.year.valueChanged.connect(lambda _y: self._load_part_a() if self.kind.currentData() == "settlement"
                                       else None)
        self.show_button.clicked.connect(self.build)
        self.pdf_button.clicked.connect(lambda: self.choose_file(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.choose_file(".xlsx"))
        self.budget_button.clicked.connect(self.open_budget)
        self.disclosure_button.clicked.connect(self.choose_disclosure_file)
        self.year_close_button.clicked.connect(self.open_year_close)
        self._apply_preset()
        self._set_saving_enabled(False)

    def open_year_close(self) -> YearCloseDialog:
        self.year_dialog = YearCloseDialog(self.state, self)
        self.year_dialog.open()
        return self.year_dialog

    def _whole_year_for_settlement(self, _index: int) -> None:
        settlement = self.kind.currentData() == "settlement"
        if settlement:
            self.preset.setCurrentIndex(self.preset.findData("year"))
            self._load_part_a()
        self.part_a.setVisible(settlement)

    def _load_part_a(self) -> None:
        typed = settlement_inputs(self.state.ctx, self.year.value())
        for w, key in ((self.workers, "workers_kpcd"), (self.payroll, "payroll_kpcd")):
            w.setText(f"{typed[key]:,}".replace(",", ".") if key in typed else "")

    def _part_a(self) -> dict[str, int | None] | None:
        """What is typed in part A (an empty field: not given); None for a role that may
        not keep it. Read here, on the UI thread; written by the task (_keep_part_a)."""
        if not can(self.state.ctx, "money"):
            return None
        values: dict[str, int | None] = {}
        for w, key in ((self.workers, "workers_kpcd"), (self.payroll, "payroll_kpcd")):
            text = w.text().replace(".", "").replace(" ", "").strip()
            if text and not re.fullmatch(r"[0-9]{1,15}", text):  # "²" is a digit to str.isdigit(), not to int()
                raise ValidationError({key: self.tr("{0}: “{1}” không phải số.").format(w.toolTip(), w.text())})
            values[key] = int(text) if text else None
        return values

    def _apply_preset(self) -> None:
        key, y = self.preset.currentData(), self.year.value()
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if custom:
            return
        first, last = {"h1": ((1, 1), (6, 30)), "h2": ((7, 1), (12, 31)), "year": ((1, 1), (12, 31))}[key]
        self.date_from.setDate(QDate(y, *first))
        self.date_to.setDate(QDate(y, *last))

    def _set_saving_enabled(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    # ---- building and showing -------------------------------------------------------
    def build(self) -> None:
        kind = self.kind.currentData()
        first, last = self.period()
        ctx = self.state.ctx
        part_a = None
        if kind == "settlement" and first.year == self.year.value():
            try:
                part_a = self._part_a()
            except ValidationError as e:
                show_error(self, e, self.tr("Chưa lập được báo cáo"))
                return
        year = self.year.value()
        self.status.setText(self.tr("Đang lập báo cáo…"))
        self._set_saving_enabled(False)
        self.show_button.setEnabled(False)

        def work(_c) -> Report:
            _keep_part_a(ctx, year, part_a)
            return reports.build(ctx, kind, first, last)

        self.state.runner.submit("report", work, on_done=self._show, on_error=self._failed,
                                 read_only=part_a is None)

    def _failed(self, exc) -> None:
        self.show_button.setEnabled(True)
        self.status.setText("")
        show_error(self, exc, self.tr("Chưa lập được báo cáo"))

    def _show(self, r: Report) -> None:
        self.report = r
        self.show_button.setEnabled(True)
        self._set_saving_enabled(True)
        self.status.setText(self.tr("{0} — {1}").format(r.title, r.period))
        for ch, data in zip(self.charts, list(r.charts) + [None, None]):
            ch.setVisible(data is not None)
            if data is not None:
                ch.set_data(data.title, data.labels, data.values, money=data.money, second=data.second,
                            legend=data.legend or ())
        self.body.setHtml(report_html(r))
        show_empty(self.empty, self.body, False)
        self.loaded.emit()

    # ---- saving --------------------------------------------------------------------
    def choose_file(self, suffix: str) -> None:
        if self.report is None:
            return
        name = f"bao-cao-{self.report.kind}{suffix}"
        kind = self.tr("Tệp PDF (*.pdf)") if suffix == ".pdf" else self.tr("Tệp Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), name, kind)
        if path:
            self.save_to(path if path.lower().endswith(suffix) else path + suffix)

    def save_to(self, path: str) -> None:
        r, ctx = self.report, self.state.ctx
        if r is None:  # the buttons are enabled once a report is shown
            return
        part_a, year = None, self.year.value()
        if r.kind == "settlement" and r.dates and r.dates[0].year == year:
            try:  # the file reads part A as kept: what was typed since "Xem báo cáo" too
                part_a = self._part_a()
            except ValidationError as e:
                show_error(self, e, self.tr("Chưa lưu được báo cáo"))
                return
        self.status.setText(self.tr("Đang lưu…"))

        def work(_c) -> object:
            _keep_part_a(ctx, year, part_a)
            return reports.save(ctx, r, path)

        self.state.runner.submit("save-report", work, on_done=self._saved,
                                 on_error=lambda e: show_error(self, e, self.tr("Chưa lưu được báo cáo")))

    def _saved(self, path: object) -> None:
        self.status.setText(self.tr("Đã lưu {0}").format(path))
        self.saved.emit(str(path))


    # ---- the budget estimate and the public disclosure (issue 14, items 9 and 10) ------
    def open_budget(self):
        from desktop.views.budget_dialog import BudgetDialog
        dialog = BudgetDialog(self.state, self.year.value() + 1, self)
        dialog.open()
        return dialog

    def choose_disclosure_file(self) -> None:
        year = min(self.year.value(), date.today().year)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu công khai tài chính năm {0}").format(year),
                                              f"cong-khai-tai-chinh-{year}.pdf", self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.save_disclosure_to(year, path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_disclosure_to(self, year: int, path: str) -> None:
        ctx = self.state.ctx
        self.status.setText(self.tr("Đang lưu…"))
        self.state.runner.submit("save-disclosure", lambda _c: reports_files.save_disclosure(ctx, year, path),
                                 on_done=self._saved,
                                 on_error=lambda e: show_error(self, e, self.tr("Chưa lưu được công khai tài chính")))


def report_html(r: Report) -> str:
    esc = html.escape
    out = [f"<h2 style='text-align:center'>{esc(r.title)}</h2>",
           f"<p style='text-align:center'><b>{esc(r.period[:1].upper() + r.period[1:])}</b></p><table>"]
    for item in r.summary:
        label, value = summary_text(item)
        out.append(f"<tr><td>{esc(label)}:&nbsp;&nbsp;</td><td align='right'><b>{esc(value)}</b></td></tr>")
    out.append("</table>")
    for t in r.tables:
        out.append(f"<h3>{esc(t.title)}</h3><table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>")
        out += [f"<th>{esc(h)}</th>" for h in t.headers]
        out.append("</tr>")
        for row, bold in [(row, False) for row in t.rows] + ([(t.total, True)] if t.total is not None else []):
            out.append("<tr>")
            for v, k in zip(row, t.kinds):
                align = "left" if k == "text" and not str(v).endswith("%") else "right"
                text = esc(cell_text(v, k))
                out.append(f"<td align='{align}'>{'<b>' + text + '</b>' if bold else text}</td>")
            out.append("</tr>")
        out.append("</table>")
    return "".join(out)
