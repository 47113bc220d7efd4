"""The "what is coming" panel of the activities page: a month calendar with the days of
activities and of members' birthdays marked, and the list of them for that month."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.service import CalendarData
from desktop.views.formatting import count, term

ACTIVITY_DAY = QColor("#d6e9ff")
# Birthdays are many (dozens a month in a union of a few hundred): a light mark, so that
# the activities stand out, and only when asked for.
BIRTHDAY_ITEM = QColor("#777777")
SHOW_BIRTHDAYS = "activities/showBirthdays"


def kind_text(kind_label: str) -> str:
    """"Thăm hỏi, trợ cấp — Ốm đau" in the interface's language."""
    return " — ".join(term(part) for part in kind_label.split(" — "))


class ActivityCalendar(QWidget):
    month_changed = Signal(object, object)  # first and last day of the month shown
    activity_chosen = Signal(str)           # an activity double-clicked in the list

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("activityCalendar")
        self.data: CalendarData | None = None
        self._marked: list[QDate] = []
        self.calendar = QCalendarWidget(objectName="calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.title = QLabel(objectName="calendarTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold;")
        self.items = QListWidget(objectName="calendarItems")
        self.items.setAlternatingRowColors(True)
        self.legend = QLabel(objectName="calendarLegend", wordWrap=True)
        self.legend.setStyleSheet("color: #555;")
        self.show_birthdays = QCheckBox(self.tr("Hiện sinh nhật đoàn viên"), objectName="showBirthdays")
        self.show_birthdays.setChecked(QSettings().value(SHOW_BIRTHDAYS, False, type=bool))
        self.show_birthdays.toggled.connect(self._birthdays_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        layout.addWidget(self.show_birthdays)
        layout.addWidget(self.legend)
        layout.addWidget(self.title)
        layout.addWidget(self.items, 1)
        self.calendar.currentPageChanged.connect(lambda y, m: self.month_changed.emit(*self.month(y, m)))
        self.calendar.clicked.connect(self._day_clicked)
        self.items.itemDoubleClicked.connect(self._item_chosen)
        # As wide as the month needs, not a share of the screen: the list of activities
        # beside it takes the rest.
        self.setMaximumWidth(self.calendar.sizeHint().width() + 40)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._show_legend()

    def _show_legend(self) -> None:
        self.legend.setText(self.tr("Ngày in đậm, nền xanh: có hoạt động; gạch chân: sinh nhật đoàn viên")
                            if self.show_birthdays.isChecked() else self.tr("Ngày in đậm, nền xanh: có hoạt động"))

    def _birthdays_toggled(self, shown: bool) -> None:
        QSettings().setValue(SHOW_BIRTHDAYS, shown)
        self._show_legend()
        if self.data is not None:
            self.set_data(self.data)

    @staticmethod
    def month(year: int, month: int) -> tuple[date, date]:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

    def shown_month(self) -> tuple[date, date]:
        return self.month(self.calendar.yearShown(), self.calendar.monthShown())

    def set_data(self, data: CalendarData) -> None:
        self.data = data
        plain = QTextCharFormat()
        for marked in self._marked:
            self.calendar.setDateTextFormat(marked, plain)
        self._marked = []
        acts: dict[date, int] = {}
        for a in data.activities:
            d = max(a.start_date, data.first)
            last = min(a.end_date or a.start_date, data.last)
            while d <= last:
                acts[d] = acts.get(d, 0) + 1
                d = date.fromordinal(d.toordinal() + 1)
        births = data.birthday_days if self.show_birthdays.isChecked() else {}
        for d in set(acts) | set(births):
            fmt = QTextCharFormat()
            if d in acts:
                fmt.setBackground(QBrush(ACTIVITY_DAY))
                fmt.setFontWeight(QFont.Weight.Bold)
            if d in births:  # underlined: a light mark beside the activities' blue
                fmt.setFontUnderline(True)
            tips = []
            if d in acts:
                tips.append(self.tr("{0} hoạt động").format(acts[d]))
            if d in births:
                tips.append(self.tr("{0} sinh nhật").format(births[d]))
            fmt.setToolTip(", ".join(tips))
            qd = QDate(d.year, d.month, d.day)
            self.calendar.setDateTextFormat(qd, fmt)
            self._marked.append(qd)
        self._fill_list()

    def _fill_list(self) -> None:
        data = self.data
        self.items.clear()
        if data is None:
            return
        self.title.setText(self.tr("Tháng {0}/{1}: {2} hoạt động, {3} sinh nhật đoàn viên").format(
            f"{data.first.month:02d}", data.first.year, len(data.activities),
            count(data.birthday_total)))
        shown = self.show_birthdays.isChecked()
        entries: list[tuple[date, int, str, str, str | None]] = []  # (day, order, text, tip, activity)
        for a in data.activities:
            entries.append((max(a.start_date, data.first), 0, f"{a.start_date:%d/%m} — {a.title}",
                            kind_text(a.kind_label), a.id))
        for b in data.birthdays if shown else ():
            day = b.on(data.first.year)
            text = self.tr("{0:%d/%m} — Sinh nhật {1} ({2} tuổi)").format(day, b.full_name, b.age_in(day.year))
            entries.append((day, 1, text, b.group_name or "", None))
        for when, _order, text, tip, activity_id in sorted(entries, key=lambda e: (e[0], e[1])):
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, activity_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, when)
            if activity_id:
                item.setBackground(QBrush(ACTIVITY_DAY))
            else:
                item.setForeground(QBrush(BIRTHDAY_ITEM))
            self.items.addItem(item)
        if not data.activities:
            self.items.addItem(self.tr("(không có hoạt động nào trong tháng)"))
        hidden = data.birthday_total - len(data.birthdays)
        if shown and hidden > 0:
            self.items.addItem(self.tr("… và {0} sinh nhật khác trong tháng").format(hidden))

    def _day_clicked(self, qd: QDate) -> None:
        day = date(qd.year(), qd.month(), qd.day())
        for i in range(self.items.count()):
            item = self.items.item(i)
            if item.data(Qt.ItemDataRole.UserRole + 1) == day:
                self.items.setCurrentItem(item)
                self.items.scrollToItem(item)
                return

    def _item_chosen(self, item: QListWidgetItem) -> None:
        activity_id = item.data(Qt.ItemDataRole.UserRole)
        if activity_id:
            self.activity_chosen.emit(activity_id)
