"""member dues paid through (before the app's records)

Revision ID: 0010
Revises: 0009

Issue 12, item 9: an office that starts using the app mid-year has members who paid
their dues up to some month on paper. member.dues_paid_through (the first day of that
month) says the months up to and including it were settled before the app: neither due
nor behind, and no money of the app's books. It syncs like the other member fields.
Added and dropped with ALTER TABLE (no rebuild of the member table, which would lose the
functional index of 0005).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dues_paid_through', sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE member DROP COLUMN dues_paid_through")
