"""The tables that sync and their fields, as the server accepts them.

Kept equal to the desktop's models by a test (tests/test_protocol.py); a new table or
field is added here in the same change as its migration, with a new SCHEMA_VERSIONS
entry. The meta fields (id, created_at, updated_at, device_id) travel beside them."""

from __future__ import annotations

import uuid
from typing import Any

TABLES: dict[str, frozenset[str]] = {
    # The unit's own account pairs (Nợ / Có) per kind of income and spending (desktop schema 0016).
    "account_pair": frozenset({"kind", "place", "debit_account", "credit_account", "note", "deleted_at"}),
    # Activities, attendance and their documents (desktop schema 0005).
    "activity": frozenset({
        "kind", "subkind", "title", "start_date", "end_date", "place", "organiser", "scope", "group_id", "budget",
        "spent_outside", "notes", "deleted_at"}),
    "activity_doc": frozenset({
        "activity_id", "doc_type", "chain_id", "version", "correction_reason", "status", "finished_at",
        "meeting_kind", "number", "year", "suffix", "doc_date", "place_name", "title", "start_at", "end_at",
        "location", "chair_name", "chair_role", "secretary_name", "secretary_role", "expected_count",
        "present_count", "participants", "agenda", "conclusions", "closing_note", "bases", "body", "annex",
        "signer_title", "signer_name", "recipients", "deleted_at"}),
    "activity_member": frozenset({"activity_id", "member_id", "attendance", "reason", "amount", "note", "deleted_at"}),
    "activity_payment": frozenset({"activity_id", "doc_id", "member_id", "deleted_at"}),
    # Who changed what (desktop schema 0006): insert-only, written by each PC's triggers.
    "audit_log": frozenset({
        "at", "user_name", "tbl", "row_id", "action", "field", "old_value", "new_value", "label", "deleted_at"}),
    # The unit's bank and treasury accounts and the bank book (desktop schema 0013).
    "bank_account": frozenset({
        "kind", "bank_bin", "institution", "account_number", "account_name", "opening_balance", "opening_date",
        "deleted_at"}),
    "bank_entry": frozenset({
        "account_id", "kind", "entry_date", "amount", "category", "content", "counterpart", "reference",
        "cash_doc_id", "debit_account", "credit_account",
        # desktop schema 0014: the statement line it was recorded from
        "fingerprint",
        # desktop schema 0019: the document of a closed year an adjusting entry corrects
        "corrects_id", "deleted_at"}),
    "bank_entry_void": frozenset({"entry_id", "void_date", "reason", "deleted_at"}),
    # The budget estimate's lines a person edited (desktop schema 0020).
    "budget_line": frozenset({"year", "code", "estimate", "approved", "note", "deleted_at"}),
    # The settlement's figures kept per year (desktop schema 0021).
    "settlement_figure": frozenset({"year", "key", "value", "deleted_at"}),
    "base_salary": frozenset({"effective_from", "amount", "source", "deleted_at"}),
    "cash_doc": frozenset({
        "kind", "book_id", "book_code", "number", "doc_date", "category", "person_name", "address",
        "member_id", "reason", "amount", "attachments", "debit_account", "credit_account",
        # desktop schema 0019: the document of a closed year an adjusting document corrects
        "corrects_id", "deleted_at"}),
    "cash_doc_void": frozenset({"doc_id", "void_date", "reason", "deleted_at"}),
    "dues_basis": frozenset({"member_id", "from_month", "basis", "amount", "deleted_at"}),
    "dues_exemption": frozenset({"member_id", "from_month", "to_month", "reason", "note", "deleted_at"}),
    # What the unit's dues come to per month, computed by its PCs (desktop schema 0009).
    "dues_month": frozenset({"month", "due", "deleted_at"}),
    # desktop schema 0014: paid by transfer, on the bank book's credit instead of a receipt
    "dues_payment": frozenset({"doc_id", "bank_entry_id", "member_id", "month", "amount", "deleted_at"}),
    "dues_rule": frozenset({
        "effective_from", "unit_group", "rate_bp", "cap_bp", "fixed_min_bp", "source", "deleted_at"}),
    "member": frozenset({
        "full_name", "birth_date", "birth_year_only", "gender", "ethnicity", "religion", "nationality",
        "id_type", "id_number", "id_issue_date", "id_issue_place", "hometown", "permanent_address", "phone",
        "email", "education", "qualification", "job_title", "department", "group_id", "union_position",
        "joined_date", "card_number", "party_member", "dues_basis", "salary", "notes", "status",
        # desktop schema 0008: consent to keep the data, and the erasure of a leaver's data
        "consent_date", "erased_at",
        # desktop schema 0011: the mã số BHXH, matched from the employer's D02-LT list
        "social_insurance_number",
        # desktop schema 0010: dues paid on paper up to this month, before the app
        "dues_paid_through", "deleted_at"}),
    "member_event": frozenset({
        "member_id", "kind", "event_date", "reason", "decision_number", "seq", "deleted_at"}),
    # A member's transfer to another unit of the platform (desktop schema 0022, protocol/transfers.py).
    "member_transfer": frozenset({
        "direction", "member_id", "from_unit_code", "from_unit_name", "to_unit_code", "transfer_date", "reason",
        "with_personal_data", "consent_date", "member_data", "status", "answered_at", "answer_reason",
        "deleted_at"}),
    "receipt_book": frozenset({
        "kind", "code", "year", "owner_device", "next_number", "closed_at", "deleted_at"}),
    "remit_rule": frozenset({"effective_from", "share_bp", "source", "deleted_at"}),
    "remittance": frozenset({
        "period_from", "period_to", "collected", "standard_collected", "share_bp", "amount", "voucher_id",
        "deleted_at"}),
    "unit": frozenset({
        "name", "upper_name", "code", "address", "tax_code", "chair_name", "accountant_name",
        "treasurer_name", "dues_group", "higher_rate_bp", "rounding", "dues_from", "remit_share_bp",
        "qhns_code", "place", "circular_c40", "circular_c41", "words_linh_le", "words_nghin_ngan",
        "opening_balance", "opening_date",
        # desktop schema 0015: the account that receives dues by transfer (VietQR)
        "dues_account_id", "deleted_at"}),
    "unit_group": frozenset({"name", "kind", "parent_id", "sort_order", "deleted_at"}),
    # The closes and reopenings of the unit's years, append-only (desktop schema 0019).
    "year_close": frozenset({
        "event", "year", "at", "by_name", "reason", "fingerprint", "rows", "cash_opening", "cash_closing",
        "bank_opening", "bank_closing", "income", "spending", "deleted_at"}),
}

# Issued documents and what they pay: inserted once, never merged or edited (DOMAIN.md).
INSERT_ONLY: frozenset[str] = frozenset({
    "audit_log", "bank_entry", "bank_entry_void", "cash_doc", "cash_doc_void", "dues_payment", "remittance",
    "year_close"})

# Void rows and the field naming the document they void: one void per document (a
# unique index on the PCs, a refusal on the server).
VOIDS: dict[str, str] = {"cash_doc_void": "doc_id", "bank_entry_void": "entry_id"}

# Conflicts the server found; it makes them, devices only read them.
CONFLICT_TABLE = "sync_conflict"


# Rows whose id follows from their fields: one per (receipt, member, month). A pull page
# sends no id for them (the receiver derives it), which halves a year of allocations
# on the wire: each random id is what compresses worst.
DERIVED_IDS: dict[str, tuple[str, ...]] = {"dues_payment": ("doc_id", "member_id", "month")}
_NS = uuid.UUID("2b6f0d8e-5c1a-4f7b-9e3d-7a1c4b2e9f60")

# Rows whose ids no other row points to and that a PC makes in runs: an audit row's id is
# the PC's clock, its device and a counter (desktop/models/audit.py), so a page may send
# them as numbers (protocol/codec.py, form "u"), not in its shared list of ids, where each
# cost 16 bytes gzipped (two thirds of an audit row).
SERIAL_IDS: frozenset[str] = frozenset({"audit_log"})


def derived_id(tbl: str, data: dict[str, Any]) -> str | None:
    keys = DERIVED_IDS.get(tbl)
    if keys is None:
        return None
    return str(uuid.uuid5(_NS, "/".join(str(data.get(k)) for k in keys)))


# Rows that lock themselves: once the field has the value, the row is never changed
# again (a finished minute; a correction is a new version). The server refuses later changes.
LOCKED_WHEN: dict[str, tuple[str, object]] = {"activity_doc": ("status", "final")}


# A member's status as it travels (member.status), with its Vietnamese name: the desktop
# shows it, the server's figures for upper levels count and name it.
STATUS_LABELS: dict[str, str] = {
    "active": "Đang sinh hoạt",
    "suspended": "Tạm dừng sinh hoạt",
    "honorary": "Đoàn viên danh dự",
    "transferred_out": "Đã chuyển đi",
    "left": "Đã ra khỏi tổ chức",
    "expelled": "Đã bị khai trừ",
    "deceased": "Đã từ trần",
}
# Members on the unit's books (they appear on lists and sheets by default).
CURRENT_STATUSES = ("active", "suspended", "honorary")
