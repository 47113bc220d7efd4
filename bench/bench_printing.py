"""Printing benchmarks:
(a) 1,000 receipts (phiếu thu / phiếu chi) to one PDF, A5 and two to an A4 sheet,
    against bare ReportLab canvas calls drawing the same strings at the same positions
    (targets: under 10 s, and within 2x the bare calls);
(b) a 100,000-row dues collection sheet (target: under 60 s).

The bare calls are recorded from one rendering (every canvas call with its arguments)
and turned into straight-line Python (`drawString(76.5, 390.2, 'Đơn vị: ')` …) that is
compiled before the clock starts: what is left is ReportLab's own cost of drawing
those strings, so the ratio is the cost of our layout work on top of it. Both are
timed in the same run, median of 3, alternating.

    .venv/bin/python bench/bench_printing.py [--receipts N] [--rows N]
"""

from __future__ import annotations

import argparse
import io
import random
import time
from datetime import date, timedelta

from common import OUT, machine, median  # first: puts the checkout on sys.path
from reportlab.lib.pagesizes import A4

from desktop.printing.collection_sheet import render_collection_sheet
from desktop.printing.data import CashDoc, CollectionRow, CollectionSheet, UnitHeader
from desktop.printing.fonts import Faces, register_fonts
from desktop.printing.layout import Pen, new_canvas
from desktop.printing.receipt import A5_LANDSCAPE, draw_receipts, render_receipts

RUNS = 3

HEADER = UnitHeader(
    unit_name="Công đoàn cơ sở Công ty TNHH Giày Da Phước Bình",
    upper_name="Công đoàn các Khu công nghiệp tỉnh Đồng Nai",
    qhns_code="1234567", address="Lô A2, KCN Nhơn Trạch 3, Đồng Nai", place="Đồng Nai",
    chair_name="Đặng Quốc Việt", accountant_name="Huỳnh Thị Mỹ Dung",
    treasurer_name="Trương Thị Thu Hường")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Lương"]
MIDDLE = ["Thị", "Văn", "Thị Ngọc", "Quốc", "Thị Mỹ", "Thế", "Thị Thu", "Minh", "Hữu", "Thị Kim"]
GIVEN = ["Ánh", "Việt", "Dung", "Vinh", "Hường", "Đức", "Hằng", "Tuấn", "Phượng", "Dũng",
         "Nguyệt", "Thủy", "Hưng", "Yến", "Khoa", "Quyên", "Trường", "Ửng"]
WORDS = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín"]


def name(r: random.Random) -> str:
    return f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"


def receipts(n: int) -> list[CashDoc]:
    r = random.Random(7)
    docs = []
    d0 = date(2026, 1, 2)
    for i in range(n):
        chi = i % 5 == 4
        amount = r.choice([11_700, 24_800, 61_728, 120_000, 234_000, 1_500_000])
        reason = (f"Chi thăm hỏi đoàn viên {name(r)} ốm đau nằm viện" if chi else
                  f"Nộp đoàn phí công đoàn tháng {1 + i % 12:02d}/2026"
                  + (" và các tháng còn nợ của năm 2025 theo thông báo của Ban Chấp hành"
                     if i % 7 == 0 else ""))
        docs.append(CashDoc(
            kind="chi" if chi else "thu", book="C01" if chi else "Q01", number=i + 1,
            doc_date=d0 + timedelta(days=i // 20), person_name=name(r),
            address=f"Tổ May {1 + i % 9}, Xưởng {1 + i % 4}" if i % 3 else None,
            reason=reason, amount=amount,
            amount_words=f"{r.choice(WORDS)} trăm hai mươi nghìn đồng", attachments="01",
            debit_account="3371" if chi else "111", credit_account="111" if chi else "3382",
            voided=i % 97 == 13, void_reason="Ghi sai số tiền, đã lập lại phiếu khác"))
    return docs


class Recorder:
    """Stands in for the canvas and notes every call made on it (and makes it)."""

    def __init__(self, real):
        self._real = real
        self.ops: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, attr):
        target = getattr(self._real, attr)
        if not callable(target):
            return target

        def call(*args, **kwargs):
            self.ops.append((attr, args, kwargs))
            return target(*args, **kwargs)
        return call


def bare_program(ops) -> str:
    """Straight-line canvas calls: def replay(c): ... one line per recorded call."""
    names = sorted({name for name, _, _ in ops})
    if "beginText" in names:
        raise SystemExit("the bench data made a text object (a squeezed line): not replayable")
    lines = ["def replay(c):"]
    lines += [f"    {n} = c.{n}" for n in names]
    for n, args, kwargs in ops:
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        lines.append(f"    {n}({', '.join(parts)})")
    return "\n".join(lines) + "\n"


def bench_receipts(n: int, layout: str) -> None:
    docs = receipts(n)
    faces = Faces.of(register_fonts())
    pagesize = A5_LANDSCAPE if layout == "a5" else A4

    rec_canvas = new_canvas(io.BytesIO(), pagesize, "x", faces)
    rec = Recorder(rec_canvas)
    draw_receipts(rec, Pen(rec, faces), HEADER, docs, layout)
    texts = sum(1 for name, _, _ in rec.ops if name.startswith("draw"))
    scope: dict = {}
    exec(compile(bare_program(rec.ops), "<bare canvas calls>", "exec"), scope)
    replay = scope["replay"]

    ours, bare = [], []
    for _ in range(RUNS):
        buf = io.BytesIO()
        t = time.perf_counter()
        pages = render_receipts(HEADER, docs, buf, layout=layout)
        ours.append(time.perf_counter() - t)
        size = len(buf.getvalue())

        buf = io.BytesIO()
        t = time.perf_counter()
        c = new_canvas(buf, pagesize, "x", faces)
        replay(c)
        c.save()
        bare.append(time.perf_counter() - t)
    o, b = median(ours), median(bare)
    print(f"{n} receipts, {layout}: {pages} pages, {texts} strings, {size / 1e6:.1f} MB: "
          f"ours {o:.2f} s, bare canvas calls {b:.2f} s, ratio {o / b:.2f} "
          f"(runs: ours {', '.join(f'{x:.2f}' for x in ours)}; bare {', '.join(f'{x:.2f}' for x in bare)})")


def sheet(n: int) -> CollectionSheet:
    r = random.Random(11)
    rows = []
    for i in range(1, n + 1):
        basis = r.choice([None, 4_960_000, 5_310_000, 7_800_000, 12_345_678, 46_800_000])
        due = min(basis * 5 // 1000, 234_000) if basis else 11_700
        arrears = r.choice([0, 0, 0, 0, due, 2 * due])
        paid = r.choice([0, 0, 0, 0, 0, due + arrears])
        rows.append(CollectionRow(i, name(r), str(1965 + i % 40), basis, due, arrears,
                                  due + arrears, paid))
    return CollectionSheet("tháng 03/2026", None, rows)


def bench_sheet(n: int) -> None:
    data = sheet(n)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"collection-sheet-{n}.pdf"
    t = time.perf_counter()
    pages = render_collection_sheet(HEADER, data, path)
    dt = time.perf_counter() - t
    print(f"collection sheet, {n} rows: {pages} pages, {path.stat().st_size / 1e6:.1f} MB, "
          f"{dt:.1f} s ({dt / n * 1e6:.0f} µs a row)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--receipts", type=int, default=1000)
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    print(machine())
    t = time.perf_counter()
    family = register_fonts()
    print(f"fonts: {family} registered in {time.perf_counter() - t:.2f} s")
    bench_receipts(args.receipts, "a5")
    bench_receipts(args.receipts, "a4x2")
    bench_sheet(args.rows)


if __name__ == "__main__":
    main()
