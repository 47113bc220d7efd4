"""A pushed column checked as a whole (protocol.fields.column_fits) says "fits" exactly
when every one of its values fits its field value by value: a first upload's columns
are checked the fast way, the value-by-value check stays the rule."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.fields import FIELDS, META, column_fits, value_problem
from server.sync.merge import _invalid_rows

# Values that fit some field and not others: every kind's edge.
CANDIDATES = [
    None, 0, 1, 2, -1, True, False, 1.0, 10 ** 19, 999_999_999_999, 1_000_000_000_000, 1900, 9999, 10_000,
    "", "Nam", "Nữ", "active", "present", "Nguyễn Văn An", "dòng một\ndòng hai", "tab\there", "chuông\x07",
    "nul\x00", "c1\x85", "x" * 201, "x" * 5001, "2026-01-31", "2026-02-30", "2026-1-01", "26-01-01",
    "2026-01-31 10:00:00.000000", "2026-01-31T10:00:00Z", "2026-13-01 00:00:00",
    "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B", "not-a-uuid",
    ["a"], {"a": 1},
]
FIELD_NAMES = sorted((tbl, name) for tbl, fields in FIELDS.items() for name in fields) + [
    ("member", name) for name in META]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIELD_NAMES), st.lists(st.sampled_from(range(len(CANDIDATES))), min_size=0, max_size=5))
def test_a_column_fits_exactly_when_each_of_its_values_does(field, picks):
    tbl, name = field
    spec = FIELDS[tbl].get(name) or META[name]
    values = [CANDIDATES[i] for i in picks]
    assert column_fits(tbl, name, values) == all(value_problem(spec, v) is None for v in values), values


def test_every_field_of_every_table_agrees_on_each_candidate_alone():
    for tbl, name in FIELD_NAMES:
        spec = FIELDS[tbl].get(name) or META[name]
        for v in CANDIDATES:
            assert column_fits(tbl, name, [v]) == (value_problem(spec, v) is None), (tbl, name, v)


def test_an_unknown_field_never_fits():
    assert not column_fits("member", "no_such_field", ["x"])


def test_one_bad_value_in_a_large_column_is_named_by_its_row():
    rng = random.Random(17)
    names = [f"Đoàn viên {i}" for i in range(5000)]
    genders = [rng.choice(["Nam", "Nữ"]) for _ in range(5000)]
    names[3210] = "Lê\x00 Văn"
    genders[42] = "X"
    found = _invalid_rows("member", {"full_name": names, "gender": genders})
    assert set(found) == {42, 3210}
    assert "Họ và tên" in found[3210] and "Giới tính" in found[42]
    assert _invalid_rows("member", {"full_name": names[:3000], "gender": genders[100:3100]}) == {}
