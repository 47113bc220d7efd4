"""The figures of the union: the reports sent upward (service: members, dues, the cash
book, the yearly settlement, and the remittance and activities reports of their own
modules), each turned into a printing.reports.Report that the screen, the PDF and the
Excel file show alike; and the home page's figures at a glance (dashboard)."""

from desktop.services.reports.activities import ActivitiesReport, activities_report, activities_report_view
from desktop.services.reports.b07 import B07, inputs, record_closing, save_inputs, settlement_b07
from desktop.services.reports.b07_form import Form, FormError, form_for_year, load_form
from desktop.services.reports.b07_output import b07_view, write_b07
from desktop.services.reports.budget import Budget, BudgetRow, BudgetService, LineEdit, as_edits, check_year
from desktop.services.reports.budget_form import BudgetForm, FormLine, budget_form, kinh_phi_rate
from desktop.services.reports.dashboard import (
    AGE_BANDS,
    JOINING,
    LEAVING,
    YOUNG_MAX_AGE,
    Dashboard,
    DashboardService,
    birth_limit,
)
from desktop.services.reports.disclosure import Disclosure, disclosure
from desktop.services.reports.ledger_year import LedgerYear, ledger_year
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
from desktop.services.reports.year_files import save_budget, save_disclosure

__all__ = [
    "AGE_BANDS",
    "B07",
    "JOINING",
    "LEAVING",
    "REPORTS",
    "YOUNG_MAX_AGE",
    "ActivitiesReport",
    "Budget",
    "BudgetForm",
    "BudgetRow",
    "BudgetService",
    "Dashboard",
    "DashboardService",
    "Disclosure",
    "DuesFigures",
    "DuesReport",
    "Form",
    "FormError",
    "FormLine",
    "LedgerYear",
    "LineEdit",
    "MemberStats",
    "Settlement",
    "activities_report",
    "activities_report_view",
    "as_edits",
    "b07_view",
    "birth_limit",
    "budget_form",
    "build",
    "cashbook_report",
    "check_year",
    "disclosure",
    "dues_period_text",
    "dues_report",
    "dues_report_view",
    "form_for_year",
    "inputs",
    "kinh_phi_rate",
    "ledger_year",
    "load_form",
    "member_stats",
    "member_stats_report",
    "period_text",
    "record_closing",
    "remittance_report",
    "remittance_report_view",
    "save",
    "save_budget",
    "save_disclosure",
    "save_inputs",
    "settlement",
    "settlement_b07",
    "settlement_report",
    "settlement_year",
    "write_b07",
]
