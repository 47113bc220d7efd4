"""The navigation's icons (issue 16, item 5): each area's small picture beside its name,
found by the page's object name: resources/icons/nav-*.svg, 24×24 line drawings made for
this project (under its licence), one stroke colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QStackedWidget

from desktop.resources import resources_dir

ICONS = {"homePage": "home", "membersPage": "members", "duesPage": "dues", "cashPage": "cash",
         "bankPage": "bank", "activitiesPage": "activities", "reportsPage": "reports", "reviewPage": "review"}


def nav_icon(page_name: str) -> QIcon:
    """The icon of an area; an empty icon for a page that has none yet."""
    name = ICONS.get(page_name)
    return QIcon(str(resources_dir() / "icons" / f"nav-{name}.svg")) if name else QIcon()


def set_nav_icons(nav: QListWidget, pages: QStackedWidget) -> None:
    nav.setIconSize(QSize(20, 20))
    for row in range(nav.count()):
        page = pages.widget(row)
        if page is not None:
            nav.item(row).setIcon(nav_icon(page.objectName()))
