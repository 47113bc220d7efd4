import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.services.context import open_context


@pytest.fixture
def ctx(tmp_path):
    c = open_context(tmp_path / "unit.sqlite3")
    yield c
    c.close()
