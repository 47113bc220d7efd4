"""The rows of one pull page, read and gathered column by column (protocol/codec.py).

A table with many rows in a page is read as columns by the database itself (one JSON
array per chunk of rows, not a parsed document per row: a first sync's page holds a
million month allocations); the other rows come one document each."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Result, text
from sqlalchemy.orm import Session

from protocol import TABLES
from protocol.codec import DerivedIds, Ids, derived_id_of, encode_rows
from protocol.tables import DERIVED_IDS
from server.sync.models import Record

# A table with this many rows in a page is read column by column by the database itself.
FAST_ROWS = 1000
FAST_CHUNK = 100_000
# The values a pull can send (a row stored before the server checked pushed values may
# hold a list or an object).
SCALARS = (str, int, float, bool, type(None))
# Tables whose rows a page sends grouped by these fields (then by seq), not in seq order.
_GROUPED: dict[str, tuple[str, ...]] = {"audit_log": ("tbl",)}


class Columns:
    """The rows of one table in a pull page, gathered column by column. Equal values are
    kept once (a page may hold a million allocations of a hundred thousand members), and
    the ids of a derived table only while one is not the derived one."""

    def __init__(self, tbl: str, names: tuple[str, ...]) -> None:
        self.tbl = tbl
        self.names = names
        keys = DERIVED_IDS.get(tbl)
        # The key columns of a derived table while every row's id so far is the derived one
        # (the ids are then not kept); None for other tables, or once a row had its own id.
        self.derived = [names.index(k) for k in keys] if keys and all(k in names for k in keys) else None
        self.row_ids: list[str] | None = None if self.derived else []
        self.seqs: list[int] = []
        self.columns: list[list[Any]] = [[] for _ in names]
        self.seen: dict[tuple[type, Any], Any] = {}
        self.skipped: list[tuple[str, int]] = []  # (row id, seq) of stored rows that cannot be sent

    def _own_ids(self, derived: list[int]) -> None:
        """A row whose id is not derived: from now on every id is kept."""
        self.row_ids = list(DerivedIds([self.columns[k] for k in derived]))
        self.derived = None

    def add(self, row_id: str, seq: int, data: dict[str, Any]) -> None:
        seen = self.seen
        values = []
        for name in self.names:
            v = data[name]
            if v is not None:
                v = seen.setdefault((type(v), v), v)
            values.append(v)
        if self.derived is not None and row_id != derived_id_of(*(values[k] for k in self.derived)):
            self._own_ids(self.derived)
        if self.row_ids is not None:
            self.row_ids.append(row_id)
        self.seqs.append(seq)
        for column, v in zip(self.columns, values):
            column.append(v)

    def extend(self, rows: list[list[Any]]) -> None:
        """Rows as [seq, id, value for each name…]."""
        if not rows:
            return
        try:
            self._extend(rows)
        except TypeError:  # a stored list or object (unhashable): those rows are not sent
            good = [r for r in rows if all(type(v) in SCALARS for v in r[2:])]
            self.skipped += [(r[1], r[0]) for r in rows if not all(type(v) in SCALARS for v in r[2:])]
            if good:
                self._extend(good)

    def _extend(self, rows: list[list[Any]]) -> None:
        seqs, row_ids, *values_of = zip(*rows)
        seen = self.seen
        # Equal values kept once (a million allocations repeat a few thousand amounts).
        columns = [[seen.setdefault((type(v), v), v) if v is not None else v for v in values] for values in values_of]
        derived = self.derived
        if derived is not None and any(map(str.__ne__, row_ids, map(derived_id_of, *(columns[k] for k in derived)))):
            self._own_ids(derived)
        if self.row_ids is not None:
            self.row_ids.extend(row_ids)
        self.seqs.extend(seqs)
        for column, values in zip(self.columns, columns):
            column.extend(values)

    def encode(self, ids: Ids, serial: bool = False) -> dict[str, Any]:
        return encode_rows(self.tbl, self.row_ids, self.seqs, dict(zip(self.names, self.columns)), ids, serial)


class PageQuery:
    """The rows of one pull page: (cursor, end] of a unit, without the asking device's own."""

    def __init__(self, s: Session, unit_id: int, cursor: int, end: int, me: str | None) -> None:
        self.s = s
        self.pg = s.connection().dialect.name == "postgresql"
        self.params: dict[str, Any] = {"u": unit_id, "c": cursor, "e": end} | ({"me": me} if me else {})
        self.where = "unit_id = :u AND seq > :c AND seq <= :e" + (
            " AND (origin IS NULL OR origin <> :me)" if me else "")

    def counts(self) -> dict[str, int]:
        return {tbl: n for tbl, n in self.s.execute(
            text(f"SELECT tbl, count(*) FROM record WHERE {self.where} GROUP BY tbl"), self.params)}

    def _has_keys(self, keys: list[str]) -> str:
        if self.pg:
            return "data ?& ARRAY[" + ", ".join(f"'{k}'" for k in keys) + "]"
        return " AND ".join(f"json_type(data, '$.{k}') IS NOT NULL" for k in keys)

    @staticmethod
    def keys(tbl: str) -> list[str]:
        return sorted(TABLES[tbl] | {"created_at", "updated_at", "device_id"})

    def fast(self, tbl: str, n: int) -> Columns:
        """The rows of `tbl` that have every field (all of them but for a record made before
        a field was added), as columns: one JSON array of [seq, id, values…] per chunk."""
        keys = self.keys(tbl)
        # Rows of a derived table in key order (receipt, member, month): a receipt's
        # allocations together, its members in one order every month, whatever order they
        # were pushed in. Their order within a page means nothing to the receiver.
        # Audit rows by the table they are about, then seq: like rows together (a receipt's
        # payer, then the receipts' summaries, then the book's numbers) compress best.
        derived = DERIVED_IDS.get(tbl)
        by = derived or _GROUPED.get(tbl, ())
        then = [] if derived else ["seq"]
        order = ", ".join([f"data->>'{k}'" for k in by] + then)
        if self.pg:
            values = ", ".join(f"data->'{k}'" for k in keys)
            agg = f"json_agg(json_build_array(seq, row_id, {values}) ORDER BY {order})::text"
            source = "record"
        else:
            values = ", ".join(f"data -> '$.{k}'" for k in keys)
            agg = f"json_group_array(json_array(seq, row_id, {values}))"
            order = ", ".join([f"data ->> '$.{k}'" for k in by] + then)
            source = "(SELECT * FROM record WHERE {where} ORDER BY {order})"
        group = Columns(tbl, tuple(keys))
        lo, hi = self.params["c"], self.params["e"]
        step = max(1, (hi - lo) * FAST_CHUNK // max(n, 1))
        for a in range(lo, hi, step):
            where = f"{self.where} AND tbl = :t AND seq > :a AND seq <= :b AND {self._has_keys(keys)}"
            raw = self.s.execute(text(f"SELECT {agg} FROM {source.format(where=where, order=order)} WHERE {where}"),
                                 {**self.params, "t": tbl, "a": a, "b": min(a + step, hi)}).scalar()
            if raw:
                group.extend(json.loads(raw))
        return group

    def rest(self, fast: list[str], stream: bool) -> Result[str, str, int, Any]:
        """Every other row, one document each (streamed from a server-side cursor when the
        page is large; a small one comes in one round trip)."""
        skip = " OR ".join(f"(tbl = '{t}' AND {self._has_keys(self.keys(t))})" for t in fast)
        c = Record.__table__.c
        stmt = text(f"SELECT tbl, row_id, seq, data FROM record WHERE {self.where}"
                    + (f" AND NOT ({skip})" if skip else "") + " ORDER BY seq").columns(c.tbl, c.row_id, c.seq, c.data)
        return self.s.execute(stmt.execution_options(yield_per=5000) if stream else stmt, self.params)
