"""The audit log read as a person reads it: who changed what and when, with field labels
and values in words (text.py), searched and paged (log.py)."""

from desktop.services.audit.log import ACTION_LABELS, TABLE_LABELS, AuditQuery, AuditService
from desktop.services.audit.text import field_label, value_text

__all__ = ["ACTION_LABELS", "TABLE_LABELS", "AuditQuery", "AuditService", "field_label", "value_text"]
