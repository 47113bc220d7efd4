"""The bundled font family: every Vietnamese letter in every face, the licence next to
it, Times New Roman preferred when the system has all of it."""

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.printing.fonts import (
    BUNDLED_FAMILY,
    VIETNAMESE_LETTERS,
    Faces,
    bundled_font_files,
    find_system_times,
    missing_letters,
    register_fonts,
)
from desktop.resources import resources_dir

ROOT = Path(__file__).resolve().parents[3]


def test_the_letter_list_is_all_of_vietnamese():
    # 12 vowels (a ă â e ê i o ô ơ u ư y) x 6 tone forms x 2 cases, and đ Đ.
    assert len(VIETNAMESE_LETTERS) == len(set(VIETNAMESE_LETTERS)) == 12 * 6 * 2 + 2
    for ch in "ắằẳẵặẤẦẨẪẬếỀểỄệớỜởỠợứỪửỮựỳỲỷỸỵđĐơƠưƯăĂâÂêÊôÔ":
        assert ch in VIETNAMESE_LETTERS
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in VIETNAMESE_LETTERS)


def test_every_bundled_face_has_every_vietnamese_letter():
    files = bundled_font_files()
    assert [f.name for f in files] == ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                                      "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"]
    for path in files:
        font = TTFont(f"check-{path.stem}", str(path))
        assert missing_letters(font) == "", path.name
        # and the digits, the đồng sign's letters and the punctuation the forms print
        assert missing_letters(font, "0123456789.,:;()/-–…") == "", path.name
        assert font.face.name.decode().startswith("LiberationSerif")


def test_missing_letters_finds_what_a_font_lacks():
    font = TTFont("check-missing", str(bundled_font_files()[0]))
    assert missing_letters(font, "aꙮ\U0001F600") == "ꙮ\U0001F600"


def test_the_licence_is_bundled_with_the_fonts():
    text = (resources_dir() / "fonts" / "OFL-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Reserved Font Name Liberation" in text


def test_register_fonts_registers_four_faces_once():
    family = register_fonts()
    assert family in ("TimesNewRoman", BUNDLED_FAMILY)
    if find_system_times() is None:
        assert family == BUNDLED_FAMILY
    assert register_fonts() == family  # cached
    faces = Faces.of(family)
    registered = pdfmetrics.getRegisteredFontNames()
    for face in (faces.regular, faces.bold, faces.italic, faces.bold_italic):
        assert face in registered
    assert register_fonts(prefer_system=False) == BUNDLED_FAMILY


def test_the_bundled_family_has_the_metrics_of_times():
    """Metric-compatible with Times New Roman: a form laid out with either prints the
    same. Compared with the Times AFM widths ReportLab knows (measured, not drawn)."""
    register_fonts(prefer_system=False)
    faces = Faces.of(BUNDLED_FAMILY)
    text = "The quick brown fox jumps over the lazy dog 0123456789 (1.234.567), PHIEU THU"
    for face, times in ((faces.regular, "Times-Roman"), (faces.bold, "Times-Bold"),
                        (faces.italic, "Times-Italic"), (faces.bold_italic, "Times-BoldItalic")):
        ours = pdfmetrics.stringWidth(text, face, 12)
        theirs = pdfmetrics.stringWidth(text, times, 12)
        assert abs(ours - theirs) / theirs < 0.005, (face, ours, theirs)


def _fake_times(folder: Path, names=("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")):
    folder.mkdir(parents=True)
    for src, name in zip(bundled_font_files(), names):
        shutil.copyfile(src, folder / name)


def test_find_system_times_wants_all_four_faces_in_one_folder(tmp_path):
    _fake_times(tmp_path / "a" / "msttcorefonts", ("times.ttf", "timesbd.ttf", "timesi.ttf"))
    assert find_system_times([tmp_path / "a"]) is None          # no bold italic
    _fake_times(tmp_path / "b" / "truetype" / "msttcorefonts",
                ("Times.TTF", "TIMESBD.TTF", "timesi.ttf", "timesbi.ttf"))
    found = find_system_times([tmp_path / "a", tmp_path / "b", tmp_path / "missing"])
    assert found is not None
    assert [p.name.lower() for p in found] == ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"]


def _register_in_child(windir: Path) -> str:
    code = "from desktop.printing.fonts import register_fonts; print(register_fonts())"
    env = {**os.environ, "WINDIR": str(windir), "LOCALAPPDATA": str(windir / "none")}
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                       text=True, check=True)
    return r.stdout.strip()


# What the child finds when our fake Windows folder is refused: the bundled family, or a
# real Times New Roman if this machine has one under /usr/share/fonts.
FALLBACK = "TimesNewRoman" if find_system_times([Path("/usr/share/fonts")]) else BUNDLED_FAMILY


def test_times_new_roman_is_preferred_when_installed(tmp_path):
    # A Windows font folder with the four Times New Roman files (stand-ins here).
    _fake_times(tmp_path / "Windows" / "Fonts")
    assert _register_in_child(tmp_path / "Windows") == "TimesNewRoman"
    # With one face missing the bundled family is used.
    (tmp_path / "Windows" / "Fonts" / "timesbi.ttf").unlink()
    assert _register_in_child(tmp_path / "Windows") == FALLBACK


def test_a_times_new_roman_without_vietnamese_letters_is_not_used(tmp_path):
    from fontTools import subset

    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for src, name in zip(bundled_font_files(), ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")):
        # An old Times New Roman: Latin-1 only, no ơ ư ă đ nor the tone letters.
        subset.main([str(src), "--unicodes=U+0020-00FF", f"--output-file={folder / name}"])
        assert missing_letters(TTFont(f"old-{name}", str(folder / name)))
    assert _register_in_child(tmp_path / "Windows") == FALLBACK
