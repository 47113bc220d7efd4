"""congdoan budget show|set|print --year YYYY: the budget estimate (dự toán, B14-TLĐ) line by
line; and the yearly public disclosure, `report disclosure --year YYYY --out FILE.pdf`
(dispatched by the report group). A refusal of the services (a line not in the form, an
amount out of bounds, a year too far ahead, a note too long) is printed by the CLI's main as
one line naming the field."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.core.money import MoneyFormatError, format_money, parse_money
from desktop.services.reports import Budget, BudgetRow, BudgetService, save_budget, save_disclosure


def _amount(value: str | None, option: str) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if text.startswith("-"):
        raise UserError(f"{option}: số tiền “{value}” không được âm.")
    try:
        amount = parse_money(text)
    except MoneyFormatError as e:
        raise UserError(f"{option}: không đọc được số “{value}”.") from e
    if amount is None:
        raise UserError(f"{option}: không đọc được số “{value}”.")
    return amount


def _row(r: BudgetRow) -> dict[str, Any]:
    return {"code": r.code, "form_code": r.line.form_code, "confirmed": r.line.confirmed, "label": r.line.label,
            "unit": r.line.unit, "actual": r.actual, "proposed": r.proposed, "estimate": r.estimate,
            "approved": r.approved, "note": r.note, "edited": r.edited, "editable": r.line.editable, "how": r.how}


def _figure(v: int | None, unit: str) -> str:
    if v is None:
        return "-"
    return format_money(v) if unit == "đồng" else f"{v:,} người".replace(",", ".")


def _text(b: Budget) -> str:
    lines = [(f"Dự toán thu, chi tài chính công đoàn năm {b.year} ({b.form.name}): ước thực hiện {b.year - 1} | "
              f"dự toán {b.year} | cấp trên duyệt")]
    for r in b.rows:
        if r.line.heading:
            lines.append(f"{r.line.label}")
            continue
        mark = " (đã sửa)" if r.edited else ""
        lines.append(f"  {r.code:4} {r.line.label}: {_figure(r.actual, r.line.unit)} | "
                     f"{_figure(r.estimate, r.line.unit)}{mark} | {_figure(r.approved, r.line.unit)}")
    lines += [f"  {n}" for n in b.notes]
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        b = BudgetService(ctx).show(args.year)
    out(args, {"year": b.year, "form": b.form.name, "columns": list(b.form.columns),
               "lines": [_row(r) for r in b.rows if not r.line.heading], "notes": list(b.notes)}, _text(b))


def cmd_set(args: argparse.Namespace) -> None:
    estimate, approved = _amount(args.estimate, "--estimate"), _amount(args.approved, "--approved")
    with database(args) as ctx:
        r = BudgetService(ctx).set_line(args.year, args.line, estimate=estimate, approved=approved, note=args.note)
    out(args, _row(r) | {"year": args.year},
        f"Đã lưu dòng {r.code} ({r.line.label}) năm {args.year}: dự toán {_figure(r.estimate, r.line.unit)}, "
        f"cấp trên duyệt {_figure(r.approved, r.line.unit)}")


def cmd_print(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        path = save_budget(ctx, args.year, args.out)
    out(args, {"year": args.year, "out": str(path)}, f"Đã lưu {path}")


def cmd_disclosure(args: argparse.Namespace) -> None:
    if args.year is None or not args.out:
        raise UserError("công khai tài chính: cần --year YYYY và --out FILE.pdf.")
    with database(args) as ctx:
        path = save_disclosure(ctx, args.year, args.out)
    out(args, {"year": args.year, "out": str(path)}, f"Đã lưu {path}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    g = sub.add_parser("budget", help="dự toán thu, chi tài chính công đoàn (mẫu B14-TLĐ)")
    gs = g.add_subparsers(dest="budget_command", required=True)
    c = cmd(gs, "show", cmd_show, "các dòng dự toán: ước thực hiện năm trước, dự toán, cấp trên duyệt")
    c.add_argument("--year", type=int, required=True, help="năm dự toán (YYYY)")
    c = cmd(gs, "set", cmd_set, "sửa một dòng dự toán")
    c.add_argument("--year", type=int, required=True, help="năm dự toán (YYYY)")
    c.add_argument("--line", required=True, help="mã dòng (xem budget show), ví dụ B22")
    c.add_argument("--estimate", help="số dự toán (đồng, hoặc người với dòng A1, A3)")
    c.add_argument("--approved", help="số cấp trên duyệt")
    c.add_argument("--note", help="ghi chú")
    c = cmd(gs, "print", cmd_print, "in dự toán ra PDF hoặc Excel")
    c.add_argument("--year", type=int, required=True, help="năm dự toán (YYYY)")
    c.add_argument("--out", required=True, help="tệp .pdf hoặc .xlsx")
