"""Small widgets shared by the pages: the group filter, the read-only list table, and a
form's field taken out of its dict as the kind of widget it is."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QWidget

from desktop.services.units.service import GroupInfo

W = TypeVar("W", bound=QWidget)


def field_as(widget: QWidget, kind: type[W]) -> W:
    """A form keeps its fields in one dict (laid out, checked and marked by key): this is
    one of them as the widget it was made, a QComboBox or a QLineEdit."""
    if not isinstance(widget, kind):
        raise TypeError(f"{widget.objectName()} is a {type(widget).__name__}, not a {kind.__name__}")
    return widget


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
