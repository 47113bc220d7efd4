"""The home page (dashboard): the state of the union at a glance. Its figures are read on
the database worker after the window shows (DashboardService.load); each figure opens
the list behind it."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dues.arrears import THRESHOLD_LABELS, THRESHOLDS
from desktop.services.dues.calc import month_label
from desktop.services.reports.dashboard import JOINING, LEAVING, YOUNG_MAX_AGE, Dashboard, DashboardService, birth_limit
from desktop.views.app_state import AppState
from desktop.views.bar_chart import BarChart
from desktop.views.errors import show_error
from desktop.views.formatting import format_money

CARD_STYLE = ("QPushButton { text-align: left; padding: 8px 10px; border: 1px solid #c9d3de; border-radius: 6px;"
              " background: #f7f9fc; } QPushButton:hover { background: #e8f0fa; }")


START_STYLE = ("QPushButton {{ font-size: 12pt; font-weight: bold; padding: 12px 22px; border-radius: 6px;"
               " border: 1px solid #0d47a1; background: {bg}; color: {fg}; }}"
               " QPushButton:hover {{ background: {hover}; }}")


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class HomePage(QWidget):
    loaded = Signal()
    # Where a figure leads: ("members", (label, status, MemberQuery fields)), ("dues", None),
    # ("cash", None), ("activities", None).
    navigate = Signal(str, object)

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.service = DashboardService(state.ctx)
        self.setObjectName("homePage")
        self.data: Dashboard | None = None
        self.loading = False
        self.stale = True

        self.heading = QLabel(objectName="homeHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.cards: dict[str, QPushButton] = {}
        grid = QGridLayout()
        names = ("members", "admitted", "left", "women", "young", "cash",
                 "dues", "behind6", "behind9", "behind12", "birthdays")
        for i, name in enumerate(names):
            b = QPushButton(objectName=f"card_{name}")
            b.setStyleSheet(CARD_STYLE)
            b.setMinimumHeight(58)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.clicked.connect(lambda _=False, n=name: self.open_figure(n))
            self.cards[name] = b
            grid.addWidget(b, i // 6, i % 6)
        self.group_chart = BarChart("groupChart")
        self.age_chart = BarChart("ageChart")
        self.dues_chart = BarChart("duesChart")
        self.group_chart.clicked.connect(lambda: self.open_figure("members"))
        self.age_chart.clicked.connect(lambda: self.open_figure("members"))
        self.dues_chart.clicked.connect(lambda: self.open_figure("dues"))
        charts = QHBoxLayout()
        charts.addWidget(self.group_chart, 3)
        charts.addWidget(self.age_chart, 2)
        charts.addWidget(self.dues_chart, 3)
        self.activities = QListWidget(objectName="upcomingActivities")
        self.birthdays = QListWidget(objectName="birthdaysList")
        self.activities.itemActivated.connect(lambda _: self.open_figure("activities"))
        self.birthdays.itemActivated.connect(lambda _: self.open_figure("activities"))
        lists = QHBoxLayout()
        for title, w in ((self.tr("Hoạt động trong 30 ngày tới"), self.activities),
                         (self.tr("Sinh nhật đoàn viên trong 7 ngày tới"), self.birthdays)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            box.addWidget(w)
            lists.addLayout(box)
        # The figures, and in their place while the unit has no member yet: what to do first.
        self.figures = QWidget(objectName="homeFigures")
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addLayout(grid)
        figures.addLayout(charts, 3)
        figures.addLayout(lists, 2)
        self.start = self._start_panel()
        self.start.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.start, 1)
        layout.addWidget(self.figures, 1)
        self.heading.setText(self.tr("Tổng quan — đang tải số liệu…"))
        state.data_changed.connect(self._on_data_changed)

    def _start_panel(self) -> QWidget:
        panel = QWidget(objectName="homeStart")
        title = QLabel(self.tr("Bắt đầu: đưa danh sách đoàn viên vào sổ"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        text = QLabel(self.tr(
            "Đơn vị chưa có đoàn viên nào. Nếu công đoàn đang giữ danh sách đoàn viên trong Excel, hãy nhập cả "
            "danh sách một lần: phần mềm tự nhận các cột (họ tên, ngày sinh, giới tính, CCCD, tổ…) và cho xem "
            "trước khi ghi. Nếu chưa có danh sách, thêm từng đoàn viên."))
        text.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Nhập danh sách đoàn viên từ Excel"), objectName="startImport")
        self.add_button = QPushButton(self.tr("Thêm đoàn viên"), objectName="startAddMember")
        self.import_button.setStyleSheet(START_STYLE.format(bg="#1565c0", hover="#0d47a1", fg="white"))
        self.add_button.setStyleSheet(START_STYLE.format(bg="#e8f0fa", hover="#d0e2f7", fg="#0d47a1"))
        for b in (self.import_button, self.add_button):
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setMinimumHeight(54)
        self.import_button.clicked.connect(lambda: self.navigate.emit("import", None))
        self.add_button.clicked.connect(lambda: self.navigate.emit("new_member", None))
        after = QLabel(self.tr("Sau đó: thu đoàn phí ở trang Đoàn phí, ghi phiếu thu chi ở trang Thu chi. "
                               "Tổ công đoàn, người ký và số dư quỹ sửa trong Tệp → Cài đặt đơn vị."))
        after.setWordWrap(True)
        after.setStyleSheet("color: #555")
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(text)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addSpacing(12)
        box.addWidget(after)
        inner = QWidget()
        inner.setMaximumWidth(820)
        inner.setLayout(box)
        outer = QVBoxLayout(panel)
        outer.addSpacing(30)
        outer.addWidget(inner)
        outer.addStretch(1)
        return panel

    # ---- loading -------------------------------------------------------------------
    def reload(self) -> None:
        if self.loading:
            self.stale = True
            return
        self.loading, self.stale = True, False
        service = self.service
        self.state.runner.submit("dashboard", lambda _c: service.load(), on_done=self._loaded,
                                 on_error=self._failed, read_only=True)

    def _failed(self, exc) -> None:
        if not shiboken6.isValid(self.heading):  # the window closed while the figures were read
            return
        self.loading = False
        self.heading.setText(self.tr("Tổng quan"))
        show_error(self, exc)

    def _loaded(self, d: Dashboard) -> None:
        if not shiboken6.isValid(self.heading):  # the window closed while the figures were read
            return
        self.loading = False
        self.data = d
        self.heading.setText(self.tr("Tổng quan — ngày {0}").format(d.today.strftime("%d/%m/%Y")))
        # No one on the books and nothing collected this year: a page of zeros would say nothing.
        empty = d.members == 0 and not any(v for _, v in d.collected_by_month)
        self.start.setVisible(empty)
        self.figures.setVisible(not empty)
        c = self.cards
        c["members"].setText(self.tr("Đoàn viên\n{0}").format(number(d.members)))
        c["admitted"].setText(self.tr("Kết nạp, chuyển đến năm {0}\n{1}").format(d.today.year, number(d.admitted_year)))
        c["left"].setText(self.tr("Ra khỏi, chuyển đi năm {0}\n{1}").format(d.today.year, number(d.left_year)))
        c["women"].setText(self.tr("Nữ\n{0}").format(number(d.women)))
        c["young"].setText(self.tr("Trẻ (từ {0} tuổi trở xuống)\n{1}").format(YOUNG_MAX_AGE, number(d.young)))
        rate = d.collection_rate
        c["dues"].setText(self.tr("Đoàn phí tháng {0}\n{1} / {2}{3}").format(
            month_label(d.month), format_money(d.month_collected, unit=False), format_money(d.month_due),
            f" ({rate}%)" if rate is not None else ""))
        for t in THRESHOLDS:
            c[f"behind{t}"].setText(self.tr("Nợ đoàn phí từ {0} tháng\n{1} người").format(t, number(d.behind_at_least(t))))
            c[f"behind{t}"].setToolTip(self.tr("Mức xem xét kỷ luật: {0}. Tính các tháng liên tiếp chưa nộp đến hết "
                                               "tháng trước.").format(THRESHOLD_LABELS[t]))
        c["cash"].setText(self.tr("Tồn quỹ tiền mặt\n{0}").format(format_money(d.cash_balance)))
        c["birthdays"].setText(self.tr("Sinh nhật 7 ngày tới\n{0} người").format(number(d.birthday_total)))
        self.group_chart.set_data(self.tr("Đoàn viên theo tổ"), [n for n, _ in d.by_group], [v for _, v in d.by_group])
        self.age_chart.set_data(self.tr("Đoàn viên theo độ tuổi"), [n for n, _ in d.by_age], [v for _, v in d.by_age])
        self.dues_chart.set_data(self.tr("Đoàn phí thu theo tháng, năm {0}").format(d.today.year),
                                 [f"{m % 12 + 1}" for m, _ in d.collected_by_month],
                                 [v for _, v in d.collected_by_month], money=True)
        self.activities.clear()
        for a in d.activities:
            self.activities.addItem(f"{a.dates_text} — {a.title}")
        if not d.activities:
            self.activities.addItem(self.tr("(chưa có hoạt động nào)"))
        self.birthdays.clear()
        for b in d.birthdays:
            self.birthdays.addItem(f"{b.on(d.today.year):%d/%m} — {b.full_name}" + (f" ({b.group_name})" if b.group_name else ""))
        if d.birthday_total > len(d.birthdays):
            self.birthdays.addItem(self.tr("… và {0} người nữa").format(d.birthday_total - len(d.birthdays)))
        self.loaded.emit()
        if self.stale:
            self.reload()

    def _on_data_changed(self, what: set) -> None:
        if what & {"members", "dues", "cash", "groups", "unit", "activities"}:
            if self.isVisible():
                self.reload()
            else:
                self.stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale and not self.loading:
            # On the next turn of the event loop: what the start queues on the worker
            # right after showing the window (the daily backup, a write) goes first.
            QTimer.singleShot(0, self, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self.stale and not self.loading:
            self.reload()

    # ---- the lists behind the figures -----------------------------------------------
    def open_figure(self, name: str):
        d = self.data
        if d is None:
            return None
        year_from, year_to = date(d.today.year, 1, 1), date(d.today.year, 12, 31)
        members = {
            "members": (self.tr("đang là đoàn viên"), "current", {}),
            "women": (self.tr("nữ"), "current", {"gender": "Nữ"}),
            "young": (self.tr("từ {0} tuổi trở xuống").format(YOUNG_MAX_AGE), "current",
                      {"born_after": date.fromisoformat(birth_limit(d.today, YOUNG_MAX_AGE + 1))}),
            "admitted": (self.tr("kết nạp, chuyển đến năm {0}").format(d.today.year), None,
                         {"event_kinds": JOINING, "event_from": year_from, "event_to": year_to}),
            "left": (self.tr("ra khỏi, chuyển đi năm {0}").format(d.today.year), None,
                     {"event_kinds": LEAVING, "event_from": year_from, "event_to": year_to}),
        }
        if name in members:
            self.navigate.emit("members", members[name])
        elif name in ("dues", "cash", "activities", "birthdays"):
            self.navigate.emit("activities" if name == "birthdays" else name, None)
        elif name.startswith("behind"):
            dialog = BehindDialog(d, int(name[6:]), self)
            dialog.open()
            return dialog
        return None


class BehindDialog(QDialog):
    """The members behind with their dues for `months` months or more."""

    def __init__(self, d: Dashboard, months: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("behindDialog")
        self.setWindowTitle(self.tr("Đoàn viên nợ đoàn phí từ {0} tháng").format(months))
        self.resize(760, 480)
        rows = [a for a in d.behind if a.months >= months]
        note = QLabel(self.tr("{0} đoàn viên chưa nộp đoàn phí từ {1} tháng liên tiếp trở lên, tính đến hết tháng {2} "
                              "(mức xem xét kỷ luật: {3}). Phần mềm chỉ nêu tên; Ban Chấp hành xem xét lý do "
                              "và quyết định.").format(len(rows), months, month_label(d.month - 1),
                                                       THRESHOLD_LABELS[months]))
        note.setWordWrap(True)
        self.table = QTableWidget(len(rows), 5, objectName="behindTable")
        self.table.setHorizontalHeaderLabels([self.tr("Họ và tên"), self.tr("Tổ"), self.tr("Số tháng nợ"),
                                              self.tr("Từ tháng"), self.tr("Số tiền nợ")])
        for i, a in enumerate(rows):
            for j, text in enumerate((a.full_name, a.group_name or "", str(a.months), month_label(a.first_month),
                                      format_money(a.amount, unit=False))):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
