"""Import of a member list from Excel: find the header, map the columns, preview every
row with its problems, then write the valid rows in one transaction.

Nothing is written before commit(); commit() writes all valid rows or none. The header
is found by header.py, the rows read by rows.py, written by bulk.py.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from desktop.models import BaseSalary, Member, UnitGroup
from desktop.models.audit import bulk_begin, bulk_end
from desktop.services.core.context import Context
from desktop.services.core.errors import CancelledError, DomainError, ImportFileError
from desktop.services.core.excel_io import column_letter, iter_sheets, write_table
from desktop.services.core.fields import label
from desktop.services.core.permissions import require
from desktop.services.core.text import clean, fold
from desktop.services.dues.calc import compute_due, month_index
from desktop.services.dues.service import DuesService
from desktop.services.members.importing.bulk import BulkWriter
from desktop.services.members.importing.header import HeaderGuess, guess_header
from desktop.services.members.importing.rows import (
    SECTION,
    Cells,
    Columns,
    PreviewRow,
    RowKey,
    RowReader,
    filled_cells,
    new_preview_row,
    not_a_member,
    problems_text,
    repeats_header,
    row_key,
    row_text,
    section_lines,
    totals_label,
)
from desktop.services.members.rules import NEW_GROUP, MemberInput, MemberParser, dup_key
from protocol.limits import strip_control

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Sheet = list[list[Any]]  # a sheet's rows as read
Found = tuple[str, Sheet, HeaderGuess]  # a sheet with a member list: its name, rows and header
MonthlyDue = Callable[[str | None, int | None], int]
# A row of the file already checked, kept for the duplicate check of the rows after it:
# birth date, birth year only, row number, ID number, card number.
FileEntry = tuple[date | None, bool, int, str | None, str | None]
CHECK_EVERY = 500  # rows between two looks at cancel() and progress() while previewing
COMMIT_CHUNK = 2000  # rows per INSERT batch; cancel() is looked at between batches


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
    folded: dict[RowKey, str] = field(default_factory=dict, repr=False)
    # Groups the file names that the unit does not have: folded name → name as written.
    new_groups: dict[str, str] = field(default_factory=dict)
    # What the user chose for each of them (rename; the name of another group merges them):
    # folded name → the group's final name. A group not here is made under its own name.
    group_names: dict[str, str] = field(default_factory=dict)
    header_rows: Sheet = field(default_factory=list, repr=False)  # the source's header, for the report
    sheets: tuple[str, ...] = ()  # the sheets read, one group each, when more than one
    _seen: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # the duplicate checks across sheets
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

    def as_dict(self) -> dict[str, Any]:
        return dict(imported=self.imported, rejected=self.rejected, duplicates=self.duplicates,
                    skipped=self.skipped, warnings=self.warnings, report=self.report,
                    groups_created=list(self.groups_created))


def _told_apart(id_a: str | None, card_a: str | None, id_b: str | None, card_b: str | None) -> bool:
    """Two people of the same name and birth date are told apart by different ID numbers
    (or card numbers) when both have one."""
    return bool((id_a and id_b and id_a != id_b) or (card_a and card_b and card_a != card_b))


class MemberImport:
    """One import: read → preview (user may change the mapping) → commit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def read(self, path: Path | str, sheet: str | None = None) -> Found:
        """The sheet holding the list (the named one, else the first whose header is
        found: a workbook may start with an instructions sheet), its rows and header."""
        for found in self.read_sheets(path, sheet, first_only=True):
            return found
        raise ImportFileError(f"Tệp {Path(path).name} không có dữ liệu.")  # pragma: no cover (raised below)

    def read_sheets(self, path: Path | str, sheet: str | None = None, *, first_only: bool = False
                    ) -> list[Found]:
        """Every sheet with a member list: (name, rows, header), in the workbook's order."""
        first_error = None
        found = []
        with no_gc():  # 100,000 row lists made at once
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
    def may_be_one_group_per_sheet(sheets: Sequence[Found]) -> bool:
        """Whether a workbook could keep one group per sheet: several sheets with a list and
        no column of groups."""
        return len(sheets) > 1 and all("group" not in g.mapping.values() for _, _, g in sheets)

    @classmethod
    def one_group_per_sheet(cls, sheets: Sequence[Found]) -> bool:
        """Whether a workbook keeps one group per sheet, so that it is read whole: it may
        be, and every sheet is named as a group is ("Tổ May 1", "Bộ phận Kho"), not as a
        year or a version ("DS 2025", "Sheet2"), which would be the same people again."""
        return cls.may_be_one_group_per_sheet(sheets) and all(
            SECTION.fullmatch(clean(name) or "") for name, _, _ in sheets)

    def preview(self, path: Path | str, *, sheet: str | None = None, mapping: dict[int, str] | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                rows: Sheet | None = None, guess: HeaderGuess | None = None,
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

            def sheet_progress(i: int, n: int, done: int = done) -> None:
                if progress:
                    progress(done + i, total)
            with no_gc():
                self._check_rows(preview, data, RowReader(sheet_mapping), preview.known_groups, known,
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
    def _two_levels(preview: ImportPreview, columns: Columns, parents: Sequence[Any], n: int) -> None:
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

    def _check_rows(self, preview: ImportPreview, data: Sequence[Cells], read_row: RowReader,
                    groups: dict[str, str], known: _Known, progress: Progress | None, cancel: Cancel | None, *,
                    sheet_guess: HeaderGuess | None = None, sheet: str = "", base_salary: int | None = None,
                    monthly_due: MonthlyDue | None = None) -> None:
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
        sections = section_lines(data, empty, columns)
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
        seen_dup: dict[str, list[FileEntry]] = seen.setdefault("dup", {})
        folded_names: dict[str, str] = {}  # fold(name), once per distinct name
        folded_of = preview.folded
        first_row = guess.data_start + 1

        def where_row(row_number: int) -> str:  # said only for the rows skipped: an f-string per row costs
            return f"Trang “{sheet}”, dòng {row_number}" if sheet else f"Dòng {row_number}"
        add = preview.rows.append
        new_row = new_preview_row
        new_tuple = tuple.__new__
        skipped = 0
        footer = False  # past the list: a place-and-date line, a signature's title
        has_known = bool(known)  # asked twice a row otherwise (three dicts looked at each time)
        for i, (cells, is_empty, (v, errors, warnings)) in enumerate(zip(data, empty, parsed)):
            if i % CHECK_EVERY == 0:
                if cancel and cancel():
                    raise CancelledError()
                if progress:
                    progress(i, n)
            if is_empty:
                skipped += 1
                if filled_cells(cells):  # text only in columns not imported: say what it was
                    row_number = first_row + i
                    why = "dòng tổng cộng" if totals_label(cells) else (
                        not_a_member(cells, footer) or "dòng không có dữ liệu ở các cột được nhập")
                    footer = footer or why.startswith(("phần ký", "dòng nơi"))
                    preview.skipped_rows.append((where_row(row_number), row_text(cells), why))
                continue
            row_number = first_row + i
            if i in sections:
                skipped += 1
                preview.skipped_rows.append((where_row(row_number), row_text(cells), f"tên tổ “{sections[i]}” cho các dòng dưới"))
                continue
            totals = totals_label(cells)
            if totals == "marked" or (totals and errors):  # "TONG CONG" with counts, not a person
                skipped += 1
                preview.skipped_rows.append((where_row(row_number), row_text(cells), "dòng tổng cộng"))
                continue
            if errors:
                not_one = not_a_member(cells, footer) or (
                    "dòng tiêu đề lặp lại" if repeats_header(cells, header_words) else None)
                if not_one:
                    skipped += 1
                    footer = footer or not_one != "dòng đánh số cột"
                    preview.skipped_rows.append((where_row(row_number), row_text(cells), not_one))
                    continue
                problems = tuple(f"{label(k)}: {m}" for k, m in errors.items())
                add(new_row(row_number, "error", problems + tuple(warnings), tuple(cells), None, sheet))
                continue
            assert v is not None  # parse_columns gives a value to every row without errors
            name = v.full_name
            folded = folded_names.get(name) or folded_names.setdefault(name, fold(name))
            birth = v.birth_date
            key = f"{folded}|{birth.year if birth else ''}"  # dup_key(name, birth, folded), without the call
            dup = known.clash(v, key) if has_known else None
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
                        warnings = [*warnings, (
                            f"Cùng họ tên và ngày sinh với dòng {earlier[0][2]} nhưng khác số giấy tờ (hoặc số "
                            "thẻ): nhập là hai người, kiểm tra lại")]
            if dup is None and has_known:
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
            entry: FileEntry = (v.birth_date, v.birth_year_only, row_number, id_number, card)
            same_key = seen_dup.get(key)
            if same_key is None:
                seen_dup[key] = [entry]
            else:
                same_key.append(entry)
            folded_of[(sheet, row_number) if sheet else row_number] = folded
            if warnings:
                add(new_row(row_number, "warning", tuple(warnings), tuple(cells), v, sheet))
            else:
                add(new_tuple(PreviewRow, (row_number, "ok", (), tuple(cells), v, sheet)))  # new_row(), without the call
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
                v = r.value
                assert v is not None  # an importable row has its value
                clash = known.clash(v, dup_key(v.full_name, v.birth_date, preview.folded.get(row_key(r))))
                if clash:
                    raise ImportFileError(
                        f"Dòng {r.row_number}: {clash} Đoàn viên này được thêm sau khi xem trước: "
                        "hãy xem trước lại rồi nhập; chưa có gì được ghi.")
            writer = BulkWriter(conn, self.ctx.device_id, total, group_ids)
            # The copies of one batch (SQLite's own work, done without the GIL) run on a
            # second thread while this one prepares the next batch; never two statements
            # at once on the connection. Leaving the block waits for the copy under way,
            # then the transaction is committed, or rolled back on a cancel or an error.
            with no_gc(), ThreadPoolExecutor(1, thread_name_prefix="member-import") as copier:
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
        statuses = Counter(map(attrgetter("status"), preview.rows))  # one pass over the rows, not three
        if report and (statuses["error"] or statuses["duplicate"]):
            report_path = str(write_report(preview, report))
        return ImportResult(
            imported=total, rejected=statuses["error"], duplicates=statuses["duplicate"],
            skipped=preview.skipped, warnings=statuses["warning"], report=report_path,
            groups_created=made if total else ())

    def _make_groups(self, s: Session, preview: ImportPreview) -> dict[str, str]:
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
def no_gc() -> Iterator[None]:
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


# A member already there, for the duplicate check: birth date, birth year only, ID number,
# card number.
KnownEntry = tuple[date | None, bool, str | None, str | None]


class _Known:
    """The members already in the database, indexed the three ways a duplicate is found."""

    def __init__(self, existing: Sequence[Row[str | None, str | None, str | None, date | None, bool, str]]) -> None:
        self.by_id = {r.id_number: r.full_name for r in existing if r.id_number}
        self.by_card = {r.card_number: r.full_name for r in existing if r.card_number}
        self.by_dup: dict[str | None, list[KnownEntry]] = {}
        for r in existing:
            self.by_dup.setdefault(r.dup_key, []).append((r.birth_date, r.birth_year_only, r.id_number,
                                                         r.card_number))

    def __bool__(self) -> bool:
        return bool(self.by_id or self.by_card or self.by_dup)

    @classmethod
    def load(cls, s: Session) -> _Known:
        return cls(s.execute(select(Member.id_number, Member.card_number, Member.dup_key, Member.birth_date,
                                    Member.birth_year_only, Member.full_name)
                             .where(Member.deleted_at.is_(None))).all())

    def _namesakes(self, v: MemberInput, key: str) -> list[KnownEntry]:
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


def _monthly_due(s: Session, dues: DuesService) -> MonthlyDue | None:
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

    def padded(cells: Cells) -> list[Any]:
        # A control character (Excel's "_x0000_" read as NUL) cannot be written to .xlsx.
        out = [None if c == "" else strip_control(c) if isinstance(c, str) else c for c in cells]
        return out + [None] * (width - len(out))

    headers = ["" if h is None else h for h in padded(header_rows[0])] + extra
    out_rows = [padded(r) + [None] * len(extra) for r in header_rows[1:]]
    for r in preview.rows:
        if r.status not in ("error", "duplicate"):
            continue
        why = ("Trùng: " if r.status == "duplicate" else "") + problems_text(r.problems)
        out_rows.append(padded(r.cells) + [r.where if r.sheet else r.row_number, why]
                        + ([r.sheet] if preview.sheets else []))
    return write_table(out, "Không nhập", headers, out_rows)
