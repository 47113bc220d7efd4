"""A bank statement (sao kê) read from the Excel or CSV file a bank exports: its lines,
the account number and the opening and closing balances when the file gives them, and
every row it could not read, named by its row number.

Nothing here writes: the import (preview, matching, one transaction) is built on this.
The layout is found from the headers (bank/layout.py); title blocks above them, balance
rows ("Dư đầu", "Số dư đầu kỳ/ Opening balance"), total rows and blank rows are told apart
from transactions; a date left blank is the one above it (VietinBank fills only the first
line of a day); amounts come as numbers or as text with dots or commas grouping thousands.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

from desktop.services.bank.layout import AMOUNT, CREDIT, DATE, DEBIT, DESCRIPTION, REFERENCE, Layout, find_layout
from desktop.services.core.dates import DateFormatError, parse_date
from desktop.services.core.errors import ImportFileError
from desktop.services.core.excel_io import iter_sheets
from desktop.services.core.money import MoneyFormatError, format_money, parse_money
from desktop.services.core.text import clean, fold
from protocol.limits import MAX_MONEY

MAX_DESCRIPTION = 500
_OPENING = ("so du dau ky", "so du dau", "du dau ky", "du dau", "opening balance", "beginning balance")
_CLOSING = ("so du cuoi ky", "so du cuoi", "du cuoi ky", "du cuoi", "closing balance", "ending balance")
_TOTAL_START = ("tong", "total")  # "Tổng", "Tổng cộng:", "Tổng số phát sinh", "Total"
_TOTAL = ("cong", "cong phat sinh", "cong so phat sinh")
_ACCOUNT = ("so tai khoan", "tai khoan", "account number", "account no", "so tk", "account")
_ACCOUNT_NUMBER = re.compile(r"(?<!\d)(\d{6,19})(?!\d)")
_AMOUNT_TEXT = re.compile(r"\d")


class StatementFileError(ImportFileError):
    """The file cannot be read as a bank statement; nothing was read from it."""

    code = "statement_file"


@dataclass(frozen=True)
class StatementLine:
    row: int  # the row number as Excel shows it (the first row is 1)
    date: date
    credit: int  # đồng that came in
    debit: int  # đồng that went out
    description: str
    reference: str | None
    fingerprint: str  # the same for this line in any later statement that holds it


@dataclass(frozen=True)
class Statement:
    file_name: str
    sheet: str
    columns: dict[str, str]  # role → the header as the file writes it
    account_number: str | None
    opening_balance: int | None
    closing_balance: int | None
    lines: tuple[StatementLine, ...]
    problems: tuple[str, ...]  # "Dòng 12: …", one per row that was not read

    @property
    def total_credit(self) -> int:
        return sum(line.credit for line in self.lines)

    @property
    def total_debit(self) -> int:
        return sum(line.debit for line in self.lines)


def read_statement(path: Path | str) -> Statement:
    """The statement in the file (.xlsx, .xls, .csv): the first sheet with a header row a
    statement has. Unreadable, password-protected or broken files and files without such
    a header are refused (StatementFileError or ImportFileError) with the reason."""
    path = Path(path)
    seen = []
    for sheet, rows in iter_sheets(path):
        statement = statement_from_rows(rows, file_name=path.name, sheet=sheet)
        if statement is not None:
            return statement
        seen.append(sheet)
    if not seen:
        raise StatementFileError(f"Tệp {path.name} không có dữ liệu.")
    raise StatementFileError(
        f"Tệp {path.name} không có dòng tiêu đề của một sao kê ngân hàng"
        + (f" (đã xem các trang: {', '.join(seen)})" if len(seen) > 1 else "")
        + ": cần cột ngày (Ngày giao dịch, Ngày hạch toán, Ngày hiệu lực…), cột số tiền (Ghi có / Ghi nợ, Có / Nợ, "
          "Phát sinh có / Phát sinh nợ, Credit / Debit, hoặc Số tiền) và cột Mô tả / Diễn giải / Nội dung. "
          "Hãy xuất lại sao kê dạng Excel từ ngân hàng, không sửa tiêu đề cột.")


def statement_from_rows(rows: Sequence[Sequence[object]], *, file_name: str = "", sheet: str = "") -> Statement | None:
    """The statement in one sheet's rows, or None when no header row is found."""
    layout = find_layout(rows)
    if layout is None:
        return None
    return _Reader(rows, layout, file_name, sheet).read()


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def _folded(cell: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z ]", " ", fold(_text(cell))).split())


def parse_amount(cell: object) -> int | None:
    """Whole đồng of a statement's money cell, signed: 1500000, "1.500.000", "1,500,000",
    "1.500.000,00", "-200,000", "(200.000)", "+50.000". None when empty; MoneyFormatError
    when it is not an amount."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise MoneyFormatError(str(cell))
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise MoneyFormatError(str(cell))
        # Half up, as parse_money rounds "20.000,50" (round() would take 20000.5 to 20000).
        return int(Decimal(repr(cell)).quantize(Decimal(1), ROUND_HALF_UP))
    text = "".join(str(cell).split())
    if text in ("", "-"):
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text[:1] in ("+", "-"):
        negative, text = negative or text[0] == "-", text[1:]
    value = parse_money(text)
    if value is None:  # a sign or brackets around nothing
        raise MoneyFormatError(str(cell))
    return -value if negative else value


def _parse_day(cell: object) -> date | None:
    if isinstance(cell, str):
        # "01/03/2026 10:15:22" and "01/03/2026\n10:15": the day is what counts; "46087":
        # an Excel day number that a CSV export wrote as text.
        cell = cell.strip().split()[0] if cell.strip() else ""
        if cell.isdigit() and len(cell) == 5:
            cell = int(cell)
    parsed = parse_date(cell)
    return parsed.value if parsed is not None else None


class _Row(NamedTuple):
    number: int
    day: date
    credit: int
    debit: int
    description: str
    reference: str | None


class _Reader:
    def __init__(self, rows: Sequence[Sequence[object]], layout: Layout, file_name: str, sheet: str) -> None:
        self.rows = rows
        self.layout = layout
        self.file_name = file_name
        self.sheet = sheet
        self.problems: list[str] = []
        self.opening: int | None = None
        self.closing: int | None = None

    def cell(self, row: Sequence[object], role: str) -> object:
        i = self.layout.columns.get(role)
        return row[i] if i is not None and i < len(row) else None

    def read(self) -> Statement:
        account = self._account()
        for row in self.rows[:self.layout.header_row]:
            self._balance_row(row)
        raw: list[_Row] = []
        last_day: date | None = None
        for index in range(self.layout.header_row + 1, len(self.rows)):
            row = self.rows[index]
            number = index + 1
            if not any(_text(c) for c in row):
                continue
            if self._balance_row(row) or self._total_row(row):
                continue
            line = self._line(row, number, last_day)
            if line is None:
                continue
            if isinstance(line, str):
                if raw and line:  # a description that ran on to the next row
                    raw[-1] = raw[-1]._replace(description=f"{raw[-1].description} {line}"[:MAX_DESCRIPTION])
                continue
            last_day = line.day
            raw.append(line)
        return Statement(self.file_name, self.sheet, dict(self.layout.names), account, self.opening, self.closing,
                         _with_fingerprints(raw), tuple(self.problems))

    def _account(self) -> str | None:
        """The account number in the title block: after "Số tài khoản" / "Account number",
        in the same cell or the next ones."""
        for row in self.rows[:self.layout.header_row]:
            for i, cell in enumerate(row):
                folded = _folded(cell)
                if not any(folded.startswith(name) for name in _ACCOUNT):
                    continue
                for candidate in [_text(cell).split(":", 1)[-1]] + [_text(c) for c in row[i + 1:i + 4]]:
                    found = _ACCOUNT_NUMBER.search(candidate.replace(" ", "").replace(".", ""))
                    if found:
                        return found.group(1)
        return None

    def _balance_row(self, row: Sequence[object]) -> bool:
        """A "Số dư đầu kỳ" / "Dư cuối" row: its amount kept; True when the row is one."""
        for i, cell in enumerate(row):
            folded = _folded(cell)
            kind = ("opening" if any(folded.startswith(n) for n in _OPENING)
                    else "closing" if any(folded.startswith(n) for n in _CLOSING) else None)
            if kind is None:
                continue
            amount = self._amount_after(row, i)
            if amount is not None:
                if kind == "opening":
                    self.opening = amount
                else:
                    self.closing = amount
            return True
        return False

    @staticmethod
    def _amount_after(row: Sequence[object], i: int) -> int | None:
        tail = _text(row[i]).split(":", 1)
        candidates = ([tail[1]] if len(tail) == 2 else []) + list(row[i + 1:])
        for cell in candidates:
            if isinstance(cell, str) and not _AMOUNT_TEXT.search(cell):
                continue
            try:
                value = parse_amount(cell)
            except MoneyFormatError:
                continue
            if value is not None:
                return value
        return None

    def _total_row(self, row: Sequence[object]) -> bool:
        at = next((i for i, c in enumerate(row) if _text(c)), None)
        # "Tổng" in the description column is a line whose day is the one above.
        if at is None or at == self.layout.columns.get(DESCRIPTION):
            return False
        first = row[at]
        if _parse_day_quiet(first) is not None:
            return False
        folded = _folded(first)
        return folded in _TOTAL or any(folded == t or folded.startswith(t + " ") for t in _TOTAL_START)

    def _line(self, row: Sequence[object], number: int,
              last_day: date | None) -> _Row | str | None:
        """The row as a line; its description alone when it only continues the row above;
        None when it is not read (the problem noted)."""
        description = clean(_text(self.cell(row, DESCRIPTION))) or ""
        reference = clean(_text(self.cell(row, REFERENCE)))
        try:
            credit, debit = self._money(row)
        except MoneyFormatError as exc:
            if not _AMOUNT_TEXT.search(str(exc)) and _parse_day_quiet(self.cell(row, DATE)) is None:
                return None  # words, no date: a signature or a note under the lines
            self.problems.append(f"Dòng {number}: số tiền “{exc}” không đọc được.")
            return None
        day_cell = self.cell(row, DATE)
        if credit == 0 and debit == 0:
            filled = [i for i, c in enumerate(row) if _text(c)]
            if filled == [self.layout.columns.get(DESCRIPTION)]:
                return description  # the description ran on to this row
            if _parse_day_quiet(day_cell) is not None:
                self.problems.append(f"Dòng {number}: không có số tiền ghi có hay ghi nợ.")
            return None  # a note or a signature under the lines: no money in it
        if credit and debit:
            self.problems.append(f"Dòng {number}: có cả số ghi có ({format_money(credit)}) và số ghi nợ "
                                 f"({format_money(debit)}) trên một dòng; hãy kiểm tra lại tệp.")
            return None
        if max(credit, debit) > MAX_MONEY:
            self.problems.append(f"Dòng {number}: số tiền {format_money(max(credit, debit))} quá lớn.")
            return None
        try:
            day = _parse_day(day_cell)
        except (DateFormatError, ValueError):
            self.problems.append(f"Dòng {number}: ngày “{_text(day_cell)}” không đọc được (cần dạng 31/12/2026).")
            return None
        if day is None:
            if last_day is None:
                self.problems.append(f"Dòng {number}: không có ngày giao dịch.")
                return None
            day = last_day
        return _Row(number, day, credit, debit, description[:MAX_DESCRIPTION], reference)

    def _money(self, row: Sequence[object]) -> tuple[int, int]:
        if self.layout.signed:
            amount = parse_amount(self.cell(row, AMOUNT)) or 0
            return (amount, 0) if amount >= 0 else (0, -amount)
        # A debit written negative (Techcombank's "Nợ") is still money out.
        credit = parse_amount(self.cell(row, CREDIT)) or 0
        debit = parse_amount(self.cell(row, DEBIT)) or 0
        if credit < 0:  # a reversal written as a negative credit: money out
            credit, debit = 0, debit - credit
        return credit, abs(debit)


def _parse_day_quiet(cell: object) -> date | None:
    try:
        return _parse_day(cell)
    except (DateFormatError, ValueError):
        return None


def _with_fingerprints(raw: list[_Row]) -> tuple[StatementLine, ...]:
    """Each line's fingerprint: its day, amounts and the bank's reference (else its
    description reduced to letters and digits, which survives a bank's change of spacing),
    and, for lines that are the same in all of these, which of them it is in the day's
    order. A later statement that overlaps this one gives its shared lines the same
    fingerprints, so that importing them twice records them once."""
    seen: Counter[str] = Counter()
    out = []
    for number, day, credit, debit, description, reference in raw:
        key_text = re.sub(r"[^0-9a-z]", "", fold(reference or description))
        key = f"{day.isoformat()}|{credit}|{debit}|{'ref' if reference else 'text'}:{key_text}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:32]
        out.append(StatementLine(number, day, credit, debit, description, reference, digest))
    return tuple(out)
