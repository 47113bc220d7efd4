"""Small readers and writers the sync tests share: plain SQL on the desktop files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from desktop.services.cash.service import CashService
from desktop.services.members.service import MemberService


def add_member(ctx, name: str, birth: str = "02/03/1990", gender: str = "Nam", **extra) -> str:
    raw = {"full_name": name, "birth_date": birth, "gender": gender, **extra}
    return MemberService(ctx).add(raw, confirm_similar=True).id


def edit_member(ctx, member_id: str, **changes) -> None:
    svc = MemberService(ctx)
    svc.update(member_id, replace(svc.get(member_id).data, **changes), confirm_similar=True)


def receipt(ctx, amount: int = 50_000, who: str = "Nguyễn Văn Thu") -> str:
    return CashService(ctx).record(kind="thu", category="thu_khac", doc_date=date.today(), person_name=who,
                                   reason="Thu ủng hộ", amount=amount).id


def rows(ctx, sql: str, *params):
    conn = sqlite3.connect(ctx.db.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def snapshot(ctx) -> dict:
    """What must be equal on every device once all have synced."""
    return {
        "members": rows(ctx, "SELECT id, full_name, phone, gender, status, deleted_at IS NOT NULL, job_title, notes "
                             "FROM member ORDER BY id"),
        "events": rows(ctx, "SELECT id, member_id, kind FROM member_event ORDER BY id"),
        "docs": rows(ctx, "SELECT id, book_code, number, amount FROM cash_doc ORDER BY id"),
        "voids": rows(ctx, "SELECT doc_id FROM cash_doc_void ORDER BY doc_id"),
        "groups": rows(ctx, "SELECT id, name, deleted_at IS NOT NULL FROM unit_group ORDER BY id"),
        "unit": rows(ctx, "SELECT id, name, chair_name FROM unit ORDER BY id"),
        "dues": rows(ctx, "SELECT id, doc_id, member_id, month, amount FROM dues_payment ORDER BY id"),
    }


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn",
         "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Đào"]


def person(i: int) -> str:
    """A distinct, plausible full name for the i-th test member (names have no digits)."""
    return f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 5]} {GIVEN[(i // 50) % 20]}"
