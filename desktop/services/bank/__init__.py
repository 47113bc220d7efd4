"""The bank and treasury accounts: the accounts with their opening balances (accounts.py,
opening.py), the bank book (S12-H) with advices, fees, interest and transfers with the cash
book (book.py, ledger.py), bank statements read from their headers and matched to members
and dues (statement.py, layout.py, matching.py, statement_import.py), the receiving account
for dues and VietQR codes with their payment references (receiving.py, reference.py,
vietqr.py), and cash and bank together (totals.py)."""

from desktop.services.bank.accounts import (
    ACCOUNT_KINDS,
    AccountInfo,
    AccountInput,
    BankAccountService,
    account_info,
    live_account,
)
from desktop.services.bank.banks import (
    BANKS,
    Bank,
    bank_by_bin,
    find_banks,
)
from desktop.services.bank.book import (
    BankBookData,
    BankBookLine,
    BankBookService,
    EntryInfo,
    TransferInfo,
)
from desktop.services.bank.layout import (
    Layout,
    find_layout,
)
from desktop.services.bank.ledger import (
    ENTRY_KINDS,
    IN_KINDS,
    OUT_KINDS,
    TRANSFER_KINDS,
    balance_on,
    lowest_balance_from,
)
from desktop.services.bank.matching import (
    Found,
    MemberIndex,
    looks_like_fee,
)
from desktop.services.bank.opening import (
    start_books,
)
from desktop.services.bank.receiving import (
    NO_ACCOUNT,
    DuesAccount,
    DuesAccountService,
    dues_account_in,
)
from desktop.services.bank.reference import (
    PaymentReference,
    PaymentReferenceError,
    decode_reference,
    find_references,
    make_reference,
    member_key,
)
from desktop.services.bank.statement import (
    Statement,
    StatementFileError,
    StatementLine,
    parse_amount,
    read_statement,
    statement_from_rows,
)
from desktop.services.bank.statement_import import (
    CHOICE_KINDS,
    DUES,
    FEE,
    IMPORTED,
    INCOME_KIND,
    INTEREST,
    NEW,
    PROBLEM,
    SPENDING_KIND,
    STATES,
    ImportPreview,
    PreviewLine,
    StatementImportService,
)
from desktop.services.bank.totals import (
    MoneyTotals,
    money_totals,
)
from desktop.services.bank.vietqr import (
    qr_png,
    vietqr_payload,
)

__all__ = ["ACCOUNT_KINDS", "BANKS", "CHOICE_KINDS", "DUES", "ENTRY_KINDS", "FEE", "IMPORTED", "INCOME_KIND", "INTEREST", "IN_KINDS", "NEW", "NO_ACCOUNT", "OUT_KINDS", "PROBLEM", "SPENDING_KIND", "STATES", "TRANSFER_KINDS", "AccountInfo", "AccountInput", "Bank", "BankAccountService", "BankBookData", "BankBookLine", "BankBookService", "DuesAccount", "DuesAccountService", "EntryInfo", "Found", "ImportPreview", "Layout", "MemberIndex", "MoneyTotals", "PaymentReference", "PaymentReferenceError", "PreviewLine", "Statement", "StatementFileError", "StatementImportService", "StatementLine", "TransferInfo", "account_info", "balance_on", "bank_by_bin", "decode_reference", "dues_account_in", "find_banks", "find_layout", "find_references", "live_account", "looks_like_fee", "lowest_balance_from", "make_reference", "member_key", "money_totals", "parse_amount", "qr_png", "read_statement", "start_books", "statement_from_rows", "vietqr_payload"]
