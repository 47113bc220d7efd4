"""Import of a member list from Excel: find the header, map the columns, preview every
row with its problems, then write the valid rows in one transaction.

Nothing is written before commit(); commit() writes all valid rows or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import insert, select

from desktop.models import Member, MemberEvent, UnitGroup, new_id, utcnow
from desktop.services.context import Context
from desktop.services.errors import CancelledError, ImportFileError
from desktop.services.excel_io import read_rows, write_table
from desktop.services.fields import FIELDS_BY_KEY, MEMBER_FIELDS, header_index, label
from desktop.services.member_rules import MemberInput, dup_key, parse_member, search_key
from desktop.services.statuses import EVENT_KINDS
from desktop.services.text import clean, fold, sort_key

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# Extra column meanings of Vietnamese forms: "Ngày sinh" over two sub-columns "Nam" and
# "Nữ", the date written under the member's sex; or "Giới tính" over "Nam" / "Nữ" with an x.
SPLIT_KEYS = {"birth_male": "Ngày sinh (Nam)", "birth_female": "Ngày sinh (Nữ)",
              "gender_male": "Giới tính: Nam", "gender_female": "Giới tính: Nữ"}
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "tt."}
MAX_HEADER_SCAN = 30
CHECK_EVERY = 500


def mapping_choices() -> list[tuple[str, str]]:
    """(key, label) pairs a user may give a column; "" means the column is not imported."""
    return [("", "(không nhập)")] + [(f.key, f.label) for f in MEMBER_FIELDS] + list(SPLIT_KEYS.items())


def _fold_header(value) -> str:
    s = fold(clean(value) or "")
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", s)  # "Ngày sinh (dd/mm/yyyy)" → "ngay sinh"
    s = re.sub(r"[*:;#]|\s\d+$", " ", s)
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
    if "nam" in sub_folded and "nu" in sub_folded:
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
        data_start = best + 2
        parent = ""
        for c in range(width):
            parent = clean(header[c]) or parent
            if clean(sub[c]):
                header[c] = f"{parent} {clean(sub[c])}".strip()
    # A numbering row "(1) (2) (3)" or "1 2 3" under the header is not data.
    if data_start < len(rows):
        nums = [clean(x) for x in rows[data_start] if clean(x)]
        if nums and all(re.fullmatch(r"\(?\d{1,2}\)?", str(n).removesuffix(".0")) for n in nums) and len(nums) >= 3:
            data_start += 1
    headers = tuple(clean(h) or "" for h in header)
    return HeaderGuess(best, data_start, headers, mapping)


@dataclass(frozen=True)
class PreviewRow:
    row_number: int  # as Excel shows it (1-based)
    status: str  # "ok" | "warning" | "error" | "duplicate"
    problems: tuple[str, ...]
    cells: tuple
    value: MemberInput | None = None


@dataclass
class ImportPreview:
    path: Path
    sheet: str
    guess: HeaderGuess
    mapping: dict[int, str]
    rows: list[PreviewRow] = field(default_factory=list)
    skipped: int = 0  # empty and totals rows

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


def _is_totals(cells: Sequence) -> bool:
    first = next((fold(str(c)) for c in cells if isinstance(c, str) and c.strip()), "")
    return first.startswith(("tong cong", "tong so", "cong:", "cong ", "tong:")) or first in ("cong", "tong")


def _raw_from_cells(cells: Sequence, mapping: dict[int, str]) -> dict[str, object]:
    raw: dict[str, object] = {}
    for c, key in mapping.items():
        v = cells[c] if c < len(cells) else None
        if v in ("", None):
            continue
        if key in ("birth_male", "birth_female"):
            raw["birth_date"] = v
            raw["gender"] = "Nam" if key == "birth_male" else "Nữ"
        elif key in ("gender_male", "gender_female"):
            if clean(v):
                raw["gender"] = "Nam" if key == "gender_male" else "Nữ"
        else:
            raw[key] = v
    return raw


class MemberImport:
    """One import: read → preview (user may change the mapping) → commit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def read(self, path: Path | str, sheet: str | None = None) -> tuple[str, list[list], HeaderGuess]:
        name, rows = read_rows(path, sheet)
        return name, rows, guess_header(rows)

    def preview(self, path: Path | str, *, sheet: str | None = None, mapping: dict[int, str] | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                rows: list[list] | None = None, guess: HeaderGuess | None = None) -> ImportPreview:
        if rows is None or guess is None:
            sheet, rows, guess = self.read(path, sheet)
        mapping = dict(mapping if mapping is not None else guess.mapping)
        if "full_name" not in mapping.values():
            raise ImportFileError("Chưa chọn cột nào là “Họ và tên”.")
        preview = ImportPreview(Path(path), sheet or "", guess, mapping)
        with self.ctx.read() as s:
            groups = {fold(n): gid for n, gid in s.execute(
                select(UnitGroup.name, UnitGroup.id).where(UnitGroup.deleted_at.is_(None)))}
            existing = s.execute(select(Member.id_number, Member.card_number, Member.dup_key,
                                        Member.birth_date, Member.birth_year_only, Member.full_name)
                                 .where(Member.deleted_at.is_(None))).all()
        by_id = {r.id_number: r.full_name for r in existing if r.id_number}
        by_card = {r.card_number: r.full_name for r in existing if r.card_number}
        by_dup: dict[str, list] = {}
        for r in existing:
            by_dup.setdefault(r.dup_key, []).append((r.birth_date, r.birth_year_only))
        seen_id: dict[str, int] = {}
        seen_card: dict[str, int] = {}
        seen_dup: dict[str, list] = {}
        data = rows[guess.data_start:]
        total = len(data)
        for i, cells in enumerate(data):
            if i % CHECK_EVERY == 0:
                if cancel and cancel():
                    raise CancelledError()
                if progress:
                    progress(i, total)
            row_number = guess.data_start + i + 1
            raw = _raw_from_cells(cells, mapping)
            if not raw or _is_totals(cells):
                preview.skipped += 1
                continue
            parsed = parse_member(raw, groups=groups)
            cells_t = tuple(cells)
            if parsed.errors:
                problems = tuple(f"{label(k)}: {m}" for k, m in parsed.errors.items())
                preview.rows.append(PreviewRow(row_number, "error", problems + tuple(parsed.warnings), cells_t))
                continue
            v = parsed.value
            dup = None
            if v.id_number and v.id_number in by_id:
                dup = f"Đã có đoàn viên {by_id[v.id_number]} cùng số giấy tờ {v.id_number}."
            elif v.id_number and v.id_number in seen_id:
                dup = f"Trùng số giấy tờ {v.id_number} với dòng {seen_id[v.id_number]} của tệp."
            elif v.card_number and v.card_number in by_card:
                dup = f"Đã có đoàn viên {by_card[v.card_number]} cùng số thẻ {v.card_number}."
            elif v.card_number and v.card_number in seen_card:
                dup = f"Trùng số thẻ {v.card_number} với dòng {seen_card[v.card_number]} của tệp."
            else:
                key = dup_key(v.full_name, v.birth_date)
                same = [b for b in by_dup.get(key, []) if b[1] or v.birth_year_only or b[0] == v.birth_date]
                if same:
                    dup = "Đã có đoàn viên cùng họ tên và ngày sinh."
                else:
                    earlier = [n for (b, yo, n) in seen_dup.get(key, []) if yo or v.birth_year_only or b == v.birth_date]
                    if earlier:
                        dup = f"Trùng họ tên và ngày sinh với dòng {earlier[0]} của tệp."
            if dup:
                preview.rows.append(PreviewRow(row_number, "duplicate", (dup,), cells_t))
                continue
            if v.id_number:
                seen_id[v.id_number] = row_number
            if v.card_number:
                seen_card[v.card_number] = row_number
            seen_dup.setdefault(dup_key(v.full_name, v.birth_date), []).append(
                (v.birth_date, v.birth_year_only, row_number))
            status = "warning" if parsed.warnings else "ok"
            preview.rows.append(PreviewRow(row_number, status, tuple(parsed.warnings), cells_t, v))
        if progress:
            progress(total, total)
        return preview

    def commit(self, preview: ImportPreview, *, report: Path | str | None = None,
               progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        """Write every importable row in one transaction, then the report of the others."""
        rows = preview.importable
        members, events = [], []
        now = utcnow()
        device = self.ctx.device_id
        for v in (r.value for r in rows):
            mid = new_id()
            members.append(member_values(v, mid, now, device))
            events.append(dict(id=new_id(), member_id=mid, kind=v.first_event, event_date=v.joined_date,
                               seq=1, created_at=now, updated_at=now, device_id=device))
        with self.ctx.write() as s:
            # Check again inside the transaction: another window may have added members
            # since the preview was made.
            ids = {m["id_number"] for m in members if m["id_number"]}
            if ids:
                clash = s.scalar(select(Member.full_name).where(
                    Member.deleted_at.is_(None), Member.id_number.in_(list(ids)[:30000])).limit(1))
                if clash:
                    raise ImportFileError(
                        f"Trong lúc xem trước, đoàn viên {clash} đã được thêm với số giấy tờ có trong tệp: "
                        "hãy xem trước lại.")
            for start in range(0, len(members), 5000):
                if cancel and cancel():
                    raise CancelledError()  # leaving the block rolls everything back
                s.execute(insert(Member), members[start:start + 5000])
                s.execute(insert(MemberEvent), events[start:start + 5000])
                if progress:
                    progress(min(start + 5000, len(members)), len(members))
        report_path = None
        rejected = [r for r in preview.rows if r.status in ("error", "duplicate")]
        if report and rejected:
            report_path = str(write_report(preview, report))
        return ImportResult(
            imported=len(rows), rejected=preview.count("error"), duplicates=preview.count("duplicate"),
            skipped=preview.skipped, warnings=preview.count("warning"), report=report_path)

    def run(self, path: Path | str, *, report: Path | str | None = None, mapping: dict[int, str] | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None) -> ImportResult:
        preview = self.preview(path, mapping=mapping, progress=progress, cancel=cancel)
        return self.commit(preview, report=report, cancel=cancel)


def member_values(v: MemberInput, mid: str, now, device: str) -> dict:
    """Column values of a new member row for a bulk insert."""
    d = {k: getattr(v, k) for k in MemberInput.__dataclass_fields__ if k != "first_event"}
    d.update(id=mid, created_at=now, updated_at=now, deleted_at=None, server_seq=None, device_id=device,
             status=EVENT_KINDS[v.first_event].to_status, search_key=search_key(v),
             sort_key=sort_key(v.full_name), dup_key=dup_key(v.full_name, v.birth_date))
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
