"""`congdoan bank import FILE --account ID [--dry-run] [--json]`: the preview written and
nothing recorded on a dry run; without it, dues by reference and kinh phí recorded and the
rest listed for a person. The `bank` group is another module's (desktop/cli/bank.py): the
command is mounted here under a group of the same name, with the CLI's command maker."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.cli.bank_import import register
from desktop.cli.common import Handler, Subcommands
from desktop.models import BankEntry
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.core.context import open_context
from tests.desktop.services.dues_helpers import add_member, setup_unit
from tests.desktop.services.test_bank_statement_import import monthly, ref, vcb


def run(*argv: str) -> None:
    parser = argparse.ArgumentParser(prog="congdoan")
    groups = parser.add_subparsers(dest="command", required=True)
    bank = groups.add_parser("bank").add_subparsers(dest="sub", required=True)

    def cmd(parent: Subcommands, name: str, fn: Handler, help_: str) -> argparse.ArgumentParser:
        c = parent.add_parser(name, help=help_)
        c.add_argument("--db")
        c.add_argument("--json", action="store_true")
        c.set_defaults(fn=fn)
        return c

    register(bank, cmd)
    args = parser.parse_args(list(argv))
    args.fn(args)


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "unit.sqlite3"
    ctx = open_context(path)
    setup_unit(ctx)
    account = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0011001234567", account_name="CĐCS PHÚ LÂM",
        opening_date=date(2026, 1, 1), opening_balance=1_000_000)).id
    lan = add_member(ctx, "Nguyễn Thị Lan")
    statement = vcb(tmp_path / "vcb.xlsx", [
        (date(2026, 3, 2), monthly(ctx, lan), 0, f"{ref(ctx, lan)} doan phi"),
        (date(2026, 3, 3), 5_000_000, 0, "LDLD CHUYEN KINH PHI CONG DOAN"),
        (date(2026, 3, 4), 0, 20_000, "CHI TIEP KHACH")])
    ctx.close()
    return path, account, statement


def entries(path):
    ctx = open_context(path)
    try:
        with ctx.read() as s:
            return s.scalar(select(func.count()).select_from(BankEntry))
    finally:
        ctx.close()


def test_dry_run_prints_the_preview_and_writes_nothing(setup, capsys):
    path, account, statement = setup
    run("bank", "import", str(statement), "--account", account, "--dry-run", "--db", str(path), "--json")
    shown = json.loads(capsys.readouterr().out)
    assert shown["dry_run"] and shown["counts"] == {"new": 3, "imported": 0, "problem": 0}
    assert [(x["row"], x["automatic"], x["proposal"] and x["proposal"]["kind"]) for x in shown["lines"]] == [
        (5, True, "dues"), (6, True, "income"), (7, False, None)]
    assert shown["lines"][0]["proposal"]["member_name"] == "Nguyễn Thị Lan"
    assert shown["difference"] == 0
    assert entries(path) == 0
    run("bank", "import", str(statement), "--account", account, "--dry-run", "--db", str(path))
    text = capsys.readouterr().out
    assert "3 dòng (3 mới" in text and "Chạy thử" in text and "khớp với sổ" in text


def test_import_records_what_matched_and_lists_the_rest(setup, capsys):
    path, account, statement = setup
    run("bank", "import", str(statement), "--account", account, "--db", str(path), "--json")
    done = json.loads(capsys.readouterr().out)
    assert [r["row"] for r in done["recorded"]] == [5, 6]
    assert [x["row"] for x in done["for_a_person"]] == [7]
    assert entries(path) == 2
    # The same file again: nothing new recorded, nothing twice.
    run("bank", "import", str(statement), "--account", account, "--db", str(path))
    text = capsys.readouterr().out
    assert "2 đã nhập" in text and "Đã ghi 0 dòng" in text and "Dòng 7" in text
    assert entries(path) == 2
