"""Two PostgreSQL clusters of the test's own: a primary that allows streaming replication
and a hot-standby replica made from it with pg_basebackup, each on a free port of
127.0.0.1, in the test's temporary folder. The machine's own PostgreSQL (5432) is left
as it is: its pg_hba.conf need not allow replication.

The binaries are Debian's (package postgresql, which dev.sh installs for the server's
tests). PostgreSQL refuses to run as root, so under root each command runs as the
postgres user (runuser)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.sync_support import free_port


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise RuntimeError("Cần PostgreSQL của Debian (initdb, pg_ctl, pg_basebackup) cho bài kiểm thử bản sao.")
    return found[-1].parent


def _as_postgres(args: list[str], log: Path | None = None) -> None:
    cmd = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115  (closed below)
    try:
        subprocess.run(cmd, check=True, stdout=out, stderr=subprocess.STDOUT, timeout=120, cwd="/")
    finally:
        if log:
            out.close()


class Cluster:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        _as_postgres([str(_bin_dir() / "pg_ctl"), "-D", str(self.folder), "-l", str(self.folder.parent /
                     f"{self.folder.name}.log"), "-w", "-t", "60", "start"])

    def stop(self) -> None:
        if (self.folder / "postmaster.pid").exists():
            _as_postgres([str(_bin_dir() / "pg_ctl"), "-D", str(self.folder), "-m", "immediate", "-w", "stop"])


def _owned_folder() -> Path:
    """A folder of its own under the system's temporary folder, not pytest's: pytest keeps
    its base folder closed to other users (and sets it so again at each run), and the
    clusters run as the postgres user."""
    base = Path(tempfile.mkdtemp(prefix="congdoan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    base.chmod(0o755)
    return base


def primary_and_replica() -> tuple[Cluster, Cluster]:
    """Started; stop both with `stop_all` (which also removes their folder). A step that
    fails leaves nothing running behind it."""
    base = _owned_folder()
    try:
        return _make(base)
    except subprocess.CalledProcessError:
        for name in ("replica", "primary"):
            Cluster(base / name, 0).stop()
        shutil.rmtree(base, ignore_errors=True)
        raise


def _make(base: Path) -> tuple[Cluster, Cluster]:
    bins = _bin_dir()
    primary = Cluster(base / "primary", free_port())
    _as_postgres([str(bins / "initdb"), "-D", str(primary.folder), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8"], base / "initdb.log")
    with open(primary.folder / "postgresql.conf", "a") as conf:
        conf.write(f"port = {primary.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{base}'\n"
                   "wal_level = replica\nmax_wal_senders = 4\nfsync = off\nsynchronous_commit = off\n")
    with open(primary.folder / "pg_hba.conf", "a") as hba:
        hba.write("host replication postgres 127.0.0.1/32 trust\n")
    primary.start()
    replica = Cluster(base / "replica", free_port())
    _as_postgres([str(bins / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                  "-D", str(replica.folder), "-R", "-X", "stream"], base / "basebackup.log")
    with open(replica.folder / "postgresql.conf", "a") as conf:
        conf.write(f"port = {replica.port}\nhot_standby = on\n")
    replica.start()
    return primary, replica


def stop_all(*clusters: Cluster) -> None:
    for c in clusters:
        c.stop()
    shutil.rmtree(clusters[0].folder.parent, ignore_errors=True)
