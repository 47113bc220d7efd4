"""The figures of the union: the reports sent upward (service: members, dues, the cash
book, the yearly settlement, and the remittance and activities reports of their own
modules), each turned into a printing.reports.Report that the screen, the PDF and the
Excel file show alike; and the home page's figures at a glance (dashboard)."""

from desktop.services.reports.activities import ActivitiesReport, activities_report, activities_report_view
from desktop.services.reports.b07 import B07, inputs, record_closing, save_inputs, settlement_b07
from desktop.services.reports.b07_form import Form, FormError, form_for_year, load_form
from desktop.services.reports.b07_output import b07_view, write_b07
from desktop.services.reports.dashboard import (
    AGE_BANDS,
    JOINING,
    LEAVING,
    YOUNG_MAX_AGE,
    Dashboard,
    DashboardService,
    birth_limit,
)
from desktop.services.reports.periods import dues_period_text, period_text
from desktop.services.reports.remittance import remittance_report, remittance_report_view
from desktop.services.reports.service import (
    REPORTS,
    DuesFigures,
    DuesReport,
    MemberStats,
    Settlement,
    build,
    cashbook_report,
    dues_report,
    dues_report_view,
    member_stats,
    member_stats_report,
    save,
    settlement,
    settlement_report,
    settlement_year,
)

__all__ = [
    "AGE_BANDS",
    "B07",
    "JOINING",
    "LEAVING",
    "REPORTS",
    "YOUNG_MAX_AGE",
    "ActivitiesReport",
    "Dashboard",
    "DashboardService",
    "DuesFigures",
    "DuesReport",
    "Form",
    "FormError",
    "MemberStats",
    "Settlement",
    "activities_report",
    "activities_report_view",
    "b07_view",
    "birth_limit",
    "build",
    "cashbook_report",
    "dues_period_text",
    "dues_report",
    "dues_report_view",
    "form_for_year",
    "inputs",
    "load_form",
    "member_stats",
    "member_stats_report",
    "period_text",
    "record_closing",
    "remittance_report",
    "remittance_report_view",
    "save",
    "save_inputs",
    "settlement",
    "settlement_b07",
    "settlement_report",
    "settlement_year",
    "write_b07",
]
