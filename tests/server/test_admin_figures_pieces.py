"""The pieces of /admin/ that decide what a number says: the current quarter, a unit's
state (synced within 30 days, remitted this quarter), the units-table filters, the cards'
Vietnamese numbers, the activity labels (the desktop's own)."""

from datetime import datetime

from desktop.services.activities.service import ACTIVITY_KINDS
from server.reports.service import UnitFigures
from server.web import cards, units_table

NOW = datetime(2026, 12, 7, 9, 0)


def _unit(code: str, remitted: dict[str, int], synced: str | None, silent: int = 0) -> UnitFigures:
    return UnitFigures(code, code, "P", members_by_status={"active": 3}, dues_due_by_month={"2026-10": 300},
                       dues_collected_by_month={"2026-10": 200}, remitted_by_month=remitted,
                       last_sync_below=synced, silent_below=silent, has_below=True)


def test_this_quarter_and_the_last_30_days():
    assert cards.quarter_months(NOW.date()) == {"2026-10", "2026-11", "2026-12"}
    assert cards.quarter_months(datetime(2026, 3, 31).date()) == {"2026-01", "2026-02", "2026-03"}
    fresh = _unit("A", {"2026-11": 60}, "2026-11-08 09:00:00")
    # Synced the latest yesterday, yet one of its units with PCs has not for 30 days:
    # "not synced" as the table's filter means it (the count comes from the server's query).
    stale = _unit("B", {"2026-09": 60}, "2026-12-06 09:00:00", silent=1)
    never = _unit("C", {}, None, silent=4)
    # No PC below it ever synced, and none counted silent (its units never enrolled one).
    empty = _unit("D", {"2026-11": 1}, None)
    # Its latest sync 40 days ago, by a PC revoked since: nothing silent, but not synced.
    old = _unit("E", {"2026-11": 1}, "2026-10-28 09:00:00")
    assert cards.state(fresh, NOW) == cards.UnitState(True, True)
    assert cards.state(stale, NOW) == cards.UnitState(False, False)  # remitted last quarter only
    assert cards.state(never, NOW) == cards.UnitState(False, False)
    assert cards.state(empty, NOW) == cards.state(old, NOW) == cards.UnitState(False, True)
    rows = [fresh, stale, never, empty, old]
    pick = lambda flt: [x.code for x in units_table.select_lines(rows, flt=flt, now=NOW)]
    assert pick("no_remittance") == ["B", "C"] and pick("no_sync_30") == ["B", "C", "D", "E"]
    assert pick("collected_below_80") == ["A", "B", "C", "D", "E"] and pick("") == ["A", "B", "C", "D", "E"]
    html = units_table.render("P", rows, {})
    assert "2026-12-06 09:00:00 · 1 đơn vị chưa đồng bộ 30 ngày" in html and "chưa · 4 đơn vị" in html
    assert "2026-11-08 09:00:00</td>" in html  # none silent: the date alone


def test_numbers_rates_and_labels_in_vietnamese():
    assert cards.n(1_234_567) == "1.234.567" and cards.n(0) == "0"
    assert cards.pct(1, 3) == "33,3 %" and cards.pct(5, 0) == "—"
    assert cards.expected_remittance(260_000) == 78_000
    assert cards.ACTIVITY_LABELS == ACTIVITY_KINDS


def test_the_charts_escape_and_summarise():
    total = UnitFigures("*", "Tổng cộng", None, dues_due_by_month={"2026-10": 1_000_000},
                        dues_collected_by_month={"2026-10": 800_000}, remitted_by_month={"2026-11": 240_000},
                        activities_by_kind={"<b>": 2})
    html = cards.render(total, [_unit("A", {}, None)], NOW)
    assert "tỷ lệ thu 80,0 %" in html and "100,0 % của 240.000 đ phải nộp" in html
    assert "10/2026: phải thu 1.000.000 đ, đã thu 800.000 đ, đã nộp 0 đ" in html
    assert "<b> 2" not in html and "&lt;b&gt; 2" in html
    assert html.count("<svg") == 2


def test_the_tree_caps_a_node_s_children_but_keeps_the_open_branch(tmp_path, monkeypatch):
    from server.db import make_engine, make_sessions, migrate
    from server.units.service import create_unit
    from server.web import tree

    engine = make_engine(f"sqlite:///{tmp_path / 'tree.sqlite3'}")
    migrate(engine)
    with make_sessions(engine)() as s, s.begin():
        home = create_unit(s, "T", "Tỉnh")
        kids = [create_unit(s, f"X{i}", f"Xã {i}", "T") for i in range(4)]
        deep = create_unit(s, "CS", "Cơ sở <b>", "X3")
        monkeypatch.setattr(tree, "MAX_CHILDREN", 2)
        html = tree.render(s, home, deep)
        assert [c for c in ("X0", "X1", "X2", "X3") if f"data-code='{c}'" in html] == ["X0", "X1", "X3"]
        assert "aria-current='page'>Cơ sở &lt;b&gt;</a>" in html and "… và 1 đơn vị khác" in html
        listed = tree.as_json(tree.children(s, [home.id])[home.id])
        assert [c["code"] for c in listed["children"]] == ["X0", "X1"] and listed["more"] == 2
        assert [c["has_children"] for c in listed["children"]] == [False, False]
        assert tree.children(s, [kids[3].id])[kids[3].id] == [tree.Node("CS", "Cơ sở <b>", False)]
    engine.dispose()
