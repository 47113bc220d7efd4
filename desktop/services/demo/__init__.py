"""Demo data: a realistic union of any size (service), and on top of it a year of use —
dues, cash, remittances, activities — so that every page shows something (year)."""

from desktop.services.demo.service import make_demo
from desktop.services.demo.year import fill_year

__all__ = ["fill_year", "make_demo"]
