"""Rows on the wire, column by column (protocol 2): pull pages and bulk inserts.

A table's rows travel as columns, each in the smallest of a few plain JSON forms:

    {"c": v}                       every row has the value v (nulls and defaults cost nothing)
    {"r": [d0, d1, ...]}           ids: indexes into the page's shared list of ids, each
                                   given as the difference from the previous index
                                   (null where the value is null)
    {"d": [v0, v1, ...], "x": [i, ...]}   few distinct values: a dictionary and indexes
    {"s": [first, d1, d2, ...]}    integers, each as the difference from the previous one
    {"v": [v, ...]}                anything else, as it is

and, in a snapshot's chunks only (server/sync/snapshot.py; a client that asks for a
snapshot reads them, the ordinary pull pages never carry them):

    {"t": [us0, d1, ...]}          timestamps "YYYY-MM-DD HH:MM:SS.ffffff": microseconds
                                   since 1970, each as the difference from the previous one
                                   (null where the value is null)
    {"e": "name"}                  the same values as the column `name` of these rows
                                   (an audit row's created_at and updated_at are its `at`)
    {"i": [n0, d1, ...]}           text that is a whole number ("41" to "42": an audit
                                   row's old and new value), as numbers, each as the
                                   difference from the previous one (null where null);
                                   only with form "u" (below)

and, for the row ids of SERIAL_IDS tables (audit rows), in a snapshot's chunks when the
client asked for it (?forms=u) and in pushes to a server that lists it (PushResponse.forms):

    {"u": [t0, d1, ...], "w": [r0, d1, ...]}   UUIDs as two numbers each: the first 48
                                   bits (a UUIDv7's milliseconds) and the other 80, each
                                   as the difference from the previous row's; an audit
                                   row's id is the PC's clock, device and a counter, so
                                   a run of them costs a byte or two, not the 16 of an id
                                   in the shared list

The page's ids (UUIDs of rows and of the rows they point to) are listed once, whichever
tables and columns use them: a member's id is sent once, not again in each of its
month allocations. The ids of DERIVED_IDS tables are not sent at all; the receiver
computes them. Decoding gives back exactly the values encoded (JSON types kept)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from itertools import accumulate, repeat
from operator import floordiv, mod, sub
from typing import Any, overload

from protocol.tables import _NS, DERIVED_IDS, SERIAL_IDS

_NS_BYTES = _NS.bytes


def is_uuid(v: Any) -> bool:
    return (type(v) is str and len(v) == 36 and v[8] == "-" and v[13] == "-" and v[18] == "-"
            and v[23] == "-")


class Ids:
    """The page's shared list of ids, each given its index when first seen."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.list: list[str] = []

    def ref(self, v: str) -> int:
        i = self.index.get(v)
        if i is None:
            i = self.index[v] = len(self.list)
            self.list.append(v)
        return i


def _refs(values: list[Any], ids: Ids) -> list[int | None]:
    out: list[int | None] = []
    prev = 0
    ref = ids.ref
    for v in values:
        if v is None:
            out.append(None)
            continue
        i = ref(v)
        out.append(i - prev)
        prev = i
    return out


def _deltas(values: list[int]) -> list[int]:
    out = [values[0]]
    out.extend(b - a for a, b in zip(values, values[1:]))
    return out


def _running(deltas: Iterable[Any]) -> Iterator[Any]:
    """The running totals of the differences, from 0, by a loop in C (a first sync decodes
    a million of them): exactly the values (and errors) of total += d, one by one."""
    totals = accumulate(deltas, initial=0)
    next(totals)
    return totals


def _undelta(deltas: list[int]) -> list[int]:
    return list(_running(deltas))


def encode_column(values: list[Any], ids: Ids) -> dict[str, Any]:
    kinds = set(map(type, values))
    if len(kinds) == 1:
        kind = next(iter(kinds))
        try:
            distinct = set(values)
        except TypeError:  # not hashable: never in a row, but then plainly
            return {"v": values}
    else:
        kind = None
        distinct = {(type(v), v) for v in values}
    if len(distinct) == 1:
        return {"c": values[0]}
    if kinds <= {str, type(None)} and str in kinds and all(map(is_uuid, filter(None, values))):
        return {"r": _refs(values, ids)}
    if kind is int and all(a <= b for a, b in zip(values, values[1:])):
        return {"s": _deltas(values)}
    if len(distinct) * 4 > len(values):
        return {"v": values}
    keys = values if kind is not None else [(type(v), v) for v in values]
    index: dict[Any, int] = {}
    for k in keys:
        if k not in index:
            index[k] = len(index)
    dictionary = list(index) if kind is not None else [k[1] for k in index]
    return {"d": dictionary, "x": list(map(index.__getitem__, keys))}


_EPOCH = datetime(1970, 1, 1)
_TS_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
# ASCII digits only: fromisoformat also reads other scripts' digits, which would not come back as sent.
_TS_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")


def _is_timestamp(v: Any) -> bool:
    return (type(v) is str and len(v) == 26 and v[4] == "-" and v[10] == " " and v[19] == "."
            and v[:4].isdigit() and v[20:].isdigit())


# Timestamps one after the other: a column of them joined (each exactly 26 characters).
_TS_RUN = re.compile(f"(?:{_TS_SHAPE.pattern})*")
_MICROSECOND = timedelta(microseconds=1)


def encode_timestamps(values: list[Any]) -> dict[str, Any] | None:
    """{"t": ...} for a column of timestamps that it gives back exactly; None otherwise."""
    if values and None not in values:  # the usual column: checked and read by loops in C
        if not (set(map(type, values)) == {str} and set(map(len, values)) == {26}
                and _TS_RUN.fullmatch("".join(values))):
            return None
        try:
            moments = list(map(datetime.fromisoformat, values))
        except ValueError:  # the shape, not a date (February 30th)
            return None
        micros = list(map(floordiv, map(datetime.__sub__, moments, repeat(_EPOCH)), repeat(_MICROSECOND)))
        return {"t": [micros[0], *map(sub, micros[1:], micros)]}
    out: list[int | None] = []
    prev = 0
    for v in values:
        if v is None:
            out.append(None)
            continue
        if not _is_timestamp(v) or not _TS_SHAPE.fullmatch(v):
            return None
        try:
            # The shape is checked above: fromisoformat reads it as strptime would, ten times faster.
            t = datetime.fromisoformat(v)
        except ValueError:
            return None
        us = (t - _EPOCH) // timedelta(microseconds=1)
        out.append(us - prev)
        prev = us
    return {"t": out}


_YEAR_1000_US = (datetime(1000, 1, 1) - _EPOCH) // timedelta(microseconds=1)
_SECOND_US = 1_000_000


def _timestamps(deltas: list[int | None]) -> list[str | None]:
    if None not in deltas:  # the usual column: every value by loops in C
        try:
            totals = list(_running(deltas))
            # isoformat writes a year under 1000 with its zeros, strftime without: those
            # go the long way, so that the text is always strftime's
            if not totals or min(totals) >= _YEAR_1000_US:
                # The second's text made once for each second (rows written together
                # share it), the microseconds' once for each value they take; joined.
                seconds = list(map(floordiv, totals, repeat(_SECOND_US)))
                micros = list(map(mod, totals, repeat(_SECOND_US)))
                second_texts = {s: (_EPOCH + timedelta(seconds=s)).isoformat(" ") for s in set(seconds)}
                micro_texts = {m: f".{m:06d}" for m in set(micros)}
                return list(map(str.__add__, map(second_texts.__getitem__, seconds),
                                map(micro_texts.__getitem__, micros)))
        except (OverflowError, TypeError) as exc:  # not a timestamp: a malformed column
            raise ValueError("timestamp out of range") from exc
    out: list[str | None] = []
    total = 0
    for d in deltas:
        if d is None:
            out.append(None)
            continue
        total += d
        try:
            t = _EPOCH + timedelta(microseconds=total)
            # As strftime(_TS_FORMAT) writes it, three times faster (a year below 1000 too).
            out.append(t.isoformat(" ", "microseconds") if t.year >= 1000 else t.strftime(_TS_FORMAT))
        except (OverflowError, TypeError) as exc:  # not a timestamp: a malformed column
            raise ValueError("timestamp out of range") from exc
    return out


_LOW_BITS = 80
_LOW = (1 << _LOW_BITS) - 1
_HIGH = 1 << 48
# The forms beyond the first ones of protocol 2 that a client may ask for and a server
# lists as read in pushes: timestamps, equal columns and serial ids.
COMPACT_FORMS: tuple[str, ...] = ("t", "e", "u", "i")


def encode_uuids(values: Sequence[Any]) -> dict[str, Any] | None:
    """{"u": ..., "w": ...} for a column of lowercase UUIDs that it gives back exactly;
    None otherwise (a null, an id written another way)."""
    highs: list[int] = []
    lows: list[int] = []
    prev_high = prev_low = 0
    for v in values:
        if not is_uuid(v):
            return None
        h = v[:8] + v[9:13] + v[14:18] + v[19:23] + v[24:]
        try:
            x = int(h, 16)
        except ValueError:
            return None
        if f"{x:032x}" != h:  # upper case, signs, underscores: sent as they are written
            return None
        high, low = x >> _LOW_BITS, x & _LOW
        highs.append(high - prev_high)
        lows.append(low - prev_low)
        prev_high, prev_low = high, low
    return {"u": highs, "w": lows} if values else None


def _uuids(highs: list[Any], lows: list[Any]) -> list[str]:
    if len(highs) != len(lows):
        raise ValueError("the two halves of the ids differ in length")
    out = []
    high = low = 0
    for dh, dl in zip(highs, lows):
        if type(dh) is not int or type(dl) is not int:
            raise ValueError("an id's half is not a whole number")
        high += dh
        low += dl
        if not (0 <= high < _HIGH and 0 <= low <= _LOW):
            raise ValueError("an id out of range")
        h = f"{high:012x}{low:020x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def encode_number_texts(values: list[Any]) -> dict[str, Any] | None:
    """{"i": ...} for a column of texts that are whole numbers written plainly ("7", "-12",
    not "07" or "+7") and nulls, with one number at least; None otherwise."""
    out: list[int | None] = []
    prev = 0
    for v in values:
        if v is None:
            out.append(None)
            continue
        if type(v) is not str or len(v) > 18 or not v.isascii() or not v.lstrip("-").isdigit():
            return None
        n = int(v)
        if str(n) != v:
            return None
        out.append(n - prev)
        prev = n
    return {"i": out} if len(out) > out.count(None) else None


def _number_texts(deltas: list[Any]) -> list[str | None]:
    out: list[str | None] = []
    total = 0
    for d in deltas:
        if d is None:
            out.append(None)
            continue
        if type(d) is not int:
            raise ValueError("a number text's difference is not a whole number")
        total += d
        if not -_NUMBER_TEXT < total < _NUMBER_TEXT:
            raise ValueError("a number text longer than 18 digits")
        out.append(str(total))
    return out


def compact_columns(group: dict[str, Any], numbers: bool = False) -> dict[str, Any]:
    """A pull page's table made smaller for a snapshot: timestamp columns as numbers, and
    a column equal to an earlier one named, not sent again. numbers: texts that are whole
    numbers as numbers too (form "i", for a receiver that reads it)."""
    cols = group["cols"]
    for name, col in cols.items():
        if "v" in col:
            cols[name] = encode_timestamps(col["v"]) or (numbers and encode_number_texts(col["v"])) or col
    seen: dict[str, str] = {}
    for name in list(cols):
        key = repr(cols[name])
        if len(key) > 40 and key in seen:
            cols[name] = {"e": seen[key]}
        else:
            seen.setdefault(key, name)
    return group


# A difference or a number in a column: what a 64-bit integer holds. A text sent as a
# number (form "i") is at most 18 characters, as encode_number_texts makes it.
_INT64 = 1 << 63
_NUMBER_TEXT = 10 ** 18
_NONE = type(None)
_LIST_FORMS = ("v", "s", "r", "t", "i", "u", "w", "x")


def _numbers(values: list[Any], nullable: bool, bound: int = _INT64) -> list[int]:
    """The whole numbers of a list of differences (ValueError for anything else: a bool, a
    float, a text, a number outside ±bound), checked by loops in C."""
    kinds = set(map(type, values))
    if not kinds <= ({int, _NONE} if nullable else {int}):
        raise ValueError("a difference is not a whole number")
    present = [v for v in values if v is not None] if _NONE in kinds else values
    if present and not (-bound <= min(present) and max(present) < bound):
        raise ValueError("a difference out of range")
    return present


def _check_form(col: Any, n: int, ids: list[str]) -> None:
    """A column's form as a sender may have made it, checked before anything is decoded:
    every list exactly n long and of the right kind, every difference a 64-bit integer,
    every reference to a row id or a distinct value inside its list. A push is a hostile
    sender's text: a tiny body must not decode into gigabytes, nor a wrong shape into a
    500 (ValueError here is the sender's 400)."""
    if not isinstance(col, dict):
        raise ValueError("a column is not an object")
    for form in _LIST_FORMS:
        if form in col and (type(col[form]) is not list or len(col[form]) != n):
            raise ValueError(f"column form {form!r} is not a list of {n} values")
    if "u" in col:
        if "w" not in col:
            raise ValueError("an id column without its low halves")
        _numbers(col["u"], False, _HIGH)  # each running half is checked as it is decoded
        _numbers(col["w"], False, _LOW + 1)
    elif "i" in col:
        _numbers(col["i"], True)
    elif "t" in col:
        _numbers(col["t"], True)
    elif "s" in col:
        _numbers(col["s"], False)
    elif "r" in col:
        refs = col["r"]
        _numbers(refs, True)
        if None in refs:  # a null refers to nothing and leaves the running total as it was
            total, totals = 0, []
            for d in refs:
                if d is not None:
                    total += d
                    totals.append(total)
        else:
            totals = list(_running(refs))
        if totals and not (min(totals) >= 0 and max(totals) < len(ids)):
            raise ValueError("a reference to an id not in the page")
    elif "d" in col:
        if type(col["d"]) is not list or "x" not in col:
            raise ValueError("a column of distinct values without its list or its indexes")
        x = _numbers(col["x"], False)
        if x and not (min(x) >= 0 and max(x) < len(col["d"])):
            raise ValueError("an index out of the distinct values")
    elif "c" in col:
        if isinstance(col["c"], (list, dict)):
            raise ValueError("a constant column holds a list")
    elif "v" not in col:
        raise ValueError("a column of no known form")


def decode_column(col: dict[str, Any], n: int, ids: list[str]) -> list[Any]:
    _check_form(col, n, ids)
    if "u" in col:
        return _uuids(col["u"], col["w"])
    if "i" in col:
        return _number_texts(col["i"])
    if "t" in col:
        return _timestamps(col["t"])
    if "c" in col:
        return [col["c"]] * n
    if "r" in col:
        if None not in col["r"]:
            return list(map(ids.__getitem__, _running(col["r"])))
        out: list[str | None] = []
        prev = 0
        for d in col["r"]:
            if d is None:
                out.append(None)
            else:
                prev += d
                out.append(ids[prev])
        return out
    if "s" in col:
        return _undelta(col["s"])
    if "d" in col:
        return list(map(col["d"].__getitem__, col["x"]))
    values: list[Any] = col["v"]
    return values


def encode_rows(tbl: str, row_ids: Sequence[str] | None, seqs: list[int] | None, columns: dict[str, list[Any]],
                ids: Ids, serial: bool = False) -> dict[str, Any]:
    """One table's rows: row ids (left out when derived; None: known to be), seqs (pull
    pages) and fields. serial: the receiver reads form "u" (the ids of SERIAL_IDS tables)."""
    n = len(row_ids) if row_ids is not None else len(next(iter(columns.values()), []))
    out: dict[str, Any] = {"tbl": tbl, "n": n}
    if row_ids is not None and not all_derived(tbl, row_ids, columns):
        numbers = encode_uuids(row_ids) if serial and tbl in SERIAL_IDS else None
        out["id"] = numbers or encode_column(list(row_ids), ids)
    if seqs is not None:
        out["seq"] = {"s": _deltas(seqs)} if n else {"v": []}
    out["cols"] = {name: encode_column(values, ids) for name, values in columns.items()} if n else {}
    return out


def decode_rows(group: dict[str, Any], ids: list[str]) -> tuple[Sequence[str], list[int] | None, dict[str, list[Any]]]:
    """(row ids, seqs or None, {field: values}) of one encoded table."""
    n = group["n"]
    cols = {name: decode_column(c, n, ids) for name, c in group["cols"].items() if "e" not in c}
    for name, c in group["cols"].items():
        if "e" in c:
            source = cols.get(c["e"])
            if source is None:
                raise ValueError(f"column {name} refers to a column not in the table")
            cols[name] = list(source)
    row_ids: Sequence[str]
    if group.get("id") is not None:
        row_ids = decode_column(group["id"], n, ids)
    else:
        row_ids = DerivedIds([cols[k] for k in DERIVED_IDS[group["tbl"]]])
    seqs = decode_column(group["seq"], n, ids) if group.get("seq") is not None else None
    return row_ids, seqs, cols


def all_derived(tbl: str, row_ids: Sequence[str], columns: dict[str, list[Any]]) -> bool:
    """Every row's id is the one DERIVED_IDS gives it (rows made before ids were derived
    keep their own, and then ids travel)."""
    keys = DERIVED_IDS.get(tbl)
    return keys is not None and all(k in columns for k in keys) and not any(
        map(str.__ne__, row_ids, map(derived_id_of, *(columns[k] for k in keys))))


class DerivedIds(Sequence[str]):
    """The ids of a derived table's rows, computed when read: a first sync's million
    allocations are inserted as their ids are made, never held all at once."""

    def __init__(self, keys: list[list[Any]]) -> None:
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys[0]) if self.keys else 0

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return list(map(derived_id_of, *(k[i] for k in self.keys)))
        return derived_id_of(*(k[i] for k in self.keys))

    def __iter__(self) -> Iterator[str]:
        return map(derived_id_of, *self.keys)


def derived_id_of(*values: object) -> str:
    """protocol.tables.derived_id from the key values in DERIVED_IDS order, without a dict
    (a first sync derives a million of them)."""
    h = bytearray(hashlib.sha1(_NS_BYTES + "/".join(map(str, values)).encode()).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50
    h[8] = (h[8] & 0x3F) | 0x80
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def transpose(rows: Iterable[dict[str, Any]], names: list[str]) -> dict[str, list[Any]]:
    listed = list(rows)
    return {name: [r.get(name) for r in listed] for name in names}
