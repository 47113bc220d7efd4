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
