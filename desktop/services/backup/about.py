"""What the About dialog shows and IT staff paste into a support request: the version,
where the data and its backups are, and the versions of what the program is built on.
(Qt's version comes from the view: services do not import Qt.)"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

import reportlab
import sqlalchemy

from desktop import APP_NAME, __version__
from desktop.services.backup.service import backup_folder
from desktop.services.core.context import Context

FONT = "Liberation Serif"
FONT_LICENSE = "SIL Open Font License 1.1"


@dataclass(frozen=True)
class AboutInfo:
    name: str
    version: str
    database: Path
    backups: Path
    python: str
    sqlalchemy: str
    reportlab: str
    system: str


def about_info(ctx: Context) -> AboutInfo:
    return AboutInfo(name=APP_NAME, version=__version__, database=ctx.db.path, backups=backup_folder(ctx),
                     python=platform.python_version(), sqlalchemy=sqlalchemy.__version__,
                     reportlab=reportlab.Version, system=platform.platform(terse=True))
