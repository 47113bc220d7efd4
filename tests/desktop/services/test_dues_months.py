"""dues_month's refresh before each sync (desktop/services/dues/months.py): what it reads
does not grow with the unit when nothing the figures follow from changed, and whatever
they follow from is seen (the figures stored are those computed afresh)."""

from dataclasses import replace
from datetime import date

import pytest

from desktop.services.core.context import open_context
from desktop.services.demo.service import make_demo
from desktop.services.dues import months
from desktop.services.dues.calc import month_index
from desktop.services.dues.totals import due_by_month
from desktop.services.members.service import MemberService
from tests.desktop.services.dues_helpers import add_member, setup_unit
from tests.vm_steps import STEP, Steps


def _phones_edited(ctx, n: int, round_: int) -> None:
    ms = MemberService(ctx)
    with ctx.db.engine.connect() as c:
        ids = [r[0] for r in c.exec_driver_sql("SELECT id FROM member ORDER BY id LIMIT ?", (n,))]
    for i, mid in enumerate(ids):
        ms.update(mid, replace(ms.get(mid).data, phone=f"09{round_}{i:07d}"), confirm_similar=True)


def test_a_refresh_after_edits_the_dues_do_not_follow_reads_as_much_at_any_size(tmp_path):
    """Phones edited (a pushing PC) or pulled (a receiving one) change no figure: the
    refresh reads a few rows, as many for 2,000 members as for 200. It read every member
    and event twice (the fingerprint), then computed the unit's dues again: 1.5 s at each
    sync of each PC at 100,000 members (issue 17, "100 changes under 1 s")."""
    steps = {}
    for n in (200, 2000):
        ctx = open_context(tmp_path / f"unit-{n}.sqlite3")
        try:
            make_demo(ctx, n)
            months.refresh(ctx)
            _phones_edited(ctx, 20, 1)
            with Steps(ctx) as counted:
                written = months.refresh(ctx)
            assert written == 0
            steps[n] = counted.steps
        finally:
            ctx.close()
    # Ten times the members: the same reads (a few hundred instructions either way;
    # reading the members once is tens of thousands at 2,000).
    assert steps[2000] <= steps[200] + 5 * STEP, steps


def _figures(ctx) -> tuple[dict[str, int], dict[str, int]]:
    """The months stored by the refresh, and the same months computed afresh."""
    last = month_index(date.today())
    first = last - months.MONTHS + 1
    with ctx.db.engine.connect() as c:
        stored = {m[:7]: due for m, due in c.exec_driver_sql(
            "SELECT month, due FROM dues_month WHERE deleted_at IS NULL")}
    fresh = due_by_month(ctx, first, last)
    return stored, {f"{m // 12}-{m % 12 + 1:02d}": due for m, due in fresh.items()}


def _raw(ctx, sql: str, params=()) -> None:
    with ctx.db.engine.begin() as c:
        c.exec_driver_sql(sql, params)


@pytest.fixture
def unit(ctx):
    setup_unit(ctx, dues_from=date(2020, 1, 1))
    ids = [add_member(ctx, name=name, salary=salary) for name, salary in
           (("Nguyễn Thị Lan", 8_000_000), ("Trần Văn Hùng", 9_500_000), ("Lê Thị Mai", 7_200_000))]
    months.refresh(ctx)
    return ctx, ids


CHANGES = {
    # what the figures follow from, changed as the services, a pulled page or a
    # migration's table rebuild would
    "salary": lambda ctx, ids: _raw(ctx, "UPDATE member SET salary = 12000000 WHERE id = ?", (ids[0],)),
    "basis": lambda ctx, ids: _raw(ctx, "UPDATE member SET dues_basis = 'fixed', salary = 5000000 WHERE id = ?",
                                   (ids[1],)),
    "member deleted": lambda ctx, ids: _raw(ctx, "UPDATE member SET deleted_at = '2026-01-01' WHERE id = ?", (ids[0],)),
    "member hard-deleted": lambda ctx, ids: (
        _raw(ctx, "DELETE FROM member_event WHERE member_id = ?", (ids[2],)),
        _raw(ctx, "DELETE FROM member WHERE id = ?", (ids[2],))),
    "member added": lambda ctx, ids: add_member(ctx, name="Phạm Văn Nam", salary=10_000_000),
    "admission moved": lambda ctx, ids: _raw(
        ctx, "UPDATE member_event SET event_date = ? WHERE member_id = ?",
        ((date.today().replace(day=1)).isoformat(), ids[1])),
    "paid on paper": lambda ctx, ids: _raw(ctx, "UPDATE member SET dues_paid_through = ? WHERE id = ?",
                                           (date.today().replace(day=1).isoformat(), ids[0])),
    "triggers dropped": lambda ctx, ids: (
        [_raw(ctx, f'DROP TRIGGER "{name}"') for name in _trigger_names(ctx)],
        _raw(ctx, "UPDATE member SET salary = 15000000 WHERE id = ?", (ids[0],))),
}


def _trigger_names(ctx) -> list[str]:
    with ctx.db.engine.connect() as c:
        return [r[0] for r in c.exec_driver_sql(
            f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '{months.PREFIX}*'")]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_what_the_figures_follow_from_is_seen(unit, change):
    ctx, ids = unit
    before, fresh = _figures(ctx)
    assert before == fresh
    CHANGES[change](ctx, ids)
    assert months.refresh(ctx) > 0
    stored, fresh = _figures(ctx)
    assert stored == fresh and stored != before
    assert months.refresh(ctx) == 0  # and once seen, not again
