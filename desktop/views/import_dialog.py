"""Import of a member list from Excel, in steps: read the file, check the column
mapping, preview every row with its problems, then import the valid rows at once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.errors import CancelledError
from desktop.services.core.excel_io import column_letter
from desktop.services.members.importing import (
    HeaderGuess,
    ImportPreview,
    ImportResult,
    MemberImport,
    PreviewRow,
    mapping_choices,
    problems_text,
)
from desktop.views.app_state import AppState
from desktop.views.errors import message_for, show_error
from desktop.views.formatting import format_date, term
from desktop.views.task_runner import Task

STATUS_COLORS = {"ok": "#2e7d32", "warning": "#ef6c00", "error": "#c62828", "duplicate": "#6a1b9a",
                 "skipped": "#616161"}


def cell_text(value) -> str:
    """A cell as the user saw it in Excel: dates dd/mm/yyyy, 1.0 as 1."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return format_date(value if isinstance(value, date) and not isinstance(value, datetime) else value.date())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []  # PreviewRow, or (where, what it said, why) for a row skipped
        self.name_col: int | None = None
        self.labels = {"ok": self.tr("Hợp lệ"), "warning": self.tr("Có lưu ý"), "error": self.tr("Lỗi"),
                       "duplicate": self.tr("Trùng"), "skipped": self.tr("Bỏ qua")}
        self.headers = [self.tr("Dòng"), self.tr("Kết quả"), self.tr("Họ và tên"), self.tr("Vấn đề")]

    def set_rows(self, rows: list, name_col: int | None) -> None:
        self.beginResetModel()
        self.rows, self.name_col = rows, name_col
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        c = index.column()
        if not isinstance(r, PreviewRow):  # a row skipped: not a member (totals, signatures, a group's title line)
            where, text, why = r
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return (where, self.labels["skipped"], text, why)[c]
            if role == Qt.ItemDataRole.ForegroundRole and c == 1:
                return QColor(STATUS_COLORS["skipped"])
            return None
        if role == Qt.ItemDataRole.ToolTipRole and c == 3 and r.problems:
            return problems_text(r.problems)  # a long problem read in full
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return f"{r.sheet}: {r.row_number}" if r.sheet else str(r.row_number)
            if c == 1:
                return self.labels[r.status]
            if c == 2:
                if r.value:
                    return r.value.full_name
                return cell_text(r.cells[self.name_col]) if self.name_col is not None and self.name_col < len(r.cells) else ""
            return problems_text(r.problems)
        if role == Qt.ItemDataRole.ForegroundRole and c == 1:
            return QColor(STATUS_COLORS[r.status])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class ImportDialog(QDialog):
    def __init__(self, state: AppState, path: str, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.path = path
        self.importer = MemberImport(state.ctx)
        self.task: Task | None = None
        self.rows: list[list] | None = None
        self.guess: HeaderGuess | None = None
        self.sheet: str | None = None
        self.preview: ImportPreview | None = None
        self.outcome: ImportResult | None = None  # what the import wrote, once done
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Nhập đoàn viên từ Excel: {0}").format(Path(path).name))
        self.resize(900, 600)

        self.sheets: list = []
        self.all_sheets = False
        self.sheet_choice = QComboBox(objectName="sheetChoice")
        self.sheet_choice.setVisible(False)
        self.info = QLabel(objectName="importInfo")
        self.info.setWordWrap(True)
        self.info.setMinimumHeight(self.info.fontMetrics().lineSpacing() * 3 + 8)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        # step 1: mapping
        self.mapping_table = QTableWidget(0, 4, objectName="mappingTable")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Cột"), self.tr("Tiêu đề trong tệp"),
                                                      self.tr("Ví dụ"), self.tr("Nhập vào trường")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setColumnWidth(1, 220)
        self.mapping_table.setColumnWidth(2, 220)
        self.mapping_table.verticalHeader().hide()
        self.stack.addWidget(self.mapping_table)
        # step 2: preview
        page = QWidget()
        self.filter = QComboBox(objectName="previewFilter")
        for key, text in ((None, self.tr("Tất cả các dòng")), ("problem", self.tr("Dòng không nhập được")),
                          ("warning", self.tr("Dòng có lưu ý")), ("ok", self.tr("Dòng hợp lệ")),
                          ("skipped", self.tr("Dòng bỏ qua (không phải đoàn viên)"))):
            self.filter.addItem(text, key)
        self.filter.currentIndexChanged.connect(self._show_preview_rows)
        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView(objectName="previewTable")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.preview_view.setColumnWidth(2, 200)
        self.preview_view.verticalHeader().hide()
        self.preview_view.setWordWrap(True)
        # The groups the file names that the unit does not have: made at the import, under
        # the name in the second column (changed by the user: renamed; the name of another
        # group: merged into it).
        self.groups_label = QLabel(objectName="newGroupsLabel", wordWrap=True)
        self.groups_table = QTableWidget(0, 3, objectName="newGroups")
        self.groups_table.setHorizontalHeaderLabels([self.tr("Tổ ghi trong tệp"), self.tr("Tạo thành tổ (sửa để đổi "
                                                     "tên hoặc gộp)"), self.tr("Số đoàn viên")])
        self.groups_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.groups_table.verticalHeader().hide()
        self.groups_table.setMaximumHeight(160)
        self.groups_table.itemChanged.connect(self._group_renamed)
        pl = QVBoxLayout(page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.groups_label)
        pl.addWidget(self.groups_table)
        pl.addWidget(self.filter)
        pl.addWidget(self.preview_view)
        self.stack.addWidget(page)

        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Dừng"), objectName="cancelImport")
        self.cancel_button.setVisible(False)
        self.back_button = QPushButton(self.tr("← Sửa cột"), objectName="backToMapping")
        self.preview_button = QPushButton(self.tr("Xem trước"), objectName="previewImport")
        self.import_button = QPushButton(self.tr("Nhập"), objectName="commitImport")
        self.close_button = QPushButton(self.tr("Đóng"), objectName="closeImport")
        for b in (self.back_button, self.preview_button, self.import_button):
            b.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(0)
        for b in (self.back_button, self.preview_button, self.import_button, self.close_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.sheet_choice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self.sheet_choice.currentIndexChanged.connect(self.choose_sheet)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.back_button.clicked.connect(lambda: self._step_mapping())
        self.preview_button.clicked.connect(self.make_preview)
        self.import_button.clicked.connect(self.commit)
        self.close_button.clicked.connect(self.close)

    # ---- running tasks ------------------------------------------------------------------
    def _run(self, name, fn, on_done) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        for b in (self.back_button, self.preview_button, self.import_button):
            b.setEnabled(False)

        def done(result):
            self._idle()
            on_done(result)

        self.task = self.state.runner.submit(name, fn, on_done=done, on_error=self._failed,
                                             on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _idle(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, CancelledError):
            self.info.setText(exc.message)
        elif message_for(exc):
            self.info.setText("<span style='color:#c62828'>" + message_for(exc) + "</span>")
        else:
            show_error(self, exc)
        self.preview_button.setEnabled(self.rows is not None)
        self.back_button.setEnabled(self.preview is not None)
        self.import_button.setEnabled(self.preview is not None and bool(self.preview.importable) and self.outcome is None)

    def cancel_task(self) -> None:
        if self.task:
            self.task.cancel()

    def closeEvent(self, event) -> None:
        self.cancel_task()
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel_task()
        super().reject()

    # ---- steps ----------------------------------------------------------------------
    def start(self) -> None:
        self.info.setText(self.tr("Đang đọc tệp…"))
        importer, path = self.importer, self.path
        self._run("import-read", lambda c: importer.read_sheets(path), self._read_done)

    def _read_done(self, sheets) -> None:
        self.sheets = sheets
        # A workbook of one group per sheet is read whole, each sheet's name its group.
        self.all_sheets = MemberImport.one_group_per_sheet(sheets)
        self.sheet_choice.blockSignals(True)
        self.sheet_choice.clear()
        if MemberImport.may_be_one_group_per_sheet(sheets):
            self.sheet_choice.addItem(self.tr("Tất cả {0} trang (mỗi trang một tổ)").format(len(sheets)), -1)
        for i, (name, _, _) in enumerate(sheets):
            self.sheet_choice.addItem(self.tr("Trang “{0}”").format(name), i)
        # All sheets when they are named as groups are; else the first sheet's list.
        self.sheet_choice.setCurrentIndex(self.sheet_choice.findData(-1 if self.all_sheets else 0))
        self.sheet_choice.setVisible(len(sheets) > 1)
        self.sheet_choice.blockSignals(False)
        self.sheet, self.rows, self.guess = sheets[0]
        self._step_mapping()

    def choose_sheet(self, index: int) -> None:
        which = self.sheet_choice.itemData(index)
        if which is None:
            return
        self.all_sheets = which == -1
        self.sheet, self.rows, self.guess = self.sheets[max(which, 0)]
        self.preview = None
        self._step_mapping()

    def _step_mapping(self) -> None:
        guess, rows = self.guess, self.rows
        if guess is None or rows is None:
            return
        width = max(len(guess.headers), max((len(r) for r in rows[guess.data_start:guess.data_start + 50]), default=0))
        sample = rows[guess.data_start] if guess.data_start < len(rows) else []
        self.mapping_table.setRowCount(width)
        choices = mapping_choices()
        current = self.preview.mapping if self.preview else guess.mapping
        for c in range(width):
            self.mapping_table.setItem(c, 0, QTableWidgetItem(column_letter(c)))
            self.mapping_table.setItem(c, 1, QTableWidgetItem(guess.headers[c] if c < len(guess.headers) else ""))
            self.mapping_table.setItem(c, 2, QTableWidgetItem(cell_text(sample[c]) if c < len(sample) else ""))
            combo = QComboBox()
            combo.setObjectName(f"map_{c}")
            for key, text in choices:
                combo.addItem(term(text), key)
            combo.setCurrentIndex(max(0, combo.findData(current.get(c, ""))))
            self.mapping_table.setCellWidget(c, 3, combo)
        self.stack.setCurrentIndex(0)
        self.info.setText(self.tr(
            "Trang tính “{0}”: dòng tiêu đề là dòng {1}, dữ liệu từ dòng {2}. Kiểm tra cột nào nhập vào trường nào "
            "(sửa nếu cần), rồi bấm Xem trước. Chưa có gì được ghi vào dữ liệu.").format(
            self.sheet, guess.header_row + 1, guess.data_start + 1))
        self.preview_button.setEnabled(True)
        self.back_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("Nhập"))  # the count comes with the next preview

    def mapping(self) -> dict[int, str]:
        out = {}
        for c in range(self.mapping_table.rowCount()):
            key = self.mapping_table.cellWidget(c, 3).currentData()
            if key:
                out[c] = key
        return out

    def set_mapping(self, column: int, key: str) -> None:
        combo = self.mapping_table.cellWidget(column, 3)
        combo.setCurrentIndex(combo.findData(key))

    def make_preview(self) -> None:
        mapping = self.mapping()
        importer, path, rows, guess = self.importer, self.path, self.rows, self.guess
        self.info.setText(self.tr("Đang kiểm tra từng dòng…"))
        if self.all_sheets:
            self._run("import-preview",
                      lambda c: importer.preview(path, mapping=mapping, all_sheets=True,
                                                 progress=c.progress, cancel=c.cancelled),
                      self._preview_done)
            return
        sheet = self.sheet
        self._run("import-preview",
                  lambda c: importer.preview(path, mapping=mapping, rows=rows, guess=guess, sheet=sheet,
                                             progress=c.progress, cancel=c.cancelled),
                  self._preview_done)

    def _preview_done(self, preview: ImportPreview) -> None:
        self.preview = preview
        n_ok = len(preview.importable)
        self.info.setText(self.tr(
            "Xem trước: <b>{0}</b> dòng sẽ được nhập ({1} có lưu ý); <b>{2}</b> dòng lỗi và <b>{3}</b> dòng trùng "
            "sẽ không nhập; {4} dòng trống, dòng tổng cộng hoặc phần ký tên được bỏ qua.").format(
            n_ok, preview.count("warning"), preview.count("error"), preview.count("duplicate"), preview.skipped))
        self._show_groups()
        self._show_preview_rows()
        self.stack.setCurrentIndex(1)
        self.back_button.setEnabled(True)
        self.import_button.setText(self.tr("Nhập {0} đoàn viên").format(n_ok))
        self.import_button.setEnabled(n_ok > 0)

    def _show_groups(self) -> None:
        preview = self.preview
        if preview is None:
            return
        counts: dict[str | None, int] = {}
        for r in preview.importable:
            group = r.value.group_id if r.value is not None else None
            counts[group] = counts.get(group, 0) + 1
        from desktop.services.members.rules import NEW_GROUP
        self.groups_table.blockSignals(True)
        self.groups_table.setRowCount(len(preview.new_groups))
        for i, (key, name) in enumerate(preview.new_groups.items()):
            found = QTableWidgetItem(name)
            found.setFlags(found.flags() & ~Qt.ItemFlag.ItemIsEditable)
            found.setData(Qt.ItemDataRole.UserRole, key)
            self.groups_table.setItem(i, 0, found)
            self.groups_table.setItem(i, 1, QTableWidgetItem(preview.group_names.get(key, name)))
            count = QTableWidgetItem(str(counts.get(NEW_GROUP + key, 0)))
            count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.groups_table.setItem(i, 2, count)
        self.groups_table.blockSignals(False)
        self.groups_table.setVisible(bool(preview.new_groups))
        self.groups_label.setVisible(bool(preview.new_groups))
        self._groups_text()

    def _groups_text(self) -> None:
        preview = self.preview
        if preview is None:
            return
        made = preview.groups_to_make()
        merged = len(preview.new_groups) - len(made)
        text = self.tr("Đơn vị chưa có {0} tổ công đoàn ghi trong tệp: khi nhập sẽ tạo {1} tổ mới ({2}).").format(
            len(preview.new_groups), len(made), ", ".join(made) or "—")
        if merged:
            text += " " + self.tr("{0} tổ được gộp vào tổ đã có hoặc tổ khác.").format(merged)
        self.groups_label.setText(text + " " + self.tr("Sửa tên ở cột thứ hai để đổi tên; ghi tên một tổ khác để gộp."))

    def rename_group(self, key: str, name: str) -> None:
        """What typing a new name in the groups table does (key: the folded name in the file)."""
        for i in range(self.groups_table.rowCount()):
            if self.groups_table.item(i, 0).data(Qt.ItemDataRole.UserRole) == key:
                self.groups_table.item(i, 1).setText(name)
                return
        raise KeyError(key)

    def _group_renamed(self, item) -> None:
        if item.column() != 1 or not self.preview:
            return
        key = self.groups_table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        self.preview.rename_group(key, item.text())
        self._groups_text()

    def _show_preview_rows(self) -> None:
        if not self.preview:
            return
        which = self.filter.currentData()
        rows = self.preview.rows
        if which == "skipped":
            self.preview_model.set_rows(list(self.preview.skipped_rows), None)
            return
        if which == "problem":
            rows = [r for r in rows if r.status in ("error", "duplicate")]
        elif which:
            rows = [r for r in rows if r.status == which]
        name_col = next((c for c, k in self.preview.mapping.items() if k == "full_name"), None)
        self.preview_model.set_rows(rows, name_col)

    def commit(self) -> None:
        preview, importer = self.preview, self.importer
        if preview is None:
            return
        rejected = preview.count("error") + preview.count("duplicate")
        report = str(Path(self.path).with_name(Path(self.path).stem + "-khong-nhap.xlsx")) if rejected else None
        self.info.setText(self.tr("Đang ghi vào dữ liệu…"))
        self._run("import-commit",
                  lambda c: importer.commit(preview, report=report, progress=c.progress, cancel=c.cancelled),
                  self._commit_done)

    def _commit_done(self, result: ImportResult) -> None:
        self.outcome = result
        text = self.tr("Đã nhập <b>{0}</b> đoàn viên.").format(result.imported)
        if result.groups_created:
            text += " " + self.tr("Đã tạo {0} tổ: {1}.").format(len(result.groups_created),
                                                                ", ".join(result.groups_created))
        if result.report:
            text += " " + self.tr("Các dòng không nhập (kèm lý do) đã ghi vào: {0}").format(result.report)
        self.info.setText(text)
        self.import_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.preview_button.setEnabled(False)
