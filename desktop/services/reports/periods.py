"""How a report names its period in its subtitle ("năm 2026", "6 tháng đầu năm 2026",
"từ tháng 01/2026 đến tháng 03/2026"). Its own module so that the reports module, which
builds every report, and the reports it builds (activities, remittance) share it without
importing each other."""

from __future__ import annotations

from datetime import date

from desktop.services.dues.calc import month_label


def period_text(date_from: date, date_to: date) -> str:
    if date_from.month == 1 and date_from.day == 1 and date_to == date(date_from.year, 12, 31):
        return f"năm {date_from.year}"
    if date_from.day == 1 and date_from.month in (1, 7) and date_to == date(date_from.year, date_from.month + 5,
                                                                             30 if date_from.month == 1 else 31):
        return f"6 tháng {'đầu' if date_from.month == 1 else 'cuối'} năm {date_from.year}"
    return f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"


def dues_period_text(first: int, last: int) -> str:
    """The months first..last (month indexes, dues.calc.month_index)."""
    if first == last:
        return f"tháng {month_label(first)}"
    return f"từ tháng {month_label(first)} đến tháng {month_label(last)}"
