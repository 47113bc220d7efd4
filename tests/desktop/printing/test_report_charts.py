"""Issue 6 item 3: the charts of the report PDFs (ReportLab's own graphics) say what the
screen says. Read back with pdfium: the chart's title, its legend, every category under
its bar and, over each category, the figure the screen writes there (views.bar_chart:
printing.layout.short_money for money, dotted thousands for counts); nothing drawn over
other text; pages rendered to screenshots/printing/ for a person to look at."""

from __future__ import annotations

import pypdfium2 as pdfium
from reportlab.graphics import renderPDF

from desktop.printing.layout import faces, money, short_money
from desktop.printing.reports import CHART_H, Chart, Report, chart_drawing, render_report
from tests.desktop.printing.pdfcheck import (
    HEADER,
    assert_our_fonts_only,
    char_boxes,
    find_boxes,
    lines_of,
    overlaps,
    pages_text,
    shoot,
)

MONTHS = [f"{m:02d}/26" for m in range(1, 13)]
COLLECTED = [3_654_750, 5_190_850, 5_497_400, 3_741_900, 5_190_850, 5_538_550, 3_771_250, 5_451_750, 5_907_450,
             4_108_400, 5_742_500, 0]
DUE = [7_825_000, 7_973_950, 7_973_950, 8_015_100, 8_015_100, 8_075_650, 8_187_650, 8_276_000, 8_444_550,
       8_661_050, 8_694_150, 8_491_150]
# Built as services.reports builds them (dues_report_view, member_stats_report, settlement_report).
DUES = Chart("Đoàn phí đã thu và phải thu theo tháng (đồng)", MONTHS, COLLECTED, money=True, second=DUE,
             legend=("Đã thu", "Phải thu"))
AGES = Chart("Đoàn viên theo độ tuổi", ["Dưới 30", "30–39", "40–49", "50–59", "Từ 60"], [1_234, 2_345, 1_890, 760, 12])
SPENDING = Chart("Chi theo nội dung (đồng)", ["Nộp đoàn phí cấp trên", "Thăm hỏi, trợ cấp", "Hoạt động phong trào",
                                             "Khen thưởng", "Quản lý, hành chính", "Chi khác"],
                 [16_138_695, 1_500_000, 24_750_000, 3_200_000, 850_000, 0], money=True)
EMPTY = Chart("Số hoạt động theo loại", [], [])


def shown(ch: Chart) -> list[str]:
    """The figures the screen writes over the bars (BarChart._text)."""
    return [short_money(v) if ch.money else money(v) for v in ch.values]


def spots(pdf_path, page: int, text: str) -> list[tuple[float, float]]:
    """(x of the middle, bottom) of each place where `text` is printed on the page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        tp = pdf[page].get_textpage()
        found, search = [], tp.search(text, match_case=True)
        while (hit := search.get_next()) is not None:
            first, n = hit
            (left, bottom, _, _), (_, _, right, _) = tp.get_charbox(first), tp.get_charbox(first + n - 1)
            found.append(((left + right) / 2, bottom))
        return found
    finally:
        pdf.close()


def assert_figures_over_labels(pdf_path, page: int, ch: Chart) -> None:
    """Each category's figure stands over its label, centred on it, within the chart."""
    for label, figure in zip(ch.labels, shown(ch)):
        (x, y), = spots(pdf_path, page, label)
        assert any(abs(fx - x) < 3 and y < fy < y + CHART_H - 30 for fx, fy in spots(pdf_path, page, figure)), (
            f"{figure} is not printed over {label}")


def test_the_charts_of_a_report_pdf_show_the_screens_figures(tmp_path):
    # No table and no summary: every figure found on the pages comes from a chart.
    report = Report("dues", "BÁO CÁO THU ĐOÀN PHÍ", "năm 2026", [], [], [DUES, AGES, EMPTY, SPENDING])
    pdf = tmp_path / "charts.pdf"
    render_report(HEADER, report, pdf)
    assert_our_fonts_only(pdf)  # the charts too: no Helvetica slipped in by renderPDF
    texts = pages_text(pdf)
    first, second = (" ".join(lines_of(t)) for t in texts)
    # the titles and the legend, with their Vietnamese letters; the chart of nothing is left
    # out rather than drawn as bare axes
    assert DUES.title in first and AGES.title in first and SPENDING.title in second
    assert EMPTY.title not in first + second
    assert "Đã thu Phải thu" in first
    # every month under its pair of bars, in order, and over each the collected figure, as
    # on screen (the first series; the due one is the bar's height, read on the axis)
    assert " ".join(MONTHS) in first
    assert shown(DUES)[:3] == ["3,7 tr", "5,2 tr", "5,5 tr"] and shown(DUES)[-1] == "0"
    assert_figures_over_labels(pdf, 0, DUES)
    (x0, y0), = spots(pdf, 0, MONTHS[0])
    axis = [[y for x, y in spots(pdf, 0, tick) if x < x0 - 15 and y0 < y < y0 + CHART_H]
            for tick in ("2 tr", "4 tr", "6 tr", "8 tr")]  # the value axis, left of the bars, upwards
    assert all(len(ys) == 1 for ys in axis) and sorted(axis) == axis, axis
    # counts with dotted thousands
    assert shown(AGES) == ["1.234", "2.345", "1.890", "760", "12"]
    assert "Dưới 30 30–39 40–49 50–59 Từ 60" in first
    assert_figures_over_labels(pdf, 0, AGES)
    # long labels slanted, whole, with their marks; each figure printed
    assert [x for x in lines_of(texts[1]) if x in SPENDING.labels] == list(SPENDING.labels)
    for figure in shown(SPENDING):
        assert spots(pdf, 1, figure), figure
    assert not overlaps(pdf, 0) and not overlaps(pdf, 1)  # no text over other text
    shoot(pdf, "report-charts", pages=(0, 1))


def test_value_axis_labels_stand_clear_of_their_ticks(tmp_path):
    """ReportLab ends the value labels exactly where the tick marks begin ("8 tr-" read as
    one mark): they keep a gap. The chart alone on a page, its origin at the page's."""
    fc = faces()
    path = tmp_path / "chart.pdf"
    renderPDF.drawToFile(chart_drawing(DUES, 480, 230, fc.regular, fc.bold), str(path))
    axis_x, base_y, tick = 58, 42, 5
    left_of_axis = [(ch, box) for _, ch, box in char_boxes(path) if box[2] < axis_x and box[1] > base_y - 6]
    assert {ch for ch, _ in left_of_axis} >= {"2", "4", "6", "8", "t", "r"}  # "2 tr" … "8 tr"
    assert max(box[2] for _, box in left_of_axis) <= axis_x - tick - 2


def test_the_settlements_charts_come_after_its_tables(tmp_path):
    """Issue 16, item 12: the upper level reads the figures first; the charts follow."""
    from desktop.printing.reports import Table
    report = Report("settlement", "BÁO CÁO QUYẾT TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN", "năm 2026",
                    [("Tổng chi trong năm", sum(SPENDING.values), "money")],
                    [Table("II. Chi theo nội dung", ("Nội dung chi", "Số tiền"), ("text", "money"),
                           list(zip(SPENDING.labels, SPENDING.values)), total=("Cộng chi", sum(SPENDING.values)))],
                    [SPENDING])
    path = tmp_path / "quyet-toan.pdf"
    render_report(HEADER, report, path)
    shoot(path, "settlement-tables-then-charts", pages=tuple(range(len(pages_text(path)))))

    def where(text):  # (page, distance from the top of the page) of the first place it is
        for page in range(len(pages_text(path))):
            boxes = find_boxes(path, text, page)
            if boxes:
                return page, -boxes[0][3]
        raise AssertionError(f"{text!r} not printed")

    assert where("Cộng chi") < where("Chi theo nội dung (đồng)")


def test_a_tables_total_never_stands_alone_on_a_page(tmp_path):
    """Issue 16, item 11: whatever the number of rows, the page with the total row also
    holds the table's last rows."""
    from desktop.printing.reports import Table
    path = tmp_path / "bao-cao.pdf"
    crossed = False
    for n in range(20, 75):
        report = Report("dues", "BÁO CÁO THU ĐOÀN PHÍ", "năm 2026", [],
                        [Table("Theo tổ", ("Tổ công đoàn", "Số tiền"), ("text", "money"),
                               [(f"Mục {i}", 1_000 * i) for i in range(1, n + 1)], total=("Cộng thu", 0))])
        render_report(HEADER, report, path)
        texts = pages_text(path)
        crossed = crossed or len(texts) > 1
        with_total = [t for t in texts if "Cộng thu" in t]
        assert len(with_total) == 1 and "Mục " in with_total[0], n
    assert crossed
