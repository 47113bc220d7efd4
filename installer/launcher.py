"""Entry script of the frozen program: the same as `congdoan` and `python -m desktop`
(no command starts the app, a command runs the CLI, --smoke-test checks the build).

CONGDOAN_EXIT_AFTER_START=1 makes a start of the app show its main window once and exit
0, as bench/bench_members.py starts it from source (run_app(exit_after_start=True)):
installer/build_linux.sh times the frozen program's start to a usable window with it."""

import os
import sys

from desktop.main import main, wants_cli

if __name__ == "__main__":
    argv = sys.argv[1:]
    if os.environ.get("CONGDOAN_EXIT_AFTER_START") == "1" and "--smoke-test" not in argv and not wants_cli(argv):
        from desktop.app import run_app

        sys.exit(run_app(argv, exit_after_start=True))
    sys.exit(main())
