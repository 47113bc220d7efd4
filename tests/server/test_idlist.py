"""server/sync/idlist.py on both backends: "one of these ids" matches exactly the rows
whose id is in the list, whatever the list holds (ids as the PCs make them go as one
array text on PostgreSQL; anything else as a list, escaped)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from server.sync.idlist import one_of
from server.sync.models import Record
from server.units import service as units
from server.units.models import Unit
from tests.server.test_accounts import database, sessions  # noqa: F401 (fixtures)

HOSTILE = ["a,b", "{x}", 'quo"te', "back\\slash", "NULL", "null", "", " sp ace", "Đoàn viên", "x" * 36,
           "0123456789abcdef0123456789abcdef012,"]


def test_one_of_matches_exactly_the_listed_ids(sessions):  # noqa: F811
    ids = [str(uuid.uuid4()) for _ in range(50)] + HOSTILE
    with sessions() as s, s.begin():
        units.create_unit(s, "U1", "Công đoàn thử")
        s.flush()
        unit_id = s.scalar(select(Unit.id))
        s.add_all(Record(unit_id=unit_id, tbl="member", row_id=i, seq=n + 1, data={}, clock={})
                  for n, i in enumerate(ids))
    asked = [ids[0], ids[3], str(uuid.uuid4()), ids[7].upper()]  # one absent, one in capitals
    cases = [asked, asked + [h for h in HOSTILE if h], [*HOSTILE], ["NULL"], [ids[1]] * 3]
    with sessions() as s:
        for case in cases:
            found = set()
            for match in one_of(s, Record.row_id, case):
                found.update(s.scalars(select(Record.row_id).where(match)))
            assert found == set(case) & set(ids), case


@pytest.mark.parametrize("n", [1, 20_001])
def test_one_of_takes_long_lists_in_chunks(sessions, n):  # noqa: F811
    ids = [str(uuid.uuid4()) for _ in range(n)]
    with sessions() as s:
        assert len(list(one_of(s, Record.row_id, ids))) >= 1
        for match in one_of(s, Record.row_id, ids):
            assert s.scalars(select(Record.row_id).where(match)).all() == []
