"""Finding the header of a member list: which row it is on (one or two rows), what each
column holds, and the user's corrections to that."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.services.core.errors import ImportFileError
from desktop.services.core.fields import IMPORT_ONLY_FIELDS, MEMBER_FIELDS, header_index
from desktop.services.core.text import clean, fold
from desktop.services.members.importing.rows import Cells, totals_label

# Extra column meanings of Vietnamese forms: "Ngày sinh" over two sub-columns "Nam" and
# "Nữ", the date written under the member's sex; or "Giới tính" over "Nam" / "Nữ" with an x.
SPLIT_KEYS = {"birth_male": "Ngày sinh (Nam)", "birth_female": "Ngày sinh (Nữ)",
              "gender_male": "Giới tính: Nam", "gender_female": "Giới tính: Nữ",
              "name_family": "Họ và tên đệm (tên ở cột riêng)", "name_given": "Tên (họ ở cột riêng)",
              "group_parent": "Công đoàn bộ phận (trên tổ)"}


# A file that names both levels: "Bộ phận" (a công đoàn bộ phận) over "Tổ".
PARENT_HEADERS = {"cong doan bo phan", "cdbp", "cd bo phan", "bo phan", "cong doan bo phan/to"}
GROUP_HEADERS = {"to", "to cd", "to cong doan", "ten to", "to san xuat"}
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "tt."}


# A name kept in two columns, "Họ đệm" | "Tên" (so that the list sorts by given name), or
# under one "Họ và tên" merged over both.
FAMILY_HEADERS = {"ho", "ho dem", "ho va dem", "ho va ten dem", "ho lot", "ho va ten lot", "ho va chu lot",
                  "ho va chu dem", "ho va ten dem khai sinh"}
GIVEN_HEADERS = {"ten", "ten goi"}
MAX_HEADER_SCAN = 30


def mapping_choices() -> list[tuple[str, str]]:
    """(key, label) pairs a user may give a column; "" means the column is not imported."""
    return ([("", "(không nhập)")] + [(f.key, f.label) for f in MEMBER_FIELDS + IMPORT_ONLY_FIELDS]
            + list(SPLIT_KEYS.items()))


# Other spellings of the special keys that a user may give on the command line.
KEY_ALIASES = {"birth_date_male": "birth_male", "birth_date_female": "birth_female",
               "ngay_sinh_nam": "birth_male", "ngay_sinh_nu": "birth_female"}


def apply_overrides(guess: HeaderGuess, overrides: Sequence[str]) -> dict[int, str]:
    """The header's mapping with the user's corrections, each "COLUMN=FIELD": the column
    by its header text or its letter ("D"), the field by its key or label ("" = not
    imported). A field given to a column leaves the column it had."""
    mapping = dict(guess.mapping)
    choices = [(k, t) for k, t in mapping_choices() if k]
    keys = {k for k, _ in choices}
    by_label = {fold(t): k for k, t in choices}
    for item in overrides:
        column_text, sep, key_text = item.partition("=")
        column_text, key_text = column_text.strip(), key_text.strip()
        if not sep or not column_text:
            raise ImportFileError(f"“{item}”: cần dạng CỘT=TRƯỜNG, ví dụ “Ngày sinh Nữ=birth_female”.")
        column = _find_column(guess, column_text)
        key: str | None = KEY_ALIASES.get(key_text, key_text)
        if key and key not in keys:
            key = by_label.get(fold(key))
            if key is None:
                raise ImportFileError(f"Không có trường “{key_text}”: chọn một trong "
                                      + ", ".join(sorted(keys)) + ".")
        for c, k in list(mapping.items()):
            if key and k == key:
                del mapping[c]
        if key:
            mapping[column] = key
        else:
            mapping.pop(column, None)
    return mapping


def _find_column(guess: HeaderGuess, text: str) -> int:
    wanted = fold(clean(text))
    for c, h in enumerate(guess.headers):
        if h and fold(h) == wanted:
            return c
    if re.fullmatch(r"[A-Za-z]{1,2}", text):
        n = 0
        for ch in text.upper():
            n = n * 26 + ord(ch) - 64
        return n - 1
    for c, h in enumerate(guess.headers):  # "Ngày sinh Nữ" for the header "Ngày sinh (Nữ)"
        if h and _fold_header(h) == _fold_header(text) and sum(
                1 for x in guess.headers if x and _fold_header(x) == _fold_header(text)) == 1:
            return c
    shown_headers = ", ".join(f"“{h}”" for h in guess.headers if h)
    raise ImportFileError(f"Không có cột “{text}” ở dòng tiêu đề (dòng {guess.header_row + 1}); các cột là: "
                          f"{shown_headers}. Có thể ghi chữ cột, ví dụ D.")


def _fold_header(value: object) -> str:
    s = fold(clean(value) or "")
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", s)  # "Ngày sinh (dd/mm/yyyy)" → "ngay sinh"
    # "Ngày, tháng, năm sinh" (the wording of official forms) → "ngay thang nam sinh"
    s = re.sub(r"[*:;#,]|\s\d+$", " ", s)
    return " ".join(s.replace("\n", " ").split())


def _match_header(value: object, index: dict[str, str]) -> str | None:
    h = _fold_header(value)
    if not h or h in IGNORED_HEADERS:
        return None
    if h in index:
        return index[h]
    for alias in sorted(index, key=len, reverse=True):  # longest alias that starts it
        if len(alias) >= 4 and h.startswith(alias + " "):
            return index[alias]
    return None


@dataclass(frozen=True)
class HeaderGuess:
    header_row: int  # 0-based index of the (first) header row
    data_start: int  # 0-based index of the first data row
    headers: tuple[str, ...]  # display text per column
    mapping: dict[int, str]  # column → field key


def guess_header(rows: Sequence[Cells]) -> HeaderGuess:
    index = header_index()
    best, best_score = None, 0
    for r, row in enumerate(rows[:MAX_HEADER_SCAN]):
        keys = {k for k in (_match_header(c, index) for c in row) if k}
        score = len(keys) + (2 if "full_name" in keys else 0)
        if "full_name" in keys and score > best_score:
            best, best_score = r, score
    if best is None or best_score < 4:
        raise ImportFileError(
            "Không tìm thấy dòng tiêu đề: trong 30 dòng đầu cần có cột “Họ và tên” và ít nhất một cột "
            "khác như “Ngày sinh”, “Giới tính”, “Số CCCD”.")
    width = max(len(r) for r in rows[best: best + 2])
    header = list(rows[best]) + [""] * (width - len(rows[best]))
    mapping: dict[int, str] = {}
    for c, cell in enumerate(header):
        k = _match_header(cell, index)
        if k and k not in mapping.values():
            mapping[c] = k
    data_start = best + 1
    sub = list(rows[best + 1]) + [""] * width if best + 1 < len(rows) else [""] * width
    sub_folded = [_fold_header(x) for x in sub[:width]]
    # What each column is called at its lowest header level, for the split name below.
    labels = [_fold_header(h) for h in header]
    two_rows = ("nam" in sub_folded and "nu" in sub_folded) or (
        any(x in FAMILY_HEADERS for x in sub_folded) and any(x in GIVEN_HEADERS for x in sub_folded))
    if two_rows:
        # Two-row header: the parent is the nearest filled header cell at or left of c.
        for c, s in enumerate(sub_folded):
            if s in ("nam", "nu"):
                parent = next((header[p] for p in range(c, -1, -1) if clean(header[p])), "")
                pk = _match_header(parent, index)
                side = "male" if s == "nam" else "female"
                if pk == "birth_date":
                    mapping[c] = f"birth_{side}"
                elif pk == "gender":
                    mapping[c] = f"gender_{side}"
            elif c not in mapping and (k := _match_header(sub[c], index)) and k not in mapping.values():
                mapping[c] = k
            if s:
                labels[c] = s
        data_start = best + 2
        parent = ""
        for c in range(width):
            parent = clean(header[c]) or parent
            if clean(sub[c]):
                header[c] = f"{parent} {clean(sub[c])}".strip()
    # A numbering row "(1) (2) (3)", "1 2 3" or "A B 1 2" under the header is not data.
    if data_start < len(rows):
        nums = [clean(x) for x in rows[data_start] if clean(x)]
        if len(nums) >= 3 and all(re.fullmatch(r"\(?(\d{1,2}|[A-Z])\)?", str(n).removesuffix(".0")) for n in nums):
            data_start += 1
    _split_name(mapping, labels, rows[data_start:data_start + 60])
    _two_levels(mapping, labels)
    if not {"gender", "gender_male", "gender_female", "birth_male", "birth_female"} & set(mapping.values()):
        # One column "Nữ" with an x for each woman (a blank: a man), as many lists keep sex.
        female = next((c for c, x in enumerate(labels) if x in ("nu", "gioi tinh nu") and c not in mapping), None)
        if female is not None:
            mapping[female] = "gender_female"
    headers = tuple(clean(h) or "" for h in header)
    return HeaderGuess(best, data_start, headers, mapping)


def _two_levels(mapping: dict[int, str], labels: list[str]) -> None:
    """A column "Bộ phận" / "CĐ bộ phận" beside a column "Tổ": the first names the công đoàn
    bộ phận each tổ belongs to (not the member's department)."""
    parent = next((c for c, x in enumerate(labels) if x in PARENT_HEADERS), None)
    group = next((c for c, x in enumerate(labels) if x in GROUP_HEADERS), None)
    if parent is None or group is None or parent == group:
        return
    for c, k in list(mapping.items()):
        if k == "group" and c != group:
            del mapping[c]
    mapping[group] = "group"
    mapping[parent] = "group_parent"


def _split_name(mapping: dict[int, str], labels: list[str], sample: Sequence[Cells]) -> None:
    """A name in two columns: "Họ đệm" | "Tên" headers, or "Họ và tên" merged over both."""
    name_cols = [c for c, k in mapping.items() if k == "full_name"]
    family = next((c for c, x in enumerate(labels) if x in FAMILY_HEADERS), None)
    given = next((c for c, x in enumerate(labels) if x in GIVEN_HEADERS), None)
    if family is not None and given is not None and family != given:
        # "Tên" (and "Họ và tên đệm") match the full name by their words: take them back,
        # unless another column holds the whole name.
        if any(c not in (family, given) for c in name_cols):
            return
        for c in name_cols:
            del mapping[c]
        mapping[family] = "name_family"
        mapping[given] = "name_given"
        return
    if len(name_cols) != 1:
        return
    c = name_cols[0]
    nxt = c + 1
    if nxt in mapping or (nxt < len(labels) and labels[nxt]):
        return
    # "Họ và tên" over two columns whose second one has no header of its own: it is the
    # given name when it holds one or two words of letters, varied, on nearly every row.
    pairs = [(r[c], r[nxt] if nxt < len(r) else "") for r in sample
             if c < len(r) and isinstance(r[c], str) and r[c].strip() and not totals_label(r)]
    words = [p[1] for p in pairs if isinstance(p[1], str) and 1 <= len(p[1].split()) <= 2
             and all(w.isalpha() for w in p[1].split()) and len(p[1].strip()) >= 2]
    distinct = {fold(w) for w in words}
    if (len(pairs) >= 2 and len(words) >= 0.9 * len(pairs) and not distinct & {"nam", "nu"}
            and len(distinct) >= max(2, len(words) // 5)):
        mapping[c] = "name_family"
        mapping[nxt] = "name_given"
