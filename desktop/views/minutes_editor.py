"""The minutes (biên bản) of a meeting: the kind of meeting and its template, when and
where, who took part (from the attendance, with guests), chair and secretary, the agenda
with proceedings, opinions and votes, the conclusions and recipients. Drafts are saved
and reopened; a finished minute is locked and corrected by a new version."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.minutes import MEETING_KINDS, TEMPLATES, AgendaItem, DocContent, participants_from
from desktop.services.activities.service import ActivityService
from desktop.views.app_state import AppState
from desktop.views.doc_editor import DocEditor
from desktop.views.errors import show_error
from desktop.views.formatting import term
from desktop.views.minutes_parts import AgendaBox, ParticipantsBox


def to_qdatetime(t: datetime) -> QDateTime:
    return QDateTime(t.year, t.month, t.day, t.hour, t.minute, 0)


def from_qdatetime(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class MinutesEditor(DocEditor):
    def __init__(self, state: AppState, activity_id: str, doc_id: str | None = None, parent=None) -> None:
        super().__init__(state, activity_id, "bb", doc_id, parent)
        self.setObjectName("minutesEditor")
        self.tabs = QTabWidget(objectName="minutesTabs")
        self.tabs.addTab(self._general_tab(), self.tr("Chung"))
        self.tabs.addTab(self._people_tab(), self.tr("Thành phần"))
        self.agenda = AgendaBox()
        self.fields["agenda"] = self.agenda
        self.tabs.addTab(self.agenda, self.tr("Nội dung cuộc họp"))
        self.tabs.addTab(self._end_tab(), self.tr("Kết luận, nơi nhận"))
        self.build(self.tabs)
        self.start(doc_id)

    # ---- building -----------------------------------------------------------------
    def _datetime(self, name: str) -> QDateTimeEdit:
        e = QDateTimeEdit(objectName=name, calendarPopup=True)
        e.setDisplayFormat("HH:mm  dd/MM/yyyy")
        self.fields[name.removeprefix("f_")] = e
        return e

    def _general_tab(self) -> QWidget:
        tab = QWidget()
        self.kind = QComboBox(objectName="f_meeting_kind")
        for key, label in MEETING_KINDS.items():
            self.kind.addItem(term(label), key)
        self.template_button = QPushButton(self.tr("Dùng nội dung mẫu của loại họp này"), objectName="applyTemplate")
        self.template_button.clicked.connect(self.apply_template)
        self.start_at = self._datetime("f_start_at")
        self.end_at = self._datetime("f_end_at")
        self.location = QLineEdit(objectName="f_location")
        self.fields.update(meeting_kind=self.kind, location=self.location)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.template_button)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Loại cuộc họp:"), kind_row)
        form.addRow(self.tr("Trích yếu *:"), self.title_edit)
        form.addRow(self.tr("Bắt đầu lúc *:"), self.start_at)
        form.addRow(self.tr("Kết thúc lúc *:"), self.end_at)
        form.addRow(self.tr("Địa điểm:"), self.location)
        layout = QVBoxLayout(tab)
        layout.addLayout(self.number_row())
        layout.addLayout(form)
        layout.addStretch(1)
        self.start_at.dateTimeChanged.connect(self._start_changed)
        return tab

    def _people_tab(self) -> QWidget:
        tab = QWidget()
        self.people = ParticipantsBox()
        self.people.from_attendance.connect(self.take_attendance)
        self.people.changed.connect(self._people_changed)
        self.fields["participants"] = self.people
        self.expected = QSpinBox(objectName="f_expected_count", maximum=1_000_000)
        self.present = QSpinBox(objectName="f_present_count", maximum=1_000_000)
        for box in (self.expected, self.present):
            box.setSpecialValueText(self.tr("theo danh sách"))
            box.setMinimumWidth(140)
        self.fields.update(expected_count=self.expected, present_count=self.present)
        self.chair = QComboBox(objectName="f_chair_name", editable=True)
        self.secretary = QComboBox(objectName="f_secretary_name", editable=True)
        self.chair_role = QLineEdit(objectName="f_chair_role")
        self.secretary_role = QLineEdit(objectName="f_secretary_role")
        self.fields.update(chair_name=self.chair, secretary_name=self.secretary, chair_role=self.chair_role,
                           secretary_role=self.secretary_role)
        self.counts = QLabel(objectName="peopleCounts")
        counts = QHBoxLayout()
        for w in (QLabel(self.tr("Số người triệu tập:")), self.expected, QLabel(self.tr("Số người có mặt:")),
                  self.present, self.counts):
            counts.addWidget(w)
        counts.addStretch(1)
        roles = QFormLayout()
        chair_row, secretary_row = QHBoxLayout(), QHBoxLayout()
        for row, combo, role in ((chair_row, self.chair, self.chair_role),
                                 (secretary_row, self.secretary, self.secretary_role)):
            row.addWidget(combo, 1)
            row.addWidget(QLabel(self.tr("chức vụ:")))
            row.addWidget(role, 1)
        roles.addRow(self.tr("Chủ tọa *:"), chair_row)
        roles.addRow(self.tr("Thư ký *:"), secretary_row)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.people, 1)
        layout.addLayout(counts)
        layout.addLayout(roles)
        return tab

    def _end_tab(self) -> QWidget:
        tab = QWidget()
        self.conclusions = QPlainTextEdit(objectName="f_conclusions")
        self.closing_note = QPlainTextEdit(objectName="f_closing_note")
        self.closing_note.setMaximumHeight(70)
        self.recipients = QPlainTextEdit(objectName="f_recipients")
        self.recipients.setMaximumHeight(100)
        self.recipients.setPlaceholderText(self.tr("Mỗi nơi nhận một dòng, ví dụ: Lưu: VT."))
        self.fields.update(conclusions=self.conclusions, closing_note=self.closing_note, recipients=self.recipients)
        form = QFormLayout(tab)
        form.addRow(self.tr("Kết luận, nghị quyết:"), self.conclusions)
        form.addRow(self.tr("Câu kết:"), self.closing_note)
        form.addRow(self.tr("Nơi nhận:"), self.recipients)
        return tab

    # ---- values --------------------------------------------------------------------
    def _start_changed(self, start: QDateTime) -> None:
        if self.end_at.dateTime() < start:
            self.end_at.setDateTime(start.addSecs(2 * 3600))

    def _people_changed(self) -> None:
        people = self.people.people()
        names = [p.name for p in people if p.status in ("present", "guest") and p.name]
        for combo in (self.chair, self.secretary):
            keep = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            combo.setEditText(keep)
            combo.blockSignals(False)
        n = {k: sum(1 for p in people if p.status == k) for k in ("present", "absent", "excused", "guest")}
        self.counts.setText(self.tr("Trong danh sách: có mặt {0}, vắng {1}, vắng có phép {2}, khách mời {3}").format(
            n["present"], n["absent"], n["excused"], n["guest"]))

    def content(self) -> DocContent:
        return DocContent(
            **self.common(), meeting_kind=self.kind.currentData(), start_at=from_qdatetime(self.start_at.dateTime()),
            end_at=from_qdatetime(self.end_at.dateTime()), location=self.location.text(),
            chair_name=self.chair.currentText(), chair_role=self.chair_role.text(),
            secretary_name=self.secretary.currentText(), secretary_role=self.secretary_role.text(),
            expected_count=self.expected.value() or None, present_count=self.present.value() or None,
            participants=self.people.people(), agenda=self.agenda.agenda(),
            conclusions=self.conclusions.toPlainText(), closing_note=self.closing_note.toPlainText(),
            recipients=self.recipients.toPlainText())

    def show_content(self, c: DocContent) -> None:
        self.show_common(c)
        self.kind.setCurrentIndex(max(0, self.kind.findData(c.meeting_kind)))
        start = c.start_at or datetime.combine(c.doc_date, datetime.min.time()).replace(hour=8)
        self.start_at.setDateTime(to_qdatetime(start))
        self.end_at.setDateTime(to_qdatetime(c.end_at) if c.end_at else to_qdatetime(start).addSecs(2 * 3600))
        self.location.setText(c.location or "")
        self.people.set_people(c.participants)
        self.chair.setEditText(c.chair_name or "")
        self.secretary.setEditText(c.secretary_name or "")
        self.chair_role.setText(c.chair_role or "")
        self.secretary_role.setText(c.secretary_role or "")
        self.expected.setValue(c.expected_count or 0)
        self.present.setValue(c.present_count or 0)
        self.agenda.set_items(c.agenda)
        self.conclusions.setPlainText(c.conclusions or "")
        self.closing_note.setPlainText(c.closing_note or "")
        self.recipients.setPlainText(c.recipients or "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.people.setEnabled(True)
        self.people.set_editable(editable)
        self.agenda.setEnabled(True)
        self.agenda.set_editable(editable)
        for w in (self.conclusions, self.closing_note, self.recipients):
            w.setEnabled(True)
            w.setReadOnly(not editable)
        self.template_button.setEnabled(editable)

    # ---- actions -------------------------------------------------------------------
    def apply_template(self) -> None:
        """The usual agenda, roles and recipients of the chosen kind of meeting (only
        the points not written yet are replaced)."""
        t = TEMPLATES[self.kind.currentData()]
        kept = [i for i in self.agenda.agenda() if i.proceedings or i.opinions or i.conclusion or i.has_vote]
        self.agenda.set_items(tuple(kept) + tuple(AgendaItem(x) for x in t["agenda"]
                                                  if x not in {i.title for i in kept}))
        self.chair_role.setText(t["chair_role"])
        self.secretary_role.setText(t["secretary_role"])
        self.recipients.setPlainText("\n".join(t["recipients"]))

    def take_attendance(self) -> None:
        """Present, absent and excused as marked at the activity's attendance; guests kept."""
        acts, aid = ActivityService(self.state.ctx), self.activity_id
        guests = [p for p in self.people.people() if p.status == "guest"]

        def done(detail) -> None:
            self.people.set_people(tuple(participants_from(detail)) + tuple(guests))

        self.state.runner.submit("doc-attendance", lambda _c: acts.get(aid), on_done=done,
                                 on_error=lambda exc: show_error(self, exc, self.tr("Không đọc được điểm danh")))

