"""Issue 14, item 9 across PCs: the budget line the accountant edits on one PC is the line
the other PC shows after a sync, and a line put back to the proposal comes back too; the
server keeps the row (the estimate and the approval) it was sent."""

from datetime import date

from desktop.services.reports import BudgetService, LineEdit
from tests.e2e.helpers import rows

YEAR = date.today().year + 1


def test_a_budget_line_edited_on_one_pc_is_shown_on_the_other(server, make_device):
    unit = server.unit("CĐCS Công ty Dệt may Hòa Thọ")
    a, sa = make_device(server, unit, "ke-toan")
    BudgetService(a).set_line(YEAR, "B32", estimate=12_000_000, approved=10_000_000, note="Hội thao")
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    there = BudgetService(b).show(YEAR).row("B32")
    assert (there.estimate, there.approved, there.note, there.edited) == (12_000_000, 10_000_000, "Hội thao", True)

    BudgetService(b).save(YEAR, [LineEdit("B32", None, None, None)])
    assert sb.sync_now().rejected == 0
    sa.sync_now()
    assert not BudgetService(a).show(YEAR).row("B32").edited
    assert rows(a, "SELECT deleted_at IS NOT NULL FROM budget_line WHERE code = 'B32'") == [(1,)]
