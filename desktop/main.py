"""Entry point `congdoan`: no command starts the app, a command runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = [a for a in argv if not a.startswith("-")]
    if not commands and not any(a in ("-h", "--help") for a in argv):
        from desktop.app import run_app

        return run_app(argv)
    from desktop.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
