"""desktop.printing sits below the services: data in, PDF out. It must not import the
services, the models, the views or Qt (the import-linter contracts in pyproject.toml
do not list desktop.printing for PySide6 yet; this checks it directly)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRINTING = ROOT / "desktop" / "printing"
FORBIDDEN = ("PySide6", "desktop.services", "desktop.models", "desktop.views", "desktop.sync",
             "desktop.app", "desktop.cli", "sqlalchemy", "platypus")


def test_no_forbidden_import_in_the_source():
    files = sorted(PRINTING.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                assert not any(name == f or name.startswith(f + ".") or f"reportlab.{f}" in name
                               for f in FORBIDDEN), f"{path.name} imports {name}"


def test_importing_printing_loads_nothing_from_above():
    code = ("import sys, desktop.printing\n"
            "print([m for m in sys.modules if m.split('.')[0] == 'PySide6' or m.startswith("
            "('desktop.services', 'desktop.models', 'desktop.views', 'desktop.sync', 'sqlalchemy'))])")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       check=True)
    assert r.stdout.strip() == "[]"
