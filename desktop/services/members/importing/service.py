"""Import of a member list from Excel: find the header, map the columns, preview every
row with its problems, then write the valid rows in one transaction.

Nothing is written before commit(); commit() writes all valid rows or none.
"""

from __future__ import annotations

import gc
import re
import secrets
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from operator import itemgetter
from pathlib import Path

from sqlalchemy import func, select

from desktop.models import BaseSalary, Member, MemberEvent, UnitGroup, utcnow
from desktop.models.audit import bulk_begin, bulk_end
from desktop.models.sync import NOW_MS
from desktop.services.core.context import Context
from desktop.services.core.errors import CancelledError, DomainError, ImportFileError
from desktop.services.core.excel_io import column_letter, iter_sheets, write_table
from desktop.services.core.fields import FIELDS_BY_KEY, IMPORT_ONLY_FIELDS, MEMBER_FIELDS, header_index, label
from desktop.services.core.permissions import require
from desktop.services.core.statuses import EVENT_KINDS
from desktop.services.core.text import clean, clean_name, fold
from desktop.services.dues.calc import compute_due, month_index
from desktop.services.dues.service import DuesService
from desktop.services.members.rules import (
    NEW_GROUP,
    MemberInput,
    MemberParser,
    dup_key,
    member_keys,
    member_keys_many,
)
from protocol.limits import strip_control

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

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
CHECK_EVERY = 500  # rows between two looks at cancel() and progress() while previewing
COMMIT_CHUNK = 2000  # rows per INSERT batch; cancel() is looked at between batches
REBUILD_INDEXES_FROM = 20_000  # new rows from which the member indexes are rebuilt, not updated
INPUT_FIELDS = tuple(f.name for f in fields(MemberInput) if f.name != "first_event")
_STATUS_AFTER = {kind: k.to_status for kind, k in EVENT_KINDS.items()}


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
        key = KEY_ALIASES.get(key_text, key_text)
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


def _fold_header(value) -> str:
    s = fold(clean(value) or "")
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", s)  # "Ngày sinh (dd/mm/yyyy)" → "ngay sinh"
    # "Ngày, tháng, năm sinh" (the wording of official forms) → "ngay thang nam sinh"
    s = re.sub(r"[*:;#,]|\s\d+$", " ", s)
    return " ".join(s.replace("\n", " ").split())


def _match_header(value, index: dict[str, str]) -> str | None:
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


def guess_header(rows: Sequence[Sequence]) -> HeaderGuess:
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


def _split_name(mapping: dict[int, str], labels: list[str], sample: Sequence[Sequence]) -> None:
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
             if c < len(r) and isinstance(r[c], str) and r[c].strip() and not _totals_label(r)]
    words = [p[1] for p in pairs if isinstance(p[1], str) and 1 <= len(p[1].split()) <= 2
             and all(w.isalpha() for w in p[1].split()) and len(p[1].strip()) >= 2]
    distinct = {fold(w) for w in words}
    if (len(pairs) >= 2 and len(words) >= 0.9 * len(pairs) and not distinct & {"nam", "nu"}
            and len(distinct) >= max(2, len(words) // 5)):
        mapping[c] = "name_family"
        mapping[nxt] = "name_given"


@dataclass(frozen=True)
class PreviewRow:
    row_number: int  # as Excel shows it (1-based)
    status: str  # "ok" | "warning" | "error" | "duplicate"
    problems: tuple[str, ...]
    cells: tuple
    value: MemberInput | None = None
    sheet: str = ""  # the sheet the row is on, when a workbook is imported sheet by sheet

    @property
    def where(self) -> str:
        return f"Trang “{self.sheet}”, dòng {self.row_number}" if self.sheet else f"Dòng {self.row_number}"


def _new_preview_row(row_number: int, status: str, problems: tuple, cells: tuple, value, sheet: str = ""
                     ) -> PreviewRow:
    """PreviewRow(...) without the frozen dataclass's __init__ (six object.__setattr__
    calls), once per row of a 100,000-row list. The object is the same."""
    row = object.__new__(PreviewRow)
    object.__setattr__(row, "__dict__", {"row_number": row_number, "status": status, "problems": problems,
                                         "cells": cells, "value": value, "sheet": sheet})
    return row


def problems_text(problems: Sequence[str]) -> str:
    """A row's problems as one text: each ends with one full stop, never ".;"."""
    return " ".join(p.rstrip(" .;") + "." for p in problems if p)


@dataclass
class ImportPreview:
    path: Path
    sheet: str
    guess: HeaderGuess
    mapping: dict[int, str]
    rows: list[PreviewRow] = field(default_factory=list)
    skipped: int = 0  # empty rows and rows that are not a member (totals, titles, signatures)
    # The rows that are not a member and were left out, with why: (where, what it said, why).
    skipped_rows: list[tuple[str, str, str]] = field(default_factory=list)
    # fold(full_name) of each importable row by row number, made once for the duplicate
    # check and used again for the search, sort and duplicate keys written by commit().
    folded: dict[int, str] = field(default_factory=dict, repr=False)
    # Groups the file names that the unit does not have: folded name → name as written.
    new_groups: dict[str, str] = field(default_factory=dict)
    # What the user chose for each of them (rename; the name of another group merges them):
    # folded name → the group's final name. A group not here is made under its own name.
    group_names: dict[str, str] = field(default_factory=dict)
    header_rows: list[list] = field(default_factory=list, repr=False)  # the source's header, for the report
    sheets: tuple[str, ...] = ()  # the sheets read, one group each, when more than one
    _seen: dict = field(default_factory=dict, repr=False)  # the duplicate checks across sheets
    known_groups: dict[str, str] = field(default_factory=dict, repr=False)  # the unit's: folded name → id
    # A file naming both levels: the công đoàn bộ phận (folded names), and the bộ phận of each tổ.
    parent_groups: dict[str, str] = field(default_factory=dict)  # folded → name as written
    group_parents: dict[str, str] = field(default_factory=dict)  # folded tổ → its bộ phận's name

    def rename_group(self, folded_name: str, name: str) -> None:
        """The new group folded_name is to be made as name (or merged into the group,
        existing or new, of that name)."""
        if folded_name not in self.new_groups:
            raise KeyError(folded_name)
        self.group_names[folded_name] = clean(name) or self.new_groups[folded_name]

    def groups_to_make(self) -> list[str]:
        """The names of the groups commit() will make, in the order first met (a name
        the user changed to an existing group's is merged into it, not made)."""
        out: dict[str, str] = {}
        for key, name in self.new_groups.items():
            final = self.group_names.get(key, name)
            parent = self.group_parents.get(key)
            if parent and fold(parent) not in self.known_groups:
                out.setdefault(fold(parent), parent)
            if fold(final) not in self.known_groups:
                out.setdefault(fold(final), final)
        return list(out.values())

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def importable(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status in ("ok", "warning")]


@dataclass(frozen=True)
class ImportResult:
    imported: int
    rejected: int
    duplicates: int
    skipped: int
    warnings: int
    report: str | None = None
    groups_created: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return dict(imported=self.imported, rejected=self.rejected, duplicates=self.duplicates,
                    skipped=self.skipped, warnings=self.warnings, report=self.report,
                    groups_created=list(self.groups_created))


_TC: dict[str, bool] = {}  # first letters that may start "Tổng" / "Cộng" once folded


def _totals_label(cells: Sequence) -> str | None:
    """Whether the row's first text says "Tổng cộng" / "Tổng số" / "Cộng": "marked" when it is
    written with its marks (never a name), "plain" when without ("TONG CONG" could also be
    the start of a name such as "Tống Công Minh"), else None."""
    for c in cells:
        if isinstance(c, str) and c and not c.isspace():
            first = c
            break
    else:
        return None
    ch = first.lstrip()[0]
    if ch.isascii() and ch not in "TtCc":  # most names: no need to fold the text
        return None
    folded = fold(first)
    if not (folded.startswith(("tong cong", "tong so", "cong:", "cong ", "tong:")) or folded in ("cong", "tong")):
        return None
    lower = (clean(first) or "").lower()
    return "marked" if lower.startswith(("tổng", "cộng")) else "plain" if lower.isascii() else None


_SPECIAL_KEYS = frozenset(("name_family", "name_given", "birth_male", "birth_female", "gender_male", "gender_female"))
# What the special keys write, which a plain column of the same field could also write.
_SPECIAL_WRITES = {"name_family": {"full_name"}, "name_given": {"full_name"}, "birth_male": {"birth_date", "gender"},
                   "birth_female": {"birth_date", "gender"}, "gender_male": {"gender"}, "gender_female": {"gender"}}


class _RowReader:
    """Turns the cells of a row into raw values by field key, as the mapping says."""

    def __init__(self, mapping: dict[int, str]) -> None:
        self.mapping = mapping
        self.special = [(c, k) for c, k in mapping.items() if k in _SPECIAL_KEYS]
        plain = [(c, k) for c, k in mapping.items() if k not in _SPECIAL_KEYS]
        writes = set().union(*(_SPECIAL_WRITES[k] for _, k in self.special))
        # Plain columns first, special ones after, gives the same values as the mapping's
        # own order unless both write the same field (then the mapping's order is kept).
        self.ordered = bool(writes & {k for _, k in plain})
        self.plain = plain
        self.width = max(mapping, default=-1) + 1
        # Only a column "Nữ" (an x for each woman): a row with no x is a man's.
        keys = set(mapping.values())
        self.female_only = "gender_female" in keys and not keys & {"gender", "gender_male", "birth_male",
                                                                   "birth_female"}

    def __call__(self, cells: Sequence) -> dict[str, object]:
        raw = self._read(cells)
        if self.female_only and raw and "gender" not in raw:
            raw["gender"] = "Nam"
        return raw

    def _read(self, cells: Sequence) -> dict[str, object]:
        if self.ordered:
            return _raw_from_cells(cells, self.mapping)
        raw: dict[str, object] = {}
        if len(cells) >= self.width:
            for c, key in self.plain:
                v = cells[c]
                if v != "" and v is not None:
                    raw[key] = v
        else:
            n = len(cells)
            for c, key in self.plain:
                if c < n:
                    v = cells[c]
                    if v != "" and v is not None:
                        raw[key] = v
        if self.special:
            _special_values(cells, self.special, raw)
        return raw

    def columns(self, data: Sequence[Sequence]) -> tuple[dict[str, list], list[bool]]:
        """What __call__ reads from each row, column by column: the raw values by field key
        ("" or None where a row has none), and whether each row has no value at all."""
        n = len(data)
        plain_keys = [k for _, k in self.plain]
        if self.ordered or len(set(plain_keys)) < len(plain_keys) or any(len(r) < self.width for r in data):
            raws = [self(cells) for cells in data]  # the rare layouts: row by row
            keys = {k for raw in raws for k in raw}
            return {k: [raw.get(k) for raw in raws] for k in keys}, [not raw for raw in raws]
        if len(self.plain) > 4:  # one transposition for all the columns at once
            every = list(zip(*data)) if data else [()] * self.width
            columns = {key: every[c] for c, key in self.plain}
        else:
            columns = {key: list(map(itemgetter(c), data)) for c, key in self.plain}
        empty = [False] * n
        if self.plain:
            # A row is empty when all its plain cells are: look only at the rows whose
            # first plain cell is (the name, in most lists: rarely).
            first = columns["full_name"] if "full_name" in columns else columns[plain_keys[0]]
            rest = [columns[k] for k in plain_keys]
            for i, v in enumerate(first):
                if (v == "" or v is None) and all(c[i] == "" or c[i] is None for c in rest):
                    empty[i] = True
        else:
            empty = [True] * n
        if self.special:
            written = []
            for cells in data:
                raw: dict[str, object] = {}
                _special_values(cells, self.special, raw)
                written.append(raw)
            for key in {k for raw in written for k in raw}:
                columns[key] = [raw.get(key) for raw in written]
            empty = [e and not raw for e, raw in zip(empty, written)]
        if self.female_only:
            columns["gender"] = [g if g not in ("", None) else None if e else "Nam"
                                 for g, e in zip(columns.get("gender") or [None] * n, empty)]
        return columns, empty


def _raw_from_cells(cells: Sequence, mapping: dict[int, str]) -> dict[str, object]:
    raw: dict[str, object] = {}
    n = len(cells)
    for c, key in mapping.items():
        if key in _SPECIAL_KEYS:
            _special_values(cells, ((c, key),), raw)
            continue
        v = cells[c] if c < n else None
        if v in ("", None):
            continue
        raw[key] = v
    return raw


def _special_values(cells: Sequence, special, raw: dict[str, object]) -> None:
    n = len(cells)
    for c, key in special:
        v = cells[c] if c < n else None
        if v in ("", None):
            continue
        if key in ("name_family", "name_given"):
            # Family then given name, whichever order the columns come in.
            raw[key] = v
            family, given = clean(raw.get("name_family")), clean(raw.get("name_given"))
            raw["full_name"] = " ".join(p for p in (family, given) if p)
        elif key in ("birth_male", "birth_female"):
            raw["birth_date"] = v
            raw["gender"] = "Nam" if key == "birth_male" else "Nữ"
        elif clean(v):  # gender_male, gender_female: an x under Nam or Nữ
            raw["gender"] = "Nam" if key == "gender_male" else "Nữ"


def _row_key(row: PreviewRow):
    """How preview.folded knows a row: its number, with its sheet when there are several."""
    return (row.sheet, row.row_number) if row.sheet else row.row_number


def _row_text(cells: Sequence) -> str:
    """What a row says, its filled cells one after another, for the list of skipped rows."""
    return " | ".join(str(int(c)) if isinstance(c, float) and c.is_integer() else str(c)
                      for c in cells if c not in ("", None))[:200]


def _filled(cells: Sequence) -> int:
    return len(cells) - cells.count("") - cells.count(None)


# A line above a group's rows names the group: "Tổ 1", "II. TỔ SẢN XUẤT", "Bộ phận Kho".
# Written with its marks ("Tổ", not "To": "Tô Văn Nam" is a person), after an optional
# numbering ("I.", "2 -", "B)").
_SECTION = re.compile(r"^(?:(?:[IVXLC]+|\d{1,2}|[A-Z])\s*[.)\-–:]\s*)?"
                      r"((?:tổ|công đoàn bộ phận|cđbp|cđ bộ phận|bộ phận|phòng|khối|phân xưởng|xưởng|đội|ban|"
                      r"chi nhánh|nhà máy)\b.*)$", re.IGNORECASE)
_NUMBERING = re.compile(r"^\(?(?:[IVXLC]+|\d{1,2}|[A-Za-z])\)?\.?$")


def _section_lines(data: Sequence[Sequence], empty: Sequence[bool], columns: dict[str, Sequence]
                   ) -> dict[int, str]:
    """Rows that name the group of the rows under them, by index: a line of one text (or
    a numbering and a text) that says "Tổ …" or the like, with no birth date nor sex.
    Only the rows with neither are looked at (a handful in a list of thousands)."""
    out: dict[int, str] = {}
    births, genders = columns.get("birth_date"), columns.get("gender")
    n = len(data)
    nothing = [None] * n
    candidates = [i for i, (b, g, e) in enumerate(zip(births or nothing, genders or nothing, empty))
                  if not e and (b == "" or b is None) and (g == "" or g is None)]
    for i in candidates:
        cells = data[i]
        if _filled(cells) > 2:
            continue
        texts = [clean(c) for c in cells if isinstance(c, str) and clean(c)]
        others = [c for c in cells if c not in ("", None) and not isinstance(c, str)]
        if not texts or len(texts) > 2 or (others and not all(isinstance(o, (int, float)) for o in others)):
            continue
        text = texts[-1]
        if len(texts) == 2 and not _NUMBERING.fullmatch(texts[0]):
            continue
        m = _SECTION.fullmatch(text)
        if m and len(text) <= 80 and not _two_people_like(text):
            name = m.group(1).strip(" :.")
            out[i] = name[:1].upper() + name[1:] if not name.isupper() else clean_name(name) or name
    return out


def _two_people_like(text: str) -> bool:
    return "," in text


# Under the list: the place and date it was made, the signers' titles, the notes.
_PLACE_DATE = re.compile(r"ngay\s*[\d.…_ ]*\s*thang\s*[\d.…_ ]*\s*nam")
_FOOTER_STARTS = ("nguoi lap", "tm.", "tm ", "t/m", "t.m", "thay mat", "chu tich", "pho chu tich", "ke toan",
                  "thu quy", "ban chap hanh", "xac nhan", "thu truong", "giam doc", "ky ten", "(ky", "ky,",
                  "ky ghi ro", "ghi chu", "luu y", "danh sach nay", "danh sach co", "danh sach gom", "trong do",
                  "tong so", "noi nhan", "duyet", "nguoi duyet", "truong ban", "uy vien")


def _not_a_member(cells: Sequence, footer: bool) -> str | None:
    """Why a row that does not make a member is not one (skipped, not an error), or None:
    a numbering row "(1) (2) (3)", a place-and-date line, a signer's title, and under
    those (footer) the signers' names and what else is written below the list."""
    texts = [clean(c) for c in cells if c not in ("", None)]
    texts = [t for t in texts if t]
    if len(texts) >= 3 and all(_NUMBERING.fullmatch(t.removesuffix(".0")) for t in texts):
        return "dòng đánh số cột"
    if len(texts) > 4:
        return None
    folded = [fold(t) for t in texts]
    if any(_PLACE_DATE.search(f) for f in folded):
        return "dòng nơi và ngày lập danh sách"
    if any(f.startswith(_FOOTER_STARTS) for f in folded):
        return "phần ký tên, ghi chú dưới danh sách"
    if footer:
        return "phần ký tên dưới danh sách"
    return None


def _repeats_header(cells: Sequence, header_words: set[str]) -> bool:
    """A header printed again on each page of the list: three cells or more say what the
    header says."""
    return sum(1 for c in cells if isinstance(c, str) and fold(clean(c)) in header_words) >= 3


def _told_apart(id_a: str | None, card_a: str | None, id_b: str | None, card_b: str | None) -> bool:
    """Two people of the same name and birth date are told apart by different ID numbers
    (or card numbers) when both have one."""
    return bool((id_a and id_b and id_a != id_b) or (card_a and card_b and card_a != card_b))


class MemberImport:
    """One import: read → preview (user may change the mapping) → commit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def read(self, path: Path | str, sheet: str | None = None) -> tuple[str, list[list], HeaderGuess]:
        """The sheet holding the list (the named one, else the first whose header is
        found: a workbook may start with an instructions sheet), its rows and header."""
        for found in self.read_sheets(path, sheet, first_only=True):
            return found
        raise ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")  # pragma: no cover (raised below)

    def read_sheets(self, path: Path | str, sheet: str | None = None, *, first_only: bool = False
                    ) -> list[tuple[str, list[list], HeaderGuess]]:
        """Every sheet with a member list: (name, rows, header), in the workbook's order."""
        first_error = None
        found = []
        with _no_gc():  # 100,000 row lists made at once
            for name, rows in iter_sheets(path, sheet):
                try:
                    found.append((name, rows, guess_header(rows)))
                except ImportFileError as exc:
                    first_error = first_error or exc
                    continue
                if first_only:
                    return found
        if found:
            return found
        if first_error is None:
            raise ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")
        raise first_error

    @staticmethod
    def may_be_one_group_per_sheet(sheets: Sequence[tuple[str, list[list], HeaderGuess]]) -> bool:
        """Whether a workbook could keep one group per sheet: several sheets with a list and
        no column of groups."""
        return len(sheets) > 1 and all("group" not in g.mapping.values() for _, _, g in sheets)

    @classmethod
    def one_group_per_sheet(cls, sheets: Sequence[tuple[str, list[list], HeaderGuess]]) -> bool:
        """Whether a workbook keeps one group per sheet, so that it is read whole: it may
        be, and every sheet is named as a group is ("Tổ May 1", "Bộ phận Kho"), not as a
        year or a version ("DS 2025", "Sheet2"), which would be the same people again."""
        return cls.may_be_one_group_per_sheet(sheets) and all(
            _SECTION.fullmatch(clean(name) or "") for name, _, _ in sheets)

    def preview(self, path: Path | str, *, sheet: str | None = None, mapping: dict[int, str] | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                rows: list[list] | None = None, guess: HeaderGuess | None = None,
                all_sheets: bool | None = None) -> ImportPreview:
        """Every row checked, nothing written. all_sheets: read every sheet that holds a
        list, each sheet's name its rows' group (None: when the workbook looks so)."""
        if rows is None or guess is None:
            found = self.read_sheets(path, sheet) if sheet is None and all_sheets is not False \
                else self.read_sheets(path, sheet, first_only=True)
            if all_sheets is None:
                all_sheets = self.one_group_per_sheet(found)
            if not all_sheets:
                found = found[:1]
        else:
            found = [(sheet or "", rows, guess)]
            all_sheets = False
        name0, _, guess0 = found[0]
        mapping = dict(mapping if mapping is not None else guess0.mapping)
        if "full_name" not in mapping.values() and "name_given" not in mapping.values():
            raise ImportFileError("Chưa chọn cột nào là “Họ và tên”.")
        preview = ImportPreview(Path(path), name0, guess0, mapping)
        if all_sheets:
            preview.sheets = tuple(n for n, _, _ in found)
        with self.ctx.read() as s:
            preview.known_groups = {fold(n): gid for n, gid in s.execute(
                select(UnitGroup.name, UnitGroup.id).where(UnitGroup.deleted_at.is_(None)))}
            known = _Known.load(s)
            base = s.scalar(select(BaseSalary.amount).where(
                BaseSalary.deleted_at.is_(None), BaseSalary.effective_from <= date.today())
                .order_by(BaseSalary.effective_from.desc()).limit(1))
            monthly_due = _monthly_due(s, DuesService(self.ctx))
        total = sum(len(r) - g.data_start for _, r, g in found)
        done = 0
        for name, sheet_rows, sheet_guess in found:
            sheet_mapping = mapping if sheet_guess is guess0 else dict(sheet_guess.mapping)
            data = sheet_rows[sheet_guess.data_start:]
            if not preview.header_rows:
                preview.header_rows = [list(r) for r in sheet_rows[sheet_guess.header_row:sheet_guess.data_start]]

            def sheet_progress(i, n, done=done):
                if progress:
                    progress(done + i, total)
            with _no_gc():
                self._check_rows(preview, data, _RowReader(sheet_mapping), preview.known_groups, known,
                                 sheet_progress, cancel, sheet_guess=sheet_guess,
                                 sheet=name if all_sheets else "", base_salary=base, monthly_due=monthly_due)
            done += len(data)
        # Only the groups of rows that go in: a signer's title under the list is no group.
        used = {r.value.group_id for r in preview.rows if r.value is not None}
        preview.new_groups = {k: v for k, v in preview.new_groups.items() if NEW_GROUP + k in used}
        if progress:
            progress(total, total)
        return preview

    @staticmethod
    def _two_levels(preview: ImportPreview, columns: dict, parents, n: int) -> None:
        """A column of công đoàn bộ phận beside the column of tổ: each tổ's bộ phận is
        remembered (a new tổ is made inside it); a row with no tổ belongs to the bộ phận."""
        own = columns.get("group") or [None] * n
        merged = []
        for g, p in zip(own, parents):
            parent, group = clean(p), clean(g)
            if parent:
                preview.parent_groups.setdefault(fold(parent), parent)
                if group:
                    preview.group_parents.setdefault(fold(group), parent)
            merged.append(group or parent)
        columns["group"] = merged

    def _check_rows(self, preview, data, read_row, groups, known, progress, cancel, *,
                    sheet_guess: HeaderGuess | None = None, sheet: str = "", base_salary: int | None = None,
                    monthly_due=None) -> None:
        """Every data row parsed and checked for duplicates: the body of preview().

        The rows are read and parsed column by column (MemberParser.parse_columns: what
        depends on one value is looked up once per distinct value), then checked here
        row by row in order, as the duplicates within the file depend on the order."""
        if cancel and cancel():
            raise CancelledError()
        guess = sheet_guess or preview.guess
        mapping = read_row.mapping
        columns, empty = read_row.columns(data)
        n = len(data)
        # A group from the sheet's name, or from a line "Tổ 1" above the group's rows, for
        # the rows whose own group cell is empty.
        sections = _section_lines(data, empty, columns)
        if sheet or sections:
            own = columns.get("group")
            current, filled = sheet or None, []
            for i in range(n):
                if i in sections:
                    current = sections[i]
                v = own[i] if own is not None else None
                filled.append(v if v not in ("", None) else current)
            columns["group"] = filled
        parents = columns.pop("group_parent", None)
        if parents is not None:
            self._two_levels(preview, columns, parents, n)
        headers = guess.headers
        header_words = {fold(h) for h in headers if h}
        columns_of = {k: c for c, k in mapping.items()}

        def where(key: str) -> str:
            c = columns_of.get(key)
            if c is None:
                return label(key)
            head = headers[c] if c < len(headers) and headers[c] else label(key)
            return f"Cột {column_letter(c)} “{head}”"

        parser = MemberParser(groups=groups, today=date.today(), soft_optional=True,
                              new_groups=preview.new_groups, base_salary=base_salary, where=where,
                              monthly_due=monthly_due)
        parsed = parser.parse_columns(columns, n)
        seen = preview._seen
        seen_id: dict[str, int] = seen.setdefault("id", {})
        seen_card: dict[str, int] = seen.setdefault("card", {})
        seen_dup: dict[str, list] = seen.setdefault("dup", {})
        folded_names: dict[str, str] = {}  # fold(name), once per distinct name
        folded_of = preview.folded
        first_row = guess.data_start + 1
        add = preview.rows.append
        new_row = _new_preview_row
        skipped = 0
        footer = False  # past the list: a place-and-date line, a signature's title
        for i, (cells, is_empty, (v, errors, warnings)) in enumerate(zip(data, empty, parsed)):
            if i % CHECK_EVERY == 0:
                if cancel and cancel():
                    raise CancelledError()
                if progress:
                    progress(i, n)
            if is_empty:
                skipped += 1
                if _filled(cells):  # text only in columns not imported: say what it was
                    row_number = first_row + i
                    at = f"Trang “{sheet}”, dòng {row_number}" if sheet else f"Dòng {row_number}"
                    why = "dòng tổng cộng" if _totals_label(cells) else (
                        _not_a_member(cells, footer) or "dòng không có dữ liệu ở các cột được nhập")
                    footer = footer or why.startswith(("phần ký", "dòng nơi"))
                    preview.skipped_rows.append((at, _row_text(cells), why))
                continue
            row_number = first_row + i
            at = f"Trang “{sheet}”, dòng {row_number}" if sheet else f"Dòng {row_number}"
            if i in sections:
                skipped += 1
                preview.skipped_rows.append((at, _row_text(cells), f"tên tổ “{sections[i]}” cho các dòng dưới"))
                continue
            totals = _totals_label(cells)
            if totals == "marked" or (totals and errors):  # "TONG CONG" with counts, not a person
                skipped += 1
                preview.skipped_rows.append((at, _row_text(cells), "dòng tổng cộng"))
                continue
            if errors:
                why = _not_a_member(cells, footer) or (
                    "dòng tiêu đề lặp lại" if _repeats_header(cells, header_words) else None)
                if why:
                    skipped += 1
                    footer = footer or why != "dòng đánh số cột"
                    preview.skipped_rows.append((at, _row_text(cells), why))
                    continue
                problems = tuple(f"{label(k)}: {m}" for k, m in errors.items())
                add(new_row(row_number, "error", problems + tuple(warnings), tuple(cells), None, sheet))
                continue
            name = v.full_name
            folded = folded_names.get(name)
            if folded is None:
                folded = folded_names[name] = fold(name)
            key = dup_key(name, v.birth_date, folded)
            dup = known.clash(v, key) if known else None
            id_number, card = v.id_number, v.card_number
            if dup is None:
                if id_number and id_number in seen_id:
                    dup = f"Trùng số giấy tờ {id_number} với dòng {seen_id[id_number]} của tệp."
                elif card and card in seen_card:
                    dup = f"Trùng số thẻ {card} với dòng {seen_card[card]} của tệp."
                elif key in seen_dup:
                    earlier = [e for e in seen_dup[key] if e[1] or v.birth_year_only or e[0] == v.birth_date]
                    same = [e for e in earlier if not _told_apart(e[3], e[4], id_number, card)]
                    if same:
                        dup = f"Trùng họ tên và ngày sinh với dòng {same[0][2]} của tệp."
                    elif earlier:
                        warnings = list(warnings) + [
                            f"Cùng họ tên và ngày sinh với dòng {earlier[0][2]} nhưng khác số giấy tờ (hoặc số "
                            "thẻ): nhập là hai người, kiểm tra lại"]
            if dup is None and known:
                other = known.namesake(v, key)
                if other:
                    warnings = list(warnings) + [other]
            if dup:
                add(new_row(row_number, "duplicate", (dup,), tuple(cells), None, sheet))
                continue
            if id_number:
                seen_id[id_number] = row_number
            if card:
                seen_card[card] = row_number
            entry = (v.birth_date, v.birth_year_only, row_number, id_number, card)
            same_key = seen_dup.get(key)
            if same_key is None:
                seen_dup[key] = [entry]
            else:
                same_key.append(entry)
            folded_of[(sheet, row_number) if sheet else row_number] = folded
            if warnings:
                add(new_row(row_number, "warning", tuple(warnings), tuple(cells), v, sheet))
            else:
                add(new_row(row_number, "ok", (), tuple(cells), v, sheet))
        preview.skipped += skipped

    def commit(self, preview: ImportPreview, *, report: Path | str | None = None,
               progress: Progress | None = None, cancel: Cancel | None = None,
               create_groups: bool = True) -> ImportResult:
        """Write every importable row in one transaction, then the report of the others.

        The groups the file names that the unit does not have are made first, in the same
        transaction (as the user renamed or merged them); create_groups=False refuses the
        import instead, naming them."""
        rows = preview.importable
        total = len(rows)
        require(self.ctx, "members")  # the rows go in by SQL, past the check at each flush
        if preview.new_groups and not create_groups:
            raise MissingGroupsError(preview.groups_to_make())
        made = tuple(preview.groups_to_make())
        with self.ctx.write() as s:
            conn = s.connection()
            # Take the write lock first, so that nobody can add a member between the check
            # below and the inserts (pysqlite would only begin at the first INSERT).
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            group_ids = self._make_groups(s, preview)
            # One audit row for the whole import instead of one per member (per-row triggers off).
            bulk_begin(conn, "member", f"Nhập {total:,} đoàn viên từ tệp {Path(preview.path).name}".replace(",", "."))
            # Check again inside the transaction: another window or device may have added
            # members since the preview was made.
            known = _Known.load(s)
            for r in (rows if known else ()):
                folded = preview.folded.get(_row_key(r))
                clash = known.clash(r.value, dup_key(r.value.full_name, r.value.birth_date, folded))
                if clash:
                    raise ImportFileError(
                        f"Dòng {r.row_number}: {clash} Đoàn viên này được thêm sau khi xem trước: "
                        "hãy xem trước lại rồi nhập; chưa có gì được ghi.")
            writer = _BulkWriter(conn, self.ctx.device_id, total, group_ids)
            # The copies of one batch (SQLite's own work, done without the GIL) run on a
            # second thread while this one prepares the next batch; never two statements
            # at once on the connection. Leaving the block waits for the copy under way,
            # then the transaction is committed, or rolled back on a cancel or an error.
            with _no_gc(), ThreadPoolExecutor(1, thread_name_prefix="member-import") as copier:
                copying = None
                for start in range(0, total, COMMIT_CHUNK):
                    if cancel and cancel():
                        raise CancelledError()  # leaving the block rolls everything back
                    batch = writer.prepare(rows[start:start + COMMIT_CHUNK], preview.folded)
                    if copying is not None:
                        copying.result()  # the previous batch is in, or its error is raised
                    writer.stage(batch)
                    copying = copier.submit(writer.copy, batch)
                    if progress:
                        progress(min(start + COMMIT_CHUNK, total), total)
                if copying is not None:
                    copying.result()
                writer.finish()
            bulk_end(conn)
        report_path = None
        rejected = [r for r in preview.rows if r.status in ("error", "duplicate")]
        if report and rejected:
            report_path = str(write_report(preview, report))
        return ImportResult(
            imported=total, rejected=preview.count("error"), duplicates=preview.count("duplicate"),
            skipped=preview.skipped, warnings=preview.count("warning"), report=report_path,
            groups_created=made if total else ())

    def _make_groups(self, s, preview: ImportPreview) -> dict[str, str]:
        """The groups the preview found missing, made (or found, when another window made
        one meanwhile or the user merged it into an existing one): NEW_GROUP id → real id."""
        if not preview.new_groups:
            return {}
        existing = {fold(g.name): g.id for g in s.scalars(select(UnitGroup).where(UnitGroup.deleted_at.is_(None)))}
        order = s.scalar(select(func.max(UnitGroup.sort_order))) or 0
        out: dict[str, str] = {}

        def group_id(name: str, kind: str, parent_id: str | None = None) -> str:
            nonlocal order
            if len(name) > GROUP_NAME_MAX:
                raise ImportFileError(f"Tên tổ công đoàn “{name[:60]}…” dài quá {GROUP_NAME_MAX} ký tự: "
                                      "sửa trong tệp hoặc đổi tên tổ ở bước xem trước.")
            gid = existing.get(fold(name))
            if gid is None:
                order += 1
                group = UnitGroup(name=name, kind=kind, parent_id=parent_id, sort_order=order,
                                  device_id=self.ctx.device_id)
                s.add(group)
                s.flush()
                gid = existing[fold(name)] = group.id
            return gid

        for key, name in preview.new_groups.items():
            final = clean(preview.group_names.get(key, name)) or name
            parent = preview.group_parents.get(key)
            parent_id = group_id(parent, "bo_phan") if parent else None
            kind = "bo_phan" if key in preview.parent_groups and parent is None else "to"
            out[NEW_GROUP + key] = group_id(final, kind, parent_id)
        return out

    def run(self, path: Path | str, *, report: Path | str | None = None, mapping: dict[int, str] | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None,
            create_groups: bool = True) -> ImportResult:
        preview = self.preview(path, mapping=mapping, progress=progress, cancel=cancel)
        return self.commit(preview, report=report, progress=progress, cancel=cancel, create_groups=create_groups)


GROUP_NAME_MAX = 200  # unit_group.name


class MissingGroupsError(ImportFileError):
    """The file names groups the unit does not have, and making them was not asked for."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        super().__init__(
            f"Tệp có {len(self.names)} tổ công đoàn chưa có trong đơn vị: "
            + ", ".join(f"“{n}”" for n in self.names)
            + ". Thêm --create-groups để tạo các tổ này khi nhập (hoặc thêm từng tổ bằng "
              "congdoan groups add TÊN); chưa có gì được ghi.")


def nothing_imported(preview: ImportPreview) -> str:
    """One line saying why no row of the file can go in."""
    errors, dups = preview.count("error"), preview.count("duplicate")
    if not preview.rows:
        return ("Không có dòng đoàn viên nào dưới dòng tiêu đề "
                f"(dòng {preview.guess.header_row + 1}); chưa có gì được ghi.")
    first = next((r for r in preview.rows if r.status in ("error", "duplicate")), None)
    why = f" {first.where}: {problems_text(first.problems)}" if first else ""
    return (f"Không nhập được dòng nào: {errors} dòng lỗi, {dups} dòng trùng.{why} "
            "Chưa có gì được ghi.").replace("  ", " ")


@contextmanager
def _no_gc():
    """The cyclic garbage collector paused while 100,000 rows of objects are made: it
    would otherwise walk them over and over (a third of the preview's time) for no
    cycles to find. Reference counting still frees everything as usual.

    At the end, what was made is moved to the oldest generation unwalked (freeze, then
    unfreeze: two list splices): left in the youngest, the first allocation after
    enable() would walk all of it at once (0.3 s for a preview), then again on each
    promotion. As old objects they are walked once, by the next full collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


class _Known:
    """The members already in the database, indexed the three ways a duplicate is found."""

    def __init__(self, existing) -> None:
        self.by_id = {r.id_number: r.full_name for r in existing if r.id_number}
        self.by_card = {r.card_number: r.full_name for r in existing if r.card_number}
        self.by_dup: dict[str, list] = {}
        for r in existing:
            self.by_dup.setdefault(r.dup_key, []).append((r.birth_date, r.birth_year_only, r.id_number,
                                                         r.card_number))

    def __bool__(self) -> bool:
        return bool(self.by_id or self.by_card or self.by_dup)

    @classmethod
    def load(cls, s) -> _Known:
        return cls(s.execute(select(Member.id_number, Member.card_number, Member.dup_key, Member.birth_date,
                                    Member.birth_year_only, Member.full_name)
                             .where(Member.deleted_at.is_(None))).all())

    def _namesakes(self, v: MemberInput, key: str) -> list:
        return [e for e in self.by_dup.get(key, ()) if e[1] or v.birth_year_only or e[0] == v.birth_date]

    def clash(self, v: MemberInput, key: str) -> str | None:
        if v.id_number and v.id_number in self.by_id:
            return f"Đã có đoàn viên {self.by_id[v.id_number]} cùng số giấy tờ {v.id_number}."
        if v.card_number and v.card_number in self.by_card:
            return f"Đã có đoàn viên {self.by_card[v.card_number]} cùng số thẻ {v.card_number}."
        if any(not _told_apart(e[2], e[3], v.id_number, v.card_number) for e in self._namesakes(v, key)):
            return "Đã có đoàn viên cùng họ tên và ngày sinh."
        return None

    def namesake(self, v: MemberInput, key: str) -> str | None:
        """A warning when a member of the same name and birth date, told apart by another
        ID number, is already there: two people, both kept."""
        if self._namesakes(v, key):
            return "Đã có đoàn viên cùng họ tên và ngày sinh nhưng khác số giấy tờ: nhập là hai người, kiểm tra lại"
        return None


def new_ids(n: int) -> list[str]:
    """n UUIDv7 like models.new_id() makes one by one, at a fraction of the cost: this
    millisecond, then 74 bits counted up from a random start, so unique and in order."""
    ms = (time.time_ns() // 1_000_000) & 0xFFFF_FFFF_FFFF
    start = secrets.randbits(72)
    head = (ms << 80) | (0x7 << 76)  # 48 bits of milliseconds, version 7
    out: list[str] = []
    r, end = start, start + n
    while r < end:
        # Only the last group (the low 48 bits of the count) changes within a run of
        # the same higher bits: the first four groups are written once per run.
        stop = min(end, ((r >> 48) + 1) << 48)
        h = f"{head | ((r >> 62) << 64):032x}"
        fourth = (0b10 << 14) | ((r >> 48) & 0x3FFF)  # RFC 4122 variant, then 14 bits of the count
        prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{fourth:04x}-"
        low = r & 0xFFFF_FFFF_FFFF
        out += [f"{prefix}{x:012x}" for x in range(low, low + stop - r)]
        r = stop
    return out


STAGE = "member_import_stage"  # a TEMP table of the writing connection


class _BulkWriter:
    """INSERTs of new members and their first events inside the caller's transaction,
    a batch at a time.

    Each batch is bound once into a TEMP table (no types, so every value keeps the
    storage class it was bound with), then copied into member and member_event by one
    INSERT … SELECT each. SQLite runs a statement's per-statement work (the statement
    journal, AUTOINCREMENT bookkeeping of tables written by triggers, such as the sync
    capture's outbox) once per batch instead of once per row: with the capture
    triggers, 1.2 s against 2.8 s for 100,000 members. Triggers still fire for every
    row, in the rows' order. A member's first event is copied from the same staged row
    (its id, joined date), so nothing is bound twice; values that are the same for the
    whole batch (timestamps, device) are parameters of the copy, not bound per row.

    Built column by column from the table definitions, with SQLAlchemy's own conversions
    of dates, timestamps and booleans, so the rows are exactly what the ORM would write;
    columns that are NULL in every row of a batch are left out of the statements.

    When the new rows are many and at least as many as the rows already there, the
    member table's secondary indexes are dropped first and made again by finish(), from
    their own CREATE INDEX text: SQLite builds an index from sorted keys in a fraction of
    the time it takes to insert 100,000 keys one by one into it. It is all one
    transaction: a rollback, a cancel or a killed process leaves the tables and indexes
    exactly as they were, and the TEMP table goes with the connection's transaction."""

    def __init__(self, conn, device_id: str, expected: int, group_ids: dict[str, str] | None = None) -> None:
        self.conn = conn
        self.device = device_id
        self.group_ids = group_ids or {}  # the new groups' ids in the preview → their real ids
        dialect = conn.dialect
        self.procs = {}
        self.kinds = {}  # how a column converts its values: one staged column serves two alike
        for table in (Member.__table__, MemberEvent.__table__):
            for c in table.columns:
                proc = c.type.dialect_impl(dialect).bind_processor(dialect)
                if proc:
                    self.procs[(table.name, c.name)] = proc
                self.kinds[(table.name, c.name)] = repr(c.type)
        self.memos: dict[tuple[str, str], dict] = {}
        self.get_inputs = itemgetter(*INPUT_FIELDS)  # from a MemberInput's __dict__
        self.sort_keys: dict[str, str] = {}  # by folded name: names repeat down a list
        self.dropped: list[str] = []
        if expected >= REBUILD_INDEXES_FROM:
            existing = conn.exec_driver_sql("SELECT count(*) FROM member").scalar()
            if expected >= existing:
                indexes = conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'member' "
                    "AND sql IS NOT NULL").all()  # sql is NULL for the primary key's own index
                for name, sql in indexes:
                    conn.exec_driver_sql(f'DROP INDEX "{name}"')
                    self.dropped.append(sql)
        # The per-row insert triggers of both tables (the sync capture, the audit log that
        # bulk_begin() has silenced) are lifted; copy() queues the outbox rows set-wise
        # instead, in the order the triggers would have. 1.1 s of 100,000 members' commit
        # was triggers firing row by row. Made again by finish(), in the same transaction.
        self.lifted: list[str] = []
        self.capturing = False
        for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                "('sync_ins_member', 'sync_ins_member_event', 'trail_ins_member', 'trail_ins_member_event')").all():
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
            self.lifted.append(sql)
            self.capturing |= name.startswith("sync_")
        width = len(Member.__table__.columns) + len(MemberEvent.__table__.columns)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{STAGE}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {STAGE} ({', '.join(f'c{i}' for i in range(width))})")

    def finish(self) -> None:
        for sql in self.dropped + self.lifted:
            self.conn.exec_driver_sql(sql)
        self.dropped, self.lifted = [], []
        self.conn.exec_driver_sql(f"DROP TABLE temp.{STAGE}")

    def _convert(self, table, name: str, values):
        proc = self.procs.get((table.name, name))
        if proc is None:
            return values
        if not isinstance(values, (list, tuple)):
            return None if values is None else proc(values)
        memo = self.memos.get((table.name, name))
        if memo is None:  # dates repeat: each converted once, looked up after
            memo = self.memos[(table.name, name)] = _Converted(proc)
        return list(map(memo.__getitem__, values))

    def _copy(self, table, columns: dict[str, object], n: int, stage: _Stage) -> tuple[str, list]:
        """The INSERT … SELECT that copies the staged rows into table, and its parameters."""
        names, exprs, params = [], [], []
        for c in table.columns:
            v = columns[c.name] if c.name in columns else _default(c, n)
            if isinstance(v, (list, tuple)):
                staged = stage.names.get((id(v), self.kinds[(table.name, c.name)]))
                if staged is not None:  # the same values, staged for the other table
                    exprs.append(staged)
                    names.append(c.name)
                    continue
                converted = self._convert(table, c.name, v)
                first = converted[0]
                # The same value in every row of the batch (None: the column is left out; a
                # status, an ID type: one parameter of the copy, not bound row by row).
                # Same type too: 1, 1.0 and True are equal but not stored alike. The
                # primary key is always staged: the staged rows are the rows copied.
                if (c.primary_key or converted.count(first) < n
                        or (first is not None and len(set(map(type, converted))) > 1)):
                    exprs.append(stage.add(v, converted, self.kinds[(table.name, c.name)]))
                    names.append(c.name)
                    continue
                if first is None:
                    continue
                exprs.append("?")
                params.append(first)
            else:
                v = self._convert(table, c.name, v)
                if v is None:
                    continue
                exprs.append("?")
                params.append(v)
            names.append(c.name)
        return (f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(exprs)} "
                f"FROM temp.{STAGE} ORDER BY rowid"), params, exprs[names.index("id")]

    def prepare(self, rows: Sequence[PreviewRow], folded: dict[int, str]) -> _Batch:
        """The staged columns and the copy statements of one batch (Python work only)."""
        n = len(rows)
        values = [r.value for r in rows]
        now = utcnow()
        ids = new_ids(n)
        cols: dict[str, object] = dict(zip(INPUT_FIELDS, zip(*map(self.get_inputs, map(vars, values)))))
        if self.group_ids:
            get = self.group_ids.get
            cols["group_id"] = [get(g, g) for g in cols["group_id"]]
        search, sort, dup = member_keys_many(values, [folded.get(_row_key(r)) for r in rows], self.sort_keys)
        kinds = [v.first_event for v in values]
        cols.update(id=ids, created_at=now, updated_at=now, deleted_at=None, server_seq=None,
                    device_id=self.device, status=list(map(_STATUS_AFTER.__getitem__, kinds)),
                    search_key=search, sort_key=sort, dup_key=dup)
        events = dict(id=new_ids(n), member_id=ids, kind=kinds, event_date=cols["joined_date"], reason=None,
                      decision_number=None, seq=1, created_at=now, updated_at=now, deleted_at=None,
                      server_seq=None, device_id=self.device)
        stage = _Stage()
        copies = (self._copy(Member.__table__, cols, n, stage), self._copy(MemberEvent.__table__, events, n, stage))
        if self.capturing:
            copies += tuple(self._capture(table, copy[2], offset * n)
                            for offset, (table, copy) in enumerate(zip(("member", "member_event"), copies)))
        width = len(stage.columns)
        sql = (f"INSERT INTO temp.{STAGE} ({', '.join(f'c{i}' for i in range(width))}) "
               f"VALUES ({', '.join('?' * width)})")
        return _Batch(sql, list(zip(*stage.columns)), copies)

    @staticmethod
    def _capture(tbl: str, id_expr: str, offset: int) -> tuple[str, list, None]:
        """The outbox rows the capture trigger would have queued for the staged rows: one
        insert each, with clock values counted up from the batch's tick (see tick())."""
        return (f"INSERT INTO sync_outbox(tbl, row_id, op, fields, base_seq, hlc) "
                f"SELECT '{tbl}', {id_expr}, 'insert', '*', NULL, "
                f"(SELECT hlc FROM sync_state WHERE id = 1) + ? + rowid - (SELECT min(rowid) FROM temp.{STAGE}) "
                f"FROM temp.{STAGE} ORDER BY rowid"), [offset], None

    def stage(self, batch: _Batch) -> None:
        """The batch's rows into the TEMP table (binding the values needs the GIL), through
        the driver's own executemany: SQLAlchemy's wrapper adds nothing here but time."""
        self.conn.connection.dbapi_connection.executemany(batch.sql, batch.rows)

    def copy(self, batch: _Batch) -> None:
        """The staged rows into member and member_event, then the TEMP table emptied."""
        execute = self.conn.exec_driver_sql
        if self.capturing:  # the clock ticks once for the batch; each row takes the next value
            execute(f"UPDATE sync_state SET hlc = max(hlc + 1, {NOW_MS} + clock_offset_ms) WHERE id = 1")
        for sql, params, _id in batch.copies:
            if params:
                execute(sql, tuple(params))
            else:
                execute(sql)
        if self.capturing:
            execute("UPDATE sync_state SET hlc = hlc + ? WHERE id = 1", (2 * len(batch.rows) - 1,))
        execute(f"DELETE FROM temp.{STAGE}")


@dataclass(frozen=True)
class _Batch:
    sql: str  # INSERT into the TEMP table
    rows: list[tuple]
    copies: tuple[tuple[str, list, str | None], ...]  # (INSERT … SELECT, its parameters, the id's expression)


class _Stage:
    """The columns of one staged batch: a column of values given twice (a member's id is
    its event's member_id) is staged once, when both columns convert it alike."""

    def __init__(self) -> None:
        self.columns: list[list] = []
        self.names: dict[tuple[int, str], str] = {}
        self.given: list = []  # kept alive, so that no id() is reused within the batch

    def add(self, values, converted: list, kind: str) -> str:
        key = (id(values), kind)
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"c{len(self.columns)}"
            self.columns.append(converted)
            self.given.append(values)
        return name


class _Converted(dict):
    """value → proc(value), made on first use (None stays None)."""

    def __init__(self, proc) -> None:
        super().__init__()
        self.proc = proc

    def __missing__(self, value):
        out = self[value] = None if value is None else self.proc(value)
        return out


def _monthly_due(s, dues: DuesService):
    """What a member with (basis, salary) owes this month, by the unit's rule and the law
    in force: how "Nợ đoàn phí" written as an amount becomes months. None before the unit
    is set up."""
    try:
        unit, _ = dues.unit(s)
    except DomainError:
        return None
    law = dues.law(s)
    this = month_index(date.today())

    def due(basis: str | None, salary: int | None) -> int:
        return compute_due(law, unit, this, basis, salary).total
    return due


def _default(column, n: int):
    """The value the ORM would give a column this writer knows nothing of (one added later)."""
    d = column.default
    if d is None:
        return None
    if d.is_scalar:
        return d.arg
    if d.is_callable:
        return [d.arg(None) for _ in range(n)]
    raise ImportFileError(f"Không ghi được cột {column.name}: cần cập nhật phần nhập danh sách.")


def member_values(v: MemberInput, mid: str, now, device: str) -> dict:
    """Column values of a new member row for a bulk insert."""
    d = {k: getattr(v, k) for k in MemberInput.__dataclass_fields__ if k != "first_event"}
    search, sort, dup = member_keys(v)
    d.update(id=mid, created_at=now, updated_at=now, deleted_at=None, server_seq=None, device_id=device,
             status=EVENT_KINDS[v.first_event].to_status, search_key=search, sort_key=sort, dup_key=dup)
    return d


REPORT_ROW = "Dòng trong tệp gốc"
REPORT_REASON = "Lý do không nhập"


def write_report(preview: ImportPreview, out: Path | str) -> Path:
    """The rows not imported, as they were in the file, under the file's own header rows
    (a two-row header, a birth date split under "Nam" / "Nữ" stay as they were, in the
    same columns), then the row number and the reason in columns of their own at the
    end: corrected in Excel, the report is imported again as it is."""
    header_rows = [list(r) for r in preview.header_rows] or [list(preview.guess.headers)]
    width = max([len(r) for r in header_rows] + [len(r.cells) for r in preview.rows] + [0])
    extra = [REPORT_ROW, REPORT_REASON]
    if preview.sheets:
        extra.append("Tổ công đoàn")  # the sheet the row came from, which named its group

    def padded(cells) -> list:
        # A control character (Excel's "_x0000_" read as NUL) cannot be written to .xlsx.
        cells = [None if c == "" else strip_control(c) if isinstance(c, str) else c for c in cells]
        return cells + [None] * (width - len(cells))

    headers = ["" if h is None else h for h in padded(header_rows[0])] + extra
    out_rows = [padded(r) + [None] * len(extra) for r in header_rows[1:]]
    for r in preview.rows:
        if r.status not in ("error", "duplicate"):
            continue
        why = ("Trùng: " if r.status == "duplicate" else "") + problems_text(r.problems)
        out_rows.append(padded(r.cells) + [r.where if r.sheet else r.row_number, why]
                        + ([r.sheet] if preview.sheets else []))
    return write_table(out, "Không nhập", headers, out_rows)


def column_label(key: str) -> str:
    return SPLIT_KEYS.get(key) or (FIELDS_BY_KEY[key].label if key in FIELDS_BY_KEY else "")
