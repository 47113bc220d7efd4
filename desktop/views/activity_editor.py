"""One activity: what, when, where, who organises it, its budget; the members it concerns
with their attendance and the amounts given (tab of activity_members.py); the payment
vouchers that paid for it; its minutes, decisions and notices."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.minutes import DOC_TYPES
from desktop.services.activities.service import (
    ACTIVITY_KINDS,
    LABELS,
    SCOPES,
    SUBKINDS,
    ActivityDetail,
    ActivityService,
    describe_money,
)
from desktop.services.core.errors import ValidationError
from desktop.views.activity_members import ActivityMembersTab
from desktop.views.app_state import AppState
from desktop.views.cash_dialogs import INVALID_STYLE, PROBLEM_STYLE, from_qdate, to_qdate
from desktop.views.errors import show_error
from desktop.views.formatting import format_date, format_money, term
from desktop.views.widgets import field_as

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.doc_editor import DocEditor


class ActivityFields(NamedTuple):
    """The form's fields, each as the widget it is; ActivityEditor.f holds the same by key
    (laid out, marked invalid and read back in one loop)."""

    kind: QComboBox
    subkind: QComboBox
    title: QLineEdit
    start_date: QDateEdit
    end_date: QDateEdit
    place: QLineEdit
    organiser: QLineEdit
    scope: QComboBox
    group: QComboBox
    budget: QLineEdit
    spent_outside: QLineEdit
    notes: QPlainTextEdit


class ActivityEditor(QDialog):
    """activity_id None: a new activity; after the first save the dialog goes on editing it."""

    saved = Signal(object)  # ActivityDetail

    def __init__(self, state: AppState, activity_id: str | None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.svc = ActivityService(state.ctx)
        self.activity_id = activity_id
        self.detail: ActivityDetail | None = None
        self.busy = False
        self.doc_editor: DocEditor | None = None
        self.setObjectName("activityEditor")
        self.setWindowTitle(self.tr("Thêm hoạt động") if activity_id is None else self.tr("Hoạt động"))
        self.resize(980, 680)

        self.problems = QLabel(objectName="problems", wordWrap=True, visible=False)
        self.problems.setStyleSheet(PROBLEM_STYLE)
        self.tabs = QTabWidget(objectName="activityTabs")
        self.tabs.addTab(self._info_tab(), self.tr("Thông tin"))
        self.members_tab = ActivityMembersTab(state, self)
        self.members_tab.changed.connect(lambda d: self._show_detail(d, members=False))
        self.tabs.addTab(self.members_tab, self.tr("Đoàn viên, điểm danh"))
        self.tabs.addTab(self._money_tab(), self.tr("Chi tiền"))
        self.tabs.addTab(self._docs_tab(), self.tr("Biên bản, văn bản"))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveActivity")
        self.buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        for i in (1, 2, 3):
            self.tabs.setTabEnabled(i, activity_id is not None)
        if activity_id is not None:
            self.reload()
        self.f["title"].setFocus()

    # ---- building -----------------------------------------------------------------
    def _info_tab(self) -> QWidget:
        tab = QWidget()
        self.f: dict[str, QWidget] = {}
        kind = self.f["kind"] = QComboBox(objectName="f_kind")
        for key, label in ACTIVITY_KINDS.items():
            kind.addItem(term(label), key)
        self.f["subkind"] = QComboBox(objectName="f_subkind")
        self.f["title"] = QLineEdit(objectName="f_title", placeholderText=self.tr("ví dụ: Thăm hỏi đoàn viên ốm đau tháng 3"))
        for key in ("start_date", "end_date"):
            e = self.f[key] = QDateEdit(objectName=f"f_{key}", calendarPopup=True)
            e.setDisplayFormat("dd/MM/yyyy")
            e.setDate(QDate.currentDate())
        self.f["place"] = QLineEdit(objectName="f_place")
        self.f["organiser"] = QLineEdit(objectName="f_organiser", placeholderText=self.tr("ví dụ: Ban Nữ công"))
        scope = self.f["scope"] = QComboBox(objectName="f_scope")
        for key, label in SCOPES.items():
            scope.addItem(term(label), key)
        group = self.f["group"] = QComboBox(objectName="f_group")
        for g in self.state.units.groups():
            group.addItem(g.name, g.id)
        for key in ("budget", "spent_outside"):
            e = self.f[key] = QLineEdit(objectName=f"f_{key}", placeholderText=self.tr("đồng, ví dụ 1.500.000"))
            e.setAlignment(Qt.AlignmentFlag.AlignRight)
            e.setMaximumWidth(220)
        self.f["notes"] = QPlainTextEdit(objectName="f_notes")
        self.f["notes"].setFixedHeight(90)
        self.money_label = QLabel(objectName="moneySummary")
        form = QFormLayout(tab)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        labels = {"spent_outside": self.tr("Chi ngoài quỹ tiền mặt"), "notes": self.tr("Ghi chú")}
        for key in ("kind", "subkind", "title", "start_date", "end_date", "place", "organiser", "scope", "group",
                    "budget", "spent_outside", "notes"):
            star = " *" if key in ("kind", "title", "start_date") else ""
            form.addRow((labels.get(key) or term(LABELS[key])) + star + ":", self.f[key])
        form.addRow("", self.money_label)
        kind.currentIndexChanged.connect(self._fill_subkinds)
        scope.currentIndexChanged.connect(self._scope_changed)
        self.fields().start_date.dateChanged.connect(self._start_changed)
        self._fill_subkinds()
        self._scope_changed()
        return tab

    def _money_tab(self) -> QWidget:
        tab = QWidget()
        self.payments = QTableWidget(0, 5, objectName="paymentsTable")
        self.payments.setHorizontalHeaderLabels([self.tr("Số phiếu chi"), self.tr("Ngày"), self.tr("Người nhận"),
                                                 self.tr("Nội dung"), self.tr("Số tiền")])
        self.payments.horizontalHeader().setStretchLastSection(False)
        self.payments.setColumnWidth(0, 150)
        self.payments.setColumnWidth(3, 330)
        self.payments.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.spend_amount = QLineEdit(objectName="spendAmount", placeholderText=self.tr("số tiền"))
        self.spend_person = QLineEdit(objectName="spendPerson", placeholderText=self.tr("người nhận tiền"))
        self.spend_reason = QLineEdit(objectName="spendReason", placeholderText=self.tr("nội dung chi, ví dụ: Mua quà"))
        self.spend_button = QPushButton(self.tr("Lập phiếu chi"), objectName="spendButton")
        self.spend_button.clicked.connect(self.spend)
        self.link_button = QPushButton(self.tr("Gắn phiếu chi có sẵn…"), objectName="linkVoucherButton")
        self.link_button.clicked.connect(self.pick_voucher)
        self.unlink_button = QPushButton(self.tr("Bỏ gắn phiếu đã chọn"), objectName="unlinkVoucherButton")
        self.unlink_button.clicked.connect(self.unlink_voucher)
        links = QHBoxLayout()
        links.addWidget(self.link_button)
        links.addWidget(self.unlink_button)
        links.addStretch(1)
        row = QHBoxLayout()
        for w in (self.spend_amount, self.spend_person, self.spend_reason, self.spend_button):
            row.addWidget(w)
        note = QLabel(self.tr("Chi chung cho cả hoạt động (mua quà, thuê hội trường…). Tiền trao cho từng đoàn viên "
                              "lập ở thẻ Đoàn viên, điểm danh."), wordWrap=True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(tab)
        layout.addWidget(self.payments, 1)
        layout.addLayout(links)
        layout.addWidget(note)
        layout.addLayout(row)
        return tab

    def _docs_tab(self) -> QWidget:
        tab = QWidget()
        self.docs = QTableWidget(0, 5, objectName="docsTable")
        self.docs.setHorizontalHeaderLabels([self.tr("Loại"), self.tr("Số"), self.tr("Trích yếu"), self.tr("Ngày"),
                                             self.tr("Tình trạng")])
        self.docs.setColumnWidth(2, 380)
        self.docs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.docs.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.docs.doubleClicked.connect(lambda _i: self.open_doc())
        buttons = QHBoxLayout()
        self.doc_buttons = {}
        for doc_type, text in (("bb", self.tr("Biên bản mới…")), ("qd", self.tr("Quyết định mới…")),
                               ("tb", self.tr("Thông báo mới…"))):
            b = QPushButton(text, objectName=f"new_{doc_type}")
            b.clicked.connect(lambda _=False, t=doc_type: self.new_doc(t))
            buttons.addWidget(b)
            self.doc_buttons[doc_type] = b
        self.open_doc_button = QPushButton(self.tr("Mở…"), objectName="openDoc")
        self.open_doc_button.clicked.connect(self.open_doc)
        buttons.addWidget(self.open_doc_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.docs, 1)
        layout.addLayout(buttons)
        return tab

    def _fill_subkinds(self) -> None:
        f = self.fields()
        combo = f.subkind
        keep = combo.currentData()
        combo.clear()
        combo.addItem("", None)
        for key, label in SUBKINDS.get(f.kind.currentData(), {}).items():
            combo.addItem(term(label), key)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.setEnabled(combo.count() > 1)

    def _scope_changed(self) -> None:
        f = self.fields()
        f.group.setEnabled(f.scope.currentData() == "group")

    def _start_changed(self, d: QDate) -> None:
        end = self.fields().end_date
        if end.date() < d:
            end.setDate(d)

    # ---- values --------------------------------------------------------------------
    def fields(self) -> ActivityFields:
        f = self.f
        return ActivityFields(
            field_as(f["kind"], QComboBox), field_as(f["subkind"], QComboBox), field_as(f["title"], QLineEdit),
            field_as(f["start_date"], QDateEdit), field_as(f["end_date"], QDateEdit), field_as(f["place"], QLineEdit),
            field_as(f["organiser"], QLineEdit), field_as(f["scope"], QComboBox), field_as(f["group"], QComboBox),
            field_as(f["budget"], QLineEdit), field_as(f["spent_outside"], QLineEdit),
            field_as(f["notes"], QPlainTextEdit))

    def raw_values(self) -> dict[str, object]:
        f = self.fields()
        end, start = from_qdate(f.end_date.date()), from_qdate(f.start_date.date())
        return {"kind": f.kind.currentData(), "subkind": f.subkind.currentData(), "title": f.title.text(),
                "start_date": start, "end_date": None if end == start else end, "place": f.place.text(),
                "organiser": f.organiser.text(), "scope": f.scope.currentData(),
                "group_id": f.group.currentData() if f.scope.currentData() == "group" else None,
                "budget": f.budget.text(), "spent_outside": f.spent_outside.text(),
                "notes": f.notes.toPlainText()}

    def show_problems(self, errors: dict[str, str]) -> None:
        for key, w in self.f.items():
            w.setStyleSheet(INVALID_STYLE if key in errors else "")
        lines = [f"<b>{term(LABELS.get(k, k))}</b>: {m}" for k, m in errors.items()]
        self.problems.setText("<br>".join(lines))
        self.problems.setVisible(bool(lines))
        if errors and set(errors) & set(self.f):
            self.tabs.setCurrentIndex(0)

    def reload(self) -> None:
        svc, aid = self.svc, self.activity_id
        if aid is None:  # a new activity, not saved yet
            return
        self.state.runner.submit("activity-get", lambda _c: svc.get(aid), on_done=self._show_detail,
                                 on_error=lambda exc: show_error(self, exc, self.tr("Không mở được hoạt động")))

    def _show_detail(self, d: ActivityDetail, members: bool = True) -> None:
        self.detail = d
        self.activity_id = d.id
        v = d.data
        f = self.fields()
        f.kind.setCurrentIndex(f.kind.findData(v.kind))
        f.subkind.setCurrentIndex(max(0, f.subkind.findData(v.subkind)))
        f.title.setText(v.title)
        f.start_date.setDate(to_qdate(v.start_date))
        f.end_date.setDate(to_qdate(v.end_date or v.start_date))
        f.place.setText(v.place or "")
        f.organiser.setText(v.organiser or "")
        f.scope.setCurrentIndex(f.scope.findData(v.scope))
        if v.group_id:
            f.group.setCurrentIndex(max(0, f.group.findData(v.group_id)))
        f.budget.setText(format_money(v.budget, unit=False) if v.budget is not None else "")
        f.spent_outside.setText(format_money(v.spent_outside, unit=False) if v.spent_outside else "")
        f.notes.setPlainText(v.notes or "")
        self.money_label.setText(describe_money(d))
        self.setWindowTitle(self.tr("Hoạt động: {0}").format(v.title))
        for i in (1, 2, 3):
            self.tabs.setTabEnabled(i, True)
        if members:
            self.members_tab.set_detail(d)
        self.payments.setRowCount(len(d.payments))
        for r, pay in enumerate(d.payments):
            doc = pay.doc
            cells = (doc.ref, format_date(doc.doc_date), doc.person_name, doc.reason + (self.tr(" (đã hủy)") if doc.voided else ""),
                     format_money(doc.amount, unit=False))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, doc.id)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.payments.setItem(r, c, item)
        self.docs.setRowCount(len(d.docs))
        for r, paper in enumerate(d.docs):
            state = self.tr("Hoàn thành") if paper.status == "final" else self.tr("Nháp")
            if paper.version > 1:
                state += " — " + self.tr("bản sửa lần {0}").format(paper.version - 1)
            if not paper.current:
                state += " — " + self.tr("đã có bản sửa")
            for c, text in enumerate((term(DOC_TYPES[paper.doc_type]), paper.number_text, paper.title,
                                      format_date(paper.doc_date), state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, paper.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, paper.doc_type)
                self.docs.setItem(r, c, item)

    # ---- writing -------------------------------------------------------------------
    def save(self) -> None:
        if self.busy:
            return
        try:
            v = self.svc.parse(self.raw_values())
        except ValidationError as e:
            self.show_problems(e.errors)
            return
        self.show_problems({})
        svc, aid = self.svc, self.activity_id
        self.busy = True
        self.state.runner.submit("activity-save", lambda _c: svc.add(v) if aid is None else svc.update(aid, v),
                                 on_done=self._saved, on_error=self._failed)

    def _saved(self, d: ActivityDetail) -> None:
        self.busy = False
        self._show_detail(d)
        self.saved.emit(d)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, ValidationError):
            self.show_problems(exc.errors)
        else:
            show_error(self, exc, self.tr("Chưa lưu được hoạt động"))

    def spend(self) -> None:
        from desktop.services.core.money import MoneyFormatError, parse_money
        try:
            amount = parse_money(self.spend_amount.text()) or 0
        except MoneyFormatError:
            self.show_problems({"amount": self.tr("không đọc được số tiền.")})
            return
        svc, aid = self.svc, self.activity_id
        if aid is None:  # the tab opens once the activity is saved
            return
        person, reason = self.spend_person.text(), self.spend_reason.text()

        def done(_doc) -> None:
            for w in (self.spend_amount, self.spend_person, self.spend_reason):
                w.clear()
            self.show_problems({})
            self.reload()

        self.state.runner.submit("activity-spend", lambda _c: svc.spend(aid, amount=amount, person_name=person,
                                                                         reason=reason), on_done=done,
                                 on_error=self._failed)

    def pick_voucher(self):
        """Offer the cash book's unlinked payment vouchers; the one chosen is linked."""
        svc = self.svc
        self.state.runner.submit("free-vouchers", lambda _c: svc.free_vouchers(), on_done=self._offer_vouchers,
                                 on_error=self._failed, read_only=True)

    def _offer_vouchers(self, vouchers) -> None:
        from desktop.views.voucher_picker import VoucherPicker
        self.picker = VoucherPicker(vouchers, self)
        self.picker.accepted.connect(self._voucher_chosen)
        self.picker.open()

    def _voucher_chosen(self) -> None:
        doc = self.picker.chosen() if self.picker is not None else None
        svc, aid = self.svc, self.activity_id
        if doc is None or aid is None:
            return
        self.state.runner.submit("link-voucher", lambda _c: svc.link_voucher(aid, doc.id),
                                 on_done=self._links_changed, on_error=self._failed)

    def unlink_voucher(self) -> None:
        item = self.payments.item(self.payments.currentRow(), 0) if self.payments.currentRow() >= 0 else None
        if item is None:
            return
        svc, aid, doc_id = self.svc, self.activity_id, item.data(Qt.ItemDataRole.UserRole)
        if aid is None:
            return
        self.state.runner.submit("unlink-voucher", lambda _c: svc.unlink_voucher(aid, doc_id),
                                 on_done=self._links_changed, on_error=self._failed)

    def _links_changed(self, d: ActivityDetail) -> None:
        self._show_detail(d)

    # ---- documents -----------------------------------------------------------------
    def new_doc(self, doc_type: str):
        return self._open_doc_editor(doc_type, None)

    def open_doc(self):
        row = self.docs.currentRow()
        if row < 0:
            return None
        item = self.docs.item(row, 0)
        return self._open_doc_editor(item.data(Qt.ItemDataRole.UserRole + 1), item.data(Qt.ItemDataRole.UserRole))

    def _open_doc_editor(self, doc_type: str, doc_id: str | None):
        if self.activity_id is None:
            return None
        editor: DocEditor
        if doc_type == "bb":
            from desktop.views.minutes_editor import MinutesEditor
            editor = MinutesEditor(self.state, self.activity_id, doc_id, self)
        else:
            from desktop.views.letter_editor import LetterEditor
            editor = LetterEditor(self.state, self.activity_id, doc_type, doc_id, self)
        self.doc_editor = editor
        editor.saved.connect(lambda _d: self.reload())
        editor.open()
        return editor
