"""The Thu chi page driven as a treasurer would: make a phiếu thu and a phiếu chi, see
the running balance, void one, print documents and the cash book, preview and print."""

import calendar
from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter

from desktop.services.cash.service import CashService
from desktop.views.cash_dialogs import CashDocDialog, VoidDialog
from desktop.views.cash_page import CashPage
from desktop.views.print_preview import PrintPreviewDialog
from tests.desktop.views.conftest import last_box, shoot, wait_idle


def pdf_pages(path) -> int:
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


@pytest.fixture
def page(qtbot, state, vietnamese):
    p = CashPage(state)
    qtbot.addWidget(p)
    p.resize(1180, 620)
    p.show()
    qtbot.waitExposed(p)
    wait_idle(qtbot, state)
    return p


def fill(dialog: CashDocDialog, *, category, person, reason, amount, address="", attachments="", when=None):
    dialog.category.setCurrentIndex(dialog.category.findData(category))
    dialog.person_name.setText(person)
    dialog.address.setText(address)
    dialog.reason.setText(reason)
    dialog.amount.setText(amount)
    dialog.attachments.setText(attachments)
    if when:
        dialog.doc_date.setDate(QDate(when.year, when.month, when.day))


def record(qtbot, state, page, kind, **values):
    dialog = page.new_doc(kind)
    assert dialog.isVisible()
    fill(dialog, **values)
    dialog.save()
    wait_idle(qtbot, state)
    assert not dialog.isVisible(), dialog.problems.text()
    return dialog.saved_doc


def texts(page, row):
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def test_record_void_and_balance(qtbot, state, page):
    today = date.today()
    assert page.date_from.displayFormat() == "dd/MM/yyyy"
    assert page.period() == (today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1]))
    assert page.model.rowCount() == 0

    dialog = page.new_doc("thu")
    assert dialog.category.findData("doan_phi") == -1  # collected per member on the dues page
    assert dialog.doc_date.maximumDate() == QDate.currentDate()
    fill(dialog, category="kinh_phi", person="Công ty TNHH May Việt Tiến", address="Phòng Kế toán",
         reason="Nhận kinh phí công đoàn 2% quý I", amount="12.500.000", attachments="01")
    assert dialog.words.text() == "Bằng chữ: Mười hai triệu năm trăm nghìn đồng"
    shoot(dialog, "21-cash-doc-dialog")
    dialog.save()
    wait_idle(qtbot, state)
    assert not dialog.isVisible()
    receipt = dialog.saved_doc
    assert receipt.amount == 12_500_000 and receipt.category == "kinh_phi"

    payment = record(qtbot, state, page, "chi", category="tham_hoi", person="Trần Thị Ngọc Ánh",
                     address="Tổ Cắt", reason="Thăm hỏi đoàn viên ốm đau nằm viện", amount="1.500.000")
    wait_idle(qtbot, state)
    assert page.model.rowCount() == 2
    rows = [texts(page, r) for r in range(2)]
    assert rows[0][1:6] == [receipt.ref, "Thu", "Nhận kinh phí công đoàn 2% quý I",
                            "Công ty TNHH May Việt Tiến", "12.500.000"]
    assert rows[0][7] == "12.500.000"
    assert rows[1][2] == "Chi" and rows[1][6] == "1.500.000" and rows[1][7] == "11.000.000"
    assert page.values["income"].text() == "12.500.000 đ"
    assert page.values["spending"].text() == "1.500.000 đ"
    assert page.values["closing"].text() == "11.000.000 đ"
    # the new document is selected, ready to print
    assert [d.id for d in page.selected_docs()] == [payment.id]
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("chi"))
    assert page.model.rowCount() == 1
    page.kind_filter.setCurrentIndex(0)
    assert [d.id for d in page.selected_docs()] == [payment.id]  # the filter keeps the selection
    shoot(page, "20-cash-page")

    # void the payment: kept, marked, no longer counted
    page.select_ids({payment.id})
    void = page.void_selected()
    assert isinstance(void, VoidDialog)
    void.confirm()  # no reason
    wait_idle(qtbot, state)
    assert void.isVisible() and "lý do" in void.problems.text()
    void.reason.setText("Ghi nhầm số tiền")
    void.confirm()
    wait_idle(qtbot, state)
    assert not void.isVisible()
    line = next(r for r in range(page.model.rowCount()) if page.model.rows[r].doc.id == payment.id)
    assert texts(page, line)[3] == "Thăm hỏi đoàn viên ốm đau nằm viện (đã hủy)"
    assert page.model.index(line, 6).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert page.values["spending"].text() == "0 đ"
    assert page.values["closing"].text() == "12.500.000 đ"
    assert "1 đã hủy" in page.count_label.text()
    assert CashService(state.ctx).find(payment.id).voided

    # voiding it again: the service says when and why it was voided
    page.select_ids({payment.id})
    again = page.void_selected()
    again.reason.setText("Lần nữa")
    again.confirm()
    wait_idle(qtbot, state)
    assert not again.isVisible()
    assert "đã hủy ngày" in last_box().text() and "Ghi nhầm số tiền" in last_box().text()
    last_box().close()


def test_bad_input_writes_nothing(qtbot, state, page):
    cash = CashService(state.ctx)
    dialog = page.new_doc("chi")
    fill(dialog, category="tham_hoi", person="Lê Văn Đức", reason="", amount="0")
    dialog.save()
    wait_idle(qtbot, state)
    assert dialog.isVisible()
    text = dialog.problems.text()
    assert "Số tiền" in text and "lớn hơn 0" in text
    assert "Lý do chi" in text and "cần nội dung" in text
    assert "c62828" in dialog.amount.styleSheet() and "c62828" in dialog.reason.styleSheet()
    assert cash.docs() == []

    dialog.amount.setText("một triệu")
    dialog.reason.setText("Thăm hỏi")
    dialog.save()
    wait_idle(qtbot, state)
    assert "không đọc được số tiền" in dialog.problems.text()
    assert cash.docs() == []

    dialog.doc_date.setDate(QDate.currentDate().addDays(3))  # the edit does not go past today
    assert dialog.doc_date.date() == QDate.currentDate()
    dialog.amount.setText("500000")
    dialog.save()
    wait_idle(qtbot, state)
    assert "tồn quỹ" in dialog.problems.text() and cash.docs() == []  # no cash yet to pay it from

    cash.record(kind="thu", category="kinh_phi", doc_date=date.today(), person_name="Công ty",
                reason="Kinh phí công đoàn", amount=1_000_000)
    dialog.save()
    wait_idle(qtbot, state)
    assert not dialog.isVisible()
    assert [d.amount for d in cash.docs()] == [1_000_000, 500_000]


def test_period_buttons(qtbot, state, page):
    cash = CashService(state.ctx)
    today = date.today()
    old = cash.record(kind="thu", category="cap_tren", doc_date=date(today.year - 1, 12, 20),
                      person_name="Công đoàn ngành", reason="Cấp trên cấp hỗ trợ", amount=3_000_000)
    # the write refreshed the page (the cash book changed); last year is not in this period
    wait_idle(qtbot, state)
    assert page.model.rowCount() == 0
    page.set_dates(date(today.year - 1, 12, 1), today)
    wait_idle(qtbot, state)
    assert [l.doc.id for l in page.model.rows] == [old.id]
    page.set_dates(today, date(today.year - 1, 12, 1))
    wait_idle(qtbot, state)
    assert page.model.rowCount() == 0 and "sau ngày kết thúc" in page.count_label.text()
    page.year_button.click()
    wait_idle(qtbot, state)
    assert page.period() == (date(today.year, 1, 1), date(today.year, 12, 31))
    assert page.model.rowCount() == 0
    assert page.values["opening"].text() == "3.000.000 đ"  # last year's income carried forward
    page.quarter_button.click()
    wait_idle(qtbot, state)
    first, last = page.period()
    assert first.month % 3 == 1 and first <= today <= last and (last + timedelta(days=1)).day == 1
    page.set_period("month", date(2025, 12, 10))
    assert page.period() == (date(2025, 12, 1), date(2025, 12, 31))
    page.set_period("quarter", date(2025, 11, 3))
    assert page.period() == (date(2025, 10, 1), date(2025, 12, 31))
    wait_idle(qtbot, state)


def test_print_receipts_and_cash_book(qtbot, state, page, tmp_path):
    cash = CashService(state.ctx)
    today = date.today()
    income = [("Công ty TNHH May mặc Sao Việt", "Nhận kinh phí công đoàn 2% tháng trước", "kinh_phi", 4_800_000),
              ("Liên đoàn Lao động tỉnh", "Cấp trên cấp hỗ trợ hoạt động", "cap_tren", 2_000_000),
              ("Vũ Thị Hạnh", "Thu tiền ủng hộ Quỹ Mái ấm công đoàn", "thu_khac", 650_000)]
    docs = [cash.record(kind="thu", category=cat, doc_date=today, person_name=name, reason=reason, amount=amount)
            for name, reason, cat, amount in income]
    docs.append(cash.record(kind="chi", category="hoat_dong", doc_date=today, person_name="Phạm Thị Hòa",
                            reason="Tổ chức Ngày Quốc tế Phụ nữ 8/3", amount=2_350_000, attachments="02"))
    wait_idle(qtbot, state)
    assert page.model.rowCount() == 4

    assert page.print_receipts("a5") is None  # nothing selected: told what to do
    assert "Chọn các phiếu" in last_box().text()
    last_box().close()

    page.select_ids({d.id for d in docs})
    task = page.print_receipts("a4x2")
    assert task is not None
    wait_idle(qtbot, state)
    preview = page.preview
    assert isinstance(preview, PrintPreviewDialog) and preview.isVisible()
    assert preview.page_count == pdf_pages(preview.pdf_path) == 2  # two documents to a sheet
    assert preview.page_label.text() == "Trang 1/2"
    qtbot.waitUntil(lambda: preview.rendered_pages() != [], timeout=10000)
    preview.reject()

    page.select_ids({docs[3].id})
    page.print_receipts("a5")
    wait_idle(qtbot, state)
    preview = page.preview
    assert preview.page_count == pdf_pages(preview.pdf_path) == 1
    qtbot.waitUntil(lambda: preview.rendered_pages() == [0], timeout=10000)
    saved = preview.save_to(tmp_path / "phieu-chi")
    assert saved.name == "phieu-chi.pdf" and pdf_pages(saved) == 1
    preview.reject()

    page.print_cash_book()
    wait_idle(qtbot, state)
    preview = page.preview
    n = pdf_pages(preview.pdf_path)
    assert preview.page_count == n >= 1
    assert preview.windowTitle().startswith("Xem trước khi in: Sổ quỹ tiền mặt")
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10000)
    preview.actual_button.click()
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10000)
    preview.fit_button.click()
    qtbot.waitUntil(lambda: 0 in preview.rendered_pages(), timeout=10000)
    shoot(preview, "22-print-preview")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    job = preview.print_to(printer)
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert job.ok and not job.error and job.printed == n
    assert out.exists() and pdf_pages(out) == n
    assert preview.print_button.isEnabled() and not preview.progress.isVisible()
    preview.reject()


def test_preview_of_a_long_document_renders_lazily(qtbot, tmp_path):
    """Hundreds of pages open at once: only those near the screen are rendered."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(400):
        c.drawString(72, 760, f"Trang {i + 1}")
        c.showPage()
    c.save()
    dialog = PrintPreviewDialog(path, "Tài liệu dài", None)
    qtbot.addWidget(dialog)
    dialog.resize(800, 700)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.page_count == 400
    qtbot.waitUntil(lambda: 0 in dialog.rendered_pages(), timeout=10000)
    assert len(dialog.rendered_pages()) <= 4
    bar = dialog.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 399 in dialog.rendered_pages(), timeout=10000)
    assert dialog.page_label.text() == "Trang 400/400"
    assert len(dialog.rendered_pages()) <= 24

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    job = dialog.print_to(printer)
    job.cancel()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert not job.ok and job.printed < 400
    dialog.reject()


def test_pages_keep_their_real_size_on_paper(qapp):
    from PySide6.QtGui import QPageLayout, QPageSize

    from desktop.views.print_preview import placement
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dpi = printer.resolution()
    # an A5 landscape receipt on A4 paper: real size, across the top half
    turn, rect = placement(595.28, 419.53, printer)
    assert turn == 0 and rect.top() == 0
    assert abs(rect.width() - 595.28 * dpi / 72) <= 2 and abs(rect.height() - 419.53 * dpi / 72) <= 2
    # an A4 page on A5 landscape paper: turned and shrunk to fit
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    paper = printer.pageLayout().fullRectPixels(dpi)
    turn, rect = placement(595.28, 841.89, printer)
    assert turn == 90 and rect.width() <= paper.width() and rect.height() <= paper.height()
    assert rect.width() > rect.height()


def test_print_dialog_opens_without_blocking(qtbot, tmp_path):
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.pdfgen import canvas
    path = tmp_path / "a5.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A5))
    c.drawString(72, 300, "PHIEU THU")
    c.showPage()
    c.save()
    preview = PrintPreviewDialog(path, "Phiếu thu", None)
    qtbot.addWidget(preview)
    preview.open()
    dialog = preview.open_print_dialog()
    assert dialog is not None and dialog.isVisible()
    printer = dialog.printer()
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    dialog.reject()
    assert preview.job is None
    # accepted: the pages go to the printer chosen (here a PDF file)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog = preview.open_print_dialog()
    dialog.accept()
    assert preview.job is not None
    qtbot.waitUntil(lambda: preview.job.done, timeout=30000)
    assert preview.job.ok and pdf_pages(tmp_path / "printed.pdf") == 1
    preview.reject()
