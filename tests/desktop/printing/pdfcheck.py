"""Reading back what the printing layer wrote: text per page (pypdfium2), the fonts in
the file, the boxes of the text lines, and page images for a person to look at
(screenshots/printing/, git-ignored)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from desktop.printing.data import UnitHeader

ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "screenshots" / "printing"

HEADER = UnitHeader(
    unit_name="Công đoàn cơ sở Công ty TNHH Giày Da Phước Bình",
    upper_name="Công đoàn các Khu công nghiệp tỉnh Đồng Nai",
    qhns_code="1123456",
    address="Lô A2, Khu công nghiệp Nhơn Trạch 3, Đồng Nai",
    place="Đồng Nai",
    chair_name="Đặng Quốc Việt",
    accountant_name="Huỳnh Thị Mỹ Dung",
    treasurer_name="Trương Thị Thu Hường",
)

# Names with every tricky mark: horn letters, breve and circumflex with tones, đ.
NAMES = ["Nguyễn Thị Ngọc Ánh", "Đặng Quốc Việt", "Huỳnh Thị Mỹ Dung", "Lương Thế Vinh",
         "Trương Thị Thu Hường", "Phạm Ưng Ửng", "Lê Thị Ơn", "Vũ Đức Thắng", "Hồ Thị Ẩn",
         "Bùi Thị Ỷ Lan", "Tôn Nữ Hoàng Thị Phương Thảo", "Ngô Thị Ữ Ỹ"]

D = date(2026, 3, 7)


def pages_text(pdf_path) -> list[str]:
    """The text of each page as pdfium extracts it, lines joined by "\\n"."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                for i in range(len(pdf))]
    finally:
        pdf.close()


def lines_of(text: str) -> list[str]:
    return [unicodedata.normalize("NFC", s).strip() for s in text.split("\n") if s.strip()]


def font_names(pdf_path) -> set[str]:
    """The BaseFont of every font in the file, without the subset prefix (ABCDEF+)."""
    data = Path(pdf_path).read_bytes()
    found = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", data)
    return {re.sub(rb"^[A-Z]{6}\+", b"", m).decode() for m in found}


def assert_our_fonts_only(pdf_path) -> None:
    names = font_names(pdf_path)
    assert names, "no fonts in the file"
    for n in names:
        assert n.startswith(("LiberationSerif", "TimesNewRoman")), f"font {n} in {pdf_path}"
    data = Path(pdf_path).read_bytes()
    for std in (b"Helvetica", b"Times-Roman", b"Courier", b"/Symbol", b"ZapfDingbats"):
        assert std not in data, f"standard-14 font {std!r} in {pdf_path}"


def page_sizes(pdf_path) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [tuple(round(v, 1) for v in pdf[i].get_size()) for i in range(len(pdf))]
    finally:
        pdf.close()


def char_boxes(pdf_path, page: int = 0) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(index, character, (left, bottom, right, top)) of every visible character of a page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        tp = pdf[page].get_textpage()
        out = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch.strip():
                out.append((i, ch, tp.get_charbox(i)))
        return out
    finally:
        pdf.close()


def overlaps(pdf_path, page: int = 0, tolerance: float = 0.3) -> list[tuple[str, str]]:
    """Pairs of characters on the page whose boxes overlap by more than `tolerance`
    points both ways, neighbours in the same string apart (italic letters lean over
    each other): text drawn over other text."""
    boxes = sorted(char_boxes(pdf_path, page), key=lambda b: b[2][0])
    found = []
    for k, (i, ch, (l1, b1, r1, t1)) in enumerate(boxes):
        for j, ch2, (l2, b2, r2, t2) in boxes[k + 1:]:
            if l2 >= r1 - tolerance:
                break
            if abs(i - j) <= 2:
                continue
            if min(r1, r2) - max(l1, l2) > tolerance and min(t1, t2) - max(b1, b2) > tolerance:
                found.append((ch, ch2))
    return found


def text_bounds(pdf_path, page: int = 0) -> tuple[float, float, float, float]:
    """The box around all the text of a page: (left, bottom, right, top)."""
    boxes = [b for _, _, b in char_boxes(pdf_path, page)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def column_text(pdf_path, x0: float, x1: float) -> list[str]:
    """Per page, the text lying between x0 and x1 (a table column), top to bottom."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            h = page.get_size()[1]
            out.append(page.get_textpage().get_text_bounded(left=x0, bottom=0, right=x1, top=h)
                       .replace("\r\n", "\n"))
        return out
    finally:
        pdf.close()


def shoot(pdf_path, name: str, pages=(0,)) -> list[Path]:
    """Page images into screenshots/printing/<name>[-p<n>].png for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    try:
        n = len(pdf)
        for p in pages:
            p = p % n
            path = SHOTS / (f"{name}.png" if len(pages) == 1 else f"{name}-p{p + 1}.png")
            pdf[p].render(scale=2).to_pil().save(path)
            out.append(path)
    finally:
        pdf.close()
    return out


def amounts(line: str) -> list[int]:
    """The money figures of an extracted line: "Cộng trang 1.234 5.678" → [1234, 5678]."""
    return [int(x.replace(".", "")) for x in re.findall(r"(?<![\d/(])\d{1,3}(?:\.\d{3})*(?![\d/)])", line)]


def find_boxes(pdf_path, text: str, page: int = 0) -> list[tuple[float, float, float, float]]:
    """The box (left, bottom, right, top) around each occurrence of `text` on the page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        tp = pdf[page].get_textpage()
        searcher = tp.search(text, match_case=True)
        found = []
        while (hit := searcher.get_next()) is not None:
            start, count = hit
            boxes = [tp.get_charbox(i) for i in range(start, start + count)]
            boxes = [b for b in boxes if b[2] > b[0]]
            found.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                          max(b[2] for b in boxes), max(b[3] for b in boxes)))
        return found
    finally:
        pdf.close()


def find_box(pdf_path, text: str, page: int = 0) -> tuple[float, float, float, float]:
    boxes = find_boxes(pdf_path, text, page)
    assert boxes, f"{text!r} not on page {page + 1} of {pdf_path}"
    return boxes[0]
