"""What every page shares: the services, the task runner, and one data_changed signal
that says what each committed write changed (Anki's OpChanges). The services derive it
from the tables written (services/core/changes.py); no page names a change itself, and
each answers data_changed by refreshing what it shows."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.services.core.context import Context
from desktop.services.members.service import MemberService
from desktop.services.units.service import UnitService
from desktop.views.task_runner import TaskRunner


class AppState(QObject):
    data_changed = Signal(object)  # a frozenset of what changed: {"members"}, {"unit", "dues"}
    # The feed calls on the thread that wrote (the task runner's worker, the sync's
    # thread): this signal, emitted there, reaches data_changed on the UI thread queued,
    # and directly when the write was made on the UI thread.
    _committed = Signal(object)

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = TaskRunner(self)
        self.members = MemberService(ctx)
        self.units = UnitService(ctx)
        self._committed.connect(self.data_changed)
        # Heard until the Context closes (Context.close ends every subscription). The feed
        # holds the state weakly and asks whether Qt still has it: a state dropped before
        # its Context closes must not be emitted on from the writer's thread.
        ref = weakref.ref(self)

        def deliver(kinds: frozenset[str]) -> None:
            state = ref()
            if state is not None and shiboken6.isValid(state):
                state._committed.emit(kinds)
        ctx.changes.subscribe(deliver)
