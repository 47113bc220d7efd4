"""The form B07-TLĐ as data (issue 14, item 8): its part A rows and part B lines, their
codes (Mã số), how each is computed and where each comes from, read from a TOML file per
version (forms/b07_tld_*.toml, shipped with the program; a federation's corrected copy in
the "forms" folder beside the database wins when its version is later, numbers in it
compared as numbers: "r10" after "r9").

The loader checks the file before anything is computed from it and says what is wrong,
naming the file and the line: an unknown kind, a missing or repeated code, a sum naming a
line that does not exist or going round in a cycle, an income or spending kind counted by
two lines or by none (its money would vanish from the settlement)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.services.cash.kinds import INCOME, SPENDING
from desktop.services.core.errors import ValidationError

FORMS_DIR = Path(__file__).with_name("forms")
FORM_GLOB = "b07_tld_*.toml"
LINE_KINDS = ("opening", "income", "spending", "dues_standard", "dues_excess", "sum", "closing_cash",
              "closing_bank")
PART_A_SOURCES = ("input", "members_year_end", "dues_payroll")
BANK_KINDS = {"income": ("interest",), "spending": ("fee",)}
ONE_OF = ("opening", "dues_standard", "dues_excess", "closing_cash", "closing_bank")


@dataclass(frozen=True)
class PartARow:
    key: str
    label: str
    unit: str  # "người" or "đồng"
    source: str  # PART_A_SOURCES
    origin: str
    confirmed: bool


@dataclass(frozen=True)
class FormLine:
    code: str
    label: str
    kind: str
    section: str | None
    indent: int
    categories: tuple[str, ...]
    bank_kinds: tuple[str, ...]
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    origin: str
    confirmed: bool


@dataclass(frozen=True)
class Form:
    path: Path
    form: str
    version: str
    title: str
    issued: str
    used_by: str
    first_year: int
    closing_line: str
    columns: tuple[str, ...]
    part_a: tuple[PartARow, ...]
    lines: tuple[FormLine, ...]

    def line(self, code: str) -> FormLine:
        return next(ln for ln in self.lines if ln.code == code)


class FormError(ValidationError):
    """A form file that cannot be used, with the reason in words."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__({"form": f"Tệp mẫu biểu {path.name}: {problem}"})


def _text(raw: dict[str, Any], key: str, where: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FormError(path, f"{where} thiếu “{key}” (chữ).")
    return value.strip()


def _codes(raw: dict[str, Any], key: str, where: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FormError(path, f"{where}: “{key}” phải là danh sách chữ.")
    return tuple(value)


def _confirmed(raw: dict[str, Any], where: str, path: Path) -> bool:
    value = raw.get("confirmed")
    if not isinstance(value, bool):
        raise FormError(path, f"{where} thiếu “confirmed = true|false” (đã đối chiếu văn bản chính thức hay chưa).")
    return value


def _line(raw: object, i: int, path: Path) -> FormLine:
    if not isinstance(raw, dict):
        raise FormError(path, f"dòng thứ {i} của phần B không đúng dạng.")
    code = raw.get("code")
    if not isinstance(code, str) or not code.strip():
        raise FormError(path, f"dòng thứ {i} của phần B thiếu Mã số (“code”).")
    where = f"Mã số {code}"
    kind = raw.get("kind")
    if kind not in LINE_KINDS:
        raise FormError(path, f"{where}: cách tính “{kind}” không có; dùng một trong: {', '.join(LINE_KINDS)}.")
    categories = _codes(raw, "categories", where, path)
    bank_kinds = _codes(raw, "bank_kinds", where, path)
    plus, minus = _codes(raw, "plus", where, path), _codes(raw, "minus", where, path)
    if kind in ("income", "spending"):
        known = INCOME if kind == "income" else SPENDING
        if unknown := [c for c in categories if c not in known]:
            raise FormError(path, f"{where}: loại {'thu' if kind == 'income' else 'chi'} không có: "
                                  f"{', '.join(unknown)} (có: {', '.join(known)}).")
        if bad := [b for b in bank_kinds if b not in BANK_KINDS[kind]]:
            raise FormError(path, f"{where}: bút toán ngân hàng không dùng được ở đây: {', '.join(bad)}.")
        if not categories and not bank_kinds:
            raise FormError(path, f"{where}: cần “categories” hoặc “bank_kinds”.")
    elif categories or bank_kinds:
        raise FormError(path, f"{where}: “categories”, “bank_kinds” chỉ dùng cho dòng thu (income) hoặc chi (spending).")
    if kind == "sum" and not plus:
        raise FormError(path, f"{where}: dòng tổng (sum) cần “plus”.")
    if kind != "sum" and (plus or minus):
        raise FormError(path, f"{where}: “plus”, “minus” chỉ dùng cho dòng tổng (sum).")
    indent = raw.get("indent", 0)
    section = raw.get("section")
    return FormLine(code.strip(), _text(raw, "label", where, path), kind,
                    section if isinstance(section, str) else None, indent if isinstance(indent, int) else 0,
                    categories, bank_kinds, plus, minus, _text(raw, "origin", where, path),
                    _confirmed(raw, where, path))


def _check_sums(lines: tuple[FormLine, ...], path: Path) -> None:
    by_code = {ln.code: ln for ln in lines}
    for ln in lines:
        for ref in ln.plus + ln.minus:
            if ref not in by_code:
                raise FormError(path, f"Mã số {ln.code} cộng Mã số {ref}, không có trong mẫu.")
    done: set[str] = set()

    def visit(code: str, trail: list[str]) -> None:
        if code in trail:
            raise FormError(path, "các dòng tổng cộng vòng tròn: " + " → ".join(trail[trail.index(code):] + [code]) + ".")
        if code in done:
            return
        for ref in by_code[code].plus + by_code[code].minus:
            visit(ref, trail + [code])
        done.add(code)

    for ln in lines:
        visit(ln.code, [])


def _check_coverage(lines: tuple[FormLine, ...], path: Path) -> None:
    """Each income and spending kind, interest and fees on exactly one line."""
    for kind, known in (("income", INCOME), ("spending", SPENDING)):
        seen: dict[str, str] = {}
        for ln in lines:
            if ln.kind != kind:
                continue
            for c in ln.categories + ln.bank_kinds:
                if c in seen:
                    raise FormError(path, f"“{c}” được tính ở cả Mã số {seen[c]} và Mã số {ln.code}.")
                seen[c] = ln.code
        missing = [c for c in (*known, *BANK_KINDS[kind]) if c not in seen]
        if missing:
            raise FormError(path, f"không dòng nào tính: {', '.join(missing)} (số tiền của chúng sẽ mất khỏi "
                                  "quyết toán).")
    for kind in ONE_OF:
        found = [ln.code for ln in lines if ln.kind == kind]
        if len(found) != 1:
            raise FormError(path, f"cần đúng một dòng “{kind}” (đang có {len(found)}).")


def load_form(path: Path) -> Form:
    """The form in the file, checked."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise FormError(path, f"không đọc được ({e}).") from e
    except tomllib.TOMLDecodeError as e:
        raise FormError(path, f"sai cú pháp TOML ({e}).") from e
    where = "đầu tệp"
    rows = raw.get("part_a", [])
    raw_lines = raw.get("line", [])
    if not isinstance(rows, list) or not isinstance(raw_lines, list) or not raw_lines:
        raise FormError(path, "cần các mục [[part_a]] và [[line]].")
    part_a = []
    for i, r in enumerate(rows, 1):
        if not isinstance(r, dict):
            raise FormError(path, f"dòng thứ {i} của phần A không đúng dạng.")
        key = _text(r, "key", f"dòng thứ {i} của phần A", path)
        if r.get("source") not in PART_A_SOURCES:
            raise FormError(path, f"phần A “{key}”: nguồn “{r.get('source')}” không có; dùng một trong: "
                                  f"{', '.join(PART_A_SOURCES)}.")
        part_a.append(PartARow(key, _text(r, "label", key, path), _text(r, "unit", key, path), r["source"],
                               _text(r, "origin", key, path), _confirmed(r, key, path)))
    if len({r.key for r in part_a}) != len(part_a):
        raise FormError(path, "phần A có hai dòng cùng “key”.")
    lines = tuple(_line(r, i, path) for i, r in enumerate(raw_lines, 1))
    codes = [ln.code for ln in lines]
    if dup := sorted({c for c in codes if codes.count(c) > 1}):
        raise FormError(path, f"Mã số lặp lại: {', '.join(dup)}.")
    _check_sums(lines, path)
    _check_coverage(lines, path)
    closing = _text(raw, "closing_line", where, path)
    if closing not in codes or next(ln for ln in lines if ln.code == closing).kind != "sum":
        raise FormError(path, f"“closing_line” = {closing}: cần Mã số của dòng tổng tích lũy cuối kỳ.")
    columns = _codes(raw, "columns", where, path)
    if not columns:
        raise FormError(path, "cần “columns” (cột đầu là số quyết toán).")
    first_year = raw.get("first_year")
    if not isinstance(first_year, int):
        raise FormError(path, "cần “first_year” (năm đầu tiên dùng mẫu này).")
    return Form(path, _text(raw, "form", where, path), _text(raw, "version", where, path),
                _text(raw, "title", where, path), _text(raw, "issued", where, path),
                _text(raw, "used_by", where, path), first_year, closing, columns, tuple(part_a), lines)


def form_files(extra_dir: Path | None = None) -> list[Path]:
    files = sorted(FORMS_DIR.glob(FORM_GLOB))
    if extra_dir is not None and extra_dir.is_dir():
        files += sorted(extra_dir.glob(FORM_GLOB))
    return files


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A version compared as people number them: the runs of digits as numbers, so that
    "hd47-2021-r10" comes after "hd47-2021-r9" (as text it would come before)."""
    return tuple((int(part), "") if part.isascii() and part.isdigit() else (-1, part.casefold())
                 for part in re.findall(r"[0-9]+|[^0-9]+", version))


def form_for_year(year: int, extra_dir: Path | None = None) -> Form:
    """The form in force for the year: of the files whose first year is not after it, the
    one with the latest first year, then the latest version (a federation's copy beside
    the database wins a tie with the shipped one)."""
    best: Form | None = None
    for path in form_files(extra_dir):
        f = load_form(path)
        later = best is None or ((f.first_year, version_key(f.version))
                                 >= (best.first_year, version_key(best.version)))
        if f.first_year <= year and later:
            best = f
    if best is None:
        raise ValidationError({"year": f"không có mẫu B07-TLĐ cho năm {year}."})
    return best
