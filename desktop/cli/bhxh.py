"""congdoan dues bhxh FILE.xlsx [--month YYYY-MM] [--dry-run] [--recruits OUT.pdf]: the
employer's social-insurance list (D02-LT) updates the members' dues bases and names the
workers who are not members yet (services/payroll/social_insurance.py)."""

from __future__ import annotations

import argparse

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.dues.calc import month_label
from desktop.services.payroll.social_insurance import MATCH_LABELS, SocialInsuranceImport, render_recruitment_list


def cmd_dues_bhxh(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        si = SocialInsuranceImport(ctx)
        preview = si.preview(args.file, month=args.month, sheet=args.sheet)
        written = 0
        if preview.changes and not args.dry_run:
            written = si.commit(preview)
        if args.recruits:
            render_recruitment_list(ctx, preview.recruits, args.recruits, month=preview.month)
    if not preview.changes and not preview.unchanged and not preview.recruits:
        reasons = "; ".join(f"dòng {p.row}: {p.reason}" for p in preview.problems[:3])
        raise UserError(f"không dùng được người nào trong {args.file}" + (f" ({reasons})" if reasons else "."))
    lines = []
    if preview.changes:
        lines.append(("Sẽ thay đổi" if args.dry_run else "Đã thay đổi") + f" {len(preview.changes)} đoàn viên:")
        lines += [f"  dòng {c.worker.row}: {c.member_name} (khớp theo {MATCH_LABELS[c.matched_by]}): {c.what}"
                  for c in preview.changes]
    if preview.unchanged:
        lines.append(f"{len(preview.unchanged)} đoàn viên không thay đổi (lương đóng BHXH như đã ghi).")
    if preview.recruits:
        lines.append(f"Chưa là đoàn viên ({len(preview.recruits)} người, danh sách vận động kết nạp):")
        lines += [f"  dòng {r.worker.row}: {r.worker.full_name}" + (f", sinh {r.worker.birth_text}" if r.worker.birth_date
                                                                     else "")
                  + (f", mã số BHXH {r.worker.si_number}" if r.worker.si_number else "")
                  + (f" — {r.note}" if r.note else "") for r in preview.recruits]
    if preview.source.leaving:
        lines.append(f"{len(preview.source.leaving)} người ở mục Giảm (nghỉ việc, chuyển đi): không cập nhật.")
    if preview.problems:
        lines.append(f"Không dùng {len(preview.problems)} dòng:")
        lines += [f"  dòng {p.row}: {p.reason}" for p in preview.problems]
    if args.dry_run:
        lines.append("(--dry-run: chưa ghi gì.)")
    if args.recruits:
        lines.append(f"Danh sách người lao động chưa vào công đoàn: {args.recruits}")
    obj = {**preview.as_dict(), "written": written, "month": month_label(preview.month) if preview.month else None,
           "changed": [{"row": c.worker.row, "member_id": c.member_id, "full_name": c.member_name,
                        "matched_by": c.matched_by, "month": month_label(c.month), "old_salary": c.old_salary,
                        "new_salary": c.new_salary, "social_insurance_number": c.worker.si_number}
                       for c in preview.changes],
           "recruit_list": [{"row": r.worker.row, "full_name": r.worker.full_name, "birth_date": r.worker.birth_date,
                             "gender": r.worker.gender, "social_insurance_number": r.worker.si_number,
                             "salary": r.worker.salary, "note": r.note} for r in preview.recruits],
           "problem_rows": [{"row": p.row, "reason": p.reason} for p in preview.problems]}
    out(args, obj, "\n".join(lines))


def add_commands(dues: Subcommands, cmd: AddCommand) -> None:
    c = cmd(dues, "bhxh", cmd_dues_bhxh,
            "cập nhật lương đóng đoàn phí từ danh sách lao động tham gia BHXH (mẫu D02-LT)")
    c.add_argument("file", help="tệp .xlsx/.xls xuất từ phần mềm kê khai BHXH")
    c.add_argument("--month", help="tháng áp dụng cho các dòng không ghi “Từ tháng, năm”, YYYY-MM "
                                   "(mặc định: tháng ghi ở đầu danh sách)")
    c.add_argument("--sheet", help="tên trang tính (mặc định: trang đầu có dữ liệu)")
    c.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    c.add_argument("--recruits", help="in danh sách người lao động chưa vào công đoàn ra tệp PDF")
