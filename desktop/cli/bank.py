"""The bank and treasury accounts and the bank book (S12-H):

    congdoan bank accounts
    congdoan bank add --bank BIN|NAME --number N --name NAME [--opening-balance N] [--opening-date DATE]
    congdoan bank add --treasury "KBNN Hà Đông" --number N --name NAME [...]
    congdoan bank record [--account A] --kind credit|debit|interest|fee --amount N --content TEXT
                         [--category C] [--date DATE] [--counterpart NAME] [--reference REF]
    congdoan bank transfer [--account A] --kind withdrawal|deposit --amount N --person NAME [--content TEXT]
                           [--date DATE] [--reference REF]
    congdoan bank void ENTRY_ID --reason TEXT [--date DATE]
    congdoan bank book [--account A] --from DATE --to DATE [--out FILE.pdf]

--account is the account's id or its number as the bank wrote it; a unit with one
account need not name it.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.cli import bank_import
from desktop.cli.common import AddCommand, Subcommands, UserError, database, doc_json, optional_date, out
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.money import format_money

if TYPE_CHECKING:
    from desktop.services.bank.accounts import AccountInfo
    from desktop.services.bank.book import EntryInfo
    from desktop.services.core.context import Context


def account_json(a: AccountInfo, balance: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"id": a.id, "kind": a.kind, "bank_bin": a.bank_bin, "institution": a.institution,
                           "account_number": a.account_number, "account_name": a.account_name,
                           "opening_balance": a.opening_balance, "opening_date": a.opening_date}
    if balance is not None:
        row["balance"] = balance
    return row


def entry_json(e: EntryInfo) -> dict[str, Any]:
    return {"id": e.id, "account_id": e.account_id, "kind": e.kind, "date": e.entry_date, "amount": e.amount,
            "category": e.category, "content": e.content, "counterpart": e.counterpart, "reference": e.reference,
            "cash_doc_id": e.cash_doc_id, "debit_account": e.debit_account, "credit_account": e.credit_account,
            "voided": e.voided, "void_reason": e.void_reason, "void_date": e.void_date, "corrects_id": e.corrects_id}


def bank_bin(query: str) -> str:
    """The BIN of the one bank a BIN or a name ("vietin", "Công thương") names."""
    from desktop.services.bank.banks import bank_by_bin, find_banks
    if bank_by_bin(query):
        return query.strip()
    found = find_banks(query)
    if len(found) == 1:
        return found[0].bin
    if not found:
        raise UserError(f"Không có ngân hàng “{query}” trong danh sách: ghi tên ngắn (ví dụ Vietcombank) "
                        "hoặc mã BIN 6 chữ số.")
    names = ", ".join(f"{b.short_name} ({b.bin})" for b in found[:8])
    raise UserError(f"“{query}” khớp nhiều ngân hàng: {names}. Ghi rõ hơn hoặc dùng mã BIN.")


def account_id(ctx: Context, ref: str | None) -> str:
    """The account an id or an account number names; the unit's only one when none is named."""
    from desktop.services.bank.accounts import BankAccountService
    accounts = BankAccountService(ctx).accounts()
    if ref is None:
        if len(accounts) == 1:
            return accounts[0].id
        if not accounts:
            raise UserError("Đơn vị chưa có tài khoản tiền gửi (thêm: congdoan bank add …).")
        raise UserError(f"Đơn vị có {len(accounts)} tài khoản tiền gửi: ghi --account MÃ_HOẶC_SỐ_TÀI_KHOẢN "
                        "(xem: congdoan bank accounts).")
    found = [a for a in accounts if ref in (a.id, a.account_number)]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise UserError(f"Không có tài khoản tiền gửi “{ref}” (xem: congdoan bank accounts).")
    raise UserError(f"Số tài khoản {ref} có ở nhiều ngân hàng: dùng mã tài khoản (xem: congdoan bank accounts).")


def cmd_bank_accounts(args: argparse.Namespace) -> None:
    from desktop.services.bank.totals import money_totals

    with database(args) as ctx:
        totals = money_totals(ctx)
    rows = [account_json(a.account, a.balance) for a in totals.accounts]
    text = [f"{a.account.id}  {a.account.title}  {a.account.account_name}  {format_money(a.balance)}"
            for a in totals.accounts] or ["Đơn vị chưa có tài khoản tiền gửi (thêm: congdoan bank add …)."]
    text.append(f"Tiền mặt {format_money(totals.cash)}; tiền gửi {format_money(totals.bank)}; "
                f"cộng {format_money(totals.total)}")
    out(args, rows, "\n".join(text))


def cmd_bank_add(args: argparse.Namespace) -> None:
    from desktop.services.bank.accounts import AccountInput, BankAccountService

    if bool(args.bank) == bool(args.treasury):
        raise UserError("Ghi một trong hai: --bank NGÂN_HÀNG hoặc --treasury “TÊN KHO BẠC”.")
    with database(args) as ctx:
        data = AccountInput(kind="bank" if args.bank else "treasury", account_number=args.number,
                            account_name=args.name, opening_date=optional_date(args.opening_date) or date.today(),
                            opening_balance=args.opening_balance, bank_bin=bank_bin(args.bank) if args.bank else None,
                            institution=args.treasury)
        account = BankAccountService(ctx).add(data)
    out(args, account_json(account), f"Đã thêm tài khoản {account.title} ({account.id}), số dư đầu kỳ "
                                     f"{format_money(account.opening_balance)} ngày {account.opening_date:%d/%m/%Y}")


def cmd_bank_record(args: argparse.Namespace) -> None:
    from desktop.services.bank.book import BankBookService

    with database(args) as ctx:
        entry = BankBookService(ctx).record(account_id=account_id(ctx, args.account), kind=args.kind,
                                            entry_date=optional_date(args.date) or date.today(), amount=args.amount,
                                            content=args.content, category=args.category,
                                            counterpart=args.counterpart, reference=args.reference,
                                            corrects_id=args.corrects)
    out(args, entry_json(entry), f"Đã ghi {entry.kind_label.lower()} ngày {entry.entry_date:%d/%m/%Y}: "
                                 f"{format_money(entry.amount)} ({entry.id})")


def cmd_bank_transfer(args: argparse.Namespace) -> None:
    from desktop.services.bank.book import BankBookService

    with database(args) as ctx:
        done = BankBookService(ctx).transfer(account_id=account_id(ctx, args.account), kind=args.kind,
                                             entry_date=optional_date(args.date) or date.today(), amount=args.amount,
                                             person_name=args.person, content=args.content,
                                             reference=args.reference)
    doc = done.cash_doc
    out(args, {**entry_json(done.entry), "cash_doc": doc_json(doc)},
        f"Đã ghi {done.entry.kind_label.lower()} {format_money(done.entry.amount)} và "
        f"{'phiếu thu' if doc.kind == 'thu' else 'phiếu chi'} {doc.ref}")


def cmd_bank_void(args: argparse.Namespace) -> None:
    from desktop.services.bank.book import BankBookService

    with database(args) as ctx:
        entry = BankBookService(ctx).void(args.entry_id, args.reason, optional_date(args.date))
    tail = " và phiếu thu/chi của nó" if entry.cash_doc_id else ""
    out(args, entry_json(entry), f"Đã hủy {entry.kind_label.lower()} ngày {entry.entry_date:%d/%m/%Y} "
                                 f"({format_money(entry.amount)}){tail}: {entry.void_reason}")


def cmd_bank_book(args: argparse.Namespace) -> None:
    from desktop.services.bank.book import BankBookService

    with database(args) as ctx:
        a, b = parse_cli_date(args.date_from), parse_cli_date(args.date_to)
        if a > b:
            raise UserError(f"Ngày bắt đầu {a:%d/%m/%Y} sau ngày kết thúc {b:%d/%m/%Y}.")
        account = account_id(ctx, args.account)
        book = BankBookService(ctx).book(account, a, b)
        if args.out:
            from desktop.services.documents.service import Documents
            Documents(ctx).bank_book(account, a, b, args.out)
    out(args, {"account_id": account, "opening": book.opening, "total_in": book.total_in,
               "total_out": book.total_out, "closing": book.closing,
               "lines": [{**entry_json(l.entry), "in": l.amount_in, "out": l.amount_out, "balance": l.balance}
                         for l in book.lines]},
        f"Số dư đầu kỳ {format_money(book.opening)}; gửi vào {format_money(book.total_in)}; rút ra "
        f"{format_money(book.total_out)}; số dư cuối kỳ {format_money(book.closing)}")


def cmd_bank_advice(args: argparse.Namespace) -> None:
    from desktop.services.bank.book import BankBookService
    from desktop.services.documents.service import Documents

    with database(args) as ctx:
        book = BankBookService(ctx)
        entries = [book.entry(i) for i in args.entry_ids]
        Documents(ctx).bank_advices(entries, args.out)
    out(args, {"out": str(args.out), "entries": [entry_json(e) for e in entries]},
        f"Đã in {len(entries)} giấy báo ra {args.out}")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    bank = sub.add_parser("bank", help="tài khoản tiền gửi và sổ tiền gửi ngân hàng, kho bạc (S12-H)") \
        .add_subparsers(dest="sub", required=True)
    cmd(bank, "accounts", cmd_bank_accounts, "các tài khoản tiền gửi và số dư hôm nay, tiền mặt và tổng cộng")
    c = cmd(bank, "add", cmd_bank_add, "thêm tài khoản ngân hàng hoặc kho bạc")
    c.add_argument("--bank", help="ngân hàng: mã BIN hoặc tên (Vietcombank, vietin…)")
    c.add_argument("--treasury", help="tên kho bạc nơi mở tài khoản (ví dụ “KBNN Hà Đông”)")
    c.add_argument("--number", required=True, help="số tài khoản")
    c.add_argument("--name", required=True, help="tên tài khoản như trên sổ ngân hàng")
    c.add_argument("--opening-balance", type=int, default=0, help="số dư đầu kỳ, đồng")
    c.add_argument("--opening-date", help="ngày của số dư đầu kỳ (mặc định hôm nay)")
    c = cmd(bank, "record", cmd_bank_record, "ghi giấy báo Có, giấy báo Nợ, lãi hoặc phí ngân hàng")
    c.add_argument("--account", help="mã hoặc số tài khoản (bỏ qua khi đơn vị chỉ có một tài khoản)")
    c.add_argument("--kind", required=True, choices=["credit", "debit", "interest", "fee"])
    c.add_argument("--category", choices=["kinh_phi", "cap_tren", "thu_khac", "nop_cap_tren", "tham_hoi",
                                          "hoat_dong", "khen_thuong", "hanh_chinh", "chi_khac"],
                   help="nguồn thu (giấy báo Có) hoặc mục chi (giấy báo Nợ)")
    c.add_argument("--amount", type=int, required=True)
    c.add_argument("--content", required=True, help="nội dung giấy báo")
    c.add_argument("--date")
    c.add_argument("--counterpart", help="người chuyển hoặc người nhận")
    c.add_argument("--reference", help="số giấy báo hoặc số giao dịch")
    c.add_argument("--corrects", help="bút toán điều chỉnh: mã chứng từ của năm đã khoá sổ mà nó điều chỉnh")
    c = cmd(bank, "transfer", cmd_bank_transfer, "rút tiền gửi về quỹ tiền mặt hoặc nộp tiền mặt vào tài khoản")
    c.add_argument("--account", help="mã hoặc số tài khoản (bỏ qua khi đơn vị chỉ có một tài khoản)")
    c.add_argument("--kind", required=True, choices=["withdrawal", "deposit"])
    c.add_argument("--amount", type=int, required=True)
    c.add_argument("--person", required=True, help="người rút hoặc người nộp tiền mặt")
    c.add_argument("--content")
    c.add_argument("--date")
    c.add_argument("--reference", help="số giấy báo hoặc số giao dịch")
    c = cmd(bank, "void", cmd_bank_void, "hủy một bút toán (chuyển tiền: hủy cả phiếu thu/chi)")
    c.add_argument("entry_id")
    c.add_argument("--reason", required=True)
    c.add_argument("--date", help="ngày hủy (mặc định hôm nay)")
    c = cmd(bank, "book", cmd_bank_book, "sổ tiền gửi của một tài khoản trong một kỳ")
    c.add_argument("--account", help="mã hoặc số tài khoản (bỏ qua khi đơn vị chỉ có một tài khoản)")
    c.add_argument("--from", dest="date_from", required=True)
    c.add_argument("--to", dest="date_to", required=True)
    c.add_argument("--out", help="in sổ S12-H ra tệp PDF")
    c = cmd(bank, "advice", cmd_bank_advice, "in giấy báo Có / giấy báo Nợ của các bút toán, với cặp tài khoản")
    c.add_argument("entry_ids", nargs="+", metavar="ENTRY_ID", help="mã bút toán (xem `bank book --json`)")
    c.add_argument("--out", required=True, help="tệp PDF")
    bank_import.register(bank, cmd)  # `bank import`: the statement, in its own module
