"""The papers the books need, made from the services' data by the printing layer's forms:
receipts and vouchers, the dues collection sheet, a member's dues ledger, the cash book
and the remittance statement."""

from desktop.services.documents.service import Documents, period_title

__all__ = ["Documents", "period_title"]
