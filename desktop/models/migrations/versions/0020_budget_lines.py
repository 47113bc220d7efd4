"""the budget estimate's lines the accountant edited (dự toán, B14-TLĐ)

Revision ID: 0020
Revises: 0016

Issue 14, item 9. The app proposes each line of the year's budget from the ledger and the
members; this table keeps only what a person typed (the estimate, what the upper level
approved, a note), per year and line code, and it syncs. Nothing is seeded.
The sync capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('budget_line',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('estimate', sa.Integer(), nullable=True),
    sa.Column('approved', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_line'))
    )


def downgrade() -> None:
    op.drop_table('budget_line')
