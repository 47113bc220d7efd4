"""The English translation is whole: every text the views show is in congdoan_en.ts
(lupdate finds nothing new), every entry is translated (none left unfinished), and each
translation keeps its source's placeholders ({0}, {2:.1f}, %1), markup (<b>, <br>) and
keyboard accelerators (&Tệp). tests/test_architecture.py checks that the .qm is compiled
from it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
TS_FILES = sorted(FOLDER.glob("*.ts"))

FIELD = re.compile(r"\{[^{}]*\}")           # str.format fields, with their format spec
PERCENT = re.compile(r"%L?\d+|%n")             # Qt's arg() markers
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")        # rich text
ACCEL = re.compile(r"&(?!&|[a-zA-Z]+;|#\d+;)(\S)")  # "&Tệp": one accelerator; "&&" and entities are not


def messages(ts: Path):
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = [f.text or "" for f in tr.iter("numerusform")] if m.get("numerus") == "yes" else [tr.text or ""]
            yield name, m.findtext("source") or "", tr.get("type"), forms


def marks(text: str) -> tuple[Counter, Counter, Counter, int]:
    return (Counter(FIELD.findall(text)), Counter(PERCENT.findall(text)), Counter(TAG.findall(text)),
            len(ACCEL.findall(text)))


def test_the_translation_sources_hold_every_text_of_the_views(tmp_path):
    """lupdate on a copy adds and drops nothing: no text of the code is missing from
    congdoan_en.ts (run scripts/translations.py after adding one, then translate it)."""
    ts = FOLDER / "congdoan_en.ts"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "desktop" / "views").glob("*.py")) + [str(ROOT / "desktop" / "app.py")]
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    assert copy.read_text(encoding="utf-8") == ts.read_text(encoding="utf-8"), "run scripts/translations.py"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_entry_is_translated(ts):
    left = [f"{ctx}: {src!r}" for ctx, src, kind, forms in messages(ts)
            if kind in ("unfinished", "vanished", "obsolete") or not all(f.strip() for f in forms)]
    assert not left, f"{len(left)} entries of {ts.name} not translated:\n" + "\n".join(left[:40])


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_placeholders_markup_and_accelerators(ts):
    wrong = []
    for ctx, src, _kind, forms in messages(ts):
        for form in forms:
            if form and marks(form) != marks(src):
                wrong.append(f"{ctx}: {src!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def test_the_checks_see_a_lost_placeholder_and_a_lost_accelerator():
    assert marks("Đã ghi {0} dòng vào sổ {1:.1f}") != marks("Recorded {0} rows")
    assert marks("&Tệp") != marks("File")
    assert marks("<b>{0}</b>") != marks("{0}")
    assert marks("Tom && Jerry") == marks("Tom and Jerry")
