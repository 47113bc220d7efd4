"""A bank statement into the bank book:

    congdoan bank import FILE --account ID [--dry-run] [--json]

--dry-run prints the preview (every line, its state and what it is proposed to be) and
writes nothing. Without it, what matched for sure (dues by payment reference, kinh phí
from the upper level) is recorded in one transaction and the other lines are listed for
a person to record in the app. The `bank` group (desktop/cli/bank.py) adds it by register().
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import AddCommand, Subcommands, database, out
from desktop.services.core.money import format_money

if TYPE_CHECKING:
    from desktop.services.bank.statement_import import ImportPreview, PreviewLine


def _line_json(p: PreviewLine, names: dict[str, str]) -> dict[str, object]:
    from desktop.services.bank.statement_import import CHOICE_KINDS

    c = p.proposal
    return {"row": p.row, "date": p.line.date, "credit": p.line.credit, "debit": p.line.debit,
            "description": p.line.description, "reference": p.line.reference, "state": p.state,
            "automatic": p.automatic, "note": p.note,
            "proposal": None if c is None else {"kind": c.kind, "kind_label": CHOICE_KINDS[c.kind],
                                                 "member_id": c.member_id,
                                                 "member_name": names.get(c.member_id or ""),
                                                 "months": [f"{m // 12}-{m % 12 + 1:02d}" for m in c.months],
                                                 "category": c.category},
            "candidates": [{"member_id": i, "name": n} for i, n in p.candidates]}


def _line_text(p: PreviewLine) -> str:
    from desktop.services.bank.statement_import import STATES

    money = f"+{format_money(p.line.credit)}" if p.line.credit else f"-{format_money(p.line.debit)}"
    mark = " [tự động]" if p.automatic and p.state == "new" else ""
    return (f"Dòng {p.row} {p.line.date:%d/%m/%Y} {money}: {p.line.description[:60]}\n"
            f"    {STATES[p.state]}{mark}: {p.note}")


def _summary(preview: ImportPreview) -> dict[str, object]:
    st = preview.statement
    return {"file": st.file_name, "account_id": preview.account.id, "account": preview.account.title,
            "opening_balance": st.opening_balance, "closing_balance": st.closing_balance,
            "last_date": preview.last_date, "book_balance": preview.book_balance, "difference": preview.difference,
            "counts": preview.counts(), "problems": list(st.problems)}


def _balance_text(closing: int | None, book: int | None, difference: int | None) -> str:
    if closing is None or book is None or difference is None:
        return "Sao kê không ghi số dư cuối kỳ: chưa đối chiếu được với sổ."
    if difference == 0:
        return f"Số dư cuối kỳ {format_money(closing)} khớp với sổ tiền gửi."
    return (f"Số dư cuối kỳ trên sao kê {format_money(closing)} lệch với sổ tiền gửi "
            f"{format_money(difference)} (sổ: {format_money(book)}).")


def cmd_bank_import(args: argparse.Namespace) -> None:
    from desktop.services.bank.accounts import BankAccountService
    from desktop.services.bank.statement_import import StatementImportService

    with database(args) as ctx:
        service = StatementImportService(ctx)
        # The account by its id or its number, as the other bank commands take it.
        named = [a.id for a in BankAccountService(ctx).accounts() if args.account in (a.id, a.account_number)]
        preview = service.preview(named[0] if named else args.account, Path(args.file))
        names = {i: n for p in preview.lines for i, n in p.candidates}
        lines = [_line_json(p, names) for p in preview.lines]
        counts = preview.counts()
        head = (f"Sao kê {preview.statement.file_name}, tài khoản {preview.account.title}: "
                f"{len(preview.lines)} dòng ({counts['new']} mới, {counts['imported']} đã nhập, "
                f"{counts['problem']} cần xem lại).")
        problems = [f"Không đọc được: {p}" for p in preview.statement.problems]
        if args.dry_run:
            expected = None if preview.difference is None or preview.book_balance is None \
                else preview.book_balance + preview.pending_net
            out(args, {**_summary(preview), "dry_run": True, "lines": lines},
                "\n".join([head, *problems, *(_line_text(p) for p in preview.lines),
                           _balance_text(preview.statement.closing_balance, expected, preview.difference),
                           "(Chạy thử: chưa ghi gì.)"]))
            return
        result = service.confirm(preview, preview.automatic())
        done = {row for row, _ in result.recorded}
        left = [p for p in preview.lines if p.state != "imported" and p.row not in done and p.row not in result.skipped]
    out(args, {**_summary(preview), "dry_run": False, "recorded": [{"row": r, "entry_id": e} for r, e in result.recorded],
               "skipped": list(result.skipped), "book_balance": result.book_balance,
               "difference": result.difference, "for_a_person": [_line_json(p, names) for p in left]},
        "\n".join([head, *problems, f"Đã ghi {len(result.recorded)} dòng tự động (đoàn phí theo mã, kinh phí).",
                   *([f"Còn {len(left)} dòng chờ người ghi trong ứng dụng (trang Ngân hàng → Nhập sao kê):"]
                     if left else []),
                   *(_line_text(p) for p in left),
                   _balance_text(preview.statement.closing_balance, result.book_balance, result.difference)]))


def register(bank: Subcommands, cmd: AddCommand) -> None:
    """`import` under the `bank` group (its subparsers), made with the CLI's command maker."""
    c = cmd(bank, "import", cmd_bank_import, "nhập sao kê ngân hàng (Excel/CSV) vào sổ tiền gửi")
    c.add_argument("file", metavar="FILE", help="tệp sao kê .xlsx, .xls hoặc .csv xuất từ ngân hàng")
    c.add_argument("--account", required=True, metavar="ID", help="mã hoặc số tài khoản tiền gửi (xem `bank accounts`)")
    c.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
