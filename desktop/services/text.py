"""Text on its way in: NFC, trimmed, and folded keys for search and duplicate checks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str | None:
    """NFC, trimmed, inner runs of white space made one space; empty becomes None."""
    if value is None:
        return None
    s = unicodedata.normalize("NFC", str(value))
    s = _SPACES.sub(" ", s).strip()
    return s or None


def clean_name(value: object) -> str | None:
    """A person's name: clean, and written in title case if it came all upper or lower."""
    s = clean(value)
    if s is None:
        return None
    # Each word all upper or all lower ("NGUYỄN", "văn") becomes "Nguyễn", "Văn"; a
    # deliberately mixed word ("McDonald", on a foreign worker) is kept.
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w
                    for w in s.split(" "))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


def fold(value: str | None) -> str:
    """Search form of a text: no diacritics, đ→d, case-folded ("Đức" → "duc")."""
    if not value:
        return ""
    return " ".join(_fold_word(w) for w in unicodedata.normalize("NFC", value).split())


def sort_key(full_name: str) -> str:
    """Vietnamese order: by given name (the last word), then the whole name."""
    folded = fold(full_name)
    words = folded.split(" ")
    return f"{words[-1]} {folded}"


def search_terms(query: str) -> list[str]:
    return [t for t in fold(query).split(" ") if t]
