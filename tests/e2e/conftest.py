import pytest

from desktop.services.core.context import open_context
from desktop.services.sync.service import SyncService
from desktop.services.units.service import UnitInfo, UnitService


@pytest.fixture
def make_device(tmp_path):
    """make_device(server, unit_code, name) → (ctx, SyncService), enrolled (through url
    if given: a fault proxy in front of the server)."""
    opened = []

    def make(server, unit: str, name: str = "may", *, setup: bool = True, url: str | None = None):
        ctx = open_context(tmp_path / f"{name}.sqlite3")
        opened.append(ctx)
        if setup:
            UnitService(ctx).save(UnitInfo(name="Công đoàn cơ sở Công ty Thử", upper_name="Công đoàn ngành"))
        sync = SyncService(ctx)
        sync.enroll(url or server.base, server.code(unit), name)
        return ctx, sync

    yield make
    for ctx in opened:
        ctx.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    """The sync server on each backend: the embedded SQLite and this machine's PostgreSQL."""
    from tests.sync_support import SyncServer, pg_available

    if request.param == "postgresql" and not pg_available():
        pytest.fail("PostgreSQL at 127.0.0.1:5432 is needed for the server tests (dev.sh starts it).")
    s = SyncServer(request.param, tmp_path_factory.mktemp(f"server-{request.param}"))
    yield s
    s.close()


@pytest.fixture
def proxy(server):
    from tests.e2e.fault_proxy import FaultProxy

    p = FaultProxy(server.port)
    yield p
    p.close()


@pytest.fixture
def downloads(tmp_path):
    """Where the browser saves what a page offers to download."""
    return tmp_path / "downloads"


@pytest.fixture
def browser(tmp_path, downloads):
    """Debian's chromium, headless, through Selenium (tests/e2e/browser_support.py)."""
    from tests.e2e.browser_support import start_browser

    driver = start_browser(tmp_path / "chromium", downloads)
    yield driver
    driver.quit()
