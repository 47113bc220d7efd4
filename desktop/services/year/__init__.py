"""Closing and reopening the fiscal year (issue 14, item 11): above the books it closes
(cash, bank), below the reports that show it. Whether a date is in a closed year is
core's question (services/core/closed_years.py), asked by the books themselves."""

from desktop.services.year.service import YearCloseError, YearEvent, YearService, YearStatus, ledger_rows

__all__ = ["YearCloseError", "YearEvent", "YearService", "YearStatus", "ledger_rows"]
