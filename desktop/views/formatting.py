"""Display helpers for views: dates dd/MM/yyyy, money 1.234.567 đ."""

from desktop.services.dates import format_date
from desktop.services.money import format_money

__all__ = ["format_date", "format_money"]
