"""The bank of an account, chosen from the banks that take VietQR transfers (their BIN
goes into the dues notice's code, services/bank/banks.py) by typing any part of its
line: "vietin", "Công thương", "970415", a former name. Shared by the account dialog of
the Tiền gửi page and the first-start wizard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from desktop.services.bank.banks import BANKS, find_banks


class BankPicker(QComboBox):
    def __init__(self, name: str = "f_bank_bin", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for b in BANKS:
            former = f", trước đây {b.formerly}" if b.formerly else ""
            self.addItem(f"{b.short_name} ({b.bin}) — {b.name}{former}", b.bin)
        self.search = QLineEdit(objectName="bankSearch")
        self.search.setPlaceholderText(self.tr("gõ tên ngân hàng hoặc mã BIN, ví dụ Vietcombank, 970415"))
        self.setLineEdit(self.search)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # The long lines ("… — Ngân hàng TMCP …") would set the form's width: the field
        # takes the room it is given, the list opens as wide as it needs.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.view().setMinimumWidth(520)

    def chosen_bin(self) -> str | None:
        """The bank whose line is chosen, or the one bank what was typed finds ("vietin",
        "970415", "cong thuong"); None when the text names none or several."""
        text = self.currentText()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index > 0:
            return self.itemData(index)
        found = find_banks(text) if text.strip() else []
        return found[0].bin if len(found) == 1 else None
