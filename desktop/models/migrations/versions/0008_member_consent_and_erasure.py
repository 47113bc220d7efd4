"""member consent and erasure of personal data

Revision ID: 0008
Revises: 0006

Personal data (issue 7, item 8; DOMAIN.md "Personal data — law"): the day a member
agreed that the union keeps and uses their data (consent_date), and the moment a
leaver's personal data was erased after the retention period (erased_at). Both sync.
Added and dropped with ALTER TABLE (no rebuild of the member table).
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+), not a batch rebuild: a rebuild would lose the
    # functional index ix_member_birthday (0005), which reflection cannot copy.
    op.execute("ALTER TABLE member DROP COLUMN erased_at")
    op.execute("ALTER TABLE member DROP COLUMN consent_date")
