"""Formatting and layout helpers: money, dates, wrapping by measured width, NFC on the
way to the canvas, pagination."""

import io
import unicodedata
from datetime import date

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.fonts import VIETNAMESE_LETTERS
from desktop.printing.layout import (
    Pen,
    capitalize_first,
    faces,
    fit_lines,
    long_date,
    money,
    money_or_dash,
    new_canvas,
    place_date,
    short_date,
    wrap,
)
from desktop.printing.table import paginate
from tests.desktop.printing.pdfcheck import assert_our_fonts_only, lines_of, pages_text


@pytest.mark.parametrize("amount, text", [
    (0, "0"), (5, "5"), (999, "999"), (1000, "1.000"), (120000, "120.000"),
    (1234567, "1.234.567"), (1_200_000_000, "1.200.000.000"), (-45000, "-45.000"),
])
def test_money_uses_dots_between_thousands(amount, text):
    assert money(amount) == text
    assert money(amount, unit=True) == text + " đ"


def test_money_or_dash():
    assert money_or_dash(0) == "-"
    assert money_or_dash(None) == ""
    assert money_or_dash(24800) == "24.800"


def test_dates_are_zero_padded_with_four_digit_years():
    d = date(2026, 3, 7)
    assert short_date(d) == "07/03/2026"
    assert long_date(d) == "ngày 07 tháng 03 năm 2026"
    assert long_date(d, capital=True) == "Ngày 07 tháng 03 năm 2026"
    assert long_date(date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"
    assert place_date("Hà Nội", d) == "Hà Nội, ngày 07 tháng 03 năm 2026"
    assert place_date("", d) == "Ngày 07 tháng 03 năm 2026"
    assert place_date("Đồng Nai", None) == "Đồng Nai, ngày ….. tháng ….. năm ………"


def test_capitalize_first_keeps_the_rest():
    assert capitalize_first("tháng 03/2026") == "Tháng 03/2026"
    assert capitalize_first("quý I/2026") == "Quý I/2026"
    assert capitalize_first("đợt 2") == "Đợt 2"


F = faces()


def test_wrap_breaks_at_spaces_within_the_width():
    text = "Chi thăm hỏi đoàn viên Trương Thị Thu Hường ốm đau nằm viện dài ngày"
    lines = wrap(text, F.regular, 12, 150)
    assert len(lines) > 1
    assert " ".join(lines) == text
    for line in lines:
        assert stringWidth(line, F.regular, 12) <= 150


def test_wrap_never_cuts_a_word_longer_than_the_line():
    lines = wrap("Mã số 1234567890123456789012345678901234567890 hết", F.regular, 12, 60)
    assert "1234567890123456789012345678901234567890" in lines
    assert " ".join(lines) == "Mã số 1234567890123456789012345678901234567890 hết"


def test_wrap_first_line_after_a_label_and_explicit_newlines():
    lines = wrap("một hai ba bốn năm sáu bảy tám", F.regular, 12, 200, first_width=40)
    assert stringWidth(lines[0], F.regular, 12) <= 40
    assert wrap("dòng một\ndòng hai", F.regular, 12, 500) == ["dòng một", "dòng hai"]
    assert wrap("   ", F.regular, 12, 100) == []
    # Not even the first word fits after the label: the text starts on the next line.
    assert wrap("Nghiêng", F.regular, 12, 200, first_width=5) == ["", "Nghiêng"]


def test_wrap_normalises_to_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh")
    assert wrap(nfd, F.regular, 12, 500) == ["Nguyễn Thị Ngọc Ánh"]


SYLLABLES = ["Nguyễn", "Thị", "Ngọc", "Ánh", "Đặng", "Quốc", "Việt", "Huỳnh", "Mỹ", "Dung",
             "Lương", "Thế", "Vinh", "Trương", "Thu", "Hường", "đoàn", "phí", "123.456",
             "ƯỚC", "khuỷu", "nghiêng", "Q01/0001234567"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=40),
       st.floats(min_value=20, max_value=400), st.sampled_from([9, 10.5, 12, 13]))
def test_wrap_keeps_every_word_in_order_and_fits_when_it_can(words, width, size):
    text = " ".join(words)
    lines = wrap(text, F.bold, size, width)
    assert " ".join(lines).split() == words
    for line in lines:
        assert stringWidth(line, F.bold, size) <= width + 1e-6 or " " not in line


def test_fit_lines_shrinks_before_wrapping():
    lines, size = fit_lines("Trương Thị Thu Hường", F.bold, 10, 90, 1, 8.5)
    assert lines == ["Trương Thị Thu Hường"] and 8.5 <= size < 10
    lines, size = fit_lines("Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh", F.bold, 10, 90, 1, 8.5)
    assert size == 8.5 and len(lines) > 1


def test_pen_draws_nfc_even_from_decomposed_text(tmp_path):
    """ReportLab puts the accents of NFD text in the wrong place: the pen composes first.
    The extracted text is NFC as it comes out of the PDF (not normalised afterwards)."""
    path = tmp_path / "nfd.pdf"
    c = new_canvas(str(path), A4, "NFD", F)
    pen = Pen(c, F)
    words = [VIETNAMESE_LETTERS[i:i + 12] for i in range(0, len(VIETNAMESE_LETTERS), 12)]
    y = 800
    for w in words:
        pen.left(50, y, unicodedata.normalize("NFD", w), F.regular, 12)
        pen.right(550, y, unicodedata.normalize("NFD", w), F.bold_italic, 12)
        y -= 20
    pen.fitted(50, y, unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh " * 6), F.italic, 12, 200)
    c.showPage()
    c.save()
    text = pages_text(path)[0]
    assert unicodedata.is_normalized("NFC", text)
    got = lines_of(text)
    for w in words:
        assert f"{w} {w}" in got
    assert ("Nguyễn Thị Ngọc Ánh " * 6).strip() in got
    assert_our_fonts_only(path)


def test_pen_squeezes_an_overlong_line_and_not_what_follows(tmp_path):
    """A line too wide for its box is scaled horizontally (PDF Tz); the scale is text
    state that survives ET, so it must be put back for the next line."""
    buf = io.BytesIO()
    c = new_canvas(buf, A4, "Tz", F)
    pen = Pen(c, F)
    pen.fitted(50, 700, "3382222222222222222222222222222222222", F.regular, 12, 60)
    pen.left(50, 680, "Số tiền: 120.000 đ", F.regular, 12)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    try:
        tp = pdf[0].get_textpage()
        text = tp.get_text_range()
        i = text.index("Số tiền")
        left = tp.get_charbox(i)[0]
        right = tp.get_charbox(i + len("Số tiền: 120.000 đ") - 1)[2]
        first = tp.get_charbox(0)[0]
        last = tp.get_charbox(text.index("2222") + 32)[2]
    finally:
        pdf.close()
    assert right - left == pytest.approx(stringWidth("Số tiền: 120.000 đ", F.regular, 12), abs=2)
    assert last - first <= 61


def test_paginate_fills_pages_and_keeps_a_row_with_the_end():
    assert paginate([10] * 10, 50, 50) == [(0, 5), (5, 10)]
    assert paginate([], 50, 50, tail=10) == [(0, 0)]
    # the end fits after the rows
    assert paginate([10] * 4, 50, 50, tail=10) == [(0, 4)]
    # it does not: the last row goes over with it, never the end alone
    assert paginate([10] * 5, 50, 50, tail=10) == [(0, 4), (4, 5)]
    # a row taller than a page has a page of its own; the first page may be smaller
    assert paginate([10, 70, 10], 30, 50) == [(0, 1), (1, 2), (2, 3)]
    assert paginate([10] * 7, 30, 50) == [(0, 3), (3, 7)]
    # one huge row and an end that cannot join it
    assert paginate([45], 50, 50, tail=10) == [(0, 1), (1, 1)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=5, max_value=40), max_size=60),
       st.integers(min_value=40, max_value=120), st.integers(min_value=40, max_value=120),
       st.integers(min_value=0, max_value=30))
def test_paginate_covers_every_row_once_and_respects_the_room(heights, first, other, tail):
    pages = paginate(heights, first, other, tail)
    assert pages[0][0] == 0 and pages[-1][1] == len(heights)
    for (_a, b), (c, _d) in zip(pages, pages[1:]):
        assert b == c
    for k, (a, b) in enumerate(pages):
        room = first if k == 0 else other
        used = sum(heights[a:b])
        assert used <= room or b - a == 1
        if k == len(pages) - 1:
            assert used + tail <= room or (b - a <= 1)
