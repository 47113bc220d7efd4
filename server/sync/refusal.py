"""What the server tells a PC about a pushed row it did not store: a code the PC acts on
and a Vietnamese message for its user, naming what the sender gave safely."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from protocol.limits import strip_control


class Refusal(NamedTuple):
    code: str
    error: str


def shown(names: Iterable[str], most: int = 5) -> str:
    """Names a sender gave, for a message: a few, short, without control characters."""
    listed = sorted(names)
    out = ", ".join(strip_control(n)[:40] for n in listed[:most])
    return out + (f" và {len(listed) - most} trường khác" if len(listed) > most else "")
