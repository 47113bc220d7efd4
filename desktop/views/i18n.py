"""Translations: the interface is written in Vietnamese; English comes from
congdoan_en.qm. Qt ships no Vietnamese for its own buttons (OK, Cancel, Yes…), so
qtbase_vi.qm, made here, covers them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.resources import resources_dir

LANGUAGES = ("vi", "en")
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> None:
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    folder = resources_dir() / "translations"
    files = ["qtbase_vi.qm"] if language == "vi" else ["congdoan_en.qm"]
    for name in files:
        t = QTranslator(app)
        if t.load(str(folder / name)):
            app.installTranslator(t)
            _installed.append(t)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English,
                               QLocale.Country.Vietnam))
