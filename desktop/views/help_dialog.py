"""The user guide (Vietnamese, resources/guide/huong-dan.md), shown inside the app."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextCursor, QTextDocument, QTextFormat, QTextImageFormat
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.resources import resources_dir

GUIDE = resources_dir() / "guide" / "huong-dan.md"


class GuideBrowser(QTextBrowser):
    """The guide with its pictures no wider than the page: the screenshots are taken at
    1366×768 and would otherwise need scrolling sideways in a dialog of 900 pixels. A
    picture too wide is drawn from a copy scaled smoothly (Qt's own stretching of the
    picture would make its small text ragged)."""

    ORIGINAL = QTextFormat.Property.UserProperty + 1  # the picture's own name in the guide

    @classmethod
    def original(cls, fmt: QTextImageFormat) -> str:
        return fmt.stringProperty(cls.ORIGINAL) or fmt.name()

    def fit_images(self) -> None:
        doc = self.document()
        room = int(self.viewport().width() - 2 * doc.documentMargin() - 4)
        if room <= 0:
            return
        found = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    found.append((fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()))
                it += 1
            block = block.next()
        for position, length, fmt in found:
            name = self.original(fmt)
            picture = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
            if not isinstance(picture, (QImage, QPixmap)) or picture.isNull():
                continue
            image = picture.toImage() if isinstance(picture, QPixmap) else picture
            width = min(image.width(), room)
            shown = name if width == image.width() else f"{name}#{width}"
            if fmt.name() == shown and round(fmt.width()) == width:
                continue
            if shown != name:  # kept under the name the document looks up (resolved against the guide's folder)
                doc.addResource(QTextDocument.ResourceType.ImageResource, doc.baseUrl().resolved(QUrl(shown)),
                                image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
            fmt.setProperty(self.ORIGINAL, name)
            fmt.setName(shown)
            fmt.setWidth(width)
            fmt.setHeight(image.height() * width / image.width())
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_images()


class HelpDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng"))
        self.resize(900, 700)
        self.browser = GuideBrowser(objectName="guide")
        self.browser.setOpenExternalLinks(True)
        # Images are found beside the guide: the source's folder is the base for them.
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)), QTextDocument.ResourceType.MarkdownResource)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
