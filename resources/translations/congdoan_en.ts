<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
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
    <name>Errors</name>
    <message>
        <source>Không có quyền ghi vào tệp hoặc thư mục: {0}</source>
        <translation>No permission to write to the file or folder: {0}</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy: không ghi được. Dữ liệu đã lưu trước đó không bị ảnh hưởng.</source>
        <translation>The disk is full: could not save. Previously saved data is not affected.</translation>
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
        <translation>The organization's union groups / union divisions. Double-click to rename. A group that still has members cannot be deleted.</translation>
    </message>
    <message>
        <source>{0} đoàn viên</source>
        <translation>{0} members</translation>
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
        <source>Trang tính “{0}”: dòng tiêu đề là dòng {1}, dữ liệu từ dòng {2}. Kiểm tra cột nào nhập vào trường nào (sửa nếu cần), rồi bấm Xem trước. Chưa có gì được ghi vào dữ liệu.</source>
        <translation>Sheet “{0}”: the header is row {1}, data starts at row {2}. Check which column goes into which field (correct if needed), then click Preview. Nothing has been saved yet.</translation>
    </message>
    <message>
        <source>Đang kiểm tra từng dòng…</source>
        <translation>Checking each row…</translation>
    </message>
    <message>
        <source>Xem trước: &lt;b&gt;{0}&lt;/b&gt; dòng sẽ được nhập ({1} có lưu ý); &lt;b&gt;{2}&lt;/b&gt; dòng lỗi và &lt;b&gt;{3}&lt;/b&gt; dòng trùng sẽ không nhập; {4} dòng trống hoặc dòng tổng cộng được bỏ qua.</source>
        <translation>Preview: &lt;b&gt;{0}&lt;/b&gt; rows will be imported ({1} with warnings); &lt;b&gt;{2}&lt;/b&gt; rows with errors and &lt;b&gt;{3}&lt;/b&gt; duplicate rows will not be imported; {4} blank or total rows are skipped.</translation>
    </message>
    <message>
        <source>Nhập {0} đoàn viên</source>
        <translation>Import {0} members</translation>
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
        <source>Các dòng không nhập (kèm lý do) đã ghi vào: {0}</source>
        <translation>Rows not imported (with reasons) were saved to: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đoàn viên</source>
        <translation>Members</translation>
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
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Ngôn ngữ / Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
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
        <source>{0} {1}
Sổ sách của công đoàn cơ sở: đoàn viên, đoàn phí, thu chi, hoạt động.
Tệp dữ liệu: {2}</source>
        <translation>{0} {1}
Record books for a grassroots union: members, union dues, income and expenses, activities.
Data file: {2}</translation>
    </message>
    <message>
        <source>Đang ghi dữ liệu: chờ xong rồi đóng.</source>
        <translation>Saving data: please wait until it finishes, then close.</translation>
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
        <source>Là đảng viên Đảng Cộng sản Việt Nam</source>
        <translation>Member of the Communist Party of Vietnam</translation>
    </message>
    <message>
        <source>đồng, ví dụ 5.500.000</source>
        <translation>VND, e.g. 5.500.000</translation>
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
        <source>{0} đoàn viên</source>
        <translation>{0} members</translation>
    </message>
    <message>
        <source>Tất cả các tổ</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>Chọn tệp danh sách đoàn viên</source>
        <translation>Choose a member list file</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx *.xlsm *.xls *.ods)</source>
        <translation>Excel files (*.xlsx *.xlsm *.xls *.ods)</translation>
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
        <source>(không nhập)</source>
        <translation>(do not import)</translation>
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
</TS>
