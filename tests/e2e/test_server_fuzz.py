"""Fuzzing the real server over real HTTP (issue 11, item 8), on SQLite and PostgreSQL.

1. schemathesis generates requests for every operation of the server's OpenAPI, without
   and with a device credential: no answer is a 5xx.
2. A hypothesis property: random and hostile values for every synced table (lists,
   objects, NUL and other controls, huge numbers, floats, long text, impossible dates,
   bad ids), pushed as mutations and as bulk rows; every answer is below 500, every
   mutation gets a result and a refusal says why in Vietnamese; then a fresh PC pulls
   everything the server kept, to the end.

Bounded in examples (CONGDOAN_FUZZ_EXAMPLES raises them for a deeper run by hand)."""

from __future__ import annotations

import os
import time
import uuid

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from protocol import BULK_INSERT, TABLES
from protocol.fields import BOOLEAN, DATE, FIELDS, INTEGER, MONEY, TEXT, TIMESTAMP, UUID
from tests.e2e.helpers import rows
from tests.e2e.test_server_hardening import enroll

EXAMPLES = int(os.environ.get("CONGDOAN_FUZZ_EXAMPLES", "8"))
COVERAGE = os.environ.get("CONGDOAN_FUZZ_COVERAGE", "0") == "1"
PROPERTY_EXAMPLES = int(os.environ.get("CONGDOAN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def api(server):
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}})
    return schemathesis.openapi.from_url(server.base + "/openapi.json", config=config)


@pytest.fixture(scope="module")
def device_headers(server):
    unit = server.unit("CĐCS Thử nghiệm ngẫu nhiên")
    server.admin(unit, f"fuzz-{unit}")
    return enroll(server, unit)


def _no_server_error(case, server, headers: dict) -> None:
    response = case.call(base_url=server.base, headers=headers, timeout=60)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:500])


def _fuzz_every_operation(api, server, headers: dict) -> None:
    """Each operation of the OpenAPI with its own EXAMPLES cases. Driven by hypothesis
    directly rather than by schemathesis' pytest plugin, which pytest 9 broke."""
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10, "the server's OpenAPI lists its operations"
    for operation in operations:
        @FUZZ
        @given(case=operation.as_strategy())
        def one(case) -> None:
            _no_server_error(case, server, headers)

        one()


def test_no_anonymous_request_gets_a_server_error(api, server):
    _fuzz_every_operation(api, server, {})  # the headers schemathesis makes, credential or not


def test_no_request_of_an_enrolled_pc_gets_a_server_error(api, server, device_headers):
    _fuzz_every_operation(api, server, dict(device_headers))


# ---- the hostile property -------------------------------------------------------------------

CONTROLS = st.text(st.characters(codec="utf-8", categories=["Cc"]), min_size=1, max_size=3)
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    st.sampled_from([2 ** 63, -(2 ** 63) - 1, 10 ** 15, -1, 0]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), CONTROLS, st.text(max_size=5)),
    st.integers(min_value=200, max_value=70_000).map(lambda n: "Đ" * n),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["2026-02-30", "1990-1-1", "0000-00-00", "2026-01-01T25:61:00", "9999-12-31 23:59:59.999999",
                     "Nam", "Nữ", "active", "thu", "final", "", " ", "\u0000", "\u0085", "\ufeff", "🙂" * 3]),
    st.uuids().map(str),
)


def valid(spec) -> st.SearchStrategy:
    if spec.choices is not None:
        return st.sampled_from(sorted(spec.choices, key=str))
    if spec.kind == TEXT:
        letters = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"])
        return st.text(letters, max_size=min(spec.max_length, 40))
    if spec.kind in (INTEGER, MONEY):
        return st.integers(min_value=spec.minimum, max_value=spec.maximum)
    if spec.kind == DATE:
        return st.dates().map(lambda d: d.isoformat())
    if spec.kind == TIMESTAMP:
        return st.datetimes().map(lambda d: d.isoformat(sep=" "))
    if spec.kind == BOOLEAN:
        return st.sampled_from([0, 1])
    assert spec.kind == UUID
    return st.uuids().map(str)


def value(spec) -> st.SearchStrategy:
    return st.one_of(valid(spec), valid(spec), HOSTILE)


@st.composite
def mutations(draw, ids: list[str]):
    tbl = draw(st.sampled_from(sorted(TABLES)))
    fields = draw(st.fixed_dictionaries({}, optional={n: value(s) for n, s in FIELDS[tbl].items()}))
    if draw(st.booleans()):
        fields.update(draw(st.dictionaries(st.text(max_size=8), HOSTILE, max_size=2)))  # unknown fields
    row_id = draw(st.one_of(st.sampled_from(ids), st.uuids().map(str), st.sampled_from(["x", "\x00" * 36])))
    return {"mutation_id": draw(st.one_of(st.uuids().map(str), st.just("\x00"))),
            "tbl": draw(st.one_of(st.just(tbl), st.just(tbl), st.text(max_size=10))),
            "row_id": row_id, "op": draw(st.sampled_from(["insert", "update", "delete"])), "fields": fields,
            "base_seq": draw(st.one_of(st.none(), st.integers(0, 100))),
            "hlc": int(time.time() * 1000) + draw(st.integers(-10_000, 10_000)),
            "device_id": draw(st.one_of(st.just("pc-fuzz"), st.text(max_size=40))),
            "created_at": draw(st.one_of(st.none(), value(FIELDS["member"]["erased_at"])))}


@st.composite
def bulk_rows(draw, ids: list[str]):
    """New rows of a BULK_INSERT table, column by column, as a PC sends them."""
    tbl = draw(st.sampled_from(sorted(BULK_INSERT - {"dues_payment"})))
    n = draw(st.integers(1, 4))
    names = draw(st.lists(st.sampled_from(sorted(FIELDS[tbl])), unique=True, min_size=1))
    cols = {name: {"v": draw(st.lists(value(FIELDS[tbl][name]), min_size=n, max_size=n))} for name in names}
    start = draw(st.integers(0, len(ids) - n))
    return {"tbl": tbl, "n": n, "id": {"r": [start] + [1] * (n - 1)}, "cols": cols}


def _fine(message) -> bool:
    return isinstance(message, str) and 0 < len(message) < 600 and "\x00" not in message


def test_hostile_pushes_never_break_the_server_and_a_fresh_pc_pulls_to_the_end(server, make_device):
    unit = server.unit("CĐCS Giá trị ngẫu nhiên")
    headers = enroll(server, unit)
    ids = [str(uuid.uuid4()) for _ in range(40)]  # shared, so that updates meet earlier inserts
    seen: dict[str, int] = {"applied": 0, "duplicate": 0, "rejected": 0, "refused": 0}

    @settings(max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(mutations(ids), max_size=8), st.lists(bulk_rows(ids), max_size=2))
    def push_hostile(batch, inserts):
        r = requests.post(server.base + "/api/v1/sync/push", headers=headers, timeout=120,
                          json={"mutations": batch, "ids": ids, "inserts": inserts})
        assert r.status_code < 500, r.text[:500]
        if r.status_code != 200:
            assert _fine(r.json()["detail"])
            seen["refused"] += 1
            return
        answer = r.json()
        assert len(answer["results"]) == len(batch)
        for result in answer["results"]:
            assert result["status"] in ("applied", "duplicate", "rejected")
            seen[result["status"]] += 1
            if result["status"] == "rejected":
                assert _fine(result["error"]), result
        for group in answer["inserted"]:
            for _, code, message in group["rejected"]:
                assert code and _fine(message)

    push_hostile()
    assert seen["applied"] and seen["rejected"], seen  # both ways were taken
    # Everything the server kept can be sent and stored by a new PC of the unit.
    pages, cursor = 0, 0
    while True:
        r = requests.get(server.base + "/api/v1/sync/pull", headers=headers, params={"cursor": cursor}, timeout=120)
        assert r.status_code == 200, r.text[:500]
        page = r.json()
        assert not page.get("skipped")  # nothing damaged got in
        pages, cursor = pages + 1, page["cursor"]
        if not page["more"]:
            break
    fresh, sync = make_device(server, unit, "fresh", setup=False)
    report = sync.sync_now()
    assert rows(fresh, "SELECT cursor FROM sync_state") == [(server.last_seq(unit),)]
    assert report.pulled + len(report.problems) + report.conflicts > 0


def test_the_fuzz_covers_every_operation(api):
    """Adding an endpoint adds it to the fuzz: the schema lists the ones with bodies too."""
    ops = {(op.method.upper(), op.path) for op in (r.ok() for r in api.get_all_operations())}
    assert {("POST", "/api/v1/sync/push"), ("POST", "/api/v1/books"), ("POST", "/api/v1/enroll"),
            ("GET", "/api/v1/sync/pull"), ("POST", "/api/v1/admin/login")} <= ops
    push = api["/api/v1/sync/push"]["POST"]
    assert push.body  # the push's body is described, though it is read by hand after the credential
