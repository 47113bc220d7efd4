"""Display helpers for views: dates dd/MM/yyyy, money 1.234.567 đ, counts 2.902."""

from PySide6.QtCore import QCoreApplication

from desktop.services.core.dates import format_date
from desktop.services.core.money import format_money

__all__ = ["count", "format_date", "format_money", "term"]


def count(n: int) -> str:
    """A count as Vietnamese write it: 2.902 (the thousands dot, as in money)."""
    return f"{n:,}".replace(",", ".")


def term(text: str) -> str:
    """A word of the domain that services give in Vietnamese (a field label, a status),
    in the interface's language; the list is desktop/views/domain_terms.py."""
    return QCoreApplication.translate("Terms", text)
