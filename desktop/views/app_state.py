"""What every page shares: the services, the task runner, and one data_changed signal
that a write emits and each page answers by refreshing what it shows (Anki's OpChanges)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.core.context import Context
from desktop.services.members.service import MemberService
from desktop.services.units.service import UnitService
from desktop.views.task_runner import TaskRunner


class AppState(QObject):
    data_changed = Signal(object)  # a set of what changed: {"members"}, {"unit", "groups"}

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = TaskRunner(self)
        self.members = MemberService(ctx)
        self.units = UnitService(ctx)

    def changed(self, *what: str) -> None:
        self.data_changed.emit(set(what))
