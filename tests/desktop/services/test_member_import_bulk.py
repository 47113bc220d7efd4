"""The fast paths of the member import give exactly what the plain rules give: the parser
that remembers values across rows and reads a list column by column, the column reader,
the batched ids and keys, and the bulk writer (staged batches copied by INSERT … SELECT,
on a second thread) against what the ORM writes and with triggers on the tables."""

from __future__ import annotations

import gc
import re
import sqlite3
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from messy_excel import BIG_HEADER, GROUPS, fake_members, member_row, write_sheet

from desktop.models import Member, new_id, utcnow
from desktop.services.members.importing import MemberImport, member_values, new_ids
from desktop.services.members.importing import bulk as import_bulk
from desktop.services.members.importing import service as import_service
from desktop.services.members.importing.rows import RowReader
from desktop.services.members.importing.service import no_gc
from desktop.services.members.rules import MemberParser, member_keys, member_keys_many, parse_member
from desktop.services.units.service import GroupInfo, UnitService

TODAY = date(2026, 11, 23)
GROUP_IDS = {"to 1": "g1", "to may 2": "g2"}

# Values that have tripped rules before: numbers that are equal as dict keys but not read
# alike (1, 1.0, True; 0.0 and -0.0), empty and blank texts, years, serial days, dates
# as text, IDs and phones as numbers, invisible characters.
TRICKY = [None, "", " ", 1, 1.0, True, 0, 0.0, -0.0, False, 1990, 1990.0, 2015, 33000, 33000.0, 912345678,
          912345678.0, 412345678.0, 1090012345, 1090012345.0, 5500000.0, 2.34, 400000.0, 123.0, "Nam", "Nữ",
          "nam", "NU", "x", "có", "1990", "15/03/1990", "31/02/1990", "01/01/2030", "03/1990", "1990-03-15",
          "Tổ 1", "to may 2", "Tổ 99", "CCCD", "cmnd", "Hộ chiếu", "0912345678", "0912 345 678", "+84912345678",
          "5.500.000", "2,34", "001090012345", "001 090 012 345", "M12345678", "Nguyễn Văn Đức",
          "NGUYỄN VĂN ĐỨC", "  trần  thị  ánh ", "Nguyen Van 2", "duc@x.vn", "bad@", "bhxh", "thực lĩnh",
          "khoán", "CĐ-0001", "=== x ===", " Kinh", "\u200bKinh", "transferred_in", date(1990, 3, 15),
          date(2030, 1, 1), date(1900, 1, 1), datetime(1990, 3, 15, 8, 0)]
KEYS = ["full_name", "gender", "birth_date", "id_type", "id_number", "id_issue_date", "joined_date", "phone",
        "email", "salary", "dues_basis", "group_id", "group", "first_event", "card_number", "party_member",
        "ethnicity", "religion", "nationality", "id_issue_place", "hometown", "education", "qualification",
        "job_title", "department", "union_position", "permanent_address", "notes"]
VALID = [
    {"full_name": "Nguyễn Văn Đức", "gender": "Nam", "birth_date": date(1990, 3, 15), "id_number": "001090012345",
     "phone": "0912345678", "salary": 5500000.0, "group": "Tổ 1", "joined_date": date(2012, 6, 1),
     "id_issue_date": date(2016, 1, 1), "card_number": "CĐ-0001", "ethnicity": "Kinh"},
    {"full_name": "Trần Thị Ánh", "gender": "Nữ", "birth_date": 1992.0, "id_number": 79192000111.0,
     "salary": 5_500_000},
    {"full_name": "Lê Văn Cường", "gender": "nam", "birth_date": "02/09/1975", "id_number": "123456789",
     "phone": 2438251234.0},
    {"full_name": "Kim Min Jun", "gender": "Nam", "birth_date": date(1988, 5, 5), "id_number": "M12345678"},
    {"full_name": "Đặng Thị Mai", "gender": "Nữ", "birth_date": date(2001, 1, 1), "id_number": "001090012345",
     "joined_date": date(2010, 1, 1), "salary": 400000.0},
]
values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=10), st.integers(-5, 3_000_000_000),
                   st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e13),
                   st.dates(date(1890, 1, 1), date(2030, 12, 31)))
rows = st.lists(st.builds(lambda base, over: {**base, **over}, st.sampled_from(VALID),
                          st.dictionaries(st.sampled_from(KEYS), values, max_size=4)), min_size=1, max_size=25)


def outcome(parsed) -> tuple:
    value, errors, warnings = parsed
    return value, list(errors.items()), warnings


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows)
def test_parser_over_many_rows_gives_what_parse_member_gives(batch):
    """One parser for a whole list remembers what depends on one value (names, dates,
    groups…): row after row, and column by column, every row must come out exactly as
    parse_member() makes it on its own, errors in the same order."""
    expected = [outcome(parse_member(raw, groups=GROUP_IDS, today=TODAY).__dict__.values()) for raw in batch]
    parser = MemberParser(groups=GROUP_IDS, today=TODAY)
    assert [outcome(parser.parse(raw)) for raw in batch + batch][:len(batch)] == expected
    assert [outcome(parser.parse(raw)) for raw in batch] == expected  # from what it remembered
    keys = {k for raw in batch for k in raw}
    columns = {k: [raw.get(k, "") for raw in batch] for k in keys}  # "": a cell with nothing in it
    assert [outcome(p) for p in MemberParser(groups=GROUP_IDS, today=TODAY).parse_columns(columns, len(batch))] \
        == expected


def test_equal_keys_read_differently_are_not_mixed_up():
    parser = MemberParser(groups=GROUP_IDS, today=TODAY)
    first = parser.parse({"full_name": -0.0, "gender": 1, "birth_date": True})[1]
    second = parser.parse({"full_name": 0.0, "gender": True, "birth_date": 1})[1]
    assert first == parse_member({"full_name": -0.0, "gender": 1, "birth_date": True}, today=TODAY).errors
    assert second == parse_member({"full_name": 0.0, "gender": True, "birth_date": 1}, today=TODAY).errors
    assert "-0.0" in first["full_name"] and "-0.0" not in second["full_name"]


COLUMN_KEYS = ["full_name", "gender", "birth_date", "id_number", "phone", "group", "salary", "notes",
               "birth_male", "birth_female", "gender_male", "gender_female", "name_family", "name_given"]
cells = st.one_of(st.none(), st.just(""), st.just(" "), st.integers(0, 99), st.floats(0, 1e6, allow_nan=False),
                  st.sampled_from(["Nguyễn Văn", "An", "x", "Nam", "Tổng cộng", "15/03/1990"]),
                  st.dates(date(1950, 1, 1), date(2010, 1, 1)))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 7), st.data())
def test_column_reader_reads_what_the_row_reader_reads(width, data):
    mapping = {c: k for c in range(width) if (k := data.draw(st.sampled_from(COLUMN_KEYS + [None])))}
    if not mapping:
        return
    ragged = data.draw(st.booleans())
    sheet = data.draw(st.lists(st.lists(cells, min_size=1 if ragged else width, max_size=width), max_size=12))
    reader = RowReader(mapping)
    columns, empty = reader.columns(sheet)
    assert len(empty) == len(sheet)
    for i, row in enumerate(sheet):
        raw = reader(row)
        assert empty[i] == (not raw)
        # "" and None both mean no value (the row reader may leave "": a name of empty parts)
        got = {k: col[i] for k, col in columns.items() if col[i] != "" and col[i] is not None}
        assert got == {k: v for k, v in raw.items() if v != "" and v is not None}


def _ids_one_by_one(n: int, ms: int, start: int) -> list[str]:
    """The ids as first written: each formatted whole from its count."""
    head = (ms << 80) | (0x7 << 76)
    out = []
    for r in range(start, start + n):
        h = f"{head | ((r >> 62) << 64):032x}"
        t = f"{(0b10 << 62) | (r & ((1 << 62) - 1)):016x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{t[:4]}-{t[4:]}")
    return out


@pytest.mark.parametrize("start", [0, 12345, (1 << 48) - 3, (5 << 62) - 2, (1 << 72) - 1 - 10])
def test_new_ids_are_uuid7_unique_in_order(monkeypatch, start):
    monkeypatch.setattr(import_bulk.secrets, "randbits", lambda bits: start)
    monkeypatch.setattr(import_bulk.time, "time_ns", lambda: 1_795_000_000_123_456_789)
    ids = new_ids(7)
    assert ids == _ids_one_by_one(7, 1_795_000_000_123, start)
    assert len(set(ids)) == 7 and ids == sorted(ids)
    pattern = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    assert all(pattern.fullmatch(i) for i in ids)
    assert new_ids(0) == []


def test_member_keys_many_is_member_keys():
    parser = MemberParser(groups=GROUP_IDS, today=TODAY)
    members = [v for raw in VALID + [{**VALID[0], "card_number": None, "phone": None, "id_number": None}]
               if (v := parser.parse(raw)[0]) is not None]
    expected = [member_keys(v) for v in members]
    assert list(zip(*member_keys_many(members, [None] * len(members)))) == expected
    remembered: dict[str, str] = {}
    for _ in range(2):  # the second time, the sort keys from what was remembered
        folded = [member_keys(v)[2].split("|")[0] for v in members]
        assert list(zip(*member_keys_many(members, folded, remembered))) == expected
    assert remembered


# ---- the bulk writer ------------------------------------------------------------------------
@pytest.fixture
def unit(ctx):
    UnitService(ctx).save_groups([GroupInfo(None, g) for g in GROUPS])
    return ctx


def _member_list(tmp_path, n: int, *, seed: int = 4, start: int = 0):
    rows = [BIG_HEADER] + [member_row(i, m) for i, m in
                           enumerate(fake_members(n, seed=seed, start_serial=start), start=1)]
    return write_sheet(tmp_path / f"ds-{seed}-{n}.xlsx", rows)


def _rows(ctx, table: str, skip=("id", "member_id", "created_at", "updated_at")) -> list[tuple]:
    con = sqlite3.connect(ctx.db.path)
    try:
        names = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
        cols = ", ".join(f"{n}, typeof({n})" for n in names)
        return sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)
    finally:
        con.close()


@pytest.mark.parametrize("rebuild", [False, True], ids=["indexes-updated", "indexes-rebuilt"])
def test_bulk_rows_are_what_the_orm_writes(unit, tmp_path, monkeypatch, rebuild):
    """Every column, value and storage class, as session.add(Member(...)) writes it."""
    monkeypatch.setattr(import_bulk, "REBUILD_INDEXES_FROM", 1 if rebuild else 10 ** 9)
    monkeypatch.setattr(import_service, "COMMIT_CHUNK", 7)  # several batches, some columns NULL in a whole batch
    from desktop.services.core.context import open_context

    copy = sqlite3.connect(tmp_path / "orm.sqlite3")  # the same unit, groups and all, before the import
    with sqlite3.connect(unit.db.path) as src:
        src.backup(copy)
    copy.close()
    imp = MemberImport(unit)
    preview = imp.preview(_member_list(tmp_path, 40))
    preview.rows[3].value.__dict__.update(notes="Ghi chú", email="a@b.vn", party_member=True)
    assert imp.commit(preview).imported == 40
    bulk = _rows(unit, "member")

    other = open_context(tmp_path / "orm.sqlite3")
    try:
        now = utcnow()
        with other.write() as s:
            for r in preview.importable:
                s.add(Member(**member_values(r.value, new_id(), now, unit.device_id)))
        orm = _rows(other, "member")
    finally:
        other.close()
    assert bulk == orm


def test_triggers_fire_for_every_row_in_order(unit, tmp_path):
    """The writer works on tables with triggers (the sync capture has them): each fires
    once per row, in the rows' order, inside the import's transaction."""
    with unit.db.engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE seen (n INTEGER PRIMARY KEY, tbl TEXT, row_id TEXT, name TEXT)")
        c.exec_driver_sql("CREATE TRIGGER test_seen_member AFTER INSERT ON member BEGIN "
                          "INSERT INTO seen (tbl, row_id, name) VALUES ('member', NEW.id, NEW.full_name); END")
        c.exec_driver_sql("CREATE TRIGGER test_seen_event AFTER INSERT ON member_event BEGIN "
                          "INSERT INTO seen (tbl, row_id, name) VALUES ('event', NEW.member_id, NULL); END")
    result = MemberImport(unit).run(_member_list(tmp_path, 60))
    assert result.imported == 60
    with unit.db.engine.connect() as c:
        seen = c.exec_driver_sql("SELECT tbl, row_id, name FROM seen ORDER BY n").all()
        members = c.exec_driver_sql("SELECT id, full_name FROM member ORDER BY rowid").all()
        has_outbox = c.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_outbox'").scalar()
        outbox = c.exec_driver_sql("SELECT tbl, row_id, op FROM sync_outbox ORDER BY local_seq").all() \
            if has_outbox else None
    assert [(t, i, n) for t, i, n in seen if t == "member"] == [("member", i, n) for i, n in members]
    assert [i for t, i, _ in seen if t == "event"] == [i for i, _ in members]
    if outbox is not None and any(t == "member" for t, _, _ in outbox):  # the sync capture is there
        assert [i for t, i, op in outbox if t == "member" and op == "insert"] == [i for i, _ in members]
        assert sum(1 for t, _, _ in outbox if t == "member_event") == 60


def test_the_sync_capture_queues_what_its_triggers_would(unit, tmp_path, monkeypatch):
    """The import lifts the per-row capture triggers and queues the outbox rows itself:
    every member and first event once, as inserts, batch by batch (members then their
    events), each with its own clock value counted up past the clock before; the triggers
    are back afterwards and a member added by hand is captured after the import's rows."""
    monkeypatch.setattr(import_service, "COMMIT_CHUNK", 7)
    with unit.db.engine.begin() as c:
        triggers = sorted(c.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all())
        hlc_before = c.exec_driver_sql("SELECT hlc FROM sync_state WHERE id = 1").scalar()
        c.exec_driver_sql("DELETE FROM sync_outbox")
    assert "sync_ins_member" in dict(triggers)
    assert MemberImport(unit).run(_member_list(tmp_path, 30, seed=11)).imported == 30
    with unit.db.engine.connect() as c:
        assert sorted(c.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all()) == triggers
        outbox = c.exec_driver_sql("SELECT tbl, row_id, op, fields, base_seq, hlc FROM sync_outbox "
                                   "WHERE tbl IN ('member', 'member_event') ORDER BY local_seq").all()
        audit = c.exec_driver_sql("SELECT count(*) FROM sync_outbox WHERE tbl = 'audit_log'").scalar()
        members = [r[0] for r in c.exec_driver_sql("SELECT id FROM member ORDER BY rowid")]
        events = dict(c.exec_driver_sql("SELECT id, member_id FROM member_event").all())
        hlc_after = c.exec_driver_sql("SELECT hlc FROM sync_state WHERE id = 1").scalar()
    expected = []
    for start in range(0, 30, 7):
        batch = members[start:start + 7]
        expected += [("member", m) for m in batch]
        expected += [("member_event", m) for m in batch]
    assert audit == 1  # the import's one summary row in the audit log, not one per member
    assert [(t, events.get(i, i)) for t, i, *_ in outbox] == expected
    assert {(op, f, b) for _, _, op, f, b, _ in outbox} == {("insert", "*", None)}
    clocks = [h for *_, h in outbox]
    assert clocks == sorted(set(clocks)) and clocks[0] > hlc_before and hlc_after == clocks[-1]
    added = unit_member(unit)
    with unit.db.engine.connect() as c:
        last = c.exec_driver_sql("SELECT tbl, row_id, hlc FROM sync_outbox WHERE tbl = 'member' "
                                 "ORDER BY local_seq DESC LIMIT 1").one()
    assert last[1] == added and last[2] > hlc_after


def unit_member(ctx) -> str:
    from desktop.services.members.service import MemberService
    svc = MemberService(ctx)
    return svc.add({"full_name": "Phạm Thị Hoa", "gender": "Nữ", "birth_date": "12/03/1990",
                    "joined_date": "01/02/2020"}).id


def test_error_in_a_later_batch_writes_nothing(unit, tmp_path, monkeypatch):
    """A row refused by the database in the middle of the copies (here by a trigger):
    the error comes out of commit() and nothing at all is written, the indexes are as
    they were, and the same connection imports again afterwards."""
    monkeypatch.setattr(import_service, "COMMIT_CHUNK", 5)
    monkeypatch.setattr(import_bulk, "REBUILD_INDEXES_FROM", 1)
    imp = MemberImport(unit)
    preview = imp.preview(_member_list(tmp_path, 30, seed=8))
    bad = preview.importable[22].value.full_name
    with unit.db.engine.begin() as c:
        indexes = sorted(c.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'member'").all())
        c.exec_driver_sql(f"CREATE TRIGGER test_refuse BEFORE INSERT ON member WHEN NEW.full_name = '{bad}' "
                          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    with pytest.raises(Exception, match="refused by the test"):
        imp.commit(preview)
    with unit.db.engine.begin() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM member").scalar() == 0
        assert c.exec_driver_sql("SELECT count(*) FROM member_event").scalar() == 0
        c.exec_driver_sql("DROP TRIGGER test_refuse")
        assert sorted(c.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'member'").all()) == indexes
    assert imp.commit(preview).imported == 30


def test_no_gc_restores_the_collector_and_ages_what_it_made():
    was = gc.isenabled()
    try:
        gc.enable()
        with no_gc():
            assert not gc.isenabled()
            made = [[i] for i in range(50_000)]
        assert gc.isenabled()
        assert gc.get_count()[0] < 1000  # not all waiting in the youngest generation
        gc.disable()
        with no_gc():
            pass
        assert not gc.isenabled()
        del made
    finally:
        (gc.enable if was else gc.disable)()


# ---- the shortcuts of 2026-12-07 (bench_import) -------------------------------------------
SEX_KEYS = ["birth_male", "birth_female", "gender_male", "gender_female"]


@pytest.mark.parametrize("keys", [SEX_KEYS, ["birth_female", "birth_male"], ["gender_female"],
                                  ["full_name", "birth_male", "birth_female", "gender_female", "gender_male"]])
def test_sex_columns_read_column_by_column_as_row_by_row(keys):
    """A birth date or an x under "Nam" / "Nữ", read for the whole sheet at once: the same
    values as the row reader, the later column winning a row with both, a blank under
    "Nữ" writing nothing (the row stays empty)."""
    mapping = dict(enumerate(["notes", *keys]))
    samples = [None, "", " ", "\u200b", "x", 0, 0.0, 1990.0, date(1990, 3, 15), "15/03/1990", "Nguyễn Văn An"]
    sheet = [[f"r{i}" if i % 3 else ""] + [samples[(i * (j + 2) + j) % len(samples)] for j in range(len(keys))]
             for i in range(60)]
    sheet.append([""] * (len(keys) + 1))  # nothing at all
    reader = RowReader(mapping)
    columns, empty = reader.columns(sheet)
    for i, row in enumerate(sheet):
        raw = reader(row)
        assert empty[i] == (not raw), row
        got = {k: col[i] for k, col in columns.items() if col[i] != "" and col[i] is not None}
        assert got == {k: v for k, v in raw.items() if v != "" and v is not None}, row


@pytest.mark.parametrize("card", ["CĐ0001", "CĐ12345678000001", "cđ0001", "CD0001", "CĐ-0001", "CĐ 0001",
                                  "Đ", "ĐOÀN01", "CĐ０1"])
def test_card_numbers_fold_alike_in_the_bulk_keys(card):
    parser = MemberParser(groups=GROUP_IDS, today=TODAY)
    v = parser.parse({**VALID[0], "card_number": card})[0]
    assert v is not None
    assert list(zip(*member_keys_many([v], [None]))) == [member_keys(v)]


@pytest.mark.parametrize(("birth", "joined", "year_only", "warned"), [
    (date(2000, 6, 15), date(2015, 6, 14), False, True),  # 14 years old, the years 15 apart
    (date(2000, 6, 15), date(2015, 6, 15), False, False),  # 15 on the day
    (date(2000, 1, 1), date(2014, 12, 31), False, True),
    (date(2000, 12, 31), date(2016, 1, 1), False, False),  # the years 16 apart: never under 15
    (date(2000, 6, 15), date(2015, 6, 14), True, False),  # a birth year only: not told
])
def test_joined_under_age_is_warned_as_before(birth, joined, year_only, warned):
    raw = {**VALID[0], "birth_date": birth.year if year_only else birth, "joined_date": joined,
           "id_number": None, "id_issue_date": None}
    value, errors, warnings = MemberParser(groups=GROUP_IDS, today=TODAY).parse(raw)
    assert value is not None, errors
    assert any("chưa đủ 15 tuổi" in w for w in warnings) == warned


def test_cccd_checks_remembered_by_their_six_digits_sex_and_year():
    """A list's CCCDs are checked once for each first six digits, sex and birth year: rows
    that share the digits but not the sex or the year keep their own warnings, and a
    number that is not 12 digits is still refused as before."""
    rows = [
        {**VALID[0], "id_number": "001090012345", "gender": "Nam", "birth_date": date(1990, 3, 15)},
        {**VALID[0], "id_number": "001090099999", "gender": "Nữ", "birth_date": date(1990, 3, 15)},
        {**VALID[0], "id_number": "001090011111", "gender": "Nam", "birth_date": date(1991, 3, 15)},
        {**VALID[0], "id_number": "001090022222", "gender": "Nam", "birth_date": date(1990, 5, 1)},
        {**VALID[0], "id_number": "0010900123456", "gender": "Nam", "birth_date": date(1990, 3, 15)},
        {**VALID[0], "id_number": "999090012345", "gender": "Nam", "birth_date": date(1990, 3, 15)},
        {**VALID[0], "id_number": "001090012345", "id_type": "CMND", "gender": "Nam"},
    ]
    expected = [outcome(parse_member(raw, groups=GROUP_IDS, today=TODAY).__dict__.values()) for raw in rows]
    columns = {k: [raw.get(k, "") for raw in rows] for k in {k for raw in rows for k in raw}}
    got = [outcome(p) for p in MemberParser(groups=GROUP_IDS, today=TODAY).parse_columns(columns, len(rows))]
    assert got == expected
    assert "giới tính Nam, hồ sơ ghi Nữ" in " ".join(got[1][2])
    assert "năm sinh 1990, hồ sơ ghi 1991" in " ".join(got[2][2])
    assert got[3][2] == [] and got[0][2] == []
    assert got[4][0] is None and "12 chữ số" in dict(got[4][1])["id_number"]
