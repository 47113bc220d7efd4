"""The status life-cycle of a member: events, what each leads to, and what may follow."""

from __future__ import annotations

from dataclasses import dataclass

from protocol.tables import CURRENT_STATUSES as CURRENT_STATUSES  # the values as they sync
from protocol.tables import STATUS_LABELS as STATUS_LABELS

DEPARTED_STATUSES = ("transferred_out", "left", "expelled", "deceased")


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str
    to_status: str
    # Statuses the member may be in before this event; None means "no events yet".
    allowed_from: frozenset[str | None]


def _k(key: str, label: str, to: str, *frm: str | None) -> EventKind:
    return EventKind(key, label, to, frozenset(frm))


EVENT_KINDS = {
    k.key: k
    for k in (
        _k("admitted", "Kết nạp", "active", None, "transferred_out", "left", "expelled"),
        _k("transferred_in", "Chuyển đến", "active", None, "transferred_out", "left"),
        _k("transferred_out", "Chuyển đi", "transferred_out", "active", "suspended", "honorary"),
        _k("suspended", "Tạm dừng sinh hoạt", "suspended", "active"),
        _k("resumed", "Sinh hoạt trở lại", "active", "suspended"),
        _k("honorary", "Công nhận đoàn viên danh dự", "honorary", None, "active", "suspended"),
        _k("left", "Ra khỏi tổ chức / xóa tên", "left", "active", "suspended", "honorary"),
        _k("expelled", "Khai trừ", "expelled", "active", "suspended"),
        _k("deceased", "Từ trần", "deceased", "active", "suspended", "honorary", "transferred_out", "left"),
    )
}
FIRST_EVENT_KINDS = ("admitted", "transferred_in", "honorary")


def status_after(kinds: list[str]) -> str:
    """The status that a member's events in order lead to."""
    status = "active"
    for kind in kinds:
        status = EVENT_KINDS[kind].to_status
    return status


def can_follow(current: str | None, kind: str) -> bool:
    return current in EVENT_KINDS[kind].allowed_from


def next_kinds(current: str | None) -> list[str]:
    return [k for k, ev in EVENT_KINDS.items() if current in ev.allowed_from]
