"""The dues rules over time (services/dues/law):

    congdoan dues law list
    congdoan dues law add base-salary|dues-rule|remit-share --from DATE --source TEXT [--amount N] …
"""

from __future__ import annotations

import argparse

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.core.dates import parse_cli_date


def cmd_law_list(args: argparse.Namespace) -> None:
    from desktop.services.dues.law import LawService

    with database(args) as ctx:
        rows = LawService(ctx).rows()
    out(args, [{"kind": r.kind, "from": r.effective_from, "text": r.text, "source": r.source} for r in rows],
        "\n".join(f"{r.effective_from:%d/%m/%Y}\t{r.text}\t({r.source})" for r in rows))


def cmd_law_add(args: argparse.Namespace) -> None:
    from desktop.services.dues.law import LawService

    with database(args) as ctx:
        law = LawService(ctx)
        when = parse_cli_date(args.from_date)
        if args.what == "base-salary":
            if args.amount is None:
                raise UserError("Cần --amount (đồng).")
            law.add_base_salary(when, args.amount, args.source)
        elif args.what == "dues-rule":
            if args.group is None or args.rate is None or args.fixed_min is None:
                raise UserError("Cần --group, --rate và --fixed-min (và --cap nếu có mức tối đa).")
            law.add_dues_rule(when, args.group, args.rate, args.cap, args.fixed_min, args.source)
        else:
            if args.share is None:
                raise UserError("Cần --share (phần trăm nộp cấp trên).")
            law.add_remit_rule(when, args.share, args.source)
    out(args, {"added": args.what, "from": when}, f"Đã thêm quy định từ {when:%d/%m/%Y}.")


def add_commands(dues: Subcommands, cmd: AddCommand) -> None:
    law = dues.add_parser("law", help="quy định đoàn phí theo thời gian").add_subparsers(dest="law", required=True)
    cmd(law, "list", cmd_law_list, "các quy định đang có")
    c = cmd(law, "add", cmd_law_add, "thêm quy định mới (nghị định, quyết định mới)")
    c.add_argument("what", choices=["base-salary", "dues-rule", "remit-share"])
    c.add_argument("--from", dest="from_date", required=True, help="ngày hiệu lực")
    c.add_argument("--source", required=True, help="văn bản, ví dụ NĐ 161/2026/NĐ-CP")
    c.add_argument("--amount", type=int, help="lương cơ sở (đồng)")
    c.add_argument("--group", type=int, choices=[1, 2, 3])
    c.add_argument("--rate", help="tỷ lệ đoàn phí, phần trăm")
    c.add_argument("--cap", help="mức tối đa, phần trăm lương cơ sở")
    c.add_argument("--fixed-min", help="mức cố định tối thiểu, phần trăm lương cơ sở")
    c.add_argument("--share", help="tỷ lệ nộp cấp trên, phần trăm")
