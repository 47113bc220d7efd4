"""What the frozen program carries: read by installer/congdoan.spec and by the tests in
tests/installer/ (plain Python: it needs no PyInstaller to import).

Where the frozen program looks for its files, and so where they go in the bundle:
- desktop/resources.py: ``sys._MEIPASS/resources`` (fonts, *.qm, icons, the guide);
- desktop/models/db.py: ``migrations`` beside the module, and a frozen module's
  ``__file__`` is ``sys._MEIPASS/desktop/models/db.pyc``, so the Alembic scripts go to
  ``desktop/models/migrations`` (as .py sources: Alembic loads them by file name).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

APP_NAME = "Sổ Công đoàn"
PUBLISHER = "Sổ Công đoàn"

# The Qt modules the app imports (tests/installer checks the code against this list);
# every other PySide6 module is excluded, with its Qt libraries, plugins and QML files.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")
# Always excluded, whether or not this PySide6 has them (Addons, a full PySide6, ...).
QT_NEVER = (
    "QtQml", "QtQuick", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest", "QtQuick3D",
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets",
    "QtNetwork", "QtNetworkAuth", "QtOpenGL", "QtOpenGLWidgets", "QtSql", "QtSvg", "QtSvgWidgets",
    "QtTest", "QtDBus", "QtDesigner", "QtHelp", "QtUiTools", "QtXml", "QtConcurrent",
    "QtMultimedia", "QtMultimediaWidgets", "QtPdf", "QtPdfWidgets", "QtCharts", "QtDataVisualization",
    "QtGraphs", "QtGraphsWidgets", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DExtras",
    "Qt3DAnimation", "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort",
    "QtSerialBus", "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtTextToSpeech", "QtSpatialAudio",
    "QtHttpServer", "QtAxContainer",
)
# Python packages the desktop program never imports, though the environment has them
# (dev tools; the sync server's, which share the project's dependencies) and optional
# imports would drag them in: SQLAlchemy's dialects (the server's PostgreSQL drivers),
# Mako's Pygments plugin. tests/installer checks that nothing the desktop imports, itself
# or through the first-party packages it uses (protocol), is in this list.
OTHER_EXCLUDES = (
    "tkinter", "_tkinter", "pydoc_data", "IPython", "numpy",
    "pytest", "_pytest", "hypothesis", "pygments",
    "psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool", "psycopg2", "asyncpg", "pymysql", "MySQLdb",
    "oracledb", "cx_Oracle", "pyodbc", "pymssql",
    "server", "fastapi", "starlette", "uvicorn",
)

# Copied from the source tree: (folder under ROOT, glob) -> the same folder in the bundle.
DATA_GLOBS = (
    ("resources/fonts", "*"),
    ("resources/icons", "*"),
    ("resources/guide", "**/*"),
    ("resources/translations", "*.qm"),  # the .ts sources stay behind
    ("desktop/models/migrations", "env.py"),
    ("desktop/models/migrations", "script.py.mako"),
    ("desktop/models/migrations/versions", "*.py"),
    ("desktop/services/reports/forms", "*.toml"),  # the forms as data (B07-TLĐ), read at run time
    ("desktop/services/reports/forms", "*.json"),  # the budget form's lines and the kinh phí rates
)


def version() -> str:
    """The project's version: the installed package's metadata, else pyproject.toml."""
    from importlib import metadata

    try:
        return metadata.version("socongdoan")
    except metadata.PackageNotFoundError:
        import tomllib

        return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file, destination folder inside the bundle)."""
    out = []
    for folder, pattern in DATA_GLOBS:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                out.append((str(path), path.parent.relative_to(root).as_posix()))
    return out


def _imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            # "from alembic import op": op is a module the analysis cannot see.
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def hidden_imports(root: Path = ROOT) -> list[str]:
    """What the migration scripts import: Alembic loads them from files at run time,
    so PyInstaller's analysis never sees their imports."""
    names: set[str] = set()
    for path in sorted((root / "desktop/models/migrations").rglob("*.py")):
        names |= _imports_of(path)
    return sorted(n for n in names if _is_module(n))


def excludes() -> list[str]:
    return sorted({f"PySide6.{m}" for m in QT_NEVER if m not in QT_MODULES} | set(OTHER_EXCLUDES))


# Files PyInstaller's Qt hooks collect that this app never loads, by their path in the
# bundle ("/" separators). build_linux.sh checks with ldd that nothing kept needs them.
UNUSED = (
    r"^PySide6/(Qt/)?translations/",  # Qt's own *.qm: the app loads its own from resources/
    r"/plugins/platforms/(lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)\.",  # embedded, remote
    r"/plugins/(egldeviceintegrations|generic)/",  # embedded Linux input; TUIO touch over UDP
    r"(^|/)(lib)?Qt6(EglFSDeviceIntegration|EglFsKmsSupport|Network)\b",  # only those plugins load them
    r"(^|/)(opengl32sw|d3dcompiler_47)\.dll$",  # software OpenGL: Qt Widgets draw without it
)
_UNUSED = re.compile("|".join(UNUSED))


def is_unused(dest: str) -> bool:
    return bool(_UNUSED.search(dest.replace("\\", "/")))


def drop_unused(toc):
    """The entries of a PyInstaller TOC (binaries or datas) the app needs."""
    return [entry for entry in toc if not is_unused(entry[0])]


def windows_version_info(program: str = "congdoan"):
    """The version resource of program.exe (Explorer's Details tab, the installer)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    parts = tuple(int(p) for p in re.findall(r"\d+", version())[:4])
    parts = parts + (0,) * (4 - len(parts))
    strings = [
        vi.StringStruct("CompanyName", PUBLISHER),
        vi.StringStruct("FileDescription", APP_NAME),
        vi.StringStruct("FileVersion", version()),
        vi.StringStruct("InternalName", program),
        vi.StringStruct("OriginalFilename", f"{program}.exe"),
        vi.StringStruct("ProductName", APP_NAME),
        vi.StringStruct("ProductVersion", version()),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=parts, prodvers=parts),
        kids=[
            vi.StringFileInfo([vi.StringTable("042a04b0", strings)]),  # Vietnamese, Unicode
            vi.VarFileInfo([vi.VarStruct("Translation", [0x042A, 1200])]),
        ],
    )


if __name__ == "__main__":  # python installer/bundle.py: what the spec would use
    print("version", version())
    for src, dest in data_files():
        print(f"data   {Path(src).relative_to(ROOT)} -> {dest}")
    print("hidden", " ".join(hidden_imports()))
    print("exclude", " ".join(excludes()))
    sys.exit(0)
