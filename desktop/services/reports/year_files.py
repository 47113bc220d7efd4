"""The budget estimate (PDF in the form's layout, or Excel) and the public disclosure (PDF)
saved to a file, with the union's header."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.printing.budget import BudgetSheet, BudgetSheetLine, render_budget
from desktop.printing.disclosure import DisclosureSheet, render_disclosure
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.excel_io import write_table
from desktop.services.core.safe_files import atomic_write
from desktop.services.documents.service import Documents
from desktop.services.reports.budget import Budget, BudgetService
from desktop.services.reports.disclosure import LAW, disclosure

UNCONFIRMED = ("Mã số để trống: chưa đối chiếu được với văn bản gốc của biểu mẫu (Hướng dẫn 47/HD-TLĐ); "
               "ghi theo hướng dẫn của công đoàn cấp trên.")


def budget_sheet(b: Budget) -> BudgetSheet:
    lines = tuple(BudgetSheetLine(r.line.part, r.line.form_code if r.line.confirmed else None, r.line.label,
                                  r.line.unit, (r.actual, r.estimate, r.approved), r.line.heading, r.line.total)
                  for r in b.rows)
    notes = b.notes
    if any(r.line.form_code and not r.line.confirmed for r in b.rows):
        notes += (UNCONFIRMED,)
    return BudgetSheet(b.form.name, b.form.title, b.year, b.form.columns, lines, notes, date.today())


def _suffix(out: Path, allowed: tuple[str, ...]) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise ValidationError({"out": f"tệp {out.name}: chỉ lưu được " + " hoặc ".join(allowed) + "."})
    return suffix


def save_budget(ctx: Context, year: int, out: Path | str) -> Path:
    out = Path(out)
    suffix = _suffix(out, (".pdf", ".xlsx"))
    b = BudgetService(ctx).show(year)
    if suffix == ".xlsx":
        cols = b.form.columns
        rows = [(r.code, r.line.form_code if r.line.confirmed else "", r.line.label, r.line.unit, r.actual,
                 r.estimate, r.approved, r.note or "", "" if r.line.heading or r.line.total else r.how)
                for r in b.rows]
        rows += [("", "", note, "", None, None, None, "", "") for note in budget_sheet(b).notes]
        return write_table(out, f"Dự toán {year}", ("Dòng", "Mã số", "Nội dung", "Đơn vị", *cols, "Ghi chú",
                                                    "Cách đề xuất"), rows, text_columns=(0, 1))
    with atomic_write(out) as tmp:
        render_budget(Documents(ctx).header(), budget_sheet(b), tmp)
    return out


def save_disclosure(ctx: Context, year: int, out: Path | str) -> Path:
    out = Path(out)
    _suffix(out, (".pdf",))
    d = disclosure(ctx, year)
    led = d.ledger
    sheet = DisclosureSheet(year, LAW, led.opening_cash, led.opening_bank, d.income, d.spending, d.remitted,
                            led.closing_cash, led.closing_bank, d.members, d.women, d.dues_collected, d.as_of,
                            date.today())
    with atomic_write(out) as tmp:
        render_disclosure(Documents(ctx).header(), sheet, tmp)
    return out
