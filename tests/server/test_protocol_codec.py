"""The column-wise rows of protocol 2 (protocol/codec.py) give back exactly what was encoded."""

import json
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.codec import Ids, decode_column, decode_rows, derived_id_of, encode_column, encode_rows
from protocol.tables import derived_id

UUIDS = [str(uuid.UUID(int=(i + 1) * 0x1F3A5C7E9B2D4F6081A3C5E7, version=4)) for i in range(6)]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.sampled_from(["", "Nguyễn Văn An", "2026-01-01", "2026-01-01 10:00:00.000000"]),
                    st.sampled_from(UUIDS), st.text(max_size=5))


def typed(values):
    return [(type(v), v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(scalars, min_size=1, max_size=40), min_size=1, max_size=4))
def test_columns_round_trip_through_json_with_their_types(columns):
    ids = Ids()
    encoded = [encode_column(values, ids) for values in columns]
    wire = json.loads(json.dumps({"ids": ids.list, "cols": encoded}, ensure_ascii=False))
    for values, col in zip(columns, wire["cols"]):
        assert typed(decode_column(col, len(values), wire["ids"])) == typed(values)


def test_the_forms_chosen():
    ids = Ids()
    assert encode_column([None] * 5, ids) == {"c": None}
    assert encode_column([3, 4, 4, 9], ids) == {"s": [3, 1, 0, 5]}
    assert encode_column(["Kinh"] * 6 + ["Tày", "Kinh"], ids) == {"d": ["Kinh", "Tày"], "x": [0] * 6 + [1, 0]}
    refs = encode_column([UUIDS[0], UUIDS[1], None, UUIDS[0]], ids)
    assert refs == {"r": [0, 1, None, -1]} and ids.list == UUIDS[:2]
    # 1, 1.0 and True are different values on the wire: never one constant.
    assert "c" not in encode_column([1, 1.0, True], ids)


def test_derived_ids_are_left_out_and_computed_back():
    doc, member = UUIDS[0], UUIDS[1]
    months = ["2026-01-01", "2026-02-01", "2026-03-01"]
    cols = {"doc_id": [doc] * 3, "member_id": [member] * 3, "month": months, "amount": [45_000] * 3}
    row_ids = [derived_id("dues_payment", {"doc_id": doc, "member_id": member, "month": m}) for m in months]
    assert row_ids == [derived_id_of(doc, member, m) for m in months]
    ids = Ids()
    group = encode_rows("dues_payment", row_ids, [7, 8, 9], cols, ids)
    assert "id" not in group
    got_ids, seqs, got = decode_rows(group, ids.list)
    assert (list(got_ids), seqs, got) == (row_ids, [7, 8, 9], cols)
    assert got_ids[1] == row_ids[1] and got_ids[1:] == row_ids[1:]
    # An allocation made before ids were derived keeps its own id: then ids travel.
    other = [row_ids[0], str(uuid.uuid4()), row_ids[2]]
    group = encode_rows("dues_payment", other, [7, 8, 9], cols, ids)
    assert "id" in group and decode_rows(group, ids.list)[0] == other
    # Known to be derived (the server checked as the rows came): no ids, no check again.
    assert "id" not in encode_rows("dues_payment", None, [7, 8, 9], cols, ids)
