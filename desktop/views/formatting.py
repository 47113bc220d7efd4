"""Display helpers for views: dates dd/MM/yyyy, money 1.234.567 đ."""

from PySide6.QtCore import QCoreApplication

from desktop.services.dates import format_date
from desktop.services.money import format_money

__all__ = ["format_date", "format_money", "term"]


def term(text: str) -> str:
    """A word of the domain that services give in Vietnamese (a field label, a status),
    in the interface's language; the list is desktop/views/domain_terms.py."""
    return QCoreApplication.translate("Terms", text)
