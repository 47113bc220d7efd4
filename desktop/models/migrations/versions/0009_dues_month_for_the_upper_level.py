"""dues due by month, synced for the upper level's figures

Revision ID: 0009
Revises: 0008

Issue 4, item 4: upper levels see each unit's dues due by month beside what was
collected. The due follows from the law, the bases and the exemptions, which only the
PCs compute; they keep one row per month here and it syncs like any other table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dues_month',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('due', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_month')),
    sa.UniqueConstraint('month', name=op.f('uq_dues_month_month'))
    )


def downgrade() -> None:
    op.drop_table('dues_month')
