"""Reading the rows of a member list: the cells of a row as values by field, column by
column for a whole sheet, and what a row that is no member is (a group's title line, a
totals line, the signatures under the list); the preview's rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from desktop.services.core.text import clean, clean_name, fold
from desktop.services.members.rules import MemberInput

Cells = Sequence[Any]  # one row of a sheet, as read: text, numbers, dates, "" or None
Columns = dict[str, Sequence[Any]]  # raw values by field key, one per row
RowKey = int | tuple[str, int]  # a row's number, with its sheet's name when there are several


class PreviewRow(NamedTuple):
    """One row of the preview. A named tuple, not a dataclass: a preview makes one per row
    of the list, and a tuple is made in one step where a frozen dataclass's object needs
    its dict built and set (about a tenth of a 100,000-row preview's own work)."""

    row_number: int  # as Excel shows it (1-based)
    status: str  # "ok" | "warning" | "error" | "duplicate"
    problems: tuple[str, ...]
    cells: tuple[Any, ...]
    value: MemberInput | None = None
    sheet: str = ""  # the sheet the row is on, when a workbook is imported sheet by sheet

    @property
    def where(self) -> str:
        return f"Trang “{self.sheet}”, dòng {self.row_number}" if self.sheet else f"Dòng {self.row_number}"


_new_tuple = tuple.__new__


def new_preview_row(row_number: int, status: str, problems: tuple[str, ...], cells: tuple[Any, ...],
                    value: MemberInput | None, sheet: str = "") -> PreviewRow:
    """PreviewRow(...) without the keyword handling of its constructor."""
    return _new_tuple(PreviewRow, (row_number, status, problems, cells, value, sheet))


def problems_text(problems: Sequence[str]) -> str:
    """A row's problems as one text: each ends with one full stop, never ".;"."""
    return " ".join(p.rstrip(" .;") + "." for p in problems if p)


def totals_label(cells: Cells) -> str | None:
    """Whether the row's first text says "Tổng cộng" / "Tổng số" / "Cộng": "marked" when it is
    written with its marks (never a name), "plain" when without ("TONG CONG" could also be
    the start of a name such as "Tống Công Minh"), else None."""
    for c in cells:
        if isinstance(c, str) and c and not c.isspace():
            first = c
            break
    else:
        return None
    head = first.lstrip()[:8]  # "Tổng" in four letters, or up to eight code points when decomposed (NFD)
    if head[0].isascii() and head[0] not in "TtCc":  # most names: no need to fold the text
        return None
    if not fold(head).startswith(("tong", "cong")):  # "Trần", "Chu": the head folded (and cached), not the row
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


class RowReader:
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

    def __call__(self, cells: Cells) -> dict[str, object]:
        raw = self._read(cells)
        if self.female_only and raw and "gender" not in raw:
            raw["gender"] = "Nam"
        return raw

    def _read(self, cells: Cells) -> dict[str, object]:
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

    def columns(self, data: Sequence[Cells]) -> tuple[Columns, list[bool]]:
        """What __call__ reads from each row, column by column: the raw values by field key
        ("" or None where a row has none), and whether each row has no value at all."""
        n = len(data)
        plain_keys = [k for _, k in self.plain]
        if self.ordered or len(set(plain_keys)) < len(plain_keys) or any(len(r) < self.width for r in data):
            raws = [self(cells) for cells in data]  # the rare layouts: row by row
            keys = {k for raw in raws for k in raw}
            by_key: Columns = {k: [raw.get(k) for raw in raws] for k in keys}
            return by_key, [not raw for raw in raws]
        if len(self.plain) > 4:  # one transposition for all the columns at once
            every = list(zip(*data)) if data else [()] * self.width
            columns: Columns = {key: every[c] for c, key in self.plain}
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
        if self.special and all(k not in _NAME_PARTS for _, k in self.special):
            # A birth date or an x under "Nam" / "Nữ": column by column too (what
            # _special_values writes, in the same order), no dict a row.
            written = _sex_columns(data, self.special, n)
            columns.update(written)
            if written:  # a row with a value here has a sex: it is not empty
                empty = [e and g is None for e, g in zip(empty, written["gender"])]
        elif self.special:
            written_rows = []
            for cells in data:
                raw: dict[str, object] = {}
                _special_values(cells, self.special, raw)
                written_rows.append(raw)
            for key in {k for raw in written_rows for k in raw}:
                columns[key] = [raw.get(key) for raw in written_rows]
            empty = [e and not raw for e, raw in zip(empty, written_rows)]
        if self.female_only:
            columns["gender"] = [g if g not in ("", None) else None if e else "Nam"
                                 for g, e in zip(columns.get("gender") or [None] * n, empty)]
        return columns, empty


def _raw_from_cells(cells: Cells, mapping: dict[int, str]) -> dict[str, object]:
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


_NAME_PARTS = ("name_family", "name_given")


def _sex_columns(data: Sequence[Cells], special: Iterable[tuple[int, str]], n: int) -> dict[str, list[Any]]:
    """What _special_values writes for the keys of a birth date or an x under "Nam" /
    "Nữ", for all the rows at once: "birth_date" and "gender" by row (None where the row
    has none), only the fields some row has."""
    births: list[Any] = [None] * n
    genders: list[Any] = [None] * n
    any_birth = any_gender = False
    for c, key in special:
        sex = "Nam" if key in ("birth_male", "gender_male") else "Nữ"
        if key in ("birth_male", "birth_female"):
            for i, v in enumerate(map(itemgetter(c), data)):
                if v != "" and v is not None:
                    births[i] = v
                    genders[i] = sex
                    any_birth = any_gender = True
        else:  # gender_male, gender_female: an x under Nam or Nữ
            for i, v in enumerate(map(itemgetter(c), data)):
                if v != "" and v is not None and clean(v):
                    genders[i] = sex
                    any_gender = True
    out: dict[str, list[Any]] = {}
    if any_birth:
        out["birth_date"] = births
    if any_gender:
        out["gender"] = genders
    return out


def _special_values(cells: Cells, special: Iterable[tuple[int, str]], raw: dict[str, object]) -> None:
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


def row_key(row: PreviewRow) -> RowKey:
    """How preview.folded knows a row: its number, with its sheet when there are several."""
    return (row.sheet, row.row_number) if row.sheet else row.row_number


def row_text(cells: Cells) -> str:
    """What a row says, its filled cells one after another, for the list of skipped rows."""
    return " | ".join(str(int(c)) if isinstance(c, float) and c.is_integer() else str(c)
                      for c in cells if c not in ("", None))[:200]


def filled_cells(cells: Cells) -> int:
    return len(cells) - cells.count("") - cells.count(None)


# A line above a group's rows names the group: "Tổ 1", "II. TỔ SẢN XUẤT", "Bộ phận Kho".
# Written with its marks ("Tổ", not "To": "Tô Văn Nam" is a person), after an optional
# numbering ("I.", "2 -", "B)").
SECTION = re.compile(r"^(?:(?:[IVXLC]+|\d{1,2}|[A-Z])\s*[.)\-–:]\s*)?"
                     r"((?:tổ|công đoàn bộ phận|cđbp|cđ bộ phận|bộ phận|phòng|khối|phân xưởng|xưởng|đội|ban|"
                     r"chi nhánh|nhà máy)\b.*)$", re.IGNORECASE)
_NUMBERING = re.compile(r"^\(?(?:[IVXLC]+|\d{1,2}|[A-Za-z])\)?\.?$")


def section_lines(data: Sequence[Cells], empty: Sequence[bool], columns: Columns) -> dict[int, str]:
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
        if filled_cells(cells) > 2:
            continue
        texts = [t for c in cells if isinstance(c, str) and (t := clean(c))]
        others = [c for c in cells if c not in ("", None) and not isinstance(c, str)]
        if not texts or len(texts) > 2 or (others and not all(isinstance(o, (int, float)) for o in others)):
            continue
        text = texts[-1]
        if len(texts) == 2 and not _NUMBERING.fullmatch(texts[0]):
            continue
        m = SECTION.fullmatch(text)
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


def not_a_member(cells: Cells, footer: bool) -> str | None:
    """Why a row that does not make a member is not one (skipped, not an error), or None:
    a numbering row "(1) (2) (3)", a place-and-date line, a signer's title, and under
    those (footer) the signers' names and what else is written below the list."""
    texts = [t for c in cells if c not in ("", None) and (t := clean(c))]
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


def repeats_header(cells: Cells, header_words: set[str]) -> bool:
    """A header printed again on each page of the list: three cells or more say what the
    header says."""
    return sum(1 for c in cells if isinstance(c, str) and fold(clean(c)) in header_words) >= 3
