"""Accounts of the upper levels' web pages and figures API: roles, who manages whom, the audit log."""
