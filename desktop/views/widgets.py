"""Small widgets shared by the pages: the group filter and the read-only list table."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from desktop.services.units.service import GroupInfo


class GroupFilter(QComboBox):
    """"All groups" and each group; keeps the chosen group across reloads."""

    def __init__(self, object_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMinimumWidth(180)

    def set_groups(self, groups: list[GroupInfo]) -> None:
        keep = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("Tất cả các tổ"), None)
        for g in groups:
            self.addItem(g.name, g.id)
        self.setCurrentIndex(max(0, self.findData(keep)))
        self.blockSignals(False)


def list_table(object_name: str, *, multi: bool = False) -> QTableView:
    """A table of rows to pick from, never edited in place."""
    table = QTableView(objectName=object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def stretch(table: QTableView, column: int) -> None:
    """The column that carries the meaning (a name, Nội dung, Diễn giải, a PC's name)
    takes the width the others leave."""
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
