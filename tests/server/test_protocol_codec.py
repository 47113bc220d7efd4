"""The column-wise rows of protocol 2 (protocol/codec.py) give back exactly what was encoded."""

import json
import uuid
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.codec import (
    Ids,
    compact_columns,
    decode_column,
    decode_rows,
    derived_id_of,
    encode_column,
    encode_number_texts,
    encode_rows,
    encode_uuids,
)
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


TIMESTAMPS = st.one_of(st.none(), st.datetimes(min_value=__import__("datetime").datetime(1900, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TIMESTAMPS, scalars, st.sampled_from(["Tạo phiếu thu", "Hủy phiếu"])), min_size=1,
                max_size=30))
def test_a_snapshots_compact_columns_give_back_the_same_rows(rows):
    """Issue 17: timestamps as numbers and a column equal to another named, not sent."""
    from protocol.codec import compact_columns

    at = [r[0] for r in rows]
    columns = {"at": at, "created_at": list(at), "updated_at": list(at), "other": [r[1] for r in rows],
               "label": [r[2] for r in rows]}
    ids = Ids()
    row_ids = [str(uuid.UUID(int=i + 7, version=4)) for i in range(len(rows))]
    plain = json.loads(json.dumps(encode_rows("audit_log", row_ids, list(range(1, len(rows) + 1)), columns, ids)))
    compact = json.loads(json.dumps(compact_columns(json.loads(json.dumps(plain)))))
    got = decode_rows(compact, ids.list)
    want = decode_rows(plain, ids.list)
    assert list(got[0]) == list(want[0]) and got[1] == want[1]
    assert {k: typed(v) for k, v in got[2].items()} == {k: typed(v) for k, v in want[2].items()}


def test_an_audit_rows_timestamps_cost_a_few_bytes():
    from protocol.codec import compact_columns

    at = [f"2026-12-07 06:{i // 60:02d}:{i % 60:02d}.{i * 7919 % 1000000:06d}" for i in range(500)]
    group = encode_rows("audit_log", None, None, {"at": at, "created_at": list(at), "updated_at": list(at)}, Ids())
    before = len(json.dumps(group))
    compact = compact_columns(group)
    assert compact["cols"]["created_at"] == compact["cols"]["updated_at"] == {"e": "at"}
    assert "t" in compact["cols"]["at"] and len(json.dumps(compact)) * 5 < before


def test_a_malformed_compact_column_is_a_value_error():
    import pytest

    with pytest.raises(ValueError):
        decode_rows({"tbl": "audit_log", "n": 1, "cols": {"at": {"t": [10 ** 30]}}}, [])
    with pytest.raises(ValueError):
        decode_rows({"tbl": "audit_log", "n": 1, "cols": {"a": {"e": "nothing"}}}, [])


def serial_ids(n, tag="9c45b2a1ebe6", start=0x01A250E08405):
    """Audit row ids as a PC makes them (desktop/models/audit.py): its clock, its device, a counter."""
    out = []
    for i in range(n):
        ms = start + i // 3
        h = f"{ms:012x}7{tag[:3]}8{tag[3:6]}{tag[6:]}{i + 1:06x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def test_audit_ids_travel_as_numbers_and_come_back_exactly():
    row_ids = serial_ids(300) + [str(uuid.uuid4()) for _ in range(5)]  # a few older, random ones
    cols = {"tbl": ["cash_doc"] * 305, "action": ["insert"] * 305}
    ids = Ids()
    group = encode_rows("audit_log", row_ids, list(range(305)), cols, ids, serial=True)
    assert set(group["id"]) == {"u", "w"} and ids.list == []  # not in the page's shared list
    assert group["id"]["w"][1:300] == [1] * 299  # a run of one PC's rows: differences of one
    wire = json.loads(json.dumps(group))
    assert list(decode_rows(wire, [])[0]) == row_ids
    # A receiver that did not ask gets the ids as before; other tables never.
    assert "r" in encode_rows("audit_log", row_ids, None, cols, Ids())["id"]
    assert "r" in encode_rows("member", row_ids, None, cols, Ids(), serial=True)["id"]
    # Ids not written as lowercase UUIDs go as they are.
    upper = [row_ids[0].upper()] + row_ids[1:]
    assert "r" in encode_rows("audit_log", upper, None, cols, Ids(), serial=True)["id"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.uuids().map(str), min_size=1, max_size=30))
def test_any_uuids_come_back_exactly_as_numbers(values):
    assert decode_column(json.loads(json.dumps(encode_uuids(values))), len(values), []) == values


def test_number_texts_travel_as_numbers_only_when_written_plainly():
    assert encode_number_texts(["1", "2", None, "3", "-4"]) == {"i": [1, 1, None, 1, -7]}
    assert decode_column({"i": [1, 1, None, 1, -7]}, 5, []) == ["1", "2", None, "3", "-4"]
    for odd in (["07"], ["+7"], ["-0"], ["1", "x"], ["²"], ["١"], [None], ["1" * 19], [7]):
        assert encode_number_texts(odd) is None, odd
    group = {"tbl": "audit_log", "n": 3, "cols": {"old_value": {"v": ["41", "42", None]}}}
    assert compact_columns(json.loads(json.dumps(group)), numbers=True)["cols"]["old_value"] == {"i": [41, 1, None]}
    assert compact_columns(json.loads(json.dumps(group)))["cols"]["old_value"] == {"v": ["41", "42", None]}


def test_malformed_numbers_are_refused_not_guessed():
    for col in ({"u": [2 ** 48], "w": [0]}, {"u": [-1], "w": [0]}, {"u": [0], "w": [2 ** 80]}, {"u": [1, 1], "w": [1]},
                {"u": [1.5], "w": [1]}, {"u": [True], "w": [1]}, {"u": ["1"], "w": [1]}, {"i": [1, "2"]},
                {"i": [0.5]}):
        with pytest.raises(ValueError):
            decode_column(col, 1, [])


def per_value(col, ids):
    """What decode_column gave value by value before its loops in C (issue 17): the
    reference the quick paths must equal, with nulls and every form of differences."""
    from datetime import datetime, timedelta

    if "t" in col:
        out, total = [], 0
        for d in col["t"]:
            if d is None:
                out.append(None)
                continue
            total += d
            out.append((datetime(1970, 1, 1) + timedelta(microseconds=total)).strftime("%Y-%m-%d %H:%M:%S.%f"))
        return out
    out, total = [], 0
    for d in col["r" if "r" in col else "s"]:
        if d is None:
            out.append(None)
            continue
        total += d
        out.append(ids[total] if "r" in col else total)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-2 * 10 ** 16, 2 * 10 ** 16)), min_size=1, max_size=30),
       st.lists(st.integers(0, 5), min_size=1, max_size=30), st.booleans())
def test_the_quick_decoding_gives_what_value_by_value_gave(deltas, steps, nulls):
    """Timestamps of any year (strftime's text, a year under 1000 without its zeros), and
    ids and integers as running totals, with and without nulls among them."""
    import pytest

    total = 0
    for i, d in enumerate(deltas):  # keep the running total within datetime's years
        d = d or 0
        if not -62_000_000_000_000_000 < total + d < 250_000_000_000_000_000:
            deltas[i] = 0 if deltas[i] is not None else None
        else:
            total += d
    assert decode_column({"t": deltas}, len(deltas), []) == per_value({"t": deltas}, [])
    refs = [None if nulls and i % 3 == 1 else s for i, s in enumerate(steps)]
    ids = [str(uuid.UUID(int=i + 1, version=4)) for i in range(sum(steps) + 1)]
    assert decode_column({"r": refs}, len(refs), ids) == per_value({"r": refs}, ids)
    assert decode_column({"s": steps}, len(steps), []) == per_value({"s": steps}, [])
    with pytest.raises(ValueError):
        decode_column({"t": [1, "2"]}, 2, [])
def test_timestamps_go_as_microsecond_differences_and_come_back_exactly():
    from protocol.codec import _timestamps, encode_timestamps

    values = ["2026-01-31 10:00:00.000000", None, "2026-01-31 10:00:00.000250", "1999-12-31 23:59:59.999999",
              "2026-01-31 10:00:00.000250"]
    encoded = encode_timestamps(values)
    assert encoded is not None and _timestamps(encoded["t"]) == values
    # What would not come back as written goes as plain strings (None here).
    for odd in ["2026-02-30 00:00:00.000000", "٢٠٢٦-01-31 10:00:00.000000", "2026-01-31T10:00:00.000000",
                "2026-01-31 10:00:00.00000", "2026-01-31 10:00:00+07:00"]:
        assert encode_timestamps([odd]) is None, odd
    # A pushed column of differences may name a year below 1000: written as strftime does.
    assert _timestamps([-(1969 * 365 + 477) * 86_400_000_000]) == ["1-01-01 00:00:00.000000"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.datetimes(min_value=datetime(1000, 1, 1)), min_size=1, max_size=30), st.integers(0, 29),
       st.sampled_from(["2026-02-30 00:00:00.000000", "2026-01-31T10:00:00.000000", "٢٠٢٦-01-31 10:00:00.000000",
                        "2026-01-31 10:00:00.00000", 7, None]))
def test_a_column_of_timestamps_is_read_at_once_as_it_was_value_by_value(moments, at, odd):
    """A column without nulls is checked and read by loops in C: the same differences as
    the value-by-value way (which a column with a null takes), and the same refusal of a
    value that would not come back as written."""
    from protocol.codec import _timestamps, encode_timestamps

    values = [m.strftime("%Y-%m-%d %H:%M:%S.%f") for m in moments]
    encoded = encode_timestamps(values)
    with_null = encode_timestamps([*values, None])  # the value-by-value way
    assert encoded is not None and with_null is not None and encoded["t"] == with_null["t"][:-1]
    assert _timestamps(encoded["t"]) == values
    spoilt = list(values)
    spoilt[at % len(values)] = odd
    assert (encode_timestamps(spoilt) is None) == (odd is not None)
