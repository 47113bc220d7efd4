"""Receipts and vouchers:

    congdoan receipts list [--from DATE] [--to DATE] [--kind thu|chi]
    congdoan receipts void NUMBER --reason TEXT
    congdoan receipts print ID|BOOK/NUMBER… --out FILE.pdf [--layout a5|a4x2]
"""

from __future__ import annotations

import argparse

from desktop.cli.common import AddCommand, Subcommands, database, doc_json, optional_date, out


def cmd_receipts_list(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService, describe

    with database(args) as ctx:
        docs = CashService(ctx).docs(date_from=optional_date(args.date_from), date_to=optional_date(args.date_to),
                                     kind=args.kind)
    if args.json:
        out(args, [doc_json(d) for d in docs], "")
        return
    for d in docs:
        print(f"{d.id}\t{describe(d)}")


def cmd_receipts_void(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService

    with database(args) as ctx:
        svc = CashService(ctx)
        doc = svc.void(svc.find(args.number).id, args.reason)
    out(args, doc_json(doc), f"Đã hủy {doc.ref}: {doc.void_reason}")


def cmd_receipts_print(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService
    from desktop.services.documents.service import Documents

    with database(args) as ctx:
        svc = CashService(ctx)
        docs = [svc.find(ref) for ref in args.ids]
        Documents(ctx).receipts(docs, args.out, layout=args.layout)
    out(args, {"printed": len(docs), "file": args.out}, f"Đã in {len(docs)} phiếu ra {args.out}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    receipts = sub.add_parser("receipts", help="phiếu thu, phiếu chi").add_subparsers(dest="sub", required=True)
    c = cmd(receipts, "list", cmd_receipts_list, "danh sách phiếu")
    c.add_argument("--from", dest="date_from")
    c.add_argument("--to", dest="date_to")
    c.add_argument("--kind", choices=["thu", "chi"])
    c = cmd(receipts, "void", cmd_receipts_void, "hủy phiếu (giữ lại, ghi lý do)")
    c.add_argument("number", help="QUYỂN/SỐ như in trên phiếu, hoặc mã phiếu")
    c.add_argument("--reason", required=True)
    c = cmd(receipts, "print", cmd_receipts_print, "in phiếu ra PDF")
    c.add_argument("ids", nargs="+", help="mã phiếu hoặc QUYỂN/SỐ")
    c.add_argument("--out", required=True)
    c.add_argument("--layout", choices=["a5", "a4x2"], default="a5")
