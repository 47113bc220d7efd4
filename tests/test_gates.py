"""The house's gates (issue 13): the type check (mypy, strict on the wire format, the
services and the sync engine; configured in pyproject.toml) and the lint (ruff, its rule
set chosen in pyproject.toml) both at zero findings over the whole tree."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_types():
    r = subprocess.run([str(BIN / "mypy"), "--no-incremental"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]


def test_lint():
    r = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "desktop", "protocol", "server", "tests", "bench",
                        "scripts"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
