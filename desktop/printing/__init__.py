"""Printed forms: data in, PDF out (ReportLab only).

Each form is a module with one function render_x(header, data, out) taking a UnitHeader,
the form's frozen dataclass from desktop.printing.data and a path or binary file object,
and returning the number of pages. The family of fonts is desktop.printing.fonts; the
shared formatting and layout helpers are desktop.printing.layout.

This package sits below the services: it imports nothing from desktop.services,
desktop.models or desktop.views, and never PySide6.
"""

from desktop.printing.attendance import render_attendance
from desktop.printing.cash_book import render_cash_book
from desktop.printing.collection_sheet import render_collection_sheet
from desktop.printing.dues_notice import render_dues_notices
from desktop.printing.fonts import register_fonts
from desktop.printing.letter import render_letter
from desktop.printing.member_ledger import render_member_ledger
from desktop.printing.minutes import render_minutes
from desktop.printing.receipt import render_receipts
from desktop.printing.remittance import render_remittance

__all__ = [
    "register_fonts",
    "render_attendance",
    "render_cash_book",
    "render_collection_sheet",
    "render_dues_notices",
    "render_letter",
    "render_member_ledger",
    "render_minutes",
    "render_receipts",
    "render_remittance",
]
