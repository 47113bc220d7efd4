"""The rebuild of every unit's rollups at once, in the database: the own rollups of all
units by one INSERT … SELECT … GROUP BY over the stored rows, the sub-tree rollups by one
more over the own ones along each unit's path, then only the facts that differ from the
stored rollups are written (and counted per unit, as rebuild() reports them).

The SQL says what `facts()` (rollups/service.py) says of a row, for the values the
protocol lets a push store (protocol/fields.py: text, integers, dates as text, ids);
tests/e2e/test_rollups_rebuild.py holds the two to the same result. On PostgreSQL the
rollup table is locked (EXCLUSIVE: figures are still read) before the rows are read, so a
push either committed before the rebuild read its rows or adds its change after it."""

from __future__ import annotations

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from protocol.tables import CURRENT_STATUSES
from server.rollups.service import KEY_LEN, TABLES, VOIDABLE, VOIDS
from server.units.history import END, NOW, Ancestry, UnitMove

# A fact of a table as SQL: (table, month, metric, key, value, when it is there or None).
FactSql = tuple[str, str, str, str, str, str | None]


class _Dialect:
    """The few JSON expressions the facts need, in PostgreSQL's or SQLite's words."""

    def __init__(self, pg: bool) -> None:
        self.pg = pg

    def value(self, field: str) -> str:
        """The field as SQL text (or number), NULL when null or missing."""
        return f"(r.data ->> '{field}')" if self.pg else f"(r.data ->> '$.{field}')"

    def is_text(self, field: str) -> str:
        return (f"jsonb_typeof(r.data -> '{field}') = 'string'" if self.pg
                else f"json_type(r.data, '$.{field}') = 'text'")

    def key(self, sql: str) -> str:
        """_key(): '' for null, else the text cut to KEY_LEN characters."""
        return f"substr(coalesce({sql}, ''), 1, {KEY_LEN})"

    def month(self, field: str) -> str:
        """_month(): the YYYY-MM a text value starts with, else ''."""
        v = self.value(field)
        starts = (f"{v} ~ '^[0-9]{{4}}-[0-9]{{2}}'" if self.pg
                  else f"{v} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'")
        return f"CASE WHEN {self.is_text(field)} AND {starts} THEN substr({v}, 1, 7) ELSE '' END"

    def money(self, field: str) -> str:
        """_money(): an integer value, else 0."""
        if self.pg:
            return (f"CASE WHEN jsonb_typeof(r.data -> '{field}') = 'number' AND {self.value(field)} ~ '^-?[0-9]+$' "
                    f"THEN ({self.value(field)})::bigint ELSE 0 END")
        return f"CASE WHEN json_type(r.data, '$.{field}') = 'integer' THEN {self.value(field)} ELSE 0 END"

    def digits(self, sql: str) -> str:
        return f"{sql} ~ '^[0-9]+$'" if self.pg else f"({sql} <> '' AND {sql} NOT GLOB '*[^0-9]*')"

    def ancestors(self) -> str:
        """(unit_id, anc): every unit with each unit on its path, itself included."""
        if self.pg:
            return ("SELECT u.id AS unit_id, unnest(string_to_array(trim(both '/' from u.path), '/'))::int AS anc "
                    "FROM unit u")
        return ("SELECT u.id AS unit_id, CAST(j.value AS INTEGER) AS anc FROM unit u, "
                "json_each('[' || replace(trim(u.path, '/'), '/', ',') || ']') j")


def _facts(d: _Dialect) -> list[FactSql]:
    """What each stored row adds, as in facts(): (table, month, metric, key, value, condition)."""
    status = f"coalesce(nullif({d.value('status')}, ''), 'active')"  # a member without a status is active
    current = f"{status} IN ({', '.join(repr(s) for s in CURRENT_STATUSES)})"
    birth = f"substr({d.value('birth_date')}, 1, 4)"
    birth_year = f"CASE WHEN {d.is_text('birth_date')} AND {d.digits(birth)} THEN {birth} ELSE '' END"
    return [
        ("member", "''", "'status'", d.key(status), "1", None),
        ("member", "''", "'gender'", d.key(f"coalesce(nullif({d.value('gender')}, ''), '?')"), "1", current),
        ("member", "''", "'group'", d.key(d.value("group_id")), "1", current),
        ("member", "''", "'ethnicity'", d.key(d.value("ethnicity")), "1", current),
        ("member", "''", "'birth_year'", birth_year, "1", current),
        ("member_event", d.month("event_date"), "'event'", d.key(d.value("kind")), "1", None),
        ("dues_month", d.month("month"), "'due'", "''", d.money("due"), None),
        ("dues_payment", d.month("month"), "'collected'", "''", d.money("amount"), None),
        ("remittance", d.month("period_to"), "'remitted'", "''", d.money("amount"), None),
        ("cash_doc", d.month("doc_date"), f"'cash_' || substr({d.key(d.value('kind'))}, 1, 10)",
         d.key(d.value("category")), d.money("amount"), None),
        ("activity", d.month("start_date"), "'activity'", d.key(d.value("kind")), "1", None),
    ]


def _own_select(d: _Dialect) -> str:
    """Every unit's own rollups from its live, unvoided stored rows: one pass over the rows,
    each joined with the numbers 1… (a member row gives up to five facts)."""
    found = _facts(d)
    assert {f[0] for f in found} == TABLES  # every table facts() reads, and no other
    numbered: dict[str, int] = {}
    whens: list[tuple[str, list[str]]] = []
    for tbl, month, metric, key, value, cond in found:
        numbered[tbl] = numbered.get(tbl, 0) + 1
        when = f"r.tbl = '{tbl}' AND k.i = {numbered[tbl]}" + (f" AND {cond}" if cond else "")
        whens.append((when, [month, metric, key, value]))

    def column(i: int) -> str:
        return "CASE " + " ".join(f"WHEN {w} THEN {cols[i]}" for w, cols in whens) + " END"

    most = max(numbered.values())
    ks = " UNION ALL ".join(f"SELECT {i} AS i" for i in range(1, most + 1))

    def first_of(fields: tuple[str, ...]) -> str:
        values = [d.value(f) for f in fields]
        return values[0] if len(values) == 1 else f"COALESCE({', '.join(values)})"

    doc = "CASE r.tbl " + " ".join(f"WHEN '{t}' THEN {first_of(f)}" for t, f in VOIDABLE.items()) + " END"
    void_doc = "CASE v.tbl " + " ".join(
        f"WHEN '{t}' THEN " + (f"(v.data ->> '{f}')" if d.pg else f"(v.data ->> '$.{f}')") for t, f in VOIDS.items()
    ) + " END"
    void_tables = ", ".join(f"'{t}'" for t in VOIDS)
    tables = ", ".join(f"'{t}'" for t in sorted(TABLES))
    return (f"SELECT unit_id, 'o' AS scope, month, metric, key, sum(value) AS value, count(*) AS n FROM ("
            f"SELECT r.unit_id, {column(0)} AS month, {column(1)} AS metric, {column(2)} AS key, "
            f"{column(3)} AS value "
            f"FROM record r JOIN ({ks}) k ON k.i = 1 OR r.tbl = 'member' "
            f"LEFT JOIN (SELECT DISTINCT v.unit_id, {void_doc} AS doc FROM record v "
            f"WHERE v.tbl IN ({void_tables}) AND NOT v.deleted) voids "
            f"ON voids.unit_id = r.unit_id AND voids.doc = {doc} "
            f"WHERE r.tbl IN ({tables}) AND NOT r.deleted AND {d.value('deleted_at')} IS NULL "
            f"AND voids.unit_id IS NULL) f "
            f"WHERE metric IS NOT NULL GROUP BY unit_id, month, metric, key")


COLUMNS = "unit_id, scope, month, metric, key"


def _moved(s: Session) -> bool:
    """Fills the work table unit_anc_moved when units were moved: the units whose ancestors
    changed, with theirs month interval by month interval (units/history.py)."""
    # Migration 0004 rebuilds before the table of moves exists; most databases have no move.
    if not inspect(s.connection()).has_table("unit_move") or s.scalar(select(UnitMove.id).limit(1)) is None:
        return False
    ancestry = Ancestry(s)
    if not ancestry.affected:
        return False
    s.execute(text("CREATE TEMP TABLE unit_anc_moved (unit_id INTEGER, anc INTEGER, m_from VARCHAR(7), "
                   "m_to VARCHAR(7))"))
    rows = [{"u": uid, "a": anc, "f": start, "t": end} for uid in sorted(ancestry.affected)
            for start, end, path in ancestry.intervals(uid) for anc in path]
    for i in range(0, len(rows), 5000):
        s.execute(text("INSERT INTO unit_anc_moved VALUES (:u, :a, :f, :t)"), rows[i:i + 5000])
    return True


def _ancestors(d: _Dialect, moved: bool) -> str:
    """(unit_id, anc, m_from, m_to): every unit with each unit it was under from month m_from
    to m_to (excluded); the current paths for the units that were never moved."""
    current = f"SELECT c.unit_id, c.anc, '' AS m_from, '{END}' AS m_to FROM ({d.ancestors()}) c"
    if not moved:
        return current
    return (f"{current} WHERE c.unit_id NOT IN (SELECT unit_id FROM unit_anc_moved) "
            f"UNION ALL SELECT unit_id, anc, m_from, m_to FROM unit_anc_moved")


def rebuild_all(s: Session) -> dict[str, int]:
    """rebuild() of every unit at once. Returns {unit code: facts corrected}."""
    d = _Dialect(s.connection().dialect.name == "postgresql")

    def run(sql: str) -> None:
        s.execute(text(sql))

    if d.pg:
        run("LOCK TABLE rollup IN EXCLUSIVE MODE")
    # Work tables of this transaction (dropped at its end; a failure rolls them back with it).
    run("CREATE TEMP TABLE rollup_want (unit_id INTEGER, scope VARCHAR(1), month VARCHAR(7), metric VARCHAR(20), "
        "key VARCHAR(100), value BIGINT, n BIGINT)")
    run("CREATE TEMP TABLE rollup_fix (unit_id INTEGER, scope VARCHAR(1), month VARCHAR(7), metric VARCHAR(20), "
        "key VARCHAR(100))")
    run(f"INSERT INTO rollup_want ({COLUMNS}, value, n) {_own_select(d)}")
    # Each unit's sub-tree: the own rollups of every unit whose path passes through it (in
    # the month of each rollup, when units were moved: units/history.py).
    month = f"CASE WHEN o.month = '' THEN '{NOW}' ELSE o.month END"
    moved = _moved(s)
    when = f" AND {month} >= a.m_from AND {month} < a.m_to" if moved else ""
    run(f"INSERT INTO rollup_want ({COLUMNS}, value, n) "
        f"SELECT a.anc, 't', o.month, o.metric, o.key, sum(o.value), sum(o.n) FROM rollup_want o "
        f"JOIN ({_ancestors(d, moved)}) a ON a.unit_id = o.unit_id{when} WHERE o.scope = 'o' "
        f"GROUP BY a.anc, o.month, o.metric, o.key HAVING NOT (sum(o.value) = 0 AND sum(o.n) = 0)")
    # A fact differs when either side lacks it or holds another value (a stored fact of
    # nothing, 0 from no rows, is as good as none).
    have = f"SELECT {COLUMNS}, value, n FROM rollup WHERE NOT (value = 0 AND n = 0)"
    want = f"SELECT {COLUMNS}, value, n FROM rollup_want"
    run(f"INSERT INTO rollup_fix ({COLUMNS}) "
        f"SELECT {COLUMNS} FROM ({want} EXCEPT {have}) a UNION SELECT {COLUMNS} FROM ({have} EXCEPT {want}) b")
    corrected = {code: n for code, n in s.execute(text(
        "SELECT u.code, count(*) FROM rollup_fix f JOIN unit u ON u.id = f.unit_id GROUP BY u.code"))}
    if corrected:
        run(f"DELETE FROM rollup WHERE ({COLUMNS}) IN (SELECT {COLUMNS} FROM rollup_fix)")
        run(f"INSERT INTO rollup ({COLUMNS}, value, n) SELECT w.unit_id, w.scope, w.month, w.metric, w.key, "
            f"w.value, w.n FROM rollup_want w JOIN rollup_fix f ON f.unit_id = w.unit_id AND f.scope = w.scope "
            f"AND f.month = w.month AND f.metric = w.metric AND f.key = w.key")
    run("DROP TABLE rollup_want")
    run("DROP TABLE rollup_fix")
    run("DROP TABLE IF EXISTS unit_anc_moved")
    return corrected
