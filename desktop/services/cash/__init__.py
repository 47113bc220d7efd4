"""The cash box: receipts (phiếu thu) and payment vouchers (phiếu chi) numbered in the
device's book, their voids, and the cash book with its running balance. Dues, payroll
and activities write their money through CashService.issue, inside their own transaction.
Each kind of income and spending prints its account pair (accounts.py), each book its
name a person reads (books.py)."""

from desktop.services.cash.accounts import (
    BANK,
    BANK_ONLY,
    CASH,
    LABELS,
    LAW,
    PLACES,
    AccountPairs,
    Pair,
    PairInfo,
    pair_for,
)
from desktop.services.cash.books import book_label, number_text
from desktop.services.cash.service import (
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
    "BANK",
    "BANK_ONLY",
    "CASH",
    "INCOME",
    "KIND_LABELS",
    "LABELS",
    "LAW",
    "PLACES",
    "SPENDING",
    "AccountPairs",
    "CashBookData",
    "CashBookLine",
    "CashService",
    "DocInfo",
    "Pair",
    "PairInfo",
    "ReceiptAllocation",
    "VoidError",
    "book_label",
    "describe",
    "doc_info",
    "number_text",
    "pair_for",
    "words",
]
