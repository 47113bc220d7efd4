"""The navigation's icons (issue 16, item 5): each area's small picture beside its name,
found by the page's object name: resources/icons/nav-*.svg, 24×24 line drawings made for
this project (under its licence), one stroke colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QStackedWidget

from desktop.resources import resources_dir

# No dotted/white focus rectangle on the chosen area (outline: 0): it looked like a stray box.
# Keyboard focus stays visible: while the list has focus, the chosen area turns a darker blue
# with a white bar on its left edge (the bar's room is kept on every item, so nothing shifts).
NAV_FOCUSED = "#0d47a1"
NAV_STYLE = (
    "QListWidget#navigation { font-size: 11pt; outline: 0; }"
    " QListWidget#navigation::item { padding: 8px; padding-left: 5px; border-left: 3px solid transparent; }"
    " QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
    f" QListWidget#navigation::item:selected:focus {{ background: {NAV_FOCUSED}; border-left-color: white; }}"
)

ICONS = {"homePage": "home", "membersPage": "members", "duesPage": "dues", "cashPage": "cash",
         "bankPage": "bank", "activitiesPage": "activities", "reportsPage": "reports", "reviewPage": "review"}


STROKE = 'stroke="#1f5fa8"'


def nav_icon(page_name: str) -> QIcon:
    """The icon of an area; an empty icon for a page that has none yet. On the chosen
    area (blue, darker with focus) the drawing turns white, as its text does: blue on
    blue would be lost."""
    name = ICONS.get(page_name)
    if not name:
        return QIcon()
    path = resources_dir() / "icons" / f"nav-{name}.svg"
    icon = QIcon(str(path))
    white = path.read_bytes().replace(STROKE.encode(), b'stroke="#ffffff"')
    for side in (20, 40):  # 40 for a screen at 200 %
        pixmap = QPixmap()
        if pixmap.loadFromData(white.replace(b'width="24" height="24"', f'width="{side}" height="{side}"'.encode()),
                               "SVG"):
            icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def set_nav_icons(nav: QListWidget, pages: QStackedWidget) -> None:
    nav.setIconSize(QSize(20, 20))
    for row in range(nav.count()):
        page = pages.widget(row)
        if page is not None:
            nav.item(row).setIcon(nav_icon(page.objectName()))
