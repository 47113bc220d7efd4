"""The layer rules of DESIGN.md, checked by import-linter (contracts in pyproject.toml),
and the translations compiled from their sources."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layers():
    exe = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "broken" not in r.stdout.lower().replace("0 broken", "")


def test_compiled_translations_are_current(tmp_path):
    """Each .qm is what lrelease makes of its .ts today (run scripts/translations.py)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        out = tmp_path / (ts.stem + ".qm")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(out)], check=True)
        assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"{ts.name}: run scripts/translations.py"


def test_every_service_package_names_its_public_api():
    """Each domain package's __init__ says what it offers (issue 13): __all__, each name
    there importable from the package."""
    import importlib
    for init in sorted((ROOT / "desktop" / "services").glob("*/__init__.py")):
        name = f"desktop.services.{init.parent.name}"
        package = importlib.import_module(name)
        names = getattr(package, "__all__", None)
        assert names, f"{name} has no __all__"
        assert all(hasattr(package, n) for n in names), name
