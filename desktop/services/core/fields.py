"""The member fields: their keys, Vietnamese labels, and the headers offices use for
them in Excel. One list serves the editor, the import mapping and the export."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.core.text import fold


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    aliases: tuple[str, ...] = ()  # other headers seen in offices' files (folded on use)


MEMBER_FIELDS: tuple[Field, ...] = (
    Field("full_name", "Họ và tên", ("họ tên", "họ và tên đoàn viên", "tên đoàn viên", "họ tên đoàn viên", "tên")),
    Field("birth_date", "Ngày sinh", ("ngày tháng năm sinh", "năm sinh", "sinh ngày", "ngày/tháng/năm sinh")),
    Field("gender", "Giới tính", ("giới", "phái", "nam/nữ", "nam nữ")),
    Field("ethnicity", "Dân tộc", ()),
    Field("religion", "Tôn giáo", ()),
    Field("nationality", "Quốc tịch", ()),
    Field("id_type", "Loại giấy tờ", ("loại giấy tờ tùy thân", "loại gttt")),
    Field("id_number", "Số CCCD", ("cccd", "số cccd/cmnd", "cccd/cmnd", "số cmnd", "cmnd", "số định danh",
                                    "số định danh cá nhân", "số căn cước", "căn cước công dân",
                                    "số cmnd/cccd", "cmnd/cccd", "số giấy tờ", "số hộ chiếu")),
    Field("id_issue_date", "Ngày cấp", ("ngày cấp cccd", "ngày cấp cmnd")),
    Field("id_issue_place", "Nơi cấp", ("nơi cấp cccd", "nơi cấp cmnd")),
    Field("hometown", "Quê quán", ("quê", "nguyên quán")),
    Field("permanent_address", "Nơi thường trú", ("địa chỉ thường trú", "thường trú", "địa chỉ", "hộ khẩu thường trú")),
    Field("phone", "Điện thoại", ("số điện thoại", "sđt", "sdt", "đt", "số đt", "điện thoại liên hệ", "di động")),
    Field("email", "Email", ("e-mail", "thư điện tử")),
    Field("education", "Trình độ học vấn", ("học vấn", "trình độ văn hóa", "văn hóa", "trình độ phổ thông")),
    Field("qualification", "Trình độ chuyên môn", ("chuyên môn", "chuyên môn nghiệp vụ", "trình độ cmnv")),
    Field("job_title", "Công việc", ("chức danh", "chức vụ", "vị trí", "vị trí công việc", "nghề nghiệp", "công việc đang làm")),
    Field("department", "Phòng ban", ("bộ phận", "phòng", "phân xưởng", "xưởng", "đơn vị công tác", "phòng/ban")),
    Field("group", "Tổ công đoàn", ("tổ", "tổ cđ", "công đoàn bộ phận", "cđbp", "tổ công đoàn/cđbp")),
    Field("union_position", "Chức vụ công đoàn", ("chức vụ cđ", "chức danh công đoàn")),
    Field("joined_date", "Ngày vào công đoàn", ("ngày kết nạp", "ngày vào cđ", "ngày kết nạp công đoàn", "ngày gia nhập")),
    Field("card_number", "Số thẻ đoàn viên", ("số thẻ", "số thẻ đv", "mã thẻ", "thẻ đoàn viên")),
    Field("party_member", "Đảng viên", ("đảng viên đcsvn", "là đảng viên")),
    Field("dues_basis", "Căn cứ đóng đoàn phí", ("căn cứ đóng", "loại lương")),
    Field("salary", "Tiền lương", ("lương", "mức lương", "tiền lương đóng bhxh", "lương đóng bhxh",
                                   "lương bhxh", "thu nhập", "lương cơ bản", "mức lương đóng bhxh")),
    Field("notes", "Ghi chú", ()),
    Field("consent_date", "Ngày đồng ý xử lý dữ liệu cá nhân",
          ("ngày đồng ý", "đồng ý xử lý dữ liệu", "ngày đồng ý xử lý dữ liệu", "ngày đồng ý cung cấp thông tin")),
    # An office that starts mid-year: dues paid on paper up to this month (a month).
    Field("dues_paid_through", "Đã đóng đến tháng",
          ("đã đóng đoàn phí đến tháng", "đóng đến tháng", "đã đóng đp đến tháng", "đóng đoàn phí đến tháng",
           "đã nộp đến tháng", "đã nộp đoàn phí đến tháng", "đã đóng đến")),
)
# Columns an import reads that are no field of the member: "Nợ đoàn phí" (an amount, or
# months) is turned into dues_paid_through (services/member_rules.py).
IMPORT_ONLY_FIELDS: tuple[Field, ...] = (
    Field("dues_owed", "Nợ đoàn phí", ("số tháng nợ", "số tháng nợ đoàn phí", "nợ đp", "còn nợ đoàn phí",
                                       "tiền nợ đoàn phí", "đoàn phí còn nợ", "số tiền nợ đoàn phí")),
)

FIELDS_BY_KEY = {f.key: f for f in MEMBER_FIELDS + IMPORT_ONLY_FIELDS}
_EXTRA_LABELS = {"status": "Trạng thái", "event_date": "Ngày", "kind": "Loại thay đổi",
                 "event": "Quá trình", "name": "Tên", "upper_name": "Công đoàn cấp trên",
                 "unit_name": "Tên công đoàn cơ sở", "opening_balance": "Tồn quỹ tiền mặt đầu kỳ",
                 "cash_opening_date": "Ngày của tồn quỹ tiền mặt đầu kỳ",
                 # transfers between units (services/members/transfer.py)
                 "to_unit_code": "Mã đơn vị chuyển đến", "transfer_date": "Ngày chuyển sinh hoạt",
                 "transfer_reason": "Lý do chuyển", "answer_reason": "Lý do từ chối",
                 "with_personal_data": "Kèm dữ liệu cá nhân", "member_data": "Hồ sơ đoàn viên chuyển đi",
                 # accounts (services/accounts.py)
                 "username": "Tên đăng nhập", "password": "Mật khẩu", "role": "Vai trò",
                 "idle_minutes": "Tự khóa sau", "retention_years": "Thời hạn lưu giữ",
                 # the period of a report (Báo cáo page; --from / --to on the command line)
                 "date_from": "Từ ngày", "date_to": "Đến ngày",
                 # money, receipts and dues (services/cash.py, dues.py, payroll.py, law.py)
                 "amount": "Số tiền", "category": "Loại thu/chi", "doc_date": "Ngày lập phiếu",
                 "person_name": "Người nộp/nhận tiền", "reason": "Nội dung", "number": "Số phiếu",
                 "month": "Tháng", "months": "Các tháng", "doc_type": "Loại chứng từ",
                 "effective_from": "Áp dụng từ ngày", "rate": "Tỷ lệ đoàn phí", "share": "Tỷ lệ nộp cấp trên",
                 "source": "Văn bản căn cứ", "dues_group": "Nhóm đơn vị", "rounding": "Làm tròn",
                 "higher_rate": "Tỷ lệ thu cao hơn", "remit_share": "Tỷ lệ nộp cấp trên", "words": "Cách đọc số",
                 "code": "Mã đơn vị", "tax_code": "Mã số thuế",
                 # activities, minutes, reports, files
                 "title": "Tên hoạt động", "subkind": "Dạng hoạt động", "start_date": "Ngày bắt đầu",
                 "end_date": "Ngày kết thúc", "scope": "Đối tượng", "attendance": "Điểm danh",
                 "participants": "Người tham dự", "budget": "Dự toán", "spent_outside": "Chi ngoài quỹ tiền mặt",
                 "member": "Đoàn viên", "voucher": "Phiếu chi",
                 # the social-insurance list's admissions (services/social_insurance.py)
                 "members": "Người được kết nạp",
                 "report": "Báo cáo", "file": "Tệp", "out": "Tệp kết quả",
                 # the bank accounts, the bank book and the dues notice (services/bank, documents)
                 "account": "Số tài khoản", "account_id": "Tài khoản tiền gửi", "account_kind": "Loại tài khoản",
                 "account_name": "Tên tài khoản", "account_number": "Số tài khoản",
                 "account_opening_balance": "Số dư đầu kỳ của tài khoản", "bank_bin": "Ngân hàng",
                 "institution": "Nơi mở tài khoản", "opening_date": "Ngày của số dư đầu kỳ",
                 "content": "Nội dung", "entry_date": "Ngày ghi sổ", "entry_kind": "Loại bút toán",
                 "void_date": "Ngày hủy", "void_reason": "Lý do hủy", "purpose": "Nội dung chuyển khoản",
                 "dues_account": "Tài khoản nhận đoàn phí", "member_id": "Đoàn viên",
                 # the account pairs (services/cash/accounts.py)
                 "debit": "Tài khoản ghi Nợ", "credit": "Tài khoản ghi Có", "place": "Tiền mặt hay tiền gửi",
                 # closing the year (services/core/closed_years.py, services/year)
                 "corrects": "Chứng từ được điều chỉnh",
                 # the year's reports (services/reports: the settlement, the budget, the disclosure)
                 "year": "Năm", "entry": "Bút toán"}


def label(key: str) -> str:
    """The Vietnamese label of a field key; the key itself when none is known."""
    return known_label(key) or key


def known_label(key: str) -> str | None:
    if key in FIELDS_BY_KEY:
        return FIELDS_BY_KEY[key].label
    return _EXTRA_LABELS.get(key)


def header_index() -> dict[str, str]:
    """Folded header text → field key, for matching an Excel header row."""
    index: dict[str, str] = {}
    for f in MEMBER_FIELDS + IMPORT_ONLY_FIELDS:
        for text in (f.label, *f.aliases):
            index.setdefault(fold(text), f.key)
    return index
