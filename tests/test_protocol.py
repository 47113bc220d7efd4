"""The wire format lists exactly the tables and fields the desktop syncs."""

from desktop.models.db import HEAD_REVISION
from desktop.models.sync import INSERT_ONLY_TABLES, synced_fields, synced_tables
from protocol import INSERT_ONLY, SCHEMA_VERSIONS, TABLES


def test_protocol_tables_match_the_desktop_models():
    desktop = {t.name: frozenset(synced_fields(t)) for t in synced_tables()}
    assert desktop == TABLES


def test_insert_only_tables_agree():
    assert INSERT_ONLY == INSERT_ONLY_TABLES


def test_the_current_schema_is_supported():
    assert HEAD_REVISION in SCHEMA_VERSIONS


# ---- protocol/fields.py: what each field may hold, equal to the desktop's models -------

def _kinds_of(column):
    from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text

    from protocol import fields as f

    if column.foreign_keys:
        return {f.UUID}
    t = column.type
    if isinstance(t, Boolean):
        return {f.BOOLEAN}
    if isinstance(t, DateTime):
        return {f.TIMESTAMP}
    if isinstance(t, Date):
        return {f.DATE}
    if isinstance(t, Integer):
        return {f.INTEGER, f.MONEY}
    if isinstance(t, (String, Text)):
        return {f.TEXT, f.UUID} if getattr(t, "length", None) == 36 else {f.TEXT}
    raise AssertionError(f"{column}: unknown column type {t}")


def test_field_definitions_match_the_desktop_models():
    from protocol.fields import FIELDS, TEXT, UUID

    for table in synced_tables():
        specs = FIELDS[table.name]
        assert set(specs) == set(synced_fields(table))
        for name, spec in specs.items():
            column = table.columns[name]
            assert spec.kind in _kinds_of(column), (table.name, name, spec.kind)
            assert spec.nullable == column.nullable, (table.name, name)
            width = getattr(column.type, "length", None)
            if spec.kind in (TEXT, UUID) and width:
                # A value the desktop's model declares room for is always accepted.
                assert spec.max_length >= width, (table.name, name, spec.max_length, width)
            if spec.kind == TEXT:
                assert spec.max_length, (table.name, name)


def test_money_fields_are_bounded_by_max_money():
    from protocol.fields import FIELDS, MONEY
    from protocol.limits import MAX_MONEY

    money = [(t, n) for t, specs in FIELDS.items() for n, s in specs.items() if s.kind == MONEY]
    assert ("member", "salary") in money and ("cash_doc", "amount") in money
    for t, n in money:
        assert (FIELDS[t][n].minimum, FIELDS[t][n].maximum) == (0, MAX_MONEY)


def test_closed_sets_are_the_desktops():
    from desktop.services.activities.minutes import DOC_TYPES
    from desktop.services.activities.service import ACTIVITY_KINDS, ATTENDANCE, SCOPES
    from desktop.services.audit.log import ACTION_LABELS
    from desktop.services.core.statuses import EVENT_KINDS, STATUS_LABELS
    from desktop.services.dues.calc import EXEMPT_REASONS
    from desktop.services.members.rules import DUES_BASES, GENDERS, ID_TYPES
    from desktop.services.units.service import GROUP_KINDS
    from protocol.fields import FIELDS

    def choices(tbl, name):
        return set(FIELDS[tbl][name].choices)

    assert choices("member", "status") == set(STATUS_LABELS)
    assert choices("member", "gender") == set(GENDERS)
    assert choices("member", "id_type") == set(ID_TYPES)
    assert choices("member", "dues_basis") == choices("dues_basis", "basis") == set(DUES_BASES)
    assert choices("member_event", "kind") == set(EVENT_KINDS)
    assert choices("activity", "kind") == set(ACTIVITY_KINDS)
    assert choices("activity", "scope") == set(SCOPES)
    assert choices("activity_member", "attendance") == set(ATTENDANCE)
    assert choices("activity_doc", "doc_type") == set(DOC_TYPES)
    assert choices("audit_log", "action") == set(ACTION_LABELS)
    assert choices("dues_exemption", "reason") == set(EXEMPT_REASONS)
    assert choices("unit_group", "kind") == set(GROUP_KINDS)


def test_a_field_problem_names_the_field_and_its_limit_never_the_value():
    from protocol.fields import field_problem, row_problem

    huge = "Nguyễn " * 2_000_000
    msg = field_problem("member", "full_name", huge)
    assert "Họ và tên" in msg and "tối đa 200" in msg and "Nguyễn" not in msg and len(msg) < 200
    assert field_problem("member", "full_name", "Nguyễn Văn An") is None
    assert "ký tự điều khiển" in field_problem("member", "full_name", "An\x00")
    assert field_problem("member", "notes", "dòng 1\ndòng 2\tcột") is None
    assert field_problem("member", "full_name", {"a": [1]}) is not None
    assert "số nguyên" in field_problem("member", "salary", [1, 2])
    assert "999.999.999.999" in field_problem("cash_doc", "amount", 10 ** 15)
    assert field_problem("cash_doc", "amount", -1) is not None
    assert field_problem("member", "salary", True) is not None
    assert field_problem("member", "party_member", 2) is not None
    assert field_problem("member", "status", "ghost") is not None
    assert field_problem("member", "birth_date", "2026-02-30") is not None
    assert field_problem("member", "birth_date", "1990-03-02") is None
    assert field_problem("member", "erased_at", "2026-01-01 10:00:00.123456") is None
    assert field_problem("member", "group_id", "not-a-uuid") is not None
    assert field_problem("member", "full_name", None) is not None  # required
    assert field_problem("member", "phone", None) is None
    assert row_problem("member", {"full_name": "An", "salary": 1.5})[0] == "salary"
    assert "salary" not in row_problem("member", {"salary": 1.5})[1]  # named by its label
