"""Payroll: dues deducted from wages and handed over by the employer with a list of
members and amounts (service), and the employer's social-insurance list, which updates
the members' dues bases and gives the recruitment list (social_insurance)."""

from desktop.services.payroll.service import PayrollPreview, PayrollRow, PayrollService
from desktop.services.payroll.social_insurance import (
    MATCH_LABELS,
    Change,
    InsuranceList,
    InsurancePreview,
    Recruit,
    Skipped,
    SocialInsuranceImport,
    Worker,
    read_insurance_list,
    render_recruitment_list,
)

__all__ = [
    "MATCH_LABELS",
    "Change",
    "InsuranceList",
    "InsurancePreview",
    "PayrollPreview",
    "PayrollRow",
    "PayrollService",
    "Recruit",
    "Skipped",
    "SocialInsuranceImport",
    "Worker",
    "read_insurance_list",
    "render_recruitment_list",
]
