"""What each synced field may hold, defined once for the server (which refuses anything
else) and the desktop (which checks the same limits before a change leaves the PC).

For every table of protocol.tables.TABLES and each of its fields: the kind of value,
its Vietnamese label (messages name the field by it, never by its key), the longest
text it takes, whether it may hold several lines, the closed set of values where the
desktop has one, and whether it may be null. Kept equal to the desktop's models by
tests/test_protocol.py (same fields and kinds, limits at least the models' widths).

Values travel as SQLite stores them (protocol/messages.py): text, integers, null;
dates "YYYY-MM-DD", timestamps "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC), booleans 0/1.
row_problem() checks a row's fields and answers one Vietnamese sentence naming the
field and its limit (never repeating a long value), or None."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from protocol.limits import MAX_MONEY, has_control
from protocol.tables import STATUS_LABELS, TABLES

TEXT, INTEGER, MONEY, DATE, TIMESTAMP, BOOLEAN, UUID = (
    "text", "integer", "money", "date", "timestamp", "boolean", "uuid")

# What SQLite (the PCs) and PostgreSQL hold in an integer.
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1


@dataclass(frozen=True)
class FieldSpec:
    kind: str
    label: str
    max_length: int | None = None  # text: the longest value, in characters
    multiline: bool = False  # text: tab and newline allowed
    choices: frozenset[str] | frozenset[int] | None = None  # the only values allowed (null aside)
    nullable: bool = True
    minimum: int | None = None  # integers and money
    maximum: int | None = None


# Lengths used across tables (characters).
NAME = 200  # a person's or a unit's name
TITLE = 500  # a title, a reason on one line
ADDRESS = 500
SHORT = 100  # a role, a place name, a nationality
CODE = 50  # codes and numbers written by people
NOTE = 5_000  # notes and reasons that may run over a few lines
LONG = 50_000  # conclusions, bases, a minute's closing words, recipients
DOCUMENT = 2_000_000  # a minute's JSON parts (an annex may list every member of a large unit)


def text(label: str, max_length: int, *, multiline: bool = False, choices: Iterable[str] | None = None,
         nullable: bool = True) -> FieldSpec:
    return FieldSpec(TEXT, label, max_length, multiline, frozenset(choices) if choices is not None else None, nullable)


def integer(label: str, minimum: int = INT_MIN, maximum: int = INT_MAX, *, nullable: bool = True,
            choices: Iterable[int] | None = None) -> FieldSpec:
    return FieldSpec(INTEGER, label, None, False, frozenset(choices) if choices is not None else None, nullable,
                     minimum, maximum)


def money(label: str, *, nullable: bool = True) -> FieldSpec:
    return FieldSpec(MONEY, label, None, False, None, nullable, 0, MAX_MONEY)


def day(label: str, *, nullable: bool = True) -> FieldSpec:
    return FieldSpec(DATE, label, 10, nullable=nullable)


def moment(label: str, *, nullable: bool = True) -> FieldSpec:
    return FieldSpec(TIMESTAMP, label, 32, nullable=nullable)


def flag(label: str, *, nullable: bool = True) -> FieldSpec:
    return FieldSpec(BOOLEAN, label, nullable=nullable)


def ref(label: str, *, nullable: bool = True) -> FieldSpec:
    return FieldSpec(UUID, label, 36, nullable=nullable)


# Closed sets of the desktop (each is compared with the desktop's own in tests/test_protocol.py).
GENDERS = ("Nam", "Nữ")
ID_TYPES = ("CCCD", "CMND", "HC")
DUES_BASES = ("bhxh", "take_home", "fixed")
EVENT_KINDS = ("admitted", "transferred_in", "transferred_out", "suspended", "resumed", "honorary", "left",
               "expelled", "deceased")
CASH_KINDS = ("thu", "chi")
BANK_ACCOUNT_KINDS = ("bank", "treasury")
MONEY_PLACES = ("cash", "bank")
# The settlement's figures kept per year (desktop/services/reports/b07.py).
SETTLEMENT_FIGURES = ("workers_kpcd", "payroll_kpcd", "reported_closing_cash", "reported_closing_bank")
MAX_PAYROLL = 10**15  # đồng in a year: a million tỷ, beyond any employer's payroll
BANK_ENTRY_KINDS = ("credit", "debit", "interest", "fee", "deposit", "withdrawal")
ACTIVITY_KINDS = ("hop", "tham_hoi", "ky_niem", "tap_huan", "van_the", "khen_thuong", "khac")
ACTIVITY_SCOPES = ("members", "group", "all")
ATTENDANCE = ("present", "absent", "excused")
DOC_TYPES = ("bb", "qd", "tb")
DOC_STATUSES = ("draft", "final")
GROUP_KINDS = ("to", "bo_phan")
AUDIT_ACTIONS = ("insert", "update", "delete", "bulk", "export", "erase")
EXEMPT_REASONS = ("sickness", "maternity", "unpaid_leave", "no_income", "unemployed", "other")
BASIS_POINTS = (0, 1_000_000)  # rates and shares: 100 = 1 %
YEARS = (1900, 9999)
YEAR_EVENTS = ("close", "reopen")
TRANSFER_DIRECTIONS = ("out", "in")
TRANSFER_STATUSES = ("proposed", "accepted", "declined")
MEMBER_DATA = 20_000  # the member's fields as JSON (protocol/transfers.py)

DELETED = moment("Thời điểm xóa")

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "activity": {
        "kind": text("Loại hoạt động", 20, choices=ACTIVITY_KINDS, nullable=False),
        "subkind": text("Loại chi tiết", 20),
        "title": text("Tên hoạt động", TITLE, nullable=False),
        "start_date": day("Ngày bắt đầu", nullable=False),
        "end_date": day("Ngày kết thúc"),
        "place": text("Địa điểm", ADDRESS),
        "organiser": text("Đơn vị tổ chức", NAME),
        "scope": text("Phạm vi", 10, choices=ACTIVITY_SCOPES, nullable=False),
        "group_id": ref("Tổ công đoàn"),
        "budget": money("Dự toán"),
        "spent_outside": money("Chi ngoài sổ quỹ", nullable=False),
        "notes": text("Ghi chú", NOTE, multiline=True),
        "deleted_at": DELETED,
    },
    "activity_doc": {
        "activity_id": ref("Hoạt động", nullable=False),
        "doc_type": text("Loại văn bản", 5, choices=DOC_TYPES, nullable=False),
        "chain_id": ref("Chuỗi phiên bản", nullable=False),
        "version": integer("Phiên bản", 1, nullable=False),
        "correction_reason": text("Lý do sửa", NOTE, multiline=True),
        "status": text("Trạng thái văn bản", 10, choices=DOC_STATUSES, nullable=False),
        "finished_at": moment("Thời điểm hoàn tất"),
        "meeting_kind": text("Loại cuộc họp", 20),
        "number": integer("Số văn bản", 0),
        "year": integer("Năm", *YEARS, nullable=False),
        "suffix": text("Ký hiệu", CODE, nullable=False),
        "doc_date": day("Ngày văn bản", nullable=False),
        "place_name": text("Địa danh", SHORT),
        "title": text("Trích yếu", TITLE, nullable=False),
        "start_at": moment("Thời gian bắt đầu"),
        "end_at": moment("Thời gian kết thúc"),
        "location": text("Địa điểm", ADDRESS),
        "chair_name": text("Chủ trì", NAME),
        "chair_role": text("Chức vụ người chủ trì", NAME),
        "secretary_name": text("Thư ký", NAME),
        "secretary_role": text("Chức vụ thư ký", NAME),
        "expected_count": integer("Số người được triệu tập", 0),
        "present_count": integer("Số người có mặt", 0),
        "participants": text("Thành phần tham dự", DOCUMENT, multiline=True, nullable=False),
        "agenda": text("Nội dung cuộc họp", DOCUMENT, multiline=True, nullable=False),
        "conclusions": text("Kết luận", LONG, multiline=True),
        "closing_note": text("Phần kết thúc", LONG, multiline=True),
        "bases": text("Căn cứ", LONG, multiline=True),
        "body": text("Nội dung văn bản", DOCUMENT, multiline=True, nullable=False),
        "annex": text("Phụ lục", DOCUMENT, multiline=True, nullable=False),
        "signer_title": text("Chức vụ người ký", NAME, multiline=True),  # "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"
        "signer_name": text("Người ký", NAME),
        "recipients": text("Nơi nhận", LONG, multiline=True),
        "deleted_at": DELETED,
    },
    "activity_member": {
        "activity_id": ref("Hoạt động", nullable=False),
        "member_id": ref("Đoàn viên", nullable=False),
        "attendance": text("Tham dự", 10, choices=ATTENDANCE),
        "reason": text("Lý do vắng", TITLE),
        "amount": money("Số tiền"),
        "note": text("Ghi chú", TITLE),
        "deleted_at": DELETED,
    },
    "activity_payment": {
        "activity_id": ref("Hoạt động", nullable=False),
        "doc_id": ref("Phiếu chi", nullable=False),
        "member_id": ref("Đoàn viên"),
        "deleted_at": DELETED,
    },
    "audit_log": {
        "at": moment("Thời điểm", nullable=False),
        "user_name": text("Người dùng", NAME),
        "tbl": text("Loại dữ liệu", 40, nullable=False),
        "row_id": text("Mã dòng", 36),
        "action": text("Thao tác", 10, choices=AUDIT_ACTIONS, nullable=False),
        "field": text("Trường", 60),
        "old_value": text("Giá trị cũ", DOCUMENT, multiline=True),
        "new_value": text("Giá trị mới", DOCUMENT, multiline=True),
        "label": text("Mô tả", 1_000),
        "deleted_at": DELETED,
    },
    "base_salary": {
        "effective_from": day("Áp dụng từ ngày", nullable=False),
        "amount": money("Mức lương cơ sở", nullable=False),
        "source": text("Căn cứ", TITLE, nullable=False),
        "deleted_at": DELETED,
    },
    "account_pair": {
        "kind": text("Loại thu/chi", 30, nullable=False),
        "place": text("Nơi giữ tiền", 10, choices=MONEY_PLACES, nullable=False),
        "debit_account": text("Tài khoản nợ", CODE, nullable=False),
        "credit_account": text("Tài khoản có", CODE, nullable=False),
        "note": text("Căn cứ", NOTE, multiline=True),
        "deleted_at": DELETED,
    },
    "settlement_figure": {
        "year": integer("Năm quyết toán", 2000, 2200, nullable=False),
        "key": text("Số liệu quyết toán", 40, choices=SETTLEMENT_FIGURES, nullable=False),
        # A year's payroll for kinh phí may pass MAX_MONEY (100.000 workers: thousands of tỷ).
        "value": integer("Giá trị", 0, MAX_PAYROLL),
        "deleted_at": DELETED,
    },
    "budget_line": {
        "year": integer("Năm dự toán", 2000, 2200, nullable=False),
        "code": text("Mã dòng dự toán", 20, nullable=False),
        "estimate": money("Dự toán"),
        "approved": money("Cấp trên duyệt"),
        "note": text("Ghi chú", NOTE, multiline=True),
        "deleted_at": DELETED,
    },
    "bank_account": {
        "kind": text("Loại tài khoản", 10, choices=BANK_ACCOUNT_KINDS, nullable=False),
        "bank_bin": text("Mã ngân hàng (BIN)", 6),
        "institution": text("Ngân hàng, kho bạc", NAME, nullable=False),
        "account_number": text("Số tài khoản", 30, nullable=False),
        "account_name": text("Tên tài khoản", NAME, nullable=False),
        "opening_balance": money("Số dư đầu kỳ", nullable=False),
        "opening_date": day("Ngày số dư đầu kỳ", nullable=False),
        "deleted_at": DELETED,
    },
    "bank_entry": {
        "account_id": ref("Tài khoản tiền gửi", nullable=False),
        "kind": text("Loại bút toán", 12, choices=BANK_ENTRY_KINDS, nullable=False),
        "entry_date": day("Ngày ghi sổ", nullable=False),
        "amount": money("Số tiền", nullable=False),
        "category": text("Nội dung thu chi", CODE),
        "content": text("Nội dung", NOTE, multiline=True, nullable=False),
        "counterpart": text("Đơn vị, người chuyển/nhận", NAME),
        "reference": text("Số chứng từ ngân hàng", CODE),
        "cash_doc_id": ref("Phiếu thu/chi kèm theo"),
        "debit_account": text("Tài khoản nợ", CODE),
        "credit_account": text("Tài khoản có", CODE),
        "fingerprint": text("Dòng sao kê", CODE),
        "corrects_id": ref("Chứng từ được điều chỉnh"),
        "deleted_at": DELETED,
    },
    "bank_entry_void": {
        "entry_id": ref("Bút toán bị hủy", nullable=False),
        "void_date": day("Ngày hủy", nullable=False),
        "reason": text("Lý do hủy", NOTE, multiline=True, nullable=False),
        "deleted_at": DELETED,
    },
    "cash_doc": {
        "kind": text("Loại phiếu", 5, choices=CASH_KINDS, nullable=False),
        "book_id": ref("Quyển số", nullable=False),
        "book_code": text("Mã quyển", CODE, nullable=False),
        "number": integer("Số phiếu", 0, nullable=False),
        "doc_date": day("Ngày lập phiếu", nullable=False),
        "category": text("Nội dung thu chi", CODE, nullable=False),
        "person_name": text("Họ tên người nộp/nhận tiền", NAME, nullable=False),
        "address": text("Địa chỉ", ADDRESS),
        "member_id": ref("Đoàn viên"),
        "reason": text("Lý do", NOTE, multiline=True, nullable=False),
        "amount": money("Số tiền", nullable=False),
        "attachments": text("Kèm theo", NAME),
        "debit_account": text("Tài khoản nợ", CODE),
        "credit_account": text("Tài khoản có", CODE),
        "corrects_id": ref("Chứng từ được điều chỉnh"),
        "deleted_at": DELETED,
    },
    "cash_doc_void": {
        "doc_id": ref("Phiếu bị hủy", nullable=False),
        "void_date": day("Ngày hủy", nullable=False),
        "reason": text("Lý do hủy", NOTE, multiline=True, nullable=False),
        "deleted_at": DELETED,
    },
    "dues_basis": {
        "member_id": ref("Đoàn viên", nullable=False),
        "from_month": day("Từ tháng", nullable=False),
        "basis": text("Căn cứ đóng đoàn phí", 20, choices=DUES_BASES, nullable=False),
        "amount": money("Mức lương hoặc mức đóng", nullable=False),
        "deleted_at": DELETED,
    },
    "dues_exemption": {
        "member_id": ref("Đoàn viên", nullable=False),
        "from_month": day("Từ tháng", nullable=False),
        "to_month": day("Đến tháng", nullable=False),
        "reason": text("Lý do miễn", 30, choices=EXEMPT_REASONS, nullable=False),
        "note": text("Ghi chú", NOTE, multiline=True),
        "deleted_at": DELETED,
    },
    "dues_month": {
        "month": day("Tháng", nullable=False),
        "due": money("Đoàn phí phải thu", nullable=False),
        "deleted_at": DELETED,
    },
    "dues_payment": {
        "doc_id": ref("Phiếu thu"),
        "bank_entry_id": ref("Giấy báo Có"),
        "member_id": ref("Đoàn viên", nullable=False),
        "month": day("Tháng", nullable=False),
        "amount": money("Số tiền", nullable=False),
        "deleted_at": DELETED,
    },
    "dues_rule": {
        "effective_from": day("Áp dụng từ ngày", nullable=False),
        "unit_group": integer("Nhóm đơn vị", 1, 3, nullable=False),
        "rate_bp": integer("Tỷ lệ đóng", *BASIS_POINTS, nullable=False),
        "cap_bp": integer("Mức trần", *BASIS_POINTS),
        "fixed_min_bp": integer("Mức tối thiểu", *BASIS_POINTS, nullable=False),
        "source": text("Căn cứ", TITLE, nullable=False),
        "deleted_at": DELETED,
    },
    "member": {
        "full_name": text("Họ và tên", NAME, nullable=False),
        "birth_date": day("Ngày sinh"),
        "birth_year_only": flag("Chỉ biết năm sinh", nullable=False),
        "gender": text("Giới tính", 5, choices=GENDERS, nullable=False),
        "ethnicity": text("Dân tộc", SHORT),
        "religion": text("Tôn giáo", SHORT),
        "nationality": text("Quốc tịch", SHORT),
        "id_type": text("Loại giấy tờ", 10, choices=ID_TYPES),
        "id_number": text("Số giấy tờ", CODE),
        "id_issue_date": day("Ngày cấp giấy tờ"),
        "id_issue_place": text("Nơi cấp giấy tờ", NAME),
        "hometown": text("Quê quán", ADDRESS),
        "permanent_address": text("Nơi thường trú", ADDRESS),
        "phone": text("Số điện thoại", CODE),
        "email": text("Thư điện tử", NAME),
        "education": text("Trình độ học vấn", NAME),
        "qualification": text("Trình độ chuyên môn", NAME),
        "job_title": text("Công việc", NAME),  # as the member editor names it
        "department": text("Phòng ban, bộ phận", NAME),
        "group_id": ref("Tổ công đoàn"),
        "union_position": text("Chức vụ công đoàn", NAME),
        "joined_date": day("Ngày vào công đoàn"),
        "card_number": text("Số thẻ đoàn viên", CODE),
        "social_insurance_number": text("Mã số BHXH", 20),
        "dues_paid_through": day("Đã đóng đoàn phí đến tháng"),
        "party_member": flag("Đảng viên", nullable=False),
        "dues_basis": text("Căn cứ đóng đoàn phí", 20, choices=DUES_BASES),
        "salary": money("Tiền lương"),
        "notes": text("Ghi chú", NOTE, multiline=True),
        "status": text("Trạng thái", 20, choices=tuple(STATUS_LABELS), nullable=False),
        "consent_date": day("Ngày đồng ý lưu dữ liệu"),
        "erased_at": moment("Thời điểm xóa dữ liệu cá nhân"),
        "deleted_at": DELETED,
    },
    "member_event": {
        "member_id": ref("Đoàn viên", nullable=False),
        "kind": text("Loại biến động", 20, choices=EVENT_KINDS, nullable=False),
        "event_date": day("Ngày"),
        "reason": text("Lý do", NOTE, multiline=True),
        "decision_number": text("Số quyết định", SHORT),
        "seq": integer("Thứ tự", 0, nullable=False),
        "deleted_at": DELETED,
    },
    "member_transfer": {
        "direction": text("Chiều chuyển", 5, choices=TRANSFER_DIRECTIONS, nullable=False),
        "member_id": ref("Đoàn viên"),
        "from_unit_code": text("Mã đơn vị chuyển đi", CODE),
        "from_unit_name": text("Đơn vị chuyển đi", NAME),
        "to_unit_code": text("Mã đơn vị chuyển đến", CODE, nullable=False),
        "transfer_date": day("Ngày chuyển sinh hoạt", nullable=False),
        "reason": text("Lý do chuyển", NOTE, multiline=True),
        "with_personal_data": flag("Kèm dữ liệu cá nhân", nullable=False),
        "consent_date": day("Ngày đồng ý xử lý dữ liệu cá nhân"),
        "member_data": text("Hồ sơ đoàn viên chuyển đi", MEMBER_DATA),
        "status": text("Tình trạng đề nghị", 10, choices=TRANSFER_STATUSES, nullable=False),
        "answered_at": moment("Thời điểm trả lời"),
        "answer_reason": text("Lý do từ chối", NOTE, multiline=True),
        "deleted_at": DELETED,
    },
    "receipt_book": {
        "kind": text("Loại quyển", 5, choices=CASH_KINDS, nullable=False),
        "code": text("Mã quyển", CODE, nullable=False),
        "year": integer("Năm", *YEARS, nullable=False),
        "owner_device": text("Máy giữ quyển", 36, nullable=False),
        "next_number": integer("Số tiếp theo", 0, nullable=False),
        "closed_at": moment("Thời điểm khóa quyển"),
        "deleted_at": DELETED,
    },
    "remit_rule": {
        "effective_from": day("Áp dụng từ ngày", nullable=False),
        "share_bp": integer("Tỷ lệ nộp cấp trên", *BASIS_POINTS, nullable=False),
        "source": text("Căn cứ", TITLE, nullable=False),
        "deleted_at": DELETED,
    },
    "remittance": {
        "period_from": day("Từ ngày", nullable=False),
        "period_to": day("Đến ngày", nullable=False),
        "collected": money("Đoàn phí đã thu", nullable=False),
        "standard_collected": money("Đoàn phí theo mức chuẩn", nullable=False),
        "share_bp": integer("Tỷ lệ nộp cấp trên", *BASIS_POINTS, nullable=False),
        "amount": money("Số tiền nộp", nullable=False),
        "voucher_id": ref("Phiếu chi", nullable=False),
        "deleted_at": DELETED,
    },
    "unit": {
        "name": text("Tên đơn vị", NAME, nullable=False),
        "upper_name": text("Tên công đoàn cấp trên", NAME, nullable=False),
        "code": text("Mã đơn vị", CODE),
        "address": text("Địa chỉ", ADDRESS),
        "tax_code": text("Mã số thuế", CODE),
        "chair_name": text("Chủ tịch", NAME),
        "accountant_name": text("Kế toán", NAME),
        "treasurer_name": text("Thủ quỹ", NAME),
        "dues_group": integer("Nhóm đơn vị", 1, 3, nullable=False),
        "higher_rate_bp": integer("Tỷ lệ đóng cao hơn", *BASIS_POINTS),
        "rounding": integer("Làm tròn", 1, 1_000_000, nullable=False),
        "dues_from": day("Theo dõi đoàn phí từ"),
        "remit_share_bp": integer("Tỷ lệ nộp cấp trên", *BASIS_POINTS),
        "qhns_code": text("Mã quan hệ ngân sách", CODE),
        "place": text("Địa danh", SHORT),
        "circular_c40": text("Thông tư (mẫu C40)", LONG, multiline=True),
        "circular_c41": text("Thông tư (mẫu C41)", LONG, multiline=True),
        "words_linh_le": text("Cách đọc số (linh/lẻ)", 5, choices=("linh", "lẻ"), nullable=False),
        "words_nghin_ngan": text("Cách đọc số (nghìn/ngàn)", 5, choices=("nghìn", "ngàn"), nullable=False),
        "opening_balance": money("Số dư đầu kỳ", nullable=False),
        "opening_date": day("Ngày số dư đầu kỳ"),
        "dues_account_id": ref("Tài khoản nhận đoàn phí"),
        "deleted_at": DELETED,
    },
    "unit_group": {
        "name": text("Tên tổ", NAME, nullable=False),
        "kind": text("Loại tổ", 20, choices=GROUP_KINDS, nullable=False),
        "parent_id": ref("Trực thuộc"),
        "sort_order": integer("Thứ tự", nullable=False),
        "deleted_at": DELETED,
    },
    "year_close": {
        "event": text("Khoá hay mở sổ", 10, choices=YEAR_EVENTS, nullable=False),
        "year": integer("Năm", *YEARS, nullable=False),
        "at": moment("Thời điểm", nullable=False),
        "by_name": text("Người khoá/mở sổ", NAME, nullable=False),
        "reason": text("Lý do mở lại sổ", NOTE, multiline=True),
        "fingerprint": text("Dấu vân tay sổ sách", 64),
        "rows": integer("Số dòng sổ sách", 0),
        "cash_opening": integer("Tồn quỹ đầu năm"),
        "cash_closing": integer("Tồn quỹ cuối năm"),
        "bank_opening": integer("Tiền gửi đầu năm"),
        "bank_closing": integer("Tiền gửi cuối năm"),
        "income": integer("Tổng thu"),
        "spending": integer("Tổng chi"),
        "deleted_at": DELETED,
    },
}

# The columns every row carries beside its fields.
META: dict[str, FieldSpec] = {
    "id": ref("Mã dòng", nullable=False),
    "created_at": moment("Thời điểm tạo"),
    "updated_at": moment("Thời điểm sửa"),
    "device_id": text("Máy", 36),
}

TABLE_LABELS: dict[str, str] = {
    "account_pair": "Tài khoản kế toán",
    "activity": "Hoạt động", "activity_doc": "Văn bản của hoạt động", "activity_member": "Người tham gia hoạt động",
    "activity_payment": "Khoản chi cho hoạt động", "audit_log": "Nhật ký thay đổi",
    "bank_account": "Tài khoản tiền gửi", "bank_entry": "Sổ tiền gửi ngân hàng, kho bạc",
    "bank_entry_void": "Hủy bút toán tiền gửi", "base_salary": "Lương cơ sở", "budget_line": "Dòng dự toán",
    "cash_doc": "Phiếu thu/chi", "cash_doc_void": "Hủy phiếu", "dues_basis": "Căn cứ đóng đoàn phí",
    "dues_exemption": "Miễn đoàn phí", "dues_month": "Đoàn phí phải thu theo tháng",
    "dues_payment": "Đoàn phí đã thu", "dues_rule": "Quy định đoàn phí", "member": "Đoàn viên",
    "member_event": "Biến động đoàn viên", "member_transfer": "Chuyển sinh hoạt công đoàn",
    "receipt_book": "Quyển phiếu", "remit_rule": "Tỷ lệ nộp cấp trên",
    "remittance": "Nộp đoàn phí cấp trên", "settlement_figure": "Số liệu quyết toán", "unit": "Đơn vị",
    "unit_group": "Tổ công đoàn", "year_close": "Khoá sổ năm",
}

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def is_uuid(value: object) -> bool:
    """A row's id as the PCs make them (UUIDv7, or UUIDv5 for derived ones)."""
    return type(value) is str and len(value) == 36 and _UUID.fullmatch(value) is not None


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@lru_cache(maxsize=65536)  # dates repeat (a year has 365 of them): a first upload checks each once
def _date_ok(text_: str) -> bool:
    if len(text_) != 10 or not _DATE.fullmatch(text_):
        return False
    try:
        date.fromisoformat(text_)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def _timestamp_ok(text_: str) -> bool:
    m = _TIMESTAMP.fullmatch(text_) if len(text_) <= 32 else None
    return m is not None and _date_ok(m.group(1))


def value_problem(spec: FieldSpec, value: Any) -> str | None:
    """What is wrong with one value for a field, as the end of a sentence after its label;
    None when it fits. Never repeats the value itself when it is long."""
    if value is None:
        return None if spec.nullable else "không được để trống."
    kind = spec.kind
    if kind in (INTEGER, MONEY):
        if type(value) is not int:
            return "phải là một số nguyên."
        if spec.choices is not None and value not in spec.choices:
            return "chỉ nhận một trong các giá trị " + ", ".join(map(str, sorted(spec.choices))) + "."
        low = spec.minimum if spec.minimum is not None else INT_MIN
        high = spec.maximum if spec.maximum is not None else INT_MAX
        if not low <= value <= high:
            if kind == MONEY:
                return f"phải từ 0 đến {_n(MAX_MONEY)} đồng."
            return f"phải từ {_n(low)} đến {_n(high)}."
        return None
    if kind == BOOLEAN:
        return None if type(value) in (int, bool) and value in (0, 1) else "chỉ nhận 0 hoặc 1."
    if type(value) is not str:
        return "phải là một chuỗi ký tự."
    if kind == DATE:
        return None if _date_ok(value) else "phải là một ngày dạng NNNN-TT-NN."
    if kind == TIMESTAMP:
        return None if _timestamp_ok(value) else "phải là một thời điểm dạng NNNN-TT-NN GG:PP:SS."
    if kind == UUID:
        return None if is_uuid(value) else "phải là một mã dòng (UUID)."
    if spec.max_length is not None and len(value) > spec.max_length:
        return f"dài {_n(len(value))} ký tự, tối đa {_n(spec.max_length)} ký tự."
    if has_control(value, multiline=spec.multiline):
        return ("có ký tự điều khiển (ký tự ẩn) không được phép." if spec.multiline
                else "có ký tự điều khiển (ký tự ẩn hoặc xuống dòng) không được phép.")
    if not unicodedata.is_normalized("NFC", value):
        # Every way into a PC writes text composed (NFC); the same words stored two ways
        # would not be found, sorted or compared as one on the upper levels' pages.
        return "có chữ không ở dạng dựng sẵn (Unicode NFC): hãy cập nhật phần mềm rồi gửi lại."
    if spec.choices is not None and value not in spec.choices:
        return "chỉ nhận một trong các giá trị " + ", ".join(sorted(map(str, spec.choices))) + "."
    return None


def field_problem(tbl: str, name: str, value: Any) -> str | None:
    """One field of a row (or a meta column): a whole Vietnamese sentence, or None."""
    spec = FIELDS.get(tbl, {}).get(name) or META.get(name)
    if spec is None:
        return f"Trường “{name}” không có trong “{TABLE_LABELS.get(tbl, tbl)}”."
    problem = value_problem(spec, value)
    return None if problem is None else f"{TABLE_LABELS.get(tbl, tbl)} — “{spec.label}” {problem}"


def row_problem(tbl: str, fields: dict[str, Any]) -> tuple[str, str] | None:
    """The first field of a row that does not fit, as (field key, Vietnamese sentence)."""
    specs = FIELDS.get(tbl, {})
    for name, value in fields.items():
        spec = specs.get(name) or META.get(name)
        # Nothing to check in a null that may be null (most fields of most rows).
        if spec is None or value is not None or not spec.nullable:
            problem = field_problem(tbl, name, value) if spec is None or value_problem(spec, value) else None
            if problem is not None:
                return name, problem
    return None


def column_fits(tbl: str, name: str, values: list[Any]) -> bool:
    """True when every value of one pushed column fits its field (value_problem None for
    each), checked for the column as a whole: types, bounds and lengths by one pass each,
    control characters by one search over the column, dates once per distinct value. A
    first upload checks hundreds of thousands of values; a column that does not fit (rare)
    is then checked value by value for the message naming the row. False is never wrong
    to return: it only sends the column to that slower check."""
    spec = FIELDS.get(tbl, {}).get(name) or META.get(name)
    if spec is None:
        return False
    present = [v for v in values if v is not None]
    if len(present) != len(values) and not spec.nullable:
        return False
    if not present:
        return True
    kind = spec.kind
    if kind in (INTEGER, MONEY):
        if not all(type(v) is int for v in present):
            return False
        if spec.choices is not None and not set(present) <= spec.choices:
            return False
        low = spec.minimum if spec.minimum is not None else INT_MIN
        high = spec.maximum if spec.maximum is not None else INT_MAX
        return bool(low <= min(present) and max(present) <= high)
    if kind == BOOLEAN:
        return all(type(v) in (int, bool) for v in present) and set(present) <= {0, 1}
    if not all(type(v) is str for v in present):
        return False
    if kind == DATE:
        return all(map(_date_ok, set(present)))
    if kind == TIMESTAMP:
        return all(map(_timestamp_ok, set(present)))
    if kind == UUID:
        return all(map(is_uuid, present))
    if spec.max_length is not None and max(map(len, present)) > spec.max_length:
        return False
    # The values joined by a character every text field allows: a control character in
    # any value is one in the whole.
    joined = " ".join(present)
    if has_control(joined, multiline=spec.multiline) or not unicodedata.is_normalized("NFC", joined):
        return False
    return spec.choices is None or set(present) <= spec.choices


assert set(FIELDS) == set(TABLES) and all(set(FIELDS[t]) == TABLES[t] for t in TABLES), "protocol.fields ≠ tables"
