"""The seqs of one push (server/sync/push.py): each row right after the row it points to
when both came in the push (an audit row after its record, a receipt's allocations after
it), so that a pull page, a seq range, holds both; every row exactly once, whatever they
point to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from server.sync.push import beside_what_they_point_to


@dataclass
class Row:
    tbl: str
    row_id: str
    data: dict = field(default_factory=dict)


def test_audit_rows_and_allocations_follow_what_they_point_to():
    receipts = [Row("cash_doc", f"doc{i}") for i in range(3)]
    allocations = [Row("dues_payment", f"pay{i}", {"doc_id": f"doc{i}"}) for i in range(3)]
    audits = [Row("audit_log", f"a{i}", {"row_id": f"doc{i}", "tbl": "cash_doc"}) for i in range(3)]
    about_allocation = Row("audit_log", "a-pay0", {"row_id": "pay0"})
    book = Row("audit_log", "a-book", {"row_id": "book-not-in-this-push"})
    nothing = Row("audit_log", "a-none", {"row_id": None})
    pushed = [book, *receipts, *allocations, about_allocation, *audits, nothing]
    got = [r.row_id for r in beside_what_they_point_to(pushed)]
    assert got == ["a-book", "doc0", "pay0", "a-pay0", "a0", "doc1", "pay1", "a1", "doc2", "pay2", "a2", "a-none"]


def test_every_row_exactly_once_even_pointing_in_a_circle_or_at_itself():
    rng = random.Random(17)
    for _ in range(200):
        ids = [f"r{i}" for i in range(12)]
        rows = [Row(rng.choice(["audit_log", "dues_payment", "member"]), i,
                    {"row_id": rng.choice([*ids, None, 7]), "doc_id": rng.choice([*ids, None])}) for i in ids]
        out = beside_what_they_point_to(rows)
        assert sorted(map(id, out)) == sorted(map(id, rows))
    a, b = Row("audit_log", "x", {"row_id": "y"}), Row("audit_log", "y", {"row_id": "x"})
    assert [r.row_id for r in beside_what_they_point_to([a, b])] == ["x", "y"]
