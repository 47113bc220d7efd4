"""The cash book:

    congdoan cash record --kind thu|chi --category CATEGORY --amount N --person NAME --reason TEXT [--date DATE]
                         [--corrects BOOK/NUMBER|ID]   an adjusting document for one of a closed year
    congdoan cash book --from DATE --to DATE [--out FILE.pdf]
    congdoan cash accounts
    congdoan cash accounts set KIND [--bank] --debit N --credit N [--note TEXT]
    congdoan cash accounts reset KIND [--bank]
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.cli.common import AddCommand, Subcommands, database, doc_json, optional_date, out
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.money import format_money


def cmd_cash_record(args: argparse.Namespace) -> None:
    from desktop.services.cash.service import CashService

    with database(args) as ctx:
        doc = CashService(ctx).record(kind=args.kind, category=args.category,
                                      doc_date=optional_date(args.date) or date.today(),
                                      person_name=args.person, reason=args.reason, amount=args.amount,
                                      corrects=args.corrects)
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


if TYPE_CHECKING:
    from desktop.services.cash import PairInfo

# The kinds a pair can be set for, as `cash accounts` lists them.
PAIR_KINDS = ["doan_phi", "kinh_phi", "cap_tren", "thu_khac", "nop_cap_tren", "tham_hoi", "hoat_dong",
              "khen_thuong", "hanh_chinh", "chi_khac", "lai_tien_gui", "phi_ngan_hang"]


def _pair_json(p: PairInfo) -> dict[str, Any]:
    return {"kind": p.kind, "label": p.label, "place": p.place, "debit": p.debit, "credit": p.credit,
            "note": p.note, "changed": p.changed, "law": p.seeded is None,
            "seeded": {"debit": p.seeded.debit, "credit": p.seeded.credit} if p.seeded else None}


def _pair_text(p: PairInfo) -> str:
    mark = " (đơn vị tự đặt)" if p.changed else " (theo quy định)" if p.seeded is None else ""
    return f"{p.kind:<14} {p.place_label:<9} Nợ {p.debit:<6} Có {p.credit:<6} {p.label}{mark}"


def cmd_cash_accounts(args: argparse.Namespace) -> None:
    from desktop.services.cash import AccountPairs

    with database(args) as ctx:
        pairs = AccountPairs(ctx).list()
    out(args, [_pair_json(p) for p in pairs], "\n".join(_pair_text(p) for p in pairs))


def cmd_cash_accounts_set(args: argparse.Namespace) -> None:
    from desktop.services.cash import BANK, CASH, AccountPairs

    with database(args) as ctx:
        p = AccountPairs(ctx).set(args.kind, BANK if args.bank else CASH, args.debit, args.credit, args.note)
    out(args, _pair_json(p), "Từ nay: " + _pair_text(p))


def cmd_cash_accounts_reset(args: argparse.Namespace) -> None:
    from desktop.services.cash import BANK, CASH, AccountPairs

    with database(args) as ctx:
        p = AccountPairs(ctx).reset(args.kind, BANK if args.bank else CASH)
    out(args, _pair_json(p), "Trở lại cặp đề xuất: " + _pair_text(p))


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
    c.add_argument("--corrects", help="chứng từ điều chỉnh: phiếu (MÃ QUYỂN/SỐ) hay bút toán (mã) của năm đã khoá sổ")
    c = cmd(cash, "book", cmd_cash_book, "sổ quỹ tiền mặt của một kỳ")
    c.add_argument("--from", dest="date_from", required=True)
    c.add_argument("--to", dest="date_to", required=True)
    c.add_argument("--out")
    # `cash accounts` lists; `cash accounts set|reset KIND` changes one kind's pair.
    pairs = cmd(cash, "accounts", cmd_cash_accounts,
                "tài khoản kế toán (Nợ / Có) của từng loại thu, chi").add_subparsers(dest="action")
    c = cmd(pairs, "set", cmd_cash_accounts_set, "đặt cặp tài khoản của một loại thu/chi cho các phiếu từ nay")
    c.add_argument("kind", choices=PAIR_KINDS)
    c.add_argument("--bank", action="store_true", help="khi tiền ở tài khoản ngân hàng, kho bạc (mặc định: tiền mặt)")
    c.add_argument("--debit", required=True)
    c.add_argument("--credit", required=True)
    c.add_argument("--note")
    c = cmd(pairs, "reset", cmd_cash_accounts_reset, "trở lại cặp tài khoản đề xuất")
    c.add_argument("kind", choices=PAIR_KINDS)
    c.add_argument("--bank", action="store_true")
