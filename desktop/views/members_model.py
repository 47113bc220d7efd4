"""Table model of the members list: pages fetched as the user scrolls, so that a list of
100,000 members opens at once and stays light."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from desktop.services.members.service import MemberQuery, MemberRow, MemberService
from desktop.views.formatting import term

PAGE = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("MembersModel", text)


# (sort key, header, cell text)
COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("MembersModel", "Họ và tên"), lambda r: r.full_name),
    ("birth_date", QT_TRANSLATE_NOOP("MembersModel", "Ngày sinh"), lambda r: r.birth_text),
    ("gender", QT_TRANSLATE_NOOP("MembersModel", "Giới tính"), lambda r: r.gender),
    ("id_number", QT_TRANSLATE_NOOP("MembersModel", "Số CCCD"), lambda r: r.id_number or ""),
    ("group", QT_TRANSLATE_NOOP("MembersModel", "Tổ công đoàn"), lambda r: r.group_name or ""),
    ("phone", QT_TRANSLATE_NOOP("MembersModel", "Điện thoại"), lambda r: r.phone or ""),
    ("card_number", QT_TRANSLATE_NOOP("MembersModel", "Số thẻ"), lambda r: r.card_number or ""),
    ("status", QT_TRANSLATE_NOOP("MembersModel", "Trạng thái"), lambda r: term(r.status_label)),
]


class MembersModel(QAbstractTableModel):
    def __init__(self, service: MemberService, parent=None) -> None:
        super().__init__(parent)
        self.service = service
        self.query = MemberQuery()
        self.rows: list[MemberRow] = []
        self.total = 0

    # ---- loading -------------------------------------------------------------------
    def set_query(self, query: MemberQuery) -> None:
        self.beginResetModel()
        self.query = query
        self.rows, self.total = self.service.first_page(query, PAGE)
        self.endResetModel()

    def reload(self) -> None:
        """After a change: keep as many rows as were loaded, so the view does not jump."""
        self.beginResetModel()
        self.rows, self.total = self.service.first_page(self.query, max(len(self.rows), PAGE))
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self.service.page(self.query, len(self.rows), PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # ---- Qt model API -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][2](row)
        if role == Qt.ItemDataRole.ForegroundRole and row.status not in ("active",):
            from PySide6.QtGui import QColor
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section][1])
        return str(section + 1)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        from dataclasses import replace
        key = COLUMNS[column][0]
        desc = order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (key, desc):
            self.set_query(replace(self.query, sort=key, descending=desc))

    def member_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None
