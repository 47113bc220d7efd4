"""The user guide's pictures (screenshots at 1366×768) fit the help dialog's page: no
scrolling sideways to see a screen, and none drawn wider than it is."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.views.help_dialog import GuideBrowser, HelpDialog
from tests.desktop.views.conftest import shoot


def image_formats(doc):
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment()
            if f.isValid() and f.charFormat().isImageFormat():
                yield f.charFormat().toImageFormat()
            it += 1
        block = block.next()


def test_the_guides_pictures_fit_its_page(qtbot, vietnamese):
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    browser = dialog.browser
    room = browser.viewport().width()
    formats = list(image_formats(browser.document()))
    assert len(formats) >= 12
    wide = 0
    for fmt in formats:
        image = browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                            QUrl(GuideBrowser.original(fmt)))
        assert isinstance(image, (QImage, QPixmap)) and not image.isNull(), fmt.name()
        drawn = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(fmt.name()))
        assert drawn.width() == round(fmt.width()), fmt.name()  # drawn from a copy of its size, not stretched
        assert 0 < fmt.width() <= room, fmt.name()
        assert fmt.width() == min(image.width(), fmt.width())  # never enlarged
        # the shape kept
        assert abs(fmt.height() / fmt.width() - image.height() / image.width()) < 0.01, fmt.name()
        wide += image.width() > room
    assert wide >= 5  # the main window's pages, shrunk to the page
    assert browser.horizontalScrollBar().maximum() == 0
    assert browser.find("Lọc")  # under the members page's picture
    QApplication.processEvents()
    shoot(dialog, "help-pictures-fit")
    # wider again: the pictures follow, up to their own size
    dialog.resize(1300, 700)
    QApplication.processEvents()
    assert max(f.width() for f in image_formats(browser.document())) > room
