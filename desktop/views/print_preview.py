"""Print preview of a PDF made by the printing layer: every page shown as an image,
rendered lazily (only the pages near what is on screen), printed through QPrinter page
by page, saved as a copy of the PDF.

PDFium (pypdfium2) is not thread-safe, not even across documents: every call into it
holds _PDFIUM. The preview only ever tries the lock (a page whose turn comes while a
print job holds it waits for the next tick), so the window never freezes."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.views.errors import show_error

_PDFIUM = threading.Lock()
GAP = 14           # pixels around and between pages
KEEP_PAGES = 24    # rendered pages kept in memory; the others are rendered again when needed
PRINT_MAX_DPI = 300  # a 1200 dpi printer gets 300 dpi images: sharp, and 16 times less memory


def render_page(doc: pdfium.PdfDocument, index: int, scale: float, rotation: int = 0) -> QImage:
    """One page as an image; the caller holds _PDFIUM."""
    page = doc[index]
    try:
        bitmap = page.render(scale=scale, rotation=rotation, prefer_bgrx=True, may_draw_forms=False)
        try:
            return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                          QImage.Format.Format_RGB32).copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def placement(w: float, h: float, printer: QPrinter) -> tuple[int, QRect]:
    """Where a page of w × h points goes on the printer's paper (full page coordinates):
    at its real size when it fits (a form must keep its measures), shrunk only when it is
    larger than the paper, turned a quarter when that fits better; centred across, at the
    top (an A5 receipt on A4 paper leaves the lower half to cut off)."""
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    per_pt = printer.resolution() / 72

    def fit(pw: float, ph: float) -> float:
        f = min(1.0, paper.width() / (pw * per_pt), paper.height() / (ph * per_pt))
        return 1.0 if f > 0.995 else f  # a hair over (rounding of paper sizes): the PDF has margins

    turn = 90 if fit(h, w) > fit(w, h) + 0.01 else 0
    pw, ph = (h, w) if turn else (w, h)
    scale = fit(pw, ph) * per_pt
    width, height = round(pw * scale), round(ph * scale)
    return turn, QRect(max((paper.width() - width) // 2, 0), 0, width, height)


class PrintJob(QObject):
    """Pages drawn onto a QPrinter one at a time on the UI thread, each step queued by a
    zero timer so that the window stays responsive between pages. (Painting on a QPrinter
    from a worker thread deadlocked in Qt's PDF engine on CI: measured, so not done.)"""

    progressed = Signal(int, int)
    finished = Signal(bool, str)  # ok, error text

    _running: set[PrintJob] = set()  # kept alive until they end

    def __init__(self, data: bytes, printer: QPrinter, pages: list[int]) -> None:
        super().__init__()
        self.data, self.printer, self.pages = data, printer, pages
        self.done = False
        self.ok = False
        self.printed = 0
        self.error = ""
        self._cancelled = False
        self._painter = QPainter()
        self._doc: pdfium.PdfDocument | None = None  # open from _start to _end
        self.finished.connect(self._finish)
        PrintJob._running.add(self)
        QTimer.singleShot(0, self._start)

    def cancel(self) -> None:
        self._cancelled = True

    def wait(self, timeout: float | None = None) -> None:
        """Run the job to its end (for callers without an event loop)."""
        import time
        end = None if timeout is None else time.monotonic() + timeout
        while not self.done and (end is None or time.monotonic() < end):
            QCoreApplication.processEvents()

    def _finish(self, ok: bool, error: str) -> None:
        self.ok, self.error, self.done = ok, error, True
        PrintJob._running.discard(self)

    def _start(self) -> None:
        try:
            with _PDFIUM:
                self._doc = pdfium.PdfDocument(self.data)
            if not self._painter.begin(self.printer):
                raise OSError(QCoreApplication.translate(
                    "PrintPreviewDialog", "không bắt đầu in được (máy in chưa sẵn sàng hoặc không ghi được tệp)"))
        except Exception as exc:  # noqa: BLE001  handed to the dialog, never lost
            self._end(False, str(exc) or type(exc).__name__)
            return
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        n = self.printed
        if self._cancelled:
            self.printer.abort()
            self._end(False, "")
            return
        if n >= len(self.pages):
            self._end(True, "")
            return
        try:
            index, doc = self.pages[n], self._doc
            assert doc is not None  # opened by _start before the first step
            if n:
                self.printer.newPage()
            with _PDFIUM:
                w, h = doc.get_page_size(index)
            turn, place = placement(w, h, self.printer)
            with _PDFIUM:
                image = render_page(doc, index, min(self.printer.resolution(), PRINT_MAX_DPI) / 72, turn)
            self._painter.drawImage(place, image)
        except Exception as exc:  # noqa: BLE001  the job ends and the dialog says why
            self._end(False, str(exc) or type(exc).__name__)
            return
        self.printed = n + 1
        self.progressed.emit(n + 1, len(self.pages))
        QTimer.singleShot(0, self._step)

    def _end(self, ok: bool, error: str) -> None:
        if self._painter.isActive():
            self._painter.end()
        if self._doc is not None:
            with _PDFIUM:
                self._doc.close()
            self._doc = None
        self.finished.emit(ok and not self._cancelled, error)


class PagesView(QWidget):
    """The pages stacked vertically; each is rendered when it comes near the screen."""

    def __init__(self, doc: pdfium.PdfDocument, sizes: list[tuple[float, float]], parent=None) -> None:
        super().__init__(parent)
        self.doc, self.sizes = doc, sizes
        self.zoom = 1.0  # pixels per PDF point
        self.rects: list[QRect] = []
        self.cache: dict[int, QPixmap] = {}
        self.pending: set[int] = set()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._render_next)
        self.setObjectName("previewPages")

    def set_zoom(self, zoom: float) -> None:
        if self.rects and abs(zoom - self.zoom) < 1e-3:
            return
        self.zoom = zoom
        self.cache.clear()
        self.pending.clear()
        widest = max((w for w, _ in self.sizes), default=0) * zoom
        y, self.rects = GAP, []
        for w, h in self.sizes:
            pw, ph = round(w * zoom), round(h * zoom)
            self.rects.append(QRect(GAP + round((widest - pw) / 2), y, pw, ph))
            y += ph + GAP
        self.setFixedSize(round(widest) + 2 * GAP, y)
        self.update()

    def visible_pages(self) -> list[int]:
        seen = self.visibleRegion().boundingRect()
        if seen.isEmpty():
            return []
        near = seen.adjusted(0, -seen.height() // 2, 0, seen.height() // 2)  # and a little beyond
        return [i for i, r in enumerate(self.rects) if r.intersects(near)]

    def page_at(self, y: int) -> int:
        for i, r in enumerate(self.rects):
            if r.bottom() + GAP >= y:
                return i
        return max(len(self.rects) - 1, 0)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(event.rect(), QColor("#7f8790"))
        for i, r in enumerate(self.rects):
            if not r.intersects(event.rect()):
                continue
            p.fillRect(r.translated(3, 3), QColor(0, 0, 0, 70))
            pix = self.cache.get(i)
            if pix is not None:
                p.drawPixmap(r, pix)
            else:
                p.fillRect(r, Qt.GlobalColor.white)
                self.pending.add(i)
        p.end()
        if self.pending:
            self._timer.start()

    def _render_next(self) -> None:
        wanted = [i for i in self.visible_pages() if i in self.pending and i not in self.cache]
        self.pending.clear()
        if not wanted or self.doc is None:
            return
        if not _PDFIUM.acquire(blocking=False):  # a print job is rendering: try again shortly
            self.pending.update(wanted)
            self._timer.start(40)
            return
        try:
            i = wanted[0]
            ratio = self.devicePixelRatioF()
            image = render_page(self.doc, i, self.zoom * ratio)
        finally:
            _PDFIUM.release()
        pix = QPixmap.fromImage(image)
        pix.setDevicePixelRatio(ratio)
        self.cache[i] = pix
        if len(self.cache) > KEEP_PAGES:  # forget the pages farthest from this one
            for far in sorted(self.cache, key=lambda k: -abs(k - i))[: len(self.cache) - KEEP_PAGES]:
                del self.cache[far]
        self.update(self.rects[i])
        if len(wanted) > 1:
            self.pending.update(wanted[1:])
            self._timer.start()


class PrintPreviewDialog(QDialog):
    def __init__(self, pdf_path: str | Path, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.pdf_path = Path(pdf_path)
        self.title = title
        self.job: PrintJob | None = None
        self._printer: QPrinter | None = None
        self.setWindowTitle(self.tr("Xem trước khi in: {0}").format(title))
        self.resize(900, 820)
        self.data = self.pdf_path.read_bytes()  # in memory: the file stays free to be saved or deleted
        with _PDFIUM:
            self.doc = pdfium.PdfDocument(self.data)
            self.sizes = [self.doc.get_page_size(i) for i in range(len(self.doc))]

        self.pages = PagesView(self.doc, self.sizes)
        self.scroll_area = QScrollArea(objectName="previewScroll")
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: #7f8790; }")
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._show_current)
        self.scroll_area.verticalScrollBar().setSingleStep(40)

        self.fit_button = QPushButton(self.tr("Vừa chiều rộng"), objectName="zoomFit", checkable=True)
        self.actual_button = QPushButton(self.tr("100%"), objectName="zoomActual", checkable=True)
        zoom = QButtonGroup(self)
        zoom.addButton(self.fit_button)
        zoom.addButton(self.actual_button)
        self.fit_button.setChecked(True)
        self.page_label = QLabel(objectName="pageCount")
        self.progress = QProgressBar(objectName="printProgress", visible=False)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Đang in %v/%m trang"))
        self.stop_button = QPushButton(self.tr("Dừng in"), objectName="stopPrint", visible=False)
        self.print_button = QPushButton(self.tr("In…"), objectName="printButton")
        self.save_button = QPushButton(self.tr("Lưu PDF…"), objectName="savePdf")
        self.close_button = QPushButton(self.tr("Đóng"), objectName="closePreview")
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addSpacing(12)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.stop_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bar)

        self.fit_button.clicked.connect(self._apply_zoom)
        self.actual_button.clicked.connect(self._apply_zoom)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)
        self.stop_button.clicked.connect(lambda: self.job and self.job.cancel())
        self._apply_zoom()

    # ---- showing -------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def _apply_zoom(self) -> None:
        if self.actual_button.isChecked():
            zoom = self.logicalDpiX() / 72
        else:
            widest = max((w for w, _ in self.sizes), default=1)
            room = self.scroll_area.viewport().width() - 2 * GAP
            if self.scroll_area.verticalScrollBar().isHidden():
                room -= self.scroll_area.verticalScrollBar().sizeHint().width()  # it will appear
            zoom = max(room, 200) / widest
        self.pages.set_zoom(zoom)
        self._show_current()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_button.isChecked():
            QTimer.singleShot(0, self._apply_zoom)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._apply_zoom)

    def _show_current(self) -> None:
        n = self.page_count
        if not n:
            self.page_label.setText(self.tr("Tệp không có trang nào"))
            return
        current = self.pages.page_at(self.scroll_area.verticalScrollBar().value() + self.scroll_area.viewport().height() // 3)
        self.page_label.setText(self.tr("Trang {0}/{1}").format(current + 1, n))

    def rendered_pages(self) -> list[int]:
        return sorted(self.pages.cache)

    # ---- printing ------------------------------------------------------------------
    def _new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFullPage(True)
        if self.sizes:
            w, h = self.sizes[0]
            size = QPageSize.id(QSize(round(w), round(h)), QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
            if size != QPageSize.PageSizeId.Custom:
                printer.setPageSize(QPageSize(size))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
        return printer

    def open_print_dialog(self) -> QPrintDialog | None:
        if self.job and not self.job.done:
            return None
        self._printer = self._printer or self._new_printer()
        dialog = QPrintDialog(self._printer, self)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(self.tr("In: {0}").format(self.title))
        dialog.setMinMax(1, max(self.page_count, 1))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.finished.connect(lambda result: result == QDialog.DialogCode.Accepted and self.print_to(dialog.printer()))
        QDialog.open(dialog)  # PySide6 hides QDialog.open() behind QPrintDialog.open(receiver, member)
        return dialog

    def _chosen_pages(self, printer: QPrinter) -> list[int]:
        pages = list(range(self.page_count))
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), printer.toPage() or self.page_count
            pages = [i for i in pages if first - 1 <= i <= last - 1]
        return pages

    def print_to(self, printer: QPrinter) -> PrintJob:
        """Print every page (or the range chosen in the dialog) on a worker thread."""
        pages = self._chosen_pages(printer)
        printer.setFullPage(True)  # the PDF has its own margins; drawn at its real size
        self.job = PrintJob(self.data, printer, pages)
        self.progress.setRange(0, len(pages))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)
        self.print_button.setEnabled(False)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._printed)
        return self.job

    def _progressed(self, done: int, _total: int) -> None:
        self.progress.setValue(done)

    def _printed(self, ok: bool, error: str) -> None:
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self.print_button.setEnabled(True)
        if error:
            from desktop.views.dialogs import warn
            warn(self, self.tr("Không in được"),
                 self.tr("Máy in báo lỗi: {0}\nKiểm tra máy in (bật, có giấy, đã kết nối) rồi in lại.").format(error))

    # ---- saving --------------------------------------------------------------------
    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu thành tệp PDF"), self.pdf_path.name,
                                              self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> Path | None:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from desktop.services.core.errors import DomainError
        from desktop.services.core.safe_files import write_bytes
        try:
            # Complete or not at all: a full disk or a read-only folder leaves an earlier file intact.
            write_bytes(path, self.data)
        except DomainError as exc:
            show_error(self, exc, self.tr("Chưa lưu được tệp PDF"))
            return None
        return path

    def done(self, result: int) -> None:
        if self.job and not self.job.done:
            self.job.progressed.disconnect(self._progressed)  # the job ends on its own; its doc is its own
            self.job.finished.disconnect(self._printed)
        self.pages.cache.clear()
        self.pages.doc = None
        if self.doc is not None:
            with _PDFIUM:
                self.doc.close()
            self.doc = None
        super().done(result)
