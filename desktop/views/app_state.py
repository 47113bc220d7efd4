"""What every page shares: the services, the task runner, and one data_changed signal
that says what each committed write changed (Anki's OpChanges). The services derive it
from the tables written (services/core/changes.py); no page names a change itself, and
each answers data_changed by refreshing what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.core.context import Context
from desktop.services.members.service import MemberService
from desktop.services.units.service import UnitService
from desktop.views.task_runner import TaskRunner
from desktop.views.ui_thread import UiHandle


class AppState(QObject):
    data_changed = Signal(object)  # a frozenset of what changed: {"members"}, {"unit", "dues"}

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = TaskRunner(self)
        self.members = MemberService(ctx)
        self.units = UnitService(ctx)
        # Heard until the Context closes (Context.close ends every subscription). The feed
        # calls on the thread that wrote (the task runner's worker, the sync's thread); the
        # relay's signal reaches the UI thread queued, or directly when the UI thread wrote.
        handle = UiHandle(self)
        ctx.changes.subscribe(lambda kinds: handle.post(lambda state: state.data_changed.emit(kinds)))
