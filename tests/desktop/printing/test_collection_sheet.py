"""The dues collection sheet: headings on every page, page totals that add up to the
grand total, every member exactly once, signatures at the end."""

import random
from dataclasses import replace

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.collection_sheet import render_collection_sheet
from desktop.printing.data import CollectionRow, CollectionSheet
from desktop.printing.layout import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, PAGE_W, faces
from tests.desktop.printing.pdfcheck import (
    HEADER,
    NAMES,
    amounts,
    assert_our_fonts_only,
    char_boxes,
    column_text,
    find_box,
    find_boxes,
    lines_of,
    overlaps,
    page_sizes,
    pages_text,
    shoot,
    text_bounds,
)

GROUP = "Tổ May 3 – Xưởng May 2"


def make_rows(n: int, seed: int = 3, long_names: bool = False) -> list[CollectionRow]:
    r = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        basis = r.choice([None, 4_960_000, 5_310_000, 7_800_000, 12_345_678, 46_800_000])
        due = min(basis * 5 // 1000, 234_000) if basis else 11_700
        if i % 23 == 0:
            due = 0  # exempt this month (maternity leave)
        arrears = r.choice([0, 0, 0, due, 2 * due, 35_100])
        paid = r.choice([0, 0, 0, 0, due + arrears])
        name = NAMES[i % len(NAMES)]
        if long_names and i % 5 == 0:
            name = "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh Ngọc Bảo Quyên"
        rows.append(CollectionRow(i, name, str(1965 + i % 40), basis, due, arrears, due + arrears - paid, paid))
    return rows


def page_stts(path) -> list[list[int]]:
    """Per page, the STT of each member row: the numbers in the STT column."""
    return [[int(s) for s in text.split() if s.isdigit()]
            for text in column_text(path, MARGIN_LEFT, MARGIN_LEFT + 26)]


def line_starting(text: str, prefix: str) -> str:
    found = [s for s in lines_of(text) if s.startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return found[0]


def test_a_long_sheet_runs_over_pages_and_its_totals_add_up(tmp_path):
    rows = make_rows(250)
    sheet = CollectionSheet("tháng 03/2026", GROUP, rows)
    path = tmp_path / "sheet.pdf"
    pages = render_collection_sheet(HEADER, sheet, path)
    shoot(path, "collection-sheet", pages=(0, -1))
    texts = pages_text(path)
    assert pages == len(texts) == len(page_sizes(path))
    assert set(page_sizes(path)) == {(595.3, 841.9)}

    # Every member once, in order; rows of 7 mm: about 30 a page, fewer on the first.
    per_page = page_stts(path)
    assert [n for p in per_page for n in p] == list(range(1, 251))
    counts = [len(p) for p in per_page]
    assert 20 <= counts[0] < counts[1] <= 36
    assert len(set(counts[1:-1])) == 1          # same-height rows: same count on full pages
    assert pages == 1 + -(-(250 - counts[0]) // counts[1])

    # Headings and page numbers on every page; the title block only on the first.
    for i, t in enumerate(texts, 1):
        lines = lines_of(t)
        for heading in ("STT", "Họ và tên", "Năm", "sinh", "Tổng phải", "nộp", "Ký nhận"):
            assert heading in t
        assert f"Trang {i}/{pages}" in lines
        assert ("DANH SÁCH THU ĐOÀN PHÍ CÔNG ĐOÀN" in lines) == (i == 1)
    first = lines_of(texts[0])
    for s in ["CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP", "TỈNH ĐỒNG NAI", "Tháng 03/2026",
              f"Tổ công đoàn: {GROUP}", "Đơn vị tính: đồng", "Đoàn phí", "tháng"]:
        assert s in first, s
    for t in texts[1:]:
        assert "Công đoàn cơ sở Công ty TNHH Giày Da Phước Bình" in lines_of(t)[0]

    # "Cộng trang" on each page is the sum of that page's rows; they add up to "Tổng cộng".
    by_no = {r.no: r for r in rows}
    page_totals = []
    for stts, t in zip(per_page, texts):
        got = amounts(line_starting(t, "Cộng trang"))
        want = [sum(by_no[n].due for n in stts), sum(by_no[n].arrears for n in stts),
                sum(by_no[n].paid for n in stts), sum(by_no[n].total for n in stts)]
        assert got == want
        page_totals.append(got)
    grand = amounts(line_starting(texts[-1], "Tổng cộng (250 người)"))
    assert grand == [sum(col) for col in zip(*page_totals)]
    assert grand == [sum(r.due for r in rows), sum(r.arrears for r in rows), sum(r.paid for r in rows),
                     sum(r.total for r in rows)]
    assert all("Tổng cộng" not in t for t in texts[:-1])

    # Signatures close the list.
    last = lines_of(texts[-1])
    for s in ["Đồng Nai, ngày ….. tháng ….. năm ………", "NGƯỜI LẬP BIỂU", "TỔ TRƯỞNG", "THỦ QUỸ",
              "Trương Thị Thu Hường"]:
        assert s in last, s
    assert_our_fonts_only(path)


def test_rows_show_names_dashes_and_what_is_already_paid(tmp_path):
    """Issue 16, item 10: what was paid in its own column, never in "Ký nhận"; "Tổng phải
    nộp" is what is left to collect; a member who is not active says so under the name."""
    rows = [CollectionRow(1, "Nguyễn Thị Ngọc Ánh", "1990", 4_960_000, 24_800, 0, 24_800, 0),
            CollectionRow(2, "Đặng Quốc Việt", "1985", None, 11_700, 23_400, 0, 35_100),
            CollectionRow(3, "Trương Thị Thu Hường", "1979", 12_345_678, 61_728, 61_728, 61_728, 61_728),
            CollectionRow(4, "Huỳnh Thị Mỹ Dung", "1992", 5_310_000, 0, 0, 0, 0),
            CollectionRow(5, "Lê Thị Ơn", "1988", None, 0, 35_100, 35_100, 0, "Tạm dừng sinh hoạt")]
    path = tmp_path / "small.pdf"
    assert render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", GROUP, rows), path) == 1
    shoot(path, "collection-sheet-paid")
    lines = lines_of(pages_text(path)[0])
    assert "1 Nguyễn Thị Ngọc Ánh 1990 4.960.000 24.800 - - 24.800" in lines
    assert "2 Đặng Quốc Việt 1985 11.700 23.400 35.100 -" in lines
    assert "3 Trương Thị Thu Hường 1979 12.345.678 61.728 61.728 61.728 61.728" in lines
    assert "4 Huỳnh Thị Mỹ Dung 1992 5.310.000 - - - -" in lines
    assert "Lê Thị Ơn" in lines and "(tạm dừng sinh hoạt) 1988 - 35.100 - 35.100" in lines
    assert "Cộng trang 98.228 120.228 96.828 121.628" in lines
    assert "Tổng cộng (5 người; 1 tạm dừng sinh hoạt) 98.228 120.228 96.828 121.628" in lines
    assert not any(s.startswith("Trang ") for s in lines)  # one page: no page number
    # the paid figures stand under "Đã nộp", the signature column is left to sign
    paid_head, sign_head = find_box(path, "Đã nộp"), find_box(path, "Ký nhận")
    for figure in ("35.100", "96.828"):
        boxes = [b for b in find_boxes(path, figure) if paid_head[0] - 2 <= b[0] and b[2] <= paid_head[2] + 30]
        assert boxes and all(b[2] < sign_head[0] for b in boxes), figure
    in_sign_column = column_text(path, sign_head[0] - 2, PAGE_W - MARGIN_RIGHT)[0]
    assert not any(ch.isdigit() for ch in in_sign_column.split("nhận", 1)[1].split("Đồng Nai")[0]), in_sign_column


def test_a_whole_union_quarter_sheet(tmp_path):
    path = tmp_path / "quarter.pdf"
    render_collection_sheet(HEADER, CollectionSheet("quý I/2026", None, make_rows(12)), path)
    lines = lines_of(pages_text(path)[0])
    assert "Quý I/2026" in lines
    assert find_box(path, "quý")[1] > find_box(path, "STT")[1] - 30  # the column says "Đoàn phí quý"
    assert not any(s.startswith("Tổ công đoàn") for s in lines)
    assert "TỔ TRƯỞNG" not in lines and "THỦ QUỸ" in lines and "NGƯỜI LẬP BIỂU" in lines


def test_an_empty_sheet_is_one_page_with_zero_totals(tmp_path):
    path = tmp_path / "empty.pdf"
    assert render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", GROUP, []), path) == 1
    lines = lines_of(pages_text(path)[0])
    assert "Tổng cộng (0 người) 0 0 0 0" in lines


@pytest.mark.slow
def test_long_names_wrap_inside_their_cells(tmp_path):
    rows = make_rows(400, seed=5, long_names=True)
    path = tmp_path / "long.pdf"
    pages = render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", GROUP, rows), path)
    shoot(path, "collection-sheet-long-names", pages=(1,))
    texts = pages_text(path)
    per_page = page_stts(path)
    assert [n for p in per_page for n in p] == list(range(1, 401))
    for page in (0, 1, pages - 1):
        assert overlaps(path, page) == []
        left, _bottom, right, _top = text_bounds(path, page)
        assert left >= MARGIN_LEFT - 1 and right <= PAGE_W - MARGIN_RIGHT + 1
    joined = " ".join(texts[1].split())
    assert "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh Ngọc Bảo Quyên" in joined
    # wrapped names make taller rows: fewer rows on a page than with short names
    assert len(per_page[1]) < 30


def test_the_signatures_never_stand_alone_on_a_page(tmp_path):
    """Whatever the number of rows, the end rows and the signatures come once, on the
    page of the last members (a page of signatures alone could be put under another
    list), and nothing but the page number goes below the bottom margin."""
    moved = []
    for n in range(8, 52):
        path = tmp_path / f"n{n}.pdf"
        pages = render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", GROUP, make_rows(n)),
                                        path)
        texts = pages_text(path)
        stts = page_stts(path)
        assert [x for p in stts for x in p] == list(range(1, n + 1))
        assert sum(t.count("NGƯỜI LẬP BIỂU") for t in texts) == 1
        assert sum(t.count("Tổng cộng") for t in texts) == 1
        assert "NGƯỜI LẬP BIỂU" in texts[-1] and "Tổng cộng" in texts[-1] and stts[-1]
        if pages > 1:
            moved.append(n)
        for page in range(pages):
            low = "".join(ch for _, ch, box in char_boxes(path, page) if box[1] < MARGIN_BOTTOM - 1)
            assert low in ("", f"Trang{page + 1}/{pages}"), (n, page, low)
    assert moved and moved[0] > 8, "the range should cross from one page to two"


def natural_width(path, figure: str, bold: bool = True) -> tuple[float, float]:
    """The width a figure takes on page 1 (its last occurrence) and unsqueezed."""
    boxes = char_boxes(path)
    text = "".join(ch for _, ch, _ in boxes)
    i = text.rindex(figure)
    drawn = boxes[i + len(figure) - 1][2][2] - boxes[i][2][0]
    return drawn, stringWidth(figure, faces().bold if bold else faces().regular, 10.5)


def test_big_figures_get_room_and_are_never_cut(tmp_path):
    """Totals of a few thousand members run to hundreds of millions, row numbers to
    four digits: the figure columns grow, the name and signature columns give the room."""
    # A 2,000-member union: a month's totals in the hundreds of millions.
    rows = [CollectionRow(1_998 + i, NAMES[i], "12/05/1990", 46_800_000, 40_000_000, 20_000_000,
                          60_000_000, 0) for i in range(3)]
    path = tmp_path / "big.pdf"
    render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", None, rows), path)
    text = pages_text(path)[0]
    lines = lines_of(text)
    assert "Tổng cộng (3 người) 120.000.000 60.000.000 0 180.000.000" in lines
    assert "Ngày sinh" in text and "Năm sinh" not in text
    assert f"2000 {NAMES[2]} 12/05/1990 46.800.000 40.000.000 20.000.000 - 60.000.000" in lines
    assert overlaps(path) == []
    for figure in ("120.000.000", "180.000.000"):
        drawn, natural = natural_width(path, figure)
        assert drawn == pytest.approx(natural, abs=1.5), figure     # room was made
    drawn, natural = natural_width(path, "12/05/1990", bold=False)
    assert drawn == pytest.approx(natural, abs=1.5)
    # Billions (a 100,000-member union's grand total) are squeezed into the cell, whole.
    rows = [replace(r, no=99_998 + i, due=r.due * 100, arrears=r.arrears * 100, total=r.total * 100)
            for i, r in enumerate(rows)]
    render_collection_sheet(HEADER, CollectionSheet("tháng 03/2026", None, rows), path)
    assert "Tổng cộng (3 người) 12.000.000.000 6.000.000.000 0 18.000.000.000" \
        in lines_of(pages_text(path)[0])
    assert overlaps(path) == []
    drawn, natural = natural_width(path, "18.000.000.000")
    assert 0.6 * natural < drawn < natural
    assert text_bounds(path)[2] <= PAGE_W - MARGIN_RIGHT + 1


def test_the_sheet_of_a_real_file_subtracts_what_was_paid_and_names_statuses(ctx, tmp_path):
    """Issue 16, item 10, through the services: a member who paid this month owes nothing
    more in "Tổng phải nộp"; a suspended member with dues still owed says so."""
    from datetime import date

    from desktop.services.demo.service import make_demo
    from desktop.services.documents.service import Documents
    from desktop.services.dues.service import DuesService
    from desktop.services.members.service import MemberService
    make_demo(ctx, 30)
    this_month = date.today().replace(day=1)
    dues = DuesService(ctx)
    lines = [ln for ln in dues.period(this_month) if ln.due > 0]
    payer, other = lines[0], lines[1]
    dues.pay(payer.member_id, [this_month])
    MemberService(ctx).add_event(other.member_id, "suspended", date.today(), reason="Nghỉ không lương")
    path = tmp_path / "ds.pdf"
    Documents(ctx).collection_sheet(this_month, None, path)
    text = " ".join(" ".join(pages_text(path)).split())
    paid = dues.period(this_month, member_ids=[payer.member_id])[0]
    assert paid.paid == paid.due and paid.arrears == 0
    from desktop.printing.layout import money
    assert f"{payer.full_name} {payer.birth_text}" in text
    row = text.split(f"{payer.full_name} {payer.birth_text} ", 1)[1]
    # Đoàn phí, còn nợ, đã nộp, tổng phải nộp: the paid month leaves nothing to collect
    figures = []
    for token in row.split():
        if not (token == "-" or token.replace(".", "").isdigit()):
            break
        figures.append(token)
    # lương, đoàn phí, còn nợ, đã nộp, and nothing left in "Tổng phải nộp"
    expected = ([money(paid.basis_amount)] if paid.basis_amount else []) + [money(paid.due), "-", money(paid.due), "-"]
    assert figures[:len(expected)] == expected, figures
    assert "(tạm dừng sinh hoạt)" in text and "1 tạm dừng sinh hoạt" in text
