"""Union dues:

    congdoan dues assess --month YYYY-MM [--to YYYY-MM] [--group NAME]
    congdoan dues pay MEMBER_ID --months YYYY-MM[,YYYY-MM…] [--amount N] [--date DATE] [--payer NAME]
    congdoan dues basis MEMBER_ID --from YYYY-MM [--basis bhxh|take_home|fixed] --amount N
    congdoan dues exempt MEMBER_ID --from YYYY-MM --to YYYY-MM --reason REASON [--note TEXT]
    congdoan dues ledger MEMBER_ID [--out FILE.pdf]
    congdoan dues sheet --month YYYY-MM [--to YYYY-MM] [--group NAME] --out FILE.pdf
    congdoan dues notice MEMBER_ID|--group NAME --month YYYY-MM[,YYYY-MM…] --out FILE.pdf
    congdoan dues payroll FILE --month YYYY-MM --total N --employer NAME [--date DATE]
    congdoan dues remit --month YYYY-MM [--to YYYY-MM] [--date DATE] [--out FILE.pdf] [--dry-run]
    congdoan dues bhxh …   (desktop/cli/bhxh.py)      congdoan dues law …   (desktop/cli/law.py)
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop.cli import bhxh, law
from desktop.cli.common import AddCommand, Subcommands, database, doc_json, group_id, optional_date, out
from desktop.services.core.money import format_money
from desktop.services.units.service import UnitService


def cmd_dues_assess(args: argparse.Namespace) -> None:
    from desktop.services.dues.service import DuesService

    with database(args) as ctx:
        lines = DuesService(ctx).period(args.month, args.to, group_id=group_id(ctx, args.group))
    if args.json:
        out(args, [{"member_id": l.member_id, "full_name": l.full_name, "group": l.group_name,
                    "status": l.status, "basis_amount": l.basis_amount, "due": l.due, "standard": l.standard,
                    "excess": l.excess, "paid": l.paid, "owed": l.owed, "arrears": l.arrears,
                    "advance": l.advance, "why_zero": l.why_zero} for l in lines], "")
        return
    for l in lines:
        print("\t".join([l.member_id, l.full_name, l.group_name or "", format_money(l.due), format_money(l.paid),
                         format_money(l.arrears)]))
    print(f"{len(lines)} đoàn viên; phải thu {format_money(sum(l.due for l in lines))}, đã thu "
          f"{format_money(sum(l.paid for l in lines))}, nợ kỳ trước {format_money(sum(l.arrears for l in lines))}",
          file=sys.stderr)


def cmd_dues_pay(args: argparse.Namespace) -> None:
    from desktop.services.dues.service import DuesService

    months: list[str | date] = [m.strip() for m in args.months.split(",") if m.strip()]
    with database(args) as ctx:
        doc = DuesService(ctx).pay(args.member_id, months, amount=args.amount,
                                   doc_date=optional_date(args.date), payer_name=args.payer)
    out(args, doc_json(doc), f"Đã lập phiếu thu {doc.ref}: {format_money(doc.amount)} — {doc.reason}")


def cmd_dues_basis(args: argparse.Namespace) -> None:
    from desktop.services.dues.service import DuesService

    with database(args) as ctx:
        DuesService(ctx).set_basis(args.member_id, args.from_month, args.basis, args.amount)
    out(args, {"member_id": args.member_id, "from": args.from_month, "basis": args.basis, "amount": args.amount},
        f"Từ tháng {args.from_month}: căn cứ đóng {format_money(args.amount)}.")


def cmd_dues_exempt(args: argparse.Namespace) -> None:
    from desktop.services.dues.service import DuesService

    with database(args) as ctx:
        DuesService(ctx).add_exemption(args.member_id, args.from_month, args.to_month, args.reason, args.note)
    out(args, {"member_id": args.member_id, "from": args.from_month, "to": args.to_month, "reason": args.reason},
        f"Đã ghi miễn đoàn phí từ {args.from_month} đến {args.to_month}.")


def cmd_dues_ledger(args: argparse.Namespace) -> None:
    from desktop.services.dues.calc import month_label
    from desktop.services.dues.service import DuesService

    with database(args) as ctx:
        led = DuesService(ctx).ledger(args.member_id)
        if args.out:
            from desktop.services.documents.service import Documents
            Documents(ctx).ledger(args.member_id, args.out)
    rows = [{"month": month_label(m.month), "due": m.due.total, "paid": m.paid, "receipts": list(m.receipts),
             "balance": m.balance, "note": m.due.why_zero} for m in led.months]
    text = "\n".join(f"{month_label(m.month)}\t{format_money(m.due.total)}\t{format_money(m.paid)}\t"
                     f"{format_money(m.balance)}" for m in led.months)
    out(args, {"member_id": led.member_id, "full_name": led.full_name, "months": rows, "total_due": led.total_due,
               "total_paid": led.total_paid, "balance": led.balance},
        text + (f"\nĐã in ra {args.out}" if args.out else ""))


def cmd_dues_sheet(args: argparse.Namespace) -> None:
    from desktop.services.documents.service import Documents

    with database(args) as ctx:
        gid = group_id(ctx, args.group)
        n = Documents(ctx).collection_sheet(args.month, args.to, args.out, group_id=gid, group_name=args.group and
                                            next(g.name for g in UnitService(ctx).groups() if g.id == gid))
    out(args, {"rows": n, "file": args.out}, f"Đã in danh sách thu {n} đoàn viên ra {args.out}")


def cmd_dues_notice(args: argparse.Namespace) -> None:
    from desktop.services.documents.dues_notice import DuesNotices
    from desktop.services.dues.calc import month_label

    months: list[str | date] = [m.strip() for m in args.month.split(",") if m.strip()]
    with database(args) as ctx:
        notices = DuesNotices(ctx)
        made = notices.notices(months, member_ids=[args.member_id] if args.member_id else None,
                               group_id=group_id(ctx, args.group))
        pages = notices.render(made, args.out)
    rows = [{"member_id": n.member_id, "full_name": n.full_name, "group": n.group_name,
             "months": [{"month": month_label(line.month), "due": line.due, "paid": line.paid, "owed": line.owed}
                        for line in n.lines],
             "total": n.total, "reference": n.reference, "qr_payload": n.payload} for n in made]
    total = sum(n.total for n in made)
    out(args, {"file": args.out, "pages": pages, "notices": rows, "total": total},
        "\n".join(f"{n.full_name}\t{format_money(n.total)}\t{n.reference}" for n in made)
        + f"\nĐã in {len(made)} thông báo đoàn phí (tổng {format_money(total)}) ra {args.out}")


def cmd_dues_payroll(args: argparse.Namespace) -> None:
    from desktop.services.payroll.service import PayrollService

    with database(args) as ctx:
        svc = PayrollService(ctx)
        preview = svc.preview(args.file, args.month)
        for r in preview.rows:
            if r.status != "ok":
                print(f"Dòng {r.row_number} ({r.name}): {r.problem}", file=sys.stderr)
        doc = svc.commit(preview, employer=args.employer, declared_total=args.total,
                         doc_date=optional_date(args.date))
    out(args, {**doc_json(doc), "members": len(preview.rows)},
        f"Đã lập phiếu thu {doc.ref}: {format_money(doc.amount)} cho {len(preview.rows)} đoàn viên.")


def cmd_dues_remit(args: argparse.Namespace) -> None:
    from desktop.services.dues.remittance import RemittanceService

    with database(args) as ctx:
        svc = RemittanceService(ctx)
        if args.dry_run:
            plan, doc = svc.plan(args.month, args.to), None
        else:
            plan, doc = svc.record(args.month, args.to, doc_date=optional_date(args.date))
        if args.out:
            from desktop.services.documents.service import Documents
            Documents(ctx).remittance(plan, args.out, doc)
    out(args, {"period": plan.period_text, "collected": plan.collected, "standard": plan.standard,
               "excess": plan.excess, "share_percent": plan.share_text, "amount": plan.amount,
               "voucher": doc_json(doc) if doc else None},
        f"Đoàn phí thu {plan.period_text}: {format_money(plan.collected)}; nộp cấp trên {plan.share_text} phần theo "
        f"quy định = {format_money(plan.amount)}" + (f" (phiếu chi {doc.ref})" if doc else " (chưa lập phiếu)"))


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    dues = sub.add_parser("dues", help="đoàn phí").add_subparsers(dest="sub", required=True)
    c = cmd(dues, "assess", cmd_dues_assess, "đoàn phí phải nộp của từng đoàn viên trong tháng")
    c.add_argument("--month", required=True, help="YYYY-MM")
    c.add_argument("--to", help="tháng cuối (để xem cả quý), YYYY-MM")
    c.add_argument("--group")
    c = cmd(dues, "pay", cmd_dues_pay, "thu đoàn phí một đoàn viên và lập phiếu thu")
    c.add_argument("member_id")
    c.add_argument("--months", required=True, help="YYYY-MM[,YYYY-MM…]")
    c.add_argument("--amount", type=int, help="số tiền nộp; phải khớp số phải nộp")
    c.add_argument("--date", help="ngày lập phiếu (mặc định hôm nay)")
    c.add_argument("--payer", help="người nộp, nếu không phải chính đoàn viên")
    c = cmd(dues, "basis", cmd_dues_basis, "đổi căn cứ đóng đoàn phí từ một tháng")
    c.add_argument("member_id")
    c.add_argument("--from", dest="from_month", required=True, help="YYYY-MM")
    c.add_argument("--basis", choices=["bhxh", "take_home", "fixed"], default="bhxh")
    c.add_argument("--amount", type=int, required=True)
    c = cmd(dues, "exempt", cmd_dues_exempt, "miễn đoàn phí các tháng")
    c.add_argument("member_id")
    c.add_argument("--from", dest="from_month", required=True)
    c.add_argument("--to", dest="to_month", required=True)
    c.add_argument("--reason", required=True, choices=["sickness", "maternity", "unpaid_leave", "no_income",
                                                       "unemployed", "other"])
    c.add_argument("--note")
    c = cmd(dues, "ledger", cmd_dues_ledger, "sổ theo dõi đoàn phí của một đoàn viên")
    c.add_argument("member_id")
    c.add_argument("--out", help="in ra tệp PDF")
    c = cmd(dues, "sheet", cmd_dues_sheet, "in danh sách thu đoàn phí")
    c.add_argument("--month", required=True)
    c.add_argument("--to")
    c.add_argument("--group")
    c.add_argument("--out", required=True)
    c = cmd(dues, "notice", cmd_dues_notice, "in thông báo đoàn phí có mã VietQR để chuyển khoản")
    who = c.add_mutually_exclusive_group(required=True)
    who.add_argument("member_id", nargs="?", help="mã đoàn viên")
    who.add_argument("--group", help="mỗi đoàn viên còn nợ của tổ một thông báo")
    c.add_argument("--month", required=True, help="YYYY-MM[,YYYY-MM…]: các tháng liền nhau")
    c.add_argument("--out", required=True, help="tệp PDF")
    c = cmd(dues, "payroll", cmd_dues_payroll, "thu đoàn phí trích qua bảng lương (một phiếu thu)")
    c.add_argument("file")
    c.add_argument("--month", required=True)
    c.add_argument("--total", type=int, required=True, help="số tiền đơn vị chuyển")
    c.add_argument("--employer", required=True, help="đơn vị chuyển tiền")
    c.add_argument("--date")
    c = cmd(dues, "remit", cmd_dues_remit, "nộp đoàn phí cấp trên (lập phiếu chi)")
    c.add_argument("--month", required=True)
    c.add_argument("--to")
    c.add_argument("--date")
    c.add_argument("--out", help="in bảng kê ra tệp PDF")
    c.add_argument("--dry-run", action="store_true", help="chỉ tính, không lập phiếu")
    bhxh.add_commands(dues, cmd)
    law.add_commands(dues, cmd)
