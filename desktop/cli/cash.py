"""The cash book:

    congdoan cash record --kind thu|chi --category CATEGORY --amount N --person NAME --reason TEXT [--date DATE]
    congdoan cash book --from DATE --to DATE [--out FILE.pdf]
"""

from __future__ import annotations

import argparse
from datetime import date

from desktop.cli.common import AddCommand, Subcommands, database, doc_json, optional_date, out
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.money import format_money


def cmd_cash_record(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService

    with database(args) as ctx:
        doc = CashService(ctx).record(kind=args.kind, category=args.category,
                                      doc_date=optional_date(args.date) or date.today(),
                                      person_name=args.person, reason=args.reason, amount=args.amount)
    out(args, doc_json(doc), f"Đã lập {doc.ref}: {format_money(doc.amount)}")


def cmd_cash_book(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService

    with database(args) as ctx:
        a, b = parse_cli_date(args.date_from), parse_cli_date(args.date_to)
        book = CashService(ctx).cash_book(a, b)
        if args.out:
            from desktop.services.documents.service import Documents
            Documents(ctx).cash_book(a, b, args.out)
    out(args, {"opening": book.opening, "total_in": book.total_in, "total_out": book.total_out,
               "closing": book.closing, "lines": [{**doc_json(l.doc), "in": l.amount_in, "out": l.amount_out,
                                                   "balance": l.balance} for l in book.lines]},
        f"Tồn đầu kỳ {format_money(book.opening)}; thu {format_money(book.total_in)}; chi "
        f"{format_money(book.total_out)}; tồn cuối kỳ {format_money(book.closing)}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    cash = sub.add_parser("cash", help="sổ quỹ").add_subparsers(dest="sub", required=True)
    c = cmd(cash, "record", cmd_cash_record, "lập phiếu thu/chi khác (kinh phí, cấp trên cấp, chi hoạt động…)")
    c.add_argument("--kind", required=True, choices=["thu", "chi"])
    c.add_argument("--category", required=True,
                   choices=["kinh_phi", "cap_tren", "thu_khac", "nop_cap_tren", "tham_hoi", "hoat_dong",
                            "khen_thuong", "hanh_chinh", "chi_khac"])
    c.add_argument("--amount", type=int, required=True)
    c.add_argument("--person", required=True)
    c.add_argument("--reason", required=True)
    c.add_argument("--date")
    c = cmd(cash, "book", cmd_cash_book, "sổ quỹ tiền mặt của một kỳ")
    c.add_argument("--from", dest="date_from", required=True)
    c.add_argument("--to", dest="date_to", required=True)
    c.add_argument("--out")
