"""Long id lists asked of SQLite in slices: one statement may carry only so many `?`
(999 before SQLite 3.32, 32,766 after), and a unit has 100,000 members."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_CHUNK = 500


def in_chunks(values: Sequence[T], size: int = IN_CHUNK) -> Iterator[tuple[list[T], str]]:
    """Each slice of `values` with its placeholders, for `... IN ({marks})`:

        for chunk, marks in in_chunks(ids):
            conn.execute(f"SELECT ... WHERE id IN ({marks})", chunk)
    """
    for start in range(0, len(values), size):
        chunk = list(values[start:start + size])
        yield chunk, ",".join("?" * len(chunk))
