"""Benchmark: importing a 100,000-row member list must take at most 3× the time
python-calamine alone takes to read the same file.

    .venv/bin/python bench/bench_import.py [--rows N] [--runs 3] [--profile]

The .xlsx is generated once and cached under bench/out/ (git-ignored). It looks like a
real list from a large factory's union: two title rows, a two-row header with "Ngày
sinh" over "Nam" / "Nữ", 22 columns (the VGCL member-list columns plus the HR ones),
real Excel dates, most CCCD as text and some as numbers that lost their leading zero,
a few year-only birth dates, a blank line and a totals row at the end.

Measured in the same run, median of --runs each:
  (a) CalamineWorkbook.from_path(...) + to_python() of the sheet;
  (b) MemberImport(ctx).run(path) into a fresh database with no groups, i.e. read +
      header + preview of every row (with the rules of issue 12: optional fields never
      refuse a row, namesakes told apart by their CCCD, rows under the list skipped) +
      one write transaction that also makes the list's 30 groups.

The target is on wall time. The CPU time of the same runs is printed too, with the load
average: on a shared machine the wall times of both sides stretch with the load, and
the import's second thread (SQLite copying one batch while the next is prepared) only
helps when a second core is free. Whether the database has triggers on member (the sync
capture, the audit log) is printed, as they are a good part of the write.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = Path(__file__).resolve().parent / "out"

FAMILY = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng", "Huỳnh"] * 3
          + ["Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tống", "Đinh",
             "Lương", "Trịnh", "Mai", "Cao", "Lâm", "Thái", "Hà", "Chu", "Kiều", "La", "Thạch"])
MIDDLE_M = ["Văn", "Hữu", "Đức", "Công", "Minh", "Quang", "Thành", "Xuân", "Đình", "Ngọc", "Trọng", "Bá",
            "Tiến", "Hoàng", "Anh", "Quốc", "Văn Minh", "Thanh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Mai", "Kim", "Hồng", "Bích", "Thị Thu", "Thị Ngọc", "Thùy",
            "Phương", "Diệu", "Hoài", "Khánh", "Mỹ", "Thị Hồng", "Ánh"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân",
           "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Hiếu", "Toàn", "Trung", "Tâm", "Thịnh", "Lộc", "Phát",
           "Tài", "Huy", "Hoàng", "Khoa", "Kiên", "Lâm", "Mạnh", "Nghĩa", "Nhân", "Phong", "Quang",
           "Tú", "Thái", "Thành", "Thuận", "Tiến", "Trí", "Trọng", "Vũ", "Bảo", "Duy", "Đạt", "Định"]
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai",
           "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến", "Hạnh", "Hiền", "Huyền",
           "Liên", "Ly", "My", "Nguyệt", "Nhi", "Nhàn", "Quyên", "Tâm", "Thanh", "Thủy", "Thúy", "Trinh",
           "Tuyết", "Uyên", "Vân", "Xuân", "Diệp", "Duyên", "Hậu", "Hồng", "Kiều", "Lệ", "Ngọc", "Sương"]
PROVINCES = {"001": "Hà Nội", "031": "Hải Phòng", "034": "Thái Bình", "036": "Nam Định", "038": "Thanh Hóa",
             "040": "Nghệ An", "042": "Hà Tĩnh", "052": "Bình Định", "066": "Đắk Lắk", "074": "Bình Dương",
             "075": "Đồng Nai", "079": "TP. Hồ Chí Minh", "080": "Long An", "083": "Bến Tre",
             "087": "Đồng Tháp", "089": "An Giang", "092": "Cần Thơ", "094": "Sóc Trăng", "096": "Cà Mau"}
ETHNIC = ["Kinh"] * 90 + ["Tày", "Mường", "Khmer", "Hoa", "Thái", "Nùng", "Chăm", "Ê Đê", "Gia Rai", "Sán Dìu"]
RELIGION = ["Không"] * 80 + ["Phật giáo"] * 8 + ["Công giáo"] * 7 + ["Cao Đài", "Hòa Hảo", "Tin Lành"]
EDUCATION = ["12/12"] * 7 + ["9/12"] * 3 + ["Đại học", "Cao đẳng"]
QUALIFICATION = ["Không"] * 5 + ["Sơ cấp nghề", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ"]
JOBS = ["Công nhân may", "Công nhân cắt", "Công nhân hoàn thiện", "Tổ trưởng sản xuất", "Kiểm hàng (QC)",
        "Thủ kho", "Lái xe nâng", "Kỹ thuật viên", "Nhân viên văn phòng", "Kế toán", "Bảo vệ", "Cấp dưỡng"]
DEPARTMENTS = [f"Xưởng May {i}" for i in range(1, 9)] + ["Xưởng Cắt", "Xưởng Hoàn thiện", "Kho vận",
                                                        "Phòng Hành chính - Nhân sự", "Phòng Kế toán"]
GROUPS = [f"Tổ May {i}" for i in range(1, 25)] + ["Tổ Cắt 1", "Tổ Cắt 2", "Tổ Hoàn thiện", "Tổ Kho vận",
                                                   "Tổ Văn phòng", "Tổ Bảo vệ - Cấp dưỡng"]
STREETS = ["Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung",
           "Nguyễn Huệ", "Phan Đình Phùng", "Điện Biên Phủ", "Võ Thị Sáu", "Cách Mạng Tháng Tám"]
WARDS = ["Thuận Giao", "Bình Hòa", "An Phú", "Lái Thiêu", "Tân Định", "Phú Hòa", "Hiệp Thành", "Chánh Nghĩa"]

HEADER_TOP = ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Dân tộc", "Tôn giáo", "Quê quán",
              "Nơi thường trú", "Số CCCD/CMND", "Ngày cấp", "Nơi cấp", "Số điện thoại", "Trình độ học vấn",
              "Trình độ chuyên môn", "Công việc", "Phòng ban", "Tổ CĐ", "Ngày vào CĐ", "Số thẻ đoàn viên",
              "Đảng viên", "Mức lương đóng BHXH", "Ghi chú"]
HEADER_SUB = [None, None, "Nam", "Nữ"] + [None] * (len(HEADER_TOP) - 4)


def generate(path: Path, n: int, seed: int = 2025) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS đoàn viên")
    ws.append(["CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY MẶC XUẤT KHẨU PHƯỚC THÀNH"])
    ws.append(["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN (cập nhật tháng 6/2025)"])
    ws.append([])
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    codes = list(PROVINCES)

    def dcell(d):
        c = WriteOnlyCell(ws, value=d)
        c.number_format = "dd/mm/yyyy"
        return c

    today = date(2025, 6, 30)
    for i in range(1, n + 1):
        male = rnd.random() < 0.38  # garment and footwear factories employ mostly women
        birth = date(1968, 1, 1) + timedelta(days=rnd.randrange(0, 36 * 365))
        year_only = rnd.random() < 0.03
        name = " ".join([rnd.choice(FAMILY), rnd.choice(MIDDLE_M if male else MIDDLE_F),
                         rnd.choice(GIVEN_M if male else GIVEN_F)])
        prov = rnd.choice(codes)
        century = (birth.year - 1900) // 100
        cccd = f"{prov}{2 * century + (0 if male else 1)}{birth.year % 100:02d}{i:06d}"
        cccd_cell = int(cccd) if rnd.random() < 0.2 else cccd  # typed as a number: zeros lost
        issue = max(birth + timedelta(days=365 * 14 + rnd.randrange(0, 3000)), date(2016, 1, 1))
        issue = min(issue, today)
        phone = "0" + rnd.choice("3789") + f"{rnd.randrange(0, 10 ** 8):08d}"
        phone_cell = int(phone) if rnd.random() < 0.15 else phone
        joined = birth.replace(day=1) + timedelta(days=365 * 18 + rnd.randrange(0, 365 * 12))
        joined = min(joined, today)
        bcell = birth.year if year_only else dcell(birth)
        row = [i, name, bcell if male else None, None if male else bcell,
               rnd.choice(ETHNIC), rnd.choice(RELIGION), PROVINCES[rnd.choice(codes)],
               (f"Số {rnd.randrange(1, 300)}, đường {rnd.choice(STREETS)}, phường {rnd.choice(WARDS)}, "
                "TP. Thuận An, Bình Dương"),
               cccd_cell, dcell(issue), "Cục Cảnh sát QLHC về TTXH", phone_cell,
               rnd.choice(EDUCATION), rnd.choice(QUALIFICATION), rnd.choice(JOBS), rnd.choice(DEPARTMENTS),
               rnd.choice(GROUPS), dcell(joined),
               f"CĐ{rnd.randrange(10 ** 6, 10 ** 7)}{i:06d}" if rnd.random() < 0.7 else None,
               "x" if rnd.random() < 0.04 else None,
               rnd.randrange(4_960_000, 30_000_000, 1000), None if rnd.random() < 0.97 else "Nghỉ thai sản"]
        ws.append(row)
    ws.append([])
    ws.append(["Tổng cộng", f"{n} đoàn viên"])
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path


def bench_calamine(path: Path) -> tuple[float, float]:
    """(wall, cpu) seconds."""
    from python_calamine import CalamineWorkbook

    t, c = time.perf_counter(), time.process_time()
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_index(0).to_python()
    elapsed = time.perf_counter() - t, time.process_time() - c
    assert len(rows) > 1000
    return elapsed


def bench_import(path: Path, profile: bool = False):
    from desktop.services.core.context import open_context
    from desktop.services.members.importing.service import MemberImport

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        ctx = open_context(folder / "unit.sqlite3")  # no groups: the import makes them
        if profile:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
        t, c = time.perf_counter(), time.process_time()
        result = MemberImport(ctx).run(path, create_groups=True)
        elapsed = time.perf_counter() - t, time.process_time() - c
        assert len(result.groups_created) == len(GROUPS), result.groups_created
        if profile:
            prof.disable()
            pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(35)
        with ctx.db.engine.connect() as conn:
            triggers = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'member'").scalar()
        ctx.close()
        return elapsed, result, triggers
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_phases(path: Path) -> str:
    """One more import, timed step by step: where the time goes."""
    from desktop.services.core.context import open_context
    from desktop.services.members.importing.service import MemberImport

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        ctx = open_context(folder / "unit.sqlite3")
        imp = MemberImport(ctx)
        marks = [(time.perf_counter(), time.process_time())]
        sheet, rows, guess = imp.read(path)
        marks.append((time.perf_counter(), time.process_time()))
        preview = imp.preview(path, rows=rows, guess=guess, sheet=sheet)
        marks.append((time.perf_counter(), time.process_time()))
        imp.commit(preview)
        marks.append((time.perf_counter(), time.process_time()))
        ctx.close()
        return ", ".join(f"{name} {b[0] - a[0]:.2f} s (cpu {b[1] - a[1]:.2f} s)" for name, a, b in
                         zip(("read", "preview", "commit"), marks, marks[1:]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="one import under cProfile instead of timing")
    ap.add_argument("--phases", action="store_true", help="also time read / preview / commit of one import")
    args = ap.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"members-{args.rows}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    if args.profile:
        bench_import(path, profile=True)
        return 0

    load_before = os.getloadavg()[0]
    cal = [bench_calamine(path) for _ in range(args.runs)]
    imp, result, triggers = [], None, 0
    for _ in range(args.runs):
        elapsed, result, triggers = bench_import(path)
        imp.append(elapsed)
    load_after = os.getloadavg()[0]
    c, i = statistics.median(w for w, _ in cal), statistics.median(w for w, _ in imp)
    c_cpu, i_cpu = statistics.median(x for _, x in cal), statistics.median(x for _, x in imp)
    try:
        from common import machine  # bench/common.py, shared by the benchmarks

        print(machine())
    except ImportError:
        pass
    print(f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after")
    print(f"file: {path.name}, {args.rows} rows x {len(HEADER_TOP)} columns, {path.stat().st_size / 1e6:.1f} MB")
    print(f"triggers on member (sync capture, audit): {triggers}")
    print(f"result: {result.as_dict()}")
    print(f"calamine read (median of {args.runs}): {c:.3f} s   runs: {', '.join(f'{w:.3f}' for w, _ in cal)}")
    print(f"full import   (median of {args.runs}): {i:.3f} s   runs: {', '.join(f'{w:.3f}' for w, _ in imp)}")
    print(f"cpu time: calamine {c_cpu:.3f} s, import {i_cpu:.3f} s (both threads), ratio {i_cpu / c_cpu:.2f}")
    print(f"ratio import / calamine: {i / c:.2f}  (target <= 3.00: {'OK' if i / c <= 3 else 'NOT MET'})")
    if args.phases:
        print(f"one more import, step by step: {bench_phases(path)}")
    return 0 if i / c <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
