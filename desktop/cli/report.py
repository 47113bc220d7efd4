"""congdoan report members|dues|remittance|cashbook|settlement|activities --from DATE --to DATE [--out FILE.pdf|.xlsx]:
the reports of the Báo cáo page from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.budget import cmd_disclosure
from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.printing.reports import Report
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.errors import ValidationError
from desktop.services.reports import service as reports

OPTIONS = {"date_from": "--from", "date_to": "--to", "out": "--out"}


def _figures(report: Report) -> dict[str, Any]:
    return {"report": report.kind, "title": report.title, "period": report.period,
            "summary": {item[0]: item[1] for item in report.summary},
            "tables": [{"title": t.title, "headers": list(t.headers), "rows": [list(r) for r in t.rows],
                        "total": list(t.total) if t.total is not None else None} for t in report.tables]}


def cmd_report(args: argparse.Namespace) -> None:
    if args.kind == "disclosure":  # the yearly public disclosure: its own module (cli/budget.py)
        return cmd_disclosure(args)
    if args.date_from is None or args.date_to is None:
        raise UserError("cần --from và --to (dd/mm/yyyy hoặc yyyy-mm-dd).")
    first, last = parse_cli_date(args.date_from), parse_cli_date(args.date_to)
    with database(args) as ctx:
        try:
            report = reports.build(ctx, args.kind, first, last)
            if args.out:
                reports.save(ctx, report, args.out)
        except ValidationError as e:
            if not set(e.errors) <= set(OPTIONS):
                raise
            # Named by the options typed here, not by the labels of the Báo cáo page.
            raise UserError(" ".join(f"{OPTIONS[k]}: {v}" for k, v in e.errors.items())) from e
    lines = [f"{report.title} — {report.period}"]
    lines += [f"  {item[0]}: " + (f"{item[1]:,}".replace(",", ".") if isinstance(item[1], int) else str(item[1]))
              for item in report.summary]
    if args.out:
        lines.append(f"Đã lưu {args.out}")
    obj = _figures(report) | ({"out": str(args.out)} if args.out else {})
    out(args, obj, "\n".join(lines))


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    c = cmd(sub, "report", cmd_report,
            "báo cáo: thống kê đoàn viên, đoàn phí, nộp cấp trên, sổ quỹ, quyết toán, hoạt động")
    c.add_argument("kind", choices=[*reports.REPORTS, "disclosure"])
    c.add_argument("--from", dest="date_from", help="từ ngày (quyết toán: 01/01 của năm)")
    c.add_argument("--to", dest="date_to", help="đến ngày (quyết toán: 31/12 của cùng năm)")
    c.add_argument("--year", type=int, help="năm (disclosure: công khai tài chính năm)")
    c.add_argument("--out", help="tệp .pdf hoặc .xlsx")
