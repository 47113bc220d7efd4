"""remittance share: 70 % kept from the 2023 fiscal year (QĐ 8108/QĐ-TLĐ)

Revision ID: 0012
Revises: 0011

Issue 14, item 12. Migration 0002 seeded the share of đoàn phí sent upward as 40 % from
2022 and 30 % only from 29/08/2025. The 30 % dates from QĐ 8108/QĐ-TLĐ of 16/10/2023,
"có hiệu lực từ niên độ tài chính năm 2023", amending khoản 1 Điều 5 of QĐ 4290/QĐ-TLĐ
(DOMAIN.md; docs/research/b07-settlement-form.md §6: the Hải Phòng city portal and VASEP
quote it word for word); the VGCL guidance of 29/08/2025 only restates it. So the seeded
30 % row moves to 01/01/2023 with QĐ 8108 as its source, and the remittances and reports of
2023-2025 follow from the data.

What a unit chose itself is kept: its own share in Settings (unit.remit_share_bp) is not
touched; a seeded row it deleted or that no longer holds the seeded values stays as it is;
and if it already entered its own rule from 01/01/2023, the seeded rows are left alone
(two rules of the same day would leave the choice between them to chance).

Every PC makes the same correction of the same rows (their ids are fixed, 0002), as it
seeded them: the change is made with the sync and the audit capture silent
(sync_state.applying), so that no PC sends it to the server as a change of its own.
"""
import uuid
from datetime import date, datetime

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

NS = uuid.UUID("6f1c1d5e-8a43-4c1b-9d4e-3c0b8f1a2d70")  # 0002's: the ids of the seeded law rows
SEEDED_30 = str(uuid.uuid5(NS, "remit_rule/2025-08-29"))
WAS = (date(2025, 8, 29), "Hướng dẫn của Tổng Liên đoàn ngày 29/08/2025: giữ 70%, nộp cấp trên 30%")
NOW = (date(2023, 1, 1), "QĐ 8108/QĐ-TLĐ ngày 16/10/2023, hiệu lực từ niên độ tài chính 2023: công đoàn cơ sở "
                         "giữ 70%, nộp cấp trên 30%")
CORRECTED_AT = datetime(2026, 12, 7)  # the same on every PC, like the seed's own time

remit_rule = sa.table("remit_rule", sa.column("id", sa.String), sa.column("effective_from", sa.Date),
                      sa.column("share_bp", sa.Integer), sa.column("source", sa.String),
                      sa.column("updated_at", sa.DateTime), sa.column("deleted_at", sa.DateTime))


def _silently(move) -> None:
    conn = op.get_bind()
    applying = conn.execute(sa.text("SELECT applying FROM sync_state WHERE id = 1")).scalar()
    conn.execute(sa.text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
    try:
        move(conn)
    finally:
        conn.execute(sa.text("UPDATE sync_state SET applying = :a WHERE id = 1"), {"a": applying or 0})


def _move(conn, frm, to) -> None:
    own_rule = conn.execute(sa.select(remit_rule.c.id).where(
        remit_rule.c.effective_from == to[0], remit_rule.c.id != SEEDED_30,
        remit_rule.c.deleted_at.is_(None))).first()
    if own_rule is not None:
        return
    conn.execute(sa.update(remit_rule).where(
        remit_rule.c.id == SEEDED_30, remit_rule.c.effective_from == frm[0], remit_rule.c.source == frm[1],
        remit_rule.c.share_bp == 3000, remit_rule.c.deleted_at.is_(None),
    ).values(effective_from=to[0], source=to[1], updated_at=CORRECTED_AT))


def upgrade() -> None:
    _silently(lambda conn: _move(conn, WAS, NOW))


def downgrade() -> None:
    _silently(lambda conn: _move(conn, NOW, WAS))
