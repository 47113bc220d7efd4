"""The audit log read by people: a field by its Vietnamese label, never a column name
(`next_number`, `qhns_code`); money as 1.234.567 đ, dates as dd/mm/yyyy, moments in
Vietnam's time like the rest of the row, and coded values (statuses, kinds) by their names.

The log stores what SQLite had (text of the column's value, timestamps in UTC); this
module only turns it into words for the audit viewer, per table and column."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from desktop.services.activities.minutes import DOC_TYPES, PERSON_STATUSES
from desktop.services.activities.minutes import LABELS as DOC_LABELS
from desktop.services.activities.service import ACTIVITY_KINDS, ATTENDANCE, SCOPES, SUBKINDS
from desktop.services.activities.service import LABELS as ACTIVITY_LABELS
from desktop.services.cash import LABELS as PAIR_KINDS
from desktop.services.cash import PLACES
from desktop.services.cash.service import INCOME, KIND_LABELS, SPENDING
from desktop.services.core.fields import label as member_label
from desktop.services.core.money import format_money
from desktop.services.core.statuses import EVENT_KINDS
from desktop.services.dues.calc import EXEMPT_REASONS
from desktop.services.members.rules import DUES_BASES
from desktop.services.members.transfer import DIRECTION_LABELS as TRANSFER_DIRECTIONS
from desktop.services.members.transfer import STATUS_LABELS as TRANSFER_STATUSES
from protocol.fields import FIELDS as TRANSFER_FIELDS
from protocol.tables import STATUS_LABELS

VIETNAM = timedelta(hours=7)  # the log is UTC; Vietnam has no summer time

# Labels per table where a column means something of its own there; then for any table.
_BY_TABLE: dict[str, dict[str, str]] = {
    "activity": {**ACTIVITY_LABELS, "group_id": "Tổ công đoàn", "notes": "Ghi chú"},
    "activity_doc": {**DOC_LABELS, "status": "Tình trạng", "finished_at": "Hoàn thành lúc", "version": "Phiên bản",
                     "correction_reason": "Lý do sửa", "year": "Năm", "place_name": "Địa danh",
                     "chair_role": "Chức vụ chủ tọa", "secretary_role": "Chức vụ thư ký", "conclusions": "Kết luận",
                     "closing_note": "Kết thúc cuộc họp", "bases": "Căn cứ", "recipients": "Nơi nhận",
                     "activity_id": "Hoạt động", "chain_id": "Văn bản gốc"},
    "activity_member": {"attendance": "Điểm danh", "reason": "Lý do vắng", "amount": "Số tiền", "note": "Ghi chú"},
    "cash_doc": {"kind": "Loại phiếu", "number": "Số phiếu", "doc_date": "Ngày lập phiếu", "category": "Khoản mục",
                 "person_name": "Họ tên người nộp/nhận", "address": "Địa chỉ", "reason": "Lý do (diễn giải)",
                 "amount": "Số tiền", "attachments": "Kèm theo (chứng từ gốc)", "debit_account": "Tài khoản nợ",
                 "credit_account": "Tài khoản có", "book_code": "Quyển số"},
    "cash_doc_void": {"void_date": "Ngày hủy", "reason": "Lý do hủy"},
    "budget_line": {"year": "Năm dự toán", "code": "Mã dòng", "estimate": "Dự toán", "approved": "Cấp trên duyệt",
                    "note": "Ghi chú"},
    "settlement_figure": {"year": "Năm quyết toán", "key": "Số liệu", "value": "Giá trị"},
    "account_pair": {"kind": "Loại thu/chi", "place": "Tiền ở", "debit_account": "Tài khoản nợ",
                     "credit_account": "Tài khoản có", "note": "Căn cứ"},
    "receipt_book": {"kind": "Loại phiếu", "code": "Quyển số", "year": "Năm", "next_number": "Số phiếu tiếp theo",
                     "closed_at": "Khóa sổ lúc", "owner_device": "Máy giữ quyển"},
    "unit": {"name": "Tên công đoàn cơ sở", "upper_name": "Công đoàn cấp trên trực tiếp", "code": "Mã đơn vị",
             "address": "Địa chỉ", "tax_code": "Mã số thuế", "chair_name": "Chủ tịch",
             "accountant_name": "Kế toán", "treasurer_name": "Thủ quỹ", "dues_group": "Nhóm đóng đoàn phí",
             "higher_rate_bp": "Mức đóng cao hơn", "rounding": "Làm tròn đoàn phí",
             "dues_from": "Thu đoàn phí từ tháng",
             "remit_share_bp": "Tỷ lệ nộp cấp trên", "qhns_code": "Mã quan hệ ngân sách (QHNS)",
             "place": "Địa danh", "circular_c40": "Mẫu theo Thông tư (C40)", "circular_c41": "Mẫu theo Thông tư (C41)",
             "words_linh_le": "Đọc số: linh / lẻ", "words_nghin_ngan": "Đọc số: nghìn / ngàn",
             "opening_balance": "Số dư tiền mặt đầu kỳ", "opening_date": "Ngày số dư đầu kỳ"},
    "unit_group": {"name": "Tên tổ", "kind": "Loại", "parent_id": "Thuộc", "sort_order": "Thứ tự"},
    "member_event": {"kind": "Loại thay đổi", "event_date": "Ngày", "reason": "Lý do",
                     "decision_number": "Số quyết định", "seq": "Thứ tự"},
    # A transfer to or from another unit: its fields as the protocol names them.
    "member_transfer": {k: spec.label for k, spec in TRANSFER_FIELDS["member_transfer"].items()},
    "dues_basis": {"from_month": "Từ tháng", "basis": "Căn cứ đóng đoàn phí", "amount": "Số tiền căn cứ"},
    "dues_exemption": {"from_month": "Từ tháng", "to_month": "Đến tháng", "reason": "Lý do miễn", "note": "Ghi chú"},
    "dues_month": {"month": "Tháng", "due": "Đoàn phí phải đóng"},
    "dues_payment": {"month": "Tháng", "amount": "Số tiền"},
    "dues_rule": {"effective_from": "Áp dụng từ", "unit_group": "Nhóm đơn vị", "rate_bp": "Tỷ lệ",
                  "cap_bp": "Mức tối đa", "fixed_min_bp": "Mức tối thiểu", "source": "Căn cứ"},
    "base_salary": {"effective_from": "Áp dụng từ", "amount": "Mức lương cơ sở", "source": "Căn cứ"},
    "remit_rule": {"effective_from": "Áp dụng từ", "share_bp": "Tỷ lệ nộp cấp trên", "source": "Căn cứ"},
    "year_close": {"event": "Khoá hay mở sổ", "year": "Năm", "at": "Lúc", "by_name": "Người khoá/mở sổ",
                   "reason": "Lý do mở lại sổ", "fingerprint": "Dấu vân tay sổ sách", "rows": "Số dòng sổ sách",
                   "cash_opening": "Tồn quỹ đầu năm", "cash_closing": "Tồn quỹ cuối năm",
                   "bank_opening": "Tiền gửi đầu năm", "bank_closing": "Tiền gửi cuối năm", "income": "Tổng thu",
                   "spending": "Tổng chi"},
    "remittance": {"period_from": "Từ ngày", "period_to": "Đến ngày", "collected": "Đoàn phí đã thu",
                   "standard_collected": "Đoàn phí theo mức chuẩn", "share_bp": "Tỷ lệ nộp", "amount": "Số tiền nộp",
                   "voucher_id": "Phiếu chi"},
}
_ANY_TABLE = {"deleted_at": "Xóa lúc", "erased_at": "Xóa dữ liệu cá nhân lúc", "status": "Trạng thái",
              "member_id": "Đoàn viên", "doc_id": "Phiếu", "activity_id": "Hoạt động", "group_id": "Tổ công đoàn",
              "book_id": "Quyển phiếu"}

_MONEY = {"amount", "salary", "budget", "spent_outside", "opening_balance", "collected", "standard_collected", "due"}
_BASIS_POINTS = {"rate_bp", "cap_bp", "fixed_min_bp", "share_bp", "remit_share_bp", "higher_rate_bp"}
_YES_NO = {"birth_year_only", "party_member"}
_CODES: dict[tuple[str | None, str], dict[str, str]] = {
    ("member", "status"): STATUS_LABELS,
    ("member", "dues_basis"): DUES_BASES,
    ("dues_basis", "basis"): DUES_BASES,
    ("dues_exemption", "reason"): EXEMPT_REASONS,
    ("member_event", "kind"): {k: v.label for k, v in EVENT_KINDS.items()},
    ("activity", "kind"): ACTIVITY_KINDS,
    ("activity", "subkind"): {k: v for kinds in SUBKINDS.values() for k, v in kinds.items()},
    ("activity", "scope"): SCOPES,
    ("activity_member", "attendance"): {**ATTENDANCE, **PERSON_STATUSES},
    ("activity_doc", "status"): {"draft": "Nháp", "final": "Hoàn thành"},
    ("activity_doc", "doc_type"): DOC_TYPES,
    ("activity_doc", "meeting_kind"): SUBKINDS["hop"],
    ("cash_doc", "kind"): KIND_LABELS,
    ("receipt_book", "kind"): KIND_LABELS,
    ("cash_doc", "category"): {**INCOME, **SPENDING},
    ("account_pair", "kind"): PAIR_KINDS,
    ("account_pair", "place"): PLACES,
    ("year_close", "event"): {"close": "Khoá sổ", "reopen": "Mở lại sổ"},
    ("member_transfer", "status"): TRANSFER_STATUSES,
    ("member_transfer", "direction"): TRANSFER_DIRECTIONS,
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_MOMENTS_IN_LOCAL_TIME = {"start_at", "end_at"}  # a meeting's hours, typed as the clock showed them


def field_label(tbl: str, field: str | None) -> str:
    if not field:
        return ""
    for labels in (_BY_TABLE.get(tbl, {}), _ANY_TABLE):
        if field in labels:
            return labels[field]
    return member_label(field)


def value_text(tbl: str, field: str | None, value: str | None) -> str:
    """One stored value as the user would have typed or seen it."""
    if value is None or value == "":
        return ""
    if field is None:
        return value
    codes = _CODES.get((tbl, field))
    if codes is not None:
        return codes.get(value, value)
    if field in _YES_NO:
        return {"1": "có", "0": "không"}.get(value, value)
    if field in _MONEY and value.lstrip("-").isdigit():
        return format_money(int(value))
    if field in _BASIS_POINTS and value.lstrip("-").isdigit():
        return f"{int(value) / 100:g}".replace(".", ",") + " %"
    if m := _DATE.match(value):
        return f"{m[3]}/{m[2]}/{m[1]}"
    if _MOMENT.match(value):
        at = datetime.fromisoformat(value.replace(" ", "T"))
        if field not in _MOMENTS_IN_LOCAL_TIME:
            at += VIETNAM
        return at.strftime("%d/%m/%Y %H:%M")
    return value
