"""What the minutes editor and the decision / notice editor share: number, date and place
of the document, saving a draft (its problems shown as warnings), finishing it (then it
is locked), a correction as a new version, the print preview and the Word export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.activities.minutes import DOC_TYPES, LABELS, DocContent, DocData, MinutesService, SaveResult
from desktop.services.core.errors import ValidationError
from desktop.views.app_state import AppState
from desktop.views.cash_dialogs import INVALID_STYLE, PROBLEM_STYLE, from_qdate, to_qdate
from desktop.views.dialogs import ask
from desktop.views.errors import show_error
from desktop.views.formatting import format_date, term

if TYPE_CHECKING:  # imported where used: it loads what start-up need not
    from desktop.views.print_preview import PrintPreviewDialog

WARNING_STYLE = "color: #6d4c00; background: #fff8e1; border: 1px solid #ffe082; padding: 6px;"
FINAL_STYLE = "color: #1b5e20; background: #e8f5e9; border: 1px solid #a5d6a7; padding: 6px;"
DRAFT_STYLE = "color: #37474f; background: #eceff1; border: 1px solid #cfd8dc; padding: 6px;"


class DocEditor(QDialog):
    saved = Signal(object)  # DocData

    def __init__(self, state: AppState, activity_id: str, doc_type: str, doc_id: str | None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.svc = MinutesService(state.ctx)
        self.activity_id = activity_id
        self.doc_type = doc_type
        self.data: DocData | None = None
        self.busy = False
        self.preview: PrintPreviewDialog | None = None
        self.fields: dict[str, QWidget] = {}
        self.exported: list[Path] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="congdoan-van-ban-", ignore_cleanup_errors=True)
        self.banner = QLabel(objectName="docBanner", wordWrap=True)
        self.problems = QLabel(objectName="problems", wordWrap=True, visible=False)
        self.problems.setStyleSheet(PROBLEM_STYLE)
        self.warnings = QLabel(objectName="docWarnings", wordWrap=True, visible=False)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.number = QSpinBox(objectName="f_number", minimum=0, maximum=9999)
        self.number.setSpecialValueText(self.tr("tự động khi hoàn thành"))
        self.suffix = QLineEdit(objectName="f_suffix", maxLength=30)
        self.suffix.setMaximumWidth(120)
        self.doc_date = QDateEdit(objectName="f_doc_date", calendarPopup=True)
        self.doc_date.setDisplayFormat("dd/MM/yyyy")
        self.doc_date.setDate(QDate.currentDate())
        self.place = QLineEdit(objectName="f_place_name", placeholderText=self.tr("ví dụ: Bình Dương"))
        self.place.setMinimumWidth(200)
        self.title_edit = QLineEdit(objectName="f_title")
        self.fields.update(number=self.number, suffix=self.suffix, doc_date=self.doc_date, place_name=self.place,
                           title=self.title_edit)
        self.save_button = QPushButton(self.tr("Lưu nháp"), objectName="saveDraft")
        self.finish_button = QPushButton(self.tr("Hoàn thành…"), objectName="finishDoc")
        self.preview_button = QPushButton(self.tr("Xem trước, in…"), objectName="previewDoc")
        self.word_button = QPushButton(self.tr("Xuất Word…"), objectName="exportWord")
        self.correct_button = QPushButton(self.tr("Lập bản sửa…"), objectName="correctDoc")
        self.close_button = QPushButton(self.tr("Đóng"), objectName="closeDoc")
        self.save_button.clicked.connect(lambda: self.save())
        self.finish_button.clicked.connect(lambda: self.finish())
        self.preview_button.clicked.connect(self.show_preview)
        self.word_button.clicked.connect(self.ask_export)
        self.correct_button.clicked.connect(lambda: self.correct())
        self.close_button.clicked.connect(self.reject)
        self.resize(1000, 760)

    def number_row(self) -> QHBoxLayout:
        """Số: [05] /BB- [CĐCS]   Ngày: [07/03/2026]   Địa danh: [Bình Dương]"""
        row = QHBoxLayout()
        for w in (QLabel(self.tr("Số:")), self.number, QLabel(f"/{self._code()}-"), self.suffix,
                  QLabel(self.tr("Ngày:")), self.doc_date, QLabel(self.tr("Địa danh:")), self.place):
            row.addWidget(w)
        row.addStretch(1)
        return row

    def _code(self) -> str:
        from desktop.services.activities.numbering import DOC_CODES
        return DOC_CODES[self.doc_type]

    def build(self, body: QWidget) -> None:
        buttons = QHBoxLayout()
        for b in (self.save_button, self.finish_button, self.preview_button, self.word_button, self.correct_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.problems)
        layout.addWidget(self.warnings)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)

    def start(self, doc_id: str | None) -> None:
        svc = self.svc
        if doc_id is not None:
            self.state.runner.submit("doc-get", lambda _c: svc.get(doc_id), on_done=self.load,
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không mở được văn bản")))
        else:
            aid, doc_type = self.activity_id, self.doc_type
            self.state.runner.submit("doc-template", lambda _c: svc.template(aid, doc_type),
                                     on_done=self._templated,
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không lập được văn bản")))
            self._show_state()

    # ---- for the subclasses ----------------------------------------------------------
    def content(self) -> DocContent:  # pragma: no cover - abstract
        raise NotImplementedError

    def show_content(self, c: DocContent) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        for w in self.fields.values():
            if isinstance(w, QLineEdit):
                w.setReadOnly(not editable)
            else:
                w.setEnabled(editable)

    def common(self) -> dict:
        return dict(title=self.title_edit.text(), doc_date=from_qdate(self.doc_date.date()),
                    place_name=self.place.text(), suffix=self.suffix.text(), number=self.number.value() or None)

    def show_common(self, c: DocContent) -> None:
        self.title_edit.setText(c.title or "")
        self.doc_date.setDate(to_qdate(c.doc_date))
        self.place.setText(c.place_name or "")
        self.suffix.setText(c.suffix or "")
        self.number.setValue(c.number or 0)

    # ---- loading ---------------------------------------------------------------------
    def _templated(self, c: DocContent) -> None:
        self.show_content(c)
        self._show_state()

    def load(self, data: DocData) -> None:
        self.data = data
        self.show_content(data.content)
        self._show_state()

    def _show_state(self) -> None:
        d = self.data
        kind = term(DOC_TYPES[self.doc_type])
        final = bool(d and d.final)
        if d is None:
            text, style = self.tr("{0} mới — chưa lưu").format(kind), DRAFT_STYLE
        elif d.final:
            finished = format_date(d.finished_at.date()) if d.finished_at else ""
            text = self.tr("{0} số {1} đã hoàn thành ngày {2}: không sửa được nữa. Nếu cần sửa, lập bản sửa "
                           "(bản này được giữ lại).").format(kind, d.number_text, finished)
            style = FINAL_STYLE
        else:
            text, style = self.tr("{0} — bản nháp: lưu lại bao nhiêu lần cũng được; bấm Hoàn thành khi đã đúng."
                                  ).format(kind), DRAFT_STYLE
        if d and d.version > 1:
            text += " " + self.tr("(Bản sửa lần {0}: {1})").format(d.version - 1, d.correction_reason or "")
        if d and d.superseded_by:
            text += " " + self.tr("Đã có bản sửa lần {0}.").format(d.superseded_by - 1)
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.set_editable(not final)
        self.save_button.setEnabled(not final)
        self.finish_button.setEnabled(not final)
        self.correct_button.setEnabled(d is not None and d.final and not d.superseded_by)
        title = self.tr("{0}: {1}").format(kind, d.number_text if d else self.tr("mới"))
        self.setWindowTitle(title)

    # ---- writing ---------------------------------------------------------------------
    def show_problems(self, errors: dict[str, str], warnings=()) -> None:
        for key, w in self.fields.items():
            w.setStyleSheet(INVALID_STYLE if key in errors else "")
            w.setToolTip(errors.get(key, ""))
        lines = [f"<b>{term(LABELS.get(k, k))}</b>: {m}" for k, m in errors.items()]
        self.problems.setText("<br>".join(lines))
        self.problems.setVisible(bool(lines))
        self.warnings.setText("<br>".join([self.tr("Còn thiếu hoặc chưa khớp (lưu nháp được, "
                                                   "nhưng phải sửa trước khi hoàn thành):")] + list(warnings)))
        self.warnings.setVisible(bool(warnings))

    def save(self, finish: bool = False, then=None) -> None:
        if self.busy:
            return
        content = self.content()
        svc, aid, doc_type = self.svc, self.activity_id, self.doc_type
        doc_id = self.data.id if self.data else None
        self.busy = True

        def done(result: SaveResult) -> None:
            self.busy = False
            self.load(result.doc)
            self.show_problems({}, result.warnings)
            self.saved.emit(result.doc)
            if then:
                then()

        def failed(exc: BaseException) -> None:
            self.busy = False
            if isinstance(exc, ValidationError):
                self.show_problems(exc.errors, getattr(exc, "warnings", ()))
            else:
                show_error(self, exc, self.tr("Chưa lưu được"))

        self.state.runner.submit("doc-save", lambda _c: svc.save(aid, doc_type, content, doc_id=doc_id, finish=finish),
                                 on_done=done, on_error=failed)

    def finish(self, confirmed: bool = False) -> None:
        if not confirmed:
            ask(self, self.tr("Hoàn thành"), self.tr(
                "Khi hoàn thành, văn bản được cấp số và không sửa được nữa (muốn sửa phải lập bản sửa). Hoàn thành?"),
                lambda: self.finish(True))
            return
        self.save(finish=True)

    def correct(self, reason: str | None = None):
        if self.data is None:
            return None
        if reason is None:
            dialog = QInputDialog(self)
            dialog.setObjectName("correctionReason")
            dialog.setWindowTitle(self.tr("Lập bản sửa"))
            dialog.setLabelText(self.tr("Lý do sửa (ghi trên bản mới, bản cũ được giữ lại):"))
            dialog.textValueSelected.connect(lambda text: self.correct(text))
            dialog.open()
            return dialog
        svc, doc_id = self.svc, self.data.id

        def done(new: DocData) -> None:
            self.load(new)
            self.show_problems({})
            self.saved.emit(new)

        self.state.runner.submit("doc-correct", lambda _c: svc.correct(doc_id, reason), on_done=done,
                                 on_error=lambda exc: self.show_problems(exc.errors) if isinstance(exc, ValidationError)
                                 else show_error(self, exc, self.tr("Chưa lập được bản sửa")))
        return None

    # ---- printing --------------------------------------------------------------------
    def _saved_then(self, action) -> None:
        """A draft is saved first, so that what is printed is what is on screen."""
        if self.data is not None and self.data.final:
            action()
        else:
            self.save(then=action)

    def show_preview(self) -> None:
        def render() -> None:
            d = self.data
            if d is None:  # called after a successful save only
                return
            out = Path(self._tmp.name) / f"{self.doc_type}-{d.id[-8:]}.pdf"
            svc, doc_id = self.svc, d.id
            title = f"{term(DOC_TYPES[self.doc_type])} {d.number_text}"
            self.state.runner.submit("doc-print", lambda _c: svc.render_pdf(doc_id, out),
                                     on_done=lambda _n: self._open_preview(out, title),
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không in được")))
        self._saved_then(render)

    def _open_preview(self, path: Path, title: str) -> None:
        from desktop.views.print_preview import PrintPreviewDialog
        self.preview = PrintPreviewDialog(path, title, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()

    def ask_export(self) -> None:
        name = f"{self._code()}-{self.number.value() or 'nhap'}.docx".replace("Đ", "D")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất ra tệp Word"), name, self.tr("Tệp Word (*.docx)"))
        if path:
            self.export_docx(path)

    def export_docx(self, path: str | Path) -> None:
        path = Path(path)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")

        def write() -> None:
            if self.data is None:  # called after a successful save only
                return
            svc, doc_id = self.svc, self.data.id
            self.state.runner.submit("doc-docx", lambda _c: svc.render_docx(doc_id, path),
                                     on_done=lambda _r: self._exported(path),
                                     on_error=lambda exc: show_error(self, exc, self.tr("Không xuất được tệp Word")))
        self._saved_then(write)

    def _exported(self, path: Path) -> None:
        self.exported.append(path)
        from desktop.views.dialogs import inform
        inform(self, self.tr("Xuất Word"), self.tr("Đã xuất tệp Word: {0}").format(path))
