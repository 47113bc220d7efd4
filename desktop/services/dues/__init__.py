"""Đoàn phí (DOMAIN.md "Dues"): the law as dated rows (law), the arithmetic of what a
member owes for a month (calc), what each member owes and has paid, receipts and their
allocations (service), members behind (arrears), the unit's totals by group and month
(totals) and the months kept for the upper level (months), and the share remitted upward
(remittance).

Below members in the order of the service packages: it imports only core, units and cash."""

from desktop.services.dues.arrears import (
    THRESHOLD_LABELS,
    THRESHOLDS,
    ArrearsMember,
    members_behind,
    month_due_total,
)
from desktop.services.dues.calc import (
    EXEMPT_REASONS,
    Due,
    LawTables,
    MemberHistory,
    UnitDues,
    compute_due,
    member_due,
    month_end,
    month_index,
    month_label,
    month_start,
    period_label,
)
from desktop.services.dues.law import LawRow, LawService
from desktop.services.dues.remittance import (
    RemittanceMonth,
    RemittancePlan,
    RemittanceService,
    ShareStretch,
    share_text,
)
from desktop.services.dues.service import (
    LIVE_PAYMENT,
    MAX_MONTHS_AHEAD,
    Calculator,
    DuesLine,
    DuesService,
    ExemptionRow,
    Ledger,
    LedgerMonth,
    PaymentError,
    TrackedUnit,
    months_text,
    parse_month,
    raw_connection,
    record_basis_change,
    tracked_from,
)
from desktop.services.dues.totals import DuesDue, due_by_group_and_month, due_by_month

__all__ = [
    "EXEMPT_REASONS",
    "LIVE_PAYMENT",
    "MAX_MONTHS_AHEAD",
    "THRESHOLDS",
    "THRESHOLD_LABELS",
    "ArrearsMember",
    "Calculator",
    "Due",
    "DuesDue",
    "DuesLine",
    "DuesService",
    "ExemptionRow",
    "LawRow",
    "LawService",
    "LawTables",
    "Ledger",
    "LedgerMonth",
    "MemberHistory",
    "PaymentError",
    "RemittanceMonth",
    "RemittancePlan",
    "RemittanceService",
    "ShareStretch",
    "TrackedUnit",
    "UnitDues",
    "compute_due",
    "due_by_group_and_month",
    "due_by_month",
    "member_due",
    "members_behind",
    "month_due_total",
    "month_end",
    "month_index",
    "month_label",
    "month_start",
    "months_text",
    "parse_month",
    "period_label",
    "raw_connection",
    "record_basis_change",
    "share_text",
    "tracked_from",
]
