"""The cash box: receipts (phiếu thu) and payment vouchers (phiếu chi) numbered in the
device's book, their voids, and the cash book with its running balance. Dues, payroll
and activities write their money through CashService.issue, inside their own transaction."""

from desktop.services.cash.service import (
    ACCOUNTS,
    INCOME,
    KIND_LABELS,
    SPENDING,
    CashBookData,
    CashBookLine,
    CashService,
    DocInfo,
    ReceiptAllocation,
    VoidError,
    describe,
    doc_info,
    words,
)

__all__ = [
    "ACCOUNTS",
    "INCOME",
    "KIND_LABELS",
    "SPENDING",
    "CashBookData",
    "CashBookLine",
    "CashService",
    "DocInfo",
    "ReceiptAllocation",
    "VoidError",
    "describe",
    "doc_info",
    "words",
]
