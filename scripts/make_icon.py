"""Draw the app icon (a ledger in the union's red with "CĐ") and save it as PNG and ICO.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    book = QPainterPath()
    book.addRoundedRect(QRectF(28 * s, 16 * s, 200 * s, 224 * s), 22 * s, 22 * s)
    p.fillPath(book, QColor("#c62828"))
    p.fillRect(QRectF(28 * s, 16 * s, 26 * s, 224 * s), QColor("#8e1b1b"))  # the spine
    p.setPen(QPen(QColor("#ffd54f"), 6 * s))
    p.drawLine(int(76 * s), int(184 * s), int(204 * s), int(184 * s))
    p.drawLine(int(76 * s), int(204 * s), int(180 * s), int(204 * s))
    font = QFont("DejaVu Sans", 1)
    font.setPixelSize(int(92 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(54 * s, 40 * s, 172 * s, 128 * s), Qt.AlignmentFlag.AlignCenter, "CĐ")
    p.end()
    return img


def main() -> None:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "congdoan.png"))
    if not draw(256).save(str(OUT / "congdoan.ico")):
        print("ICO writer not available; PNG only")


if __name__ == "__main__":
    main()
