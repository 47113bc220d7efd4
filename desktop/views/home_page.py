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
from desktop.views.figure_card import CardGrid, FigureCard
from desktop.views.formatting import count, format_money

START_STYLE = ("QPushButton {{ font-size: 12pt; font-weight: bold; padding: 12px 22px; border-radius: 6px;"
               " border: 1px solid #0d47a1; background: {bg}; color: {fg}; }}"
               " QPushButton:hover {{ background: {hover}; }}")


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
        self.cards: dict[str, FigureCard] = {}
        names = ("members", "women", "young", "admitted", "left", "birthdays",
                 "money", "dues", "behind6", "behind9", "behind12")
        for name in names:
            b = FigureCard(name)
            b.clicked.connect(lambda _=False, n=name: self.open_figure(n))
            self.cards[name] = b
        grid = CardGrid(list(self.cards.values()), 6)
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
        figures.addWidget(grid)
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
        self._show_cards(d)
        self.group_chart.set_data(self.tr("Đoàn viên theo tổ"), [n for n, _ in d.by_group], [v for _, v in d.by_group])
        # Said on both: the first band is the young members of the card (YOUNG_MAX_AGE).
        self.age_chart.set_data(self.tr("Đoàn viên theo độ tuổi (trẻ: đến {0} tuổi)").format(YOUNG_MAX_AGE),
                                [n for n, _ in d.by_age], [v for _, v in d.by_age])
        self.dues_chart.set_data(self.tr("Đoàn phí thu theo tháng, năm {0}").format(d.today.year),
                                 [self.tr("T{0}").format(m % 12 + 1) for m, _ in d.collected_by_month],
                                 [v for _, v in d.collected_by_month], money=True,
                                 tips=[self.tr("Tháng {0}").format(month_label(m)) for m, _ in d.collected_by_month])
        self.activities.clear()
        for a in d.activities:
            self.activities.addItem(f"{a.dates_text} — {a.title}")
        if not d.activities:
            self.activities.addItem(self.tr("(chưa có hoạt động nào)"))
        self.birthdays.clear()
        for b in d.birthdays:
            self.birthdays.addItem(f"{b.on(d.today.year):%d/%m} — {b.full_name}" + (f" ({b.group_name})" if b.group_name else ""))
        if d.birthday_total > len(d.birthdays):
            self.birthdays.addItem(self.tr("… và {0} người nữa").format(count(d.birthday_total - len(d.birthdays))))
        self.loaded.emit()
        if self.stale:
            self.reload()

    def _show_cards(self, d: Dashboard) -> None:
        c = self.cards
        n = d.count
        c["members"].set_figure(self.tr("Đoàn viên"), count(n.current),
                                self.tr("{0} đang sinh hoạt").format(count(n.active)))
        c["members"].setToolTip(self.tr("Đang là đoàn viên: đang sinh hoạt, tạm dừng sinh hoạt và đoàn viên danh dự."))
        c["women"].set_figure(self.tr("Nữ"), count(d.women))
        c["young"].set_figure(self.tr("Trẻ, đến {0} tuổi").format(YOUNG_MAX_AGE), count(d.young),
                              self.tr("cột đầu của biểu đồ độ tuổi"))
        c["admitted"].set_figure(self.tr("Kết nạp, chuyển đến năm {0}").format(d.today.year), count(d.admitted_year))
        c["left"].set_figure(self.tr("Ra khỏi, chuyển đi năm {0}").format(d.today.year), count(d.left_year))
        c["birthdays"].set_figure(self.tr("Sinh nhật 7 ngày tới"), count(d.birthday_total), self.tr("người"))
        money = d.money
        c["money"].set_figure(self.tr("Tổng quỹ"), format_money(money.total),
                              self.tr("Tiền mặt: {0}\nTiền gửi: {1}").format(format_money(money.cash, unit=False),
                                                                            format_money(money.bank, unit=False)))
        c["money"].set_warning(money.cash < 0)
        lines = [self.tr("Tiền mặt (sổ quỹ): {0}").format(format_money(money.cash))]
        lines += [f"{a.account.title}: {format_money(a.balance)}"
                  for a in money.accounts]
        if not money.accounts:
            lines.append(self.tr("Chưa khai báo tài khoản ngân hàng, kho bạc."))
        lines.append(self.tr("Tổng: {0}").format(format_money(money.total)))
        c["money"].setToolTip("\n".join(lines))
        rate = d.collection_rate
        c["dues"].set_figure(
            self.tr("Đoàn phí đã thu tháng {0}").format(month_label(d.month)),
            format_money(d.month_collected),
            self.tr("trên {0}{1}\n{2} người phải đóng").format(
                format_money(d.month_due, unit=False), f" ({rate}%)" if rate is not None else "",
                count(d.count.dues_payers)))
        for t in THRESHOLDS:
            behind = d.behind_at_least(t)
            c[f"behind{t}"].set_figure(self.tr("Nợ đoàn phí từ {0} tháng").format(t), count(behind), self.tr("người"))
            c[f"behind{t}"].set_warning(behind > 0)
            c[f"behind{t}"].setToolTip(self.tr("Mức xem xét kỷ luật: {0}. Tính các tháng liên tiếp chưa nộp đến hết "
                                               "tháng trước.").format(THRESHOLD_LABELS[t]))

    def _on_data_changed(self, what: set) -> None:
        if what & {"members", "dues", "cash", "bank", "groups", "unit", "activities"}:  # bank: the money card
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
        elif name in ("dues", "money", "activities", "birthdays"):
            self.navigate.emit({"birthdays": "activities", "money": "cash"}.get(name, name), None)
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
                              "và quyết định.").format(count(len(rows)), months, month_label(d.month - 1),
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
