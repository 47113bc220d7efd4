"""The navigation's chosen area (issue 16, item 5): no white focus box drawn inside it,
yet keyboard focus still visible — the chosen area turns a darker shade with a white
bar on its left edge while the list has focus; its icon turns white like its text.
Checked on the pixels of the real window."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication

from desktop.views.main_window import MainWindow
from tests.desktop.views.conftest import shoot, wait_idle


def row_image(window: MainWindow) -> tuple[QImage, int, int, int, int]:
    QApplication.processEvents()
    nav = window.nav
    rect = nav.visualItemRect(nav.currentItem())
    image = nav.viewport().grab().toImage()
    return image, rect.left(), rect.top(), rect.right(), rect.bottom()


def colours_of_column(image: QImage, x: int, top: int, bottom: int) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for y in range(top, bottom + 1)}


def test_the_chosen_area_has_no_focus_box_but_shows_focus(qtbot, state):
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    wait_idle(qtbot, state)
    w.nav.setCurrentRow(1)
    w.activateWindow()
    w.nav.setFocus()
    qtbot.waitUntil(w.nav.hasFocus)
    shoot(w, "nav-focus")
    focused, left, top, right, bottom = row_image(w)
    # Right of the text, the chosen row is one flat colour from its top to its bottom edge:
    # no frame line of a focus box crosses it (Qt's default draws one a few pixels in).
    for x in range(right - 8, right + 1):
        assert len(colours_of_column(focused, x, top, bottom)) == 1, f"a focus box line at x={x}"
    for y in (top, top + 2, bottom - 2, bottom):
        row = {QColor(focused.pixel(x, y)).name() for x in range(right - 40, right + 1)}
        assert len(row) == 1, f"a focus box line at y={y}"
    focused_background = QColor(focused.pixel(right - 4, (top + bottom) // 2))
    # The white bar on the left edge says where the keyboard is.
    assert QColor(focused.pixel(left + 1, (top + bottom) // 2)).name() == "#ffffff"

    w.members_page.search.setFocus()
    qtbot.waitUntil(lambda: not w.nav.hasFocus())
    shoot(w, "nav-no-focus")
    unfocused, left, top, right, bottom = row_image(w)
    unfocused_background = QColor(unfocused.pixel(right - 4, (top + bottom) // 2))
    # Still chosen (highlighted), but in the lighter shade and without the bar.
    assert unfocused_background.name() != QColor("white").name()
    assert abs(unfocused_background.lightness() - focused_background.lightness()) >= 30
    assert QColor(unfocused.pixel(left + 1, (top + bottom) // 2)).name() == unfocused_background.name()


def inked(image: QImage) -> list[QColor]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # not premultiplied: edges keep their colour
    colours = (QColor.fromRgba(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height()))
    return [c for c in colours if c.alpha() > 200]


def test_the_chosen_areas_icon_turns_white(qtbot, state):
    w = MainWindow(state)
    qtbot.addWidget(w)
    for row in range(w.nav.count()):
        icon = w.nav.item(row).icon()
        normal = inked(icon.pixmap(20, 20).toImage())
        chosen = inked(icon.pixmap(20, 20, QIcon.Mode.Selected).toImage())
        assert normal and chosen, w.nav.item(row).text()
        assert all(c.blue() > c.red() + 60 for c in normal)  # the drawings' blue
        assert all(min(c.red(), c.green(), c.blue()) >= 240 for c in chosen), w.nav.item(row).text()
