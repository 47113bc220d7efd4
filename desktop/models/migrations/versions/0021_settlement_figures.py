"""the settlement's figures kept per year and synced (B07-TLĐ part A, the closing as reported)

Revision ID: 0021
Revises: 0019

Issue 14, item 8. Part A's figures that only the unit knows (the employer's workers and
payroll for kinh phí) and the closing cash and bank as the saved settlement reported them
were kept in the PC's own settings: a second PC of the unit printed part A blank and never
checked Mã số 10 against last year's report. They are rows of their own now, per year and
key, and they sync. Nothing is carried over: those settings existed only in development.
The sync capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settlement_figure',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_figure'))
    )


def downgrade() -> None:
    op.drop_table('settlement_figure')
