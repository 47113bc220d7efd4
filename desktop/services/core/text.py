"""Text on its way in: NFC, trimmed, and folded keys for search and duplicate checks."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from protocol.limits import strip_control

# Invisible characters that copy and paste from web pages and chat apps leave in names.
_INVISIBLE = {0x200B: None, 0x2060: None, 0xFEFF: None}


def clean(value: object) -> str | None:
    """NFC, trimmed, inner runs of white space made one space; empty becomes None."""
    if value is None:
        return None
    s = value if type(value) is str else str(value)
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    if s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " ":
        # Clean already, the usual case: printable means no white space but the plain
        # space (every other one is a "separator" or "other" character), and no
        # invisible character either.
        return s or None
    if "\u200b" in s or "\u2060" in s or "\ufeff" in s:
        s = s.translate(_INVISIBLE)
    # NUL (Excel's "_x0000_"), other C0 and C1 controls: never kept (PostgreSQL refuses
    # NUL, the rest are invisible and break printing); tabs and newlines separate words.
    s = strip_control(s)
    # str.split() splits on exactly what the regex \s matches (str.isspace), and drops the ends.
    s = " ".join(s.split())
    return s or None


def clean_name(value: object) -> str | None:
    """A person's name: clean, and written in title case if it came all upper or lower."""
    s = clean(value)
    if s is None:
        return None
    if s.istitle() and s.replace(" ", "").isalpha():
        return s  # "Nguyễn Văn Đức" already: every word one capital then small letters
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
    if value.isascii():  # nothing to take off: the same as below, quicker
        return " ".join(value.lower().split())
    if "Đ" in value or "đ" in value:
        bare = value.replace("Đ", "D").replace("đ", "d")  # "CĐ0123": a card number
        if bare.isascii():
            return " ".join(bare.lower().split())
    return _fold_text(value)


@lru_cache(maxsize=8192)  # the same few values (genders, groups, a name) folded again and again
def _fold_text(value: str) -> str:
    return " ".join(_fold_word(w) for w in unicodedata.normalize("NFC", value).split())


def sort_key(full_name: str, folded: str | None = None) -> str:
    """Vietnamese order: by given name (the last word), then the whole name.

    folded, when the caller has it already, is fold(full_name)."""
    if folded is None:
        folded = fold(full_name)
    return f"{folded.rsplit(' ', 1)[-1]} {folded}"


def search_terms(query: str) -> list[str]:
    return [t for t in fold(query).split(" ") if t]


# Vietnamese alphabetical order: đ after d, ă â after a, ê after e, ô ơ after o, ư after
# u; the tone marks only decide between words that are otherwise the same, in the order
# ngang, huyền, sắc, hỏi, ngã, nặng. A plain sort puts "Tổ Đóng gói" after "Tổ Văn phòng"
# (Đ is U+0110); this key puts it where a Vietnamese reader looks for it.
_ALPHABET = {ch: i for i, ch in enumerate("aăâbcdđeêghiklmnoôơpqrstuưvxy")}
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


@lru_cache(maxsize=4096)
def collation_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", (text or "").casefold()):
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        letters.append(_ALPHABET[letter] if letter in _ALPHABET else 100 + ord(letter[0]))
        tones.append(tone)
    return tuple(letters), tuple(tones)
