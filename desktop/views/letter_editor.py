"""A decision (quyết định) or notice (thông báo) about an activity: the trích yếu, the
bases of a decision, its articles or the notice's paragraphs, the list of members and
amounts attached (a support payment), who signs and who receives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.minutes import AnnexRow, DocContent, annex_from
from desktop.services.activities.service import ActivityService
from desktop.views.app_state import AppState
from desktop.views.doc_editor import DocEditor
from desktop.views.errors import show_error
from desktop.views.formatting import format_money


def paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs separated by a blank line (an article may run over several lines)."""
    return tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


class LetterEditor(DocEditor):
    def __init__(self, state: AppState, activity_id: str, doc_type: str, doc_id: str | None = None,
                 parent=None) -> None:
        super().__init__(state, activity_id, doc_type, doc_id, parent)
        self.setObjectName("letterEditor")
        self.annex: tuple[AnnexRow, ...] = ()
        decision = doc_type == "qd"
        self.bases = QPlainTextEdit(objectName="f_bases")
        self.bases.setMaximumHeight(90)
        self.body = QPlainTextEdit(objectName="f_body")
        self.body.setPlaceholderText(self.tr("Mỗi điều một đoạn, cách nhau một dòng trống") if decision
                                     else self.tr("Các đoạn cách nhau một dòng trống"))
        self.signer_title = QPlainTextEdit(objectName="f_signer_title")
        self.signer_title.setMaximumHeight(54)
        self.signer_name = QLineEdit(objectName="f_signer_name")
        self.recipients = QPlainTextEdit(objectName="f_recipients")
        self.recipients.setMaximumHeight(70)
        self.annex_table = QTableWidget(0, 4, objectName="annexTable")
        self.annex_table.setHorizontalHeaderLabels([self.tr("Họ và tên"), self.tr("Tổ"), self.tr("Nội dung"),
                                                    self.tr("Số tiền")])
        self.annex_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.annex_table.setColumnWidth(0, 200)
        self.annex_table.setColumnWidth(2, 220)
        self.annex_table.setMaximumHeight(160)
        self.annex_label = QLabel(objectName="annexTotal")
        self.annex_button = QPushButton(self.tr("Lấy lại danh sách từ hoạt động"), objectName="refreshAnnex")
        self.annex_button.clicked.connect(self.refresh_annex)
        self.fields.update(bases=self.bases, body=self.body, signer_title=self.signer_title,
                           signer_name=self.signer_name, recipients=self.recipients)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Trích yếu *:"), self.title_edit)
        if decision:
            form.addRow(self.tr("Căn cứ:"), self.bases)
        form.addRow(self.tr("Các điều *:") if decision else self.tr("Nội dung *:"), self.body)
        annex_row = QHBoxLayout()
        annex_row.addWidget(self.annex_label, 1)
        annex_row.addWidget(self.annex_button)
        form.addRow(self.tr("Danh sách kèm theo:"), self.annex_table)
        form.addRow("", annex_row)
        form.addRow(self.tr("Chức vụ người ký *:"), self.signer_title)
        form.addRow(self.tr("Người ký:"), self.signer_name)
        form.addRow(self.tr("Nơi nhận:"), self.recipients)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self.number_row())
        layout.addLayout(form, 1)
        self.build(body)
        self.start(doc_id)

    def content(self) -> DocContent:
        return DocContent(**self.common(), bases=self.bases.toPlainText(), body=paragraphs(self.body.toPlainText()),
                          annex=self.annex, signer_title=self.signer_title.toPlainText(),
                          signer_name=self.signer_name.text(), recipients=self.recipients.toPlainText())

    def show_content(self, c: DocContent) -> None:
        self.show_common(c)
        self.bases.setPlainText(c.bases or "")
        self.body.setPlainText("\n\n".join(c.body))
        self.signer_title.setPlainText(c.signer_title or "")
        self.signer_name.setText(c.signer_name or "")
        self.recipients.setPlainText(c.recipients or "")
        self.show_annex(c.annex)

    def show_annex(self, rows: tuple[AnnexRow, ...]) -> None:
        self.annex = tuple(rows)
        self.annex_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.name, row.group or "", row.content or "",
                                      format_money(row.amount, unit=False) if row.amount else "")):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.annex_table.setItem(r, c, item)
        total = sum(r.amount or 0 for r in rows)
        self.annex_label.setText(self.tr("{0} đoàn viên, tổng {1}").format(len(rows), format_money(total))
                                 if rows else self.tr("Không có danh sách kèm theo"))

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for w in (self.bases, self.body, self.signer_title, self.recipients):
            w.setEnabled(True)
            w.setReadOnly(not editable)
        self.annex_button.setEnabled(editable)

    def refresh_annex(self) -> None:
        """The members with an amount in the activity now (after amounts were changed)."""
        acts, aid = ActivityService(self.state.ctx), self.activity_id
        self.state.runner.submit("doc-annex", lambda _c: acts.get(aid),
                                 on_done=lambda d: self.show_annex(tuple(annex_from(d))),
                                 on_error=lambda exc: show_error(self, exc, self.tr("Không đọc được danh sách")))

