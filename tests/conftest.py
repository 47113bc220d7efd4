import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.services.context import open_context


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
