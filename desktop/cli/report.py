"""congdoan report members|dues|remittance|cashbook|activities --from DATE --to DATE [--out FILE.pdf|.xlsx]:
the reports of the Báo cáo page from the command line; and the yearly settlement, Mẫu B07-TLĐ:
congdoan report settlement --year YYYY [--workers N] [--payroll N] [--out FILE.pdf|.xlsx]."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from desktop.cli.budget import cmd_disclosure
from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.printing.reports import Report
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.errors import ValidationError
from desktop.services.reports import service as reports
from desktop.services.reports.b07 import B07, save_inputs, settlement_b07
from desktop.services.reports.b07_output import b07_view

OPTIONS = {"date_from": "--from", "date_to": "--to", "out": "--out", "year": "--year",
           "workers_kpcd": "--workers", "payroll_kpcd": "--payroll", "form": "mẫu biểu"}


def _figures(report: Report) -> dict[str, Any]:
    return {"report": report.kind, "title": report.title, "period": report.period,
            "summary": {item[0]: item[1] for item in report.summary},
            "tables": [{"title": t.title, "headers": list(t.headers), "rows": [list(r) for r in t.rows],
                        "total": list(t.total) if t.total is not None else None} for t in report.tables]}


def _b07_json(st: B07) -> dict[str, Any]:
    return {"form": st.form.form, "form_version": st.form.version, "form_file": st.form.path.name, "year": st.year,
            "part_a": [{"key": a.key, "label": a.label, "unit": a.unit, "value": a.value, "source": a.source,
                        "confirmed": a.confirmed} for a in st.part_a],
            "lines": [{"code": f.line.code, "label": f.line.label, "amount": f.amount, "kind": f.line.kind,
                       "confirmed": f.line.confirmed, "origin": f.line.origin} for f in st.lines],
            "opening": {"cash": st.opening_cash, "bank": st.opening_bank},
            "closing": {"cash": st.closing_cash, "bank": st.closing_bank}, "warnings": list(st.warnings)}


def _b07_text(st: B07) -> list[str]:
    def amount(v: int | None) -> str:
        return "(chưa nhập)" if v is None else f"{v:,}".replace(",", ".")

    lines = [f"{st.form.title} — năm {st.year} (Mẫu {st.form.form}, tệp {st.form.path.name})",
             "A. Các chỉ tiêu cơ bản"]
    lines += [f"  {a.label}: {amount(a.value)} {a.unit if a.value is not None else ''}".rstrip() for a in st.part_a]
    lines.append("B. Các chỉ tiêu thu, chi (Mã số; * chưa đối chiếu văn bản gốc)")
    lines += [f"  {f.line.code + ('' if f.line.confirmed else '*'):>5}  {f.line.label}: {amount(f.amount)}"
              for f in st.lines]
    lines += [f"Lưu ý: {w}" for w in st.warnings]
    return lines


@contextmanager
def _said_by_option() -> Iterator[None]:
    """A refusal of what was typed on the command line, named by its options (not by the
    labels of the Báo cáo page); any other refusal as it is."""
    try:
        yield
    except ValidationError as e:
        if not set(e.errors) <= set(OPTIONS):
            raise
        raise UserError(" ".join(f"{OPTIONS[k]}: {v}" if k != "form" else v for k, v in e.errors.items())) from e


def _settlement(args: argparse.Namespace) -> None:
    if args.year is not None and (args.date_from or args.date_to):
        raise UserError("quyết toán: dùng --year YYYY, hoặc --from 01/01/YYYY --to 31/12/YYYY, không dùng cả hai.")
    with database(args) as ctx:
        with _said_by_option():
            if args.year is not None:
                year = args.year
            else:
                first, last = parse_cli_date(args.date_from or ""), parse_cli_date(args.date_to or "")
                if first is None or last is None:
                    raise UserError("quyết toán: cần --year YYYY (hoặc --from và --to của cả năm).")
                year = reports.settlement_year(first, last)
            if args.out:  # before part A's figures are stored: a bad path must leave nothing behind
                reports.check_out(args.out)
            typed = {k: v for k, v in (("workers_kpcd", args.workers), ("payroll_kpcd", args.payroll)) if v is not None}
            if typed:
                save_inputs(ctx, year, typed)
            st = settlement_b07(ctx, year)
            report = b07_view(st)
            if args.out:
                reports.save(ctx, report, args.out)
    lines = _b07_text(st) + ([f"Đã lưu {args.out}"] if args.out else [])
    obj = _figures(report) | _b07_json(st) | ({"out": str(args.out)} if args.out else {})
    out(args, obj, "\n".join(lines))


def cmd_report(args: argparse.Namespace) -> None:
    if args.kind == "disclosure":  # the yearly public disclosure: its own module (cli/budget.py)
        if args.workers is not None or args.payroll is not None:
            raise UserError("--workers, --payroll chỉ dùng cho quyết toán (report settlement).")
        return cmd_disclosure(args)
    if args.kind == "settlement":
        _settlement(args)
        return
    if args.year is not None or args.workers is not None or args.payroll is not None:
        raise UserError("--year chỉ dùng cho quyết toán và công khai tài chính; --workers, --payroll chỉ cho quyết "
                        "toán (report settlement).")
    first, last = parse_cli_date(args.date_from or ""), parse_cli_date(args.date_to or "")
    if first is None or last is None:
        raise UserError("cần --from và --to (dd/mm/yyyy hoặc yyyy-mm-dd).")
    with database(args) as ctx:
        with _said_by_option():
            report = reports.build(ctx, args.kind, first, last)
            if args.out:
                reports.save(ctx, report, args.out)
    lines = [f"{report.title} — {report.period}"]
    lines += [f"  {item[0]}: " + (f"{item[1]:,}".replace(",", ".") if isinstance(item[1], int) else str(item[1]))
              for item in report.summary]
    if args.out:
        lines.append(f"Đã lưu {args.out}")
    obj = _figures(report) | ({"out": str(args.out)} if args.out else {})
    out(args, obj, "\n".join(lines))


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"năm “{text}”: cần 4 chữ số (ví dụ {date.today().year - 1}).")
    return int(text)


def _count(text: str) -> int:
    if not text.replace(".", "").isdigit():
        raise argparse.ArgumentTypeError(f"“{text}”: cần số nguyên không âm.")
    return int(text.replace(".", ""))


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    c = cmd(sub, "report", cmd_report,
            "báo cáo: thống kê đoàn viên, đoàn phí, nộp cấp trên, sổ quỹ, quyết toán (Mẫu B07-TLĐ), hoạt động, "
            "công khai tài chính năm (disclosure)")
    c.add_argument("kind", choices=[*reports.REPORTS, "disclosure"])
    c.add_argument("--from", dest="date_from", help="từ ngày (quyết toán: 01/01 của năm)")
    c.add_argument("--to", dest="date_to", help="đến ngày (quyết toán: 31/12 của cùng năm)")
    c.add_argument("--year", type=_year, help="quyết toán, công khai tài chính: năm tài chính (YYYY)")
    c.add_argument("--workers", type=_count,
                   help="quyết toán, phần A: số lao động làm căn cứ tính quỹ lương đóng kinh phí công đoàn (lưu cho năm)")
    c.add_argument("--payroll", type=_count,
                   help="quyết toán, phần A: tổng quỹ lương làm căn cứ đóng kinh phí công đoàn, đồng (lưu cho năm)")
    c.add_argument("--out", help="tệp .pdf hoặc .xlsx")
