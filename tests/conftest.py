import os

# Offscreen, with two fake screens the size of what union offices have, less a 48 px
# taskbar: a 1366×768 laptop and a 1920×1080 monitor at 150 % (1280×720 of room).
# tests/desktop/views/test_window_fit.py opens every window on each.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screens = os.path.join(os.path.dirname(__file__), "offscreen_screens.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screens}"

import pytest

from desktop.services.core.context import open_context


@pytest.fixture
def ctx(tmp_path):
    c = open_context(tmp_path / "unit.sqlite3")
    yield c
    c.close()


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory):
    """A sync server on SQLite (the embedded default), shared by the tests of a run;
    each test makes its own unit."""
    from tests.sync_support import SyncServer

    server = SyncServer("sqlite", tmp_path_factory.mktemp("server"))
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _credentials_in_tmp(tmp_path, monkeypatch):
    # Device credentials of the tests never touch the real keyring or config folder.
    monkeypatch.setenv("CONGDOAN_CREDENTIALS_DIR", str(tmp_path / "credentials"))
