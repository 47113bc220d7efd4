"""The frozen program and its Windows installer: installer/congdoan.spec (with what it
carries, installer/bundle.py), installer/congdoan.nsi and installer/build_linux.sh."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
NSI = INSTALLER / "congdoan.nsi"


def _load_bundle():
    spec = importlib.util.spec_from_file_location("congdoan_installer_bundle", INSTALLER / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _load_bundle()


def _project_version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _bundled() -> dict[str, str]:
    """Path inside the bundle -> source file, as the spec gives them to PyInstaller."""
    return {f"{dest}/{Path(src).name}": src for src, dest in bundle.data_files()}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _app_sources() -> list[Path]:
    """The desktop package's modules (not the migrations: Alembic loads those) and those
    of every first-party package it imports, directly or not (protocol, ...)."""
    todo, seen, files = ["desktop"], set(), []
    while todo:
        package = todo.pop()
        if package in seen:
            continue
        seen.add(package)
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            files.append(path)
            for name in _imports(path):
                top = name.split(".")[0]
                if (ROOT / top / "__init__.py").is_file() and top not in seen:
                    todo.append(top)
    return files


# --- (a) the NSIS script compiles ------------------------------------------------------------

def _fake_dist(folder: Path) -> Path:
    dist = folder / "congdoan"
    (dist / "_internal" / "resources").mkdir(parents=True)
    for name in ("congdoan.exe", "congdoan-cli.exe"):
        (dist / name).write_bytes(b"MZ not a real program")
    (dist / "_internal" / "python311.dll").write_bytes(b"\0" * 1024)
    (dist / "_internal" / "resources" / "huong-dan.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    return dist


def test_makensis_compiles_the_installer(tmp_path):
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.fail("makensis is missing: install the Debian package nsis (./dev.sh installs it)")
    out = tmp_path / "SoCongDoan-test-setup.exe"  # not "setup.exe": NSIS warns about that name
    # -WX: a warning fails the build; no VERSION given, so it comes from pyproject.toml.
    r = subprocess.run([makensis, "-WX", "-V4", f"-DDIST_DIR={_fake_dist(tmp_path)}", f"-DOUTFILE={out}", str(NSI)],
                       capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr
    assert out.read_bytes()[:2] == b"MZ"
    assert f'BrandingText: "Sổ Công đoàn {_project_version()}"' in r.stdout


def test_the_installer_is_per_user_vietnamese_and_keeps_the_data_unless_told():
    text = NSI.read_text(encoding="utf-8")
    for line in ("Unicode true", "RequestExecutionLevel user", '!insertmacro MUI_LANGUAGE "Vietnamese"',
                 'InstallDir "$LOCALAPPDATA\\Programs\\${INSTALL_DIR_NAME}"', 'WriteRegStr HKCU "${UNINSTALL_KEY}"'):
        assert line in text, line
    assert "HKLM" not in text and "$PROGRAMFILES" not in text
    # The question about the data defaults to No; silent, only /REMOVEDATA removes it.
    question = text[text.index('MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2'):]
    assert "/SD IDNO IDNO keep" in question[:600]
    assert '${GetOptions} $0 "/REMOVEDATA" $2' in text


def test_makensis_refuses_a_folder_without_the_program(tmp_path):
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: install the Debian package nsis (./dev.sh installs it)")
    (tmp_path / "empty").mkdir()
    r = subprocess.run(["makensis", f"-DDIST_DIR={tmp_path / 'empty'}", f"-DOUTFILE={tmp_path / 'x.exe'}", str(NSI)],
                       capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)
    assert r.returncode != 0 and "No congdoan.exe" in r.stdout + r.stderr


def test_the_uninstaller_removes_the_folder_the_app_keeps_its_data_in(monkeypatch):
    """The data folder the installer knows (kept on upgrade, removed only when asked) is
    the one the app uses on Windows: platformdirs' user_data_dir, with the logs and the
    backups inside it."""
    import platformdirs
    import platformdirs.windows

    from desktop import APP_DIR_NAME
    from desktop.models.db import default_backup_dir
    from desktop.services.core.context import default_db_path

    text = NSI.read_text(encoding="utf-8")
    name = re.search(r'^!define DATA_DIR_NAME "([^"]+)"', text, re.M).group(1)
    assert name == APP_DIR_NAME
    assert 'RMDir /r "$LOCALAPPDATA\\${DATA_DIR_NAME}"' in text
    assert 'DeleteRegKey HKCU "Software\\${DATA_DIR_NAME}"' in text  # QSettings' organization

    folders = {"CSIDL_LOCAL_APPDATA": "/LocalAppData", "CSIDL_APPDATA": "/RoamingAppData"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.delenv("CONGDOAN_DB", raising=False)
    data = Path("/LocalAppData") / name
    db = default_db_path()
    assert db.parent == data
    assert default_backup_dir(db).is_relative_to(data)
    assert Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)).is_relative_to(data)  # as app.py
    # ... and the program goes elsewhere, so that neither one removes the other.
    assert re.search(r'^!define INSTALL_DIR_NAME "SoCongDoan"', text, re.M)
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${INSTALL_DIR_NAME}"' in text


# --- (b) the spec carries everything the app loads at run time -----------------------------------

def test_every_resource_is_bundled_where_resources_dir_finds_it():
    bundled = _bundled()
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file() and path.suffix != ".ts":  # .ts: the sources of the .qm files
            rel = path.relative_to(ROOT).as_posix()
            assert rel in bundled, f"{rel} is not in the bundle"


def test_every_resource_file_the_code_names_is_bundled():
    """File names in the code (fonts, .qm, icons, the guide) and the guide's images."""
    names = {Path(p).name for p in _bundled()}
    # Times New Roman: desktop/printing/fonts.py looks for it in the system's fonts folders.
    system = {"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"}
    wanted = set()
    pattern = re.compile(r"^[\w.-]+\.(ttf|otf|qm|png|ico|svg|md|json)$")
    for path in _app_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.match(node.value):
                wanted.add(node.value)
    assert {"qtbase_vi.qm", "congdoan_en.qm", "congdoan.png", "huong-dan.md", "LiberationSerif-Regular.ttf"} <= wanted
    assert wanted - system <= names, f"named in the code but not bundled: {sorted(wanted - system - names)}"
    guide = (ROOT / "resources/guide/huong-dan.md").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide):
        assert f"resources/guide/{image}" in _bundled(), f"the guide shows {image}, which is not bundled"


def test_every_migration_is_bundled_beside_the_module_that_runs_them():
    bundled = _bundled()
    migrations = ROOT / "desktop/models/migrations"
    files = [p for p in migrations.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.parent.name == "versions" for p in files) and (migrations / "script.py.mako") in files
    for path in files:
        assert path.relative_to(ROOT).as_posix() in bundled, f"{path.relative_to(ROOT)} is not in the bundle"


def test_the_forms_as_data_are_bundled_and_in_the_wheel():
    """The B07-TLĐ form file is read at run time (services/reports/b07_form.py): the frozen
    program and the installed package must carry it where FORMS_DIR looks."""
    import tomllib
    bundled = _bundled()
    forms = sorted((ROOT / "desktop/services/reports/forms").glob("*.toml"))
    assert forms
    for path in forms:
        assert path.relative_to(ROOT).as_posix() in bundled, f"{path.relative_to(ROOT)} is not in the bundle"
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "forms/*.toml" in data["tool"]["setuptools"]["package-data"]["desktop.services.reports"]


def test_the_bundled_files_alone_make_a_database_and_serve_the_resources(tmp_path, monkeypatch):
    """The bundle's layout, copied as PyInstaller copies it, under a fake sys._MEIPASS:
    resources_dir() finds the resources there, and Alembic migrates a new database to the
    head with nothing but the bundled scripts (and the imports bundle.hidden_imports())."""
    meipass = tmp_path / "_internal"
    for src, dest in bundle.data_files():
        (meipass / dest).mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, meipass / dest)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)

    from desktop.printing.fonts import bundled_font_files
    from desktop.resources import resources_dir

    assert resources_dir() == meipass / "resources"
    assert all(p.is_file() for p in bundled_font_files())
    for rel in ("translations/qtbase_vi.qm", "translations/congdoan_en.qm", "icons/congdoan.png", "guide/huong-dan.md"):
        assert (resources_dir() / rel).is_file(), rel

    import desktop.models.db as db

    # A frozen module's __file__ is sys._MEIPASS/<package path>.pyc: db.py's
    # Path(__file__).with_name("migrations") is then this folder.
    frozen_migrations = (meipass / "desktop/models/db.pyc").with_name("migrations")
    assert Path(db.__file__).with_name("migrations") == db.MIGRATIONS_DIR
    monkeypatch.setattr(db, "MIGRATIONS_DIR", frozen_migrations)
    database = db.open_database(tmp_path / "new.sqlite3")
    try:
        assert db.current_revision(database.engine) == db.HEAD_REVISION
    finally:
        database.close()
    for name in ("alembic.op", "alembic.context", "desktop.models.base"):
        assert name in bundle.hidden_imports()


def test_the_qt_modules_the_app_imports_are_the_bundled_ones():
    used = set()
    for path in _app_sources():
        used |= {n.split(".")[1] for n in _imports(path) if n.startswith("PySide6.Qt")}
    assert used <= set(bundle.QT_MODULES), f"bundle.QT_MODULES lacks {sorted(used - set(bundle.QT_MODULES))}"
    assert not {f"PySide6.{m}" for m in bundle.QT_MODULES} & set(bundle.excludes())
    for heavy in ("QtQml", "QtQuick", "QtWebEngineCore", "QtNetwork"):
        assert f"PySide6.{heavy}" in bundle.excludes()


def test_nothing_the_app_imports_is_excluded():
    excluded = {e for e in bundle.excludes() if not e.startswith("PySide6.")}
    sources = _app_sources()
    assert any(p.is_relative_to(ROOT / "desktop") for p in sources)
    for path in sources:
        hit = {n for n in _imports(path) if n.split(".")[0] in excluded}
        assert not hit, f"{path.relative_to(ROOT)} imports {sorted(hit)}, which installer/bundle.py excludes"


@pytest.mark.parametrize("dest, unused", [
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/translations/qt_fr.qm", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("PySide6/Qt6Network.dll", True),
    ("PySide6/opengl32sw.dll", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
    ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", True),
    ("PySide6/plugins/generic/qtuiotouchplugin.dll", True),
    ("resources/translations/qtbase_vi.qm", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", False),
    ("PySide6/Qt6Widgets.dll", False),
    ("PySide6/Qt6PrintSupport.dll", False),
    ("PySide6/plugins/platforms/qwindows.dll", False),
    ("PySide6/plugins/platforms/qoffscreen.dll", False),
    ("PySide6/plugins/platforms/qminimal.dll", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", False),
    ("PySide6/plugins/printsupport/windowsprintersupport.dll", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
])
def test_only_files_the_app_never_loads_are_dropped(dest, unused):
    assert bundle.is_unused(dest) is unused
    assert bundle.is_unused(dest.replace("/", "\\")) is unused


# --- (c) the frozen build and its smoke test (about a minute here) ------------------------------

@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="build_linux.sh builds the Linux program")
def test_the_frozen_program_builds_and_passes_its_smoke_test(tmp_path):
    env = {**os.environ, "PYTHON": sys.executable, "TMPDIR": str(tmp_path)}
    try:
        r = subprocess.run(["bash", str(INSTALLER / "build_linux.sh"), "--no-bench",
                            "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=840)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
        assert "smoke test ok" in r.stdout
        assert (tmp_path / "dist/congdoan/_internal/desktop/models/migrations/env.py").is_file()
    finally:
        shutil.rmtree(tmp_path / "dist", ignore_errors=True)  # ~200 MB: not kept in pytest's basetemp
        shutil.rmtree(tmp_path / "work", ignore_errors=True)
