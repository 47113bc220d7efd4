"""The unit's forms, shared by the first-start wizard and the Settings dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.units.service import GROUP_KINDS, GroupInfo, UnitInfo
from desktop.views.formatting import term


class UnitForm(QWidget):
    """Name, upper level, code, address, tax code."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(objectName="unitName")
        self.name.setPlaceholderText(self.tr("ví dụ: Công đoàn cơ sở Công ty TNHH May Việt Tiến"))
        self.upper_name = QLineEdit(objectName="upperName")
        self.upper_name.setPlaceholderText(self.tr("ví dụ: Công đoàn các Khu công nghiệp tỉnh Đồng Nai"))
        self.code = QLineEdit(objectName="unitCode")
        self.address = QLineEdit(objectName="unitAddress")
        self.tax_code = QLineEdit(objectName="taxCode")
        form = QFormLayout(self)
        form.addRow(self.tr("Tên công đoàn cơ sở *:"), self.name)
        form.addRow(self.tr("Công đoàn cấp trên trực tiếp *:"), self.upper_name)
        form.addRow(self.tr("Mã đơn vị:"), self.code)
        form.addRow(self.tr("Địa chỉ:"), self.address)
        form.addRow(self.tr("Mã số thuế:"), self.tax_code)


class SignersForm(QWidget):
    """The people whose names are printed under the signatures."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.chair = QLineEdit(objectName="chairName")
        self.accountant = QLineEdit(objectName="accountantName")
        self.treasurer = QLineEdit(objectName="treasurerName")
        form = QFormLayout(self)
        note = QLabel(self.tr("Họ tên in dưới chữ ký trên phiếu thu, phiếu chi, biên bản."))
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("Chủ tịch:"), self.chair)
        form.addRow(self.tr("Kế toán:"), self.accountant)
        form.addRow(self.tr("Thủ quỹ:"), self.treasurer)


def fill_unit(unit_form: UnitForm, signers: SignersForm, info: UnitInfo | None) -> None:
    if info is None:
        return
    for widget, value in ((unit_form.name, info.name), (unit_form.upper_name, info.upper_name),
                          (unit_form.code, info.code), (unit_form.address, info.address),
                          (unit_form.tax_code, info.tax_code), (signers.chair, info.chair_name),
                          (signers.accountant, info.accountant_name), (signers.treasurer, info.treasurer_name)):
        widget.setText(value or "")


def read_unit(unit_form: UnitForm, signers: SignersForm) -> UnitInfo:
    return UnitInfo(name=unit_form.name.text(), upper_name=unit_form.upper_name.text(), code=unit_form.code.text(),
                    address=unit_form.address.text(), tax_code=unit_form.tax_code.text(),
                    chair_name=signers.chair.text(), accountant_name=signers.accountant.text(),
                    treasurer_name=signers.treasurer.text())


class GroupsEditor(QWidget):
    """The list of groups: add, rename (double-click), remove, reorder."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget(objectName="groupsList")
        self.new_name = QLineEdit(objectName="newGroupName")
        self.new_name.setPlaceholderText(self.tr("Tên tổ mới, ví dụ: Tổ May 1"))
        self.kind = QComboBox(objectName="newGroupKind")
        for key, text in GROUP_KINDS.items():
            self.kind.addItem(term(text), key)
        self.add_button = QPushButton(self.tr("Thêm"), objectName="addGroup")
        self.remove_button = QPushButton(self.tr("Xóa tổ đã chọn"), objectName="removeGroup")
        self.up_button = QPushButton(self.tr("Lên"))
        self.down_button = QPushButton(self.tr("Xuống"))
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.kind)
        row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        for b in (self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Các tổ công đoàn / công đoàn bộ phận của đơn vị. Nhấp đúp để đổi tên. "
                              "Tổ còn đoàn viên thì không xóa được."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_from_field)
        # Enter in the name box adds the group; it must not reach the dialog, whose
        # default button would finish the wizard or close the settings.
        self._enter = _EnterAdds(self.add_from_field, self.new_name)
        self.new_name.installEventFilter(self._enter)
        self.remove_button.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

    def add_group(self, name: str, kind: str = "to", gid: str | None = None, count: int = 0) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, (gid, kind))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        if count:
            item.setToolTip(self.tr("{0} đoàn viên").format(count))
        self.list.addItem(item)

    def add_from_field(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self.add_group(name, self.kind.currentData())
            self.new_name.clear()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)

    def set_groups(self, groups: list[GroupInfo]) -> None:
        self.list.clear()
        for g in groups:
            self.add_group(g.name, g.kind, g.id, g.member_count)

    def groups(self) -> list[GroupInfo]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            gid, kind = item.data(Qt.ItemDataRole.UserRole)
            out.append(GroupInfo(gid, item.text(), kind))
        return out


class _EnterAdds(QObject):
    """Takes Enter and Return from a line edit and calls `action` instead."""

    def __init__(self, action, parent) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action()
            return True
        return False


class OpeningForm(QWidget):
    """The cash in the union's safe on the day the books start (a unit that starts using the
    program mid-year brings its balance over)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.amount = QLineEdit(objectName="wizardOpeningBalance")
        self.amount.setPlaceholderText(self.tr("ví dụ: 12.500.000 (để trống nếu quỹ chưa có tiền)"))
        self.on_date = QDateEdit(objectName="wizardOpeningDate")
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        self.on_date.setCalendarPopup(True)
        today = date.today()
        self.on_date.setDate(QDate(today.year, 1, 1))
        form = QFormLayout(self)
        note = QLabel(self.tr("Số tiền mặt đang có trong quỹ công đoàn vào ngày bắt đầu ghi sổ trên phần mềm "
                              "(theo sổ quỹ cũ, ví dụ số dư ngày 01/01). Sổ quỹ tính tiếp từ ngày này."))
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("Tồn quỹ tiền mặt:"), self.amount)
        form.addRow(self.tr("Tại ngày:"), self.on_date)
        bank = QLabel(self.tr("Số dư đầu kỳ của tài khoản ngân hàng, kho bạc ghi khi thêm tài khoản "
                              "ở trang Tiền gửi."), objectName="bankOpeningNote")
        bank.setWordWrap(True)
        bank.setStyleSheet("color: #555")
        form.addRow(bank)

    def value(self) -> tuple[int, date]:
        """(amount, date); DomainError saying what is wrong with the amount."""
        from desktop.services.core.errors import DomainError
        from desktop.services.core.money import MoneyFormatError, money_bound_problem, parse_money
        label = self.tr("Tồn quỹ tiền mặt")
        try:
            amount = parse_money(self.amount.text()) or 0
        except MoneyFormatError:
            raise DomainError(self.tr("{0}: “{1}” không phải số tiền (ví dụ 12.500.000).")
                              .format(label, self.amount.text())) from None
        problem = money_bound_problem(amount, label)
        if problem:
            raise DomainError(problem)
        d = self.on_date.date()
        return amount, date(d.year(), d.month(), d.day())


class DuesSettingsForm(QWidget):
    """Dues rules of the unit and the texts printed on its forms."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QDateEdit

        from desktop.services.units.service import DUES_GROUPS
        self.group = QComboBox(objectName="duesGroupSetting")
        for k, v in DUES_GROUPS.items():
            self.group.addItem(v, k)
        self.higher = QLineEdit(objectName="higherRate")
        self.higher.setPlaceholderText(self.tr("để trống nếu không có nghị quyết; ví dụ 1 (%)"))
        self.rounding = QComboBox(objectName="rounding")
        for step, text in ((1, self.tr("đến 1 đồng")), (100, self.tr("đến 100 đồng")), (1000, self.tr("đến 1.000 đồng"))):
            self.rounding.addItem(text, step)
        self.dues_from = QDateEdit(objectName="duesFrom")
        self.dues_from.setDisplayFormat("MM/yyyy")
        self.remit = QLineEdit(objectName="remitShare")
        self.remit.setPlaceholderText(self.tr("để trống: theo quy định (30% từ 29/08/2025)"))
        self.qhns = QLineEdit(objectName="qhnsCode")
        self.place = QLineEdit(objectName="place")
        self.place.setPlaceholderText(self.tr("ví dụ: Dĩ An (in trước “, ngày … tháng … năm …”)"))
        self.linh = QComboBox(objectName="linhLe")
        self.linh.addItems(["linh", "lẻ"])
        self.nghin = QComboBox(objectName="nghinNgan")
        self.nghin.addItems(["nghìn", "ngàn"])
        self.circular40 = QLineEdit(objectName="circularC40")
        self.circular41 = QLineEdit(objectName="circularC41")
        self.opening = QLineEdit(objectName="openingBalance")
        self.opening_date = QDateEdit(objectName="openingDate")
        self.opening_date.setDisplayFormat("dd/MM/yyyy")
        self.opening_date.setDate(QDate.currentDate())
        form = QFormLayout(self)
        form.addRow(self.tr("Nhóm đơn vị:"), self.group)
        form.addRow(self.tr("Thu cao hơn theo nghị quyết (%):"), self.higher)
        form.addRow(self.tr("Làm tròn đoàn phí:"), self.rounding)
        form.addRow(self.tr("Theo dõi nợ đoàn phí từ tháng:"), self.dues_from)
        form.addRow(self.tr("Tỷ lệ nộp cấp trên (%):"), self.remit)
        form.addRow(self.tr("Mã QHNS:"), self.qhns)
        form.addRow(self.tr("Địa danh:"), self.place)
        words = QHBoxLayout()
        words.addWidget(self.linh)
        words.addWidget(self.nghin)
        words.addStretch(1)
        form.addRow(self.tr("Đọc số tiền bằng chữ:"), words)
        form.addRow(self.tr("Dòng thông tư (C40-BB):"), self.circular40)
        form.addRow(self.tr("Dòng thông tư (C41-BB):"), self.circular41)
        opening = QHBoxLayout()
        opening.addWidget(self.opening, 1)
        opening.addWidget(QLabel(self.tr("tại ngày")))
        opening.addWidget(self.opening_date)
        form.addRow(self.tr("Tồn quỹ tiền mặt đầu kỳ:"), opening)

    def set_settings(self, d) -> None:
        from PySide6.QtCore import QDate

        from desktop.services.core.money import format_money
        self.group.setCurrentIndex(max(0, self.group.findData(d.dues_group)))
        self.higher.setText(d.higher_rate_percent or "")
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(d.rounding)))
        if d.dues_from:
            self.dues_from.setDate(QDate(d.dues_from.year, d.dues_from.month, 1))
        self.remit.setText(d.remit_share_percent or "")
        self.qhns.setText(d.qhns_code or "")
        self.place.setText(d.place or "")
        self.linh.setCurrentText(d.words_linh_le)
        self.nghin.setCurrentText(d.words_nghin_ngan)
        self.circular40.setText(d.circular_c40 or "")
        self.circular41.setText(d.circular_c41 or "")
        self.opening.setText(format_money(d.opening_balance, unit=False))
        if d.opening_date:
            self.opening_date.setDate(QDate(d.opening_date.year, d.opening_date.month, d.opening_date.day))

    def settings(self):
        from desktop.services.core.errors import ValidationError
        from desktop.services.core.money import MoneyFormatError, parse_money
        from desktop.services.units.service import DuesSettings
        try:
            opening = parse_money(self.opening.text()) or 0
        except MoneyFormatError:
            raise ValidationError({"opening_balance": self.tr("không phải số tiền.")}) from None
        f = self.dues_from.date()
        o = self.opening_date.date()
        from datetime import date
        return DuesSettings(
            dues_group=self.group.currentData(), higher_rate_percent=self.higher.text() or None,
            rounding=self.rounding.currentData(), dues_from=date(f.year(), f.month(), 1),
            remit_share_percent=self.remit.text() or None, qhns_code=self.qhns.text(), place=self.place.text(),
            circular_c40=self.circular40.text(), circular_c41=self.circular41.text(),
            words_linh_le=self.linh.currentText(), words_nghin_ngan=self.nghin.currentText(),
            opening_balance=opening, opening_date=date(o.year(), o.month(), o.day()))
