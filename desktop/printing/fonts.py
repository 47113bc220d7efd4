"""The one font family every printed form uses.

Times New Roman when the machine has it (every Windows PC does; it is the font of
official documents), otherwise the bundled Liberation Serif 2 (OFL, metric-compatible
with Times New Roman, full Vietnamese coverage; resources/fonts/). A system font is
taken only if all four faces are there and each has every Vietnamese letter: old copies
of Times New Roman lack some of them, and a missing glyph prints as an empty box.

Never the standard-14 PDF fonts: they have no Vietnamese letters.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resources_dir

BUNDLED_FAMILY = "LiberationSerif"
SYSTEM_FAMILY = "TimesNewRoman"

# regular, bold, italic, bold italic: the order used everywhere in this module.
BUNDLED_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
TIMES_FILES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")


def _vietnamese_letters() -> str:
    """Every letter of Vietnamese: the 12 vowels with no tone and the five tones, both
    cases (144), and đ Đ. All are single precomposed code points after NFC."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = []
    for vowel in "aăâeêioôơuưy":
        for tone in tones:
            ch = unicodedata.normalize("NFC", vowel + tone)
            letters += [ch, ch.upper()]
    return "".join(letters) + "đĐ"


VIETNAMESE_LETTERS = _vietnamese_letters()


@dataclass(frozen=True)
class Faces:
    """The ReportLab names of the four faces of a registered family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    @classmethod
    def of(cls, family: str) -> Faces:
        return cls(family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")


def bundled_font_files() -> tuple[Path, Path, Path, Path]:
    d = resources_dir() / "fonts"
    return tuple(d / name for name in BUNDLED_FILES)  # type: ignore[return-value]


def _system_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts a Windows user installed for themselves only
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs.append(Path("/usr/share/fonts"))  # searched recursively (msttcorefonts and others)
    return dirs


def find_system_times(search_dirs: list[Path] | None = None) -> tuple[Path, Path, Path, Path] | None:
    """The four Times New Roman files (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf,
    in any letter case) from the first folder that has all four, or None. Each search
    folder is searched with its sub-folders."""
    for base in search_dirs if search_dirs is not None else _system_font_dirs():
        try:
            if not base.is_dir():
                continue
            by_folder: dict[Path, dict[str, Path]] = {}
            for p in base.rglob("*.[tT][tT][fF]"):
                name = p.name.lower()
                if name in TIMES_FILES and p.is_file():
                    by_folder.setdefault(p.parent, {})[name] = p
        except OSError:
            continue
        for found in by_folder.values():
            if len(found) == 4:
                return tuple(found[n] for n in TIMES_FILES)  # type: ignore[return-value]
    return None


def missing_letters(font: TTFont, letters: str = VIETNAMESE_LETTERS) -> str:
    """The letters of `letters` that `font` has no glyph for."""
    cmap = font.face.charToGlyph
    return "".join(ch for ch in letters if ord(ch) not in cmap)


_lock = threading.Lock()
_registered: dict[bool, str] = {}


def _register(family: str, files) -> None:
    faces = Faces.of(family)
    fonts = [TTFont(name, str(path)) for name, path in zip(
        (faces.regular, faces.bold, faces.italic, faces.bold_italic), files)]
    for f in fonts:
        if missing_letters(f):
            raise ValueError(f"{f.face.filename}: no glyph for {missing_letters(f)!r}")
    for f in fonts:
        pdfmetrics.registerFont(f)
    pdfmetrics.registerFontFamily(family, normal=faces.regular, bold=faces.bold,
                                  italic=faces.italic, boldItalic=faces.bold_italic)
    for bold, italic, name in ((0, 0, faces.regular), (1, 0, faces.bold),
                               (0, 1, faces.italic), (1, 1, faces.bold_italic)):
        addMapping(family, bold, italic, name)


def register_fonts(*, prefer_system: bool = True) -> str:
    """Register the family once per process and return its name ("TimesNewRoman" or
    "LiberationSerif"); the faces are Faces.of(name). Thread-safe; later calls are free.

    prefer_system=False always gives the bundled Liberation Serif (reproducible output)."""
    family = _registered.get(prefer_system)
    if family:
        return family
    with _lock:
        family = _registered.get(prefer_system)
        if family:
            return family
        if prefer_system:
            files = find_system_times()
            if files:
                try:
                    if SYSTEM_FAMILY not in pdfmetrics.getRegisteredFontNames():
                        _register(SYSTEM_FAMILY, files)
                    family = SYSTEM_FAMILY
                except Exception:  # noqa: BLE001  a PC's font file may be broken in any way: use ours
                    family = None
        if not family:
            if BUNDLED_FAMILY not in pdfmetrics.getRegisteredFontNames():
                _register(BUNDLED_FAMILY, bundled_font_files())
            family = BUNDLED_FAMILY
        _registered[prefer_system] = family
        return family
