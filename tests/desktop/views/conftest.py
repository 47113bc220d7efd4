from pathlib import Path

import pytest

from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
from tests.desktop.faults import read_only  # noqa: F401  (a fixture: a folder that refuses writing)

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def qt_settings(tmp_path_factory):
    """Keep QSettings (language, window size) out of the user's real settings."""
    from PySide6.QtCore import QCoreApplication, QSettings
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))
    QCoreApplication.setOrganizationName("SoCongDoanTests")
    QCoreApplication.setApplicationName("SoCongDoanTests")


@pytest.fixture(scope="session", autouse=True)
def collector_on_the_ui_thread(qapp):
    """As the app does (desktop/app.py): cycles are collected on the UI thread only, never
    on a worker, where freeing a widget crashes the process later."""
    import gc

    from desktop.views.ui_thread import UiThreadCollector
    collector = UiThreadCollector(qapp)
    yield collector
    collector.timer.stop()
    gc.enable()


@pytest.fixture
def state(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    make_demo(ctx, 600)
    st = AppState(ctx)
    yield st
    qtbot.waitUntil(lambda: not st.runner.busy, timeout=30000)
    st.runner.shutdown()
    ctx.close()
    import gc
    gc.collect()  # the test's cycles (pages, dialogs) freed here, on the UI thread, at a quiet point


@pytest.fixture
def vietnamese(qapp):
    from desktop.views.i18n import install_translators
    install_translators(qapp, "vi")
    yield
    install_translators(qapp, "vi")


def shoot(widget, name: str) -> Path:
    """Save what the user would see, for a person to look at after the run."""
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()  # let pending layout requests settle, as the user would see it
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def last_box():
    from desktop.views import dialogs
    assert dialogs._open, "no message box is open"
    return dialogs._open[-1]


def wait_idle(qtbot, state, timeout=60000):
    qtbot.waitUntil(lambda: not state.runner.busy, timeout=timeout)
