<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Phiên bản {0}</source>
        <translation>Version {0}</translation>
    </message>
    <message>
        <source>Sổ sách của công đoàn cơ sở: đoàn viên, đoàn phí, thu chi, hoạt động.</source>
        <translation>Record books for a grassroots union: members, union dues, income and expenses, activities.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu:</source>
        <translation>Data file:</translation>
    </message>
    <message>
        <source>Thư mục sao lưu:</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>Hệ điều hành:</source>
        <translation>Operating system:</translation>
    </message>
    <message>
        <source>Phông chữ in:</source>
        <translation>Printing font:</translation>
    </message>
    <message>
        <source>{0} kèm theo chương trình, giấy phép {1}; dùng khi máy không có Times New Roman</source>
        <translation>{0}, included with the program under the {1}; used when the PC has no Times New Roman</translation>
    </message>
    <message>
        <source>Chép thông tin</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Chép các dòng trên để dán vào thư nhờ hỗ trợ kỹ thuật</source>
        <translation>Copy the lines above to paste them into a request for technical support</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đã chép. Dán (Ctrl+V) vào thư hay tin nhắn nhờ hỗ trợ.</source>
        <translation>Copied. Paste it (Ctrl+V) into your e-mail or message asking for support.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Thêm tài khoản tiền gửi</source>
        <translation>Add a bank account</translation>
    </message>
    <message>
        <source>Sửa tài khoản tiền gửi</source>
        <translation>Edit bank account</translation>
    </message>
    <message>
        <source>ví dụ: KBNN Hà Đông</source>
        <translation>e.g. KBNN Hà Đông (State Treasury)</translation>
    </message>
    <message>
        <source>ví dụ: 0071001234567</source>
        <translation>e.g. 0071001234567</translation>
    </message>
    <message>
        <source>như trên sổ ngân hàng, ví dụ CÔNG ĐOÀN CƠ SỞ CÔNG TY …</source>
        <translation>as in the bank’s records, e.g. CÔNG ĐOÀN CƠ SỞ CÔNG TY …</translation>
    </message>
    <message>
        <source>Loại tài khoản</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>Ngân hàng</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>Kho bạc</source>
        <translation>State Treasury</translation>
    </message>
    <message>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>Tên tài khoản</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ</source>
        <translation>Opening balance</translation>
    </message>
    <message>
        <source>Ngày số dư đầu kỳ</source>
        <translation>Opening balance date</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ là số dư trên sổ phụ ngân hàng vào ngày bắt đầu ghi sổ tiền gửi trong phần mềm; các bút toán ghi từ ngày đó.</source>
        <translation>The opening balance is the balance on the bank statement on the day you start keeping the bank book in the program; entries are recorded from that day.</translation>
    </message>
    <message>
        <source>Lưu tài khoản</source>
        <translation>Save account</translation>
    </message>
</context>
<context>
    <name>AccountPairsForm</name>
    <message>
        <source>Loại thu/chi</source>
        <translation>Income/spending type</translation>
    </message>
    <message>
        <source>Tiền ở</source>
        <translation>Money held in</translation>
    </message>
    <message>
        <source>Nợ</source>
        <translation>Debit</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Căn cứ</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>căn cứ, ví dụ hướng dẫn số … của LĐLĐ tỉnh</source>
        <translation>basis, e.g. guidance no. … of the provincial Labour Federation</translation>
    </message>
    <message>
        <source>Lưu cặp tài khoản</source>
        <translation>Save account pair</translation>
    </message>
    <message>
        <source>Trở lại cặp đề xuất</source>
        <translation>Back to the suggested pair</translation>
    </message>
    <message>
        <source>Nợ:</source>
        <translation>Debit:</translation>
    </message>
    <message>
        <source>Có:</source>
        <translation>Credit:</translation>
    </message>
    <message>
        <source>Tài khoản:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Căn cứ:</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <source>Mỗi phiếu thu, phiếu chi và bút toán tiền gửi in cặp tài khoản của loại thu/chi của nó. Cặp đề xuất chưa được xác nhận từ văn bản: hãy sửa theo hướng dẫn của công đoàn cấp trên. Cặp mới áp dụng cho các phiếu lập từ nay; phiếu đã lập giữ cặp đã in. Nộp, rút tiền gửi theo quy định, không sửa.</source>
        <translation>Every receipt, payment voucher and bank entry prints the account pair of its income or spending type. The suggested pairs are not yet confirmed by an official text: correct them as the upper-level union instructs. A new pair applies to documents made from now on; documents already made keep the pair they printed. Deposits to and withdrawals from the bank follow the regulations and cannot be changed.</translation>
    </message>
</context>
<context>
    <name>AccountsForm</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tài khoản mới / tài khoản đang chọn</source>
        <translation>New account / selected account</translation>
    </message>
    <message>
        <source>ít nhất 6 ký tự</source>
        <translation>at least 6 characters</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>Đổi vai trò</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Khóa / mở khóa</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>không khóa</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Tự khóa khi không dùng sau</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source> năm</source>
        <translation> years</translation>
    </message>
    <message>
        <source>Sau thời hạn này, Chủ tịch xóa được dữ liệu cá nhân của người đã rời công đoàn (trong hồ sơ đoàn viên); phiếu thu và đoàn phí đã nộp vẫn được giữ.</source>
        <translation>After this period the chair can erase the personal data of people who have left the union (in the member record); receipts and dues paid are kept.</translation>
    </message>
    <message>
        <source>Lưu giữ dữ liệu cá nhân của người đã rời công đoàn</source>
        <translation>Keep the personal data of people who left the union for</translation>
    </message>
    <message>
        <source>Khi máy có tài khoản, phải đăng nhập mỗi lần mở Sổ Công đoàn. Tài khoản đầu tiên phải là Chủ tịch. Tài khoản chỉ có trên máy này, không đồng bộ.</source>
        <translation>Once this PC has accounts, everyone signs in when the app starts. The first account must be a chair. Accounts exist on this PC only and are not synced.</translation>
    </message>
    <message>
        <source>đã khóa</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Đã thêm tài khoản “{0}”.</source>
        <translation>Account “{0}” added.</translation>
    </message>
    <message>
        <source>Đã đổi vai trò của “{0}”.</source>
        <translation>Role of “{0}” changed.</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của “{0}”.</source>
        <translation>Password of “{0}” reset.</translation>
    </message>
    <message>
        <source>Đã mở khóa “{0}”.</source>
        <translation>“{0}” enabled.</translation>
    </message>
    <message>
        <source>Đã khóa “{0}”.</source>
        <translation>“{0}” disabled.</translation>
    </message>
    <message>
        <source>Đã lưu: có hiệu lực từ lần đăng nhập sau.</source>
        <translation>Saved: applies from the next sign-in.</translation>
    </message>
    <message>
        <source>Đã lưu: dữ liệu cá nhân của người đã rời công đoàn được giữ {0} năm.</source>
        <translation>Saved: the personal data of people who left the union is kept for {0} years.</translation>
    </message>
</context>
<context>
    <name>ActivitiesModel</name>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tên hoạt động</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Có mặt</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Dự toán</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Đã chi</source>
        <translation>Spent</translation>
    </message>
    <message>
        <source>{0} có mặt trong {1} đoàn viên của danh sách</source>
        <translation>{0} present of the {1} members on the list</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>Năm {0}</source>
        <translation>Year {0}</translation>
    </message>
    <message>
        <source>Tất cả các năm</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>Mọi loại hoạt động</source>
        <translation>All kinds of activity</translation>
    </message>
    <message>
        <source>Tìm theo tên, địa điểm, nội dung biên bản… (gõ không dấu cũng được)</source>
        <translation>Search by name, place, text of the minutes… (diacritics optional)</translation>
    </message>
    <message>
        <source>Thêm hoạt động…</source>
        <translation>New activity…</translation>
    </message>
    <message>
        <source>Mở…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Thời gian:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>{0} hoạt động</source>
        <translation>{0} activities</translation>
    </message>
    <message>
        <source>Không có hoạt động nào khớp với điều kiện tìm</source>
        <translation>No activity matches the search</translation>
    </message>
    <message>
        <source>Thử bỏ chữ đang tìm hoặc chọn “Mọi loại hoạt động”; tìm không dấu cũng được.</source>
        <translation>Try clearing the search text or choosing “All kinds of activity”; searching without diacritics works too.</translation>
    </message>
    <message>
        <source>Bỏ điều kiện tìm</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <source>Năm {0} chưa có hoạt động nào</source>
        <translation>No activities in {0} yet</translation>
    </message>
    <message>
        <source>Chưa có hoạt động nào</source>
        <translation>No activities yet</translation>
    </message>
    <message>
        <source>Ghi các cuộc họp Ban Chấp hành, đại hội, phong trào, thăm hỏi… để lập giấy mời, biên bản, quyết định và theo dõi người tham dự. Sinh nhật đoàn viên hiện trên lịch bên phải.</source>
        <translation>Record executive committee meetings, congresses, campaigns, visits… to prepare invitations, minutes and decisions and to keep track of who attended. Members’ birthdays appear on the calendar on the right.</translation>
    </message>
    <message>
        <source>Không đọc được danh sách hoạt động</source>
        <translation>Could not read the activities</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Chọn một hoạt động trong danh sách.</source>
        <translation>Choose an activity in the list.</translation>
    </message>
    <message>
        <source>Không xóa được</source>
        <translation>Could not delete</translation>
    </message>
    <message>
        <source>Xóa hoạt động</source>
        <translation>Delete activity</translation>
    </message>
    <message>
        <source>Xóa hoạt động “{0}”? Danh sách đoàn viên và các bản nháp của nó cũng bị xóa.</source>
        <translation>Delete the activity “{0}”? Its list of members and its drafts are deleted too.</translation>
    </message>
</context>
<context>
    <name>ActivityCalendar</name>
    <message>
        <source>Hiện sinh nhật đoàn viên</source>
        <translation>Show members’ birthdays</translation>
    </message>
    <message>
        <source>Ngày in đậm, nền xanh: có hoạt động; gạch chân: sinh nhật đoàn viên</source>
        <translation>Bold on blue: a day with activities; underlined: a member’s birthday</translation>
    </message>
    <message>
        <source>Ngày in đậm, nền xanh: có hoạt động</source>
        <translation>Bold on blue: a day with activities</translation>
    </message>
    <message>
        <source>{0} hoạt động</source>
        <translation>{0} activities</translation>
    </message>
    <message>
        <source>{0} sinh nhật</source>
        <translation>{0} birthdays</translation>
    </message>
    <message>
        <source>Tháng {0}/{1}: {2} hoạt động, {3} sinh nhật đoàn viên</source>
        <translation>{0}/{1}: {2} activities, {3} members&apos; birthdays</translation>
    </message>
    <message>
        <source>{0:%d/%m} — Sinh nhật {1} ({2} tuổi)</source>
        <translation>{0:%d/%m} — Birthday of {1} (turns {2})</translation>
    </message>
    <message>
        <source>(không có hoạt động nào trong tháng)</source>
        <translation>(no activities this month)</translation>
    </message>
    <message>
        <source>… và {0} sinh nhật khác trong tháng</source>
        <translation>… and {0} more birthdays this month</translation>
    </message>
</context>
<context>
    <name>ActivityEditor</name>
    <message>
        <source>Thêm hoạt động</source>
        <translation>New activity</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Thông tin</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Đoàn viên, điểm danh</source>
        <translation>Members, attendance</translation>
    </message>
    <message>
        <source>Chi tiền</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Biên bản, văn bản</source>
        <translation>Minutes, documents</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>ví dụ: Thăm hỏi đoàn viên ốm đau tháng 3</source>
        <translation>e.g. Visits to sick members in March</translation>
    </message>
    <message>
        <source>ví dụ: Ban Nữ công</source>
        <translation>e.g. Women&apos;s committee</translation>
    </message>
    <message>
        <source>đồng, ví dụ 1.500.000</source>
        <translation>đồng, e.g. 1.500.000</translation>
    </message>
    <message>
        <source>Chi ngoài quỹ tiền mặt</source>
        <translation>Spent outside the cash box</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Số phiếu chi</source>
        <translation>Voucher no.</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Paid to</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>số tiền</source>
        <translation>amount</translation>
    </message>
    <message>
        <source>người nhận tiền</source>
        <translation>paid to</translation>
    </message>
    <message>
        <source>nội dung chi, ví dụ: Mua quà</source>
        <translation>what for, e.g. Gifts bought</translation>
    </message>
    <message>
        <source>Lập phiếu chi</source>
        <translation>Issue voucher</translation>
    </message>
    <message>
        <source>Gắn phiếu chi có sẵn…</source>
        <translation>Link an existing voucher…</translation>
    </message>
    <message>
        <source>Bỏ gắn phiếu đã chọn</source>
        <translation>Unlink the selected voucher</translation>
    </message>
    <message>
        <source>Chi chung cho cả hoạt động (mua quà, thuê hội trường…). Tiền trao cho từng đoàn viên lập ở thẻ Đoàn viên, điểm danh.</source>
        <translation>Spending for the activity as a whole (gifts bought, a hall rented…). Money given to each member is paid from the Members, attendance tab.</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Biên bản mới…</source>
        <translation>New minutes…</translation>
    </message>
    <message>
        <source>Quyết định mới…</source>
        <translation>New decision…</translation>
    </message>
    <message>
        <source>Thông báo mới…</source>
        <translation>New notice…</translation>
    </message>
    <message>
        <source>Mở…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>Không mở được hoạt động</source>
        <translation>Could not open the activity</translation>
    </message>
    <message>
        <source>Hoạt động: {0}</source>
        <translation>Activity: {0}</translation>
    </message>
    <message>
        <source> (đã hủy)</source>
        <translation> (voided)</translation>
    </message>
    <message>
        <source>Hoàn thành</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>bản sửa lần {0}</source>
        <translation>correction {0}</translation>
    </message>
    <message>
        <source>đã có bản sửa</source>
        <translation>corrected since</translation>
    </message>
    <message>
        <source>Chưa lưu được hoạt động</source>
        <translation>The activity was not saved</translation>
    </message>
    <message>
        <source>không đọc được số tiền.</source>
        <translation>the amount cannot be read.</translation>
    </message>
</context>
<context>
    <name>ActivityMembersTab</name>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Thêm đoàn viên…</source>
        <translation>Add members…</translation>
    </message>
    <message>
        <source>Thêm cả tổ</source>
        <translation>Add whole group</translation>
    </message>
    <message>
        <source>Thêm toàn thể đoàn viên</source>
        <translation>Add all members</translation>
    </message>
    <message>
        <source>Bỏ khỏi danh sách</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>Điểm danh…</source>
        <translation>Attendance…</translation>
    </message>
    <message>
        <source>Lưu số tiền, ghi chú</source>
        <translation>Save amounts and notes</translation>
    </message>
    <message>
        <source>Lập phiếu chi cho người chưa nhận</source>
        <translation>Issue vouchers to those not yet paid</translation>
    </message>
    <message>
        <source>Ngày chi:</source>
        <translation>Paid on:</translation>
    </message>
    <message>
        <source>{0} đoàn viên; có mặt {1}, vắng {2}, vắng có phép {3}, chưa điểm danh {4}</source>
        <translation>{0} members; present {1}, absent {2}, excused {3}, not marked {4}</translation>
    </message>
    <message>
        <source>Lưu ý</source>
        <translation>Please note</translation>
    </message>
    <message>
        <source>Chưa lưu được</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Dòng {0}: không đọc được số tiền “{1}”.</source>
        <translation>Row {0}: the amount “{1}” cannot be read.</translation>
    </message>
    <message>
        <source>Đã lập phiếu chi</source>
        <translation>Vouchers issued</translation>
    </message>
    <message>
        <source>{0} phiếu chi, tổng {1}: {2}</source>
        <translation>{0} vouchers, total {1}: {2}</translation>
    </message>
</context>
<context>
    <name>AgendaBox</name>
    <message>
        <source>Thêm mục</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>Xóa mục</source>
        <translation>Delete item</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Diễn biến: ai trình bày gì (mỗi đoạn một dòng)</source>
        <translation>Proceedings: who presented what (one paragraph a line)</translation>
    </message>
    <message>
        <source>Ý kiến thảo luận</source>
        <translation>Opinions in the discussion</translation>
    </message>
    <message>
        <source>Có biểu quyết</source>
        <translation>Put to the vote</translation>
    </message>
    <message>
        <source>Tán thành:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>Không tán thành:</source>
        <translation>Against:</translation>
    </message>
    <message>
        <source>Không có ý kiến:</source>
        <translation>Abstaining:</translation>
    </message>
    <message>
        <source>Tên mục:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>Diễn biến:</source>
        <translation>Proceedings:</translation>
    </message>
    <message>
        <source>Ý kiến:</source>
        <translation>Opinions:</translation>
    </message>
    <message>
        <source>Kết luận mục này:</source>
        <translation>Conclusion of the item:</translation>
    </message>
    <message>
        <source>Mục mới</source>
        <translation>New item</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Không có bản sao lưu nào dùng được trong thư mục sao lưu.</source>
        <translation>There is no usable backup in the backup folder.</translation>
    </message>
    <message>
        <source>Khôi phục bản sao lưu mới nhất ({0}, lúc {1})? Tệp bị hỏng được giữ lại bên cạnh.</source>
        <translation>Restore the newest backup ({0}, made {1})? The damaged file is kept beside it.</translation>
    </message>
    <message>
        <source>Sổ Công đoàn đang mở tệp dữ liệu này ở một cửa sổ khác:
{0}

Hãy dùng cửa sổ đó (xem thanh tác vụ).</source>
        <translation>Sổ Công đoàn already has this data file open in another window:
{0}

Please use that window (see the taskbar).</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>Điểm danh: {0}</source>
        <translation>Attendance: {0}</translation>
    </message>
    <message>
        <source>Tìm tên trong danh sách…</source>
        <translation>Find a name in the list…</translation>
    </message>
    <message>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tổ</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Điểm danh</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Lý do vắng</source>
        <translation>Reason absent</translation>
    </message>
    <message>
        <source>Bỏ đánh dấu</source>
        <translation>Clear mark</translation>
    </message>
    <message>
        <source>Tất cả có mặt</source>
        <translation>All present</translation>
    </message>
    <message>
        <source>In danh sách điểm danh…</source>
        <translation>Print attendance sheet…</translation>
    </message>
    <message>
        <source>Theo điểm danh đã ghi</source>
        <translation>With the marks recorded</translation>
    </message>
    <message>
        <source>Để trống, điểm danh và ký tại cuộc họp</source>
        <translation>Blank, to mark and sign at the meeting</translation>
    </message>
    <message>
        <source>Lưu điểm danh</source>
        <translation>Save attendance</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chọn một hay nhiều dòng (Ctrl, Shift) rồi bấm Có mặt, Vắng hoặc Vắng có phép; ghi lý do vắng vào cột cuối.</source>
        <translation>Select one or more rows (Ctrl, Shift), then click Present, Absent or Excused; write the reason for an absence in the last column.</translation>
    </message>
    <message>
        <source>{0} người: có mặt {1}, vắng {2}, vắng có phép {3}, chưa điểm danh {4}</source>
        <translation>{0} people: present {1}, absent {2}, excused {3}, not marked {4}</translation>
    </message>
    <message>
        <source>Chưa lưu được điểm danh</source>
        <translation>The attendance was not saved</translation>
    </message>
    <message>
        <source>Danh sách điểm danh: {0}</source>
        <translation>Attendance sheet: {0}</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Nhật ký thay đổi</source>
        <translation>Change log</translation>
    </message>
    <message>
        <source>Tên đoàn viên, mã bản ghi, giá trị…</source>
        <translation>Member name, record id, value…</translation>
    </message>
    <message>
        <source>Mọi loại dữ liệu</source>
        <translation>All kinds of data</translation>
    </message>
    <message>
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>{0} thay đổi</source>
        <translation>{0} changes</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Người làm</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Loại dữ liệu</source>
        <translation>Kind of data</translation>
    </message>
    <message>
        <source>Bản ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Giá trị cũ</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>Giá trị mới</source>
        <translation>New value</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Sao lưu dữ liệu vào…</source>
        <translation>Back up data to…</translation>
    </message>
    <message>
        <source>Bản sao lưu (*.sqlite3)</source>
        <translation>Backups (*.sqlite3)</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Đã sao lưu và kiểm tra: {0}</source>
        <translation>Backed up and checked: {0}</translation>
    </message>
    <message>
        <source>Chưa sao lưu được</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>Chọn bản sao lưu để khôi phục</source>
        <translation>Choose a backup to restore</translation>
    </message>
    <message>
        <source>Không khôi phục được</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>Khôi phục dữ liệu</source>
        <translation>Restore data</translation>
    </message>
    <message>
        <source>Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu {0}?
Dữ liệu hiện tại được sao lưu trước, không mất.</source>
        <translation>Replace all current data with the backup {0}?
The current data is backed up first and is not lost.</translation>
    </message>
    <message>
        <source>Đã khôi phục từ {0}. Dữ liệu trước đó được giữ ở {1}.</source>
        <translation>Restored from {0}. The previous data is kept in {1}.</translation>
    </message>
</context>
<context>
    <name>BackupForm</name>
    <message>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>Sổ Công đoàn tự sao lưu mỗi ngày và khi thoát, trước mỗi lần nâng cấp và khôi phục; mỗi bản được kiểm tra. Nên chọn một ổ USB hoặc ổ khác với ổ của máy, để dữ liệu không mất cùng máy.</source>
        <translation>Sổ Công đoàn backs up every day and at exit, before every upgrade and restore; each copy is checked. Choose a USB stick or another drive than the computer&apos;s own, so that the data is not lost with the computer.</translation>
    </message>
    <message>
        <source>Thư mục sao lưu:</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>Số bản giữ lại:</source>
        <translation>Copies kept:</translation>
    </message>
    <message>
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
</context>
<context>
    <name>BankBookModel</name>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Số hiệu</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Người chuyển/nhận</source>
        <translation>Payer/payee</translation>
    </message>
    <message>
        <source>Gửi vào</source>
        <translation>Deposited</translation>
    </message>
    <message>
        <source>Rút ra</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Còn lại</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>(đã hủy)</source>
        <translation>(voided)</translation>
    </message>
    <message>
        <source>Đã hủy ngày {0}: {1}</source>
        <translation>Voided on {0}: {1}</translation>
    </message>
</context>
<context>
    <name>BankDialogs</name>
    <message>
        <source>đồng, ví dụ 1.500.000</source>
        <translation>đồng, e.g. 1.500.000</translation>
    </message>
</context>
<context>
    <name>BankImportDialog</name>
    <message>
        <source>Nhập sao kê ngân hàng</source>
        <translation>Import bank statement</translation>
    </message>
    <message>
        <source>Đang đọc {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <source>Ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tiền vào</source>
        <translation>Money in</translation>
    </message>
    <message>
        <source>Tiền ra</source>
        <translation>Money out</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ghi là</source>
        <translation>Record as</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Ghi các dòng đã chọn</source>
        <translation>Record the selected rows</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Không đọc được sao kê.</source>
        <translation>Could not read the statement.</translation>
    </message>
    <message>
        <source>{0}, tài khoản {1}: {2} dòng — {3} mới, {4} đã nhập, {5} cần xem lại. Chưa ghi gì cho đến khi bấm “Ghi các dòng đã chọn”.{6}</source>
        <translation>{0}, account {1}: {2} rows — {3} new, {4} already imported, {5} to check. Nothing is recorded until you click “Record the selected rows”.{6}</translation>
    </message>
    <message>
        <source>Sao kê không ghi số dư cuối kỳ: chưa đối chiếu được với sổ.</source>
        <translation>The statement gives no closing balance: it cannot be reconciled with the book yet.</translation>
    </message>
    <message>
        <source>Số dư cuối kỳ {0} khớp với sổ khi ghi đủ các dòng mới.</source>
        <translation>The closing balance {0} matches the book once all new rows are recorded.</translation>
    </message>
    <message>
        <source>Số dư cuối kỳ trên sao kê lệch với sổ {0} (sau khi ghi đủ các dòng mới).</source>
        <translation>The statement’s closing balance differs from the book by {0} (after all new rows are recorded).</translation>
    </message>
    <message>
        <source>(chọn để ghi)</source>
        <translation>(select to record)</translation>
    </message>
    <message>
        <source>Chưa chọn dòng nào</source>
        <translation>No rows selected</translation>
    </message>
    <message>
        <source>Hãy đánh dấu các dòng cần ghi vào sổ tiền gửi.</source>
        <translation>Tick the rows to record in the bank book.</translation>
    </message>
    <message>
        <source>Đã ghi</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Đã ghi {0} dòng vào sổ tiền gửi.</source>
        <translation>Recorded {0} rows in the bank book.</translation>
    </message>
</context>
<context>
    <name>BankPage</name>
    <message>
        <source>Chưa có tài khoản tiền gửi</source>
        <translation>No bank accounts yet</translation>
    </message>
    <message>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Tên tài khoản</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>Số dư hôm nay</source>
        <translation>Balance today</translation>
    </message>
    <message>
        <source>Tiền mặt:</source>
        <translation>Cash:</translation>
    </message>
    <message>
        <source>Tiền gửi:</source>
        <translation>Bank deposits:</translation>
    </message>
    <message>
        <source>Tổng cộng:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Thêm tài khoản…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <source>Sửa tài khoản…</source>
        <translation>Edit account…</translation>
    </message>
    <message>
        <source>Từ ngày:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>đến ngày:</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Ghi giấy báo Có/Nợ…</source>
        <translation>Record credit/debit advice…</translation>
    </message>
    <message>
        <source>Rút tiền về quỹ…</source>
        <translation>Withdraw to cash…</translation>
    </message>
    <message>
        <source>Nộp tiền vào tài khoản…</source>
        <translation>Deposit cash to the account…</translation>
    </message>
    <message>
        <source>Hủy bút toán…</source>
        <translation>Void entry…</translation>
    </message>
    <message>
        <source>In sổ tiền gửi…</source>
        <translation>Print bank book…</translation>
    </message>
    <message>
        <source>In giấy báo…</source>
        <translation>Print advice…</translation>
    </message>
    <message>
        <source>In giấy báo Có / giấy báo Nợ của bút toán đang chọn, với cặp tài khoản</source>
        <translation>Print the credit or debit advice of the selected entry, with its account pair</translation>
    </message>
    <message>
        <source>Nhập sao kê…</source>
        <translation>Import statement…</translation>
    </message>
    <message>
        <source>Đọc sao kê Excel/CSV của ngân hàng, xem trước từng dòng rồi ghi vào sổ</source>
        <translation>Read the bank’s Excel/CSV statement, preview each row, then record it in the book</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ:</source>
        <translation>Opening balance:</translation>
    </message>
    <message>
        <source>Gửi vào:</source>
        <translation>Deposited:</translation>
    </message>
    <message>
        <source>Rút ra:</source>
        <translation>Withdrawn:</translation>
    </message>
    <message>
        <source>Số dư cuối kỳ:</source>
        <translation>Closing balance:</translation>
    </message>
    <message>
        <source>Không đọc được sổ tiền gửi</source>
        <translation>Could not read the bank book</translation>
    </message>
    <message>
        <source>Đơn vị chưa khai báo tài khoản ngân hàng hay kho bạc nào, nên chưa có sổ tiền gửi (S12-H) để xem. Thêm tài khoản của công đoàn với số dư đầu kỳ trên sổ phụ ngân hàng: từ đó ghi giấy báo Có, giấy báo Nợ, lãi, phí và rút, nộp tiền mặt. Tiền mặt hiện có: {0}.</source>
        <translation>The union has not declared any bank or State Treasury account, so there is no bank deposit book (S12-H) to show yet. Add the union’s account with its opening balance from the bank statement: from then on, record credit and debit advices, interest, fees, and cash withdrawals and deposits. Cash on hand: {0}.</translation>
    </message>
    <message>
        <source>Ngày bắt đầu sau ngày kết thúc: chọn lại khoảng thời gian.</source>
        <translation>The start date is after the end date: choose the period again.</translation>
    </message>
    <message>
        <source>{0} bút toán</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>({0} đã hủy)</source>
        <translation>({0} voided)</translation>
    </message>
    <message>
        <source>Sửa tài khoản</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <source>Chọn một tài khoản trong bảng để sửa.</source>
        <translation>Select an account in the table to edit.</translation>
    </message>
    <message>
        <source>Chọn sao kê ngân hàng</source>
        <translation>Choose a bank statement</translation>
    </message>
    <message>
        <source>Sao kê (*.xlsx *.xls *.csv)</source>
        <translation>Statements (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Hủy bút toán</source>
        <translation>Void entry</translation>
    </message>
    <message>
        <source>Chọn một bút toán trong bảng để hủy.</source>
        <translation>Select an entry in the table to void.</translation>
    </message>
    <message>
        <source>Không hủy được bút toán ngày {0}: {1}

Lập bút toán điều chỉnh cho nó bây giờ?</source>
        <translation>The entry of {0} cannot be voided: {1}

Make an adjusting entry for it now?</translation>
    </message>
    <message>
        <source>Sổ tiền gửi {0} từ {1} đến {2}</source>
        <translation>Bank book {0} from {1} to {2}</translation>
    </message>
    <message>
        <source>In giấy báo</source>
        <translation>Print advice</translation>
    </message>
    <message>
        <source>Chọn một bút toán trong bảng để in giấy báo.</source>
        <translation>Select an entry in the table to print its advice.</translation>
    </message>
    <message>
        <source>Giấy báo Có ngày {0}</source>
        <translation>Credit advice of {0}</translation>
    </message>
    <message>
        <source>Giấy báo Nợ ngày {0}</source>
        <translation>Debit advice of {0}</translation>
    </message>
    <message>
        <source>Không mở được bản xem trước</source>
        <translation>Could not open the preview</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
</context>
<context>
    <name>BankPicker</name>
    <message>
        <source>gõ tên ngân hàng hoặc mã BIN, ví dụ Vietcombank, 970415</source>
        <translation>type the bank&apos;s name or BIN, e.g. Vietcombank, 970415</translation>
    </message>
</context>
<context>
    <name>BehindDialog</name>
    <message>
        <source>Đoàn viên nợ đoàn phí từ {0} tháng</source>
        <translation>Members behind with dues for {0} months</translation>
    </message>
    <message>
        <source>{0} đoàn viên chưa nộp đoàn phí từ {1} tháng liên tiếp trở lên, tính đến hết tháng {2} (mức xem xét kỷ luật: {3}). Phần mềm chỉ nêu tên; Ban Chấp hành xem xét lý do và quyết định.</source>
        <translation>{0} members have not paid dues for {1} months in a row or more, up to the end of {2} (discipline level to consider: {3}). The software only lists them; the executive committee looks at the reasons and decides.</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tổ</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Số tháng nợ</source>
        <translation>Months behind</translation>
    </message>
    <message>
        <source>Từ tháng</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Số tiền nợ</source>
        <translation>Amount owed</translation>
    </message>
</context>
<context>
    <name>BhxhDialog</name>
    <message>
        <source>Cập nhật lương đóng đoàn phí từ danh sách BHXH (D02-LT)</source>
        <translation>Update dues salaries from the social insurance list (D02-LT)</translation>
    </message>
    <message>
        <source>Đang đọc {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <source>Xem lại với tháng này</source>
        <translation>Review with this month</translation>
    </message>
    <message>
        <source>Tháng áp dụng cho các dòng không ghi “Từ tháng, năm”:</source>
        <translation>Month applied to rows without “From month, year”:</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Đoàn viên</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Tìm thấy theo</source>
        <translation>Matched by</translation>
    </message>
    <message>
        <source>Lương đóng BHXH đã ghi</source>
        <translation>Recorded insured salary</translation>
    </message>
    <message>
        <source>Lương đóng BHXH mới</source>
        <translation>New insured salary</translation>
    </message>
    <message>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <source>Mã số BHXH</source>
        <translation>Social insurance no.</translation>
    </message>
    <message>
        <source>Cách tính</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Chọn</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Chức vụ, nơi làm việc</source>
        <translation>Position, workplace</translation>
    </message>
    <message>
        <source>Lương đóng BHXH</source>
        <translation>Insured salary</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Lý do không dùng</source>
        <translation>Why not used</translation>
    </message>
    <message>
        <source>Thay đổi</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Chưa là đoàn viên</source>
        <translation>Not yet members</translation>
    </message>
    <message>
        <source>Dòng không dùng</source>
        <translation>Rows not used</translation>
    </message>
    <message>
        <source>Ghi thay đổi</source>
        <translation>Record changes</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Người lao động có trong danh sách BHXH nhưng chưa là đoàn viên: danh sách để Ban Chấp hành vận động. Chọn những người đã có đơn xin gia nhập để kết nạp.</source>
        <translation>Workers on the social insurance list who are not yet union members: a list for the executive committee’s recruitment drive. Select those who have applied to join, to admit them.</translation>
    </message>
    <message>
        <source>In danh sách (PDF)…</source>
        <translation>Print the list (PDF)…</translation>
    </message>
    <message>
        <source>số quyết định, nếu có</source>
        <translation>decision number, if any</translation>
    </message>
    <message>
        <source>Kết nạp những người đã chọn</source>
        <translation>Admit the selected people</translation>
    </message>
    <message>
        <source>Vào tổ:</source>
        <translation>Into group:</translation>
    </message>
    <message>
        <source>Ngày kết nạp:</source>
        <translation>Admission date:</translation>
    </message>
    <message>
        <source>(chưa xếp tổ)</source>
        <translation>(no group yet)</translation>
    </message>
    <message>
        <source>Không đọc được danh sách.</source>
        <translation>Could not read the list.</translation>
    </message>
    <message>
        <source>{0}: {1} người lao động. {2} đoàn viên sẽ thay đổi, {3} không đổi; {4} người chưa là đoàn viên; {5} dòng không dùng được; {6} người ở mục Giảm (không cập nhật). Chưa ghi gì cho đến khi bấm “Ghi thay đổi”.</source>
        <translation>{0}: {1} workers. {2} members will change, {3} unchanged; {4} people are not yet members; {5} rows cannot be used; {6} people in the “Decrease” section (not updated). Nothing is recorded until you click “Record changes”.</translation>
    </message>
    <message>
        <source>(như cũ)</source>
        <translation>(unchanged)</translation>
    </message>
    <message>
        <source>{0}: ở mục Giảm (nghỉ việc, chuyển đi…): không cập nhật lương. Nếu là đoàn viên đã nghỉ việc, ghi “Ra khỏi tổ chức” trong hồ sơ.</source>
        <translation>{0}: in the “Decrease” section (left the job, moved away…): salary not updated. If this is a member who has left the job, record “Left the union” in their profile.</translation>
    </message>
    <message>
        <source>bỏ qua: {0}</source>
        <translation>skipped: {0}</translation>
    </message>
    <message>
        <source>Thay đổi ({0})</source>
        <translation>Changes ({0})</translation>
    </message>
    <message>
        <source>Chưa là đoàn viên ({0})</source>
        <translation>Not yet members ({0})</translation>
    </message>
    <message>
        <source>Dòng không dùng ({0}), mục Giảm ({1}), bỏ qua ({2})</source>
        <translation>Rows not used ({0}), “Decrease” section ({1}), skipped ({2})</translation>
    </message>
    <message>
        <source>Ghi thay đổi ({0} đoàn viên)</source>
        <translation>Record changes ({0} members)</translation>
    </message>
    <message>
        <source>Đã ghi</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Đã cập nhật lương đóng đoàn phí của {0} đoàn viên.</source>
        <translation>Updated the dues salary of {0} members.</translation>
    </message>
    <message>
        <source>Đã kết nạp</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <source>Đã kết nạp {0} đoàn viên mới.</source>
        <translation>Admitted {0} new members.</translation>
    </message>
    <message>
        <source>Lưu danh sách người lao động chưa vào công đoàn</source>
        <translation>Save the list of workers not yet in the union</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Đã lưu danh sách vào {0}.</source>
        <translation>Saved the list to {0}.</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Dự toán thu, chi tài chính công đoàn</source>
        <translation>Union income and spending budget estimate</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Lưu Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Dự toán năm:</source>
        <translation>Budget for year:</translation>
    </message>
    <message>
        <source>Số màu xanh do người sửa; các số khác phần mềm đề xuất từ sổ sách và đoàn viên. Xóa ô dự toán để trở lại số đề xuất. Dòng cộng tự tính khi Lưu.</source>
        <translation>Figures in blue were typed by a person; the others are proposed by the program from the books and the members. Clear an estimate cell to go back to the proposal. Total lines are computed on Save.</translation>
    </message>
    <message>
        <source>Đề xuất: {0} ({1})</source>
        <translation>Proposed: {0} ({1})</translation>
    </message>
    <message>
        <source>Dòng {0}: {1} không được âm.</source>
        <translation>Line {0}: {1} cannot be negative.</translation>
    </message>
    <message>
        <source>Dòng {0}: không đọc được {1} “{2}”.</source>
        <translation>Line {0}: cannot read {1} “{2}”.</translation>
    </message>
    <message>
        <source>số dự toán</source>
        <translation>the estimate</translation>
    </message>
    <message>
        <source>số cấp trên duyệt</source>
        <translation>the approved figure</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>Lưu dự toán</source>
        <translation>Save budget estimate</translation>
    </message>
</context>
<context>
    <name>CashBookModel</name>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Số phiếu</source>
        <translation>Doc. no.</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Người nộp/nhận</source>
        <translation>Payer/payee</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Income</translation>
    </message>
    <message>
        <source>Chi</source>
        <translation>Expense</translation>
    </message>
    <message>
        <source>Tồn</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>(đã hủy)</source>
        <translation>(voided)</translation>
    </message>
    <message>
        <source>Đã hủy ngày {0}: {1}</source>
        <translation>Voided on {0}: {1}</translation>
    </message>
</context>
<context>
    <name>CashDocDialog</name>
    <message>
        <source>Lập phiếu thu</source>
        <translation>New receipt</translation>
    </message>
    <message>
        <source>Lập phiếu chi</source>
        <translation>New payment voucher</translation>
    </message>
    <message>
        <source>ví dụ: Nguyễn Thị Lan</source>
        <translation>e.g. Nguyễn Thị Lan</translation>
    </message>
    <message>
        <source>địa chỉ hoặc bộ phận công tác</source>
        <translation>address or department</translation>
    </message>
    <message>
        <source>ví dụ: Nhận kinh phí công đoàn quý I</source>
        <translation>e.g. Union fee received for Q1</translation>
    </message>
    <message>
        <source>ví dụ: Thăm hỏi đoàn viên ốm đau</source>
        <translation>e.g. Visit to a sick member</translation>
    </message>
    <message>
        <source>đồng, ví dụ 1.500.000</source>
        <translation>VND, e.g. 1.500.000</translation>
    </message>
    <message>
        <source>ví dụ: 01</source>
        <translation>e.g. 01</translation>
    </message>
    <message>
        <source>chỉ khi điều chỉnh chứng từ của năm đã khoá sổ, ví dụ T2025-01/0007</source>
        <translation>only when correcting a document of a closed year, e.g. T2025-01/0007</translation>
    </message>
    <message>
        <source>Loại thu</source>
        <translation>Income type</translation>
    </message>
    <message>
        <source>Loại chi</source>
        <translation>Expense type</translation>
    </message>
    <message>
        <source>Ngày lập phiếu</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>Họ tên người nộp tiền</source>
        <translation>Payer&apos;s full name</translation>
    </message>
    <message>
        <source>Họ tên người nhận tiền</source>
        <translation>Payee&apos;s full name</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Lý do nộp</source>
        <translation>Reason for payment</translation>
    </message>
    <message>
        <source>Lý do chi</source>
        <translation>Reason for disbursement</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Kèm theo</source>
        <translation>Attached</translation>
    </message>
    <message>
        <source>Điều chỉnh cho</source>
        <translation>Corrects</translation>
    </message>
    <message>
        <source>Loại phiếu</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>chứng từ gốc</source>
        <translation>source document(s)</translation>
    </message>
    <message>
        <source>Lưu phiếu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Số phiếu được cấp tự động theo quyển khi lưu. Phiếu đã lưu không sửa được: nếu sai, hủy phiếu (có ghi lý do) rồi lập phiếu mới.</source>
        <translation>The document number is assigned automatically from the book when you save. A saved document cannot be edited: if it is wrong, void it (stating the reason) and create a new one.</translation>
    </message>
    <message>
        <source>Không đọc được số tiền</source>
        <translation>Cannot read the amount</translation>
    </message>
    <message>
        <source>Bằng chữ: …</source>
        <translation>In words: …</translation>
    </message>
    <message>
        <source>Bằng chữ: {0}</source>
        <translation>In words: {0}</translation>
    </message>
    <message>
        <source>không đọc được số tiền: ghi số đồng, ví dụ 1.500.000.</source>
        <translation>could not read the amount: enter it in VND, e.g. 1.500.000.</translation>
    </message>
    <message>
        <source>Chưa lưu được phiếu</source>
        <translation>Could not save the document</translation>
    </message>
</context>
<context>
    <name>CashPage</name>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Phiếu thu</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>Phiếu chi</source>
        <translation>Payment vouchers</translation>
    </message>
    <message>
        <source>Lập phiếu thu…</source>
        <translation>New receipt…</translation>
    </message>
    <message>
        <source>Lập phiếu chi…</source>
        <translation>New payment voucher…</translation>
    </message>
    <message>
        <source>Hủy phiếu…</source>
        <translation>Void document…</translation>
    </message>
    <message>
        <source>In phiếu…</source>
        <translation>Print documents…</translation>
    </message>
    <message>
        <source>Khổ A5 ngang, mỗi phiếu một trang</source>
        <translation>A5 landscape, one document per page</translation>
    </message>
    <message>
        <source>Hai phiếu trên một tờ A4</source>
        <translation>Two documents per A4 sheet</translation>
    </message>
    <message>
        <source>In sổ quỹ…</source>
        <translation>Print cash book…</translation>
    </message>
    <message>
        <source>Tồn đầu kỳ:</source>
        <translation>Opening balance:</translation>
    </message>
    <message>
        <source>Tổng thu:</source>
        <translation>Total income:</translation>
    </message>
    <message>
        <source>Tổng chi:</source>
        <translation>Total expenses:</translation>
    </message>
    <message>
        <source>Tồn cuối kỳ:</source>
        <translation>Closing balance:</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Từ ngày:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>đến ngày:</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Loại phiếu:</source>
        <translation>Document type:</translation>
    </message>
    <message>
        <source>Ngày bắt đầu sau ngày kết thúc: chọn lại khoảng thời gian.</source>
        <translation>The start date is after the end date: choose the period again.</translation>
    </message>
    <message>
        <source>Không đọc được sổ quỹ</source>
        <translation>Could not read the cash book</translation>
    </message>
    <message>
        <source>Tồn quỹ âm: kiểm tra lại các phiếu thu chưa ghi sổ.</source>
        <translation>Negative cash on hand: check for receipts that have not been recorded.</translation>
    </message>
    <message>
        <source>{0} phiếu</source>
        <translation>{0} documents</translation>
    </message>
    <message>
        <source>({0} đã hủy)</source>
        <translation>({0} voided)</translation>
    </message>
    <message>
        <source>Chưa có phiếu thu, phiếu chi nào từ {0} đến {1}</source>
        <translation>No receipts or payment vouchers from {0} to {1}</translation>
    </message>
    <message>
        <source>Mỗi khoản tiền mặt nhận vào hoặc chi ra được ghi bằng một phiếu thu (C40‑BB) hoặc phiếu chi (C41‑BB); sổ quỹ tính tồn quỹ từ các phiếu đó. Đoàn phí thu ở trang Đoàn phí tự lập phiếu thu. Chọn khoảng thời gian khác ở trên để xem các phiếu đã ghi.</source>
        <translation>Each amount of cash received or paid out is recorded with a receipt (C40‑BB) or a payment voucher (C41‑BB); the cash book works out the cash on hand from them. Dues collected on the Union dues page make their receipts by themselves. Choose another period above to see the documents recorded.</translation>
    </message>
    <message>
        <source>Không có {0} nào trong khoảng thời gian này</source>
        <translation>No {0} in this period</translation>
    </message>
    <message>
        <source>Khoảng thời gian này có {0} phiếu loại khác.</source>
        <translation>This period has {0} documents of other types.</translation>
    </message>
    <message>
        <source>Xem tất cả các phiếu</source>
        <translation>Show all documents</translation>
    </message>
    <message>
        <source>Hủy phiếu</source>
        <translation>Void document</translation>
    </message>
    <message>
        <source>Chọn một phiếu trong bảng để hủy.</source>
        <translation>Select a document in the table to void.</translation>
    </message>
    <message>
        <source>In phiếu</source>
        <translation>Print documents</translation>
    </message>
    <message>
        <source>Chọn các phiếu cần in trong bảng (giữ Ctrl hoặc Shift để chọn nhiều phiếu).</source>
        <translation>Select the documents to print in the table (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>Phiếu thu số {0}</source>
        <translation>Receipt no. {0}</translation>
    </message>
    <message>
        <source>Phiếu chi số {0}</source>
        <translation>Payment voucher no. {0}</translation>
    </message>
    <message>
        <source>{0} phiếu thu, phiếu chi</source>
        <translation>{0} receipts and payment vouchers</translation>
    </message>
    <message>
        <source>Sổ quỹ tiền mặt từ {0} đến {1}</source>
        <translation>Cash book from {0} to {1}</translation>
    </message>
    <message>
        <source>Đang chuẩn bị bản in… %p%</source>
        <translation>Preparing printout… %p%</translation>
    </message>
    <message>
        <source>Không mở được bản xem trước</source>
        <translation>Could not open the preview</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
</context>
<context>
    <name>DocEditor</name>
    <message>
        <source>tự động khi hoàn thành</source>
        <translation>given when finished</translation>
    </message>
    <message>
        <source>ví dụ: Bình Dương</source>
        <translation>e.g. Bình Dương</translation>
    </message>
    <message>
        <source>Lưu nháp</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>Hoàn thành…</source>
        <translation>Finish…</translation>
    </message>
    <message>
        <source>Xem trước, in…</source>
        <translation>Preview, print…</translation>
    </message>
    <message>
        <source>Xuất Word…</source>
        <translation>Export to Word…</translation>
    </message>
    <message>
        <source>Lập bản sửa…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Số:</source>
        <translation>No.:</translation>
    </message>
    <message>
        <source>Ngày:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Địa danh:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Không mở được văn bản</source>
        <translation>Could not open the document</translation>
    </message>
    <message>
        <source>Không lập được văn bản</source>
        <translation>Could not make the document</translation>
    </message>
    <message>
        <source>{0} mới — chưa lưu</source>
        <translation>New {0} — not saved yet</translation>
    </message>
    <message>
        <source>{0} số {1} đã hoàn thành ngày {2}: không sửa được nữa. Nếu cần sửa, lập bản sửa (bản này được giữ lại).</source>
        <translation>{0} no. {1} was finished on {2}: it cannot be changed any more. To correct it, make a correction (this one is kept).</translation>
    </message>
    <message>
        <source>{0} — bản nháp: lưu lại bao nhiêu lần cũng được; bấm Hoàn thành khi đã đúng.</source>
        <translation>{0} — draft: save it as often as you like; click Finish when it is right.</translation>
    </message>
    <message>
        <source>(Bản sửa lần {0}: {1})</source>
        <translation>(Correction {0}: {1})</translation>
    </message>
    <message>
        <source>Đã có bản sửa lần {0}.</source>
        <translation>Corrected since by correction {0}.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>mới</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Còn thiếu hoặc chưa khớp (lưu nháp được, nhưng phải sửa trước khi hoàn thành):</source>
        <translation>Missing or inconsistent (a draft can be saved, but this must be fixed before finishing):</translation>
    </message>
    <message>
        <source>Chưa lưu được</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Hoàn thành</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Khi hoàn thành, văn bản được cấp số và không sửa được nữa (muốn sửa phải lập bản sửa). Hoàn thành?</source>
        <translation>When finished, the document gets its number and cannot be changed any more (a correction is a new version). Finish it?</translation>
    </message>
    <message>
        <source>Lập bản sửa</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Lý do sửa (ghi trên bản mới, bản cũ được giữ lại):</source>
        <translation>Reason for the correction (written on the new version; the old one is kept):</translation>
    </message>
    <message>
        <source>Chưa lập được bản sửa</source>
        <translation>The correction was not made</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <source>Xuất ra tệp Word</source>
        <translation>Export to a Word file</translation>
    </message>
    <message>
        <source>Tệp Word (*.docx)</source>
        <translation>Word files (*.docx)</translation>
    </message>
    <message>
        <source>Không xuất được tệp Word</source>
        <translation>Could not export the Word file</translation>
    </message>
    <message>
        <source>Xuất Word</source>
        <translation>Export to Word</translation>
    </message>
    <message>
        <source>Đã xuất tệp Word: {0}</source>
        <translation>Word file written: {0}</translation>
    </message>
</context>
<context>
    <name>DuesAccountForm</name>
    <message>
        <source>Thông báo đoàn phí in mã VietQR: đoàn viên quét mã bằng ứng dụng ngân hàng để chuyển đúng số tiền, với mã thanh toán làm nội dung, vào tài khoản chọn ở đây. Chỉ chọn được tài khoản ngân hàng (không phải kho bạc).</source>
        <translation>Dues notices print a VietQR code: members scan it with their banking app to transfer the exact amount, with the payment reference as the description, to the account chosen here. Only bank accounts can be chosen (not State Treasury accounts).</translation>
    </message>
    <message>
        <source>Đơn vị chưa có tài khoản ngân hàng nào: thêm tài khoản ở trang Ngân hàng, rồi chọn ở đây.</source>
        <translation>The union has no bank account yet: add one on the Bank deposits page, then choose it here.</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Tài khoản nhận:</source>
        <translation>Receiving account:</translation>
    </message>
    <message>
        <source>— Chưa chọn —</source>
        <translation>— None chosen —</translation>
    </message>
    <message>
        <source>Đã lưu: thông báo đoàn phí in mã chuyển vào {0}.</source>
        <translation>Saved: dues notices print a code for transfers to {0}.</translation>
    </message>
    <message>
        <source>Đã bỏ tài khoản nhận: chưa in được thông báo đoàn phí có mã.</source>
        <translation>Receiving account removed: dues notices with a code cannot be printed yet.</translation>
    </message>
</context>
<context>
    <name>DuesModel</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tổ</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Căn cứ đóng</source>
        <translation>Dues basis</translation>
    </message>
    <message>
        <source>Phải nộp</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Còn phải nộp</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>Nợ kỳ trước</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Đã nộp đủ</source>
        <translation>Paid in full</translation>
    </message>
    <message>
        <source>, nộp trước {0}</source>
        <translation>, paid in advance {0}</translation>
    </message>
    <message>
        <source>gồm {0} thu thêm theo nghị quyết</source>
        <translation>incl. {0} extra collected under the resolution</translation>
    </message>
</context>
<context>
    <name>DuesPage</name>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>Lọc theo tên…</source>
        <translation>Filter by name…</translation>
    </message>
    <message>
        <source>Thu của người đã chọn</source>
        <translation>Collect from selected</translation>
    </message>
    <message>
        <source>Thu cả tổ (một phiếu)…</source>
        <translation>Collect for whole group (one receipt)…</translation>
    </message>
    <message>
        <source>Thu nhiều tháng…</source>
        <translation>Collect several months…</translation>
    </message>
    <message>
        <source>Sổ đoàn phí…</source>
        <translation>Dues ledger…</translation>
    </message>
    <message>
        <source>In danh sách thu…</source>
        <translation>Print collection list…</translation>
    </message>
    <message>
        <source>In thông báo đoàn phí (mã QR)…</source>
        <translation>Print dues notices (QR code)…</translation>
    </message>
    <message>
        <source>Mỗi đoàn viên đã chọn (hoặc cả tổ) còn phải nộp một thông báo, có mã VietQR để chuyển khoản đúng số tiền và nội dung</source>
        <translation>One notice for each selected member (or the whole group) who still owes, with a VietQR code to transfer the exact amount and description</translation>
    </message>
    <message>
        <source>Bảng kê trích lương…</source>
        <translation>Payroll deduction list…</translation>
    </message>
    <message>
        <source>Nộp cấp trên…</source>
        <translation>Remit to upper level…</translation>
    </message>
    <message>
        <source>Kỳ:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Tổ:</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>Đang tính đoàn phí…</source>
        <translation>Calculating union dues…</translation>
    </message>
    <message>
        <source>Thông báo đoàn phí</source>
        <translation>Dues notice</translation>
    </message>
    <message>
        <source>Chọn những đoàn viên cần gửi thông báo, hoặc chọn một tổ.</source>
        <translation>Select the members to send a notice to, or choose a group.</translation>
    </message>
    <message>
        <source>Thu đoàn phí</source>
        <translation>Collect union dues</translation>
    </message>
    <message>
        <source>Chọn những đoàn viên còn phải nộp trong kỳ (giữ Ctrl hoặc Shift để chọn nhiều người).</source>
        <translation>Select the members who still owe dues for the period (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>Thu {0} của {1} đoàn viên, mỗi người một phiếu thu?</source>
        <translation>Collect {0} from {1} members, with one receipt each?</translation>
    </message>
    <message>
        <source>Đã lập {0} phiếu thu, tổng {1}.</source>
        <translation>Created {0} receipts, total {1}.</translation>
    </message>
    <message>
        <source>Chưa thu được</source>
        <translation>Could not collect</translation>
    </message>
    <message>
        <source>Thu nhiều tháng</source>
        <translation>Collect several months</translation>
    </message>
    <message>
        <source>Chọn một đoàn viên.</source>
        <translation>Select a member.</translation>
    </message>
    <message>
        <source>Sổ đoàn phí</source>
        <translation>Dues ledger</translation>
    </message>
    <message>
        <source>{0} đoàn viên trong danh sách, {6} phải đóng đoàn phí kỳ này — phải nộp {1}, đã nộp {2} ({3}%), còn phải nộp {4}, nợ kỳ trước {5}</source>
        <translation>{0} members in the list, {6} owing dues this period — due {1}, paid {2} ({3}%), still due {4}, arrears from earlier periods {5}</translation>
    </message>
    <message>
        <source>Danh sách thu đoàn phí</source>
        <translation>Dues collection list</translation>
    </message>
</context>
<context>
    <name>DuesSettingsForm</name>
    <message>
        <source>để trống nếu không có nghị quyết; ví dụ 1 (%)</source>
        <translation>leave blank if there is no resolution; e.g. 1 (%)</translation>
    </message>
    <message>
        <source>đến 1 đồng</source>
        <translation>to the nearest 1 VND</translation>
    </message>
    <message>
        <source>đến 100 đồng</source>
        <translation>to the nearest 100 VND</translation>
    </message>
    <message>
        <source>đến 1.000 đồng</source>
        <translation>to the nearest 1.000 VND</translation>
    </message>
    <message>
        <source>để trống: theo quy định (30% từ 29/08/2025)</source>
        <translation>leave blank: as regulated (30% from 29/08/2025)</translation>
    </message>
    <message>
        <source>ví dụ: Dĩ An (in trước “, ngày … tháng … năm …”)</source>
        <translation>e.g. Dĩ An (printed before the date line “, ngày … tháng … năm …”)</translation>
    </message>
    <message>
        <source>Nhóm đơn vị:</source>
        <translation>Organization category:</translation>
    </message>
    <message>
        <source>Thu cao hơn theo nghị quyết (%):</source>
        <translation>Higher rate under a resolution (%):</translation>
    </message>
    <message>
        <source>Làm tròn đoàn phí:</source>
        <translation>Round dues:</translation>
    </message>
    <message>
        <source>Theo dõi nợ đoàn phí từ tháng:</source>
        <translation>Track dues arrears from month:</translation>
    </message>
    <message>
        <source>Tỷ lệ nộp cấp trên (%):</source>
        <translation>Share remitted to the upper level (%):</translation>
    </message>
    <message>
        <source>Mã QHNS:</source>
        <translation>Budget relation code (QHNS):</translation>
    </message>
    <message>
        <source>Địa danh:</source>
        <translation>Place name:</translation>
    </message>
    <message>
        <source>Đọc số tiền bằng chữ:</source>
        <translation>Amount in words (northern/southern wording):</translation>
    </message>
    <message>
        <source>Dòng thông tư (C40-BB):</source>
        <translation>Circular line (C40-BB):</translation>
    </message>
    <message>
        <source>Dòng thông tư (C41-BB):</source>
        <translation>Circular line (C41-BB):</translation>
    </message>
    <message>
        <source>tại ngày</source>
        <translation>as of</translation>
    </message>
    <message>
        <source>Tồn quỹ tiền mặt đầu kỳ:</source>
        <translation>Opening cash on hand:</translation>
    </message>
    <message>
        <source>không phải số tiền.</source>
        <translation>not a valid amount.</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Ghi sổ tiền gửi — {0}</source>
        <translation>Bank book entry — {0}</translation>
    </message>
    <message>
        <source>người chuyển tiền hoặc người nhận tiền</source>
        <translation>who paid or who received the money</translation>
    </message>
    <message>
        <source>số giấy báo hoặc số giao dịch của ngân hàng</source>
        <translation>advice number or the bank’s transaction number</translation>
    </message>
    <message>
        <source>Loại bút toán</source>
        <translation>Entry type</translation>
    </message>
    <message>
        <source>Loại thu/chi</source>
        <translation>Income/spending type</translation>
    </message>
    <message>
        <source>Ngày ghi sổ</source>
        <translation>Entry date</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Người chuyển/nhận</source>
        <translation>Payer/payee</translation>
    </message>
    <message>
        <source>Số hiệu chứng từ</source>
        <translation>Document reference</translation>
    </message>
    <message>
        <source>Tài khoản: &lt;b&gt;{0}&lt;/b&gt; — {1}</source>
        <translation>Account: &lt;b&gt;{0}&lt;/b&gt; — {1}</translation>
    </message>
    <message>
        <source>Ghi sổ</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Bút toán điều chỉnh — {0}</source>
        <translation>Adjusting entry — {0}</translation>
    </message>
    <message>
        <source>Điều chỉnh cho: {0} ngày {1} — {2}: {3}</source>
        <translation>Corrects: {0} of {1} — {2}: {3}</translation>
    </message>
    <message>
        <source>ví dụ: Công ty chuyển kinh phí công đoàn tháng 02/2026</source>
        <translation>e.g. Company transfers the union fee for 02/2026</translation>
    </message>
    <message>
        <source>ví dụ: Chuyển khoản chi thăm hỏi đoàn viên ốm đau</source>
        <translation>e.g. Transfer for visits to sick members</translation>
    </message>
    <message>
        <source>ví dụ: Lãi tiền gửi tháng 02/2026</source>
        <translation>e.g. Deposit interest for 02/2026</translation>
    </message>
    <message>
        <source>ví dụ: Phí quản lý tài khoản tháng 02/2026</source>
        <translation>e.g. Account maintenance fee for 02/2026</translation>
    </message>
</context>
<context>
    <name>EntryVoidDialog</name>
    <message>
        <source>Hủy bút toán</source>
        <translation>Void entry</translation>
    </message>
    <message>
        <source>{0} ngày {1} — &lt;b&gt;{2}&lt;/b&gt;&lt;br&gt;{3}</source>
        <translation>{0} on {1} — &lt;b&gt;{2}&lt;/b&gt;&lt;br&gt;{3}</translation>
    </message>
    <message>
        <source>Bút toán đã hủy vẫn được giữ trong sổ, có ghi lý do, và không tính vào số dư.</source>
        <translation>A voided entry stays in the book with its reason and is not counted in the balance.</translation>
    </message>
    <message>
        <source>Phiếu thu/chi của lần chuyển tiền này cũng bị hủy theo.</source>
        <translation>The receipt or payment voucher of this transfer is voided with it.</translation>
    </message>
    <message>
        <source>ví dụ: ghi trùng giấy báo</source>
        <translation>e.g. advice recorded twice</translation>
    </message>
    <message>
        <source>Lý do hủy</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Ngày hủy</source>
        <translation>Date voided</translation>
    </message>
    <message>
        <source>Hủy bút toán này</source>
        <translation>Void this entry</translation>
    </message>
    <message>
        <source>Không hủy được bút toán</source>
        <translation>Could not void the entry</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Xóa dữ liệu cá nhân</source>
        <translation>Erase personal data</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; rời công đoàn ngày {1}, đã quá thời hạn lưu giữ {2} năm.&lt;br&gt;&lt;br&gt;Sẽ xóa hẳn: họ tên, ngày sinh, số CCCD, điện thoại, địa chỉ, quê quán, email, tiền lương, công việc, số thẻ, ghi chú, lý do vắng mặt và lý do các lần thay đổi. Hồ sơ chỉ còn mã số, giới tính, tổ, ngày vào và quá trình sinh hoạt (không lý do).&lt;br&gt;&lt;br&gt;Giữ nguyên theo sổ sách: phiếu thu, phiếu chi (kể cả tên người nộp in trên phiếu), đoàn phí đã nộp và số tiền. Nhật ký thay đổi ghi lại việc xóa này.&lt;br&gt;&lt;br&gt;&lt;b&gt;Không hoàn tác được.&lt;/b&gt; Các bản sao lưu cũ vẫn còn dữ liệu cho đến khi được thay bằng bản mới.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; left the union on {1}; the retention period of {2} years has passed.&lt;br&gt;&lt;br&gt;To be erased for good: name, date of birth, ID number, phone, addresses, home town, email, salary, job, card number, notes, reasons for absences and for status changes. The record keeps only its code, sex, group, date joined and the status history (without reasons).&lt;br&gt;&lt;br&gt;Kept for the books: receipts and vouchers (including the payer name printed on them), dues paid and amounts. The change log records this erasure.&lt;br&gt;&lt;br&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt; Older backups still hold the data until newer ones replace them.</translation>
    </message>
    <message>
        <source>Gõ lại họ tên “{0}” để xác nhận:</source>
        <translation>Type the name “{0}” again to confirm:</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Tệp hoặc thư mục chỉ đọc, không có quyền ghi: {0}</source>
        <translation>The file or folder is read-only, no permission to write: {0}</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy: không ghi được {0}. Dữ liệu đã lưu trước đó không bị ảnh hưởng.</source>
        <translation>The disk is full: could not write {0}. Data saved earlier is not affected.</translation>
    </message>
    <message>
        <source>Không đọc/ghi được tệp: {0}</source>
        <translation>Could not read/write the file: {0}</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Operation failed</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.
Chi tiết đã được ghi vào nhật ký: {0}</source>
        <translation>An unexpected error occurred. Saved data is not affected.
Details have been written to the log: {0}</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>Nhận dữ liệu của đơn vị</source>
        <translation>Receiving the union’s data</translation>
    </message>
    <message>
        <source>Máy này đã đăng ký đồng bộ nhưng chưa nhận xong dữ liệu của đơn vị từ máy chủ. Đang nhận tiếp…</source>
        <translation>This computer is enrolled for sync but has not finished receiving the union’s data from the server. Resuming…</translation>
    </message>
    <message>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Đang nhận tiếp dữ liệu của đơn vị từ máy chủ…</source>
        <translation>Resuming receipt of the union’s data from the server…</translation>
    </message>
    <message>
        <source>Đang nhận dữ liệu của đơn vị từ máy chủ: {0}</source>
        <translation>Receiving the union’s data from the server: {0}</translation>
    </message>
    <message>
        <source>Chưa nhận xong dữ liệu của đơn vị: {0}

Kiểm tra kết nối mạng rồi bấm “Thử lại”. Máy này không khởi tạo đơn vị mới.</source>
        <translation>The union’s data has not been fully received: {0}

Check the network connection, then click “Try again”. This computer does not set up a new union.</translation>
    </message>
</context>
<context>
    <name>GroupFilter</name>
    <message>
        <source>Tất cả các tổ</source>
        <translation>All groups</translation>
    </message>
</context>
<context>
    <name>GroupsEditor</name>
    <message>
        <source>Tên tổ mới, ví dụ: Tổ May 1</source>
        <translation>New group name, e.g. Sewing Group 1</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Xóa tổ đã chọn</source>
        <translation>Delete selected group</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Các tổ công đoàn / công đoàn bộ phận của đơn vị. Nhấp đúp để đổi tên. Tổ còn đoàn viên thì không xóa được.</source>
        <translation>The organization&apos;s union groups / union divisions. Double-click to rename. A group that still has members cannot be deleted.</translation>
    </message>
    <message>
        <source>{0} đoàn viên</source>
        <translation>{0} members</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Hướng dẫn sử dụng</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Hoạt động trong 30 ngày tới</source>
        <translation>Activities in the next 30 days</translation>
    </message>
    <message>
        <source>Sinh nhật đoàn viên trong 7 ngày tới</source>
        <translation>Members&apos; birthdays in the next 7 days</translation>
    </message>
    <message>
        <source>Tổng quan — đang tải số liệu…</source>
        <translation>Overview — loading figures…</translation>
    </message>
    <message>
        <source>Bắt đầu: đưa danh sách đoàn viên vào sổ</source>
        <translation>Getting started: bring the member list into the register</translation>
    </message>
    <message>
        <source>Đơn vị chưa có đoàn viên nào. Nếu công đoàn đang giữ danh sách đoàn viên trong Excel, hãy nhập cả danh sách một lần: phần mềm tự nhận các cột (họ tên, ngày sinh, giới tính, CCCD, tổ…) và cho xem trước khi ghi. Nếu chưa có danh sách, thêm từng đoàn viên.</source>
        <translation>The union has no members yet. If the union keeps its member list in Excel, import the whole list at once: the program recognises the columns (name, date of birth, gender, ID card, group…) and shows a preview before recording. If there is no list yet, add members one by one.</translation>
    </message>
    <message>
        <source>Nhập danh sách đoàn viên từ Excel</source>
        <translation>Import the member list from Excel</translation>
    </message>
    <message>
        <source>Thêm đoàn viên</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Sau đó: thu đoàn phí ở trang Đoàn phí, ghi phiếu thu chi ở trang Thu chi. Tổ công đoàn, người ký và số dư quỹ sửa trong Tệp → Cài đặt đơn vị.</source>
        <translation>Then: collect dues on the Union dues page and record receipts and payment vouchers on the Income and expenses page. Union groups, signatories and the fund balance are set in File → Organization settings.</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Tổng quan — ngày {0}</source>
        <translation>Overview — {0}</translation>
    </message>
    <message>
        <source>Đoàn viên theo độ tuổi (trẻ: đến {0} tuổi)</source>
        <translation>Members by age (young: up to {0})</translation>
    </message>
    <message>
        <source>Mức xem xét kỷ luật: {0}. Tính các tháng liên tiếp chưa nộp đến hết tháng trước.</source>
        <translation>Discipline level to consider: {0}. Counts the consecutive unpaid months up to the end of last month.</translation>
    </message>
    <message>
        <source>Đoàn viên theo tổ</source>
        <translation>Members by group</translation>
    </message>
    <message>
        <source>Đoàn phí thu theo tháng, năm {0}</source>
        <translation>Dues collected by month, {0}</translation>
    </message>
    <message>
        <source>T{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>Tháng {0}</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <source>(chưa có hoạt động nào)</source>
        <translation>(no activities)</translation>
    </message>
    <message>
        <source>… và {0} người nữa</source>
        <translation>… and {0} more</translation>
    </message>
    <message>
        <source>Đoàn viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>{0} đang sinh hoạt</source>
        <translation>{0} active</translation>
    </message>
    <message>
        <source>Đang là đoàn viên: đang sinh hoạt, tạm dừng sinh hoạt và đoàn viên danh dự.</source>
        <translation>Current members: active, suspended and honorary members.</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Women</translation>
    </message>
    <message>
        <source>Trẻ, đến {0} tuổi</source>
        <translation>Young, up to {0}</translation>
    </message>
    <message>
        <source>cột đầu của biểu đồ độ tuổi</source>
        <translation>the first bar of the age chart</translation>
    </message>
    <message>
        <source>Kết nạp, chuyển đến năm {0}</source>
        <translation>Admitted or moved in, {0}</translation>
    </message>
    <message>
        <source>Ra khỏi, chuyển đi năm {0}</source>
        <translation>Left or moved away, {0}</translation>
    </message>
    <message>
        <source>Sinh nhật 7 ngày tới</source>
        <translation>Birthdays in the next 7 days</translation>
    </message>
    <message>
        <source>người</source>
        <translation>people</translation>
    </message>
    <message>
        <source>Tổng quỹ</source>
        <translation>Total funds</translation>
    </message>
    <message>
        <source>Tiền mặt: {0}
Tiền gửi: {1}</source>
        <translation>Cash: {0}
Bank deposits: {1}</translation>
    </message>
    <message>
        <source>Tiền mặt (sổ quỹ): {0}</source>
        <translation>Cash (cash book): {0}</translation>
    </message>
    <message>
        <source>Chưa khai báo tài khoản ngân hàng, kho bạc.</source>
        <translation>No bank or State Treasury account declared.</translation>
    </message>
    <message>
        <source>Tổng: {0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <source>Đoàn phí đã thu tháng {0}</source>
        <translation>Dues collected, month {0}</translation>
    </message>
    <message>
        <source>trên {0}{1}
{2} người phải đóng</source>
        <translation>of {0}{1}
{2} people owing</translation>
    </message>
    <message>
        <source>Nợ đoàn phí từ {0} tháng</source>
        <translation>Behind with dues {0}+ months</translation>
    </message>
    <message>
        <source>đang là đoàn viên</source>
        <translation>current members</translation>
    </message>
    <message>
        <source>nữ</source>
        <translation>women</translation>
    </message>
    <message>
        <source>từ {0} tuổi trở xuống</source>
        <translation>{0} or younger</translation>
    </message>
    <message>
        <source>kết nạp, chuyển đến năm {0}</source>
        <translation>admitted, transferred in {0}</translation>
    </message>
    <message>
        <source>ra khỏi, chuyển đi năm {0}</source>
        <translation>left, transferred out {0}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Nhập đoàn viên từ Excel: {0}</source>
        <translation>Import members from Excel: {0}</translation>
    </message>
    <message>
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Tiêu đề trong tệp</source>
        <translation>Header in file</translation>
    </message>
    <message>
        <source>Ví dụ</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>Nhập vào trường</source>
        <translation>Import into field</translation>
    </message>
    <message>
        <source>Tất cả các dòng</source>
        <translation>All rows</translation>
    </message>
    <message>
        <source>Dòng không nhập được</source>
        <translation>Rows that cannot be imported</translation>
    </message>
    <message>
        <source>Dòng có lưu ý</source>
        <translation>Rows with warnings</translation>
    </message>
    <message>
        <source>Dòng hợp lệ</source>
        <translation>Valid rows</translation>
    </message>
    <message>
        <source>Dòng bỏ qua (không phải đoàn viên)</source>
        <translation>Rows skipped (not members)</translation>
    </message>
    <message>
        <source>Tổ ghi trong tệp</source>
        <translation>Group in the file</translation>
    </message>
    <message>
        <source>Tạo thành tổ (sửa để đổi tên hoặc gộp)</source>
        <translation>Becomes group (edit to rename or merge)</translation>
    </message>
    <message>
        <source>Số đoàn viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>← Sửa cột</source>
        <translation>← Edit columns</translation>
    </message>
    <message>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Nhập</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đang đọc tệp…</source>
        <translation>Reading file…</translation>
    </message>
    <message>
        <source>Tất cả {0} trang (mỗi trang một tổ)</source>
        <translation>All {0} sheets (one group per sheet)</translation>
    </message>
    <message>
        <source>Trang “{0}”</source>
        <translation>Sheet “{0}”</translation>
    </message>
    <message>
        <source>Trang tính “{0}”: dòng tiêu đề là dòng {1}, dữ liệu từ dòng {2}. Kiểm tra cột nào nhập vào trường nào (sửa nếu cần), rồi bấm Xem trước. Chưa có gì được ghi vào dữ liệu.</source>
        <translation>Sheet “{0}”: the header is row {1}, data starts at row {2}. Check which column goes into which field (correct if needed), then click Preview. Nothing has been saved yet.</translation>
    </message>
    <message>
        <source>Đang kiểm tra từng dòng…</source>
        <translation>Checking each row…</translation>
    </message>
    <message>
        <source>Xem trước: &lt;b&gt;{0}&lt;/b&gt; dòng sẽ được nhập ({1} có lưu ý); &lt;b&gt;{2}&lt;/b&gt; dòng lỗi và &lt;b&gt;{3}&lt;/b&gt; dòng trùng sẽ không nhập; {4} dòng trống, dòng tổng cộng hoặc phần ký tên được bỏ qua.</source>
        <translation>Preview: &lt;b&gt;{0}&lt;/b&gt; rows will be imported ({1} with notes); &lt;b&gt;{2}&lt;/b&gt; rows with errors and &lt;b&gt;{3}&lt;/b&gt; duplicate rows will not be imported; {4} blank rows, total rows or signature blocks are skipped.</translation>
    </message>
    <message>
        <source>Nhập {0} đoàn viên</source>
        <translation>Import {0} members</translation>
    </message>
    <message>
        <source>Đơn vị chưa có {0} tổ công đoàn ghi trong tệp: khi nhập sẽ tạo {1} tổ mới ({2}).</source>
        <translation>The union does not have {0} of the union groups named in the file: importing will create {1} new groups ({2}).</translation>
    </message>
    <message>
        <source>{0} tổ được gộp vào tổ đã có hoặc tổ khác.</source>
        <translation>{0} groups are merged into an existing or another group.</translation>
    </message>
    <message>
        <source>Sửa tên ở cột thứ hai để đổi tên; ghi tên một tổ khác để gộp.</source>
        <translation>Edit the name in the second column to rename; enter another group’s name to merge.</translation>
    </message>
    <message>
        <source>Đang ghi vào dữ liệu…</source>
        <translation>Saving data…</translation>
    </message>
    <message>
        <source>Đã nhập &lt;b&gt;{0}&lt;/b&gt; đoàn viên.</source>
        <translation>Imported &lt;b&gt;{0}&lt;/b&gt; members.</translation>
    </message>
    <message>
        <source>Đã tạo {0} tổ: {1}.</source>
        <translation>Created {0} groups: {1}.</translation>
    </message>
    <message>
        <source>Các dòng không nhập (kèm lý do) đã ghi vào: {0}</source>
        <translation>Rows not imported (with reasons) were saved to: {0}</translation>
    </message>
</context>
<context>
    <name>LawForm</name>
    <message>
        <source>Từ ngày</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>Quy định</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Legal document</translation>
    </message>
    <message>
        <source>Lương cơ sở mới (đồng/tháng)</source>
        <translation>New base salary (VND/month)</translation>
    </message>
    <message>
        <source>Tỷ lệ nộp cấp trên mới (%)</source>
        <translation>New upper-level remittance share (%)</translation>
    </message>
    <message>
        <source>văn bản, ví dụ NĐ 161/2026/NĐ-CP</source>
        <translation>legal document, e.g. Decree 161/2026/NĐ-CP</translation>
    </message>
    <message>
        <source>Thêm quy định</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Hiệu lực từ / mức:</source>
        <translation>Effective from / amount:</translation>
    </message>
    <message>
        <source>Văn bản:</source>
        <translation>Legal document:</translation>
    </message>
    <message>
        <source>Đoàn phí của mỗi tháng được tính theo quy định có hiệu lực trong tháng đó. Khi có nghị định, quyết định mới, thêm một dòng; không sửa dòng cũ.</source>
        <translation>Each month&apos;s dues are calculated under the rules in force in that month. When a new decree or decision is issued, add a row; do not edit old rows.</translation>
    </message>
    <message>
        <source>Nhập mức lương cơ sở, ví dụ 2.530.000.</source>
        <translation>Enter the base salary, e.g. 2.530.000.</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Căn cứ đóng</source>
        <translation>Dues basis</translation>
    </message>
    <message>
        <source>Phải nộp</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Phiếu thu</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>Còn nợ lũy kế</source>
        <translation>Cumulative balance due</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Đổi căn cứ đóng (tiền lương) từ một tháng</source>
        <translation>Change the dues basis (salary) from a given month</translation>
    </message>
    <message>
        <source>đồng, ví dụ 7.500.000</source>
        <translation>VND, e.g. 7.500.000</translation>
    </message>
    <message>
        <source>Ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <source>Miễn đoàn phí (hưởng BHXH ốm đau, thai sản; nghỉ không lương…)</source>
        <translation>Dues exemption (on sickness or maternity insurance benefit; unpaid leave…)</translation>
    </message>
    <message>
        <source>ghi chú, số quyết định</source>
        <translation>note, decision no.</translation>
    </message>
    <message>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>In sổ…</source>
        <translation>Print ledger…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sổ đoàn phí: {0}</source>
        <translation>Dues ledger: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; — sinh {1} — {2}&lt;br&gt;Tổng phải nộp {3}, đã nộp {4}, còn nợ &lt;b&gt;{5}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — born {1} — {2}&lt;br&gt;Total due {3}, paid {4}, outstanding &lt;b&gt;{5}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Đã miễn: </source>
        <translation>Exempted: </translation>
    </message>
    <message>
        <source>Nhập số tiền căn cứ đóng, ví dụ 7.500.000.</source>
        <translation>Enter the dues basis amount, e.g. 7.500.000.</translation>
    </message>
    <message>
        <source>Sổ theo dõi đoàn phí</source>
        <translation>Dues ledger</translation>
    </message>
</context>
<context>
    <name>LetterEditor</name>
    <message>
        <source>Mỗi điều một đoạn, cách nhau một dòng trống</source>
        <translation>One paragraph per article, separated by a blank line</translation>
    </message>
    <message>
        <source>Các đoạn cách nhau một dòng trống</source>
        <translation>Paragraphs separated by a blank line</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tổ</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Lấy lại danh sách từ hoạt động</source>
        <translation>Take the list from the activity again</translation>
    </message>
    <message>
        <source>Trích yếu *:</source>
        <translation>Subject *:</translation>
    </message>
    <message>
        <source>Căn cứ:</source>
        <translation>Legal bases:</translation>
    </message>
    <message>
        <source>Các điều *:</source>
        <translation>Articles *:</translation>
    </message>
    <message>
        <source>Nội dung *:</source>
        <translation>Text *:</translation>
    </message>
    <message>
        <source>Danh sách kèm theo:</source>
        <translation>Attached list:</translation>
    </message>
    <message>
        <source>Chức vụ người ký *:</source>
        <translation>Signer&apos;s title *:</translation>
    </message>
    <message>
        <source>Người ký:</source>
        <translation>Signed by:</translation>
    </message>
    <message>
        <source>Nơi nhận:</source>
        <translation>Recipients:</translation>
    </message>
    <message>
        <source>{0} đoàn viên, tổng {1}</source>
        <translation>{0} members, total {1}</translation>
    </message>
    <message>
        <source>Không có danh sách kèm theo</source>
        <translation>No list attached</translation>
    </message>
    <message>
        <source>Không đọc được danh sách</source>
        <translation>Could not read the list</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Đã khóa — {0}</source>
        <translation>Locked — {0}</translation>
    </message>
    <message>
        <source>Đăng nhập — {0}</source>
        <translation>Sign in — {0}</translation>
    </message>
    <message>
        <source>Máy tính để lâu không dùng nên đã khóa. Công việc đang làm dở vẫn được giữ nguyên: nhập lại mật khẩu để tiếp tục.</source>
        <translation>The app was locked after a time without use. Your unsaved work is kept: type your password again to go on.</translation>
    </message>
    <message>
        <source>Máy này có tài khoản người dùng: hãy đăng nhập.</source>
        <translation>This PC has user accounts: please sign in.</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Đoàn viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Đoàn phí</source>
        <translation>Union dues</translation>
    </message>
    <message>
        <source>Thu chi</source>
        <translation>Income and expenses</translation>
    </message>
    <message>
        <source>Tiền gửi</source>
        <translation>Bank deposits</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Cần xem xét</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>{0} đoàn viên đang hiển thị</source>
        <translation>{0} members shown</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Nhập đoàn viên từ Excel…</source>
        <translation>Import members from Excel…</translation>
    </message>
    <message>
        <source>Xuất danh sách ra Excel…</source>
        <translation>Export list to Excel…</translation>
    </message>
    <message>
        <source>Cài đặt đơn vị…</source>
        <translation>Organization settings…</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Sao lưu dữ liệu…</source>
        <translation>Back up data…</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Nhật ký thay đổi…</source>
        <translation>Change log…</translation>
    </message>
    <message>
        <source>Đoàn &amp;viên</source>
        <translation>&amp;Members</translation>
    </message>
    <message>
        <source>Thêm đoàn viên</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Tìm kiếm</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Sửa hồ sơ đã chọn</source>
        <translation>Edit selected record</translation>
    </message>
    <message>
        <source>Cập nhật lương từ danh sách BHXH (D02-LT)…</source>
        <translation>Update salaries from the social insurance list (D02-LT)…</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Ngôn ngữ / Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Hướng dẫn sử dụng</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Chọn danh sách lao động tham gia BHXH (D02-LT)</source>
        <translation>Choose the list of insured workers (D02-LT)</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx *.xls)</source>
        <translation>Excel files (*.xlsx *.xls)</translation>
    </message>
    <message>
        <source>Đang đồng bộ: chờ lần này xong.</source>
        <translation>Syncing: wait for this sync to finish.</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Ngôn ngữ mới được dùng từ lần mở ứng dụng sau.</source>
        <translation>The new language will be used the next time you open the application.</translation>
    </message>
    <message>
        <source>Đang xử lý dữ liệu: chờ vài giây cho xong rồi đóng.</source>
        <translation>Still working on the data: wait a few seconds, then close.</translation>
    </message>
    <message>
        <source>Đang dừng đồng bộ, cửa sổ sẽ đóng ngay sau đó…</source>
        <translation>Stopping the sync; the window closes right after…</translation>
    </message>
</context>
<context>
    <name>MemberActivitiesTab</name>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Điểm danh</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Số tiền nhận</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <source>Không đọc được các hoạt động</source>
        <translation>Could not read the activities</translation>
    </message>
    <message>
        <source>{0} hoạt động; tổng số tiền đã nhận: {1}</source>
        <translation>{0} activities; total received: {1}</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Thêm đoàn viên</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Hồ sơ đoàn viên</source>
        <translation>Member record</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ CCCD (hoặc dán nội dung mã) rồi nhấn Enter</source>
        <translation>Scan the QR code on the CCCD card (or paste its contents), then press Enter</translation>
    </message>
    <message>
        <source>Đọc mã QR</source>
        <translation>Read QR code</translation>
    </message>
    <message>
        <source>Mã QR CCCD:</source>
        <translation>CCCD QR code:</translation>
    </message>
    <message>
        <source>Thông tin cá nhân</source>
        <translation>Personal information</translation>
    </message>
    <message>
        <source>Công việc và công đoàn</source>
        <translation>Work and union</translation>
    </message>
    <message>
        <source>Quá trình sinh hoạt</source>
        <translation>Membership history</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>ví dụ: Nguyễn Thị Lan</source>
        <translation>e.g. Nguyễn Thị Lan</translation>
    </message>
    <message>
        <source>ngày/tháng/năm, hoặc chỉ năm</source>
        <translation>dd/mm/yyyy, or year only</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>ví dụ: 0912 345 678</source>
        <translation>e.g. 0912 345 678</translation>
    </message>
    <message>
        <source>ngày/tháng/năm đoàn viên đồng ý</source>
        <translation>dd/mm/yyyy the member consented</translation>
    </message>
    <message>
        <source>Là đảng viên Đảng Cộng sản Việt Nam</source>
        <translation>Member of the Communist Party of Vietnam</translation>
    </message>
    <message>
        <source>đồng, ví dụ 5.500.000</source>
        <translation>VND, e.g. 5.500.000</translation>
    </message>
    <message>
        <source>tháng/năm đã đóng trước khi dùng phần mềm, ví dụ 6/2026</source>
        <translation>month/year paid up to before using the program, e.g. 6/2026</translation>
    </message>
    <message>
        <source>Hình thức vào:</source>
        <translation>Joined via:</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Thay đổi</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Số quyết định</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <source>Ghi thay đổi mới (quá trình không sửa, không xóa: sai thì ghi thay đổi mới)</source>
        <translation>Record a new change (history cannot be edited or deleted: to correct a mistake, record a new change)</translation>
    </message>
    <message>
        <source>Ghi thay đổi</source>
        <translation>Record change</translation>
    </message>
    <message>
        <source>Thay đổi:</source>
        <translation>Change:</translation>
    </message>
    <message>
        <source>Ngày:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Số quyết định:</source>
        <translation>Decision no.:</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt sang đơn vị khác…</source>
        <translation>Transfer to another unit…</translation>
    </message>
    <message>
        <source>(chưa xếp tổ)</source>
        <translation>(no group)</translation>
    </message>
    <message>
        <source>Hồ sơ đoàn viên: {0}</source>
        <translation>Member record: {0}</translation>
    </message>
    <message>
        <source>Trạng thái hiện nay: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Current status: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(không rõ ngày)</source>
        <translation>(date unknown)</translation>
    </message>
    <message>
        <source>Chỉ Chủ tịch, Kế toán và Thủ quỹ xem và sửa được; khi lưu, giá trị đã ghi được giữ nguyên.</source>
        <translation>Only the chair, the accountant and the treasurer can see and change this; saving keeps the recorded value.</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân của đoàn viên này đã được xóa ngày {0} (hết thời hạn lưu giữ). Hồ sơ chỉ còn để giữ sổ sách: đoàn phí đã nộp, phiếu thu, phiếu chi; không sửa được nữa.</source>
        <translation>This member&apos;s personal data was erased on {0} (retention period over). The record remains only for the books: dues paid, receipts, vouchers; it can no longer be edited.</translation>
    </message>
    <message>
        <source>Đã đọc từ mã QR (kiểm tra lại, nhất là dấu tiếng Việt, rồi bấm Lưu):&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt; — sinh {1} — {2} — CCCD {3}&lt;br&gt;Thường trú: {4} — Ngày cấp: {5}</source>
        <translation>Read from QR code (check it, especially the Vietnamese diacritics, then click Save):&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt; — born {1} — {2} — CCCD {3}&lt;br&gt;Permanent address: {4} — Issued: {5}</translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>Vẫn lưu?</source>
        <translation>Save anyway?</translation>
    </message>
    <message>
        <source>Có thể trùng đoàn viên</source>
        <translation>Possible duplicate member</translation>
    </message>
    <message>
        <source>Nếu đây là người khác, bấm Có để vẫn lưu.</source>
        <translation>If this is a different person, click Yes to save anyway.</translation>
    </message>
    <message>
        <source>Chưa lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>không đọc được ngày (cần dạng ngày/tháng/năm).</source>
        <translation>could not read the date (use dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>Chưa ghi được thay đổi</source>
        <translation>Could not record the change</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>Chọn đoàn viên</source>
        <translation>Choose members</translation>
    </message>
    <message>
        <source>Gõ họ tên, số CCCD, số thẻ…</source>
        <translation>Type a name, ID number, card number…</translation>
    </message>
    <message>
        <source>Thêm người đã chọn</source>
        <translation>Add those selected</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>Citizen ID (CCCD)</translation>
    </message>
    <message>
        <source>Tổ công đoàn</source>
        <translation>Union group</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Số thẻ</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Tìm theo họ tên, CCCD, điện thoại, số thẻ… (Ctrl+F)</source>
        <translation>Search by name, CCCD, phone, card no.… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Tìm theo họ tên, điện thoại, số thẻ… (Ctrl+F)</source>
        <translation>Search by name, phone, card number… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Đang là đoàn viên</source>
        <translation>Current members</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Thêm đoàn viên</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Thêm đoàn viên mới (Ctrl+N)</source>
        <translation>Add a new member (Ctrl+N)</translation>
    </message>
    <message>
        <source>Sửa</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Nhập từ Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>Xuất ra Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Tổ:</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>Lọc: {0}  ✕</source>
        <translation>Filter: {0}  ✕</translation>
    </message>
    <message>
        <source>Bấm để bỏ lọc này</source>
        <translation>Click to remove this filter</translation>
    </message>
    <message>
        <source>{0} đoàn viên</source>
        <translation>{0} members</translation>
    </message>
    <message>
        <source>Đơn vị chưa có đoàn viên nào</source>
        <translation>The union has no members yet</translation>
    </message>
    <message>
        <source>Nếu công đoàn đang giữ danh sách đoàn viên trong Excel, hãy nhập cả danh sách một lần: phần mềm tự nhận các cột (họ tên, ngày sinh, giới tính, CCCD, tổ…) và cho xem trước khi ghi. Nếu chưa có danh sách, bấm “Thêm đoàn viên” để thêm từng người.</source>
        <translation>If the union keeps its member list in Excel, import the whole list at once: the program recognises the columns (name, date of birth, gender, ID card, group…) and shows a preview before recording. If there is no list yet, click “Add member” to add people one by one.</translation>
    </message>
    <message>
        <source>Người quản lý hồ sơ đoàn viên của đơn vị nhập danh sách; khi đó danh sách hiện ở đây.</source>
        <translation>The person who manages the union’s member records imports the list; it will then appear here.</translation>
    </message>
    <message>
        <source>Nhập danh sách từ Excel…</source>
        <translation>Import the list from Excel…</translation>
    </message>
    <message>
        <source>Không có đoàn viên nào khớp với điều kiện lọc</source>
        <translation>No member matches the filter</translation>
    </message>
    <message>
        <source>Thử bỏ chữ đang tìm, chọn “Tất cả” ở Trạng thái hoặc “Tất cả các tổ”.</source>
        <translation>Try clearing the search text, or choose “All” under Status or “All groups”.</translation>
    </message>
    <message>
        <source>Bỏ lọc</source>
        <translation>Clear filter</translation>
    </message>
    <message>
        <source>đang là đoàn viên</source>
        <translation>current members</translation>
    </message>
    <message>
        <source>Chọn tệp danh sách đoàn viên</source>
        <translation>Choose a member list file</translation>
    </message>
    <message>
        <source>Danh sách (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>Lists (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Xuất danh sách đoàn viên</source>
        <translation>Export member list</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>Đang xuất danh sách…</source>
        <translation>Exporting list…</translation>
    </message>
    <message>
        <source>Đã xuất {0} đoàn viên ra {1}</source>
        <translation>Exported {0} members to {1}</translation>
    </message>
</context>
<context>
    <name>MinutesEditor</name>
    <message>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Thành phần</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Nội dung cuộc họp</source>
        <translation>Proceedings</translation>
    </message>
    <message>
        <source>Kết luận, nơi nhận</source>
        <translation>Conclusions, recipients</translation>
    </message>
    <message>
        <source>Dùng nội dung mẫu của loại họp này</source>
        <translation>Use the template of this kind of meeting</translation>
    </message>
    <message>
        <source>Loại cuộc họp:</source>
        <translation>Kind of meeting:</translation>
    </message>
    <message>
        <source>Trích yếu *:</source>
        <translation>Subject *:</translation>
    </message>
    <message>
        <source>Bắt đầu lúc *:</source>
        <translation>Began at *:</translation>
    </message>
    <message>
        <source>Kết thúc lúc *:</source>
        <translation>Ended at *:</translation>
    </message>
    <message>
        <source>Địa điểm:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>theo danh sách</source>
        <translation>from the list</translation>
    </message>
    <message>
        <source>Số người triệu tập:</source>
        <translation>Summoned:</translation>
    </message>
    <message>
        <source>Số người có mặt:</source>
        <translation>Present:</translation>
    </message>
    <message>
        <source>chức vụ:</source>
        <translation>title:</translation>
    </message>
    <message>
        <source>Chủ tọa *:</source>
        <translation>Chair *:</translation>
    </message>
    <message>
        <source>Thư ký *:</source>
        <translation>Secretary *:</translation>
    </message>
    <message>
        <source>Mỗi nơi nhận một dòng, ví dụ: Lưu: VT.</source>
        <translation>One recipient a line, e.g. Lưu: VT.</translation>
    </message>
    <message>
        <source>Kết luận, nghị quyết:</source>
        <translation>Conclusions, resolutions:</translation>
    </message>
    <message>
        <source>Câu kết:</source>
        <translation>Closing words:</translation>
    </message>
    <message>
        <source>Nơi nhận:</source>
        <translation>Recipients:</translation>
    </message>
    <message>
        <source>Trong danh sách: có mặt {0}, vắng {1}, vắng có phép {2}, khách mời {3}</source>
        <translation>In the list: present {0}, absent {1}, excused {2}, guests {3}</translation>
    </message>
    <message>
        <source>Không đọc được điểm danh</source>
        <translation>Could not read the attendance</translation>
    </message>
</context>
<context>
    <name>OpeningForm</name>
    <message>
        <source>Tồn quỹ tiền mặt:</source>
        <translation>Cash on hand:</translation>
    </message>
    <message>
        <source>ví dụ: 12.500.000</source>
        <translation>e.g. 12.500.000</translation>
    </message>
    <message>
        <source>Số tiền mặt đang có trong quỹ công đoàn vào ngày bắt đầu ghi sổ trên phần mềm (theo sổ quỹ cũ, ví dụ số dư ngày 01/01); để trống nếu quỹ chưa có tiền. Sổ quỹ tính tiếp từ ngày này.</source>
        <translation>The cash in the union&apos;s safe on the day the books start in the program (from the old cash book, e.g. the balance on 01/01); leave empty if there is none. The cash book continues from that day.</translation>
    </message>
    <message>
        <source>tại ngày:</source>
        <translation>on:</translation>
    </message>
    <message>
        <source>ví dụ: KBNN Hà Đông</source>
        <translation>e.g. KBNN Hà Đông</translation>
    </message>
    <message>
        <source>ví dụ: 0071001234567</source>
        <translation>e.g. 0071001234567</translation>
    </message>
    <message>
        <source>như trên sổ ngân hàng, ví dụ CÔNG ĐOÀN CƠ SỞ CÔNG TY …</source>
        <translation>as in the bank&apos;s records, e.g. CÔNG ĐOÀN CƠ SỞ CÔNG TY …</translation>
    </message>
    <message>
        <source>số dư trên sổ phụ, ví dụ 25.000.000</source>
        <translation>the balance on the bank statement, e.g. 25.000.000</translation>
    </message>
    <message>
        <source>Để trống cả phần này nếu đơn vị chưa có tài khoản: thêm sau ở trang Tiền gửi (ở đó thêm được nhiều tài khoản).</source>
        <translation>Leave this part empty if the union has no account yet: add it later on the Bank deposits page (several accounts can be added there).</translation>
    </message>
    <message>
        <source>Loại tài khoản:</source>
        <translation>Account type:</translation>
    </message>
    <message>
        <source>Ngân hàng:</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <source>Kho bạc:</source>
        <translation>State Treasury:</translation>
    </message>
    <message>
        <source>Số tài khoản:</source>
        <translation>Account number:</translation>
    </message>
    <message>
        <source>Tên tài khoản:</source>
        <translation>Account name:</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ:</source>
        <translation>Opening balance:</translation>
    </message>
    <message>
        <source>Tài khoản ngân hàng hoặc kho bạc (không bắt buộc)</source>
        <translation>Bank or State Treasury account (optional)</translation>
    </message>
    <message>
        <source>Tồn quỹ tiền mặt</source>
        <translation>Cash on hand</translation>
    </message>
    <message>
        <source>{0}: ngày {1} ở trong tương lai.</source>
        <translation>{0}: the date {1} is in the future.</translation>
    </message>
    <message>
        <source>{0}: “{1}” không phải số tiền (ví dụ 12.500.000).</source>
        <translation>{0}: “{1}” is not an amount (e.g. 12.500.000).</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ của tài khoản</source>
        <translation>Opening balance of the account</translation>
    </message>
</context>
<context>
    <name>ParticipantsBox</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Chức vụ</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Có mặt / vắng</source>
        <translation>Present / absent</translation>
    </message>
    <message>
        <source>Lý do vắng</source>
        <translation>Reason absent</translation>
    </message>
    <message>
        <source>Lấy từ điểm danh</source>
        <translation>Take from attendance</translation>
    </message>
    <message>
        <source>Thêm người</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>Thêm khách mời</source>
        <translation>Add guest</translation>
    </message>
    <message>
        <source>Xóa dòng</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <source>Đánh dấu dòng đã chọn:</source>
        <translation>Mark the selected rows:</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tổ</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Điểm danh</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Lý do vắng</source>
        <translation>Reason absent</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Phiếu chi</source>
        <translation>Voucher</translation>
    </message>
</context>
<context>
    <name>PayGroupDialog</name>
    <message>
        <source>Thu đoàn phí cả tổ vào một phiếu</source>
        <translation>Collect dues for the whole group on one receipt</translation>
    </message>
    <message>
        <source>{0}: {1} đoàn viên còn phải nộp, tổng {2}. Một phiếu thu ghi tên người nộp (thường là tổ trưởng), kèm danh sách.</source>
        <translation>{0}: {1} members still owe dues, total {2}. One receipt is made out to the payer (usually the group leader), with the list attached.</translation>
    </message>
    <message>
        <source>Họ tên người nộp</source>
        <translation>Payer&apos;s full name</translation>
    </message>
    <message>
        <source>Người nộp:</source>
        <translation>Payer:</translation>
    </message>
    <message>
        <source>Cần họ tên người nộp.</source>
        <translation>The payer&apos;s full name is required.</translation>
    </message>
</context>
<context>
    <name>PayMonthsDialog</name>
    <message>
        <source>Thu đoàn phí nhiều tháng: {0}</source>
        <translation>Collect dues for several months: {0}</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Phải nộp</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Còn phải nộp</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>Thu và lập phiếu thu</source>
        <translation>Collect and issue receipt</translation>
    </message>
    <message>
        <source>In phiếu thu…</source>
        <translation>Print receipt…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đoàn viên không còn tháng nào phải nộp.</source>
        <translation>This member has no months left to pay.</translation>
    </message>
    <message>
        <source>Tổng thu: &lt;b&gt;{0}&lt;/b&gt; cho {1} tháng</source>
        <translation>Total: &lt;b&gt;{0}&lt;/b&gt; for {1} months</translation>
    </message>
    <message>
        <source>Đã lập phiếu thu {0}: {1}.</source>
        <translation>Created receipt {0}: {1}.</translation>
    </message>
    <message>
        <source>Phiếu thu</source>
        <translation>Receipt</translation>
    </message>
</context>
<context>
    <name>PayrollDialog</name>
    <message>
        <source>Đoàn phí trích qua bảng lương</source>
        <translation>Dues deducted through payroll</translation>
    </message>
    <message>
        <source>(chưa chọn tệp)</source>
        <translation>(no file chosen)</translation>
    </message>
    <message>
        <source>Chọn bảng kê Excel…</source>
        <translation>Choose Excel deduction list…</translation>
    </message>
    <message>
        <source>đơn vị chuyển tiền, ví dụ Công ty TNHH …</source>
        <translation>organization transferring the money, e.g. Công ty TNHH …</translation>
    </message>
    <message>
        <source>Chọn tệp khác…</source>
        <translation>Choose another file…</translation>
    </message>
    <message>
        <source>số tiền trên giấy báo có</source>
        <translation>amount on the credit advice</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>CCCD / số thẻ</source>
        <translation>CCCD / card no.</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Phải nộp</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Ghi phiếu thu</source>
        <translation>Record receipt</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Bảng kê:</source>
        <translation>Deduction list:</translation>
    </message>
    <message>
        <source>Tháng:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>Đơn vị chuyển:</source>
        <translation>Transferred by:</translation>
    </message>
    <message>
        <source>Số tiền chuyển:</source>
        <translation>Amount transferred:</translation>
    </message>
    <message>
        <source>Chưa chọn bảng kê đoàn phí trích qua lương</source>
        <translation>No payroll dues list chosen yet</translation>
    </message>
    <message>
        <source>Chọn tệp Excel mà bộ phận tiền lương gửi kèm khoản chuyển đoàn phí. Tệp cần một dòng tiêu đề (trong 30 dòng đầu) có các cột:
• Họ và tên
• Số tiền (hoặc Đoàn phí, Số tiền trích, Trích nộp, Mức đóng)
• Số CCCD hoặc Số thẻ đoàn viên: để đối chiếu chắc chắn; Ngày sinh giúp phân biệt người trùng tên.
Phần mềm đối chiếu từng dòng với sổ đoàn viên và cho xem trước khi ghi một phiếu thu.</source>
        <translation>Choose the Excel file that the payroll office sends with the dues transfer. The file needs a header row (within the first 30 rows) with the columns:
• Họ và tên (full name)
• Số tiền (or Đoàn phí, Số tiền trích, Trích nộp, Mức đóng: the amount)
• Số CCCD or Số thẻ đoàn viên (ID card or member card number): for a sure match; Ngày sinh (date of birth) tells apart people with the same name.
The program matches each row against the member register and shows a preview before recording one receipt.</translation>
    </message>
    <message>
        <source>Chọn bảng kê</source>
        <translation>Choose deduction list</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx *.xls)</source>
        <translation>Excel files (*.xlsx *.xls)</translation>
    </message>
    <message>
        <source>Đang đối chiếu…</source>
        <translation>Matching…</translation>
    </message>
    <message>
        <source>Khớp</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>Lưu ý</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Không tìm thấy</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{0} dòng, tổng {1}; {2} dòng chưa khớp hoặc lỗi.</source>
        <translation>{0} rows, total {1}; {2} rows unmatched or with errors.</translation>
    </message>
    <message>
        <source>Nhập số tiền đơn vị đã chuyển.</source>
        <translation>Enter the amount the organization transferred.</translation>
    </message>
    <message>
        <source>Đã lập phiếu thu {0}: {1} cho {2} đoàn viên.</source>
        <translation>Created receipt {0}: {1} for {2} members.</translation>
    </message>
</context>
<context>
    <name>PersonalDataActions</name>
    <message>
        <source>Xuất dữ liệu cá nhân…</source>
        <translation>Export personal data…</translation>
    </message>
    <message>
        <source>Tất cả dữ liệu công đoàn lưu về đoàn viên này (PDF để in trao cho đoàn viên, hoặc Excel/JSON)</source>
        <translation>Everything the union keeps about this member (a PDF to print and hand to them, or Excel/JSON)</translation>
    </message>
    <message>
        <source>Xóa dữ liệu cá nhân…</source>
        <translation>Erase personal data…</translation>
    </message>
    <message>
        <source>Xuất dữ liệu cá nhân</source>
        <translation>Export personal data</translation>
    </message>
    <message>
        <source>Tệp PDF để in (*.pdf);;Tệp Excel (*.xlsx);;Tệp JSON (*.json)</source>
        <translation>PDF to print (*.pdf);;Excel file (*.xlsx);;JSON file (*.json)</translation>
    </message>
    <message>
        <source>Đã xuất dữ liệu cá nhân</source>
        <translation>Personal data exported</translation>
    </message>
    <message>
        <source>Đã ghi dữ liệu cá nhân của đoàn viên vào tệp:
{0}</source>
        <translation>The member&apos;s personal data was written to:
{0}</translation>
    </message>
    <message>
        <source>Chưa xuất được dữ liệu cá nhân</source>
        <translation>Could not export the personal data</translation>
    </message>
    <message>
        <source>Chưa xóa được</source>
        <translation>Not erased</translation>
    </message>
    <message>
        <source>Đã xóa dữ liệu cá nhân</source>
        <translation>Personal data erased</translation>
    </message>
    <message>
        <source>Đã xóa dữ liệu cá nhân; sổ sách (phiếu thu, đoàn phí đã nộp) được giữ nguyên. Việc xóa đã được ghi vào nhật ký thay đổi.</source>
        <translation>Personal data erased; the books (receipts, dues paid) are kept as they were. The erasure is recorded in the change log.</translation>
    </message>
    <message>
        <source>Chưa xóa được dữ liệu cá nhân</source>
        <translation>Could not erase the personal data</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Hợp lệ</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Có lưu ý</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Trùng</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Bỏ qua</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Issues</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>không bắt đầu in được (máy in chưa sẵn sàng hoặc không ghi được tệp)</source>
        <translation>could not start printing (the printer is not ready or the file could not be written)</translation>
    </message>
    <message>
        <source>Xem trước khi in: {0}</source>
        <translation>Print preview: {0}</translation>
    </message>
    <message>
        <source>Vừa chiều rộng</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Đang in %v/%m trang</source>
        <translation>Printing page %v/%m</translation>
    </message>
    <message>
        <source>Dừng in</source>
        <translation>Stop printing</translation>
    </message>
    <message>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Tệp không có trang nào</source>
        <translation>The file has no pages</translation>
    </message>
    <message>
        <source>Trang {0}/{1}</source>
        <translation>Page {0}/{1}</translation>
    </message>
    <message>
        <source>In: {0}</source>
        <translation>Print: {0}</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <source>Máy in báo lỗi: {0}
Kiểm tra máy in (bật, có giấy, đã kết nối) rồi in lại.</source>
        <translation>The printer reported an error: {0}
Check the printer (switched on, has paper, connected) and print again.</translation>
    </message>
    <message>
        <source>Lưu thành tệp PDF</source>
        <translation>Save as PDF file</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Chưa lưu được tệp PDF</source>
        <translation>Could not save the PDF file</translation>
    </message>
</context>
<context>
    <name>RemitDialog</name>
    <message>
        <source>Nộp đoàn phí về công đoàn cấp trên</source>
        <translation>Remit union dues to the upper-level union</translation>
    </message>
    <message>
        <source>Tính</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <source>Lập phiếu chi nộp cấp trên</source>
        <translation>Create remittance payment voucher</translation>
    </message>
    <message>
        <source>In bảng kê…</source>
        <translation>Print remittance list…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <source>đến tháng</source>
        <translation>to month</translation>
    </message>
    <message>
        <source>Đoàn phí đã thu {0}: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;— theo mức quy định: {2}&lt;br&gt;— thu thêm theo nghị quyết (đơn vị giữ 100%): {3}&lt;br&gt;Tỷ lệ nộp cấp trên: {4} ({5})&lt;br&gt;Phải nộp cấp trên: &lt;b&gt;{6}&lt;/b&gt;; công đoàn cơ sở giữ lại {7}</source>
        <translation>Union dues collected {0}: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;— at the standard rate: {2}&lt;br&gt;— extra under the resolution (kept 100% by the organization): {3}&lt;br&gt;Share remitted to the upper level: {4} ({5})&lt;br&gt;To remit to the upper level: &lt;b&gt;{6}&lt;/b&gt;; retained by the grassroots union: {7}</translation>
    </message>
    <message>
        <source>Đã lập phiếu chi {0}.</source>
        <translation>Created payment voucher {0}.</translation>
    </message>
    <message>
        <source>Chưa lập được phiếu chi</source>
        <translation>Could not create the payment voucher</translation>
    </message>
    <message>
        <source>Bảng kê nộp cấp trên</source>
        <translation>Upper-level remittance list</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>6 tháng đầu năm</source>
        <translation>First half-year</translation>
    </message>
    <message>
        <source>6 tháng cuối năm</source>
        <translation>Second half-year</translation>
    </message>
    <message>
        <source>Cả năm</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>Tùy chọn</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Xem báo cáo</source>
        <translation>Show report</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Lưu Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>Dự toán năm…</source>
        <translation>Budget estimate…</translation>
    </message>
    <message>
        <source>Công khai tài chính…</source>
        <translation>Financial disclosure…</translation>
    </message>
    <message>
        <source>Khoá sổ năm…</source>
        <translation>Close the year…</translation>
    </message>
    <message>
        <source>Số lao động làm căn cứ tính tổng quỹ lương đóng kinh phí công đoàn (người)</source>
        <translation>Workers counted for the payroll on which the union fee is paid (people)</translation>
    </message>
    <message>
        <source>Tổng quỹ tiền lương làm căn cứ đóng kinh phí công đoàn (đồng)</source>
        <translation>Total payroll on which the union fee is paid (đồng)</translation>
    </message>
    <message>
        <source>chưa nhập</source>
        <translation>not entered</translation>
    </message>
    <message>
        <source>Quyết toán, phần A — số lao động đóng kinh phí công đoàn:</source>
        <translation>Settlement, part A — workers for the union fee:</translation>
    </message>
    <message>
        <source>tổng quỹ lương đóng kinh phí công đoàn (đồng):</source>
        <translation>payroll for the union fee (đồng):</translation>
    </message>
    <message>
        <source>Báo cáo:</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>Kỳ:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Năm:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Chưa có báo cáo nào trên màn hình</source>
        <translation>No report on screen yet</translation>
    </message>
    <message>
        <source>Chọn loại báo cáo và kỳ báo cáo ở trên (6 tháng đầu năm, 6 tháng cuối năm, cả năm hoặc tùy chọn từ ngày đến ngày), rồi bấm “Xem báo cáo”. Số liệu lấy từ sổ của đơn vị: đoàn viên, đoàn phí, thu chi; xem xong có thể lưu PDF hoặc Excel để nộp công đoàn cấp trên.</source>
        <translation>Choose the report and its period above (first half, second half, the whole year, or any dates), then click “Show report”. The figures come from the union’s books: members, dues, income and expenses; you can then save it as PDF or Excel to send to the upper-level union.</translation>
    </message>
    <message>
        <source>{0}: “{1}” không phải số.</source>
        <translation>{0}: “{1}” is not a number.</translation>
    </message>
    <message>
        <source>Đang lập báo cáo…</source>
        <translation>Building the report…</translation>
    </message>
    <message>
        <source>Lưu công khai tài chính năm {0}</source>
        <translation>Save the financial disclosure of {0}</translation>
    </message>
    <message>
        <source>Chưa lưu được công khai tài chính</source>
        <translation>The financial disclosure could not be saved</translation>
    </message>
    <message>
        <source>Chưa lập được báo cáo</source>
        <translation>The report could not be built</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <source>Chưa lưu được báo cáo</source>
        <translation>The report could not be saved</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Hồ sơ</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Thông tin</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Giá trị được giữ</source>
        <translation>Value kept</translation>
    </message>
    <message>
        <source>Sửa ở máy</source>
        <translation>Changed on</translation>
    </message>
    <message>
        <source>Giá trị không được giữ</source>
        <translation>Value not kept</translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Loại dữ liệu</source>
        <translation>Kind of data</translation>
    </message>
    <message>
        <source>Lý do máy chủ không nhận</source>
        <translation>Why the server refused it</translation>
    </message>
    <message>
        <source>Máy này</source>
        <translation>This PC</translation>
    </message>
    <message>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Máy khác</source>
        <translation>Another PC</translation>
    </message>
    <message>
        <source>Cả bản ghi</source>
        <translation>Whole record</translation>
    </message>
    <message>
        <source>Không lưu được vào máy này</source>
        <translation>Could not be stored on this PC</translation>
    </message>
    <message>
        <source>Dữ liệu nhận từ máy chủ không lưu được vào máy này. Hãy báo người quản trị; chi tiết kỹ thuật:</source>
        <translation>Data received from the server could not be stored on this PC. Please tell your administrator; technical details:</translation>
    </message>
    <message>
        <source>Đã xem</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>Đánh dấu các dòng đã chọn là đã kiểm tra</source>
        <translation>Mark the selected rows as checked</translation>
    </message>
    <message>
        <source>Hiện cả những mục đã xem</source>
        <translation>Also show reviewed items</translation>
    </message>
    <message>
        <source>Gửi lại</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Gửi lại tất cả các thay đổi này ở lần đồng bộ ngay sau đây</source>
        <translation>Send all these changes again in a sync that starts right away</translation>
    </message>
    <message>
        <source>Thông tin bị sửa trên hai máy cùng lúc</source>
        <translation>Information changed on two PCs at the same time</translation>
    </message>
    <message>
        <source>Hai máy đã sửa cùng một thông tin trước khi kịp đồng bộ. Sổ Công đoàn giữ giá trị sửa sau cùng. Hãy kiểm tra từng dòng: nếu giá trị không được giữ mới đúng, hãy sửa lại hồ sơ; rồi chọn các dòng và bấm “Đã xem”.</source>
        <translation>Two PCs changed the same information before they synced. Sổ Công đoàn kept the latest change. Check each row: if the value not kept is the right one, correct the record; then select the rows and click “Reviewed”.</translation>
    </message>
    <message>
        <source>Thay đổi máy chủ không nhận</source>
        <translation>Changes the server refused</translation>
    </message>
    <message>
        <source>Những thay đổi này vẫn được giữ trên máy này nhưng chưa có trên máy chủ. Sau khi khắc phục lý do (hoặc cập nhật phần mềm), bấm “Gửi lại”.</source>
        <translation>These changes are still kept on this PC but are not on the server. Once the cause is fixed (or the software updated), click “Send again”.</translation>
    </message>
    <message>
        <source>{0} mục chưa xem</source>
        <translation>{0} not reviewed</translation>
    </message>
    <message>
        <source>Không có mục nào chưa xem</source>
        <translation>Nothing left to review</translation>
    </message>
    <message>
        <source>{0} thay đổi</source>
        <translation>{0} changes</translation>
    </message>
    <message>
        <source>Không có</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Cần xem xét ({0})</source>
        <translation>To review ({0})</translation>
    </message>
    <message>
        <source>Cần xem xét</source>
        <translation>To review</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt đơn vị</source>
        <translation>Organization settings</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signatories</translation>
    </message>
    <message>
        <source>Tổ công đoàn</source>
        <translation>Union groups</translation>
    </message>
    <message>
        <source>Đoàn phí và biểu mẫu</source>
        <translation>Dues and forms</translation>
    </message>
    <message>
        <source>Tài khoản nhận đoàn phí</source>
        <translation>Dues receiving account</translation>
    </message>
    <message>
        <source>Quy định đoàn phí</source>
        <translation>Dues rules</translation>
    </message>
    <message>
        <source>Tài khoản kế toán</source>
        <translation>Accounting accounts</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Sổ Công đoàn — Thiết lập lần đầu</source>
        <translation>Sổ Công đoàn — First-time setup</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Thông tin công đoàn cơ sở, in trên mọi biểu mẫu.</source>
        <translation>Grassroots union details, printed on every form.</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signatories</translation>
    </message>
    <message>
        <source>Có thể bổ sung sau trong Cài đặt.</source>
        <translation>Can be added later in Settings.</translation>
    </message>
    <message>
        <source>Số dư đầu kỳ</source>
        <translation>Opening balance</translation>
    </message>
    <message>
        <source>Tiền mặt trong quỹ và tiền gửi ngân hàng, kho bạc khi bắt đầu ghi sổ.</source>
        <translation>Cash on hand and bank or treasury deposits when the books start.</translation>
    </message>
    <message>
        <source>Tổ công đoàn</source>
        <translation>Union groups</translation>
    </message>
    <message>
        <source>Thêm các tổ công đoàn / công đoàn bộ phận (có thể thêm sau).</source>
        <translation>Add union groups / union divisions (you can add them later).</translation>
    </message>
    <message>
        <source>tên công đoàn cơ sở</source>
        <translation>grassroots union name</translation>
    </message>
    <message>
        <source>công đoàn cấp trên</source>
        <translation>upper-level union</translation>
    </message>
    <message>
        <source>Cần nhập: {0}.</source>
        <translation>Required: {0}.</translation>
    </message>
</context>
<context>
    <name>SignersForm</name>
    <message>
        <source>Họ tên in dưới chữ ký trên phiếu thu, phiếu chi, biên bản.</source>
        <translation>Names printed under the signatures on receipts, payment vouchers and minutes.</translation>
    </message>
    <message>
        <source>Chủ tịch:</source>
        <translation>Chair:</translation>
    </message>
    <message>
        <source>Kế toán:</source>
        <translation>Accountant:</translation>
    </message>
    <message>
        <source>Thủ quỹ:</source>
        <translation>Treasurer:</translation>
    </message>
</context>
<context>
    <name>SyncForm</name>
    <message>
        <source>Đăng ký máy này</source>
        <translation>Enroll this PC</translation>
    </message>
    <message>
        <source>Đồng bộ gửi sổ sách của đơn vị lên máy chủ của công đoàn cấp trên và giữ cho các máy của đơn vị có cùng dữ liệu. Cấp trên cho biết địa chỉ máy chủ và cấp cho mỗi máy một mã đăng ký dùng một lần.</source>
        <translation>Sync sends the organization&apos;s books to the upper-level union&apos;s server and keeps all of the organization&apos;s PCs on the same data. The upper level gives the server address and a one-time enrollment code for each PC.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>Mã đăng ký:</source>
        <translation>Enrollment code:</translation>
    </message>
    <message>
        <source>Tên máy này:</source>
        <translation>Name of this PC:</translation>
    </message>
    <message>
        <source>Việc đăng ký có hiệu lực ngay, không cần bấm Lưu. Máy có mạng mới đăng ký được; sau đó vẫn làm việc bình thường khi mất mạng.</source>
        <translation>Enrollment takes effect at once; there is no need to click Save. The PC must be online to enroll; afterwards it works normally offline too.</translation>
    </message>
    <message>
        <source>Đang đăng ký với máy chủ…</source>
        <translation>Enrolling with the server…</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn; chi tiết đã ghi vào nhật ký.</source>
        <translation>Unexpected error; the details are in the log.</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Gửi các thay đổi của máy này và nhận thay đổi của các máy khác (F9)</source>
        <translation>Send this PC&apos;s changes and receive the other PCs&apos; changes (F9)</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Đơn vị:</source>
        <translation>Organization:</translation>
    </message>
    <message>
        <source>Máy chủ:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Máy này:</source>
        <translation>This PC:</translation>
    </message>
    <message>
        <source>Lần đồng bộ gần nhất:</source>
        <translation>Last sync:</translation>
    </message>
    <message>
        <source>Thay đổi chờ gửi:</source>
        <translation>Changes waiting:</translation>
    </message>
    <message>
        <source>Cần xem xét:</source>
        <translation>To review:</translation>
    </message>
    <message>
        <source>Tình trạng:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>Khi ứng dụng đang mở, việc đồng bộ tự chạy 5 phút một lần. Mất mạng thì dữ liệu vẫn lưu trên máy này và được gửi khi có mạng lại.</source>
        <translation>While the app is open it syncs by itself every 5 minutes. When offline, data stays on this PC and is sent once the network is back.</translation>
    </message>
    <message>
        <source>Máy số {0}</source>
        <translation>PC number {0}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>{0} mục (xem trang Cần xem xét)</source>
        <translation>{0} items (see the To review page)</translation>
    </message>
    <message>
        <source>Không có</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Đã đăng ký máy này với {0}.</source>
        <translation>This PC is enrolled with {0}.</translation>
    </message>
    <message>
        <source>Đang gửi dữ liệu của máy này lên máy chủ: {0}</source>
        <translation>Sending this PC&apos;s data to the server: {0}</translation>
    </message>
    <message>
        <source>Đang nhận dữ liệu của đơn vị: {0}</source>
        <translation>Receiving the union’s data: {0}</translation>
    </message>
    <message>
        <source>Đang đồng bộ lần đầu…</source>
        <translation>First sync in progress…</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>{0} / {1} dòng, {2:.1f} / khoảng {3:.1f} MB</source>
        <translation>{0} / {1} rows, {2:.1f} / about {3:.1f} MB</translation>
    </message>
    <message>
        <source>{0} / {1} dòng, {2:.1f} / {3:.1f} MB</source>
        <translation>{0} / {1} rows, {2:.1f} / {3:.1f} MB</translation>
    </message>
    <message>
        <source>, còn khoảng {0} phút {1:02d} giây</source>
        <translation>, about {0} min {1:02d} s left</translation>
    </message>
    <message>
        <source>, còn khoảng {0} giây</source>
        <translation>, about {0} s left</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Dừng đồng bộ; lần sau sẽ tiếp tục từ chỗ đã dừng</source>
        <translation>Stop syncing; the next sync continues where this one stopped</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>Mất kết nối — dữ liệu vẫn lưu trên máy</source>
        <translation>Offline — data is kept on this PC</translation>
    </message>
    <message>
        <source>Cần cập nhật phần mềm để đồng bộ</source>
        <translation>Update the software to sync</translation>
    </message>
    <message>
        <source>Máy chủ không nhận máy này</source>
        <translation>The server does not accept this PC</translation>
    </message>
    <message>
        <source>Đã dừng đồng bộ</source>
        <translation>Sync stopped</translation>
    </message>
    <message>
        <source>Đang có lần đồng bộ khác</source>
        <translation>Another sync is running</translation>
    </message>
    <message>
        <source>Đồng bộ chưa được</source>
        <translation>Sync did not finish</translation>
    </message>
    <message>
        <source>Chưa đăng ký đồng bộ</source>
        <translation>Not set up for sync</translation>
    </message>
    <message>
        <source>Máy này chưa gửi dữ liệu lên máy chủ của cấp trên. Đăng ký trong Tệp → Cài đặt đơn vị → Đồng bộ.</source>
        <translation>This PC does not send its data to the upper level&apos;s server. Enroll in File → Organization settings → Sync.</translation>
    </message>
    <message>
        <source>Lần đồng bộ gần nhất: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào.</source>
        <translation>Never synced.</translation>
    </message>
    <message>
        <source>{0} thay đổi chờ gửi</source>
        <translation>{0} changes waiting to be sent</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn; chi tiết đã ghi vào nhật ký.</source>
        <translation>Unexpected error; the details are in the log.</translation>
    </message>
    <message>
        <source>Lần đồng bộ trước chưa được</source>
        <translation>The last sync did not finish</translation>
    </message>
    <message>
        <source>Sẽ gửi ở lần đồng bộ tới (F9: đồng bộ ngay).</source>
        <translation>They are sent at the next sync (F9: sync now).</translation>
    </message>
    <message>
        <source>Đã đồng bộ lúc {0}</source>
        <translation>Synced at {0}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>F9: đồng bộ ngay.</source>
        <translation>F9: sync now.</translation>
    </message>
    <message>
        <source>Đang đăng ký với máy chủ…</source>
        <translation>Enrolling with the server…</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Đang gửi dữ liệu của máy này lên máy chủ: {0}</source>
        <translation>Sending this PC&apos;s data to the server: {0}</translation>
    </message>
    <message>
        <source>Đang gửi thay đổi của máy này: {0}/{1}</source>
        <translation>Sending this PC&apos;s changes: {0}/{1}</translation>
    </message>
    <message>
        <source>Đang nhận dữ liệu từ máy chủ: {0}/{1}</source>
        <translation>Receiving data from the server: {0}/{1}</translation>
    </message>
    <message>
        <source>Đang nhận dữ liệu của đơn vị: {0}</source>
        <translation>Receiving the union’s data: {0}</translation>
    </message>
    <message>
        <source>Đang kết nối máy chủ…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <source>Bấm Dừng nếu cần: lần sau sẽ tiếp tục từ chỗ đã dừng.</source>
        <translation>Click Stop if needed: the next sync continues where this one stopped.</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>Tôn giáo</source>
        <translation>Religion</translation>
    </message>
    <message>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <source>Loại giấy tờ</source>
        <translation>ID document type</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>Citizen ID (CCCD)</translation>
    </message>
    <message>
        <source>Ngày cấp</source>
        <translation>Date of issue</translation>
    </message>
    <message>
        <source>Nơi cấp</source>
        <translation>Place of issue</translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation>Hometown</translation>
    </message>
    <message>
        <source>Nơi thường trú</source>
        <translation>Permanent address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Trình độ học vấn</source>
        <translation>Education level</translation>
    </message>
    <message>
        <source>Trình độ chuyên môn</source>
        <translation>Professional qualification</translation>
    </message>
    <message>
        <source>Công việc</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Phòng ban</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Tổ công đoàn</source>
        <translation>Union group</translation>
    </message>
    <message>
        <source>Chức vụ công đoàn</source>
        <translation>Union position</translation>
    </message>
    <message>
        <source>Ngày vào công đoàn</source>
        <translation>Date joined the union</translation>
    </message>
    <message>
        <source>Số thẻ đoàn viên</source>
        <translation>Membership card no.</translation>
    </message>
    <message>
        <source>Đảng viên</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>Căn cứ đóng đoàn phí</source>
        <translation>Dues basis</translation>
    </message>
    <message>
        <source>Tiền lương</source>
        <translation>Salary</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Ngày đồng ý xử lý dữ liệu cá nhân</source>
        <translation>Consent to personal data processing</translation>
    </message>
    <message>
        <source>Đã đóng đến tháng</source>
        <translation>Paid up to month</translation>
    </message>
    <message>
        <source>Đang sinh hoạt</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Tạm dừng sinh hoạt</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Đoàn viên danh dự</source>
        <translation>Honorary member</translation>
    </message>
    <message>
        <source>Đã chuyển đi</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>Đã ra khỏi tổ chức</source>
        <translation>Left the union</translation>
    </message>
    <message>
        <source>Đã bị khai trừ</source>
        <translation>Expelled</translation>
    </message>
    <message>
        <source>Đã từ trần</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Kết nạp</source>
        <translation>Admission</translation>
    </message>
    <message>
        <source>Chuyển đến</source>
        <translation>Transferred in</translation>
    </message>
    <message>
        <source>Chuyển đi</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>Sinh hoạt trở lại</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <source>Công nhận đoàn viên danh dự</source>
        <translation>Recognized as honorary member</translation>
    </message>
    <message>
        <source>Ra khỏi tổ chức / xóa tên</source>
        <translation>Left the union / removed</translation>
    </message>
    <message>
        <source>Khai trừ</source>
        <translation>Expelled</translation>
    </message>
    <message>
        <source>Từ trần</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Lương đóng BHXH</source>
        <translation>Social-insurance salary</translation>
    </message>
    <message>
        <source>Tiền lương thực lĩnh</source>
        <translation>Take-home pay</translation>
    </message>
    <message>
        <source>Mức cố định</source>
        <translation>Fixed amount</translation>
    </message>
    <message>
        <source>Căn cước công dân</source>
        <translation>Citizen ID card (CCCD)</translation>
    </message>
    <message>
        <source>Chứng minh nhân dân</source>
        <translation>Old ID card (CMND)</translation>
    </message>
    <message>
        <source>Hộ chiếu</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>Công đoàn bộ phận</source>
        <translation>Union division</translation>
    </message>
    <message>
        <source>Ngày sinh (Nam)</source>
        <translation>Date of birth (male)</translation>
    </message>
    <message>
        <source>Ngày sinh (Nữ)</source>
        <translation>Date of birth (female)</translation>
    </message>
    <message>
        <source>Giới tính: Nam</source>
        <translation>Gender: male</translation>
    </message>
    <message>
        <source>Giới tính: Nữ</source>
        <translation>Gender: female</translation>
    </message>
    <message>
        <source>Họ và tên đệm (tên ở cột riêng)</source>
        <translation>Surname and middle name (given name in a separate column)</translation>
    </message>
    <message>
        <source>Tên (họ ở cột riêng)</source>
        <translation>Given name (surname in a separate column)</translation>
    </message>
    <message>
        <source>Công đoàn bộ phận (trên tổ)</source>
        <translation>Union section (above groups)</translation>
    </message>
    <message>
        <source>(không nhập)</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>Đoàn phí</source>
        <translation>Union dues</translation>
    </message>
    <message>
        <source>Kinh phí công đoàn (2%)</source>
        <translation>Union fee (2% of payroll)</translation>
    </message>
    <message>
        <source>Cấp trên cấp</source>
        <translation>Allocation from the upper level</translation>
    </message>
    <message>
        <source>Thu khác</source>
        <translation>Other income</translation>
    </message>
    <message>
        <source>Nộp đoàn phí cấp trên</source>
        <translation>Dues remitted to the upper level</translation>
    </message>
    <message>
        <source>Thăm hỏi, trợ cấp</source>
        <translation>Visits, support and allowances</translation>
    </message>
    <message>
        <source>Hoạt động phong trào</source>
        <translation>Movement activities</translation>
    </message>
    <message>
        <source>Khen thưởng</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>Quản lý, hành chính</source>
        <translation>Management and administration</translation>
    </message>
    <message>
        <source>Chi khác</source>
        <translation>Other expenses</translation>
    </message>
    <message>
        <source>Phiếu thu</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Phiếu chi</source>
        <translation>Payment voucher</translation>
    </message>
    <message>
        <source>Họp, hội nghị</source>
        <translation>Meeting, conference</translation>
    </message>
    <message>
        <source>Kỷ niệm, tặng quà</source>
        <translation>Celebration, gifts</translation>
    </message>
    <message>
        <source>Tập huấn, đào tạo</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Văn hóa, thể thao</source>
        <translation>Culture, sports</translation>
    </message>
    <message>
        <source>Hoạt động khác</source>
        <translation>Other activity</translation>
    </message>
    <message>
        <source>Họp Ban Chấp hành</source>
        <translation>Executive committee meeting</translation>
    </message>
    <message>
        <source>Hội nghị, đại hội công đoàn</source>
        <translation>Union conference, congress</translation>
    </message>
    <message>
        <source>Họp tổ công đoàn</source>
        <translation>Union group meeting</translation>
    </message>
    <message>
        <source>Hội nghị người lao động</source>
        <translation>Workers&apos; conference</translation>
    </message>
    <message>
        <source>Cuộc họp khác</source>
        <translation>Other meeting</translation>
    </message>
    <message>
        <source>Ốm đau</source>
        <translation>Sickness</translation>
    </message>
    <message>
        <source>Sinh con</source>
        <translation>Childbirth</translation>
    </message>
    <message>
        <source>Hiếu (tang lễ)</source>
        <translation>Bereavement</translation>
    </message>
    <message>
        <source>Hoàn cảnh khó khăn</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>Tết Nguyên đán</source>
        <translation>Lunar New Year (Tết)</translation>
    </message>
    <message>
        <source>Quốc tế Phụ nữ 8/3</source>
        <translation>International Women&apos;s Day 8/3</translation>
    </message>
    <message>
        <source>Phụ nữ Việt Nam 20/10</source>
        <translation>Vietnamese Women&apos;s Day 20/10</translation>
    </message>
    <message>
        <source>Quốc tế Thiếu nhi 1/6 (con đoàn viên)</source>
        <translation>Children&apos;s Day 1/6 (members&apos; children)</translation>
    </message>
    <message>
        <source>Sinh nhật đoàn viên</source>
        <translation>Members&apos; birthdays</translation>
    </message>
    <message>
        <source>Dịp khác</source>
        <translation>Other occasion</translation>
    </message>
    <message>
        <source>Tổng kết năm</source>
        <translation>End of year</translation>
    </message>
    <message>
        <source>Đột xuất</source>
        <translation>Special</translation>
    </message>
    <message>
        <source>Con đoàn viên học giỏi</source>
        <translation>Members&apos; children doing well at school</translation>
    </message>
    <message>
        <source>Có mặt</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Vắng</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Vắng có phép</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>Đoàn viên được chọn</source>
        <translation>Members picked</translation>
    </message>
    <message>
        <source>Một tổ công đoàn</source>
        <translation>One union group</translation>
    </message>
    <message>
        <source>Toàn thể đoàn viên</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>Loại hoạt động</source>
        <translation>Kind of activity</translation>
    </message>
    <message>
        <source>Dạng hoạt động</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Tên hoạt động</source>
        <translation>Activity name</translation>
    </message>
    <message>
        <source>Ngày bắt đầu</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>Ngày kết thúc</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Đơn vị tổ chức</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Members concerned</translation>
    </message>
    <message>
        <source>Dự toán</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Chi ngoài quỹ tiền mặt</source>
        <translation>Spent outside the cash box</translation>
    </message>
    <message>
        <source>Điểm danh</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Đoàn viên</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Ngày lập phiếu</source>
        <translation>Voucher date</translation>
    </message>
    <message>
        <source>Người nhận tiền</source>
        <translation>Paid to</translation>
    </message>
    <message>
        <source>Nội dung chi</source>
        <translation>What for</translation>
    </message>
    <message>
        <source>Biên bản</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Ngày văn bản</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>Số văn bản</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>Ký hiệu</source>
        <translation>Suffix</translation>
    </message>
    <message>
        <source>Thời gian bắt đầu</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>Thời gian kết thúc</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>Chủ tọa</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Thư ký</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>Thành phần tham dự</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Số người triệu tập</source>
        <translation>Number summoned</translation>
    </message>
    <message>
        <source>Số người có mặt</source>
        <translation>Number present</translation>
    </message>
    <message>
        <source>Nội dung cuộc họp</source>
        <translation>Proceedings</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Chức vụ người ký</source>
        <translation>Signer&apos;s title</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Lý do sửa</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <source>Loại văn bản</source>
        <translation>Kind of document</translation>
    </message>
    <message>
        <source>Loại cuộc họp</source>
        <translation>Kind of meeting</translation>
    </message>
    <message>
        <source>Danh sách kèm theo</source>
        <translation>Attached list</translation>
    </message>
    <message>
        <source>Khách mời</source>
        <translation>Guest</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Rút tiền gửi về quỹ tiền mặt</source>
        <translation>Withdraw from the bank to the cash fund</translation>
    </message>
    <message>
        <source>Nộp tiền mặt vào tài khoản</source>
        <translation>Deposit cash to the account</translation>
    </message>
    <message>
        <source>ví dụ: Trương Thị Thu Hường (thủ quỹ)</source>
        <translation>e.g. Trương Thị Thu Hường (cashier)</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Người rút tiền</source>
        <translation>Withdrawn by</translation>
    </message>
    <message>
        <source>Người nộp tiền</source>
        <translation>Deposited by</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Số hiệu chứng từ</source>
        <translation>Document reference</translation>
    </message>
    <message>
        <source>Từ tài khoản &lt;b&gt;{0}&lt;/b&gt; về quỹ tiền mặt. Phiếu thu được lập cùng lúc.</source>
        <translation>From account &lt;b&gt;{0}&lt;/b&gt; to the cash fund. A receipt is made at the same time.</translation>
    </message>
    <message>
        <source>Từ quỹ tiền mặt vào tài khoản &lt;b&gt;{0}&lt;/b&gt;. Phiếu chi được lập cùng lúc.</source>
        <translation>From the cash fund to account &lt;b&gt;{0}&lt;/b&gt;. A payment voucher is made at the same time.</translation>
    </message>
    <message>
        <source>Rút tiền</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Nộp tiền</source>
        <translation>Deposit</translation>
    </message>
</context>
<context>
    <name>TransferOutDialog</name>
    <message>
        <source>Chuyển sinh hoạt công đoàn — {0}</source>
        <translation>Union membership transfer — {0}</translation>
    </message>
    <message>
        <source>mã đơn vị nhận trên hệ thống (hỏi đơn vị nhận)</source>
        <translation>receiving unit&apos;s code on the platform (ask the receiving unit)</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>Gửi kèm số giấy tờ, điện thoại, địa chỉ… (đoàn viên đã đồng ý)</source>
        <translation>Send ID papers, phone, address… too (the member has consented)</translation>
    </message>
    <message>
        <source>Hồ sơ chưa có ngày đồng ý xử lý dữ liệu cá nhân: chỉ gửi họ tên, ngày sinh, giới tính và ngày vào công đoàn.</source>
        <translation>The record has no date of consent to personal data processing: only the name, birth date, sex and union joining date are sent.</translation>
    </message>
    <message>
        <source>Đoàn viên được ghi “Chuyển đi” ngay; đề nghị được gửi cho đơn vị nhận ở lần đồng bộ tới. Đơn vị nhận đồng ý thì hồ sơ sang bên đó, không ai phải nhập lại.</source>
        <translation>The member is recorded as “Transferred out” now; the proposal goes to the receiving unit at the next sync. When the receiving unit accepts, the record moves there and no one types it again.</translation>
    </message>
    <message>
        <source>Mã đơn vị nhận:</source>
        <translation>Receiving unit code:</translation>
    </message>
    <message>
        <source>Ngày chuyển:</source>
        <translation>Transfer date:</translation>
    </message>
    <message>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ngày chuyển: không đọc được ngày (cần dạng ngày/tháng/năm).</source>
        <translation>Transfer date: the date cannot be read (day/month/year expected).</translation>
    </message>
</context>
<context>
    <name>TransfersPanel</name>
    <message>
        <source>Chuyển sinh hoạt công đoàn</source>
        <translation>Union membership transfers</translation>
    </message>
    <message>
        <source>Nhận đoàn viên</source>
        <translation>Accept the member</translation>
    </message>
    <message>
        <source>lý do từ chối (đơn vị chuyển đi sẽ thấy)</source>
        <translation>reason for declining (the sending unit will see it)</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>mã đơn vị nhận đúng</source>
        <translation>the correct receiving unit code</translation>
    </message>
    <message>
        <source>Đổi đơn vị nhận</source>
        <translation>Change the receiving unit</translation>
    </message>
    <message>
        <source>từ {0}</source>
        <translation>from {0}</translation>
    </message>
    <message>
        <source>đến {0}</source>
        <translation>to {0}</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <source>ví dụ: Công đoàn cơ sở Công ty TNHH May Việt Tiến</source>
        <translation>e.g. Grassroots Union of Việt Tiến Garment Co., Ltd.</translation>
    </message>
    <message>
        <source>ví dụ: Công đoàn các Khu công nghiệp tỉnh Đồng Nai</source>
        <translation>e.g. Trade Union of Đồng Nai Province Industrial Zones</translation>
    </message>
    <message>
        <source>Tên công đoàn cơ sở *:</source>
        <translation>Grassroots union name *:</translation>
    </message>
    <message>
        <source>Công đoàn cấp trên trực tiếp *:</source>
        <translation>Direct upper-level union *:</translation>
    </message>
    <message>
        <source>Mã đơn vị:</source>
        <translation>Organization code:</translation>
    </message>
    <message>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Mã số thuế:</source>
        <translation>Tax code:</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Hủy phiếu</source>
        <translation>Void document</translation>
    </message>
    <message>
        <source>{0} số &lt;b&gt;{1}&lt;/b&gt; ngày {2}&lt;br&gt;{3} — &lt;b&gt;{4}&lt;/b&gt;&lt;br&gt;{5}</source>
        <translation>{0} no. &lt;b&gt;{1}&lt;/b&gt; dated {2}&lt;br&gt;{3} — &lt;b&gt;{4}&lt;/b&gt;&lt;br&gt;{5}</translation>
    </message>
    <message>
        <source>Phiếu đã hủy vẫn được giữ trong sổ, có ghi lý do, và không tính vào tồn quỹ. Số phiếu không được dùng lại.</source>
        <translation>A voided document stays in the book with its reason and is not counted in cash on hand. Its number is not reused.</translation>
    </message>
    <message>
        <source>ví dụ: ghi sai số tiền</source>
        <translation>e.g. wrong amount entered</translation>
    </message>
    <message>
        <source>Lý do hủy *:</source>
        <translation>Reason for voiding *:</translation>
    </message>
    <message>
        <source>Hủy phiếu này</source>
        <translation>Void this document</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lý do hủy</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>Không hủy được phiếu</source>
        <translation>Cannot void the document</translation>
    </message>
    <message>
        <source>Chưa hủy được phiếu</source>
        <translation>Could not void the document</translation>
    </message>
</context>
<context>
    <name>VoucherPicker</name>
    <message>
        <source>Gắn phiếu chi có sẵn</source>
        <translation>Link an existing voucher</translation>
    </message>
    <message>
        <source>Số phiếu chi</source>
        <translation>Voucher no.</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Các phiếu chi chưa gắn với hoạt động nào, mới nhất trước.</source>
        <translation>Vouchers not yet linked to any activity, newest first.</translation>
    </message>
    <message>
        <source>Sổ quỹ không có phiếu chi nào chưa gắn với hoạt động.</source>
        <translation>The cash book has no voucher that is not linked to an activity.</translation>
    </message>
    <message>
        <source>Gắn phiếu này</source>
        <translation>Link this voucher</translation>
    </message>
</context>
<context>
    <name>YearCloseDialog</name>
    <message>
        <source>Khoá sổ năm tài chính</source>
        <translation>Close the fiscal year</translation>
    </message>
    <message>
        <source>Khoá sổ năm…</source>
        <translation>Close the year…</translation>
    </message>
    <message>
        <source>Xác nhận khoá sổ</source>
        <translation>Confirm the close</translation>
    </message>
    <message>
        <source>Lý do mở lại sổ (bắt buộc)</source>
        <translation>Reason for reopening (required)</translation>
    </message>
    <message>
        <source>Mở lại sổ</source>
        <translation>Reopen the year</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Năm:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Sau khi quyết toán, Chủ tịch khoá sổ năm: không lập, hủy hay sửa chứng từ có ngày trong năm đó nữa; sai sót được sửa bằng chứng từ điều chỉnh trong năm đang mở. Mở lại sổ cần ghi lý do.</source>
        <translation>After the settlement the chair closes the year: no document dated in it can be made, voided or changed any more; mistakes are corrected by an adjusting document in the open year. Reopening needs a reason.</translation>
    </message>
    <message>
        <source>Chưa đọc được các năm</source>
        <translation>Could not read the years</translation>
    </message>
    <message>
        <source>Chưa có chứng từ nào.</source>
        <translation>No documents yet.</translation>
    </message>
    <message>
        <source>Năm {0}: đang mở ({1} chứng từ)</source>
        <translation>Year {0}: open ({1} documents)</translation>
    </message>
    <message>
        <source>Năm {0}: đã khoá sổ ngày {1:%d/%m/%Y} ({2})</source>
        <translation>Year {0}: closed on {1:%d/%m/%Y} ({2})</translation>
    </message>
    <message>
        <source> — sổ sách trên máy này không còn khớp với lúc khoá sổ</source>
        <translation> — the books on this PC no longer match the close</translation>
    </message>
    <message>
        <source>Năm {0}: đã mở lại ngày {1:%d/%m/%Y} ({2}): {3}</source>
        <translation>Year {0}: reopened on {1:%d/%m/%Y} ({2}): {3}</translation>
    </message>
    <message>
        <source>Tồn quỹ tiền mặt đầu năm</source>
        <translation>Cash on hand at the start of the year</translation>
    </message>
    <message>
        <source>Tiền gửi đầu năm</source>
        <translation>Bank deposits at the start of the year</translation>
    </message>
    <message>
        <source>Tổng thu trong năm</source>
        <translation>Total income of the year</translation>
    </message>
    <message>
        <source>Tổng chi trong năm</source>
        <translation>Total spending of the year</translation>
    </message>
    <message>
        <source>Tồn quỹ tiền mặt cuối năm</source>
        <translation>Cash on hand at the end of the year</translation>
    </message>
    <message>
        <source>Tiền gửi cuối năm</source>
        <translation>Bank deposits at the end of the year</translation>
    </message>
    <message>
        <source>&lt;p&gt;Khoá sổ năm {0} sẽ ghi lại:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Closing the year {0} will record:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Dấu vân tay sổ sách ({0} dòng): &lt;code&gt;{1}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fingerprint of the books ({0} rows): &lt;code&gt;{1}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Số dư cuối năm chuyển sang đầu năm {0}. Đơn vị dùng nhiều máy: đồng bộ ngay trước khi khoá sổ, để sổ sách gồm cả chứng từ của các máy khác.&lt;/p&gt;</source>
        <translation>&lt;p&gt;The closing balances carry forward to the start of {0}. A union with several PCs: sync right before closing, so that the books include the other PCs&apos; documents.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Đã khoá sổ năm {0}.</source>
        <translation>The year {0} is closed.</translation>
    </message>
    <message>
        <source>Đã mở lại sổ năm {0}.</source>
        <translation>The year {0} is reopened.</translation>
    </message>
    <message>
        <source>Chưa khoá hay mở được sổ</source>
        <translation>Could not close or reopen the year</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>không đọc được số tiền: ghi số đồng, ví dụ 1.500.000.</source>
        <translation>the amount cannot be read: enter đồng, e.g. 1.500.000.</translation>
    </message>
    <message>
        <source>Chưa ghi được</source>
        <translation>Not recorded</translation>
    </message>
</context>
</TS>
