"""Import of a member list from Excel: find the header, map the columns, preview every
row with its problems, then write the valid rows in one transaction.

Nothing is written before commit(); commit() writes all valid rows or none.
"""

from __future__ import annotations

import gc
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import select

from desktop.models import Member, MemberEvent, UnitGroup, utcnow
from desktop.models.audit import bulk_begin, bulk_end
from desktop.models.sync import NOW_MS
from desktop.services.context import Context
from desktop.services.errors import CancelledError, ImportFileError
from desktop.services.excel_io import iter_sheets, write_table
from desktop.services.fields import FIELDS_BY_KEY, MEMBER_FIELDS, header_index, label
from desktop.services.permissions import require
from desktop.services.member_rules import MemberInput, MemberParser, dup_key, member_keys, member_keys_many
from desktop.services.statuses import EVENT_KINDS
from desktop.services.text import clean, fold

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# Extra column meanings of Vietnamese forms: "Ngày sinh" over two sub-columns "Nam" and
# "Nữ", the date written under the member's sex; or "Giới tính" over "Nam" / "Nữ" with an x.
SPLIT_KEYS = {"birth_male": "Ngày sinh (Nam)", "birth_female": "Ngày sinh (Nữ)",
              "gender_male": "Giới tính: Nam", "gender_female": "Giới tính: Nữ",
              "name_family": "Họ và tên đệm (tên ở cột riêng)", "name_given": "Tên (họ ở cột riêng)"}
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
    return [("", "(không nhập)")] + [(f.key, f.label) for f in MEMBER_FIELDS] + list(SPLIT_KEYS.items())


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
    headers = tuple(clean(h) or "" for h in header)
    return HeaderGuess(best, data_start, headers, mapping)


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


def _new_preview_row(row_number: int, status: str, problems: tuple, cells: tuple, value) -> PreviewRow:
    """PreviewRow(...) without the frozen dataclass's __init__ (five object.__setattr__
    calls), once per row of a 100,000-row list. The object is the same."""
    row = object.__new__(PreviewRow)
    object.__setattr__(row, "__dict__", {"row_number": row_number, "status": status, "problems": problems,
                                         "cells": cells, "value": value})
    return row


@dataclass
class ImportPreview:
    path: Path
    sheet: str
    guess: HeaderGuess
    mapping: dict[int, str]
    rows: list[PreviewRow] = field(default_factory=list)
    skipped: int = 0  # empty and totals rows
    # fold(full_name) of each importable row by row number, made once for the duplicate
    # check and used again for the search, sort and duplicate keys written by commit().
    folded: dict[int, str] = field(default_factory=dict, repr=False)

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

    def as_dict(self) -> dict:
        return dict(imported=self.imported, rejected=self.rejected, duplicates=self.duplicates,
                    skipped=self.skipped, warnings=self.warnings, report=self.report)


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

    def __call__(self, cells: Sequence) -> dict[str, object]:
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


class MemberImport:
    """One import: read → preview (user may change the mapping) → commit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def read(self, path: Path | str, sheet: str | None = None) -> tuple[str, list[list], HeaderGuess]:
        """The sheet holding the list (the named one, else the first whose header is
        found: a workbook may start with an instructions sheet), its rows and header."""
        first_error = None
        with _no_gc():  # 100,000 row lists made at once
            for name, rows in iter_sheets(path, sheet):
                try:
                    return name, rows, guess_header(rows)
                except ImportFileError as exc:
                    first_error = first_error or exc
        if first_error is None:
            raise ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")
        raise first_error

    def preview(self, path: Path | str, *, sheet: str | None = None, mapping: dict[int, str] | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                rows: list[list] | None = None, guess: HeaderGuess | None = None) -> ImportPreview:
        if rows is None or guess is None:
            sheet, rows, guess = self.read(path, sheet)
        mapping = dict(mapping if mapping is not None else guess.mapping)
        if "full_name" not in mapping.values() and "name_given" not in mapping.values():
            raise ImportFileError("Chưa chọn cột nào là “Họ và tên”.")
        preview = ImportPreview(Path(path), sheet or "", guess, mapping)
        with self.ctx.read() as s:
            groups = {fold(n): gid for n, gid in s.execute(
                select(UnitGroup.name, UnitGroup.id).where(UnitGroup.deleted_at.is_(None)))}
            known = _Known.load(s)
        data = rows[guess.data_start:]
        with _no_gc():
            self._check_rows(preview, data, _RowReader(mapping), groups, known, progress, cancel)
        if progress:
            progress(len(data), len(data))
        return preview

    def _check_rows(self, preview, data, read_row, groups, known, progress, cancel) -> None:
        """Every data row parsed and checked for duplicates: the body of preview().

        The rows are read and parsed column by column (MemberParser.parse_columns: what
        depends on one value is looked up once per distinct value), then checked here
        row by row in order, as the duplicates within the file depend on the order."""
        if cancel and cancel():
            raise CancelledError()
        columns, empty = read_row.columns(data)
        parsed = MemberParser(groups=groups, today=date.today()).parse_columns(columns, len(data))
        seen_id: dict[str, int] = {}
        seen_card: dict[str, int] = {}
        seen_dup: dict[str, list] = {}
        folded_names: dict[str, str] = {}  # fold(name), once per distinct name
        folded_of = preview.folded
        total = len(data)
        first_row = preview.guess.data_start + 1
        add = preview.rows.append
        new_row = _new_preview_row
        skipped = 0
        for i, (cells, is_empty, (v, errors, warnings)) in enumerate(zip(data, empty, parsed)):
            if i % CHECK_EVERY == 0:
                if cancel and cancel():
                    raise CancelledError()
                if progress:
                    progress(i, total)
            if is_empty:
                skipped += 1
                continue
            totals = _totals_label(cells)
            if totals == "marked" or (totals and errors):  # "TONG CONG" with counts, not a person
                skipped += 1
                continue
            row_number = first_row + i
            if errors:
                problems = tuple(f"{label(k)}: {m}" for k, m in errors.items())
                add(new_row(row_number, "error", problems + tuple(warnings), tuple(cells), None))
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
                    earlier = [n for (b, yo, n) in seen_dup[key] if yo or v.birth_year_only or b == v.birth_date]
                    if earlier:
                        dup = f"Trùng họ tên và ngày sinh với dòng {earlier[0]} của tệp."
            if dup:
                add(new_row(row_number, "duplicate", (dup,), tuple(cells), None))
                continue
            if id_number:
                seen_id[id_number] = row_number
            if card:
                seen_card[card] = row_number
            same = seen_dup.get(key)
            if same is None:
                seen_dup[key] = [(v.birth_date, v.birth_year_only, row_number)]
            else:
                same.append((v.birth_date, v.birth_year_only, row_number))
            folded_of[row_number] = folded
            if warnings:
                add(new_row(row_number, "warning", tuple(warnings), tuple(cells), v))
            else:
                add(new_row(row_number, "ok", (), tuple(cells), v))
        preview.skipped += skipped

    def commit(self, preview: ImportPreview, *, report: Path | str | None = None,
               progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        """Write every importable row in one transaction, then the report of the others."""
        rows = preview.importable
        total = len(rows)
        require(self.ctx, "members")  # the rows go in by SQL, past the check at each flush
        with self.ctx.write() as s:
            conn = s.connection()
            # Take the write lock first, so that nobody can add a member between the check
            # below and the inserts (pysqlite would only begin at the first INSERT).
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            # One audit row for the whole import instead of one per member (per-row triggers off).
            bulk_begin(conn, "member", f"Nhập {total:,} đoàn viên từ tệp {Path(preview.path).name}".replace(",", "."))
            # Check again inside the transaction: another window or device may have added
            # members since the preview was made.
            known = _Known.load(s)
            for r in (rows if known else ()):
                folded = preview.folded.get(r.row_number)
                clash = known.clash(r.value, dup_key(r.value.full_name, r.value.birth_date, folded))
                if clash:
                    raise ImportFileError(
                        f"Dòng {r.row_number}: {clash} Đoàn viên này được thêm sau khi xem trước: "
                        "hãy xem trước lại rồi nhập; chưa có gì được ghi.")
            writer = _BulkWriter(conn, self.ctx.device_id, total)
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
            skipped=preview.skipped, warnings=preview.count("warning"), report=report_path)

    def run(self, path: Path | str, *, report: Path | str | None = None, mapping: dict[int, str] | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        preview = self.preview(path, mapping=mapping, progress=progress, cancel=cancel)
        return self.commit(preview, report=report, progress=progress, cancel=cancel)


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
            self.by_dup.setdefault(r.dup_key, []).append((r.birth_date, r.birth_year_only))

    def __bool__(self) -> bool:
        return bool(self.by_id or self.by_card or self.by_dup)

    @classmethod
    def load(cls, s) -> _Known:
        return cls(s.execute(select(Member.id_number, Member.card_number, Member.dup_key, Member.birth_date,
                                    Member.birth_year_only, Member.full_name)
                             .where(Member.deleted_at.is_(None))).all())

    def clash(self, v: MemberInput, key: str) -> str | None:
        if v.id_number and v.id_number in self.by_id:
            return f"Đã có đoàn viên {self.by_id[v.id_number]} cùng số giấy tờ {v.id_number}."
        if v.card_number and v.card_number in self.by_card:
            return f"Đã có đoàn viên {self.by_card[v.card_number]} cùng số thẻ {v.card_number}."
        same = self.by_dup.get(key)
        if same and any(yo or v.birth_year_only or b == v.birth_date for b, yo in same):
            return "Đã có đoàn viên cùng họ tên và ngày sinh."
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

    def __init__(self, conn, device_id: str, expected: int) -> None:
        self.conn = conn
        self.device = device_id
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
        search, sort, dup = member_keys_many(values, [folded.get(r.row_number) for r in rows], self.sort_keys)
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


def write_report(preview: ImportPreview, out: Path | str) -> Path:
    """The rows not imported, as they were in the file, with the row number and reason."""
    width = max([len(preview.guess.headers)] + [len(r.cells) for r in preview.rows])
    headers = ["Dòng", "Kết quả", "Lý do"] + [h or f"Cột {i + 1}" for i, h in
                                              enumerate(list(preview.guess.headers) + [""] * (width - len(preview.guess.headers)))]
    out_rows = []
    for r in preview.rows:
        if r.status not in ("error", "duplicate"):
            continue
        result = "Trùng" if r.status == "duplicate" else "Lỗi"
        out_rows.append([r.row_number, result, "; ".join(r.problems)] +
                        [c if c != "" else None for c in r.cells])
    return write_table(out, "Không nhập", headers, out_rows)


def column_label(key: str) -> str:
    return SPLIT_KEYS.get(key) or (FIELDS_BY_KEY[key].label if key in FIELDS_BY_KEY else "")
