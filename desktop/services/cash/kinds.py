"""The kinds of income and spending a cash document or a bank advice records."""

INCOME = {"doan_phi": "Đoàn phí", "kinh_phi": "Kinh phí công đoàn (2%)", "cap_tren": "Cấp trên cấp",
          "thu_khac": "Thu khác"}
SPENDING = {"nop_cap_tren": "Nộp đoàn phí cấp trên", "tham_hoi": "Thăm hỏi, trợ cấp",
            "hoat_dong": "Hoạt động phong trào", "khen_thuong": "Khen thưởng",
            "hanh_chinh": "Quản lý, hành chính", "chi_khac": "Chi khác"}
# Cash moved between the cash box and the unit's bank or treasury account, written with
# its bank side in one operation (desktop/services/bank/book.py): neither income nor
# spending, so kept out of INCOME and SPENDING and of what is totalled from them.
TRANSFERS = {"rut_ngan_hang": "Rút tiền gửi về quỹ tiền mặt", "nop_ngan_hang": "Nộp tiền mặt vào tài khoản"}
TRANSFER_KINDS = {"rut_ngan_hang": "thu", "nop_ngan_hang": "chi"}
KIND_LABELS = {"thu": "Phiếu thu", "chi": "Phiếu chi"}
