"""Entry point `congdoan`: no command starts the app, a command runs the CLI."""

from __future__ import annotations

import sys

COMMANDS = {"init", "unit", "groups", "demo", "members", "dues", "receipts", "cash", "bank", "backup", "restore", "sync",
            "activities", "minutes", "report", "users", "member", "year", "budget"}


def wants_cli(argv: list[str]) -> bool:
    """A command word (or a request for help) anywhere among the arguments; "--db FILE"
    alone still starts the app on that file."""
    return any(a in COMMANDS or a in ("-h", "--help") for a in argv) or any(
        not a.startswith("-") and (i == 0 or argv[i - 1] != "--db") for i, a in enumerate(argv))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--smoke-test" in argv:
        import argparse

        from desktop.smoke import run_smoke_test

        parser = argparse.ArgumentParser(prog="congdoan --smoke-test")
        parser.add_argument("--db")  # the build opens (and migrates) a file it names; else a temporary one
        args, _ = parser.parse_known_args(argv)
        return run_smoke_test(args.db)
    if not wants_cli(argv):
        from desktop.app import run_app

        return run_app(argv)
    from desktop.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
